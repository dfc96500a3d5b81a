/**
 * The entity index's name statistics restored from a snapshot's columns (`NameStats`): each is
 * made when first read, and reads, writes and iteration answer as the table the columns were made of.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { NameStat } from '../../server/src/service/extract/nameClusters';
import { type NameColumns, NameStats } from '../../server/src/service/extract/nameStats';

const SOURCES = ['a', 'b', 'c'];
// (every property in place, unset ones undefined, as the index makes them: see newNameStat)
const STATS: Array<[string, NameStat]> = [
	['foxconn', { count: 5, strong: 4, votes: [3, 0, 1], sources: new Map([['a', 3], ['c', 2]]), surfaces: new Map([['Foxconn', 4]]), best: 'Foxconn', id: 'foxconn' }],
	['hon hai', { count: 2, strong: 1, votes: [1, 0, 0], sources: new Map([['b', 2]]), surfaces: new Map([['Hon Hai', 1]]), best: undefined, id: undefined }],
	['taipei', { count: 1, strong: 0, votes: [0, 0, 1], sources: new Map([['a', 1]]), surfaces: undefined, best: undefined, id: undefined }],
];

/** The columns of a table, as `EntityIndex.snapshot` writes them. */
function columns(stats: Array<[string, NameStat]>): NameColumns {
	const srcPairs: number[] = [];
	const srcOffsets = [0];
	const surfOffsets = [0];
	const surfTexts: string[] = [];
	const surfCounts: number[] = [];
	for (const [, s] of stats) {
		for (const [src, n] of s.sources) srcPairs.push(SOURCES.indexOf(src), n);
		srcOffsets.push(srcPairs.length / 2);
		for (const [t, n] of s.surfaces ?? []) surfTexts.push(t), surfCounts.push(n);
		surfOffsets.push(surfTexts.length);
	}
	return {
		keys: stats.map(([k]) => k),
		numbers: Float64Array.from(stats.flatMap(([, s]) => [s.count, s.strong, ...s.votes])),
		srcOffsets: Int32Array.from(srcOffsets),
		srcPairs: Int32Array.from(srcPairs),
		surfOffsets: Int32Array.from(surfOffsets),
		hasSurfaces: Uint8Array.from(stats.map(([, s]) => (s.surfaces ? 1 : 0))),
		surfTexts,
		surfCounts: Float64Array.from(surfCounts),
		best: stats.map(([, s]) => s.best ?? null),
		ids: stats.map(([, s]) => s.id ?? null),
	};
}

describe('NameStats', () => {
	test('restored from columns, it answers as the table they were made of, in the same order', () => {
		const t = new NameStats();
		t.restore(columns(STATS), SOURCES);
		assert.equal(t.size, 3);
		assert.deepEqual([...t.keys()], ['foxconn', 'hon hai', 'taipei']);
		assert.equal(t.strongOf('foxconn'), 4);
		assert.equal(t.strongOf('nobody'), 0);
		assert.deepEqual(t.get('hon hai'), STATS[1]![1]);
		assert.deepEqual([...t], STATS);
		assert.equal(t.get('nobody'), undefined);
	});

	test('a name read is made once: changes to it stay, and writes and deletes of unread names work', () => {
		const t = new NameStats();
		t.restore(columns(STATS), SOURCES);
		const fox = t.get('foxconn')!;
		fox.strong++;
		fox.sources.set('b', 1);
		assert.equal(t.get('foxconn'), fox);
		assert.equal(t.strongOf('foxconn'), 5);
		assert.ok(t.delete('taipei'));
		assert.equal(t.has('taipei'), false);
		t.set('hon hai', { count: 0, strong: 0, votes: [0, 0, 0], sources: new Map() });
		assert.equal(t.strongOf('hon hai'), 0);
		assert.deepEqual([...t.keys()], ['foxconn', 'hon hai']);
		t.clear();
		assert.equal(t.size, 0);
		assert.throws(() => {
			t.restore(columns(STATS), SOURCES);
			t.restore(columns(STATS), SOURCES);
		}, /empty/);
	});
});
