/**
 * The corpus's postings (term → the figures whose sentence holds it, by kind), which claim
 * matching finds its candidates by: the same as a plain scan of every figure's terms, in the order
 * the sources were indexed, after sources are added, changed and deleted.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sotuSources } from '../../bench/sotu';
import { fold } from '../../server/src/service/match/terms';
import { Corpus, type FigureRef } from '../../server/src/service/sources/corpus';
import type { FigureKind } from '../../server/src/service/types';

const KINDS: FigureKind[] = ['money', 'percent', 'quantity', 'count', 'date'];

/** The postings a plain scan gives: every figure of every source, in order, whose sentence has the term. */
function scan(corpus: Corpus, id: number, kind?: FigureKind): FigureRef[] {
	const out: FigureRef[] = [];
	for (const source of corpus.all()) for (const r of corpus.figuresOf(source)) if ((!kind || r.figure.kind === kind) && corpus.sentenceTermIds(r).includes(id)) out.push(r);
	return out;
}

function assertPostings(corpus: Corpus): number {
	let checked = 0;
	for (let id = 0; id < corpus.termCount(); id++) {
		const all = scan(corpus, id);
		assert.equal(corpus.postingCountOf(id), all.length);
		assert.deepEqual(corpus.figuresWithId(id), KINDS.flatMap((k) => all.filter((r) => r.figure.kind === k)));
		for (const k of KINDS) {
			const want = all.filter((r) => r.figure.kind === k);
			const walked: FigureRef[] = [];
			corpus.forEachFigureWithId(id, k, (r) => walked.push(r));
			assert.deepEqual(walked, want);
			assert.deepEqual(corpus.figuresWithId(id, k), want);
		}
		checked += all.length;
	}
	return checked;
}

describe('postings', () => {
	const speeches = sotuSources().slice(-12);
	const uri = (key: string) => `file:///ws/sources/${key}.md`;

	test('every term lists the figures whose sentence holds it, by kind, in the order the sources came', () => {
		const corpus = new Corpus();
		corpus.batch(true);
		for (const s of speeches) corpus.set(uri(s.key), s.text);
		corpus.batch(false);
		assert.ok(assertPostings(corpus) > 5000);
	});

	test('a deleted source leaves the postings, a changed one comes back with its new figures', () => {
		const corpus = new Corpus();
		for (const s of speeches) corpus.set(uri(s.key), s.text);
		const gone = speeches[3]!;
		const goneSource = corpus.get(uri(gone.key))!;
		assert.ok(corpus.figuresOf(goneSource).length > 0);
		// asked for once before the change, so that a table made before it would show
		assertPostings(corpus);
		corpus.delete(uri(gone.key));
		assertPostings(corpus);
		for (let id = 0; id < corpus.termCount(); id++) assert.ok(corpus.figuresWithId(id).every((r) => r.source.uri !== uri(gone.key)));

		const changed = speeches[5]!;
		assert.equal(corpus.postingCount(fold('zebrafish')), 0);
		corpus.set(uri(changed.key), `${changed.text}\n\nThe grounded-notes test fund paid $42 million to 17 zebrafish farmers.\n`);
		assertPostings(corpus);
		const zebrafish = corpus.figuresWith(fold('zebrafish'));
		assert.deepEqual(zebrafish.map((r) => r.figure.text).sort(), ['$42 million', '17']);
		assert.deepEqual(corpus.figuresWith(fold('zebrafish'), 'money').map((r) => r.figure.text), ['$42 million']);
		assert.equal(corpus.postingCount(fold('zebrafish')), 2);

		// a source new to the corpus, after the table was made
		corpus.set(uri('new'), 'A zebrafish census counted 300 zebrafish ponds in 2023.\n');
		assertPostings(corpus);
		assert.equal(corpus.postingCount(fold('zebrafish')), 4);
	});

	test('made a slice at a time, the table is the same; a change part way starts it again', () => {
		const corpus = new Corpus();
		for (const s of speeches.slice(0, 8)) corpus.set(uri(s.key), s.text);
		// no time at all: each call does one step of 256 figures at most
		let slices = 0;
		while (!corpus.preparePostings(0)) {
			slices++;
			// a source added part way: what was done so far is for another corpus
			if (slices === 2) corpus.set(uri(speeches[9]!.key), speeches[9]!.text);
		}
		assert.ok(slices > 3, `${slices} slices`);
		assert.ok(corpus.figuresOf(corpus.get(uri(speeches[9]!.key))!).length > 0);
		assertPostings(corpus);
		assert.equal(corpus.preparePostings(0), true);
	});

	test('a term no source has, or no figure sentence has, has no postings', () => {
		const corpus = new Corpus();
		corpus.set(uri('a'), 'Revenue rose to $5 million in 2024.\n\nNothing here but words about weather.\n');
		assert.deepEqual(corpus.figuresWith('nonexistentword'), []);
		assert.equal(corpus.postingCount('nonexistentword'), 0);
		assert.equal(corpus.postingCount(fold('weather')), 0);
		assert.ok(corpus.postingCount(fold('revenue')) >= 1);
		assert.equal(corpus.postingCountOf(corpus.termCount() + 10), 0);
	});
});
