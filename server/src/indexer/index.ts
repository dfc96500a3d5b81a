/**
 * The main thread's side of indexing: hands source files to the indexer workers and gives back
 * each result in the order of the files, one per turn of the event loop, so that requests are
 * answered in between. If a worker cannot start (or dies), the files are indexed on the main
 * thread instead, with a logged message.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileStamp, stampedSize } from '../workspace';
import { deserializePart, serializePart } from './alignedSerializer';
import { buildFingerprint } from './cache';
import { FileIndexer } from './job';
import * as v8 from 'node:v8';
import type { CorpusSnapshot, SnapshotParts } from '../service';
import { sliceBudget } from '../service/budget';
import { afterRequests, yieldToRequests } from '../turns';
import { inliningLowered } from '../jit';
import { scavengeWithoutHelpers, yieldOtherThreads } from '../priority';
import type { SnapshotHeader } from './cache';
import type { FromWorker, IndexJob, IndexResult, ToWorker, WorkerData } from './protocol';

export type { IndexJob, IndexResult } from './protocol';
export { cacheRoot, entriesOf, folderCacheDir } from './cache';

/** A folder's snapshot, read and decoded (see `Indexer.restore`). */
export interface RestoredSnapshot {
	ok: true;
	/** Which save of the snapshot it is (see `SnapshotHeader.id`). */
	id: string;
	snapshot: CorpusSnapshot;
	uris: string[];
	keys: string[];
	texts: string[];
	sidecars: SnapshotHeader['sidecars'];
	/** Its sources whose files are not among the files found now. */
	removed: Set<string>;
	/** Its sources whose files' stamps are not the ones it saved: to index again (unchanged, if their content hash is the same). */
	unsure: Set<string>;
}

/** Where the indexer reports. */
export interface IndexerLogger {
	info(message: string): void;
	warn(message: string): void;
	error(message: string): void;
}

/** Options of `Indexer`. */
export interface IndexerOptions {
	logger: IndexerLogger;
	/** The worker's bundle; `indexer.js` beside this bundle by default. */
	workerFile?: string;
	/** Index on the main thread (no worker). */
	inProcess?: boolean;
	/** How many worker threads (`workerCount()` by default). */
	workers?: number;
	/**
	 * Called with each result in a turn of the event loop of its own, before the turn that hands it
	 * over: work on a result that does not depend on the results before it (the server reads the
	 * source's words there, so that its merge is two shorter slices with requests in between).
	 */
	prepare?: (r: IndexResult) => void;
	/** How long the workers are kept without work (`IDLE_MS` by default; tests make it short). */
	idleMs?: number;
}

interface Run {
	id: number;
	/** The jobs whose results are not handed over yet, in the order they are handed over. */
	order: IndexJob[];
	onResult: (r: IndexResult) => void;
	isStale: () => boolean;
	/** Results that arrived, by URI, with the worker that made each (undefined: the main thread). */
	results: Map<string, { result: IndexResult; from: Worker | undefined; prepared?: boolean }>;
	draining: boolean;
	finish: () => void;
}

/** Runs of at most this many files are done on the main thread (a worker's start and round trips cost more). */
const SMALL_RUN = 8;
/** Workers are stopped after this long without work (their memory is given back; a large run starts them again). */
const IDLE_MS = 3000;
/** How long a worker stopped for idleness is given to write the cache entries it holds back. */
const IDLE_FLUSH_MS = 5000;

/**
 * How many worker threads index at once: extraction is most of the work and files are
 * independent, so it is shared out; the main thread merges, in the jobs' order, what they make.
 * One core is left to the main thread: with every core extracting, requests waited (measured on
 * 2 cores: two workers cut a cold SOTU index by ~10% but doubled the slowest hover).
 */
export function workerCount(cores = os.availableParallelism()): number {
	return Math.max(1, Math.min(4, cores - 1));
}

/** Indexes source files, on worker threads when it can. */
export class Indexer {
	private workers: Worker[] = [];
	private readonly local: FileIndexer;
	private readonly runs = new Map<number, Run>();
	private lastRun = 0;
	private readonly file: string;
	private readonly loader: string | undefined;
	/** Workers that have started, and their threads' kernel ids (see `onMessage`). */
	private readonly started = new WeakSet<Worker>();
	private readonly workerThreads = new Set<number>();
	private readonly fingerprint: string;
	private readonly snapshotFingerprint: string;
	private readonly count: number;
	/** Set once a worker could not start or died: from then on everything is indexed on the main thread. */
	private broken: boolean;
	private idleTimer: NodeJS.Timeout | undefined;
	/** Snapshots a worker is writing, by id: each told whether it was written (see `saveSnapshot`). */
	private readonly snapshotWrites = new Map<number, (ok: boolean) => void>();
	/** Snapshots being serialized or written (see `saveSnapshot`): the workers are kept meanwhile. */
	private savingSnapshots = 0;

