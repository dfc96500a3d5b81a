/**
 * Helpers for driving the built server from other editors' LSP clients (Neovim, Emacs eglot) in
 * batch mode: a temporary workspace with the seeds and a note, and a way to run an editor under a
 * time limit and kill everything it started. scripts/setup-clients.sh installs the editors.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const SERVER = path.join(ROOT, 'dist/server.js');
export const A = '000_dad698e8bbde9b79';
export const KEYS = fs.readdirSync(path.join(ROOT, 'seeds')).map((f) => f.replace(/\.[^.]+$/, '')).sort();

/**
 * The note every client opens: a wrong figure on line 0, an open citation on line 2 for completion,
 * and on line 4 a key no source has. Unknown keys are reported only once every source is indexed,
 * so a client that has seen that diagnostic asks the rest of its questions of a complete index.
 */
export const WRONG = `Sam Altman wants to spend $2 trillion on 30 gigawatts of compute [@${A}].`;
export const UNKNOWN = 'no-such-source';
export const NOTE = `${WRONG}\n\nSources: [@\n\nSee also [@${UNKNOWN}].\n`;
/** Where completion is asked: just after `[@` on line 2. */
export const COMPLETE_AT = { line: 2, character: 'Sources: [@'.length };
/** Where hover is asked: inside `$2 trillion`. */
export const HOVER_AT = { line: 0, character: WRONG.indexOf('$2 trillion') + 2 };

/**
 * Whether an editor is installed. Under CI (CI=true) a missing editor is a failure, so that a CI
 * run can never pass by skipping; elsewhere the test is skipped with a message saying how to install.
 */
export function editor(command: string, probe = ['--version']): { present: boolean; skip: string | false; version: string } {
	const r = spawnSync(command, probe, { encoding: 'utf8', timeout: 20_000 });
	const present = r.status === 0;
	const version = present ? r.stdout.split('\n')[0]!.trim() : '';
	const skip = present || process.env['CI'] === 'true' ? false : `${command} is not installed: run bash scripts/setup-clients.sh (under CI=true this fails instead)`;
	return { present, skip, version };
}

/** A fresh workspace: the seeds, and note.md. */
export function workspace(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-client-'));
	fs.mkdirSync(path.join(dir, 'seeds'));
	for (const f of fs.readdirSync(path.join(ROOT, 'seeds'))) fs.copyFileSync(path.join(ROOT, 'seeds', f), path.join(dir, 'seeds', f));
	fs.writeFileSync(path.join(dir, 'note.md'), NOTE);
	fs.mkdirSync(path.join(dir, '.cache'));
	return dir;
}

/** Runs a command in its own process group under `timeout`, then kills the group (the language server with it). */
export async function run(command: string, args: string[], options: { cwd: string; env: Record<string, string>; seconds: number }): Promise<{ code: number | null; stdout: string; stderr: string }> {
	const child = spawn('timeout', ['--kill-after=5', String(options.seconds), command, ...args], {
		cwd: options.cwd,
		env: { ...process.env, ...options.env },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => (stderr += d));
	const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
	try {
		process.kill(-child.pid!, 'SIGKILL');
	} catch {
		// the group is gone already
	}
	return { code, stdout, stderr };
}

/** Reads the JSON an editor script wrote, or fails with what the editor printed. */
export function readResult<T>(file: string, ran: { code: number | null; stdout: string; stderr: string }): T {
	if (!fs.existsSync(file)) throw new Error(`the editor wrote no result (exit ${ran.code}).\nstdout: ${ran.stdout.slice(-2000)}\nstderr: ${ran.stderr.slice(-2000)}`);
	return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}
