/**
 * Runs a bundle with V8's code cache: the server's (dist/server.js runs dist/server-main.js, see
 * load.ts) and the indexer worker's (dist/indexer-load.js runs dist/indexer.js, see
 * indexer/load.ts). Compiling a bundle, and then each function on its first call, was a large part
 * of a start: with a cache written at the end of a session, SOTU's warm start took ~0.4 s against
 * ~0.6 s without, and the worker read its first source ~45 ms sooner. The cache lives under the
 * OS cache directory, named by the bundle's name, size, time and Node's version; V8 refuses a cache
 * made for other code or another V8, and the bundle then runs as without one. Caches of the same
 * bundle unused for a week (other builds) are removed when one is written.
 * GROUNDED_NOTES_CODE_CACHE=off leaves it out.
 *
 * Imports nothing but Node's own modules: it is bundled into the small loaders.
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** A cache of a bundle not written for this long is another build's. */
const STALE_MS = 7 * 24 * 3600 * 1000;

/**
 * The prefix of a bundle's cache files (`code-` for the server's: the name its first caches had).
 * A `variant` names caches made under other V8 flags (see jit.ts): V8 refuses a cache made under
 * flags other than its own, so each set of flags keeps its own.
 */
function prefixOf(bundle: string, variant?: string): string {
	const name = path.basename(bundle, '.js');
	return `${name === 'server-main' ? 'code-' : `code-${name}-`}${variant ? `${variant}-` : ''}`;
}

/** Where a bundle's code cache lives, or undefined when there is to be none. */
export function codeCacheFile(bundle: string, stat: fs.Stats, env: NodeJS.ProcessEnv = process.env, variant?: string): string | undefined {
	if (env['GROUNDED_NOTES_CODE_CACHE'] === 'off') return undefined;
	const xdg = env['XDG_CACHE_HOME'];
	const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache');
	return path.join(base, 'grounded-notes', `${prefixOf(bundle, variant)}${stat.size}-${Math.round(stat.mtimeMs)}-${process.version}.bin`);
}

/** What `runWithCodeCache` gives back. */
export interface CodeCachedBundle {
	/** The bundle's `module.exports`. */
	exports: unknown;
	/** Whether it ran from a code cache (there was one, and V8 took it). */
	fromCache: boolean;
	/** Writes the code cache now (with every function compiled so far); errors are ignored. */
	save(): void;
}

/** Runs `bundle` (a CommonJS file) as a module of its own, from its code cache (of `variant`, see `prefixOf`) when there is a usable one. */
export function runWithCodeCache(bundle: string, parent: NodeJS.Module, variant?: string): CodeCachedBundle {
	const cacheFile = codeCacheFile(bundle, fs.statSync(bundle), process.env, variant);
	if (!cacheFile) return { exports: parent.require(bundle) as unknown, fromCache: false, save: () => undefined };
	let cachedData: Buffer | undefined;
	try {
		cachedData = fs.readFileSync(cacheFile);
	} catch {
		// none yet
	}
	const source = fs.readFileSync(bundle, 'utf8').replace(/^#!/, '//');
	const script = new vm.Script(Module.wrap(source), { filename: bundle, ...(cachedData ? { cachedData } : {}) });
	const mod = new Module(bundle, parent);
	mod.filename = bundle;
	mod.paths = parent.paths;
	mod.loaded = true;
	const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
	wrapper.call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
	const save = (): void => {
		try {
			const dir = path.dirname(cacheFile);
			fs.mkdirSync(dir, { recursive: true });
			const tmp = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
			fs.writeFileSync(tmp, script.createCachedData());
			fs.renameSync(tmp, cacheFile);
			removeStale(dir, prefixOf(bundle, variant), cacheFile);
		} catch {
			// an optimization only: the next start compiles the bundle again
		}
	};
	return { exports: mod.exports, fromCache: !!cachedData && !script.cachedDataRejected, save };
}

/** Removes the caches of other builds of the same bundle (and temporary files of crashed writers) unused for a week. */
function removeStale(dir: string, prefix: string, current: string): void {
	const now = Date.now();
	for (const name of fs.readdirSync(dir)) {
		if (!name.startsWith(prefix) || !/^[0-9]/.test(name.slice(prefix.length)) || path.join(dir, name) === current) continue;
		const file = path.join(dir, name);
		try {
			if (now - fs.statSync(file).mtimeMs > STALE_MS) fs.rmSync(file, { force: true });
		} catch {
			// gone already, or not ours to remove
		}
	}
}
