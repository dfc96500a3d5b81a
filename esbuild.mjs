// Bundles the two entry points (and the extension-host test suite). remark and unified are
// ESM-only while VS Code loads extensions as CommonJS: bundling settles that.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {esbuild.BuildOptions} */
const common = {
	bundle: true,
	platform: 'node',
	target: 'node20',
	format: 'cjs',
	sourcemap: !production,
	minify: production,
	logLevel: 'info',
	// ESM-only dependencies (fdir, via tinyglobby) read import.meta.url, which CommonJS lacks
	define: { 'import.meta.url': '__import_meta_url' },
	banner: { js: "const __import_meta_url = require('url').pathToFileURL(__filename).href;" },
};

const builds = [
	{ ...common, entryPoints: { server: 'server/src/main.ts' }, outdir: 'dist', banner: { js: `#!/usr/bin/env node\n${common.banner.js}` } },
	// jsonc-parser's `main` is a UMD build that requires its own files at run time: take its ES module
	{ ...common, entryPoints: { cli: 'server/src/cli.ts' }, outdir: 'dist', mainFields: ['module', 'main'], banner: { js: `#!/usr/bin/env node\n${common.banner.js}` } },
	// the indexer worker thread (server/src/indexer/worker.ts), started by the server beside it
	{ ...common, entryPoints: { indexer: 'server/src/indexer/worker.ts' }, outdir: 'dist' },
	{ ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
	{ ...common, entryPoints: { 'suite/index': 'test/e2e/suite/index.ts' }, outdir: 'out/test', external: ['vscode', 'mocha'] },
];

const fs = await import('node:fs');
const present = builds.filter((b) => Object.values(b.entryPoints).every((p) => fs.existsSync(p)));
if (watch) {
	for (const b of present) await (await esbuild.context(b)).watch();
} else {
	await Promise.all(present.map((b) => esbuild.build(b)));
	// the package's bins (`npx grounded-notes check` in a checkout runs dist/cli.js itself)
	for (const bin of ['dist/server.js', 'dist/cli.js']) if (fs.existsSync(bin)) fs.chmodSync(bin, 0o755);
}
