/**
 * Claim matching: for one figure in a note's sentence, which source passages state the same claim,
 * and whether they give the same value. Precision first: a warning needs a passage about the same
 * thing (shared words, entities and figures, weighted by how rare they are) giving another value.
 */
import { comparable, sameValue } from '../extract/figures';
import { precisionOf } from '../extract/figureCompare';
import { bucketOf, type Corpus, type FigureRef } from '../sources/corpus';
import type { Figure } from '../types';
import { figureToken, windowTerms } from './context';

/** A source figure weighed against a note's figure. */
export interface Candidate {
	ref: FigureRef;
	/** How much of the note sentence's meaning the source sentence (and its passage) shares, 0..~1.4. */
	score: number;
	/** How much the words right around the two figures agree, 0..1. */
	local: number;
	/** Whether the source gives the note's value (allowing for the note's qualifier). */
	agrees: boolean;
}

/** What the sources say of one figure of a note. */
export type Verdict =
	| { kind: 'supported'; figure: Figure; support: Candidate[] }
	| { kind: 'mismatch'; figure: Figure; expected: Candidate; support: Candidate[] }
	| { kind: 'not-in-cited'; figure: Figure; elsewhere: Candidate[] }
	| { kind: 'uncited'; figure: Figure; support: Candidate[] }
	| { kind: 'unsupported'; figure: Figure; cited: boolean };

/** The claim around a note's figure. */
export interface ClaimInput {
	/** The note's text (the sentence's prose is enough). */
	text: string;
	figure: Figure;
	/** The sentence's terms (see `sentenceTerms`), including tokens of its other figures. */
	terms: ReadonlySet<string>;
	/** Bounds of the words that belong to the figure: its sentence, cut at its neighbouring figures. */
	windowStart: number;
	windowEnd: number;
	/** Keys of the sources the sentence cites (known ones only). */
	cited: readonly string[];
	/** The sentence's other figures: a source figure one of them states is theirs, not this one's. */
	siblings?: readonly Figure[];
}

/** Thresholds, named so that tests and the regression corpus speak of the same numbers. */
export const THRESHOLDS = {
	/** A passage this close states the claim, if it has the value. */
	support: 0.2,
	/** A cited passage this close that gives another value contradicts the note. */
	mismatchCited: 0.34,
	/** An uncited claim needs a much closer passage before we call it wrong. */
	mismatchUncited: 0.6,
	/** Dates are everywhere: a date contradicts only on a very close passage. */
	mismatchDate: 0.55,
	/** How much of a passage's (not sentence's) overlap counts. */
	passageWeight: 0.35,
	/** Weight of the words right around the figures when ranking. */
	localWeight: 0.5,
} as const;

/**
 * Whether a source figure bears out a note figure: the source's value, rounded as the note wrote
 * its own (to the note's last digit), is the note's value. "$1.8 billion" bears out "$2 billion"
 * but "$1 trillion" does not bear out "$1.4 trillion". Hedges ("more than", "about") widen it.
 */
export function agreesWith(note: Figure, source: Figure): boolean {
	return agreement(note)(source);
}

/** `agreesWith(note, ·)`, with what depends on the note alone worked out once (a claim weighs thousands of source figures). */
export function agreement(note: Figure): (source: Figure) => boolean {
	const half = precisionOf(note) / 2;
	const a = note.value;
	const noteHi = note.high ?? note.value;
	return (source) => {
		if (!comparable(note, source)) return false;
		if (note.kind === 'date') return sameValue(note, source);
		const lo = source.value;
		const hi = source.high ?? source.value;
		const eps = 1e-9 * Math.max(Math.abs(note.value), Math.abs(hi));
		const tol = half + eps;
		if (a - tol <= hi && lo <= noteHi + tol) return true;
		// "more than $600 million" and "more than $400 million" are one claim with two values
		if (note.qualifier && note.qualifier === source.qualifier) return false;
		switch (note.qualifier) {
			case 'over':
			case 'at-least':
				return hi >= a - tol;
			case 'under':
			case 'at-most':
				return lo <= a + tol;
			case 'approx':
				return Math.abs(a - lo) <= 0.1 * Math.max(Math.abs(a), Math.abs(lo));
			default:
				return false;
		}
	};
}

/** A term in more figure sentences than this is too common to find candidates by. */
const COMMON_POSTINGS = 1500;

