/** `grounded-notes check`: the built dist/cli.js run on the seeds and the sample report, as a script or CI would. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const A = '000_dad698e8bbde9b79';

function workspace(files: Record<string, string> = {}): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-cli-'));
	fs.mkdirSync(path.join(dir, 'seeds'));
	for (const f of fs.readdirSync(path.join(ROOT, 'seeds'))) fs.copyFileSync(path.join(ROOT, 'seeds', f), path.join(dir, 'seeds', f));
	fs.mkdirSync(path.join(dir, 'notes'));
	fs.copyFileSync(path.join(ROOT, 'sample/notes/report.md'), path.join(dir, 'notes/report.md'));
	for (const [rel, text] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
		fs.writeFileSync(path.join(dir, rel), text);
	}
	return dir;
}

function run(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
	const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const LINE = /^(.+):(\d+):(\d+): (error|warning|information|hint) ([a-z-]+) (.+)$/;

describe('grounded-notes check', () => {
	let dir: string;
	before(() => {
		dir = workspace({
			'notes/clean.md': `Altman plans to invest $1.4 trillion to build 30 gigawatts of computing power [@${A}].\n`,
			// a Markdown source is not a note
			'sources/brief.md': '---\ntitle: Brief\n---\nA brief that says 7 things [@nothing].\n',
		});
	});
	after(() => fs.rmSync(dir, { recursive: true, force: true }));

	test('prints file:line:col: severity code message for the sample report and exits 1', () => {
		const r = run(dir, 'check', 'notes/report.md');
		assert.equal(r.status, 1, r.stderr);
		const lines = r.stdout.trim().split('\n');
		for (const l of lines) assert.match(l, LINE);
		assert.ok(lines.some((l) => l.startsWith('notes/report.md:15:42: warning figure-mismatch Sources say $1.4 trillion, not $2 trillion')), r.stdout);
		assert.ok(lines.some((l) => /^notes\/report\.md:25:\d+: error unknown-citation No source has the citation key 'bloomberg-2025'/.test(l)), r.stdout);
		assert.match(r.stderr, /\d+ problems \(1 error, \d+ warnings/);
		// stderr is not a terminal here: no progress
		assert.ok(!/Indexing|\r/.test(r.stderr), r.stderr);
	});

	test('exits 0 when the notes hold no warning or error', () => {
		const r = run(dir, 'check', 'notes/clean.md');
		assert.equal(r.status, 0, r.stdout + r.stderr);
		assert.equal(r.stdout, '');
		assert.match(r.stderr, /No problems in 1 note/);
	});

	test('--format json gives every diagnostic with 1-based positions', () => {
		const r = run(dir, 'check', '--format', 'json', 'notes/report.md', 'notes/clean.md');
		assert.equal(r.status, 1);
		const out = JSON.parse(r.stdout) as { notes: Array<{ file: string; diagnostics: Array<{ line: number; column: number; severity: string; code: string }> }>; summary: { notes: number; error: number; warning: number } };
		assert.equal(out.summary.notes, 2);
		const report = out.notes.find((n) => n.file === 'notes/report.md')!;
		assert.ok(report.diagnostics.some((d) => d.line === 15 && d.column === 42 && d.code === 'figure-mismatch' && d.severity === 'warning'));
		assert.deepEqual(out.notes.find((n) => n.file === 'notes/clean.md')!.diagnostics, []);
		assert.equal(out.summary.error, 1);
	});

	test('without notes, checks every Markdown note of the folder that is not a source', () => {
		const r = run(dir, 'check', '--format', 'json');
		const files = (JSON.parse(r.stdout) as { notes: Array<{ file: string }> }).notes.map((n) => n.file).sort();
		assert.deepEqual(files, ['notes/clean.md', 'notes/report.md']);
	});

	test('--root checks another folder from anywhere', () => {
		const r = run(os.tmpdir(), 'check', '--root', dir, '--format', 'json');
		assert.equal(r.status, 1);
		assert.equal((JSON.parse(r.stdout) as { summary: { notes: number } }).summary.notes, 2);
	});

	test('--sources replaces the source globs (repeatable)', () => {
		const none = run(dir, 'check', '--sources', 'nowhere/**/*.txt', 'notes/clean.md');
		assert.equal(none.status, 1);
		assert.match(none.stdout, /unknown-citation/);
		assert.match(none.stderr, /no sources match nowhere/);
		const two = run(dir, 'check', '--sources', 'nowhere/**', '--sources', 'seeds/**/*.txt', 'notes/clean.md');
		assert.equal(two.status, 0, two.stdout);
	});

	test('reads groundedNotes.* from .vscode/settings.json, comments and trailing commas allowed', () => {
		const d2 = workspace({
			'.vscode/settings.json': `{
	// only the text seeds
	"groundedNotes.sources": ["seeds/**/*.txt",],
	/* mismatches are not this team's concern */
	"groundedNotes.diagnostics": { "figure-mismatch": "off", "unknown-citation": "warning", },
	"editor.wordWrap": "on",
}`,
		});
		try {
			const r = run(d2, 'check', 'notes/report.md');
			assert.ok(!r.stdout.includes('figure-mismatch'), r.stdout);
			assert.match(r.stdout, /warning unknown-citation/);
			assert.equal(r.stderr.includes('settings.json'), false, r.stderr);
		} finally {
			fs.rmSync(d2, { recursive: true, force: true });
		}
	});

	test('usage errors exit 2 saying what is wrong and how to call it', () => {
		for (const [args, why] of [
			[[], /no command given/],
			[['lint'], /unknown command 'lint'/],
			[['check', '--format', 'xml'], /--format must be text or json/],
			[['check', '--frobnicate'], /Unknown option '--frobnicate'/],
			[['check', 'notes/missing.md'], /the note notes\/missing\.md cannot be read: it no longer exists/],
			[['check', '--sources', '../outside/**'], /--sources takes globs relative to the root/],
		] as Array<[string[], RegExp]>) {
			const r = run(dir, ...args);
			assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
			assert.match(r.stderr, why);
			assert.match(r.stderr, /Usage: grounded-notes check \[options\] \[notes\.\.\.\]/);
		}
		const help = run(dir, '--help');
		assert.equal(help.status, 0);
		assert.match(help.stdout, /^Usage:/);
	});
});
