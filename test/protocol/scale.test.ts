/**
 * Indexing a large corpus over stdio: requests are answered while it indexes (on a worker thread),
 * and when the worker cannot start, indexing falls back to the main thread with a logged message.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import * as rpc from 'vscode-languageserver-protocol/node';
import { sotuSources } from '../../bench/sotu';
import { TestClient } from './client';

/** The 120 most recent State of the Union addresses (about 6 MB of Markdown). */
const speeches = sotuSources().slice(-120);
const files = Object.fromEntries(speeches.map((s) => [`sources/${s.key}.md`, s.text]));
const cited = speeches[speeches.length - 1]!.key;
const NOTE = `The deficit was cut by $100 billion last year [@${cited}].\n\nWe created 15 million new jobs.\n`;

/** A hover round trip this long while indexing means a request waited on indexing. */
const BOUND_MS = 500;

describe('indexing a large corpus over stdio', () => {
	const cacheRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-proto-scale-'));
	const clients: TestClient[] = [];
	after(async () => {
		for (const c of clients) await c.close();
		fs.rmSync(cacheRoot, { recursive: true, force: true });
	});

	test('textDocument/hover: answered within a bound while the sources are indexed', async () => {
		const c = new TestClient({ seeds: false, files, settings: { sources: ['sources/**/*.md'], cachePath: path.join(cacheRoot, 'hover') } });
		clients.push(c);
		await c.initialize();
		const uri = await c.open('notes/today.md', NOTE);
		const times: number[] = [];
		let during = '';
		while (!c.statuses.some((s) => s.state === 'ready')) {
			const t = performance.now();
			const h = await c.conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 27 } });
			if (!c.statuses.some((s) => s.state === 'ready')) {
				times.push(performance.now() - t);
				during = (h?.contents as rpc.MarkupContent | undefined)?.value ?? '';
				// the note is checked once every source is read: nothing is said of it against a part of them
				assert.equal(c.diagnostics.get(uri), undefined, 'diagnostics were published while indexing');
			}
			await new Promise((r) => setTimeout(r, 10));
		}
		assert.match(during, /^\*\*\$100 billion\*\* .*the sources are still being indexed/);
		// the summary is logged right after the status that says ready: it may come a read later
		const summary = await c.until(() => c.logs.find((l) => /^Indexed \d+ sources/.test(l)), 'the indexing summary in the log');
		assert.match(summary, /^Indexed 120 sources .*on a worker thread/);
		assert.ok(times.length >= 5, `only ${times.length} hovers were answered while indexing`);
		assert.ok(Math.max(...times) < BOUND_MS, `the slowest hover while indexing took ${Math.round(Math.max(...times))} ms (${times.length} hovers)`);
		// once indexed, the note is checked against every source
		await c.until(() => c.diagnostics.get(uri), 'diagnostics after indexing');
	});

	test('initialize: without its worker, the server indexes on the main thread and says so', async () => {
		const previous = process.env['GROUNDED_NOTES_INDEXER'];
		process.env['GROUNDED_NOTES_INDEXER'] = path.join(cacheRoot, 'no-such-indexer.js');
		let c: TestClient;
		try {
			c = new TestClient({ settings: { sources: ['seeds/**/*.txt'], cachePath: path.join(cacheRoot, 'fallback') } });
		} finally {
			if (previous === undefined) delete process.env['GROUNDED_NOTES_INDEXER'];
			else process.env['GROUNDED_NOTES_INDEXER'] = previous;
		}
		clients.push(c);
		await c.initialize();
		await c.ready();
		const summary = await c.until(() => c.logs.find((l) => /^Indexed \d+ sources/.test(l)), 'the indexing summary');
		assert.match(summary, /on the main thread/);
		assert.ok(c.logs.some((l) => /indexer worker .* is missing; indexing on the main thread/.test(l)), c.logs.join('\n'));
		const uri = await c.open('notes/report.md', 'Altman plans to invest $1.9 trillion [@000_dad698e8bbde9b79].\n');
		assert.deepEqual((await c.diagnosticsFor(uri)).filter((d) => d.severity === 1), []);
	});
});
