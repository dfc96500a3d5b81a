/**
 * The snapshot file's layout and its parts' serializer: the parts are read into a buffer of their
 * own, each at a multiple of 8, and their typed arrays come back as views of it, not copies.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import * as v8 from 'node:v8';
import { deserializePart, serializePart } from '../../server/src/indexer/alignedSerializer';
import { RecordCache } from '../../server/src/indexer/cache';
import { readSnapshotFile, readSnapshotFileNow, snapshotPieces, snapshotSections } from '../../server/src/indexer/snapshotFile';
import { cacheStamp } from '../../server/src/service/sources/cache';

const STAMP = cacheStamp('build-a.server-a');

/** A part with typed arrays of every width, one of them twice, and lengths that are not multiples of 8. */
function sample(n: number) {
	const shared = Int32Array.from({ length: n }, (_, i) => i * 7 - 3);
	return {
		name: `part ${n}`,
		bytes: Uint8Array.from({ length: n + 3 }, (_, i) => i % 256),
		shorts: Int16Array.from({ length: 5 }, (_, i) => -i),
		ints: shared,
		again: shared,
		doubles: Float64Array.from({ length: n }, (_, i) => i / 3),
		floats: new Float32Array([1.5, -2.25, 3]),
		big: new BigInt64Array([-1n, 2n ** 40n]),
		nested: [{ list: new Uint32Array([4, 5, 6]) }, 'text', 42, null],
		empty: new Int32Array(0),
	};
}

function write(file: string, pieces: Uint8Array[]): void {
	fs.writeFileSync(file, Buffer.concat(pieces));
}

describe('snapshot parts and file', () => {
	test('a part comes back the same, its typed arrays views of the buffer it was read from where they are aligned', () => {
		const value = sample(13);
		const part = serializePart(value);
		// where the part starts at a multiple of 8 in its buffer (as in the file's parts buffer)
		const buffer = new Uint8Array(part.length + 16);
		buffer.set(part, 8);
		const back = deserializePart(buffer.subarray(8, 8 + part.length)) as ReturnType<typeof sample>;
		assert.deepEqual(back, value);
		for (const a of [back.bytes, back.shorts, back.ints, back.doubles, back.floats, back.big, back.nested[0] && (back.nested[0] as { list: Uint32Array }).list]) {
			assert.ok(ArrayBuffer.isView(a));
			assert.equal(a.buffer, buffer.buffer, `${a.constructor.name} is a view, not a copy`);
			assert.equal(a.byteOffset % 8, 0);
		}
		// the same array twice is one array, as V8 writes it
		assert.equal(back.again, back.ints);
		// where it does not start at a multiple of 8: the same values, the misaligned arrays copied
		const odd = new Uint8Array(part.length + 3);
		odd.set(part, 3);
		const copied = deserializePart(odd.subarray(3)) as ReturnType<typeof sample>;
		assert.deepEqual(copied, value);
		assert.notEqual(copied.doubles.buffer, odd.buffer);
	});

	test('a part that is cut short or whose arrays point outside it is refused with an error', () => {
		const part = serializePart(sample(40));
		assert.throws(() => deserializePart(part.subarray(0, 4)), /cut short/);
		assert.throws(() => deserializePart(part.subarray(0, part.length - 8)), /not well-formed/);
		assert.throws(() => deserializePart(new Uint8Array(part.length)));
		// not a typed array V8 can write as one of ours
		assert.throws(() => serializePart({ view: new DataView(new ArrayBuffer(8)) }), /DataView/);
	});

	test('the file gives back header, texts and parts; the parts in a buffer of their own, each at a multiple of 8', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-snapfile-'));
		try {
			const header = v8.serialize({ uris: ['a'] });
			const texts = v8.serialize(['some text of odd length']);
			const parts = [sample(3), sample(10), sample(0)].map(serializePart);
			const file = path.join(dir, 'corpus.gnsnap');
			write(file, snapshotPieces(STAMP, header, texts, parts));
			for (const read of [await readSnapshotFile(file, STAMP), readSnapshotFileNow(file, STAMP)]) {
				assert.ok(read.ok);
				const s = snapshotSections(read.bytes, STAMP);
				assert.deepEqual([...s.header], [...header]);
				assert.deepEqual([...s.texts], [...texts]);
				assert.equal(s.parts.length, 3);
				s.parts.forEach((p, i) => {
					assert.deepEqual([...p], [...parts[i]!]);
					assert.equal(p.byteOffset % 8, 0);
					assert.equal(p.buffer, s.parts[0]!.buffer);
				});
				assert.notEqual(s.parts[0]!.buffer, s.texts.buffer, 'the texts are not kept alive by the parts');
				assert.deepEqual(deserializePart(s.parts[1]!), sample(10));
			}
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	test('another build\'s file is refused as such; a file cut short is refused and deleted by the cache', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-snapfile-'));
		try {
			const file = path.join(dir, 'corpus.gnsnap');
			const pieces = snapshotPieces(STAMP, v8.serialize({}), v8.serialize([]), [serializePart({ n: new Int32Array(100) })]);
			write(file, pieces);
			const other = await readSnapshotFile(file, cacheStamp('build-b.server-b'));
			assert.ok(!other.ok && /another version/.test(other.reason));
			const all = fs.readFileSync(file);
			// cut before its parts begin, and in the middle of its part
			for (const at of [pieces[0]!.length + 10, all.length - 100]) {
				fs.writeFileSync(file, all.subarray(0, at));
				const read = readSnapshotFileNow(file, STAMP);
				assert.ok(!read.ok || (() => { try { snapshotSections(read.bytes, STAMP); return false; } catch { return true; } })(), `cut at ${at}`);
			}
			// through the cache: refused, and the broken file deleted
			const cacheDir = path.join(dir, 'cache');
			const cache = new RecordCache(cacheDir, 'build-a', () => undefined, true, 'server-a');
			assert.ok(cache.putSnapshot({ id: 'snapshot-1', uris: ['u'], keys: ['k'], sidecars: [undefined], stamps: [null] }, ['t'], [serializePart({}), serializePart({ n: new Int32Array(100) })]));
			const snap = path.join(cacheDir, 'corpus.gnsnap');
			const whole = fs.readFileSync(snap);
			assert.ok(cache.getSnapshot().ok);
			fs.writeFileSync(snap, whole.subarray(0, whole.length - 50));
			const cut = cache.getSnapshot();
			assert.ok(!cut.ok && /cut short/.test(cut.reason) && /deleted/.test(cut.reason), cut.ok ? '' : cut.reason);
			assert.equal(fs.existsSync(snap), false);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
