/** The command line the benchmarks share: `--runs N`, `--copies N`, flags, and the builds' dist/server.js files given. */
import * as path from 'node:path';

export interface BenchArgs {
	runs: number;
	copies: number;
	/**
	 * The arguments that are neither options nor their values (builds' dist/server.js files),
	 * resolved against the working directory: each server runs in its workspace's folder.
	 */
	given: string[];
	/** Whether a flag (e.g. `--gc`) was given. */
	has(flag: string): boolean;
}

const VALUED = ['--runs', '--copies'];

/** Reads `process.argv` (or `argv`) with these defaults for `--runs` and `--copies`. */
export function benchArgs(defaults: { runs: number; copies: number }, argv: readonly string[] = process.argv.slice(2)): BenchArgs {
	const option = (name: string, fallback: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
	return {
		runs: option('--runs', defaults.runs),
		copies: option('--copies', defaults.copies),
		given: argv.filter((a, i) => !a.startsWith('--') && !VALUED.includes(argv[i - 1] ?? '')).map((a) => path.resolve(a)),
		has: (flag) => argv.includes(flag),
	};
}
