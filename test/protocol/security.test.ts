/**
 * Security: the server reads only files inside its workspace folders that match the source globs,
 * never follows a link out of a folder unless allowed, never runs anything from the workspace and
 * never opens a network connection. The last two are checked by starting the server with a preload
 * (preload-record.cjs) that traps every network, DNS and child-process entry point of Node and
 * notes every file it opens, then driving a whole session.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as rpc from 'vscode-languageserver-protocol/node';
import { ROOT, TestClient } from './client';

const A = '000_dad698e8bbde9b79';
const PRELOAD = path.join(__dirname, 'preload-record.cjs');
const WRONG = `Sam Altman wants to spend $2 trillion on 30 gigawatts of compute [@${A}].`;

/** A folder beside the workspace, holding what the server must never read. */
function outsideFolder(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-outside-'));
	fs.writeFileSync(path.join(dir, 'secret.txt'), 'Secret memo\n\nThe secret budget is $9 billion.\n');
	fs.writeFileSync(path.join(dir, 'private.md'), 'A private note citing [@private-zz-key] with $3 billion.\n');
	return dir;
}

/** Polls `fn` until it returns a truthy value, or fails after `ms`. */
async function eventually<T>(fn: () => Promise<T | undefined | false>, what: string, ms = 10_000): Promise<T> {
	const end = Date.now() + ms;
	for (;;) {
		const v = await fn();
		if (v) return v;
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 50));
	}
}

