/**
 * The index cache and incremental indexing over stdio: a second server restores the folder's
 * snapshot (merging nothing, answering the same), or without one starts from the per-file cache
 * (extracting nothing); a snapshot whose files changed is not used; a corrupt cache is discarded
 * and rebuilt, a changed file is the only one read again, and diagnostics are never published for
 * a stale version.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { after, describe, test } from 'node:test';
import * as rpc from 'vscode-languageserver-protocol/node';
import { RecordCache, buildFingerprint } from '../../server/src/indexer/cache';
import type { SavedVerdicts } from '../../server/src/service';
import { ROOT, TestClient } from './client';

const A = '000_dad698e8bbde9b79';
const NOTE = `Altman plans to invest $1.9 trillion to build 30 gigawatts of computing power [@${A}].\n\nStargate is a $500 billion initiative.\n`;

/** The log line that ends an indexing run, parsed. */
async function indexed(c: TestClient, from = 0): Promise<{ sources: number; restored: number; extracted: number; cached: number; unchanged: number; line: string }> {
	const line = await c.until(() => c.logs.slice(from).find((l) => /^Indexed \d+ sources/.test(l)), 'the indexing summary');
	const m = /(\d+) read and extracted, (\d+) from the index cache, (\d+) unchanged/.exec(line);
	assert.ok(m, line);
	const restored = Number(/(\d+) restored from the index snapshot/.exec(line)?.[1] ?? 0);
	return { sources: Number(/^Indexed (\d+)/.exec(line)![1]), restored, extracted: Number(m[1]), cached: Number(m[2]), unchanged: Number(m[3]), line };
}

/** The snapshot files under a cache root. */
function snapshots(cachePath: string): string[] {
	return fs.readdirSync(cachePath, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.gnsnap')).map((f) => path.join(cachePath, f));
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

/** What a second server on the first's folder shows of the note (opened in the first's folder, where it lives). */
async function seenFrom(second: TestClient, first: TestClient): Promise<unknown> {
	const uri = await second.open(path.join(path.relative(second.dir, first.dir), 'notes/report.md'), NOTE);
	const diagnostics = await second.diagnosticsFor(uri);
	const hover = await second.conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 24 } });
	return JSON.parse(JSON.stringify({ diagnostics, hover }).replaceAll(first.uri(''), 'WS/'));
}

