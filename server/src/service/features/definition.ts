/** Go to definition: from a citation to its source (at the located passage), from a figure to its passage. */
import type { Location } from 'vscode-languageserver-types';
import type { NoteAnalysis } from '../notes/analysis';
import type { Corpus } from '../sources/corpus';
import { locatedPassage } from './hover';
import { sourceLines } from './quotes';

const within = (offset: number, r: { start: number; end: number }) => offset >= r.start && offset <= r.end;

/** Where the citation or figure at an offset is stated. */
export function definitionAt(analysis: NoteAnalysis, corpus: Corpus, offset: number): Location[] {
	const citation = analysis.parsed.citations.find((c) => within(offset, c));
	if (citation) {
		const source = corpus.byKey(citation.key);
		if (!source) return [];
		const li = sourceLines(source);
		const at = locatedPassage(source, citation) ?? source.passages[0] ?? { start: 0, end: 0 };
		return [{ uri: source.uri, range: li.range(at.start, at.end) }];
	}
	const claim = analysis.claims.find((c) => within(offset, c.figure));
	if (claim) {
		const v = claim.verdict;
		const refs = v.kind === 'supported' || v.kind === 'uncited' ? v.support : v.kind === 'not-in-cited' ? v.elsewhere : v.kind === 'mismatch' ? [v.expected] : [];
		return refs.slice(0, 5).map((c) => ({ uri: c.ref.source.uri, range: sourceLines(c.ref.source).range(c.ref.figure.start, c.ref.figure.end) }));
	}
	return [];
}