/** A diagnostic's message as text (LSP 3.18 allows Markdown there). */
const messageOf = (d: rpc.Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

const keysOf = async (c: TestClient): Promise<string[]> => ((await c.conn.sendRequest('groundedNotes/sources')) as Array<{ key: string }>).map((s) => s.key).sort();

describe('the preload that records forbidden calls', () => {
	test('records a connection, a DNS lookup and a spawned program (so a clean record means something)', () => {
		const record = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gn-rec-')), 'record.log');
		const script = [
			"try { require('node:net').connect(9, '127.0.0.1'); } catch {}",
			"try { require('node:dns').lookup('example.invalid', () => {}); } catch {}",
			"try { require('node:child_process').spawn('true'); } catch {}",
			"try { require('node:https').request('https://example.invalid'); } catch {}",
		].join('\n');
		const r = spawnSync(process.execPath, ['--require', PRELOAD, '-e', script], { env: { ...process.env, GN_RECORD: record }, encoding: 'utf8' });
		assert.equal(r.status, 0, r.stderr);
		const calls = fs.readFileSync(record, 'utf8').split('\n').filter((l) => l.startsWith('CALLED ')).map((l) => l.split(' ')[1]);
		assert.deepEqual(calls, ['net.connect', 'dns.lookup', 'child_process.spawn', 'https.request']);
		fs.rmSync(path.dirname(record), { recursive: true, force: true });
	});
});

describe('a whole session under the preload', () => {
	let c: TestClient;
	let record: string;
	let cache: string;
	let outside: string;
	let note: string;
	const applied: unknown[] = [];
	before(async () => {
		outside = outsideFolder();
		record = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gn-rec-')), 'record.log');
		// the index cache goes where the OS cache would be: a folder of this test's own
		cache = path.join(path.dirname(record), 'cache');
		const pwned = path.join(outside, 'PWNED');
		const evil = `require('node:fs').writeFileSync(${JSON.stringify(pwned)}, 'ran'); require('node:https').get('https://example.invalid/');\n`;
		c = new TestClient({
			watch: false,
			settings: { sources: ['seeds/**/*.txt', 'sources/**/*'] },
			files: {
				'package.json': JSON.stringify({ name: 'ws', scripts: { preinstall: 'node evil.js', postinstall: 'node evil.js', prepare: 'node evil.js', test: 'node evil.js', start: 'node evil.js' }, main: 'evil.js' }),
				'evil.js': evil,
				'.vscode/settings.json': JSON.stringify({ 'groundedNotes.sources': ['../**'] }),
				'sources/evil.js': evil,
				'sources/run.sh': `#!/bin/sh\ntouch ${pwned}\n`,
				'sources/package.json': JSON.stringify({ scripts: { postinstall: 'node evil.js' } }),
				'sources/memo.md': '---\ntitle: Memo\n---\nOpenAI revenue hit $7 billion in the first half.\n',
				'notes/other.md': `See also [@${A}] and <script>require('child_process').exec('touch ${pwned}')</script>.\n`,
			},
			launch: { nodeArgs: ['--require', PRELOAD], env: { GN_RECORD: record, XDG_CACHE_HOME: cache } },
		});
		c.conn.onRequest(rpc.ApplyWorkspaceEditRequest.type, (p) => {
			applied.push(p);
			return { applied: false };
		});
		await c.initialize();
		await c.ready();
		note = await c.open('notes/report.md', `${WRONG}\n\nRevenue hit $7 billion [@memo]. Visit [the site](https://example.com) or <http://example.org>.\n\n[link]: javascript:alert(1)\n`);
	});
	after(async () => {
		await c.close();
		fs.rmSync(outside, { recursive: true, force: true });
		fs.rmSync(path.dirname(record), { recursive: true, force: true });
	});

	test('every feature is used: index, diagnostics, hover, completion, code actions, navigation, check all, reindex', async () => {
		const diags = await c.until(() => c.diagnostics.get(note)?.diagnostics.length ? c.diagnostics.get(note)!.diagnostics : undefined, 'diagnostics');
		const mismatch = diags.find((d) => d.code === 'figure-mismatch');
		assert.ok(mismatch, `a mismatch in ${JSON.stringify(diags.map((d) => d.code))}`);
		const pos = { line: 0, character: 28 };
		assert.ok(await c.conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri: note }, position: pos }));
		const typing = await c.open('notes/typing.md', 'Sources: [@');
		const completion = (await c.conn.sendRequest(rpc.CompletionRequest.type, { textDocument: { uri: typing }, position: { line: 0, character: 11 } })) as rpc.CompletionList;
		assert.ok(completion.items.length >= 5);
		const actions = (await c.conn.sendRequest(rpc.CodeActionRequest.type, { textDocument: { uri: note }, range: mismatch.range, context: { diagnostics: diags } }))!;
		assert.ok(actions.length > 0);
		await c.conn.sendRequest(rpc.DefinitionRequest.type, { textDocument: { uri: note }, position: { line: 0, character: 70 } });
		await c.conn.sendRequest(rpc.ReferencesRequest.type, { textDocument: { uri: note }, position: { line: 0, character: 70 }, context: { includeDeclaration: true } });
		await c.conn.sendRequest(rpc.DocumentLinkRequest.type, { textDocument: { uri: note } });
		await c.conn.sendRequest(rpc.CodeLensRequest.type, { textDocument: { uri: note } });
		await c.conn.sendRequest(rpc.WorkspaceSymbolRequest.type, { query: 'OpenAI' });
		await c.conn.sendRequest('groundedNotes/sourceDetails', { key: A });
		await c.conn.sendRequest('groundedNotes/searchPassages', { query: 'Stargate' });
		await c.conn.sendRequest('groundedNotes/provenance', { uri: note, range: mismatch.range });
		await c.conn.sendRequest('groundedNotes/disagreements');
		const summary = (await c.conn.sendRequest('groundedNotes/checkAll')) as { notes: number };
		assert.ok(summary.notes >= 2);
		// a source written while the server watches (its own watcher: this client does not watch)
		c.write('sources/new.txt', 'New\n\nRevenue hit $8 billion.\n');
		await eventually(async () => (await keysOf(c)).includes('new'), 'the watcher to index new.txt');
		await c.conn.sendRequest('groundedNotes/reindex');
		await c.conn.sendNotification(rpc.DidChangeConfigurationNotification.type, { settings: {} });
		const keys = await keysOf(c);
		// the scripts were read as text, if at all; `evil` is a source like any other
		assert.ok(keys.includes('memo') && keys.includes('evil'), keys.join(', '));
	});

	test('nothing connected, resolved a name or ran a program; no workspace code ran', () => {
		const text = fs.readFileSync(record, 'utf8');
		assert.match(text, /^LOADED pid=\d+/m, 'the preload was loaded into the server');
		const calls = text.split('\n').filter((l) => l.startsWith('CALLED '));
		assert.deepEqual(calls, [], text.slice(0, 2000));
		assert.equal(fs.existsSync(path.join(outside, 'PWNED')), false, 'the workspace scripts never ran');
	});

	test('every file the server opened is inside the workspace, its own code or its index cache', () => {
		const reads = fs.readFileSync(record, 'utf8').split('\n').filter((l) => l.startsWith('READ ')).map((l) => l.split(' ').slice(2).join(' '));
		assert.ok(reads.length > 0, 'reads are recorded');
		const ws = fs.realpathSync(c.dir);
		// and the list of its own threads (priority.ts lowers all but the main one)
		const allowed = [c.dir, ws, cache, path.join(ROOT, 'dist'), path.join(ROOT, 'node_modules'), '/proc/self/task'];
		const strays = [...new Set(reads.map((p) => path.resolve(c.dir, p)))].filter((p) => !allowed.some((a) => p === a || p.startsWith(a + path.sep)));
		assert.deepEqual(strays, []);
		assert.ok(!reads.some((p) => p.startsWith(outside)));
	});

	test('the note was never edited: no workspace/applyEdit, the files on disk unchanged', async () => {
		assert.deepEqual(applied, []);
		assert.match(fs.readFileSync(path.join(c.dir, 'notes/other.md'), 'utf8'), /^See also/);
	});
});

