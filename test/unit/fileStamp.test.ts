/**
 * File stamps (`fileStamp`): a warm start takes a source as unchanged without reading it when its
 * stamp is the one saved with the snapshot. So any change to the bytes of a source or of its
 * sidecars must change the stamp (even a rewrite of the same size with the old modification time
 * put back), and a file changed too recently to be sure of gets no stamp at all.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileStamp, stampedSize } from '../../server/src/workspace';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-stamp-test-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A moment when every file written by this test is long settled (the racy window is 2 s). */
const later = () => Date.now() + 10_000;

function write(name: string, text: string): string {
	const p = path.join(dir, name);
	fs.writeFileSync(p, text);
	return p;
}

describe('fileStamp', () => {
	test('a settled file has a stamp that stays the same while nothing changes, and gives its size', () => {
		const p = write('steady.md', 'Acme hired 300 workers.\n');
		const a = fileStamp(p, later());
		assert.ok(a);
		assert.equal(fileStamp(p, later()), a);
		assert.equal(stampedSize(a), Buffer.byteLength('Acme hired 300 workers.\n'));
	});

	test('a file changed less than 2 s ago has none: it is read and hashed instead', () => {
		const p = write('fresh.md', 'Acme hired 300 workers.\n');
		assert.equal(fileStamp(p), undefined);
		assert.equal(fileStamp(p, Date.now() + 2500) === undefined, false);
	});

	test('a rewrite of the same size, its modification time put back, changes the stamp', () => {
		const p = write('rewritten.md', 'Acme hired 300 workers.\n');
		// a whole second, which a tool that keeps times (cp -p, rsync -t) can put back exactly
		const when = Math.floor(Date.now() / 1000) - 60;
		fs.utimesSync(p, when, when);
		const before = fs.statSync(p);
		const a = fileStamp(p, later());
		fs.writeFileSync(p, 'Acme hired 900 workers.\n');
		fs.utimesSync(p, when, when);
		assert.equal(fs.statSync(p).mtimeMs, before.mtimeMs);
		const b = fileStamp(p, later());
		assert.ok(b);
		assert.notEqual(b, a);
	});

	test("a sidecar that appears, changes or goes changes the source's stamp", () => {
		const p = write('report.md', 'Acme hired 300 workers.\n');
		const none = fileStamp(p, later());
		write('report.json', '{"title": "A memo"}');
		const withJson = fileStamp(p, later());
		assert.notEqual(withJson, none);
		write('report.json', '{"title": "A note"}');
		const changed = fileStamp(p, later());
		assert.notEqual(changed, withJson);
		fs.rmSync(path.join(dir, 'report.json'));
		write('report.bib', '@article{memo, title={A memo}}');
		assert.notEqual(fileStamp(p, later()), none);
		fs.rmSync(path.join(dir, 'report.bib'));
		assert.equal(fileStamp(p, later()), none);
	});

	test('what is not a regular file, or not there, has no stamp', () => {
		fs.mkdirSync(path.join(dir, 'folder.md'));
		assert.equal(fileStamp(path.join(dir, 'folder.md'), later()), undefined);
		assert.equal(fileStamp(path.join(dir, 'missing.md'), later()), undefined);
	});

	test('a replaced file (a new inode, the same size and times) changes the stamp', () => {
		const p = write('replaced.md', 'Acme hired 300 workers.\n');
		const when = Math.floor(Date.now() / 1000) - 60;
		fs.utimesSync(p, when, when);
		const a = fileStamp(p, later());
		const tmp = write('replaced.md.tmp', 'Acme hired 900 workers.\n');
		fs.utimesSync(tmp, when, when);
		fs.renameSync(tmp, p);
		assert.notEqual(fileStamp(p, later()), a);
	});
});
