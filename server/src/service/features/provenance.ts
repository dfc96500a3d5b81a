/** Provenance of a selection: the source passages that state (or contradict) the claims in it. */
import type { ProvenanceItem } from '../../protocol';
import { THRESHOLDS } from '../match/claims';
import type { NoteAnalysis } from '../notes/analysis';
import { quoteFigure, sourceLines } from './quotes';
import type { PassageSearch } from './search';

/** Where the figures in [start, end) of a note are stated; for a selection without figures, passages matching its words. */
export function provenanceOf(analysis: NoteAnalysis, search: PassageSearch, start: number, end: number): ProvenanceItem[] {
	const out: ProvenanceItem[] = [];
	const claims = analysis.claims.filter((c) => c.figure.end > start && c.figure.start < end);
	for (const claim of claims) {
		const cited = new Set(claim.cited);
		for (const c of claim.evidence.slice(0, 20)) {
			const stated = c.agrees && (c.score >= THRESHOLDS.support || cited.has(c.ref.source.key));
			const contradicts = !c.agrees && c.score >= THRESHOLDS.mismatchCited && c.local > 0;
			if (!stated && !contradicts) continue;
			const s = c.ref.source;
			out.push({ key: s.key, title: s.meta.title, uri: s.uri, range: sourceLines(s).range(c.ref.figure.start, c.ref.figure.end), quote: quoteFigure(c.ref, 100), agrees: c.agrees, figure: c.ref.figure.text });
		}
	}
	if (out.length || claims.length) return out;
	const words = analysis.text.slice(start, end).replace(/\[[^\]]*@[^\]]*\]/g, ' ').replace(/[^\p{L}\p{N}$%.\s-]/gu, ' ').split(/\s+/).filter((w) => w.length > 3).slice(0, 8);
	if (!words.length) return [];
	// any of the words, best first: a selection is a paraphrase, not a quotation
	return search.search(words.join(' '), 10, 'OR').map((h) => ({ key: h.key, title: h.title, uri: h.uri, range: h.range, quote: h.text, agrees: true }));
}
