/**
 * Claim matching's bookkeeping on real text (40 State of the Union addresses, a note of their
 * sentences): the scores summed over term ids are the shared-word weights they stand for, and the
 * evidence a claim keeps for hovers holds everything a hover or provenance shows.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildNote } from '../../bench/workspace';
import { sotuSources } from '../../bench/sotu';
import { candidates, THRESHOLDS } from '../../server/src/service/match/claims';
import { figureToken } from '../../server/src/service/match/context';
import { analyzeNote } from '../../server/src/service/notes/analysis';
import { Corpus } from '../../server/src/service/sources/corpus';

const speeches = sotuSources().slice(-40);
const corpus = new Corpus();
corpus.batch(true);
for (const s of speeches) corpus.set(`file:///ws/sources/${s.key}.md`, s.text);
corpus.batch(false);
const analysis = analyzeNote(corpus, buildNote(speeches, 400, 11));

describe('claim matching on real text', () => {
	test('the note has claims to weigh, some against hundreds of source figures', () => {
		assert.ok(analysis.claims.length >= 10, `${analysis.claims.length} claims`);
		assert.ok(analysis.claims.some((c) => candidates(corpus, c.input).length > 200));
	});

	test('a candidate scores the idf weight of the claim terms its sentence shares, plus a part of those only its passage shares', () => {
		for (const claim of analysis.claims) {
			const own = figureToken(claim.figure);
			const terms = [...claim.input.terms].filter((t) => t !== own);
			const total = terms.reduce((a, t) => a + corpus.idf(t), 0);
			for (const c of candidates(corpus, claim.input)) {
				const sentence = corpus.sentenceTermsOf(c.ref);
				const passage = corpus.passageTermsOf(c.ref);
				let s = 0;
				let p = 0;
				for (const t of terms) {
					if (sentence.has(t)) s += corpus.idf(t);
					else if (passage.has(t)) p += corpus.idf(t);
				}
				const expected = total > 0 ? (s + THRESHOLDS.passageWeight * p) / total : 0;
				assert.ok(Math.abs(c.score - expected) < 1e-9, `${claim.figure.text} vs ${c.ref.figure.text} in ${c.ref.source.key}: ${c.score} ≠ ${expected}`);
			}
		}
	});

	test('a claim keeps the best twenty candidates and every one that states or contradicts its value', () => {
		for (const claim of analysis.claims) {
			const all = candidates(corpus, claim.input);
			const id = (c: (typeof all)[number]) => `${c.ref.source.uri}#${c.ref.index}`;
			assert.deepEqual(claim.evidence.slice(0, 20).map(id), all.slice(0, 20).map(id), claim.figure.text);
			const kept = new Set(claim.evidence.map(id));
			const cited = new Set(claim.cited);
			for (const c of all) {
				const states = c.agrees && (c.score >= THRESHOLDS.support || cited.has(c.ref.source.key));
				const contradicts = !c.agrees && c.score >= Math.min(THRESHOLDS.mismatchCited, THRESHOLDS.mismatchDate) && c.local > 0;
				if (states || contradicts) assert.ok(kept.has(id(c)), `${claim.figure.text}: ${c.ref.figure.text} in ${c.ref.source.key} is missing`);
			}
		}
	});
});
