/**
 * Ordering and recovery: a burst of edits ends with diagnostics for the latest version only, no
 * stale result is ever published over a newer one, and every request can be cancelled (the answer
 * is the RequestCancelled error or a result, never silence).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as rpc from 'vscode-languageserver-protocol/node';
import { TestClient } from './client';

const A = '000_dad698e8bbde9b79';
const C = '002_825c13959571626a';

/** The note's text at version `v` of the burst: each version states another (wrong) Stargate figure. */
const textOf = (v: number): string => `# Burst\n\nStargate is a $${500 + v} billion initiative [@${C}].\n`;

/** Waits for `p`, failing after `ms` instead of hanging. */
async function settles<T>(p: Promise<T>, ms: number, what: string): Promise<{ result?: T; error?: unknown }> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: neither an answer nor an error within ${ms} ms`)), ms)));
	try {
		return await Promise.race([p.then((result) => ({ result }), (error: unknown) => ({ error })), timeout]);
	} finally {
		clearTimeout(timer);
	}
}

const isCancelled = (e: unknown): boolean => e instanceof rpc.ResponseError && e.code === rpc.LSPErrorCodes.RequestCancelled;
const messageOf = (d: rpc.Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

describe('ordering', () => {
	let c: TestClient;
	/** Every publishDiagnostics, in the order received. */
	const published: rpc.PublishDiagnosticsParams[] = [];
	before(async () => {
		c = new TestClient({ settings: { sources: ['seeds/**/*.txt'] } });
		// see every publication, not just the last per document (then hand it to the client as usual)
		c.conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
			published.push(p);
			c.diagnostics.set(p.uri, p);
		});
		await c.initialize();
		await c.ready();
	});
	after(() => c.close());

	test('100 edits in a second: the last diagnostics are for the last version, and each publication matches its version', async () => {
		const uri = await c.open('notes/burst.md', textOf(1));
		const t = Date.now();
		for (let v = 2; v <= 101; v++) {
			await c.conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [{ text: textOf(v) }] });
			// spread over about a second, as fast typing would be
			if (v % 10 === 0) await new Promise((r) => setTimeout(r, 100));
		}
		const sent = Date.now() - t;
		assert.ok(sent < 2_500, `the burst took ${sent} ms to send`);
		const final = await c.until(() => published.find((p) => p.uri === uri && p.version === 101), 'diagnostics for version 101');
		// a little longer, in case something stale were still on its way
		await new Promise((r) => setTimeout(r, 500));
		const mine = published.filter((p) => p.uri === uri);
		assert.equal(mine.at(-1), final, 'nothing after the latest version');
		const versions = mine.map((p) => p.version);
		assert.ok(versions.every((v) => typeof v === 'number'), `every publication names its version: ${JSON.stringify(versions)}`);
		assert.deepEqual([...versions].sort((a, b) => a! - b!), versions, 'versions never go back');
		assert.ok(mine.length < 50, `debounced: ${mine.length} publications for 101 versions`);
		for (const p of mine) {
			const m = p.diagnostics.find((d) => d.code === 'figure-mismatch');
			assert.ok(m, `version ${p.version} has its mismatch`);
			assert.match(messageOf(m), new RegExp(`not \\$${500 + p.version!} billion`), `version ${p.version}'s own figure`);
		}
	});

	test('requests during a burst are answered, about the text they were asked on', async () => {
		const uri = await c.open('notes/busy.md', textOf(1));
		const hovers: Array<Promise<rpc.Hover | null>> = [];
		for (let v = 2; v <= 30; v++) {
			await c.conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [{ text: textOf(v) }] });
			hovers.push(c.conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 16 } }));
		}
		const answers = await Promise.all(hovers.map((h, i) => settles(h, 10_000, `hover ${i}`)));
		answers.forEach((a, i) => {
			assert.equal(a.error, undefined);
			assert.match(JSON.stringify(a.result?.contents), new RegExp(`\\$${500 + i + 2} billion`), `hover after edit ${i + 2} reads that version`);
		});
	});

	test('Check All while a note is being edited: what is published last for it is its latest version', async () => {
		const uri = await c.open('notes/checked.md', textOf(1));
		await c.until(() => published.some((p) => p.uri === uri), 'first diagnostics');
		const check = c.conn.sendRequest('groundedNotes/checkAll');
		for (let v = 2; v <= 20; v++) await c.conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [{ text: textOf(v) }] });
		await check;
		await c.until(() => published.find((p) => p.uri === uri && p.version === 20), 'diagnostics for version 20');
		await new Promise((r) => setTimeout(r, 500));
		const last = published.filter((p) => p.uri === uri).at(-1)!;
		assert.match(messageOf(last.diagnostics.find((d) => d.code === 'figure-mismatch')!), /not \$520 billion/);
		// an open note's diagnostics always say which version they are for
		assert.ok(published.filter((p) => p.uri === uri).every((p) => typeof p.version === 'number'));
	});
});