/** Weighs every comparable source figure against the claim, best first. */
export function candidates(corpus: Corpus, claim: ClaimInput): Candidate[] {
	const own = figureToken(claim.figure);
	let total = 0;
	// the claim's terms by id, weighed in a scratch array indexed by term id: the scoring loop below
	// runs once per pool figure and reads it with plain array reads
	const ids: number[] = [];
	const weights = scratchWeights(corpus.termCount());
	for (const t of claim.terms) {
		if (t === own) continue;
		const id = corpus.termId(t);
		const w = corpus.idfOf(id);
		total += w;
		// a term no source has weighs in the total but matches nothing
		if (id === undefined) continue;
		ids.push(id);
		weights[id] = w;
	}
	const localNote = windowTerms(claim.text, claim.figure.start, claim.figure.end, claim.windowStart, claim.windowEnd);
	let localTotal = 0;
	for (const [t, w] of localNote) localTotal += w * corpus.idf(t);
	// only figures that share a word with the claim, or that the claim cites, can be about it
	const pool: FigureRef[] = [];
	// a figure is looked at once per claim: marked with this claim's stamp (cheaper than a Set of thousands)
	const stamp = ++lastStamp;
	const take = (r: FigureRef) => {
		if (r.mark === stamp) return;
		r.mark = stamp;
		if (fits(r)) pool.push(r);
	};
	const kind = claim.figure.kind;
	const bucket = bucketOf(claim.figure);
	const fits = (r: FigureRef) => r.figure.kind === kind && (r.bucket === bucket || kind === 'count') && comparable(claim.figure, r.figure);
	// a word most figures' sentences share ("year", "nation") brings no claim of its own: it still
	// counts in the score, but it does not widen the pool unless nothing rarer does
	const common: number[] = [];
	for (const id of ids) {
		if (corpus.postingCountOf(id) > COMMON_POSTINGS) common.push(id);
		else corpus.forEachFigureWithId(id, kind, take);
	}
	if (!pool.length) for (const id of common) corpus.forEachFigureWithId(id, kind, take);
	for (const key of claim.cited) {
		const source = corpus.byKey(key);
		if (source) for (const r of corpus.figuresOf(source)) take(r);
	}
	const out: Candidate[] = [];
	const agrees = agreement(claim.figure);
	const siblings = (claim.siblings ?? []).map(agreement);
	for (const ref of pool) {
		const agree = agrees(ref.figure);
		// "rose 35% …, and profit rose 17%": the source's 17% is the second figure's, not a rival of the first
		if (!agree && siblings.some((g) => g(ref.figure))) continue;
		// the weight of the claim's terms in the source sentence, and in the rest of its passage
		// (read where the figure's lists are in its source's buffer: a view of each would be made per candidate)
		const ids = ref.ids;
		let s = 0;
		for (let i = ref.termsStart; i < ref.termsEnd; i++) s += weights[ids[i]!]!;
		let p = 0;
		for (let i = ref.onlyStart; i < ref.onlyEnd; i++) p += weights[ids[i]!]!;
		const score = total > 0 ? (s + THRESHOLDS.passageWeight * p) / total : 0;
		out.push({ ref, score, local: 0, agrees: agree });
	}
	for (const id of ids) weights[id] = 0;
	// the words right around each figure tell apart two figures of one sentence; only worth it
	// for candidates that could matter
	out.sort((a, b) => b.score - a.score);
	const top = out.slice(0, 64);
	for (const c of top) {
		if (localTotal === 0) continue;
		const w = corpus.windowTermsOf(c.ref);
		let l = 0;
		for (const [t, wn] of localNote) {
			const ws = w.get(t);
			if (ws) l += Math.min(wn, ws) * corpus.idf(t);
		}
		c.local = l / localTotal;
	}
	return out.sort((a, b) => rank(b) - rank(a));
}

let lastStamp = 0;
let scratch = new Float64Array(1024);
/** A zeroed array of at least `n` weights, one per term id (callers set theirs and zero them again). */
function scratchWeights(n: number): Float64Array {
	if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
	return scratch;
}

function rank(c: Candidate): number {
	return c.score + THRESHOLDS.localWeight * c.local;
}

/** What the sources say of the claim. */
export function judge(corpus: Corpus, claim: ClaimInput, all: Candidate[] = candidates(corpus, claim)): Verdict {
	const figure = claim.figure;
	const citedSet = new Set(claim.cited.map((k) => corpus.byKey(k)).filter((s) => !!s));
	const isCited = (c: Candidate) => citedSet.has(c.ref.source);
	const supportOf = (list: Candidate[]) => list.filter((c) => c.agrees && c.score >= THRESHOLDS.support);
	const mismatchBar = figure.kind === 'date' ? THRESHOLDS.mismatchDate : citedSet.size ? THRESHOLDS.mismatchCited : THRESHOLDS.mismatchUncited;

	if (citedSet.size) {
		const cited = all.filter(isCited);
		const support = supportOf(cited);
		const bestDiff = cited.find((c) => !c.agrees);
		// the cited source gives the value, for this claim at least as well as any other value
		// a sentence listing several values ("$300 billion ... and the $500 billion Stargate") that
		// gives the note's value among them is the note's source, whichever value its words fit best
		const sameSentence = (c: Candidate) => !!bestDiff && c.ref.source === bestDiff.ref.source && c.ref.sentence === bestDiff.ref.sentence && c.ref.sentence >= 0;
		if (support.length && (!bestDiff || rank(support[0]!) >= rank(bestDiff) - 0.15 || support.some(sameSentence))) return { kind: 'supported', figure, support };
		const elsewhere = supportOf(all.filter((c) => !isCited(c)));
		if (elsewhere.length && (!bestDiff || rank(elsewhere[0]!) >= rank(bestDiff))) return { kind: 'not-in-cited', figure, elsewhere };
		if (bestDiff && bestDiff.score >= mismatchBar && bestDiff.local > 0) return { kind: 'mismatch', figure, expected: bestDiff, support: cited.filter((c) => c.agrees) };
		if (bestDiff && bestDiff.score >= mismatchBar + 0.15) return { kind: 'mismatch', figure, expected: bestDiff, support: cited.filter((c) => c.agrees) };
		// the cited source names the value somewhere: not ours to doubt
		const anywhere = cited.filter((c) => c.agrees);
		if (anywhere.length) return { kind: 'supported', figure, support: anywhere };
		if (elsewhere.length) return { kind: 'not-in-cited', figure, elsewhere };
		return { kind: 'unsupported', figure, cited: true };
	}
	const support = supportOf(all);
	const bestDiff = all.find((c) => !c.agrees);
	if (support.length && (!bestDiff || rank(support[0]!) >= rank(bestDiff) - 0.15)) return { kind: 'uncited', figure, support };
	if (bestDiff && bestDiff.score >= mismatchBar && bestDiff.local > 0) return { kind: 'mismatch', figure, expected: bestDiff, support: [] };
	return { kind: 'unsupported', figure, cited: false };
}