describe('what the server may read', () => {
	let outside: string;
	before(() => {
		outside = outsideFolder();
	});
	after(() => fs.rmSync(outside, { recursive: true, force: true }));

	test('globs that climb out with .., name an absolute path or hide either in braces and extglobs are refused', async () => {
		const rel = path.relative(os.tmpdir(), outside);
		const bad = [`../${rel}/*.txt`, `${outside}/*.txt`, `{../${rel},seeds}/*.txt`, `{${outside},seeds}/*.txt`, `..?(x)/${rel}/*.txt`, `seeds/../../${rel}/*.txt`, `..\\${rel}\\*.txt`, `~/*.txt`];
		const c = new TestClient({ settings: { sources: ['seeds/**/*.txt', ...bad], followSymlinksOutside: true } });
		try {
			await c.initialize();
			await c.ready();
			assert.deepEqual(await keysOf(c), ['000_dad698e8bbde9b79', '001_f6ff40aa610551c1', '002_825c13959571626a', '003_aebe37c04354a5a1', '004_4c3f5373125754ae']);
			for (const g of bad) assert.ok(c.logs.some((l) => l.includes(`ignoring '${g}'`)), `a message about ${g}`);
			// one notification, not one per glob
			assert.equal(c.messages.filter((m) => /groundedNotes\.sources/.test(m.message)).length, 1);
			const uri = await c.open('note.md', 'The secret budget is $9 billion [@secret].');
			const d = await c.diagnosticsFor(uri);
			assert.ok(d.some((x) => x.code === 'unknown-citation' && /'secret'/.test(messageOf(x))), JSON.stringify(d));
		} finally {
			await c.close();
		}
	});

	for (const follow of [false, true]) {
		test(`links out of the folder are ${follow ? 'followed when groundedNotes.followSymlinksOutside allows it' : 'not followed by default'}`, async () => {
			const c = new TestClient({ seeds: false, settings: { sources: ['sources/**/*.txt'], followSymlinksOutside: follow }, files: { 'sources/own.txt': 'Own\n\nRevenue hit $7 billion.\n' } });
			try {
				fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(c.dir, 'sources/linked.txt'));
				fs.symlinkSync(outside, path.join(c.dir, 'sources/out'));
				await c.initialize();
				await c.ready();
				assert.deepEqual(await keysOf(c), follow ? ['linked', 'own', 'secret'] : ['own']);
			} finally {
				await c.close();
			}
		});
	}

	test('a source made a link while the server runs, or written in a linked folder, is not read', { skip: process.platform === 'win32' && 'symbolic links need privileges on Windows' }, async () => {
		const c = new TestClient({ seeds: false, settings: { sources: ['sources/**/*.txt'] }, files: { 'sources/own.txt': 'Own\n\nRevenue hit $7 billion.\n', 'sources/later.txt': 'Later\n\nRevenue hit $5 billion.\n' } });
		try {
			await c.initialize();
			await c.ready();
			assert.deepEqual(await keysOf(c), ['later', 'own']);
			fs.rmSync(path.join(c.dir, 'sources/later.txt'));
			fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(c.dir, 'sources/later.txt'));
			fs.symlinkSync(outside, path.join(c.dir, 'sources/out'));
			const from = c.statuses.length;
			await c.conn.sendNotification(rpc.DidChangeWatchedFilesNotification.type, {
				changes: [
					{ uri: c.uri('sources/later.txt'), type: rpc.FileChangeType.Changed },
					{ uri: c.uri('sources/out/secret.txt'), type: rpc.FileChangeType.Created },
				],
			});
			await c.until(() => c.statuses.slice(from).some((s) => s.state === 'ready'), 'the changes to be applied');
			// the link's old text is dropped with it, and nothing of what it points to is known
			assert.deepEqual(await keysOf(c), ['own']);
			const hits = (await c.conn.sendRequest('groundedNotes/searchPassages', { query: 'secret budget' })) as unknown[];
			assert.deepEqual(hits, []);
			// and the log says why each was not read
			assert.ok(c.logs.some((l) => /later\.txt: it is a link, and links are not followed/.test(l)), c.logs.join('\n'));
			assert.ok(c.logs.some((l) => /out\/secret\.txt: it lies in a linked folder/.test(l)), c.logs.join('\n'));
			// a refused file alone (nothing indexed changes) is reported too
			const before = c.messages.length;
			fs.writeFileSync(path.join(outside, 'other.txt'), 'Other\n\nRevenue hit $2 billion.\n');
			await c.conn.sendNotification(rpc.DidChangeWatchedFilesNotification.type, { changes: [{ uri: c.uri('sources/out/other.txt'), type: rpc.FileChangeType.Created }] });
			await c.until(() => c.messages.length > before, 'a warning about out/other.txt');
			assert.match(c.messages.at(-1)!.message, /skipped other\.txt: it lies in a linked folder/);
		} finally {
			await c.close();
		}
	});

	test('metadata beside a source and a note\'s bibliography are not read through links out of the folder', async () => {
		fs.writeFileSync(path.join(outside, 'meta.json'), JSON.stringify([{ id: A, type: 'report', title: 'LEAKED TITLE' }]));
		fs.writeFileSync(path.join(outside, 'refs.bib'), '@book{leaked-key, title={Leaked}, year={2020}}\n');
		const c = new TestClient({ settings: { sources: ['seeds/**/*.txt'] } });
		try {
			fs.symlinkSync(path.join(outside, 'meta.json'), path.join(c.dir, `seeds/${A}.json`));
			fs.symlinkSync(path.join(outside, 'refs.bib'), path.join(c.dir, 'refs.bib'));
			await c.initialize();
			await c.ready();
			const sources = (await c.conn.sendRequest('groundedNotes/sources')) as Array<{ key: string; title: string }>;
			assert.notEqual(sources.find((s) => s.key === A)?.title, 'LEAKED TITLE');
			const uri = await c.open('note.md', '---\nbibliography: refs.bib\n---\nAs argued [@leaked-key].\n');
			await c.until(() => c.diagnostics.get(uri)?.diagnostics.some((d) => d.code === 'unknown-citation'), 'the key to stay unknown');
		} finally {
			await c.close();
		}
	});

	test('Write Bibliography never writes through a link out of the folder', async () => {
		const target = path.join(outside, 'target.json');
		fs.writeFileSync(target, 'precious\n');
		fs.mkdirSync(path.join(outside, 'dir'), { recursive: true });
		for (const [bibliography, what] of [['references.json', 'a linked file'], ['out/refs.json', 'a file in a linked folder'], ['dangling.json', 'a dangling link']] as const) {
			const c = new TestClient({ settings: { sources: ['seeds/**/*.txt'], bibliography: { path: bibliography } }, files: { 'notes/a.md': `As argued [@${A}].\n` } });
			try {
				fs.symlinkSync(target, path.join(c.dir, 'references.json'));
				fs.symlinkSync(path.join(outside, 'dir'), path.join(c.dir, 'out'));
				fs.symlinkSync(path.join(outside, 'dir', 'created.json'), path.join(c.dir, 'dangling.json'));
				await c.initialize();
				await c.ready();
				const written = (await c.conn.sendRequest('groundedNotes/writeBibliography', { scope: 'all' })) as { files: unknown[] };
				assert.deepEqual(written.files, [], what);
				assert.equal(fs.readFileSync(target, 'utf8'), 'precious\n', what);
				assert.deepEqual(fs.readdirSync(path.join(outside, 'dir')), [], what);
				await c.until(() => c.messages.some((m) => /out of the workspace folder/.test(m.message)), `a message about ${what}`);
			} finally {
				await c.close();
			}
		}
	});

	test('Check All reads the notes inside the folder: a note linked from outside is not read', async () => {
		const c = new TestClient({ settings: { sources: ['seeds/**/*.txt'] }, files: { 'notes/own.md': `Own note [@nope-own-key].\n` } });
		try {
			fs.symlinkSync(path.join(outside, 'private.md'), path.join(c.dir, 'notes/linked.md'));
			fs.symlinkSync(outside, path.join(c.dir, 'notes/out'));
			await c.initialize();
			await c.ready();
			const summary = (await c.conn.sendRequest('groundedNotes/checkAll')) as { files: Array<{ uri: string }> };
			const names = summary.files.map((f) => f.uri.replace(/.*\//, ''));
			assert.ok(names.includes('own.md'), names.join(', '));
			assert.ok(!names.includes('linked.md') && !names.includes('private.md'), names.join(', '));
			assert.ok(![...c.diagnostics.values()].some((p) => p.diagnostics.some((d) => /private-zz-key/.test(messageOf(d)))));
		} finally {
			await c.close();
		}
	});
});
