/**
 * Searching every source passage as the writer types (Insert Citation…): MiniSearch, a small
 * well-kept full-text index with prefix and fuzzy matching, kept in step with the corpus.
 */
import MiniSearch from 'minisearch';
import type { PassageHit } from '../../protocol';
import type { Corpus } from '../sources/corpus';
import type { Source } from '../types';
import { oneLine, sourceLines } from './quotes';

interface PassageDoc {
	id: string;
	uri: string;
	index: number;
	text: string;
	title: string;
	key: string;
}

/** A passage index over one corpus, updated per source as the corpus changes. */
export class PassageSearch {
	private readonly index = new MiniSearch<PassageDoc>({
		fields: ['text', 'title', 'key'],
		storeFields: ['uri', 'index'],
		// numbers and money are searched as written ("$1.4", "25%")
		tokenize: (s) => s.split(/[\s,;:!?()"“”‘’[\]{}—–]+|(?<=[a-z])\.(?=\s|$)/iu).filter(Boolean),
		searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 1.5, key: 2 }, combineWith: 'AND' },
	});
	private readonly indexed = new Map<string, { source: Source; ids: string[] }>();

	constructor(private readonly corpus: Corpus) {}

	/** Brings the index in step with the corpus: adds new and changed sources, drops deleted ones. */
	private sync(): void {
		const current = new Map(this.corpus.all().map((s) => [s.uri, s]));
		for (const [uri, entry] of this.indexed) {
			if (current.get(uri) !== entry.source) {
				for (const id of entry.ids) this.index.discard(id);
				this.indexed.delete(uri);
			}
		}
		for (const [uri, source] of current) {
			if (this.indexed.has(uri)) continue;
			const docs = source.passages.map((p): PassageDoc => ({ id: `${uri}#${p.index}`, uri, index: p.index, text: source.text.slice(p.start, p.end), title: source.meta.title, key: source.key }));
			this.index.addAll(docs);
			this.indexed.set(uri, { source, ids: docs.map((d) => d.id) });
		}
	}

	/** Passages matching every word of the query, best first. */
	search(query: string, limit = 30, combineWith: 'AND' | 'OR' = 'AND'): PassageHit[] {
		if (!query.trim()) return [];
		this.sync();
		const results = this.index.search(query, { combineWith });
		const hits: PassageHit[] = [];
		for (const r of results.slice(0, limit)) {
			const source = this.corpus.get(r['uri'] as string);
			const p = source?.passages[r['index'] as number];
			if (!source || !p) continue;
			hits.push({
				key: source.key,
				title: source.meta.title,
				uri: source.uri,
				range: sourceLines(source).range(p.start, p.end),
				text: oneLine(source.text.slice(p.start, p.end)),
				citation: `[@${source.key}, ¶ ${p.index + 1}]`,
			});
		}
		return hits;
	}
}
