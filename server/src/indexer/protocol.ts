/** What the main thread and the indexer worker say to each other. */
import type { PackedRecord } from '../service';
import type { SnapshotHeader } from './cache';

/** One source file to index. */
export interface IndexJob {
	uri: string;
	/** Its path on disk. */
	path: string;
	/** Files larger than this are skipped (groundedNotes.maxSourceBytes). */
	maxBytes: number;
	/** The date year-less dates are read against when the source gives none of its own. */
	fallbackDate?: string;
	/** The content hash of what the index holds for this URI now: the same hash means nothing to do. */
	known?: string;
	/** The folder's cache directory, or undefined for no cache. */
	cacheDir?: string;
	/**
	 * A link in the file's place is not read (groundedNotes.followSymlinksOutside is off): the
	 * listing gives no link then, but a listed file can be made one later.
	 */
	refuseLinks?: boolean;
}

/** Milliseconds spent on each stage of one file. */
export interface StageTimes {
	read: number;
	/** Looking the record up in the cache (reading and decoding it). */
	cache: number;
	/** Making the record (sentences, figures, names, words). */
	build: number;
}

/** What became of one job. */
export type IndexResult =
	| {
			kind: 'indexed';
			uri: string;
			text: string;
			/** The sidecar metadata file beside it, as read (the service reads it again for its errors). */
			sidecar?: { uri: string; text: string };
			record: PackedRecord;
			/** Content hash of the inputs (text, sidecar, extractor; the fallback date too for an undated source): the cache key. */
			hash: string;
			/** The cache entries it uses (kept when the cache is pruned). */
			keep: string[];
			/** Whether the record came from the cache. */
			cached: boolean;
			times: StageTimes;
	  }
	| { kind: 'unchanged'; uri: string; hash: string; keep: string[] }
	| { kind: 'skipped'; uri: string; reason: string }
	| { kind: 'failed'; uri: string; reason: string };

/** Main thread → worker. */
export type ToWorker =
	| { type: 'jobs'; run: number; jobs: IndexJob[] }
	| { type: 'cancel'; run: number }
	/** The main thread has merged a result: the worker may send another (see worker.ts). */
	| { type: 'taken' }
	| { type: 'prune'; cacheDir: string; keep: string[] }
	/** Write the cache entries held back now, and say so (the server is shutting down). */
	| { type: 'flush' }
	/** Serialized parts of snapshot `id`, in order (more may follow). */
	| { type: 'snapshotParts'; id: number; parts: Uint8Array[] }
	/** Snapshot `id` was given up: forget its parts. */
	| { type: 'snapshotDropped'; id: number }
	/** Replace the folder's snapshot with snapshot `id`, whose parts are all sent. */
	| { type: 'snapshot'; id: number; cacheDir: string; header: Omit<SnapshotHeader, 'stamps'>; jobs: IndexJob[] };

/** Worker → main thread. */
export type FromWorker =
	| { type: 'result'; run: number; result: IndexResult }
	| { type: 'log'; level: 'info' | 'warn' | 'error'; message: string }
	/** Started; `tid`: its thread's id in the kernel (Linux). */
	| { type: 'ready'; tid?: number }
	| { type: 'flushed' }
	/** Snapshot `id` is written (`ok`), or was not (the reason logged). */
	| { type: 'snapshotWritten'; id: number; ok: boolean };

/** What the worker is started with (`workerData`). */
export interface WorkerData {
	/** Identifies the build, so that a cache written by other code is not trusted. */
	fingerprint: string;
	/** Identifies the server's build, whose code reads the snapshots the worker writes. */
	snapshotFingerprint: string;
	/** The worker's bundle (dist/indexer.js), which the loader (dist/indexer-load.js) runs. */
	bundle: string;
	/** Started under the start-up inlining budget (jit.ts): its code cache is that budget's. */
	startupInlining?: boolean;
}
