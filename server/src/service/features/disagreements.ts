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
/** A word in more figure sentences than this is too common to pair figures by. */
const RARE_POSTINGS = 400;
/** How many of a sentence's rarest words pair its figure with others. */
const RARE_TERMS = 6;

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
	const seen = new Set<string>();
	for (const s of corpus.all()) {
		for (const a of corpus.figuresOf(s)) {
			if (a.sentence < 0) continue;
			for (const b of partners(corpus, a)) {
				const id = a.source.uri < b.source.uri ? `${a.source.uri}#${a.index}|${b.source.uri}#${b.index}` : `${b.source.uri}#${b.index}|${a.source.uri}#${a.index}`;
				if (seen.has(id)) continue;
				seen.add(id);
				if (sameValue(a.figure, b.figure)) continue;
				const sim = similarity(corpus, a, b);
				// two datelines of one event share no words right around the date; days are specific enough
				const days = a.figure.kind === 'date' && a.figure.unit === 'day' && b.figure.unit === 'day';
				if (days ? sim >= SAME_DAY : sim >= SAME_CLAIM && localAgree(corpus, a, b)) found.push({ a, b, sim });
			}
		}
	}
	found.sort((x, y) => y.sim - x.sim);
	return found.slice(0, limit).map(({ a, b }) => ({
		topic: topicOf(a, b),
		statements: [a, b].map((r) => ({ key: r.source.key, uri: r.source.uri, range: sourceLines(r.source).range(r.figure.start, r.figure.end), figure: r.figure.text, quote: quoteFigure(r) })),
	}));
}

/**
 * Figures of other sources that could state the same claim as `a`: the same bucket, sharing at
 * least two of the rarest words of its sentence (one, for a corpus too small to have rare words).
 * Found through the corpus's postings, so the work grows with the matches, not with the square
 * of the figures.
 */
function partners(corpus: Corpus, a: FigureRef): FigureRef[] {
	const { bucket } = a;
	const rare = [...corpus.sentenceTermsOf(a)]
		.filter((t) => !t.startsWith('F:'))
		.map((t) => ({ t, n: corpus.postingCount(t) }))
		.filter((x) => x.n > 1 && x.n <= RARE_POSTINGS)
		.sort((x, y) => x.n - y.n)
		.slice(0, RARE_TERMS);
	const shared = new Map<FigureRef, number>();
	for (const { t } of rare) {
		for (const b of corpus.figuresWith(t, a.figure.kind)) {
			if (b.source === a.source || b.bucket !== bucket) continue;
			shared.set(b, (shared.get(b) ?? 0) + 1);
		}
	}
	const need = rare.length >= 4 ? 2 : 1;
	return [...shared].filter(([, n]) => n >= need).map(([b]) => b);
}

function topicOf(a: FigureRef, b: FigureRef): string {
	const kind = a.figure.kind === 'date' ? 'date' : a.figure.kind === 'count' && a.figure.unit ? `number of ${a.figure.unit}s` : a.figure.kind;
	const sa = a.sentence >= 0 ? oneLine(a.source.text.slice(a.source.sentences[a.sentence]!.start, a.figure.start)) : '';
	const words = sa.split(' ').filter((w) => /^[\p{L}-]{4,}$/u.test(w)).slice(-3).join(' ');
	return `${kind}${words ? ` (${words}…)` : ''}: ${a.figure.text} vs ${b.figure.text}`;
}
