/** Workspace symbols: sources by title and key. */
import fuzzysort from 'fuzzysort';
import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import type { Corpus } from '../sources/corpus';
import { sourceLines } from './quotes';

/** Sources whose key or title matches the query (all of them for an empty query). */
export function workspaceSymbols(corpora: Iterable<Corpus>, query: string, limit = 200): SymbolInformation[] {
	const sources = [...corpora].flatMap((c) => c.all());
	const ranked = query.trim()
		? fuzzysort.go(query, sources, { keys: [(s) => s.key, (s) => s.meta.title], limit, threshold: 0.2 }).map((r) => r.obj)
		: sources.slice(0, limit);
	return ranked.map((s) => {
		const first = s.passages[0] ?? { start: 0, end: 0 };
		return { name: s.meta.title || s.key, kind: SymbolKind.File, containerName: s.key, location: { uri: s.uri, range: sourceLines(s).range(first.start, first.end) } };
	});
}
