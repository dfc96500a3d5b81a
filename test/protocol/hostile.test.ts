/**
 * Hostile inputs through the running server: files that are binary, mis-encoded, huge, numerous,
 * unreadable, looping or vanishing, and notes built to be deep, long or absurd. For each: one clear
 * message (a notification at most once), the rest of the workspace indexed, the note never edited,
 * requests still answered and memory bounded.
 *
 * Unreadable files: the tests run as root, for whom chmod 000 blocks nothing. So they use a FIFO
 * named like a source (opening one blocks until a writer comes: it must not hang the server), a
 * directory named `dir.txt`, a dangling symbolic link, and, where `setpriv` exists, a real
 * permission error by running the server as the unprivileged user `nobody` on a chmod 000 file.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as rpc from 'vscode-languageserver-protocol/node';
import { TestClient } from './client';

const A = '000_dad698e8bbde9b79';
const WRONG = `Sam Altman wants to spend $2 trillion on 30 gigawatts of compute [@${A}].`;
const SEED_COUNT = 5;

interface Status {
	state: string;
	indexed: number;
	total: number;
	sources: number;
	skipped: Array<{ uri: string; reason: string }>;
}
interface SourceFigure {
	text: string;
	range: rpc.Range;
}

/** A fresh cache folder for the server's index, so each run indexes from scratch and ~/.cache stays clean. */
function cacheEnv(): { env: Record<string, string>; dir: string } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-cache-'));
	return { env: { XDG_CACHE_HOME: dir }, dir };
}

/** The offset of an LSP position in a text, counting lines as LSP does (CRLF, LF and lone CR). */
function offsetOf(text: string, p: rpc.Position): number {
	let line = 0;
	let i = 0;
	while (line < p.line && i < text.length) {
		const c = text[i++];
		if (c === '\r') {
			if (text[i] === '\n') i++;
			line++;
		} else if (c === '\n') line++;
	}
	return i + p.character;
}
const slice = (text: string, r: rpc.Range): string => text.slice(offsetOf(text, r.start), offsetOf(text, r.end));

/** Peak resident memory of a process, in MB (Linux). */
function peakMb(pid: number): number {
	const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
	return m ? Number(m[1]) / 1024 : 0;
}

const status = (c: TestClient): Promise<Status> => c.conn.sendRequest('groundedNotes/status') as Promise<Status>;
const skippedNames = (s: Status): string[] => s.skipped.map((x) => decodeURIComponent(x.uri.replace(/.*\//, ''))).sort();

/** Asserts that `p` settles within `ms`. */
async function answersWithin<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)));
	try {
		return await Promise.race([p, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

const UTF16_TEXT = 'UTF-16 memo\r\n\r\nNVIDIA shipped 4 million GPUs in 2024, worth $12 billion.\r\n';
const CRLF_TEXT = 'CRLF memo\r\n\r\nTSMC spent $38 billion on new fabs.\r\nMargins reached 53% last quarter.\r\n';
const CR_TEXT = 'CR memo\r\rIntel lost $7 billion on its foundry.\rIts share fell 26% this year.\r';
const EMOJI_TEXT = '😀 Emoji memo\n\n👩‍👩‍👧‍👦 שלום Cafe\u0301 revenue was $6 billion ✓ in 2024 🚀.\n';

function utf16(text: string, bigEndian: boolean): Uint8Array {
	const le = Buffer.from(text, 'utf16le');
	if (bigEndian) le.swap16();
	return Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), le]);
}

