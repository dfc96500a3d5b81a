/**
 * dist/server.js runs the server's bundle with V8's code cache (server/src/load.ts): the cache is
 * written under the OS cache directory when the server exits, a second server starts from it and
 * answers the same, and a cache that is not V8's (corrupt, or from other code) is no obstacle.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import * as rpc from 'vscode-languageserver-protocol/node';
import { TestClient } from './client';

const NOTE = 'Altman plans to invest $1.9 trillion to build 30 gigawatts of computing power [@000_dad698e8bbde9b79].\n';

describe('the code cache of the server bundle', () => {
	const xdg = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-code-cache-'));
	const clients: TestClient[] = [];
	after(async () => {
		for (const c of clients) await c.close();
		fs.rmSync(xdg, { recursive: true, force: true });
	});
	const codeCaches = () => (fs.existsSync(path.join(xdg, 'grounded-notes')) ? fs.readdirSync(path.join(xdg, 'grounded-notes')).filter((f) => /^code-.*\.bin$/.test(f)) : []);

	/** Starts a server, checks the note, and stops it (shutdown, exit); returns what it said of the note. */
	async function session(): Promise<unknown> {
		const c = new TestClient({ settings: { sources: ['seeds/**/*.txt'], cachePath: path.join(xdg, 'index') }, launch: { env: { XDG_CACHE_HOME: xdg } } });
		clients.push(c);
		await c.initialize();
		await c.ready();
		const uri = await c.open('notes/a.md', NOTE);
		const diagnostics = await c.diagnosticsFor(uri);
		const hover = await c.conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 24 } });
		await c.conn.sendRequest(rpc.ShutdownRequest.type);
		await c.conn.sendNotification(rpc.ExitNotification.type);
		await new Promise((r) => (c.child.exitCode !== null ? r(null) : c.child.once('exit', r)));
		assert.equal(c.child.exitCode, 0, c.stderr);
		return JSON.parse(JSON.stringify({ diagnostics, hover }).replaceAll(c.uri(''), 'WS/'));
	}

	test('written when the server exits; the next server starts from it and answers the same', async () => {
		const first = await session();
		const [file] = codeCaches();
		assert.ok(file, 'a code cache was written');
		assert.ok(fs.statSync(path.join(xdg, 'grounded-notes', file)).size > 100_000);
		assert.deepEqual(await session(), first);
	});

	test('a corrupt code cache is no obstacle: the server starts, answers the same, and writes a good one', async () => {
		const before = await session();
		const [file] = codeCaches();
		assert.ok(file);
		const full = path.join(xdg, 'grounded-notes', file);
		fs.writeFileSync(full, 'not a code cache');
		assert.deepEqual(await session(), before);
		assert.ok(fs.statSync(full).size > 100_000, 'rewritten at exit');
	});
});
