/**
 * Bundles run with V8's code cache (server/src/codeCache.ts, used by dist/server.js and the
 * indexer worker's loader): the cache is written on demand, taken by the next run, refused without
 * harm when it is not V8's, and the caches of other builds of the same bundle go after a week.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { codeCacheFile, runWithCodeCache } from '../../server/src/codeCache';

const MODULE = path.resolve(__dirname, '../../server/src/codeCache.ts');

/**
 * Runs `bundle` with its code cache in a process of its own (within one process V8 compiles the
 * same source once, and a second run would not read the cache at all); `save`: and writes the
 * cache. What the bundle's `name()` says, and whether the run was from the cache.
 */
function runApart(bundle: string, cacheHome: string, save: boolean, variant?: string, flags: string[] = []): { name: string; fromCache: boolean } {
	const code = `const b = require(${JSON.stringify(MODULE)}).runWithCodeCache(${JSON.stringify(bundle)}, module, ${JSON.stringify(variant)});
${save ? 'b.save();' : ''}
process.stdout.write(JSON.stringify({ name: b.exports.name(), fromCache: b.fromCache }));`;
	const r = spawnSync(process.execPath, [...flags, '--import', 'tsx', '-e', code], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cacheHome } });
	assert.equal(r.status, 0, r.stderr);
	return JSON.parse(r.stdout) as { name: string; fromCache: boolean };
}

test('a bundle runs from its code cache once one is written; a corrupt one is refused and written anew', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-code-cache-unit-'));
	const cacheHome = path.join(dir, 'cache');
	try {
		const bundle = path.join(dir, 'bundle.js');
		fs.writeFileSync(bundle, `const path = require('node:path');\nexports.name = () => path.basename(__filename) + ' in ' + path.basename(__dirname);\n`);
		const name = `bundle.js in ${path.basename(dir)}`;
		assert.deepEqual(runApart(bundle, cacheHome, false), { name, fromCache: false }, 'no cache yet; the module sees its own file and folder');
		assert.deepEqual(runApart(bundle, cacheHome, true), { name, fromCache: false }, 'still none: written by save()');
		const file = codeCacheFile(bundle, fs.statSync(bundle), { XDG_CACHE_HOME: cacheHome })!;
		assert.match(path.basename(file), /^code-bundle-\d+-\d+-v[\d.]+\.bin$/);
		assert.ok(fs.existsSync(file));
		assert.deepEqual(runApart(bundle, cacheHome, false), { name, fromCache: true }, 'the next run takes it');
		fs.writeFileSync(file, 'not a code cache');
		assert.deepEqual(runApart(bundle, cacheHome, true), { name, fromCache: false }, 'a corrupt cache is refused, and the bundle runs all the same');
		assert.deepEqual(runApart(bundle, cacheHome, false), { name, fromCache: true }, 'written anew');
		process.env['GROUNDED_NOTES_CODE_CACHE'] = 'off';
		try {
			assert.equal(codeCacheFile(bundle, fs.statSync(bundle)), undefined, 'GROUNDED_NOTES_CODE_CACHE=off: none');
		} finally {
			delete process.env['GROUNDED_NOTES_CODE_CACHE'];
		}
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test('a cache made under other V8 flags is refused: each variant (the start-up inlining budget, jit.ts) keeps its own', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-code-cache-unit-'));
	const cacheHome = path.join(dir, 'cache');
	const startup = ['--max-inlined-bytecode-size-cumulative=150'];
	try {
		const bundle = path.join(dir, 'bundle.js');
		fs.writeFileSync(bundle, `exports.name = () => 'b';\n`);
		assert.deepEqual(runApart(bundle, cacheHome, true, 'startup', startup), { name: 'b', fromCache: false });
		const file = codeCacheFile(bundle, fs.statSync(bundle), { XDG_CACHE_HOME: cacheHome }, 'startup')!;
		assert.match(path.basename(file), /^code-bundle-startup-\d+-\d+-v[\d.]+\.bin$/);
		assert.deepEqual(runApart(bundle, cacheHome, false, 'startup', startup), { name: 'b', fromCache: true }, 'taken under the same flags');
		assert.deepEqual(runApart(bundle, cacheHome, false), { name: 'b', fromCache: false }, 'the default variant has none of its own yet');
		fs.copyFileSync(file, codeCacheFile(bundle, fs.statSync(bundle), { XDG_CACHE_HOME: cacheHome })!);
		assert.deepEqual(runApart(bundle, cacheHome, false), { name: 'b', fromCache: false }, "V8 refuses the other flags' cache (why each has its own)");
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
});

test('writing a cache removes those of other builds of the same bundle unused for a week, and nothing else', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-code-cache-unit-'));
	const before = process.env['XDG_CACHE_HOME'];
	process.env['XDG_CACHE_HOME'] = path.join(dir, 'cache');
	try {
		const bundle = path.join(dir, 'indexer.js');
		fs.writeFileSync(bundle, 'exports.ok = true;\n');
		const caches = path.join(dir, 'cache', 'grounded-notes');
		fs.mkdirSync(caches, { recursive: true });
		const old = (Date.now() - 8 * 24 * 3600 * 1000) / 1000;
		const recent = (Date.now() - 2 * 24 * 3600 * 1000) / 1000;
		const files: Record<string, number> = {
			'code-indexer-100-200-v20.0.0.bin': old, // another build of this bundle, unused for 8 days: removed
			'code-indexer-101-201-v20.0.0.bin': recent, // used 2 days ago (another installed version, say): kept
			'code-100-200-v20.0.0.bin': old, // the server bundle's: not this bundle's to remove
			'code-indexer-startup-100-200-v20.0.0.bin': old, // another variant's (jit.ts): its own writes remove it
			'0123456789abcdef': old, // a folder's index cache
		};
		for (const [name, time] of Object.entries(files)) {
			fs.writeFileSync(path.join(caches, name), 'x');
			fs.utimesSync(path.join(caches, name), time, time);
		}
		runWithCodeCache(bundle, module).save();
		const left = fs.readdirSync(caches).sort();
		const mine = path.basename(codeCacheFile(bundle, fs.statSync(bundle))!);
		assert.deepEqual(left, ['0123456789abcdef', 'code-100-200-v20.0.0.bin', 'code-indexer-101-201-v20.0.0.bin', 'code-indexer-startup-100-200-v20.0.0.bin', mine].sort());
	} finally {
		if (before === undefined) delete process.env['XDG_CACHE_HOME'];
		else process.env['XDG_CACHE_HOME'] = before;
		fs.rmSync(dir, { recursive: true, force: true });
	}
});
