/**
 * The layout of a folder's snapshot file (see `RecordCache.putSnapshot`), without the cache's
 * bookkeeping:
 *
 *   the stamp's line (`frameHead`), then 16 bytes: where the parts begin (a float64 file offset,
 *   a multiple of 8) and how many parts there are (a uint32, then 4 zero bytes);
 *   the header, then the sources' texts, each after its length (a uint32);
 *   zero bytes up to the parts; each part after its length (a uint32, then 4 zero bytes), with
 *   zero bytes after it up to the next multiple of 8.
 *
 * The parts are read into a buffer of their own, each starting at a multiple of 8 in it, so that
 * the typed arrays in them (aligned within a part by `serializePart`) are read back as views of
 * that buffer instead of copies; and the header's and texts' bytes, decoded once, are let go of.
 * Read as one buffer, with the arrays wherever V8's serializer put them, three in four arrays of
 * SOTU's snapshot (13 MB) were copied one by one and the views among the others kept the whole
 * file's bytes (texts included) alive for the session.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import { frameHead, unframeEntry } from '../service/sources/cache';

/** The bytes of a snapshot's sections. */
export interface SnapshotSections {
	header: Uint8Array;
	texts: Uint8Array;
	/** Each a view of one buffer that holds the parts alone, starting at a multiple of 8 in it. */
	parts: Uint8Array[];
}

/** A snapshot file's bytes as read: up to its parts, and its parts in a buffer of their own. */
export interface SnapshotBytes {
	front: Uint8Array;
	parts: Uint8Array;
}

const ALIGN = 8;
const PREFIX = 16;
/** Read first, after the stamp's line: enough to see another build's stamp line whole. */
const STAMP_SLACK = 256;

const align = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

/** How many of a file's first bytes `partsStartOf` is given. */
const firstLength = (stamp: string) => frameHead(stamp).length + PREFIX + STAMP_SLACK;

/** Why a snapshot file cannot be used; `broken` when it is ours and cannot be read (its cache deletes it), not another build's. */
export type SnapshotRefusal = { ok: false; reason: string; broken?: true };

function uint32(n: number): Uint8Array {
	const b = new Uint8Array(4);
	new DataView(b.buffer).setUint32(0, n);
	return b;
}

/** The pieces of a snapshot file, to write one after another. */
export function snapshotPieces(stamp: string, header: Uint8Array, texts: Uint8Array, parts: readonly Uint8Array[]): Uint8Array[] {
	const head = frameHead(stamp);
	const partsStart = align(head.length + PREFIX + 4 + header.length + 4 + texts.length);
	const prefix = new Uint8Array(PREFIX);
	const view = new DataView(prefix.buffer);
	view.setFloat64(0, partsStart);
	view.setUint32(8, parts.length);
	const pieces = [head, prefix, uint32(header.length), header, uint32(texts.length), texts];
	const zeros = new Uint8Array(ALIGN);
	const pad = (n: number) => n % ALIGN && pieces.push(zeros.subarray(0, ALIGN - (n % ALIGN)));
	pad(head.length + PREFIX + 4 + header.length + 4 + texts.length);
	for (const part of parts) {
		pieces.push(uint32(part.length), zeros.subarray(0, 4), part);
		pad(part.length);
	}
	return pieces;
}

/** Where the parts of a snapshot file begin, from its first bytes, or why it cannot be used. */
function partsStartOf(first: Uint8Array, stamp: string, size: number): { ok: true; partsStart: number } | SnapshotRefusal {
	const entry = unframeEntry(first, stamp);
	if (!entry.ok) return entry;
	if (entry.payload.length < PREFIX) return { ok: false, reason: 'it is cut short', broken: true };
	const partsStart = new DataView(entry.payload.buffer, entry.payload.byteOffset, PREFIX).getFloat64(0);
	if (!Number.isSafeInteger(partsStart) || partsStart % ALIGN || partsStart < first.length - entry.payload.length + PREFIX || partsStart > size) return { ok: false, reason: 'its layout is not well-formed', broken: true };
	return { ok: true, partsStart };
}

/** Reads a snapshot file in the thread pool: up to its parts, then its parts into a buffer of their own. */
export async function readSnapshotFile(file: string, stamp: string): Promise<{ ok: true; bytes: SnapshotBytes } | SnapshotRefusal> {
	const handle = await fsp.open(file, 'r');
	try {
		const { size } = await handle.stat();
		// (one read each of its size: fs.promises.readFile reads 512 KB per trip through the pool)
		const readAt = async (position: number, length: number): Promise<Uint8Array> => {
			const bytes = Buffer.allocUnsafeSlow(length);
			let at = 0;
			while (at < length) {
				const { bytesRead } = await handle.read(bytes, at, length - at, position + at);
				if (!bytesRead) break;
				at += bytesRead;
			}
			return at === length ? bytes : bytes.subarray(0, at);
		};
		const first = await readAt(0, Math.min(size, firstLength(stamp)));
		const start = partsStartOf(first, stamp, size);
		if (!start.ok) return start;
		return { ok: true, bytes: { front: await readAt(0, start.partsStart), parts: await readAt(start.partsStart, size - start.partsStart) } };
	} finally {
		await handle.close();
	}
}

/** Reads a snapshot file now (blocking); throws when there is none. */
export function readSnapshotFileNow(file: string, stamp: string): { ok: true; bytes: SnapshotBytes } | SnapshotRefusal {
	const all = fs.readFileSync(file);
	const start = partsStartOf(all.subarray(0, firstLength(stamp)), stamp, all.length);
	if (!start.ok) return start;
	// the parts copied into a buffer of their own (see above)
	const parts = new Uint8Array(all.length - start.partsStart);
	parts.set(all.subarray(start.partsStart));
	return { ok: true, bytes: { front: all.subarray(0, start.partsStart), parts } };
}

/** The sections of a snapshot file as read; throws when they do not fit in its bytes. */
export function snapshotSections({ front, parts }: SnapshotBytes, stamp: string): SnapshotSections {
	const at = frameHead(stamp).length + PREFIX;
	if (at > front.length) throw new Error('it is cut short');
	const view = new DataView(front.buffer, front.byteOffset, front.byteLength);
	const count = view.getUint32(at - PREFIX + 8);
	// a section's bytes start `gap` bytes after its length's
	const section = (bytes: Uint8Array, v: DataView, from: number, gap = 4): [Uint8Array, number] => {
		if (from + gap > bytes.length) throw new Error('it is cut short');
		const n = v.getUint32(from);
		if (from + gap + n > bytes.length) throw new Error('it is cut short');
		return [bytes.subarray(from + gap, from + gap + n), from + gap + n];
	};
	const [header, afterHeader] = section(front, view, at);
	const [texts] = section(front, view, afterHeader);
	const partsView = new DataView(parts.buffer, parts.byteOffset, parts.byteLength);
	const out: Uint8Array[] = [];
	for (let i = 0, from = 0; i < count; i++) {
		const [part, end] = section(parts, partsView, from, 8);
		out.push(part);
		from = align(end);
	}
	return { header, texts, parts: out };
}