describe('hostile sources and notes in one workspace', () => {
	let c: TestClient;
	let cache: string;
	const applied: unknown[] = [];
	const started = Date.now();
	let readyAfter = 0;
	before(async () => {
		const env = cacheEnv();
		cache = env.dir;
		c = new TestClient({
			settings: { sources: ['seeds/**/*.txt', 'hostile/**/*'] },
			files: {
				'hostile/binary.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
				'hostile/latin1.txt': Buffer.from('caf\xe9 cost $5 billion\n', 'latin1'),
				'hostile/utf16le.txt': utf16(UTF16_TEXT, false),
				'hostile/utf16be.txt': utf16(UTF16_TEXT.replace('memo', 'memo BE'), true),
				'hostile/crlf.txt': CRLF_TEXT,
				'hostile/cr.txt': CR_TEXT,
				'hostile/emoji.txt': EMOJI_TEXT,
				'hostile/longline.txt': `${'word '.repeat(1_000_000)}and revenue was $3 billion.`,
			},
			launch: { env: env.env },
		});
		// 50 MB on one line: made here, never kept in the repository
		fs.writeFileSync(path.join(c.dir, 'hostile/huge.txt'), Buffer.alloc(50_000_000, 'x'));
		execFileSync('mkfifo', [path.join(c.dir, 'hostile/fifo.txt')]);
		fs.mkdirSync(path.join(c.dir, 'hostile/dir.txt'));
		fs.symlinkSync(path.join(c.dir, 'hostile/missing.txt'), path.join(c.dir, 'hostile/dangling.txt'));
		fs.symlinkSync('.', path.join(c.dir, 'hostile/loop'));
		c.conn.onRequest(rpc.ApplyWorkspaceEditRequest.type, (p) => {
			applied.push(p);
			return { applied: false };
		});
		await c.initialize();
		await c.ready();
		readyAfter = Date.now() - started;
	});
	after(async () => {
		await c.close();
		fs.rmSync(cache, { recursive: true, force: true });
	});

	test('what cannot be read is skipped with a reason; everything else is indexed', async () => {
		const s = await status(c);
		assert.equal(s.state, 'ready');
		// seeds + utf16le, utf16be, crlf, cr, emoji, longline
		assert.equal(s.sources, SEED_COUNT + 6);
		assert.deepEqual(skippedNames(s), ['binary.txt', 'huge.txt', 'latin1.txt']);
		const reason = (n: string) => s.skipped.find((x) => x.uri.endsWith(`/${n}`))!.reason;
		assert.match(reason('binary.txt'), /binary/);
		assert.match(reason('latin1.txt'), /not valid UTF-8/);
		assert.match(reason('huge.txt'), /50\.0 MB, larger than groundedNotes\.maxSourceBytes/);
		assert.ok(readyAfter < 60_000, `indexed in ${readyAfter} ms`);
	});

	test('one notification for all of them; the log names each once', () => {
		const skips = c.messages.filter((m) => /skipped/i.test(m.message));
		assert.equal(skips.length, 1, JSON.stringify(c.messages));
		assert.match(skips[0]!.message, /skipped 3 sources/);
		for (const n of ['binary.txt', 'huge.txt', 'latin1.txt']) assert.equal(c.logs.filter((l) => l.includes(`/hostile/${n}:`)).length, 1, n);
	});

	for (const [key, text] of [['utf16le', UTF16_TEXT], ['utf16be', UTF16_TEXT.replace('memo', 'memo BE')], ['crlf', CRLF_TEXT], ['cr', CR_TEXT], ['emoji', EMOJI_TEXT]] as const) {
		test(`${key}: figure ranges point at the figures (UTF-16 code units, lines as LSP counts them)`, async () => {
			const d = (await c.conn.sendRequest('groundedNotes/sourceDetails', { key })) as { figures: SourceFigure[] };
			assert.ok(d.figures.length >= 2, JSON.stringify(d));
			for (const f of d.figures) assert.equal(slice(text, f.range), f.text, JSON.stringify(f));
		});
	}

	test('a 5 MB source on one line is indexed, its figure at the right column', async () => {
		const d = (await c.conn.sendRequest('groundedNotes/sourceDetails', { key: 'longline' })) as { figures: SourceFigure[] };
		assert.deepEqual(d.figures.map((f) => [f.text, f.range.start]), [['$3 billion', { line: 0, character: 5_000_000 + 'and revenue was '.length }]]);
	});

	test('a FIFO, a directory and a dangling link reported as changed do not hang the server', async () => {
		const before = c.messages.length;
		await c.conn.sendNotification(rpc.DidChangeWatchedFilesNotification.type, {
			changes: ['fifo.txt', 'dir.txt', 'dangling.txt'].map((n): rpc.FileEvent => ({ uri: c.uri(`hostile/${n}`), type: rpc.FileChangeType.Created })),
		});
		await c.until(() => c.messages.length > before, 'a message about the unreadable files');
		const fresh = c.messages.slice(before);
		assert.equal(fresh.length, 1, JSON.stringify(fresh));
		assert.match(fresh[0]!.message, /skipped 3 sources/);
		assert.ok(c.logs.some((l) => /fifo\.txt: it is not a regular file/.test(l)));
		// a link is not opened at all (links are not followed by default), dangling or not
		assert.ok(c.logs.some((l) => /dangling\.txt: it is a link, and links are not followed/.test(l)));
		// and the server still answers, and reads new sources
		c.write('hostile/later.txt', 'Later\n\nRevenue was $4 billion.\n');
		await c.conn.sendNotification(rpc.DidChangeWatchedFilesNotification.type, { changes: [{ uri: c.uri('hostile/later.txt'), type: rpc.FileChangeType.Created }] });
		await c.until(() => c.statuses.at(-1)!.sources === SEED_COUNT + 7, 'later.txt to be indexed');
		assert.equal((await answersWithin(status(c), 2_000, 'status')).sources, SEED_COUNT + 7);
	});

	test('notes: 10,000 nested quotes and list items on one line, the wrong figure still found', async () => {
		for (const prefix of ['>'.repeat(10_000) + ' ', '- '.repeat(10_000), '1. '.repeat(10_000)]) {
			const uri = await c.open(`notes/deep-${prefix.length}-${prefix[0] === '1' ? 'n' : prefix[0] === '>' ? 'q' : 'l'}.md`, prefix + WRONG);
			const d = await c.diagnosticsFor(uri);
			const m = d.find((x) => x.code === 'figure-mismatch');
			assert.ok(m, `the mismatch behind ${prefix.slice(0, 4)}…`);
			assert.equal(m.range.start.character, prefix.length + WRONG.indexOf('$2 trillion'));
		}
	});

	test('notes: lists nested 650 levels deep by indentation are checked promptly', async () => {
		const text = Array.from({ length: 650 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n') + `\n\n${WRONG}\n`;
		const t = Date.now();
		const uri = await c.open('notes/indent.md', text);
		const d = await c.diagnosticsFor(uri);
		assert.ok(d.some((x) => x.code === 'figure-mismatch'));
		assert.ok(Date.now() - t < 10_000, `took ${Date.now() - t} ms`);
	});

	test('notes: `[@` 100,000 times gets an answer, and completion there offers keys', async () => {
		const text = '[@'.repeat(100_000);
		const uri = await c.open('notes/brackets.md', text);
		assert.deepEqual(await c.diagnosticsFor(uri), []);
		const r = (await answersWithin(c.conn.sendRequest(rpc.CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: text.length } }), 10_000, 'completion')) as rpc.CompletionList;
		assert.equal(r.items.length, SEED_COUNT + 7);
	});

	test('notes: a number with 10,000 digits raises no false warning', async () => {
		const text = `Altman wants $${'9'.repeat(10_000)} billion [@${A}].`;
		const uri = await c.open('notes/digits.md', text);
		const d = await c.diagnosticsFor(uri);
		assert.deepEqual(d.filter((x) => x.code === 'figure-mismatch'), []);
		await c.conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 5000 } });
	});

	test('notes: emoji, combining marks and right-to-left text: diagnostic and hover on the figure', async () => {
		const prefix = '👩‍👩‍👧‍👦🚀 Cafe\u0301 שלום مرحبا 𝐀 ';
		const text = `# ${prefix}\r\n\r\n${prefix}${WRONG}\r\n`;
		const uri = await c.open('notes/unicode.md', text);
		const d = await c.diagnosticsFor(uri);
		const m = d.find((x) => x.code === 'figure-mismatch')!;
		assert.equal(slice(text, m.range), '$2 trillion');
		assert.equal(m.range.start.character, prefix.length + WRONG.indexOf('$2 trillion'));
		const h = await c.conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: m.range.start.character + 2 } });
		assert.ok(h?.range);
		assert.equal(slice(text, h.range), '$2 trillion');
		// the citation after the figure too
		const at = text.indexOf(A);
		const lineStart = text.lastIndexOf('\n', at) + 1;
		const hc = await c.conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: at - lineStart + 3 } });
		assert.match(JSON.stringify(hc?.contents), new RegExp(A));
	});

	test('notes: lone CR line endings', async () => {
		const text = `# Notes\r\rSome intro.\r\r${WRONG}\r`;
		const uri = await c.open('notes/cr.md', text);
		const m = (await c.diagnosticsFor(uri)).find((x) => x.code === 'figure-mismatch')!;
		assert.equal(m.range.start.line, 4);
		assert.equal(slice(text, m.range), '$2 trillion');
	});

	test('notes: a 50 MB single-line note has its citations checked only, and the log says so once', async () => {
		const text = `${'x'.repeat(50_000_000)} ${WRONG} [@no-such-key]`;
		const t = Date.now();
		const uri = await c.open('notes/huge.md', text);
		const d = await c.until(() => c.diagnostics.get(uri), 'diagnostics of the 50 MB note', 60_000);
		assert.deepEqual(d.diagnostics.map((x) => x.code), ['unknown-citation']);
		assert.equal(d.diagnostics[0]!.range.start.character, text.indexOf('no-such-key'));
		const h = await answersWithin(c.conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: text.indexOf(A) + 2 } }), 10_000, 'hover');
		assert.match(JSON.stringify(h?.contents), new RegExp(A));
		assert.ok(Date.now() - t < 60_000);
		// an edit at the end: still one log line
		await c.conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: text.length }, end: { line: 0, character: text.length } }, text: ' more' }] });
		await c.diagnosticsFor(uri, 2);
		assert.equal(c.logs.filter((l) => /maxNoteBytes/.test(l)).length, 1);
		await c.conn.sendNotification(rpc.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
	});

	test('the notes were never edited, the log never flooded, memory stayed bounded', async (t) => {
		assert.deepEqual(applied, []);
		assert.ok(c.logs.length < 200, `${c.logs.length} log lines`);
		assert.ok(c.messages.length <= 3, JSON.stringify(c.messages));
		const peak = peakMb(c.child.pid!);
		assert.ok(peak < 1_500, `peak memory ${Math.round(peak)} MB`);
		t.diagnostic(`hostile workspace: ready after ${readyAfter} ms; peak memory ${Math.round(peak)} MB`);
	});
});

