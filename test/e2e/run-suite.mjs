#!/usr/bin/env node
// Runs the extension-host suite (test/e2e/suite, bundled to out/test/suite/index.js) inside a real
// VS Code: code-server in headless Chromium, the way @vscode/test-electron would run it elsewhere.
// The extension under test is the packaged .vsix, unpacked as code-server installs it, and passed as
// the extension-development path through the workbench URL's `payload` (code-server's CLI refuses
// --extensionDevelopmentPath). Exits with the suite's code; prints mocha's results from a file.
//
//   node test/e2e/run-suite.mjs            (after npm run package and npm run e2e:setup)
//   GN_TEST_GREP=hover node test/e2e/run-suite.mjs    only tests whose title matches
import fs from 'node:fs';
import path from 'node:path';
import {
	checkPrerequisites,
	cleanUp,
	freshRunDir,
	installVsix,
	launchBrowser,
	makeSample,
	root,
	startCodeServer,
	workbenchUrl,
} from './codeServer.mjs';

const TIMEOUT_MS = Number(process.env.GN_SUITE_TIMEOUT_MS ?? 5 * 60_000);
const suitePath = path.join(root, 'out/test/suite/index.js');

async function main() {
	checkPrerequisites();
	if (!fs.existsSync(suitePath)) throw new Error(`${suitePath} is missing: run npm run build`);
	const runDir = freshRunDir('suite');
	const workspace = makeSample(path.join(runDir, 'workspace'));
	// Unpack the .vsix as a user's VS Code would, apart from the extensions folder the server uses:
	// that one stays empty, so the development copy is the only copy.
	const extension = installVsix(path.join(runDir, 'installed'), path.join(runDir, 'user-data'));
	const resultsPath = path.join(runDir, 'results.txt');
	const consolePath = path.join(root, 'test-results/suite-console.log');
	fs.mkdirSync(path.dirname(consolePath), { recursive: true });

	let server;
	let browser;
	const stopAll = async () => cleanUp(browser, server);
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.once(signal, () => void stopAll().finally(() => process.exit(130)));
	}
	try {
		server = await startCodeServer({
			runDir,
			workspace,
			extensionsDir: path.join(runDir, 'extensions'),
			env: { GN_TEST_RESULTS: resultsPath, GN_TEST_GREP: process.env.GN_TEST_GREP ?? '' },
		});
		console.log(`code-server ${server.base} (pid ${server.pid}), workspace ${workspace}`);
		const remote = (p) => `vscode-remote://${server.authority}${p}`;
		const url = workbenchUrl(server, workspace, [
			['extensionDevelopmentPath', remote(extension)],
			['extensionTestsPath', remote(suitePath)],
		]);

		browser = await launchBrowser();
		const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
		const consoleLog = fs.createWriteStream(consolePath);
		page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
		let exitWith;
		const exited = new Promise((resolve) => (exitWith = resolve));
		await page.exposeFunction('codeAutomationExit', (code) => exitWith(Number(code)));
		await page.goto(url);

		let timer;
		const timedOut = new Promise((resolve) => {
			timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS);
		});
		const code = await Promise.race([exited, timedOut]);
		clearTimeout(timer);
		consoleLog.end();
		if (code === 'timeout') {
			const shot = path.join(root, 'test-results/screenshots/suite-timeout.png');
			fs.mkdirSync(path.dirname(shot), { recursive: true });
			await page.screenshot({ path: shot }).catch(() => {});
			console.error(`The suite did not finish within ${TIMEOUT_MS} ms (screenshot: ${shot}; browser console: ${consolePath}).`);
		}
		if (fs.existsSync(resultsPath)) {
			process.stdout.write(fs.readFileSync(resultsPath, 'utf8'));
		} else {
			console.error(`No results at ${resultsPath}: the suite did not run. See ${consolePath} and ${server.logPath}.`);
		}
		return code === 'timeout' ? 1 : code;
	} finally {
		await stopAll();
	}
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	},
);
