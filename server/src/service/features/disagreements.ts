/**
 * Sources that disagree with each other: two sources giving different values of the same kind in
 * sentences about the same thing (one dates the announcement November 20, another November 21).
 */
import type { Disagreement } from '../../protocol';
import { sameValue } from '../extract/figures';
import { windowTerms } from '../match/context';
import type { Corpus, FigureRef } from '../sources/corpus';
import { oneLine, quoteFigure, sourceLines } from './quotes';

/** How alike two statements must be (idf-weighted overlap of their sentences) to be one claim. */
const SAME_CLAIM = 0.45;
/** Two sources giving different days for one event need a little less: the day is specific. */
const SAME_DAY = 0.4;
/** Buckets larger than this are compared only between figures sharing a rare term. */
const PAIRWISE_LIMIT = 1500;

function similarity(corpus: Corpus, a: FigureRef, b: FigureRef): number {
	const ta = corpus.sentenceTermsOf(a);
	const tb = corpus.sentenceTermsOf(b);
	let shared = 0;
	let total = 0;
	for (const t of ta) {
		if (t.startsWith('F:')) continue;
		const w = corpus.idf(t);
		total += w;
		if (tb.has(t)) shared += w;
	}
	for (const t of tb) if (!t.startsWith('F:') && !ta.has(t)) total += corpus.idf(t);
	// the overlap of the two, relative to the smaller side's weight (Jaccard punishes long sentences)
	return total ? (2 * shared) / total : 0;
}

function localAgree(corpus: Corpus, a: FigureRef, b: FigureRef): boolean {
	const ba = corpus.windowOf(a);
	const bb = corpus.windowOf(b);
	const wa = windowTerms(a.source.text, a.figure.start, a.figure.end, ba.lo, ba.hi, 5);
	const wb = windowTerms(b.source.text, b.figure.start, b.figure.end, bb.lo, bb.hi, 5);
	for (const t of wa.keys()) if (wb.has(t)) return true;
	return false;
}

/** Every disagreement between sources of a corpus, most alike first. */
export function findDisagreements(corpus: Corpus, limit = 100): Disagreement[] {
	const found: Array<{ a: FigureRef; b: FigureRef; sim: number }> = [];
	const buckets = new Map<string, FigureRef[]>();
	for (const s of corpus.all()) for (const r of corpus.figuresOf(s)) {
		if (r.sentence < 0) continue;
		const b = corpus.bucket(r.figure);
		if (!buckets.has(bucketId(r))) buckets.set(bucketId(r), b as FigureRef[]);
	}
	for (const refs of buckets.values()) {
		for (const [a, b] of pairs(corpus, refs)) {
			if (a.source === b.source || sameValue(a.figure, b.figure)) continue;
			const sim = similarity(corpus, a, b);
			// two datelines of one event share no words right around the date; days are specific enough
			const days = a.figure.kind === 'date' && a.figure.unit === 'day' && b.figure.unit === 'day';
			if (days ? sim >= SAME_DAY : sim >= SAME_CLAIM && localAgree(corpus, a, b)) found.push({ a, b, sim });
		}
	}
	found.sort((x, y) => y.sim - x.sim);
	return found.slice(0, limit).map(({ a, b }) => ({
		topic: topicOf(a, b),
		statements: [a, b].map((r) => ({ key: r.source.key, uri: r.source.uri, range: sourceLines(r.source).range(r.figure.start, r.figure.end), figure: r.figure.text, quote: quoteFigure(r) })),
	}));
}

function bucketId(r: FigureRef): string {
	return r.figure.kind === 'date' ? 'date' : `${r.figure.kind}|${r.figure.unit}`;
}

function* pairs(corpus: Corpus, refs: readonly FigureRef[]): Generator<[FigureRef, FigureRef]> {
	if (refs.length <= PAIRWISE_LIMIT) {
		for (let i = 0; i < refs.length; i++) for (let j = i + 1; j < refs.length; j++) yield [refs[i]!, refs[j]!];
		return;
	}
	// too many to compare all: only figures that share a rare term can be about the same thing
	const byTerm = new Map<string, FigureRef[]>();
	for (const r of refs) for (const t of corpus.sentenceTermsOf(r)) {
		if (t.startsWith('F:') || corpus.idf(t) < 4) continue;
		let l = byTerm.get(t);
		if (!l) byTerm.set(t, (l = []));
		if (l.length < 50) l.push(r);
	}
	const seen = new Set<string>();
	for (const list of byTerm.values()) {
		for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) {
			const a = list[i]!;
			const b = list[j]!;
			const id = `${a.source.uri}:${a.figure.start}|${b.source.uri}:${b.figure.start}`;
			if (seen.has(id)) continue;
			seen.add(id);
			yield [a, b];
		}
	}
}

function topicOf(a: FigureRef, b: FigureRef): string {
	const kind = a.figure.kind === 'date' ? 'date' : a.figure.kind === 'count' && a.figure.unit ? `number of ${a.figure.unit}s` : a.figure.kind;
	const sa = a.sentence >= 0 ? oneLine(a.source.text.slice(a.source.sentences[a.sentence]!.start, a.figure.start)) : '';
	const words = sa.split(' ').filter((w) => /^[\p{L}-]{4,}$/u.test(w)).slice(-3).join(' ');
	return `${kind}${words ? ` (${words}…)` : ''}: ${a.figure.text} vs ${b.figure.text}`;
}