	constructor(private readonly options: IndexerOptions) {
		this.file = options.workerFile ?? path.join(__dirname, 'indexer.js');
		// the loader beside it runs it with V8's code cache (indexer/load.ts); without one, the bundle itself
		const loader = path.join(path.dirname(this.file), 'indexer-load.js');
		this.loader = fs.existsSync(loader) ? loader : undefined;
		// the records a build makes are trusted only by the same build
		this.fingerprint = buildFingerprint(fs.existsSync(this.file) ? this.file : __filename);
		this.snapshotFingerprint = buildFingerprint(__filename, false);
		this.local = new FileIndexer(this.fingerprint, (level, message) => options.logger[level](message), false, this.snapshotFingerprint);
		this.count = options.workers ?? workerCount();
		this.broken = !!options.inProcess;
		if (!this.broken && !fs.existsSync(this.file)) {
			this.broken = true;
			options.logger.warn(`The indexer worker (${this.file}) is missing; indexing on the main thread.`);
		}
	}

	/** Whether worker threads are running. */
	get onWorker(): boolean {
		return this.workers.length > 0;
	}

	/** Whether a folder's cache directory holds a snapshot (a warm start restores it: no worker needed). */
	hasSnapshot(cacheDir: string): boolean {
		return this.local.cache(cacheDir).hasSnapshot();
	}

	/** Starts reading a folder's snapshot ahead, in the thread pool (see `RecordCache.prefetchSnapshot`). */
	prefetchSnapshot(cacheDir: string): void {
		this.local.cache(cacheDir).prefetchSnapshot();
	}

	/** Resolves once a snapshot read ahead for the folder, if any, is read (`restore` then takes it). */
	snapshotPrefetched(cacheDir: string): Promise<void> {
		return this.local.cache(cacheDir).snapshotPrefetched();
	}

	/** Lets go of the snapshots read ahead that no `restore` took (once the snapshots have been restored). */
	forgetPrefetched(): void {
		this.local.forgetPrefetched();
	}

	/** Starts the workers ahead of the first run (their start-up then overlaps the server's). */
	warmUp(): void {
		this.startWorkers();
		this.idleLater();
	}

	private startWorkers(): boolean {
		if (this.workers.length || this.broken) return this.workers.length > 0;
		try {
			const data: WorkerData = { fingerprint: this.fingerprint, snapshotFingerprint: this.snapshotFingerprint, bundle: this.file, startupInlining: inliningLowered() };
			for (let i = 0; i < this.count; i++) {
				const w = new Worker(this.loader ?? this.file, { workerData: data });
				w.on('message', (m: FromWorker) => this.onMessage(w, m));
				w.on('error', (e) => this.workers.includes(w) && this.lost(`failed: ${e.message}`));
				w.on('exit', (code) => this.workers.includes(w) && this.lost(`exited (code ${code})`));
				w.unref();
				this.workers.push(w);
			}
			scavengeWithoutHelpers(true);
		} catch (e) {
			this.broken = true;
			this.stopWorkers();
			this.options.logger.warn(`The indexer worker cannot start (${e instanceof Error ? e.message : String(e)}); indexing on the main thread.`);
		}
		return this.workers.length > 0;
	}

	private stopWorkers(): void {
		const ws = this.workers;
		this.workers = [];
		this.workerThreads.clear();
		for (const w of ws) void w.terminate();
		if (ws.length) scavengeWithoutHelpers(false);
		// a snapshot being written is not: the next start indexes (or saves it again)
		for (const written of this.snapshotWrites.values()) written(false);
		this.snapshotWrites.clear();
	}

	/** Whether the workers have work: a run, or a snapshot being written (stopped then, a worker writes none; the ×10 corpus's takes ~2 s). */
	private get working(): boolean {
		return this.runs.size > 0 || this.savingSnapshots > 0;
	}

