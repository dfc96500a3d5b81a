/**
 * Listing sources and links: by default neither linked files nor linked folders are listed (the
 * glob does not follow them), and a workspace folder opened through a link of its own keeps its
 * files (their real paths are inside the folder's real path); with
 * groundedNotes.followSymlinksOutside, every file is listed. (Links that do land outside are
 * refused where files are read too: see the protocol tests in security.test.ts.)
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { URI } from 'vscode-uri';
import { isInside, listSources, uriOf } from '../../server/src/workspace';

test('links are not followed unless allowed; a workspace opened through a link keeps its files', { skip: process.platform === 'win32' && 'symbolic links need privileges on Windows' }, async () => {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-list-'));
	try {
		const ws = path.join(root, 'ws');
		const outside = path.join(root, 'outside');
		const write = (p: string) => (fs.mkdirSync(path.dirname(p), { recursive: true }), fs.writeFileSync(p, '# x\n'));
		write(path.join(ws, 'sources/a.md'));
		write(path.join(ws, 'sources/b.md'));
		write(path.join(outside, 'secret.md'));
		write(path.join(outside, 'dir/c.md'));
		fs.symlinkSync(path.join(ws, 'sources/a.md'), path.join(ws, 'sources/alias.md'));
		fs.symlinkSync(path.join(outside, 'secret.md'), path.join(ws, 'sources/secret.md'));
		fs.symlinkSync(path.join(outside, 'dir'), path.join(ws, 'linked'));
		fs.symlinkSync(path.join(ws, 'sources'), path.join(ws, 'inlink'));
		const opts = { followSymlinksOutside: false, maxSources: 100 };
		const rel = (base: string) => (f: string) => path.relative(base, f).split(path.sep).join('/');
		const { files, skipped } = await listSources(ws, ['sources/*.md', 'linked/*.md', 'inlink/*.md'], opts);
		// links are not followed: only the files themselves
		assert.deepEqual(files.map(rel(ws)), ['sources/a.md', 'sources/b.md']);
		assert.deepEqual(skipped, []);
		// the workspace folder opened through a link of its own: its files are inside it all the same
		const wsLink = path.join(root, 'ws-link');
		fs.symlinkSync(ws, wsLink);
		const through = await listSources(wsLink, ['sources/*.md'], opts);
		assert.deepEqual(through.files.map(rel(wsLink)), ['sources/a.md', 'sources/b.md']);
		assert.deepEqual(through.skipped, []);
		// allowed to follow them, every file is listed
		const all = await listSources(ws, ['sources/*.md', 'linked/*.md'], { followSymlinksOutside: true, maxSources: 100 });
		assert.deepEqual(all.files.map(rel(ws)).sort(), ['linked/c.md', 'sources/a.md', 'sources/alias.md', 'sources/b.md', 'sources/secret.md']);
	} finally {
		fs.rmSync(root, { recursive: true, force: true });
	}
});

test('isInside says what path.relative says, for plain paths and for every way a path can leave its folder', () => {
	const reference = (root: string, p: string) => {
		const rel = path.relative(root, p);
		return rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
	};
	// a file whose name starts with two dots is inside (it was once taken for a way out)
	assert.equal(isInside('/w/notes', '/w/notes/..a.md'), true);
	const roots = ['/w/notes', '/w/notes/', '/w/./notes', '/w/x/../notes', '/', '/w'];
	const tails = ['a.md', 'sub/a.md', '../a.md', 'sub/../../a.md', './a.md', 'sub//a.md', '..a.md', 'a..md', '...', 'sub/..', 'sub/.', '.', '..', 'a\\b.md', ''];
	const paths = ['/w/notes-other/a.md', '/w/notesa.md', '/w/notes', '/elsewhere/a.md', ...tails.map((t) => `/w/notes/${t}`)];
	let checked = 0;
	for (const root of roots) {
		for (const p of paths) {
			assert.equal(isInside(root, p), reference(root, p), `isInside(${root}, ${p})`);
			checked++;
		}
	}
	assert.equal(checked, roots.length * paths.length);
});

test("uriOf spells a path's file: URI as vscode-uri does, plain or not", () => {
	const paths = ['/w/notes/a.md', '/w/notes/b_c-d.e~f.md', '/w/notes/b c.md', '/w/notes/ü.md', '/w/notes/b+c@d:e%f.md', "/w/notes/b!$&'()*,;=.md", '/w//notes/a.md', '/w/./a.md', '//host/share/a.md', '/', '/w/notes/A.MD'];
	for (const p of paths) assert.equal(uriOf(p), URI.file(p).toString(), p);
});