describe('symbolic link loops', () => {
	test('with followSymlinksOutside on, a link loop ends: indexing finishes and the real file is indexed', async () => {
		const env = cacheEnv();
		const c = new TestClient({ seeds: false, settings: { sources: ['sources/**/*.txt'], followSymlinksOutside: true }, files: { 'sources/a/real.txt': 'Real\n\nRevenue was $4 billion.\n' }, launch: { env: env.env } });
		try {
			fs.symlinkSync('..', path.join(c.dir, 'sources/a/up'));
			fs.symlinkSync(path.join(c.dir, 'sources'), path.join(c.dir, 'sources/a/root'));
			fs.symlinkSync('self', path.join(c.dir, 'sources/self'));
			await c.initialize();
			await answersWithin(c.ready(), 30_000, 'indexing with link loops');
			const keys = ((await c.conn.sendRequest('groundedNotes/sources')) as Array<{ key: string }>).map((s) => s.key);
			assert.ok(keys.includes('real'), keys.join(', '));
		} finally {
			await c.close();
			fs.rmSync(env.dir, { recursive: true, force: true });
		}
	});
});

describe('files deleted or renamed while they are indexed', () => {
	test('no warning for the vanished, one log line, and the renamed are indexed under their new names', async () => {
		const env = cacheEnv();
		const N = 3_000;
		const c = new TestClient({ seeds: false, settings: { sources: ['sources/**/*.txt'] }, launch: { env: env.env } });
		try {
			for (let i = 0; i < N; i++) c.write(`sources/s${String(i).padStart(4, '0')}.txt`, `Source ${i}\n\nRevenue was $${i + 1} million in 2024.\n`);
			await c.initialize();
			await c.until(() => c.statuses.some((s) => s.state === 'indexing' && (s as unknown as Status).total === N), 'the listing', 30_000);
			// from the end, so that most are gone before the indexer reaches them
			const deleted: string[] = [];
			const renamed: string[] = [];
			for (let i = N - 1; i >= N / 2; i--) {
				const rel = `sources/s${String(i).padStart(4, '0')}.txt`;
				if (i % 2) {
					fs.rmSync(path.join(c.dir, rel));
					deleted.push(rel);
				} else {
					fs.renameSync(path.join(c.dir, rel), path.join(c.dir, `sources/renamed-${i}.txt`));
					renamed.push(rel);
				}
			}
			await c.ready();
			const s = await status(c);
			assert.deepEqual(s.skipped, [], 'a file that vanished is not "skipped"');
			assert.ok(!c.messages.some((m) => /skipped/i.test(m.message)), JSON.stringify(c.messages));
			assert.ok(s.sources >= N / 2 && s.sources <= N, `${s.sources} sources`);
			// the client's watcher then reports what happened; the index ends up as the disk is
			await c.conn.sendNotification(rpc.DidChangeWatchedFilesNotification.type, {
				changes: [
					...[...deleted, ...renamed].map((rel): rpc.FileEvent => ({ uri: c.uri(rel), type: rpc.FileChangeType.Deleted })),
					...renamed.map((rel): rpc.FileEvent => ({ uri: c.uri(rel.replace(/s(\d+)\.txt$/, (_m, n: string) => `renamed-${Number(n)}.txt`)), type: rpc.FileChangeType.Created })),
				],
			});
			await c.until(() => c.statuses.at(-1)!.sources === N / 2 + renamed.length, 'the index to match the disk', 30_000);
			const keys = ((await c.conn.sendRequest('groundedNotes/sources')) as Array<{ key: string }>).map((x) => x.key);
			assert.ok(keys.includes(`renamed-${N - 2}`));
			assert.ok(!keys.includes(`s${N - 1}`));
			// they did vanish mid-way (else this test proves nothing), and the log says so in one line
			assert.equal(c.logs.filter((l) => /deleted or renamed while being indexed/.test(l)).length, 1, c.logs.join('\n'));
		} finally {
			await c.close();
			fs.rmSync(env.dir, { recursive: true, force: true });
		}
	});
});

