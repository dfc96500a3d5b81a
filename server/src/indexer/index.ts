/**
 * The main thread's side of indexing: hands source files to the indexer worker and gives back
 * each result in order, one per turn of the event loop, so that requests are answered in between.
 * If the worker cannot start (or dies), the files are indexed on the main thread instead, with a
 * logged message.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { buildFingerprint } from './cache';
import { FileIndexer } from './job';
import type { FromWorker, IndexJob, IndexResult, ToWorker, WorkerData } from './protocol';

export type { IndexJob, IndexResult } from './protocol';
export { cacheRoot, folderCacheDir } from './cache';

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
}

interface Run {
	id: number;
	pending: Map<string, IndexJob>;
	onResult: (r: IndexResult) => void;
	isStale: () => boolean;
	results: IndexResult[];
	draining: boolean;
	/** Whether the worker makes this run's results (they are then acknowledged one by one). */
	fromWorker: boolean;
	finish: () => void;
}

/** Runs of at most this many files are done on the main thread (a worker's start and round trips cost more). */
const SMALL_RUN = 8;
/** The worker is stopped after this long without work (its memory is given back; a large run starts it again). */
const IDLE_MS = 3000;

/** Indexes source files, on a worker thread when it can. */
export class Indexer {
	private worker: Worker | undefined;
	private readonly local: FileIndexer;
	private readonly runs = new Map<number, Run>();
	private lastRun = 0;
	private readonly file: string;
	private readonly fingerprint: string;
	/** Set once the worker could not start or died: from then on everything is indexed on the main thread. */
	private broken: boolean;
	private idleTimer: NodeJS.Timeout | undefined;

	constructor(private readonly options: IndexerOptions) {
		this.file = options.workerFile ?? path.join(__dirname, 'indexer.js');
		// the records a build makes are trusted only by the same build
		this.fingerprint = buildFingerprint(fs.existsSync(this.file) ? this.file : __filename);
		this.local = new FileIndexer(this.fingerprint, (level, message) => options.logger[level](message));
		this.broken = !!options.inProcess;
		if (!this.broken && !fs.existsSync(this.file)) {
			this.broken = true;
			options.logger.warn(`The indexer worker (${this.file}) is missing; indexing on the main thread.`);
		}
	}

	/** Whether a worker thread is running. */
	get onWorker(): boolean {
		return !!this.worker;
	}

	/** Starts the worker ahead of the first run (its start-up then overlaps the server's). */
	warmUp(): void {
		this.startWorker();
		this.idleLater();
	}

	private startWorker(): Worker | undefined {
		if (this.worker || this.broken) return this.worker;
		try {
			const data: WorkerData = { fingerprint: this.fingerprint };
			const w = new Worker(this.file, { workerData: data });
			w.on('message', (m: FromWorker) => this.onMessage(m));
			w.on('error', (e) => this.worker === w && this.lost(`failed: ${e.message}`));
			w.on('exit', (code) => this.worker === w && this.lost(`exited (code ${code})`));
			w.unref();
			this.worker = w;
		} catch (e) {
			this.broken = true;
			this.options.logger.warn(`The indexer worker cannot start (${e instanceof Error ? e.message : String(e)}); indexing on the main thread.`);
		}
		return this.worker;
	}

	private idleLater(): void {
		if (this.idleTimer) clearTimeout(this.idleTimer);
		this.idleTimer = undefined;
		if (this.runs.size || !this.worker) return;
		this.idleTimer = setTimeout(() => {
			this.idleTimer = undefined;
			if (this.runs.size) return;
			const w = this.worker;
			this.worker = undefined;
			void w?.terminate();
		}, IDLE_MS);
		this.idleTimer.unref();
	}

