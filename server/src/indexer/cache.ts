/**
 * The persistent index cache: one file per source record, named by the content hash of its inputs,
 * in a directory per workspace folder. Entries are written whole (to a temporary name, then renamed),
 * so a crash leaves either the old entry or none; an entry that is foreign or corrupt is logged,
 * deleted and rebuilt.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { isPackedRecord, type PackedRecord } from '../service';
import { cacheStamp, frameEntry, unframeEntry } from '../service/sources/cache';
import { statStamp } from '../workspace';
import { type SnapshotBytes, type SnapshotRefusal, readSnapshotFile, readSnapshotFileNow, snapshotPieces, snapshotSections } from './snapshotFile';

const EXT = '.gnrec';
/** The folder's snapshot: its whole merged index, for a warm start (see `RecordCache.getSnapshot`). */
const SNAPSHOT_FILE = 'corpus.gnsnap';
/** What the folder's notes were judged against its snapshot's corpus (see `RecordCache.putVerdicts`). */
const VERDICTS_FILE = 'notes.gnverdicts';
/** A temporary file this old is a crashed writer's. */
const TMP_MS = 3600 * 1000;
/** How many bytes of entries the worker holds back at most before it writes them (see `RecordCache.flush`). */
const MAX_PENDING_BYTES = 32 * 1024 * 1024;
/** Folder caches nobody used for this long are removed. */
const UNUSED_MS = 30 * 24 * 3600 * 1000;

/** Where caches live: the `groundedNotes.cachePath` setting, else the client's storage, else the OS cache directory. */
export function cacheRoot(setting: string, folderPath: string | undefined, storagePath: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
	if (setting.trim()) return path.resolve(folderPath ?? os.homedir(), setting.trim().replace(/^~(?=$|[\\/])/, os.homedir()));
	if (storagePath) return path.join(storagePath, 'index-cache');
	const base = env['XDG_CACHE_HOME'] && path.isAbsolute(env['XDG_CACHE_HOME']) ? env['XDG_CACHE_HOME'] : path.join(os.homedir(), '.cache');
	return path.join(base, 'grounded-notes');
}

/** The cache directory of one workspace folder under a root. */
export function folderCacheDir(root: string, folderUri: string): string {
	return path.join(root, createHash('sha256').update(folderUri).digest('hex').slice(0, 16));
}

/**
 * Identifies a build by the bytes of its bundle and of the libraries it loads on demand (the
 * HTML, PDF and BibTeX readers in `lib/` beside it): a cache written by other code is never trusted.
 * `withLibraries: false` looks at the bundle alone (the server's, whose code reads snapshots: the
 * libraries are in the worker's fingerprint already). Each file's digest is kept in `digests`
 * (see `FileDigests`), by the file's stamp: hashing ~4 MB of bundles took ~9 ms of every start.
 */
export function buildFingerprint(file: string, withLibraries = true, digests: FileDigests = defaultDigests()): string {
	try {
		const lib = path.join(path.dirname(file), 'lib');
		const libs = withLibraries && fs.existsSync(lib) ? fs.readdirSync(lib).filter((n) => n.endsWith('.js')).sort() : [];
		const hash = createHash('sha256').update(digests.of(file));
		for (const n of libs) hash.update(`\0${n}\0`).update(digests.of(path.join(lib, n)));
		const fingerprint = hash.digest('hex').slice(0, 20);
		digests.save();
		return fingerprint;
	} catch {
		return 'unknown';
	}
}

/**
 * The content digests (sha256) of files, kept in a small JSON file by each file's stamp
 * (`statStamp`: size, inode, modification and change times, so any write to the file makes it
 * hashed again; a file changed less than 2 s ago is hashed and not kept). A missing or unreadable
 * file of digests is as good as an empty one, and one that cannot be written is left as it is.
 */
export class FileDigests {
	private kept: Record<string, { stamp: string; digest: string }> = {};
	private changed = false;

	/** `now`: the clock the 2 s are counted against (a test's may run ahead). */
	constructor(
		private readonly file: string | undefined,
		private readonly now: () => number = Date.now,
	) {
		try {
			const read: unknown = file ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
			if (read && typeof read === 'object' && !Array.isArray(read)) this.kept = read as typeof this.kept;
		} catch {
			// none yet, or unreadable: everything is hashed
		}
	}