describe('a file the server is not allowed to read', () => {
	const canDrop = process.getuid?.() === 0 && spawnSync('setpriv', ['--version']).status === 0;
	test('as an unprivileged user, a chmod 000 source is skipped as "permission denied"', { skip: canDrop ? false : 'needs root and setpriv to run the server as nobody' }, async () => {
		const env = cacheEnv();
		const c = new TestClient({
			settings: { sources: ['seeds/**/*.txt', 'private/*.txt'] },
			files: { 'private/locked.txt': 'Locked\n\nRevenue was $4 billion.\n' },
			launch: { prefix: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'], env: env.env },
		});
		try {
			fs.chmodSync(c.dir, 0o755);
			fs.chmodSync(env.dir, 0o777);
			for (const d of ['seeds', 'private']) fs.chmodSync(path.join(c.dir, d), 0o755);
			for (const f of fs.readdirSync(path.join(c.dir, 'seeds'))) fs.chmodSync(path.join(c.dir, 'seeds', f), 0o644);
			fs.chmodSync(path.join(c.dir, 'private/locked.txt'), 0o000);
			await c.initialize();
			await c.ready();
			const s = await status(c);
			assert.equal(s.sources, SEED_COUNT);
			assert.deepEqual(s.skipped.map((x) => [x.uri.replace(/.*\//, ''), x.reason]), [['locked.txt', 'it cannot be read (permission denied)']]);
			assert.equal(c.messages.filter((m) => /skipped/.test(m.message)).length, 1);
		} finally {
			await c.close();
			fs.rmSync(env.dir, { recursive: true, force: true });
		}
	});
});

describe('many tiny files', () => {
	// 100,000 take about 80-100 s here; GN_MANY_FILES lowers it for a quick local run
	const N = Number(process.env['GN_MANY_FILES'] ?? 100_000);
	test(`${N} files are indexed, and a hover is answered while indexing`, { timeout: 900_000 }, async (tc) => {
		const env = cacheEnv();
		const c = new TestClient({ seeds: false, settings: { sources: ['sources/**/*.txt'], maxSources: N + 10 }, launch: { env: env.env } });
		try {
			let t = Date.now();
			for (let d = 0; d * 1000 < N; d++) {
				const dir = path.join(c.dir, 'sources', `d${d}`);
				fs.mkdirSync(dir, { recursive: true });
				for (let i = d * 1000; i < Math.min(N, (d + 1) * 1000); i++) fs.writeFileSync(path.join(dir, `f${i}.txt`), `Doc ${i}\n\nRevenue was $${i + 1} million in 2024.\n`);
			}
			const wrote = Date.now() - t;
			t = Date.now();
			await c.initialize();
			const uri = await c.open('note.md', `Revenue was $5 million in 2024 [@f4].`);
			await c.until(() => c.statuses.some((s) => s.state === 'indexing' && (s as unknown as Status).indexed > 0), 'indexing to start', 120_000);
			const asked = Date.now();
			const h = await answersWithin(c.conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 14 } }), 2_000, 'hover while indexing');
			const hoverMs = Date.now() - asked;
			assert.ok(h, 'a hover');
			const last = c.statuses.at(-1) as unknown as Status;
			assert.equal(last.state, 'indexing', 'the hover came back while indexing was under way');
			await c.until(() => c.statuses.some((s) => s.state === 'ready'), 'indexing to finish', 600_000);
			const indexed = Date.now() - t;
			const s = await status(c);
			assert.equal(s.sources, N);
			assert.deepEqual(s.skipped, []);
			const peak = peakMb(c.child.pid!);
			tc.diagnostic(`${N} tiny files: written in ${wrote} ms, indexed in ${indexed} ms, hover during indexing ${hoverMs} ms, peak memory ${Math.round(peak)} MB`);
			assert.ok(indexed < 600_000);
		} finally {
			await c.close();
			fs.rmSync(env.dir, { recursive: true, force: true });
		}
	});

	test('more files than groundedNotes.maxSources: one skipped entry and one message for the lot', async () => {
		const env = cacheEnv();
		const c = new TestClient({ seeds: false, settings: { sources: ['sources/**/*.txt'], maxSources: 100 }, launch: { env: env.env } });
		try {
			for (let i = 0; i < 2_000; i++) c.write(`sources/f${i}.txt`, `Doc ${i}\n\nRevenue was $${i + 1} million.\n`);
			await c.initialize();
			await c.ready();
			const s = await status(c);
			assert.equal(s.sources, 100);
			assert.equal(s.skipped.length, 1);
			assert.match(s.skipped[0]!.reason, /1900 more files match the source globs than groundedNotes\.maxSources \(100\)/);
			assert.equal(c.messages.filter((m) => /skipped/i.test(m.message)).length, 1);
			assert.ok(c.logs.length < 50, `${c.logs.length} log lines`);
		} finally {
			await c.close();
			fs.rmSync(env.dir, { recursive: true, force: true });
		}
	});

	test('2,000 binary files: one message, and the log names 50 then sums up the rest', async () => {
		const env = cacheEnv();
		const c = new TestClient({ settings: { sources: ['seeds/**/*.txt', 'bin/*.txt'] }, launch: { env: env.env } });
		try {
			for (let i = 0; i < 2_000; i++) c.write(`bin/b${i}.txt`, new Uint8Array([0, 1, 2, i % 256]));
			await c.initialize();
			await c.ready();
			const s = await status(c);
			assert.equal(s.sources, SEED_COUNT);
			assert.equal(s.skipped.length, 2_000);
			assert.equal(c.messages.filter((m) => /skipped/i.test(m.message)).length, 1);
			const lines = c.logs.filter((l) => /Skipped/.test(l));
			assert.equal(lines.length, 51, lines.slice(-3).join('\n'));
			assert.ok(c.logs.some((l) => /Skipped 1950 more sources/.test(l)));
		} finally {
			await c.close();
			fs.rmSync(env.dir, { recursive: true, force: true });
		}
	});
});