	private idleLater(): void {
		if (this.idleTimer) clearTimeout(this.idleTimer);
		this.idleTimer = undefined;
		if (this.working || !this.workers.length) return;
		this.idleTimer = setTimeout(() => {
			this.idleTimer = undefined;
			if (this.working) return;
			// the workers write what their caches hold back when idle, a turn at a time: stopped in the middle, they would leave it half written
			const workers = this.workers;
			void this.flushWorkers(IDLE_FLUSH_MS).then(() => {
				if (this.workers === workers && !this.working && !this.idleTimer) this.stopWorkers();
			});
		}, this.options.idleMs ?? IDLE_MS);
		this.idleTimer.unref();
	}

	/**
	 * Indexes the files, calling `onResult` for each in the order given, one per turn of the event
	 * loop. Stops early (resolving) once `isStale()` says a newer run replaced this one.
	 */
	run(jobs: readonly IndexJob[], onResult: (r: IndexResult) => void, isStale: () => boolean = () => false): Promise<void> {
		const id = ++this.lastRun;
		return new Promise<void>((resolve) => {
			const run: Run = { id, order: [...jobs], onResult, isStale, results: new Map(), draining: false, finish: resolve };
			if (!jobs.length) return resolve();
			this.runs.set(id, run);
			if (this.idleTimer) clearTimeout(this.idleTimer);
			this.idleTimer = undefined;
			// a few files are quicker here than through a worker that may still be loading its bundle
			if (jobs.length > SMALL_RUN && this.startWorkers()) {
				// dealt out in turn: neighbouring files (of similar size, often) go to different workers
				this.workers.forEach((w, i) => {
					const mine = jobs.filter((_, j) => j % this.workers.length === i);
					if (mine.length) this.post(w, { type: 'jobs', run: id, jobs: mine });
				});
			} else void this.runLocally(run, [...jobs]);
		});
	}

	private lastSave = 0;

	/**
	 * A folder's snapshot (its whole merged index, with its sources' texts), read and decoded
	 * here, and what it says of the files found now. A source whose file is not among them any
	 * more is `removed`; one whose stamp (`fileStamp`: size, inode, modification and change times,
	 * its sidecars') is not the one saved with the snapshot is `unsure` (changed, or changed too
	 * close to the save to tell): the caller restores the snapshot whole (nothing is merged:
	 * `ILanguageService.restore`), then deletes the removed sources and indexes the unsure files
	 * (whose content hash, when it is the same, says "unchanged") and the new ones, as it would
	 * after a change during a session. Not used when more than half of its sources are gone
	 * (another folder's, or one whose sources were replaced: indexing them one by one is as quick).
	 * `jobs` are made only when there is a snapshot to compare them with (a cold start makes none:
	 * 2,330 for the x10 corpus).
	 */
	restore(cacheDir: string, jobs: () => readonly IndexJob[]): RestoredSnapshot | { ok: false; reason: string } {
		const read = this.local.cache(cacheDir).getSnapshot();
		if (!read.ok) return read;
		const { id, uris, keys, sidecars, stamps } = read.header;
		const now = Date.now();
		const jobOf = new Map(jobs().map((j) => [j.uri, j]));
		const removed = new Set<string>();
		const unsure = new Set<string>();
		uris.forEach((uri, i) => {
			const job = jobOf.get(uri);
			const saved = stamps[i];
			if (!job) removed.add(uri);
			else if (!saved || stampedSize(saved) > job.maxBytes || fileStamp(job.path, now) !== saved) unsure.add(uri);
		});
		if (removed.size * 2 > uris.length) return { ok: false, reason: `${removed.size} of its ${uris.length} sources are gone` };
		try {
			const texts = v8.deserialize(read.texts) as unknown;
			if (!Array.isArray(texts) || texts.length !== uris.length || texts.some((t) => typeof t !== 'string')) throw new Error('its texts are not well-formed');
			const [corpus, ...sources] = read.parts.map(deserializePart);
			const snapshot = { ...(corpus as Omit<CorpusSnapshot, 'sources'>), sources: sources as CorpusSnapshot['sources'] };
			return { ok: true, id, snapshot, uris, keys, texts: texts as string[], sidecars, removed, unsure };
		} catch (e) {
			return { ok: false, reason: `it cannot be read (${e instanceof Error ? e.message : String(e)})` };
		}
	}

	/** Saves what a folder's notes were judged against its snapshot's corpus (see `RecordCache.putVerdicts`). */
	saveVerdicts(cacheDir: string, snapshotId: string, verdicts: unknown): boolean {
		return this.local.cache(cacheDir).putVerdicts(snapshotId, verdicts);
	}

