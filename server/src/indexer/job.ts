/** Indexing one source file into its record: read it, hash it, take the record from the cache or make it. */
import { buildRecord, packRecord } from '../service';
import { sidecarMetadata } from '../service/sources/sidecar';
import { keyOf } from '../service/sources/source';
import { fileStamp, readSidecar, readSourceFile } from '../workspace';
import { entriesOf, inputHash, RecordCache, sameInputs, undatedKey, type SnapshotHeader } from './cache';
import type { IndexJob, IndexResult } from './protocol';

type Log = (level: 'info' | 'warn', message: string) => void;

/** Turns jobs into results, with one cache per folder directory. Runs in the worker, or on the main thread when the worker cannot start. */
export class FileIndexer {
	private readonly caches = new Map<string, RecordCache>();

	/** `blocking`: files are read and the cache written with synchronous system calls (on the worker thread, where nothing else waits). */
	constructor(
		private readonly fingerprint: string,
		private readonly log: Log,
		private readonly blocking = false,
		/** The server bundle's (see `RecordCache`'s snapshots). */
		private readonly snapshotFingerprint = '',
	) {}

	/** The cache of a folder's directory. */
	cache(dir: string): RecordCache {
		let c = this.caches.get(dir);
		if (!c) this.caches.set(dir, (c = new RecordCache(dir, this.fingerprint, this.log, this.blocking, this.snapshotFingerprint)));
		return c;
	}

	/** Lets go of the snapshots read ahead and not taken (see `RecordCache.forgetPrefetched`). */
	forgetPrefetched(): void {
		for (const c of this.caches.values()) c.forgetPrefetched();
	}

	/** Writes what the caches hold back (see `RecordCache.flush`). */
	flush(): void {
		for (const c of this.caches.values()) c.flush();
	}

	/** Writes one of the entries the caches hold back; whether any are left. */
	flushOne(): boolean {
		let left = 0;
		let written = false;
		for (const c of this.caches.values()) {
			if (!written && c.held) {
				c.flush(1);
				written = true;
			}
			left += c.held;
		}
		return left > 0;
	}

	/**
	 * The texts of a snapshot's sources, read again, and their stamps (`fileStamp`, each taken
	 * before the file is read; null: none to trust): not when a file's content hash is not the key
	 * it was indexed under any more (the snapshot would not be of what is on disk).
	 */
	private async readForSnapshot(jobs: readonly IndexJob[], keys: readonly string[]): Promise<{ ok: true; texts: string[]; stamps: Array<string | null> } | { ok: false; reason: string }> {
		if (jobs.length !== keys.length) return { ok: false, reason: 'the sources are not the ones it was made of' };
		const texts: string[] = [];
		const stamps: Array<string | null> = [];
		for (let i = 0; i < jobs.length; i++) {
			const job = jobs[i]!;
			stamps.push(fileStamp(job.path) ?? null);
			const read = await this.readInputs(job);
			if (!read.ok) return { ok: false, reason: `${job.uri} cannot be read now` };
			if (!sameInputs(keys[i]!, read.hash)) return { ok: false, reason: `${job.uri} has changed since` };
			texts.push(read.text);
		}
		return { ok: true, texts, stamps };
	}

	/**
	 * Saves a folder's snapshot (see `RecordCache.putSnapshot`), with its sources' texts read again
	 * and stamped: not if one has changed since it was indexed. Whether it was written (if not,
	 * why is logged).
	 */
	async saveSnapshot(cacheDir: string, header: Omit<SnapshotHeader, 'stamps'>, jobs: readonly IndexJob[], parts: readonly Uint8Array[]): Promise<boolean> {
		try {
			const read = await this.readForSnapshot(jobs, header.keys);
			if (read.ok) return this.cache(cacheDir).putSnapshot({ ...header, stamps: read.stamps }, read.texts, parts);
			this.log('info', `The index snapshot was not saved: ${read.reason} (it is saved once indexing catches up).`);
		} catch (e) {
			this.log('warn', `The index snapshot was not saved: ${e instanceof Error ? e.message : String(e)}.`);
		}
		return false;
	}

	/** A file's text and sidecar, and the content hash of what its record is made from (see `inputHash`). */
	private async readInputs(job: IndexJob): Promise<{ ok: false; reason: string } | { ok: true; text: string; sidecar: { uri: string; text: string } | undefined; meta: ReturnType<typeof sidecarMetadata>['meta']; hash: string }> {
		const read = await readSourceFile(job.path, job.maxBytes, this.blocking, job.refuseLinks);
		if (!read.ok) return read;
		const sidecar = await readSidecar(job.path, this.blocking);
		const meta = sidecar ? sidecarMetadata(sidecar.uri, sidecar.text, keyOf(job.uri)).meta : undefined;
		return { ok: true, text: read.text, sidecar, meta, hash: inputHash(this.fingerprint, job.uri, read.text, meta) };
	}

	/** Indexes one file. */
	async index(job: IndexJob): Promise<IndexResult> {
		const { uri } = job;
		try {
			let t = performance.now();
			const read = await this.readInputs(job);
			if (!read.ok) return { kind: 'skipped', uri, reason: read.reason };
			const { sidecar, meta, hash } = read;
			// a dated source's record does not depend on the fallback date; an undated one's does
			const undated = undatedKey(hash, job.fallbackDate);
			if (job.known === hash || job.known === undated) return { kind: 'unchanged', uri, hash: job.known, keep: [hash, undated] };
			const times = { read: performance.now() - t, cache: 0, build: 0 };
			t = performance.now();
			const cache = job.cacheDir ? this.cache(job.cacheDir) : undefined;
			let record = await cache?.get(hash, uri, read.text);
			if (record && !record.source.meta.date) record = await cache?.get(undated, uri, read.text);
			times.cache = performance.now() - t;
			const cached = !!record;
			if (!record) {
				t = performance.now();
				record = packRecord(buildRecord(uri, read.text, job.fallbackDate, meta), read.text);
				times.build = performance.now() - t;
				// an undated source is kept under both keys: the plain one says "undated, look further"
				if (!record.source.meta.date) void cache?.put(undated, record);
				void cache?.put(hash, record);
			}
			const key = record.source.meta.date ? hash : undated;
			const result: IndexResult = { kind: 'indexed', uri, text: read.text, record, hash: key, keep: entriesOf(key), cached, times };
			if (sidecar) result.sidecar = sidecar;
			return result;
		} catch (e) {
			return { kind: 'failed', uri, reason: `indexing it failed: ${e instanceof Error ? e.message : String(e)}` };
		}
	}
}