	/** The sha256 of a file's bytes (throws when it cannot be read). */
	of(p: string): string {
		const stamp = statStamp(p, this.now());
		const k = this.kept[p];
		if (stamp && stamp !== '-' && k && k.stamp === stamp && typeof k.digest === 'string') return k.digest;
		const digest = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
		if (stamp && stamp !== '-') {
			this.kept[p] = { stamp, digest };
			this.changed = true;
		}
		return digest;
	}

	/** Writes what was hashed anew (to a temporary name, then renamed: two servers may start at once). */
	save(): void {
		if (!this.changed || !this.file) return;
		this.changed = false;
		try {
			fs.mkdirSync(path.dirname(this.file), { recursive: true });
			replaceFileNow(this.file, JSON.stringify(this.kept));
		} catch {
			// kept for the next start to hash again
		}
	}
}

/**
 * Writes a file whole with blocking calls: under a temporary name beside it, then renamed over it,
 * so that a reader (another server, a later start) finds the old file or the new one, never part
 * of one. The temporary file is removed when that fails, and the error thrown.
 */
function replaceFileNow(file: string, data: string | Uint8Array | Uint8Array[]): void {
	const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
	try {
		if (Array.isArray(data)) {
			const fd = fs.openSync(tmp, 'w');
			try {
				for (const piece of data) for (let at = 0; at < piece.length; ) at += fs.writeSync(fd, piece, at);
			} finally {
				fs.closeSync(fd);
			}
		} else fs.writeFileSync(tmp, data);
		fs.renameSync(tmp, file);
	} catch (e) {
		try {
			fs.rmSync(tmp, { force: true });
		} catch {
			// nothing was written there
		}
		throw e;
	}
}

let digestsOfThisProcess: FileDigests | undefined;
/** The digests kept under the OS cache directory (`$XDG_CACHE_HOME/grounded-notes`), shared by this process's callers. */
function defaultDigests(): FileDigests {
	return (digestsOfThisProcess ??= new FileDigests(path.join(cacheRoot('', undefined, undefined), 'digests.json')));
}

/**
 * The content hash of what a record is made from (the fallback date aside: it matters only to a
 * source without a date of its own, whose entry is kept under `undatedKey`).
 */
export function inputHash(fingerprint: string, uri: string, text: string, sidecar: unknown): string {
	return createHash('sha1').update(`${fingerprint}\0${uri}\0${JSON.stringify(sidecar ?? null)}\0`).update(text).digest('hex');
}

/** The cache key of the record of an undated source, read against a fallback date. */
export function undatedKey(hash: string, fallbackDate: string | undefined): string {
	return `${hash}-${createHash('sha1').update(fallbackDate ?? '').digest('hex').slice(0, 12)}`;
}

/** What a folder's snapshot is of: its sources in the order they were merged, with the content hash each was indexed under, and their sidecar files. */
export interface SnapshotHeader {
	/** Names this save of the snapshot (a random UUID): what was saved beside it against its corpus (the notes' verdicts) says which. */
	id: string;
	uris: string[];
	keys: string[];
	sidecars: Array<{ uri: string; text: string } | undefined>;
	/**
	 * What each source file and its sidecars looked like on disk when the snapshot was saved
	 * (`fileStamp`; null when too recently changed to be trusted): a warm start reads and hashes
	 * only the files whose stamp is not the same now.
	 */
	stamps: Array<string | null>;
}

function isSnapshotHeader(x: unknown): x is SnapshotHeader {
	const h = x as Partial<SnapshotHeader> | undefined;
	return !!h && typeof h.id === 'string' && Array.isArray(h.uris) && Array.isArray(h.keys) && Array.isArray(h.sidecars) && h.uris.length === h.keys.length && h.sidecars.length === h.uris.length && h.uris.every((u) => typeof u === 'string') && h.keys.every((k) => typeof k === 'string') && Array.isArray(h.stamps) && h.stamps.length === h.uris.length && h.stamps.every((s) => s === null || typeof s === 'string');
}

/** Whether a file whose inputs hash to `hash` is what a snapshot indexed under `key` (an undated source's key carries its fallback date). */
export function sameInputs(key: string, hash: string): boolean {
	return key === hash || key.startsWith(`${hash}-`);
}

