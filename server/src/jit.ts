/**
 * A smaller inlining budget for V8's optimizing compiler while the server starts on a machine of
 * two processors or fewer. A cold start compiles some 250 hot functions on both threads (the
 * extraction on the indexer worker, the merge on the main thread), each again after a
 * deoptimization, on V8's helper threads: with both processors busy indexing, that compilation
 * competes with the indexing itself (the helpers took ~1.2–1.5 s of processor time in a 2.2–3 s
 * cold SOTU index). Fewer bytes inlined per optimized function make each compilation cheaper.
 * Measured with bench/threads.ts (cold SOTU starts, builds in turn, on the AMD EPYC host):
 * a cumulative budget of 150 against V8's 920: median 2.17 against 2.71 s (16 rounds), 2.39
 * against 2.69 s (12), 2.85 against 3.12 s (12); the helpers' time −25–30%, the main thread's
 * −10–20%. The code it makes is slower once a run is long: the ×10 corpus indexed with the small
 * budget throughout took 15.3 against 13.0 s; ×4 (44 MB) was even, ×2 (22 MB) 0.94×. So the
 * budget is V8's again once the first index is done, and at once when that index has more than
 * `LARGE_START_BYTES` to read (×10 then took as long as with V8's budget: 13.0 against 13.3 s).
 * Functions compiled meanwhile keep their smaller inlining until V8 compiles them again.
 *
 * On more processors the helpers compile on processors of their own, and nothing is changed; nor
 * when the server was started with a budget of its own (`--max-inlined-bytecode-size-cumulative`).
 */
import * as os from 'node:os';
import * as v8 from 'node:v8';

const FLAG = '--max-inlined-bytecode-size-cumulative';
/** Bytecode bytes inlined into one optimized function, all its callees together, while the server starts. */
export const STARTUP_INLINING_BUDGET = 150;
/** V8's own budget (the same in every V8 since 2019). */
export const DEFAULT_INLINING_BUDGET = 920;
/** A first index reading more than this keeps V8's budget: its compiled code runs long enough for inlining to pay. */
export const LARGE_START_BYTES = 32 * 1024 * 1024;

let lowered = false;

/** What the server was started with: a budget given there is the user's, and left alone. */
function budgetGiven(execArgv: readonly string[], nodeOptions: string | undefined): boolean {
	return execArgv.some((a) => a.startsWith(FLAG)) || (nodeOptions ?? '').includes(FLAG.slice(2));
}

/**
 * Lowers the inlining budget for the start (on two processors or fewer, and when the server was
 * not given a budget of its own). Returns whether it did.
 */
export function lowerInliningForStartup(
	cores = os.availableParallelism(),
	setFlags: (flags: string) => void = v8.setFlagsFromString,
	execArgv: readonly string[] = process.execArgv,
	nodeOptions = process.env['NODE_OPTIONS'],
): boolean {
	if (lowered || cores > 2 || budgetGiven(execArgv, nodeOptions)) return false;
	setFlags(`${FLAG}=${STARTUP_INLINING_BUDGET}`);
	lowered = true;
	return true;
}

/** Gives V8 its own budget back (once; nothing when it was not lowered). */
export function restoreInlining(setFlags: (flags: string) => void = v8.setFlagsFromString): void {
	if (!lowered) return;
	lowered = false;
	setFlags(`${FLAG}=${DEFAULT_INLINING_BUDGET}`);
}

/** Whether the start-up budget is in force. */
export function inliningLowered(): boolean {
	return lowered;
}

/**
 * Whether the files come to more than `limit` bytes: their sizes are read one by one until they
 * do (a large folder stops early); a file that cannot be read counts nothing.
 */
export function moreBytesThan(sizeOf: (file: string) => number, files: readonly string[], limit = LARGE_START_BYTES): boolean {
	let total = 0;
	for (const f of files) {
		try {
			total += sizeOf(f);
		} catch {
			// gone or unreadable: the indexer reports it
		}
		if (total > limit) return true;
	}
	return false;
}
