/**
 * The language server's entry point (dist/server.js): runs the server's bundle (dist/server-main.js)
 * with V8's code cache. Compiling the 1 MB bundle, and then each function on its first call, was
 * a large part of a warm start: with a cache written at the end of a session, SOTU's warm start
 * took ~0.4 s against ~0.6 s without (run by run, 5 each). The cache is written each time the
 * server exits (it then holds every function that ran), under the OS cache directory, named by the
 * bundle's size, time and Node's version; V8 refuses a cache made for other code or another V8,
 * and the server then starts as without one. GROUNDED_NOTES_CODE_CACHE=off leaves it out.
 */
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

const main = path.join(__dirname, 'server-main.js');

/** Where the bundle's code cache lives, or undefined when there is to be none. */
function cacheFileOf(stat: fs.Stats): string | undefined {
	if (process.env['GROUNDED_NOTES_CODE_CACHE'] === 'off') return undefined;
	const xdg = process.env['XDG_CACHE_HOME'];
	const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.cache');
	return path.join(base, 'grounded-notes', `code-${stat.size}-${Math.round(stat.mtimeMs)}-${process.version}.bin`);
}

function run(): void {
	const stat = fs.statSync(main);
	const cacheFile = cacheFileOf(stat);
	if (!cacheFile) return void require(main);
	let cachedData: Buffer | undefined;
	try {
		cachedData = fs.readFileSync(cacheFile);
	} catch {
		// none yet
	}
	const source = fs.readFileSync(main, 'utf8').replace(/^#!/, '//');
	const script = new vm.Script(Module.wrap(source), { filename: main, ...(cachedData ? { cachedData } : {}) });
	// written again at every exit: it then holds what the session compiled (made at start-up alone,
	// it saved ~15 ms of a warm start; made at the end of a session, ~0.2 s, measured run by run)
	if (!process.argv.includes('--help') && !process.argv.includes('--version')) {
		process.once('exit', () => {
			try {
				fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
				const tmp = `${cacheFile}.${process.pid}.tmp`;
				fs.writeFileSync(tmp, script.createCachedData());
				fs.renameSync(tmp, cacheFile);
			} catch {
				// an optimization only: the next start compiles the bundle again
			}
		});
	}
	const mod = new Module(main, module);
	mod.filename = main;
	mod.paths = module.paths;
	mod.loaded = true;
	const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
	wrapper.call(mod.exports, mod.exports, Module.createRequire(main), mod, main, __dirname);
}

run();