/** The cache entries a source indexed under `key` uses: an undated one's is kept under its plain hash too (it says "undated, look further"). */
export function entriesOf(key: string): string[] {
	const dash = key.indexOf('-');
	return dash < 0 ? [key] : [key.slice(0, dash), key];
}

/** Reads and writes the records of one folder's cache directory. */
export class RecordCache {
	private readonly stamp: string;
	private made = false;
	/** Writes under way: pruning waits for them (their temporary files are not litter). */
	private readonly writing = new Set<Promise<void>>();
	/** Entries made but not written yet (blocking mode), by hash: see `flush`. */
	private readonly pending = new Map<string, Uint8Array>();
	private pendingBytes = 0;

	/** `blocking`: read and write with synchronous system calls (the indexer worker: see `readSourceFile`). */
	constructor(
		readonly dir: string,
		fingerprint: string,
		private readonly log: (level: 'info' | 'warn', message: string) => void,
		private readonly blocking = false,
		snapshotFingerprint = '',
	) {
		this.stamp = cacheStamp(fingerprint);
		this.snapshotStamp = cacheStamp(`${fingerprint}.${snapshotFingerprint}`);
	}

	/** A snapshot is also read by the server's own code (the corpus), not the worker's alone: it carries both builds' fingerprints. */
	private readonly snapshotStamp: string;

	private file(hash: string): string {
		return path.join(this.dir, `${hash}${EXT}`);
	}

	/** The cached record for these inputs, or undefined (a foreign or corrupt entry is deleted with a logged message). */
	async get(hash: string, uri: string, text: string): Promise<PackedRecord | undefined> {
		let bytes: Uint8Array;
		try {
			bytes = this.pending.get(hash) ?? (this.blocking ? fs.readFileSync(this.file(hash)) : await fsp.readFile(this.file(hash)));
		} catch {
			return undefined;
		}
		const entry = unframeEntry(bytes, this.stamp);
		let why = entry.ok ? '' : entry.reason;
		if (entry.ok) {
			try {
				const value: unknown = v8.deserialize(entry.payload);
				if (isPackedRecord(value, uri, text)) return value;
				why = 'it does not hold a well-formed record';
			} catch (e) {
				why = `it cannot be read (${e instanceof Error ? e.message : String(e)})`;
			}
		}
		this.log('warn', `Discarded the cached index of ${uri} because ${why}; indexing it again.`);
		await fsp.rm(this.file(hash), { force: true }).catch(() => undefined);
		return undefined;
	}

	/** Stores a record (errors are logged and otherwise ignored: the cache is an optimization). */
	put(hash: string, record: PackedRecord): Promise<void> {
		// serialized now: the caller may hand the record's arrays to another thread
		const bytes = frameEntry(this.stamp, v8.serialize(record));
		if (this.blocking) {
			// written when the worker would otherwise wait (`flush`), or once this much is held
			this.pending.set(hash, bytes);
			this.pendingBytes += bytes.length;
			if (this.pendingBytes > MAX_PENDING_BYTES) this.flush();
			return Promise.resolve();
		}
		const done = this.write(hash, bytes).finally(() => this.writing.delete(done));
		this.writing.add(done);
		return done;
	}

	private async write(hash: string, bytes: Uint8Array): Promise<void> {
		const file = this.file(hash);
		const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
		try {
			if (!this.made) {
				await fsp.mkdir(this.dir, { recursive: true });
				this.made = true;
			}
			await fsp.writeFile(tmp, bytes);
			await fsp.rename(tmp, file);
			this.warned = false;
		} catch (e) {
			await fsp.rm(tmp, { force: true }).catch(() => undefined);
			this.cannotWrite(e);
		}
	}

	/**
	 * Writes the entries held back (blocking mode). Writing them as they are made put a file
	 * creation and a rename on the way of every file of a cold index (~0.1 s of SOTU's ~1.7 s);
	 * the worker calls this when it has nothing else to do (the main thread is behind, or the run
	 * is done), and `put` when more than `MAX_PENDING_BYTES` are held. `max`: write at most this
	 * many (the worker writes one per turn of its event loop, so that the results it still has to
	 * send are not held up behind the writes).
	 */
	flush(max = Infinity): void {
		let written = 0;
		for (const [hash, bytes] of this.pending) {
			if (written++ >= max) return;
			this.pending.delete(hash);
			this.pendingBytes -= bytes.length;
			if (!this.writeNow(hash, bytes)) {
				// one message for the lot: when one entry cannot be written, the others would fail the same way
				this.pending.clear();
				this.pendingBytes = 0;
				return;
			}
		}
	}