describe('the index cache over stdio', () => {
	const cacheRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-proto-cache-'));
	const clients: TestClient[] = [];
	after(async () => {
		for (const c of clients) await c.close();
		fs.rmSync(cacheRoot, { recursive: true, force: true });
	});

	/** A server on the seeds with its index cache in `cachePath`, not started yet (closed after the tests). */
	const firstServer = (cachePath: string): TestClient => {
		const c = new TestClient({ settings: { sources: ['seeds/**/*.txt'], cachePath } });
		clients.push(c);
		return c;
	};

	/** A server on the seeds that indexed them cold and shut down (saving its snapshot in `cachePath`). */
	async function indexedAndStopped(cachePath: string): Promise<TestClient> {
		const first = firstServer(cachePath);
		await first.initialize();
		await indexed(first);
		await stop(first);
		return first;
	}

	/** Another server on the first's folder and cache, started, once it has indexed: it, and its indexing summary. */
	async function restart(first: TestClient, cachePath: string): Promise<{ server: TestClient; summary: Awaited<ReturnType<typeof indexed>> }> {
		const server = sameWorkspace(first, cachePath);
		clients.push(server);
		await server.initialize();
		return { server, summary: await indexed(server) };
	}

	test('initialize: a second start restores the snapshot the first saved, merges no source, and answers the same', async () => {
		const cachePath = path.join(cacheRoot, 'snapshot');
		const first = firstServer(cachePath);
		// a sidecar's metadata is part of what a snapshot holds
		fs.writeFileSync(path.join(first.dir, 'seeds', `${A}.json`), JSON.stringify({ id: 'altman2024', title: 'Altman seeks trillions', issued: { 'date-parts': [[2024, 2, 9]] } }));
		await first.initialize();
		const cold = await indexed(first);
		assert.ok(cold.extracted > 0 && cold.restored === 0, cold.line);
		assert.ok(first.logs.some((l) => /The index snapshot of .* was not used: there is none yet/.test(l)), first.logs.join('\n'));
		const before = await seen(first);
		assert.match(JSON.stringify(before), /Altman seeks trillions/, 'the hover names the source by its sidecar title');
		await stop(first);
		assert.equal(snapshots(cachePath).length, 1, `the first server saved its snapshot when it shut down: ${first.logs.join('\n')}`);
		const { server: second, summary: warm } = await restart(first, cachePath);
		assert.equal(warm.restored, warm.sources, warm.line);
		assert.equal(warm.extracted + warm.cached + warm.unchanged, 0, warm.line);
		assert.deepEqual(await seenFrom(second, first), before);
		await stop(second);
	});

	test('initialize: a note read while the snapshot is restored gets its diagnostics once indexing ends', async () => {
		// a note open from the start, asked about over and over while the server restores: a reading
		// made after the restore but before indexing ended (figures found, not weighed) must not be
		// what its diagnostics say afterwards (it was, and they were empty, in most warm starts)
		const cachePath = path.join(cacheRoot, 'read-while-restoring');
		const first = await indexedAndStopped(cachePath);
		const second = sameWorkspace(first, cachePath);
		clients.push(second);
		const rel = path.join(path.relative(second.dir, first.dir), 'notes/report.md');
		let uri = '';
		let asking = true;
		const hovers: Array<Promise<unknown>> = [];
		await second.initialize(async () => {
			uri = await second.open(rel, NOTE);
		});
		const ask = async () => {
			while (asking) {
				hovers.push(second.conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 24 } }));
				await new Promise((r) => setTimeout(r, 1));
			}
		};
		const asked = ask();
		const warm = await indexed(second);
		asking = false;
		await asked;
		await Promise.all(hovers);
		assert.equal(warm.restored, warm.sources, warm.line);
		const codes = (await second.diagnosticsFor(uri)).map((d) => d.code);
		assert.ok(codes.includes('figure-mismatch'), `the note's diagnostics after a warm start: ${codes.join(', ') || 'none'} (${hovers.length} hovers asked meanwhile)`);
		await stop(second);
	});

	test("initialize: a note open at shutdown is not weighed again at the next warm start (its verdicts are read back); a source changed meanwhile makes them stale", async () => {
		const cachePath = path.join(cacheRoot, 'verdicts');
		const first = await indexedAndStopped(cachePath);
		// a session with the note open saves its verdicts against the snapshot it restored
		const { server: second } = await restart(first, cachePath);
		assert.ok(second.logs.some((l) => /The notes' verdicts of the last session were not used: none were saved/.test(l)), second.logs.join('\n'));
		const before = (await seenFrom(second, first)) as { diagnostics: Array<{ code: string }> };
		assert.ok(before.diagnostics.some((d) => d.code === 'figure-mismatch'), JSON.stringify(before));
		// a note closed before shutdown is not among those saved (only the open ones are)
		const closed = await second.open(path.join(path.relative(second.dir, first.dir), 'notes/closed.md'), NOTE);
		await second.diagnosticsFor(closed);
		await second.conn.sendNotification(rpc.DidCloseTextDocumentNotification.type, { textDocument: { uri: closed } });
		await stop(second);
		assert.ok(second.logs.some((l) => /Saved the verdicts of 1 note against the index snapshot/.test(l)), second.logs.join('\n'));
		// the next session takes them, and the note shows the same
		const { server: third } = await restart(first, cachePath);
		assert.ok(third.logs.some((l) => /Took the verdicts the last session saved for 1 note\./.test(l)), third.logs.join('\n'));
		assert.deepEqual(await seenFrom(third, first), before);
		await stop(third);
		// what the note shows is what was read back: verdicts edited on disk show as edited
		const [snap] = snapshots(cachePath);
		const cache = new RecordCache(path.dirname(snap!), buildFingerprint(path.join(ROOT, 'dist/indexer.js')), () => undefined, true, buildFingerprint(path.join(ROOT, 'dist/server-main.js'), false));
		const header = cache.getSnapshot();
		assert.ok(header.ok, header.ok ? '' : header.reason);
		const read = cache.getVerdicts(header.header.id);
		assert.ok(read.ok, read.ok ? '' : read.reason);
		const saved = read.verdicts as SavedVerdicts;
		let edited = 0;
		for (const note of saved.notes) for (const [, claims] of note.sentences) for (const c of claims) if (c.verdict.kind === 'mismatch') (c.verdict = { kind: 'unsupported', figure: c.verdict.figure, cited: true }), edited++;
		assert.ok(edited > 0);
		assert.ok(cache.putVerdicts(header.header.id, saved));
		const { server: fourth } = await restart(first, cachePath);
		const shown = (await seenFrom(fourth, first)) as typeof before;
		assert.ok(!shown.diagnostics.some((d) => d.code === 'figure-mismatch'), JSON.stringify(shown));
		await stop(fourth);
		// a source changed since: the verdicts read back are stale once it is read again, and the note is weighed
		const file = path.join(first.dir, 'seeds', `${A}.txt`);
		fs.appendFileSync(file, '\nA sentence added since the last session.\n');
		const { server: fifth, summary } = await restart(first, cachePath);
		assert.equal(summary.extracted, 1, summary.line);
		assert.deepEqual(((await seenFrom(fifth, first)) as typeof before).diagnostics.map((d) => d.code), before.diagnostics.map((d) => d.code));
		await stop(fifth);
	});

	test('initialize: sources settled before the snapshot was saved are known unchanged by their stamps, unread; a same-size rewrite with its time put back is still caught', async () => {
		const cachePath = path.join(cacheRoot, 'stamps');
		const first = firstServer(cachePath);
		// files changed less than 2 s before the snapshot is saved get no stamp (they are read to tell)
		const when = Math.floor(Date.now() / 1000) - 60;
		for (const f of fs.readdirSync(path.join(first.dir, 'seeds'))) fs.utimesSync(path.join(first.dir, 'seeds', f), when, when);
		await new Promise((r) => setTimeout(r, 2100));
		await first.initialize();
		await indexed(first);
		await stop(first);
		const { server: second, summary: warm } = await restart(first, cachePath);
		assert.equal(warm.restored, warm.sources, warm.line);
		assert.match(warm.line, new RegExp(`\\(${warm.sources} known unchanged by their size and times, 0 read again to tell\\)`));
		await stop(second);
		// the same number of bytes, another figure, and the modification time put back as it was
		const file = path.join(first.dir, 'seeds', `${A}.txt`);
		const text = fs.readFileSync(file, 'utf8');
		assert.ok(text.includes('$1.4 trillion'));
		fs.writeFileSync(file, text.replace('$1.4 trillion', '$1.6 trillion'));
		fs.utimesSync(file, when, when);
		const { server: third, summary: after } = await restart(first, cachePath);
		assert.ok(third.logs.some((l) => /The index snapshot of .* is used for \d+ of its \d+ sources as they are; 1 are read again to tell whether they changed, 0 are gone/.test(l)), third.logs.join('\n'));
		assert.equal(after.restored, after.sources - 1, after.line);
		assert.equal(after.extracted, 1, after.line);
		// the source as it is now: its new figure is found, the old one is not
		const uri = await third.open(path.join(path.relative(third.dir, first.dir), 'notes/plan.md'), `Altman plans to invest $1.6 trillion [@${A}].\n`);
		const hover = await third.conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 25 } });
		assert.match(JSON.stringify(hover), /1\.6 trillion/);
		assert.doesNotMatch(JSON.stringify(await third.diagnosticsFor(uri)), /figure-mismatch/);
		await stop(third);
	});

	test('initialize: files read again to tell (changed just before the snapshot was saved) are stamped anew, and not read at the next start', async () => {
		const cachePath = path.join(cacheRoot, 'restamped');
		const first = await indexedAndStopped(cachePath);
		// as if the seeds had been changed just before the snapshot was saved: no stamp it can trust
		const [snap] = snapshots(cachePath);
		const cache = new RecordCache(path.dirname(snap!), buildFingerprint(path.join(ROOT, 'dist/indexer.js')), () => undefined, true, buildFingerprint(path.join(ROOT, 'dist/server-main.js'), false));
		const read = cache.getSnapshot();
		assert.ok(read.ok, read.ok ? '' : read.reason);
		cache.putSnapshot({ ...read.header, stamps: read.header.stamps.map(() => null) }, v8.deserialize(read.texts) as string[], read.parts);
		await new Promise((r) => setTimeout(r, 2100));
		const { server: second, summary: warm } = await restart(first, cachePath);
		assert.match(warm.line, new RegExp(`restored from the index snapshot \\(0 known unchanged by their size and times, ${warm.sources} read again to tell\\)`));
		await stop(second);
		const { server: third, summary: again } = await restart(first, cachePath);
		assert.match(again.line, new RegExp(`restored from the index snapshot \\(${again.sources} known unchanged by their size and times, 0 read again to tell\\)`));
		await stop(third);
	});

	test('initialize: a sidecar edited since the snapshot was saved: only its source is indexed again, with the new metadata', async () => {
		const cachePath = path.join(cacheRoot, 'sidecar-edited');
		const first = firstServer(cachePath);
		const sidecar = path.join(first.dir, 'seeds', `${A}.json`);
		fs.writeFileSync(sidecar, JSON.stringify({ id: 'altman2024', title: 'Altman seeks trillions', issued: { 'date-parts': [[2024, 2, 9]] } }));
		const when = Math.floor(Date.now() / 1000) - 60;
		for (const f of fs.readdirSync(path.join(first.dir, 'seeds'))) fs.utimesSync(path.join(first.dir, 'seeds', f), when, when);
		await new Promise((r) => setTimeout(r, 2100));
		await first.initialize();
		await indexed(first);
		assert.match(JSON.stringify(await seen(first)), /Altman seeks trillions/);
		await stop(first);
		// the same size, the same modification time: only the change time tells
		fs.writeFileSync(sidecar, JSON.stringify({ id: 'altman2024', title: 'Altman seeks billionss', issued: { 'date-parts': [[2024, 2, 9]] } }));
		fs.utimesSync(sidecar, when, when);
		const { server: second, summary: warm } = await restart(first, cachePath);
		assert.equal(warm.restored, warm.sources - 1, warm.line);
		assert.equal(warm.extracted, 1, warm.line);
		const now = JSON.stringify(await seenFrom(second, first));
		assert.match(now, /Altman seeks billionss/);
		assert.doesNotMatch(now, /Altman seeks trillions/);
		await stop(second);
	});

	test('initialize: a snapshot whose files changed since is restored, and only the changed file is extracted again', async () => {
		const cachePath = path.join(cacheRoot, 'stale-snapshot');
		const first = await indexedAndStopped(cachePath);
		assert.equal(snapshots(cachePath).length, 1);
		fs.appendFileSync(path.join(first.dir, 'seeds', `${A}.txt`), '\nIt later raised its goal to 40 gigawatts.\n');
		const { server: second, summary: warm } = await restart(first, cachePath);
		// (written just before the first server saved its snapshot, every file is read again to tell)
		assert.ok(second.logs.some((l) => /The index snapshot of .* is used for 0 of its \d+ sources as they are; \d+ are read again to tell whether they changed, 0 are gone/.test(l)), second.logs.join('\n'));
		assert.equal(warm.restored, warm.sources - 1, warm.line);
		assert.equal(warm.extracted, 1, warm.line);
		assert.equal(warm.cached + warm.unchanged, 0, warm.line);
		// the new sentence is indexed: its figure is found
		const uri = await second.open(path.join(path.relative(second.dir, first.dir), 'notes/goal.md'), `The goal rose to 40 gigawatts [@${A}].\n`);
		const hover = await second.conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 19 } });
		assert.match(JSON.stringify(hover), /40 gigawatts/);
		await stop(second);
		// and the second server saved a snapshot of what it has now
		const { server: third, summary: again } = await restart(first, cachePath);
		assert.equal(again.restored, again.sources, again.line);
		assert.equal(again.extracted + again.cached, 0, again.line);
		await stop(third);
	});

	test('initialize: a snapshot is used when sources were added or removed since: the new one is extracted, the removed one forgotten', async () => {
		const cachePath = path.join(cacheRoot, 'added-source');
		const first = firstServer(cachePath);
		await first.initialize();
		const cold = await indexed(first);
		await stop(first);
		fs.writeFileSync(path.join(first.dir, 'seeds', 'zz_late.txt'), 'Nvidia said on Monday that it would spend $3 billion on a new plant in Texas.\n');
		// (not the one whose date the undated others are read against: they would all be read again)
		const gone = '004_4c3f5373125754ae';
		fs.rmSync(path.join(first.dir, 'seeds', `${gone}.txt`));
		const { server: second, summary: warm } = await restart(first, cachePath);
		assert.ok(second.logs.some((l) => /The index snapshot of .* is used for .*, 1 are gone/.test(l)), second.logs.join('\n'));
		assert.equal(warm.sources, cold.sources, warm.line);
		assert.equal(warm.restored, warm.sources - 1, warm.line);
		assert.equal(warm.extracted, 1, warm.line);
		// the removed source is not cited any more, the new one is
		const uri = await second.open(path.join(path.relative(second.dir, first.dir), 'notes/late.md'), `Nvidia will spend $3 billion in Texas [@zz_late]. OpenAI works with Foxconn [@${gone}].\n`);
		const diagnostics = JSON.stringify(await second.diagnosticsFor(uri));
		assert.match(diagnostics, new RegExp(`unknown-citation.*${gone}|${gone}.*unknown-citation`));
		assert.doesNotMatch(diagnostics, /zz_late.*unknown-citation|unknown-citation[^}]*zz_late/);
		await stop(second);
	});

	test('initialize: without a snapshot, a second start reads every source from the cache, extracts none, and answers the same', async () => {
		const cachePath = path.join(cacheRoot, 'warm');
		const first = firstServer(cachePath);
		await first.initialize();
		const cold = await indexed(first);
		assert.ok(cold.extracted > 0 && cold.cached === 0, cold.line);
		const before = await seen(first);
		await stop(first);
		for (const f of snapshots(cachePath)) fs.rmSync(f);
		const { server: second, summary: warm } = await restart(first, cachePath);
		assert.equal(warm.extracted, 0, warm.line);
		assert.ok(warm.cached >= cold.extracted, warm.line);
		assert.deepEqual(await seenFrom(second, first), before);
		await stop(second);
	});

	test('initialize: a corrupt cache is discarded with a logged message, the index rebuilt, and the answers unchanged', async () => {
		const cachePath = path.join(cacheRoot, 'corrupt');
		const first = firstServer(cachePath);
		await first.initialize();
		await indexed(first);
		const before = await seen(first);
		await stop(first);
		const entries = fs.readdirSync(cachePath, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.gnrec'));
		assert.ok(entries.length > 0);
		entries.forEach((f, i) => fs.writeFileSync(path.join(cachePath, f), i % 2 ? 'not an index at all' : Buffer.from([0x67, 0x72, 0x6f, 0x75, 0xff, 0x00, 0x13])));
		// the snapshot too: its header is right, what follows is not
		const [snap] = snapshots(cachePath);
		assert.ok(snap);
		const bytes = fs.readFileSync(snap);
		fs.writeFileSync(snap, bytes.subarray(0, bytes.indexOf(10) + 1 + 40));
		const { server: second, summary: rebuilt } = await restart(first, cachePath);
		assert.equal(rebuilt.cached, 0, rebuilt.line);
		assert.ok(rebuilt.extracted > 0, rebuilt.line);
		assert.ok(second.logs.some((l) => /Discarded the cached index of .* because/.test(l)), second.logs.join('\n'));
		assert.ok(second.logs.some((l) => /The index snapshot of .* was not used: it cannot be read/.test(l)), second.logs.join('\n'));
		assert.deepEqual(await seenFrom(second, first), before);
		await stop(second);
	});

	test('groundedNotes/reindex: a changed file is the only one read and extracted again', async () => {
		const c = firstServer(path.join(cacheRoot, 'changed'));
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
		const c = firstServer(path.join(cacheRoot, 'versions'));
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