	/**
	 * Indexes the files, calling `onResult` for each in the order given, one per turn of the event
	 * loop. Stops early (resolving) once `isStale()` says a newer run replaced this one.
	 */
	run(jobs: readonly IndexJob[], onResult: (r: IndexResult) => void, isStale: () => boolean = () => false): Promise<void> {
		const id = ++this.lastRun;
		return new Promise<void>((resolve) => {
			const run: Run = { id, pending: new Map(jobs.map((j) => [j.uri, j])), onResult, isStale, results: [], draining: false, fromWorker: false, finish: resolve };
			if (!jobs.length) return resolve();
			this.runs.set(id, run);
			if (this.idleTimer) clearTimeout(this.idleTimer);
			this.idleTimer = undefined;
			// a few files are quicker here than through a worker that may still be loading its bundle
			if (jobs.length > SMALL_RUN && (this.worker || this.startWorker())) {
				run.fromWorker = true;
				this.post({ type: 'jobs', run: id, jobs: [...jobs] });
			} else void this.runLocally(run, [...jobs]);
		});
	}

	/** Deletes a folder cache's entries that are not in `keep`. */
	prune(cacheDir: string, keep: Iterable<string>): void {
		if (this.worker) this.post({ type: 'prune', cacheDir, keep: [...keep] });
		else void this.local.cache(cacheDir).prune(new Set(keep));
	}

	/** Stops the worker. */
	dispose(): void {
		if (this.idleTimer) clearTimeout(this.idleTimer);
		const w = this.worker;
		this.worker = undefined;
		this.broken = true;
		void w?.terminate();
	}

	private post(m: ToWorker): void {
		this.worker!.postMessage(m);
	}

	private onMessage(m: FromWorker): void {
		if (m.type === 'log') this.options.logger[m.level](m.message);
		else if (m.type === 'result') {
			const run = this.runs.get(m.run);
			// a result of a run that ended is dropped, and taken all the same (the worker waits for it)
			if (!run) return this.taken();
			run.results.push(m.result);
			this.drain(run);
		}
	}

	/** Hands results over one per turn of the event loop: messages from the worker may come in bursts. */
	private drain(run: Run): void {
		if (run.draining) return;
		run.draining = true;
		const step = () => {
			if (run.isStale()) return this.end(run, true);
			const r = run.results.shift();
			if (!r) {
				run.draining = false;
				return;
			}
			run.pending.delete(r.uri);
			try {
				run.onResult(r);
			} catch (e) {
				this.options.logger.error(`Indexing ${r.uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
			}
			// the worker sends the next result only once this one is merged (see worker.ts)
			if (run.fromWorker) this.taken();
			if (!run.pending.size) return this.end(run, false);
			setImmediate(step);
		};
		setImmediate(step);
	}

	/** Tells the worker a result is out of its hands. */
	private taken(): void {
		if (this.worker) this.post({ type: 'taken' });
	}

	private end(run: Run, cancel: boolean): void {
		if (!this.runs.delete(run.id)) return;
		// results received but not merged are taken too
		if (run.fromWorker) for (const _ of run.results.splice(0)) this.taken();
		if (cancel && this.worker) this.post({ type: 'cancel', run: run.id });
		run.finish();
		this.idleLater();
	}

	private async runLocally(run: Run, jobs: IndexJob[]): Promise<void> {
		for (const job of jobs) {
			if (!this.runs.has(run.id)) return;
			if (!run.pending.has(job.uri)) continue;
			run.results.push(await this.local.index(job));
			this.drain(run);
			// wait for the result to be handed over before reading the next file
			while (run.draining) await new Promise((r) => setImmediate(r));
		}
	}

	/** The worker is gone: what it had not done is done on the main thread. */
	private lost(why: string): void {
		if (!this.worker) return;
		this.worker = undefined;
		this.broken = true;
		this.options.logger.warn(`The indexer worker ${why}; indexing on the main thread.`);
		for (const run of this.runs.values()) {
			const done = new Set(run.results.map((r) => r.uri));
			void this.runLocally(run, [...run.pending.values()].filter((j) => !done.has(j.uri)));
		}
	}
}
