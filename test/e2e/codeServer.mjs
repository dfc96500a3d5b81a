// Runs a real VS Code here: code-server 4.100.3 (VS Code 1.100) in Debian's Chromium, driven by
// playwright-core (see shared/E2E.md §1). Used by run-suite.mjs (the extension-host suite) and
// ui.test.mjs (what a writer sees). Every server runs in its own process group with fresh
// user-data and extensions folders, and is stopped by killing that group.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const codeServerDir = process.env.GN_CODE_SERVER_DIR ?? path.join(root, '.e2e/code-server');
export const codeServerBin = path.join(codeServerDir, 'node_modules/.bin/code-server');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
export const extensionId = `${pkg.publisher}.${pkg.name}`;
export const vsixPath = path.join(root, `${pkg.name}-${pkg.version}.vsix`);

/** User settings that keep the workbench quiet and quick (E2E.md). */
export const userSettings = {
	'security.workspace.trust.enabled': false,
	'workbench.startupEditor': 'none',
	'workbench.reduceMotion': 'on',
	'workbench.tips.enabled': false,
	'workbench.enableExperiments': false,
	'editor.hover.delay': 100,
	'telemetry.telemetryLevel': 'off',
	'update.mode': 'none',
	'extensions.autoUpdate': false,
	'extensions.autoCheckUpdates': false,
	'chat.disableAIFeatures': true,
	'git.enabled': false,
	'window.commandCenter': false,
};

/** Fails early, saying what to run, when code-server, Chromium or the .vsix is missing. */
export function checkPrerequisites() {
	const missing = [];
	if (!fs.existsSync(codeServerBin)) missing.push(`code-server (${codeServerBin}): run npm run e2e:setup`);
	if (!fs.existsSync('/usr/bin/chromium')) missing.push('chromium (/usr/bin/chromium): run npm run e2e:setup');
	if (!fs.existsSync(vsixPath)) missing.push(`${path.basename(vsixPath)}: run npm run package`);
	if (missing.length) throw new Error(`Missing for the end-to-end tests:\n  ${missing.join('\n  ')}`);
}

/** A fresh folder for one run: `<root>/.e2e/runs/<name>`, emptied first. */
export function freshRunDir(name) {
	const dir = path.join(root, '.e2e/runs', name);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}

/** Builds the sample workspace (sample/ + seeds/) into `dir`. */
export function makeSample(dir) {
	const r = spawnSync(process.execPath, [path.join(root, 'scripts/make-sample.mjs'), dir], { encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`make-sample failed: ${r.stderr}`);
	return dir;
}

/** Installs the .vsix as a user would, into `extensionsDir`; returns the unpacked extension's folder. */
export function installVsix(extensionsDir, userDataDir) {
	fs.mkdirSync(extensionsDir, { recursive: true });
	const r = spawnSync(
		codeServerBin,
		['--install-extension', vsixPath, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--force'],
		{ encoding: 'utf8', env: { ...process.env, HOME: path.dirname(userDataDir) } },
	);
	if (r.status !== 0) throw new Error(`installing ${vsixPath} failed:\n${r.stdout}\n${r.stderr}`);
	const unpacked = fs.readdirSync(extensionsDir).find((d) => d.startsWith(`${extensionId}-`));
	if (!unpacked) throw new Error(`${vsixPath} installed, but no ${extensionId}-* folder is in ${extensionsDir}`);
	return path.join(extensionsDir, unpacked);
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes. */
export async function until(check, what, timeoutMs = 60_000, intervalMs = 100) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	while (Date.now() < deadline) {
		try {
			const value = await check();
			if (value) return value;
		} catch (error) {
			lastError = error;
		}
		await new Promise((r) => setTimeout(r, intervalMs));
	}
	throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError.message}` : ''}`);
}

/**
 * Starts code-server in its own process group, with fresh user-data and the given extensions folder,
 * and waits until it answers. `stop()` kills the whole group (extension hosts, watchers, servers).
 */
export async function startCodeServer({ runDir, workspace, extensionsDir, env = {} }) {
	const userDataDir = path.join(runDir, 'user-data');
	fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
	fs.writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify(userSettings, null, 2));
	fs.mkdirSync(extensionsDir, { recursive: true });
	const port = await freePort();
	const logPath = path.join(runDir, 'code-server.log');
	const log = fs.openSync(logPath, 'w');
	const child = spawn(
		codeServerBin,
		[
			'--auth', 'none',
			'--bind-addr', `127.0.0.1:${port}`,
			'--disable-telemetry',
			'--disable-update-check',
			'--disable-workspace-trust',
			'--disable-getting-started-override',
			'--user-data-dir', userDataDir,
			'--extensions-dir', extensionsDir,
			workspace,
		],
		{
			// detached = setsid(): the server and everything it starts form one process group.
			detached: true,
			stdio: ['ignore', log, log],
			// HOME apart, so code-server writes its config.yaml into the run folder, not ~/.config.
			env: { ...process.env, HOME: runDir, XDG_CONFIG_HOME: path.join(runDir, 'config'), XDG_DATA_HOME: path.join(runDir, 'data'), ...env },
		},
	);
	fs.closeSync(log);
	let exited = null;
	child.once('exit', (code, signal) => (exited = { code, signal }));

	const stop = async () => {
		if (child.pid === undefined) return;
		for (const signal of ['SIGTERM', 'SIGKILL']) {
			try {
				process.kill(-child.pid, signal);
			} catch {
				return; // the group is gone
			}
			const gone = await until(() => !groupAlive(child.pid), 'code-server to stop', signal === 'SIGTERM' ? 5000 : 10_000).then(
				() => true,
				() => false,
			);
			if (gone) return;
		}
	};
	const base = `http://127.0.0.1:${port}`;
	try {
		await until(async () => {
			if (exited) throw new Error(`code-server exited (${JSON.stringify(exited)}); see ${logPath}`);
			const res = await fetch(`${base}/healthz`);
			return res.ok;
		}, `code-server on ${base} (log: ${logPath})`, 60_000);
	} catch (error) {
		await stop();
		throw error;
	}
	return { port, base, authority: `127.0.0.1:${port}`, pid: child.pid, logPath, userDataDir, stop };
}

function groupAlive(pgid) {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Debian's Chromium, headless, with the flags that keep it off the (closed) network. */
export async function launchBrowser() {
	const { chromium } = await import('playwright-core');
	return chromium.launch({
		executablePath: '/usr/bin/chromium',
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage',
		],
	});
}

/** The workbench URL for a folder, with an extension-development payload when given. */
export function workbenchUrl(server, workspace, payload) {
	const url = new URL(server.base);
	url.searchParams.set('folder', workspace);
	if (payload) url.searchParams.set('payload', JSON.stringify(payload));
	return url.toString();
}

/** Stops everything given, ignoring what is already gone; for `finally` blocks and signals. */
export async function cleanUp(...things) {
	for (const thing of things) {
		try {
			if (thing && typeof thing.close === 'function') await thing.close();
			else if (thing && typeof thing.stop === 'function') await thing.stop();
		} catch {
			// already gone
		}
	}
}