	/** How many entries are held back, not written yet (see `flush`). */
	get held(): number {
		return this.pending.size;
	}

	/** Writes one entry (or another file of the cache, in pieces); false (with a logged message) when it cannot. */
	private writeNow(hash: string, bytes: Uint8Array | Uint8Array[], file = this.file(hash)): boolean {
		try {
			if (!this.made) {
				fs.mkdirSync(this.dir, { recursive: true });
				this.made = true;
			}
			replaceFileNow(file, bytes);
			this.warned = false;
			return true;
		} catch (e) {
			this.cannotWrite(e);
			return false;
		}
	}

	/** Whether the folder has a snapshot (of any build: `getSnapshot` says whether it can be used). */
	hasSnapshot(): boolean {
		return fs.existsSync(path.join(this.dir, SNAPSHOT_FILE));
	}

	/** The snapshot file's bytes as read ahead (`prefetchSnapshot`), or why they cannot be used, until `getSnapshot` takes them. */
	private prefetched: { done: Promise<void>; read?: { ok: true; bytes: SnapshotBytes } | SnapshotRefusal } | undefined;

	/**
	 * Starts reading the snapshot file in the thread pool, for the next `getSnapshot` to take: a
	 * warm start has it read while the client and the server finish their handshake, instead of
	 * on the main thread afterwards (~45 ms for SOTU's 32 MB, most of it the kernel handing out
	 * fresh pages to fill). `snapshotPrefetched` says when it is done.
	 */
	prefetchSnapshot(): void {
		if (this.prefetched) return;
		const ahead: NonNullable<RecordCache['prefetched']> = { done: Promise.resolve() };
		ahead.done = readSnapshotFile(path.join(this.dir, SNAPSHOT_FILE), this.snapshotStamp).then(
			(read) => void (ahead.read = read),
			// none, or unreadable: `getSnapshot` reads it again and says why
			() => undefined,
		);
		this.prefetched = ahead;
	}

	/** Resolves once the snapshot read ahead (`prefetchSnapshot`), if any, has been read or has failed to. */
	snapshotPrefetched(): Promise<void> {
		return this.prefetched?.done ?? Promise.resolve();
	}

	/** Lets go of a snapshot read ahead and not taken (a folder with no sources left, a cache moved by the settings): it may be hundreds of MB. */
	forgetPrefetched(): void {
		this.prefetched = undefined;
	}

	/**
	 * The folder's snapshot (written by `putSnapshot`): its header and the bytes of its parts
	 * (the texts, the corpus, each source), or why there is none to use. A snapshot of another
	 * build is refused, and one that does not read back is deleted.
	 */
	getSnapshot(): { ok: true; header: SnapshotHeader; texts: Uint8Array; parts: Uint8Array[] } | { ok: false; reason: string } {
		const file = path.join(this.dir, SNAPSHOT_FILE);
		// what was read ahead is taken once: a later call reads the file as it is then
		let read = this.prefetched?.read;
		this.prefetched = undefined;
		try {
			read ??= readSnapshotFileNow(file, this.snapshotStamp);
		} catch {
			return { ok: false, reason: 'there is none yet' };
		}
		// (a snapshot of another build is left for that build)
		if (!read.ok && !read.broken) return { ok: false, reason: read.reason };
		try {
			if (!read.ok) throw new Error(read.reason);
			const { header: head, texts, parts } = snapshotSections(read.bytes, this.snapshotStamp);
			const header: unknown = v8.deserialize(head);
			if (!isSnapshotHeader(header) || parts.length !== header.uris.length + 1) throw new Error('its parts are not well-formed');
			return { ok: true, header, texts, parts };
		} catch (e) {
			fs.rmSync(file, { force: true });
			return { ok: false, reason: `it cannot be read (${e instanceof Error ? e.message : String(e)}); deleted` };
		}
	}

