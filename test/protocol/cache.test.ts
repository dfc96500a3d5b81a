/**
 * The index cache and incremental indexing over stdio: a second server starts from the cache
 * (extracting nothing, answering the same), a corrupt cache is discarded and rebuilt, a changed
 * file is the only one read again, and diagnostics are never published for a stale version.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import * as rpc from 'vscode-languageserver-protocol/node';
import { TestClient } from './client';

const A = '000_dad698e8bbde9b79';
const NOTE = `Altman plans to invest $1.9 trillion to build 30 gigawatts of computing power [@${A}].\n\nStargate is a $500 billion initiative.\n`;

/** The log line that ends an indexing run, parsed. */
async function indexed(c: TestClient, from = 0): Promise<{ extracted: number; cached: number; unchanged: number; line: string }> {
	const line = await c.until(() => c.logs.slice(from).find((l) => /^Indexed \d+ sources/.test(l)), 'the indexing summary');
	const m = /(\d+) read and extracted, (\d+) from the index cache, (\d+) unchanged/.exec(line);
	assert.ok(m, line);
	return { extracted: Number(m[1]), cached: Number(m[2]), unchanged: Number(m[3]), line };
}

/** Starts a second server on the first one's workspace folder (the first's files stay where they are). */
function sameWorkspace(first: TestClient, cachePath: string): TestClient {
	const settings = { sources: ['seeds/**/*.txt'], cachePath };
	const c = new TestClient({ seeds: false, settings, folders: [] });
	(c.options.folders as string[]).push(path.relative(c.dir, first.dir));
	return c;
}

async function stop(c: TestClient): Promise<void> {
	await c.conn.sendRequest(rpc.ShutdownRequest.type);
	await c.conn.sendNotification(rpc.ExitNotification.type);
	await new Promise((r) => (c.child.exitCode !== null ? r(null) : c.child.once('exit', r)));
}

/** What a user sees of the note: its diagnostics and the hover on its first figure. */
async function seen(c: TestClient): Promise<unknown> {
	const uri = await c.open('notes/report.md', NOTE);
	const diagnostics = await c.diagnosticsFor(uri);
	const hover = await c.conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri: c.uri('notes/report.md') }, position: { line: 0, character: 24 } });
	// the URIs name the folder the note was opened from: compare what they say, not where
	return JSON.parse(JSON.stringify({ diagnostics, hover }).replaceAll(c.uri(''), 'WS/'));
}

describe('the index cache over stdio', () => {
	const cacheRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-proto-cache-'));
	const clients: TestClient[] = [];
	after(async () => {
		for (const c of clients) await c.close();
		fs.rmSync(cacheRoot, { recursive: true, force: true });
	});

	test('initialize: a second start reads every source from the cache, extracts none, and answers the same', async () => {
		const cachePath = path.join(cacheRoot, 'warm');
		const first = new TestClient({ settings: { sources: ['seeds/**/*.txt'], cachePath } });
		clients.push(first);
		await first.initialize();
		const cold = await indexed(first);
		assert.ok(cold.extracted > 0 && cold.cached === 0, cold.line);
		const before = await seen(first);
		await stop(first);
		const second = sameWorkspace(first, cachePath);
		clients.push(second);
		await second.initialize();
		const warm = await indexed(second);
		assert.equal(warm.extracted, 0, warm.line);
		assert.ok(warm.cached >= cold.extracted, warm.line);
		// the note lives in the first client's folder: open it there
		const uri = await second.open(path.join(path.relative(second.dir, first.dir), 'notes/report.md'), NOTE);
		const diagnostics = await second.diagnosticsFor(uri);
		const hover = await second.conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 24 } });
		assert.deepEqual(JSON.parse(JSON.stringify({ diagnostics, hover }).replaceAll(first.uri(''), 'WS/')), before);
		await stop(second);
	});

	test('initialize: a corrupt cache is discarded with a logged message, the index rebuilt, and the answers unchanged', async () => {
		const cachePath = path.join(cacheRoot, 'corrupt');
		const first = new TestClient({ settings: { sources: ['seeds/**/*.txt'], cachePath } });
		clients.push(first);
		await first.initialize();
		await indexed(first);
		const before = await seen(first);
		await stop(first);
		const entries = fs.readdirSync(cachePath, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.gnrec'));
		assert.ok(entries.length > 0);
		entries.forEach((f, i) => fs.writeFileSync(path.join(cachePath, f), i % 2 ? 'not an index at all' : Buffer.from([0x67, 0x72, 0x6f, 0x75, 0xff, 0x00, 0x13])));
		const second = sameWorkspace(first, cachePath);
		clients.push(second);
		await second.initialize();
		const rebuilt = await indexed(second);
		assert.equal(rebuilt.cached, 0, rebuilt.line);
		assert.ok(rebuilt.extracted > 0, rebuilt.line);
		assert.ok(second.logs.some((l) => /Discarded the cached index of .* because/.test(l)), second.logs.join('\n'));
		const uri = await second.open(path.join(path.relative(second.dir, first.dir), 'notes/report.md'), NOTE);
		const diagnostics = await second.diagnosticsFor(uri);
		const hover = await second.conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 24 } });
		assert.deepEqual(JSON.parse(JSON.stringify({ diagnostics, hover }).replaceAll(first.uri(''), 'WS/')), before);
		await stop(second);
	});

	test('groundedNotes/reindex: a changed file is the only one read and extracted again', async () => {
		const c = new TestClient({ settings: { sources: ['seeds/**/*.txt'], cachePath: path.join(cacheRoot, 'changed') } });
		clients.push(c);
		await c.initialize();
		const first = await indexed(c);
		const from = c.logs.length;
		const file = path.join(c.dir, 'seeds', `${A}.txt`);
		fs.appendFileSync(file, '\nIt later raised its goal to 40 gigawatts.\n');
		await c.conn.sendRequest('groundedNotes/reindex');
		const again = await indexed(c, from);
		assert.equal(again.extracted, 1, again.line);
		assert.equal(again.cached, 0, again.line);
		const sources = Number(/^Indexed (\d+) sources/.exec(again.line)![1]);
		assert.ok(first.extracted >= sources, first.line);
		assert.equal(again.unchanged, sources - 1, again.line);
	});

	test('textDocument/publishDiagnostics: never for a version the editor has moved past', async () => {
		const c = new TestClient({ settings: { sources: ['seeds/**/*.txt'], cachePath: path.join(cacheRoot, 'versions') } });
		clients.push(c);
		await c.initialize();
		await c.ready();
		const uri = await c.open('notes/fast.md', NOTE);
		await c.diagnosticsFor(uri, 1);
		const published: number[] = [];
		// replaces the client's own handler (one per method): keep what it does, and note each version
		c.conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
			c.diagnostics.set(p.uri, p);
			if (p.uri === uri) published.push(p.version ?? -1);
		});
		let last = 1;
		for (let i = 0; i < 25; i++) last = await c.change(uri, NOTE.replace('$1.9', `$${2 + i}`));
		await c.diagnosticsFor(uri, last);
		assert.ok(published.length >= 1);
		assert.deepEqual(published.filter((v) => v !== last), [], `published for versions ${published.join(', ')}; the last is ${last}`);
	});
});
