// Bundles the two entry points (the extension and the language server, with the server's CLI, its
// indexer thread and the libraries it loads on demand) and the extension-host test suite. remark and
// unified are ESM-only while VS Code loads extensions as CommonJS: bundling settles that.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
// --names leaves the server's bundles unminified, for CPU profiles (node --cpu-prof) that name functions and lines
const names = process.argv.includes('--names');

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

/**
 * What the language server's processes (server, indexer thread, CLI) load: minified in every build,
 * as parsing and compiling the code is most of their start-up (source maps say where an error was).
 * ES modules first, where a package has them: esbuild drops what is not used from those (stopword's
 * `module` holds each language's list in a file of its own, its `main` every list in one object), and
 * jsonc-parser's `main` is a UMD build that requires its own files at run time.
 */
const serverSide = {
	...common,
	minify: !names,
	mainFields: ['module', 'main'],
	define: { ...common.define, GROUNDED_NOTES_LIB: JSON.stringify('lib') },
};

/**
 * The converters' libraries, each a bundle of its own in dist/lib/ that server/src/service/lazy.ts
 * loads on first use (and, by GROUNDED_NOTES_LIB, leaves out of the bundles above): most workspaces
 * hold no HTML, PDF or BibTeX, and parsing these at every start-up cost more than the rest of the server.
 */
const lazyLibraries = {
	html: "export { parseHTML } from 'linkedom'; export { Readability } from '@mozilla/readability';",
	pdf: "export { getDocumentProxy, extractText } from 'unpdf';",
	bibtex: "import '@citation-js/plugin-bibtex'; export { plugins } from '@citation-js/core';",
};

const shebang = { js: `#!/usr/bin/env node\n${common.banner.js}` };
const builds = [
	// dist/server.js runs the server's bundle with V8's code cache (server/src/load.ts)
	{ ...serverSide, entryPoints: { server: 'server/src/load.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
	{ ...serverSide, entryPoints: { 'server-main': 'server/src/main.ts' }, outdir: 'dist' },
	{ ...serverSide, entryPoints: { cli: 'server/src/cli.ts' }, outdir: 'dist', banner: shebang },
	// the indexer worker thread (server/src/indexer/worker.ts), started by the server beside it
	{ ...serverSide, entryPoints: { indexer: 'server/src/indexer/worker.ts' }, outdir: 'dist' },
	// which runs it with V8's code cache (server/src/indexer/load.ts)
	{ ...serverSide, entryPoints: { 'indexer-load': 'server/src/indexer/load.ts' }, outdir: 'dist' },
	...Object.entries(lazyLibraries).map(([name, contents]) => ({
		...serverSide,
		stdin: { contents, resolveDir: '.', sourcefile: `lib/${name}.js` },
		outfile: `dist/lib/${name}.js`,
	})),
	{ ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
	{ ...common, entryPoints: { 'suite/index': 'test/e2e/suite/index.ts' }, outdir: 'out/test', external: ['vscode', 'mocha'] },
];

const fs = await import('node:fs');
const present = builds.filter((b) => !b.entryPoints || Object.values(b.entryPoints).every((p) => fs.existsSync(p)));
if (watch) {
	for (const b of present) await (await esbuild.context(b)).watch();
} else {
	await Promise.all(present.map((b) => esbuild.build(b)));
	// the package's bins (`npx grounded-notes check` in a checkout runs dist/cli.js itself)
	for (const bin of ['dist/server.js', 'dist/cli.js']) if (fs.existsSync(bin)) fs.chmodSync(bin, 0o755);
}
