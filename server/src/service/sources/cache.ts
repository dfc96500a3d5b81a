/**
 * The index cache's file format, without the file system: a one-line header naming the format and
 * the extractor that wrote the entry, then the serialized record. An entry of another format or
 * extractor (foreign), or one that does not read back (corrupt), is refused with the reason, and
 * the caller rebuilds the record. The bytes are written and read in server/src/indexer/.
 */
import { EXTRACTOR_VERSION } from './record';

/** Bumped whenever the layout of a cache entry changes. */
export const CACHE_FORMAT = 1;

const MAGIC = 'grounded-notes-index';

/** What identifies the code that made an entry: format, extractor version and the build's own fingerprint. */
export function cacheStamp(buildFingerprint: string): string {
	return `${MAGIC} ${CACHE_FORMAT} ${EXTRACTOR_VERSION} ${buildFingerprint.replace(/\s+/g, '')}`;
}

/** The first line of a cache entry (a payload written in pieces follows it). */
export function frameHead(stamp: string): Uint8Array {
	return new TextEncoder().encode(`${stamp}\n`);
}

/** A cache entry: the stamp's line, then the payload. */
export function frameEntry(stamp: string, payload: Uint8Array): Uint8Array {
	const head = frameHead(stamp);
	const out = new Uint8Array(head.length + payload.length);
	out.set(head, 0);
	out.set(payload, head.length);
	return out;
}

/** The payload of a cache entry written under `stamp`, or why it cannot be used. */
export function unframeEntry(bytes: Uint8Array, stamp: string): { ok: true; payload: Uint8Array } | { ok: false; reason: string } {
	const nl = bytes.indexOf(10);
	const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, nl < 0 ? Math.min(bytes.length, 200) : nl));
	if (nl < 0 || !head.startsWith(`${MAGIC} `)) return { ok: false, reason: 'it is not a Grounded Notes index entry' };
	if (head !== stamp) return { ok: false, reason: 'it was written by another version of Grounded Notes' };
	return { ok: true, payload: bytes.subarray(nl + 1) };
}
