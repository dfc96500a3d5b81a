/** Document links: each citation key links to its source file (at the located passage's line). */
import type { DocumentLink } from 'vscode-languageserver-types';
import type { NoteAnalysis } from '../notes/analysis';
import type { LineIndex } from '../positions';
import type { Corpus } from '../sources/corpus';
import { locatedPassage } from './hover';
import { lineLink } from './quotes';

/** Links from the citations of a note to their sources. */
export function documentLinks(analysis: NoteAnalysis, corpus: Corpus, lines: LineIndex): DocumentLink[] {
	const out: DocumentLink[] = [];
	for (const c of analysis.parsed.citations) {
		const source = corpus.byKey(c.key);
		if (!source) continue;
		const at = locatedPassage(source, c);
		out.push({ range: lines.range(c.keyStart, c.keyEnd), target: at ? lineLink(source, at.start) : source.uri, tooltip: `Open ${source.meta.title}` });
	}
	return out;
}
