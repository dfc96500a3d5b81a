/**
 * `$/cancelRequest` over stdio: a request cancelled before the server took it up is answered at
 * once with RequestCancelled (LSP's -32800), and the requests around it are answered as usual.
 * The messages are written raw, the request and its cancellation in one write, so that both are
 * read before the server dispatches either: what an editor sends when the user moves on while
 * the server is busy.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { SERVER } from './client';

type Message = { id?: number | string; method?: string; result?: unknown; error?: { code: number; message: string } };

const frame = (m: object) => {
	const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...m }));
	return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
};

describe('$/cancelRequest over stdio', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-cancel-'));
	after(() => fs.rmSync(dir, { recursive: true, force: true }));

	test('a request cancelled before it is handled gets RequestCancelled; the others their answers', async () => {
		fs.mkdirSync(path.join(dir, 'sources'));
		fs.writeFileSync(path.join(dir, 'sources', 'memo.md'), '---\ntitle: Memo\ndate: 2024-03-01\n---\nAcme Corp hired 300 workers in March.\n');
		const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, XDG_CACHE_HOME: path.join(dir, 'cache') } });
		const received: Message[] = [];
		let buffer = Buffer.alloc(0);
		child.stdout.on('data', (chunk: Buffer) => {
			buffer = Buffer.concat([buffer, chunk]);
			for (;;) {
				const headerEnd = buffer.indexOf('\r\n\r\n');
				if (headerEnd < 0) return;
				const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())?.[1]);
				if (buffer.length < headerEnd + 4 + length) return;
				received.push(JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString()) as Message);
				buffer = buffer.subarray(headerEnd + 4 + length);
			}
		});
		const answerTo = async (id: number | string): Promise<Message> => {
			const end = Date.now() + 20_000;
			for (;;) {
				const m = received.find((r) => r.id === id && r.method === undefined);
				if (m) return m;
				if (Date.now() > end) throw new Error(`no answer to ${id}: ${JSON.stringify(received)}`);
				await new Promise((r) => setTimeout(r, 10));
			}
		};
		try {
			const root = pathToFileURL(dir).href;
			child.stdin.write(frame({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'ws' }], capabilities: {}, initializationOptions: { sources: ['sources/**/*.md'] } } }));
			await answerTo(1);
			const note = pathToFileURL(path.join(dir, 'note.md')).href;
			child.stdin.write(frame({ method: 'initialized', params: {} }));
			child.stdin.write(frame({ method: 'textDocument/didOpen', params: { textDocument: { uri: note, languageId: 'markdown', version: 1, text: 'Acme hired 300 workers [@memo].\n' } } }));
			const hover = (id: string) => frame({ id, method: 'textDocument/hover', params: { textDocument: { uri: note }, position: { line: 0, character: 12 } } });
			// one write: both requests and the cancellation of the first are read before either is handled
			child.stdin.write(Buffer.concat([hover('h1'), frame({ method: '$/cancelRequest', params: { id: 'h1' } }), hover('h2')]));
			const [h1, h2] = await Promise.all([answerTo('h1'), answerTo('h2')]);
			assert.equal(h1.error?.code, -32800, JSON.stringify(h1));
			assert.equal(h1.result, undefined);
			assert.equal(h2.error, undefined, JSON.stringify(h2));
			assert.ok('result' in h2);
			// the server goes on answering
			child.stdin.write(hover('h3'));
			assert.equal((await answerTo('h3')).error, undefined);
			child.stdin.write(frame({ id: 9, method: 'shutdown' }));
			await answerTo(9);
			child.stdin.write(frame({ method: 'exit' }));
			await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
		} finally {
			child.kill();
		}
	});
});
