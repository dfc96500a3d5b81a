/**
 * Lists of integers kept in typed arrays (intList.ts), and the term-id lists a merged source keeps
 * for claim matching: right, and in one buffer per source rather than an ArrayBuffer each
 * (~290,000 of them for the x10 corpus, which every garbage collection swept).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sotuSources } from '../../bench/sotu';
import { IntArrays, IntList } from '../../server/src/service/intList';
import { Corpus } from '../../server/src/service/sources/corpus';

/** List `k` of `arrays`, as a plain list. */
function listAt(arrays: IntArrays, k: number, buffer = arrays.take()): number[] {
	return [...buffer.subarray(arrays.start(k), arrays.end(k))];
}

function listOf(values: number[]): IntList {
	const l = new IntList();
	for (const v of values) l.push(v);
	return l;
}

describe('IntArrays', () => {
	test('addSorted keeps the values sorted without repeats and empties the list it was given', () => {
		const arrays = new IntArrays();
		const list = listOf([5, 1, 5, 3, 1, 9]);
		const k = arrays.addSorted(list);
		assert.equal(list.length, 0);
		assert.deepEqual(listAt(arrays, k), [1, 3, 5, 9]);
	});

	test('addWithout gives the values of one list that another lacks, also when the buffer grows meanwhile', () => {
		const arrays = new IntArrays();
		// more than the buffer's first size, so that the copy grows it while it reads from it
		const a = arrays.addSorted(listOf(Array.from({ length: 600 }, (_, i) => i)));
		const b = arrays.addSorted(listOf(Array.from({ length: 300 }, (_, i) => i * 2)));
		const only = arrays.addWithout(a, b);
		assert.deepEqual(listAt(arrays, only), Array.from({ length: 300 }, (_, i) => i * 2 + 1));
	});

	test('the lists lie one after another in one buffer; an empty one has no values', () => {
		const arrays = new IntArrays();
		const a = arrays.addSorted(listOf([2, 1]));
		const none = arrays.addSorted(new IntList());
		const b = arrays.addSorted(listOf([7]));
		assert.deepEqual([...arrays.take()], [1, 2, 7]);
		assert.deepEqual([listAt(arrays, a), listAt(arrays, none), listAt(arrays, b)], [[1, 2], [], [7]]);
	});
});

describe("a merged source's term-id lists", () => {
	// recent speeches: the first ones have few figures
	const speeches = sotuSources().slice(-3);
	const corpus = new Corpus();
	for (const s of speeches) corpus.set(`file:///sotu/${s.key}.md`, s.text);

	test("each figure's sentence terms are sorted, and its passage's other terms are its passage's terms less its sentence's", () => {
		let checked = 0;
		for (const source of corpus.all()) {
			for (const ref of corpus.figuresOf(source)) {
				const terms = [...corpus.sentenceTermIds(ref)];
				assert.deepEqual(terms, [...new Set(terms)].sort((x, y) => x - y));
				if (ref.sentence >= 0) assert.ok(terms.length > 0, 'a figure in a sentence has at least its own token');
				const passage = [...corpus.passageTermIds(ref)];
				assert.deepEqual([...corpus.passageOnlyTermIds(ref)], passage.filter((t) => !terms.includes(t)));
				checked++;
			}
		}
		assert.ok(checked > 100, `only ${checked} figures checked`);
	});

	test('lie in one buffer per source', () => {
		for (const source of corpus.all()) {
			const buffers = new Set<ArrayBufferLike>();
			for (const ref of corpus.figuresOf(source)) {
				for (const a of [corpus.sentenceTermIds(ref), corpus.passageOnlyTermIds(ref), corpus.passageTermIds(ref)]) if (a.length) buffers.add(a.buffer);
			}
			assert.equal(buffers.size, 1, `${source.key}: ${buffers.size} buffers`);
		}
	});
});