	/** What a folder's notes were judged against the corpus of the snapshot `snapshotId`, if saved (see `RecordCache.getVerdicts`). */
	verdicts(cacheDir: string, snapshotId: string): { ok: true; verdicts: unknown } | { ok: false; reason: string } {
		return this.local.cache(cacheDir).getVerdicts(snapshotId);
	}

	/**
	 * Replaces a folder's snapshot: its parts are serialized here a few at a time (at most about
	 * `budgetMs` per turn of the event loop, so that requests are answered in between), then the
	 * worker reads the sources' texts again and writes the file. Gives up (undefined) when
	 * `isStale()` says the corpus changed meanwhile; resolves once the file is written, to the
	 * bytes serialized, or to undefined when it was not (why is logged; or the worker stopped).
	 */
	async saveSnapshot(cacheDir: string, header: Omit<SnapshotHeader, 'stamps'>, jobs: readonly IndexJob[], parts: SnapshotParts, isStale: () => boolean, budgetMs: number): Promise<number | undefined> {
		// (an idle timer armed before stops nothing meanwhile: it looks at `working`)
		this.savingSnapshots++;
		try {
			return await this.serializeAndWrite(cacheDir, header, jobs, parts, isStale, budgetMs);
		} finally {
			this.savingSnapshots--;
			this.idleLater();
		}
	}

	private async serializeAndWrite(cacheDir: string, header: Omit<SnapshotHeader, 'stamps'>, jobs: readonly IndexJob[], parts: SnapshotParts, isStale: () => boolean, budgetMs: number): Promise<number | undefined> {
		const worker = this.startWorkers() ? this.workers[0] : undefined;
		const id = ++this.lastSave;
		// the parts go to the worker a slice's worth at a time, their memory moved rather than
		// copied: held here to the end, 165 MB of them (the x10 corpus) made the collector stall requests
		let batch: Uint8Array[] = [];
		const all: Uint8Array[] = [];
		let bytes = 0;
		// (each part a buffer of its own: `serializePart`)
		const add = (part: Uint8Array) => {
			bytes += part.byteLength;
			(worker ? batch : all).push(part);
		};
		const send = () => {
			if (!worker || !batch.length) return;
			const transfer = batch.filter((c) => c.byteOffset === 0 && c.byteLength === c.buffer.byteLength).map((c) => c.buffer as ArrayBuffer);
			worker.postMessage({ type: 'snapshotParts', id, parts: batch } satisfies ToWorker, transfer);
			batch = [];
		};
		const giveUp = () => {
			if (worker) this.post(worker, { type: 'snapshotDropped', id });
			return undefined;
		};
		// what `snapshotParts` made (entities, document frequencies) took a slice: the rest waits for the next turn
		await yieldToRequests();
		if (isStale()) return giveUp();
		let late = sliceBudget(budgetMs, 1);
		add(serializePart(parts.corpus));
		for (let i = 0; i < parts.count; i++) {
			if (late()) {
				send();
				await yieldToRequests();
				if (isStale()) return giveUp();
				late = sliceBudget(budgetMs, 1);
			}
			add(serializePart(parts.source(i)));
		}
		send();
		let written: boolean;
		if (worker) {
			// (a worker lost meanwhile, its work moved to the main thread, writes nothing)
			if (!this.workers.includes(worker)) return undefined;
			const done = new Promise<boolean>((resolve) => this.snapshotWrites.set(id, resolve));
			this.post(worker, { type: 'snapshot', id, cacheDir, header, jobs: [...jobs] });
			written = await done;
		} else written = await this.local.saveSnapshot(cacheDir, header, jobs, all);
		return written ? bytes : undefined;
	}

	/** Deletes a folder cache's entries that are not in `keep`. */
	prune(cacheDir: string, keep: Iterable<string>): void {
		if (this.workers[0]) this.post(this.workers[0], { type: 'prune', cacheDir, keep: [...keep] });
		else void this.local.cache(cacheDir).prune(new Set(keep));
	}

	/**
	 * Stops the workers, once they have written the cache entries they hold back (at most
	 * `waitMs`: a worker busy with a large file is not waited for).
	 */
	async dispose(waitMs = 2000): Promise<void> {
		if (this.idleTimer) clearTimeout(this.idleTimer);
		this.broken = true;
		await this.flushWorkers(waitMs);
		this.stopWorkers();
	}

