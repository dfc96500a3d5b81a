/**
 * The extension-host test runner: VS Code (or code-server, see ../run-suite.mjs) loads this bundle
 * as `extensionTestsPath` and awaits `run()`. Mocha's output reaches only the host's console, so the
 * results also go to the file named by GN_TEST_RESULTS. GN_TEST_GREP runs only matching tests.
 */
import fs from 'node:fs';
import Mocha from 'mocha';

/**
 * The test files are bundled with this one and define their suites when loaded, which must happen
 * after mocha has put `describe` and `it` on the global object (so `require`, not `import`).
 */
function loadTests(): void {
	require('./activation.test');
	require('./diagnostics.test');
	require('./hover.test');
	require('./completion.test');
	require('./navigation.test');
	require('./codeActions.test');
	require('./commands.test');
	require('./sourcesView.test');
}

// Under @vscode/test-cli (.vscode-test.mjs) mocha loads this bundle as a test file, globals set.
if (typeof (globalThis as { describe?: unknown }).describe === 'function') loadTests();

export async function run(): Promise<void> {
	const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
	if (process.env.GN_TEST_GREP) mocha.grep(process.env.GN_TEST_GREP);
	mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
	loadTests();

	const lines: string[] = [];
	const results = process.env.GN_TEST_RESULTS;
	const write = () => results && fs.writeFileSync(results, lines.join('\n') + '\n');
	await new Promise<void>((resolve, reject) => {
		const runner = mocha.run((failures) => {
			const { passes = 0, pending = 0 } = runner.stats ?? {};
			lines.push('', `${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
			write();
			if (failures > 0) reject(new Error(`${failures} tests failed.`));
			else resolve();
		});
		runner.on('pass', (t) => lines.push(`  ✔ ${t.fullTitle()} (${t.duration ?? 0} ms)`));
		runner.on('pending', (t) => lines.push(`  - ${t.fullTitle()} (skipped)`));
		runner.on('fail', (t, err: Error) => {
			lines.push(`  ✘ ${t.fullTitle()}`, ...String(err?.stack ?? err).split('\n').slice(0, 12).map((l) => `      ${l}`));
			write();
		});
	});
}
