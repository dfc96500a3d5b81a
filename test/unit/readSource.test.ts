/**
 * Reading a source file: the indexer worker reads with blocking system calls, the main thread
 * (when no worker can start) with promises. Both must give the same text or the same refusal for
 * every kind of file a folder may hold, a FIFO among them (never waited on).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { readSidecar, readSourceFile } from '../../server/src/workspace';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-read-test-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const files: Record<string, string | Uint8Array> = {
	'plain.md': 'Acme hired 300 workers.\n',
	'bom.md': '\ufeffAcme hired 300 workers.\n',
	'utf16.md': new Uint8Array([0xff, 0xfe, ...Buffer.from('Hi 5%\n', 'utf16le')]),
	'binary.md': new Uint8Array([0x41, 0, 0x42]),
	'latin1.md': new Uint8Array([0x63, 0x61, 0x66, 0xe9]),
	'big.md': 'x'.repeat(5000),
	'page.html': '<html><head><title>Memo</title></head><body><article><p>Acme hired 300 workers in March, its filing says.</p></article></body></html>',
	'with-sidecar.md': 'Text.\n',
	'with-sidecar.json': '{"title": "A memo"}',
};
for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
fs.mkdirSync(path.join(dir, 'folder.md'));
execFileSync('mkfifo', [path.join(dir, 'fifo.md')]);

describe('reading a source file', () => {
	for (const name of [...Object.keys(files), 'folder.md', 'fifo.md', 'missing.md']) {
		test(`${name}: the same with blocking calls as with promises`, async () => {
			const p = path.join(dir, name);
			const viaPromises = await readSourceFile(p, 4096);
			const blocking = await readSourceFile(p, 4096, true);
			assert.deepEqual(blocking, viaPromises);
			assert.deepEqual(await readSidecar(p, true), await readSidecar(p));
		});
	}

	test('what each read gives', async () => {
		const read = async (name: string) => readSourceFile(path.join(dir, name), 4096, true);
		assert.deepEqual(await read('plain.md'), { ok: true, text: 'Acme hired 300 workers.\n' });
		assert.deepEqual(await read('bom.md'), { ok: true, text: 'Acme hired 300 workers.\n' });
		assert.deepEqual(await read('utf16.md'), { ok: true, text: 'Hi 5%\n' });
		assert.match((await read('binary.md') as { reason: string }).reason, /binary/);
		assert.match((await read('latin1.md') as { reason: string }).reason, /not valid UTF-8/);
		assert.match((await read('big.md') as { reason: string }).reason, /larger than groundedNotes\.maxSourceBytes/);
		assert.match((await read('folder.md') as { reason: string }).reason, /not a regular file/);
		assert.match((await read('fifo.md') as { reason: string }).reason, /not a regular file/);
		assert.match((await read('missing.md') as { reason: string }).reason, /no longer exists/);
		const page = await read('page.html');
		assert.ok(page.ok && page.text.includes('Acme hired 300 workers'));
		assert.equal((await readSidecar(path.join(dir, 'with-sidecar.md'), true))?.text, '{"title": "A memo"}');
		assert.equal(await readSidecar(path.join(dir, 'plain.md'), true), undefined);
	});
});
