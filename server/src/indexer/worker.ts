/**
 * The indexer worker (bundled as dist/indexer.js): turns source files into records off the main
 * thread, so that requests are answered while a large corpus is indexed. Jobs run in order, one
 * at a time; the main thread merges each result as it arrives.
 */
import * as os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { BACKGROUND_NICE, kernelThreadId } from '../priority';
import { FileIndexer } from './job';
import type { FromWorker, IndexJob, ToWorker, WorkerData } from './protocol';
import { warmUpExtraction } from './warmUp';

const port = parentPort;
if (!port) throw new Error('indexer.js runs as a worker thread');

/**
 * The worker yields the processor to the main thread, which answers requests (see priority.ts:
 * the main thread lowers its other threads too, this one lowers itself as it starts). Measured on
 * the x10 corpus, hovers while indexing: p99 20 ms against 34-41 ms, cold time the same.
 */
if (process.platform === 'linux') {
	try {
		os.setPriority(BACKGROUND_NICE);
	} catch {
		// not allowed here: the worker runs at the server's priority
	}
}
const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
// blocking system calls: this thread has nothing else to do meanwhile, and they cost far less than promises
const data = workerData as WorkerData;
const indexer = new FileIndexer(data.fingerprint, (level, message) => post({ type: 'log', level, message }), true, data.snapshotFingerprint);

const queue: Array<{ run: number; job: IndexJob }> = [];
const cancelled = new Set<number>();
let busy = false;

/**
 * Flow control. A result is a few hundred KB that the main thread decodes the moment the message
 * arrives, and messages that pile up are all decoded in one go: a burst of them (a warm cache
 * answers faster than the main thread merges) would stall requests there. So at most `WINDOW`
 * results are in flight, each `taken` message lets one more go, and the worker works at most
 * `AHEAD` results ahead of the main thread.
 */
const WINDOW = 2;
const AHEAD = 16;
const outbox: Array<{ m: FromWorker; transfer: ArrayBuffer[] }> = [];
let inFlight = 0;

/** Posts what the window lets go from the outbox (not to be confused with `indexer.flush`, which writes the cache). */
function send(): void {
	while (inFlight < WINDOW && outbox.length) {
		const { m, transfer } = outbox.shift()!;
		// a cancelled run's results are dropped here too: the main thread would not take them
		if (m.type === 'result' && cancelled.has(m.run)) continue;
		inFlight++;
		post(m, transfer);
	}
}

/** Called once, the first time the worker runs out of work after indexing a file (see `onIdle`). */
const idleListeners: Array<() => void> = [];
let indexedAny = false;

/**
 * Calls `listener` the first time this worker has indexed files and has no more to do: the loader
 * (indexer/load.ts) writes the bundle's code cache then, with the functions indexing compiled.
 */
export function onIdle(listener: () => void): void {
	idleListeners.push(listener);
}

async function drain(): Promise<void> {
	if (busy) return;
	busy = true;
	while (queue.length && outbox.length < AHEAD) {
		const { run, job } = queue.shift()!;
		if (cancelled.has(run)) continue;
		const result = await indexer.index(job);
		indexedAny ||= result.kind === 'indexed';
		// the record's arrays move to the main thread instead of being copied
		const transfer: ArrayBuffer[] = [];
		if (result.kind === 'indexed') {
			const r = result.record;
			// arrays read back from the cache are views into the file's bytes: each gets a buffer of its own to move
			const own = <T extends Int32Array | Float64Array>(a: T): T => {
				const b = a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : (a.slice() as T);
				transfer.push(b.buffer as ArrayBuffer);
				return b;
			};
			r.sentences = own(r.sentences);
			r.passages = own(r.passages);
			r.lineStarts = own(r.lineStarts);
			r.figures = own(r.figures);
			r.candidates = own(r.candidates);
		}
		outbox.push({ m: { type: 'result', run, result }, transfer });
		send();
		// the reads are blocking: let `taken` and `cancel` in between two files
		await new Promise((resolve) => setImmediate(resolve));
	}
	busy = false;
	idle();
}

/**
 * Nothing to index until the main thread takes more results (or sends more jobs): the time to
 * write the cache's held-back entries, one per turn of the event loop, and then, once every result
 * is sent, to call the idle listeners. Writing all the entries in one blocking stretch (~0.1 s for
 * SOTU's 233, most of it creating the files) had kept the `taken` messages waiting, and with them
 * the last results: the main thread sat idle at the end of every cold index.
 */
let idleStepDue = false;
function idle(): void {
	if (idleStepDue) return;
	idleStepDue = true;
	setImmediate(idleStep);
}
function idleStep(): void {
	idleStepDue = false;
	// indexing again (drain calls `idle` when it stops)
	if (busy || (queue.length && outbox.length < AHEAD)) return;
	if (indexer.flushOne()) return idle();
	// results still wait for the window: `taken` runs drain, which comes back here
	if (outbox.length || queue.length || !indexedAny) return;
	for (const listener of idleListeners.splice(0)) listener();
}

/** Snapshots being written, one after another. */
let snapshotWrites: Promise<void> = Promise.resolve();
/** The parts of snapshots being sent, by id. */
const snapshotParts = new Map<number, Uint8Array[]>();

port.on('message', (m: ToWorker) => {
	if (m.type === 'jobs') {
		for (const job of m.jobs) queue.push({ run: m.run, job });
		void drain();
	} else if (m.type === 'cancel') {
		cancelled.add(m.run);
		send();
		void drain();
	} else if (m.type === 'taken') {
		inFlight = Math.max(0, inFlight - 1);
		send();
		void drain();
	} else if (m.type === 'prune') {
		void indexer.cache(m.cacheDir).prune(new Set(m.keep));
	} else if (m.type === 'snapshot') {
		const parts = snapshotParts.get(m.id) ?? [];
		snapshotParts.delete(m.id);
		snapshotWrites = snapshotWrites.then(async () => post({ type: 'snapshotWritten', id: m.id, ok: await indexer.saveSnapshot(m.cacheDir, m.header, m.jobs, parts) }));
	} else if (m.type === 'snapshotParts') {
		const parts = snapshotParts.get(m.id);
		if (parts) parts.push(...m.parts);
		else snapshotParts.set(m.id, [...m.parts]);
	} else if (m.type === 'snapshotDropped') {
		snapshotParts.delete(m.id);
	} else if (m.type === 'flush') {
		// a snapshot asked for just before the server shuts down is written before it says so
		void snapshotWrites.then(() => {
			indexer.flush();
			post({ type: 'flushed' });
		});
	}
});
// with the thread's id: the main thread lowers its other threads below this one (priority.ts)
const tid = kernelThreadId();
post(tid === undefined ? { type: 'ready' } : { type: 'ready', tid });

/**
 * Until its first job comes (at a cold start, ~80 ms after the worker is up), the worker runs
 * the extraction on sources of its own (warmUp.ts), a source per turn of its event loop, so that
 * the extraction is optimized for what it meets. A job that comes meanwhile waits for one source.
 */
const WARM_UP_ROUNDS = 8;
let warmedUp = 0;
function warmUpStep(): void {
	if (busy || queue.length || indexedAny || warmedUp >= WARM_UP_ROUNDS) return;
	try {
		warmUpExtraction(warmedUp++);
	} catch (e) {
		// an optimization only: the first sources are read by cold code
		warmedUp = WARM_UP_ROUNDS;
		post({ type: 'log', level: 'warn', message: `The indexer's warm-up failed: ${e instanceof Error ? e.message : String(e)}` });
	}
	setImmediate(warmUpStep);
}
setImmediate(warmUpStep);