	/** Resolves once every worker has written the cache entries it holds back, or after `waitMs`. */
	private async flushWorkers(waitMs: number): Promise<void> {
		const flushed = this.workers.map(
			(w) =>
				new Promise<void>((resolve) => {
					const done = () => {
						w.off('message', onMessage);
						w.off('exit', done);
						resolve();
					};
					const onMessage = (m: FromWorker) => m.type === 'flushed' && done();
					w.on('message', onMessage);
					w.once('exit', done);
					this.post(w, { type: 'flush' });
				}),
		);
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([Promise.all(flushed), new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
		clearTimeout(timer);
	}

	private post(w: Worker, m: ToWorker): void {
		w.postMessage(m);
	}

	private onMessage(w: Worker, m: FromWorker): void {
		if (m.type === 'log') this.options.logger[m.level](m.message);
		else if (m.type === 'ready') {
			// each worker lowers its own thread; once all have said which it is, the others (V8's helpers,
			// libuv's pool, started since the server did) go below them (see priority.ts)
			this.started.add(w);
			if (m.tid !== undefined) this.workerThreads.add(m.tid);
			if (this.workers.every((x) => this.started.has(x))) yieldOtherThreads(this.workerThreads);
		}
		else if (m.type === 'result') {
			const run = this.runs.get(m.run);
			// a result of a run that ended is dropped, and taken all the same (the worker waits for it)
			if (!run) return this.taken(w);
			run.results.set(m.result.uri, { result: m.result, from: w });
			this.drain(run);
		} else if (m.type === 'snapshotWritten') {
			this.snapshotWrites.get(m.id)?.(m.ok);
			this.snapshotWrites.delete(m.id);
		}
	}

	/** Hands results over in the jobs' order, one per turn of the event loop at most (each prepared a turn before, see `IndexerOptions.prepare`), a request that came meanwhile answered in between (`afterRequests`). */
	private drain(run: Run): void {
		if (run.draining) return;
		run.draining = true;
		const step = () => {
			if (run.isStale()) return this.end(run, true);
			const uri = run.order[0]?.uri;
			const got = uri === undefined ? undefined : run.results.get(uri);
			if (!got) {
				run.draining = false;
				return;
			}
			if (this.options.prepare && !got.prepared) {
				got.prepared = true;
				try {
					this.options.prepare(got.result);
				} catch (e) {
					this.options.logger.error(`Preparing ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
				}
				return afterRequests(step);
			}
			run.order.shift();
			run.results.delete(uri!);
			try {
				run.onResult(got.result);
			} catch (e) {
				this.options.logger.error(`Indexing ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
			}
			// a worker sends its next result only once this one is merged (see worker.ts)
			if (got.from) this.taken(got.from);
			if (!run.order.length) return this.end(run, false);
			afterRequests(step);
		};
		afterRequests(step);
	}

	/** Tells a worker a result is out of its hands. */
	private taken(w: Worker): void {
		if (this.workers.includes(w)) this.post(w, { type: 'taken' });
	}

	private end(run: Run, cancel: boolean): void {
		run.draining = false;
		if (!this.runs.delete(run.id)) return;
		// results received but not merged are taken too
		for (const { from } of run.results.values()) if (from) this.taken(from);
		run.results.clear();
		if (cancel) for (const w of this.workers) this.post(w, { type: 'cancel', run: run.id });
		run.finish();
		this.idleLater();
	}

	private async runLocally(run: Run, jobs: IndexJob[]): Promise<void> {
		for (const job of jobs) {
			if (!this.runs.has(run.id)) return;
			if (run.results.has(job.uri)) continue;
			run.results.set(job.uri, { result: await this.local.index(job), from: undefined });
			this.drain(run);
			// wait for the result to be handed over (or the run to end) before reading the next file
			while (this.runs.has(run.id) && run.results.has(job.uri)) await new Promise((r) => setImmediate(r));
		}
	}

	/** A worker is gone: what the workers had not done is done on the main thread. */
	private lost(why: string): void {
		if (!this.workers.length) return;
		this.broken = true;
		this.stopWorkers();
		this.options.logger.warn(`The indexer worker ${why}; indexing on the main thread.`);
		for (const run of this.runs.values()) {
			// in the jobs' order: results already here are handed over as the local ones come
			void this.runLocally(run, run.order.filter((j) => !run.results.has(j.uri)));
		}
	}
}