	/**
	 * Replaces the folder's snapshot: its header, the sources' texts and the serialized parts of the
	 * corpus (the whole, then each source), as one file written under a temporary name and renamed.
	 * False, with a logged message, when it cannot be written.
	 */
	putSnapshot(header: SnapshotHeader, texts: readonly string[], parts: readonly Uint8Array[]): boolean {
		// written piece by piece: joined into one buffer first, the texts and parts were copied twice (~60 MB for 11 MB of sources)
		const pieces = snapshotPieces(this.snapshotStamp, v8.serialize(header), v8.serialize(texts), parts);
		return this.writeNow(SNAPSHOT_FILE, pieces, path.join(this.dir, SNAPSHOT_FILE));
	}

	/**
	 * Saves what the folder's notes were judged against the corpus of the snapshot `snapshotId`
	 * (see savedVerdicts.ts), replacing what was saved before. False, with a logged message, when
	 * it cannot be written.
	 */
	putVerdicts(snapshotId: string, verdicts: unknown): boolean {
		const bytes = v8.serialize({ stamp: this.snapshotStamp, snapshot: snapshotId, verdicts });
		return this.writeNow(VERDICTS_FILE, bytes, path.join(this.dir, VERDICTS_FILE));
	}

	/**
	 * The verdicts `putVerdicts` saved against the snapshot `snapshotId`, or why there are none to
	 * use: none saved, saved against another snapshot (or by another build), or unreadable (then
	 * deleted).
	 */
	getVerdicts(snapshotId: string): { ok: true; verdicts: unknown } | { ok: false; reason: string } {
		const file = path.join(this.dir, VERDICTS_FILE);
		let bytes: Buffer;
		try {
			bytes = fs.readFileSync(file);
		} catch {
			return { ok: false, reason: 'none were saved' };
		}
		try {
			const read = v8.deserialize(bytes) as { stamp?: unknown; snapshot?: unknown; verdicts?: unknown };
			if (read.stamp !== this.snapshotStamp || read.snapshot !== snapshotId) return { ok: false, reason: 'they were saved against another snapshot' };
			return { ok: true, verdicts: read.verdicts };
		} catch (e) {
			fs.rmSync(file, { force: true });
			return { ok: false, reason: `they cannot be read (${e instanceof Error ? e.message : String(e)}); deleted` };
		}
	}

	/** Whether the last write failed and said so: the entries written one at a time say it once, not once each. */
	private warned = false;

	private cannotWrite(e: unknown): void {
		if (this.warned) return;
		this.warned = true;
		this.log('warn', `The index cache cannot be written in ${this.dir} (${e instanceof Error ? e.message : String(e)}); sources will be read again at the next start. Check the folder, or set groundedNotes.cachePath.`);
	}

	/**
	 * Deletes the entries not in `keep` (after a complete indexing run), temporary files a crashed
	 * writer left (an hour old), and other folders' caches unused for a month.
	 */
	async prune(keep: ReadonlySet<string>): Promise<void> {
		this.flush();
		await Promise.all([...this.writing]);
		let names: string[];
		try {
			names = await fsp.readdir(this.dir);
		} catch {
			return;
		}
		const now = new Date();
		for (const n of names) {
			const hash = n.endsWith(EXT) ? n.slice(0, -EXT.length) : undefined;
			const p = path.join(this.dir, n);
			// another server (a second window on the same folder) may be writing a temporary file right now
			const litter = n.endsWith('.tmp') && now.getTime() - ((await fsp.stat(p).catch(() => undefined))?.mtimeMs ?? now.getTime()) > TMP_MS;
			if ((hash && !keep.has(hash)) || litter) await fsp.rm(p, { force: true }).catch(() => undefined);
		}
		await fsp.utimes(this.dir, now, now).catch(() => undefined);
		const root = path.dirname(this.dir);
		for (const other of await fsp.readdir(root).catch(() => [] as string[])) {
			const p = path.join(root, other);
			if (p === this.dir || !/^[0-9a-f]{16}$/.test(other)) continue;
			const st = await fsp.stat(p).catch(() => undefined);
			if (st?.isDirectory() && now.getTime() - st.mtimeMs > UNUSED_MS) await fsp.rm(p, { recursive: true, force: true }).catch(() => undefined);
		}
	}
}
