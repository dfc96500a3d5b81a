// @vscode/test-cli configuration (`npm run e2e:electron`): runs the same extension-host suite as
// test/e2e/run-suite.mjs, in a VS Code that test-electron downloads. That needs a machine that can
// reach VS Code's download servers (a developer's laptop); here, run-suite.mjs runs it in code-server.
// Build first: npm run build.
import { execFileSync } from 'node:child_process';
import { defineConfig } from '@vscode/test-cli';

const workspace = '.e2e/electron-sample';
execFileSync(process.execPath, ['scripts/make-sample.mjs', workspace]);

export default defineConfig({
	label: 'extension host',
	files: 'out/test/suite/index.js',
	workspaceFolder: workspace,
	version: '1.100.0',
	mocha: { ui: 'bdd', timeout: 60_000, color: true },
	launchArgs: ['--disable-workspace-trust'],
});