describe('$/cancelRequest', () => {
	let c: TestClient;
	let note: string;
	before(async () => {
		const files: Record<string, string> = {};
		// enough notes on disk that Check All and Find References have work to cancel
		for (let i = 0; i < 300; i++) files[`notes/n${i}.md`] = `Note ${i}: Altman plans $${i + 1} trillion for 30 gigawatts [@${A}]. Stargate is a $500 billion initiative [@${C}].\n`;
		c = new TestClient({ settings: { sources: ['seeds/**/*.txt'] }, files });
		await c.initialize();
		await c.ready();
		note = await c.open('notes/report.md', `Altman plans $1.9 trillion for 30 gigawatts of compute [@${A}].\n`);
		await c.diagnosticsFor(note);
	});
	after(() => c.close());

	const requests: Array<[string, () => [string, unknown]]> = [
		['textDocument/hover', () => [rpc.HoverRequest.method, { textDocument: { uri: note }, position: { line: 0, character: 15 } }]],
		['textDocument/completion', () => [rpc.CompletionRequest.method, { textDocument: { uri: note }, position: { line: 0, character: 60 } }]],
		['textDocument/codeAction', () => [rpc.CodeActionRequest.method, { textDocument: { uri: note }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 60 } }, context: { diagnostics: c.diagnostics.get(note)!.diagnostics } }]],
		['textDocument/references', () => [rpc.ReferencesRequest.method, { textDocument: { uri: note }, position: { line: 0, character: 62 }, context: { includeDeclaration: true } }]],
		['workspace/symbol', () => [rpc.WorkspaceSymbolRequest.method, { query: 'a' }]],
		['groundedNotes/searchPassages', () => ['groundedNotes/searchPassages', { query: 'compute gigawatts' }]],
		['groundedNotes/checkAll', () => ['groundedNotes/checkAll', {}]],
	];

	for (const [name, make] of requests) {
		test(`${name}, cancelled at once: the RequestCancelled error or a result, never a hang`, async (t) => {
			const [method, params] = make();
			const source = new rpc.CancellationTokenSource();
			const p = c.conn.sendRequest(method, params, source.token);
			source.cancel();
			const r = await settles(p, 20_000, name);
			assert.ok(r.error === undefined || isCancelled(r.error), `unexpected error: ${String(r.error)}`);
			t.diagnostic(isCancelled(r.error) ? 'answered RequestCancelled' : 'answered with a result');
		});
	}

	test('groundedNotes/checkAll cancelled mid-way answers promptly, and the server goes on answering', async () => {
		const source = new rpc.CancellationTokenSource();
		const t = Date.now();
		const p = c.conn.sendRequest('groundedNotes/checkAll', {}, source.token);
		setTimeout(() => source.cancel(), 20);
		const r = await settles(p, 20_000, 'checkAll');
		assert.ok(r.error === undefined || isCancelled(r.error), String(r.error));
		const took = Date.now() - t;
		const h = await settles(c.conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri: note }, position: { line: 0, character: 15 } }), 5_000, 'hover after');
		assert.ok(h.result, 'a hover after the cancelled request');
		assert.ok(took < 20_000, `${took} ms`);
	});

	test('a cancel for a request that has already been answered, or never existed, is harmless', async () => {
		await c.conn.sendNotification('$/cancelRequest', { id: 987654 });
		await c.conn.sendNotification('$/cancelRequest', { id: 'no-such-request' });
		const h = await settles(c.conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri: note }, position: { line: 0, character: 15 } }), 5_000, 'hover');
		assert.ok(h.result);
	});
});
