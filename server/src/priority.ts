/**
 * The main thread answers requests; every other thread of the server yields the processor to it.
 * On 2 cores the indexer worker, V8's helper threads (the concurrent compiler and collector, both
 * at work while a large corpus indexes) and libuv's pool share two processors with the main
 * thread and the editor, and a merge of 10 ms of the main thread's time took 40-50 ms, most of
 * it waiting for a processor (seen in the thread's scheduler statistics on the x10 corpus). Linux
 * keeps a nice value per thread: the indexer worker runs at `BACKGROUND_NICE`, every other thread
 * at `HELPER_NICE`, and the main thread keeps its own. Elsewhere a nice value is the whole
 * process's, and nothing is done. When the machine has processors to spare this changes nothing;
 * when it has not, requests come first, and then indexing.
 * Measured (x10, hovers while indexing, 4 runs each): p99 15-16 -> 11-12 ms; cold time the same.
 * The helpers below the worker: V8's four helper threads serve both threads' compilations, and at
 * the worker's nice value they took its processor (it waited ~0.6 s of a 2 s cold SOTU index for
 * one): cold index ~1.97 -> ~1.81 s (2 rounds of 3 runs, in turn), as with one helper thread
 * (node --v8-pool-size=1, which a server cannot choose once started). Hovers while the x10 corpus
 * indexes (7 runs each, in turn, helpers at 19 / at 10): maxima 31-61 / 32-69 ms (one run / two
 * over 50 ms), p99 12-16 / 10-13 ms, the cold index 11.3-11.9 / 11.9-13.0 s.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as v8 from 'node:v8';

/** The indexer worker's nice value (indexer/worker.ts sets its own). */
export const BACKGROUND_NICE = 10;
/** Every other thread's but the main one's. */
export const HELPER_NICE = 19;

/** The calling thread's id in the kernel (Linux), or undefined. */
export function kernelThreadId(): number | undefined {
	if (process.platform !== 'linux') return undefined;
	try {
		// "<pid>/task/<tid>"
		const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
		return Number.isInteger(tid) ? tid : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Lowers every thread of this process but the main one and those in `keep` (the indexer workers,
 * which lower themselves to `BACKGROUND_NICE`) to `HELPER_NICE`, never raising one set lower; on
 * Linux only. A thread not in `keep` that is a worker still starting would be lowered below
 * `BACKGROUND_NICE` for good (raising a priority again takes a privilege): call it once the
 * workers have said which threads are theirs.
 */
export function yieldOtherThreads(keep: ReadonlySet<number> = new Set()): void {
	if (process.platform !== 'linux') return;
	let tasks: string[];
	try {
		tasks = fs.readdirSync('/proc/self/task');
	} catch {
		return;
	}
	for (const t of tasks) {
		const tid = Number(t);
		if (tid === process.pid || keep.has(tid) || !Number.isInteger(tid)) continue;
		try {
			if (os.getPriority(tid) < HELPER_NICE) os.setPriority(tid, HELPER_NICE);
		} catch {
			// gone meanwhile, or not allowed: it keeps its priority
		}
	}
}

/** How many indexers' workers keep the scavenges without helpers. */
let holders = 0;

/**
 * While indexer workers run (they keep V8's helpers, at `HELPER_NICE`, from a processor), keeps
 * the scavenges of the young generation on the thread that allocates (Linux only): a scavenge that
 * shared its work with the helpers, or left the sweeping of ArrayBuffers to one (merged records
 * bring many, their arrays moved from the worker), waited for a helper to get a processor.
 * Scavenges on the main thread while the x10 corpus indexed: up to 35-79 ms with both, 19-27 ms
 * with ArrayBuffers swept inline (4 runs each), and with the scavenge not shared either, those over
 * 10 ms halved (3-7 against 7-14 per run) and the hovers' p99 10.5-12 against 12-14 ms (6 runs
 * each, in turn); the cold SOTU index the same or a little faster (~1.78 against ~1.83 s, 3 rounds
 * of 3). Without workers the helpers have the processors to help, and do: a warm start (a restore,
 * no worker) with these off throughout took ~8% longer. Both flags are read at each collection, of
 * the worker threads too. (The concurrent marker cannot be turned off once V8 runs: it aborts.)
 */
export function scavengeWithoutHelpers(on: boolean): void {
	if (process.platform !== 'linux') return;
	// the flags are the process's: they go off with the first indexer's workers and on again only
	// when the last one's stop (an indexer whose idle workers stopped must not turn them back on
	// under another's)
	if (!on && holders === 0) return;
	holders += on ? 1 : -1;
	if (holders === (on ? 1 : 0)) v8.setFlagsFromString(on ? '--no-concurrent-array-buffer-sweeping --no-parallel-scavenge' : '--concurrent-array-buffer-sweeping --parallel-scavenge');
}
