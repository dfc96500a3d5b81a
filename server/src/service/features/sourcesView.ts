/** What the Sources view lists: each source with its counts, its figures and its entities. */
import type { SourceEntity, SourceFigure, SourceSummary } from '../../protocol';
import type { Corpus } from '../sources/corpus';
import { oneLine } from './quotes';
import { sourceLines } from './quotes';

/** Every source, by key. */
export function listSources(corpora: Iterable<Corpus>): SourceSummary[] {
	const out: SourceSummary[] = [];
	for (const corpus of corpora) {
		for (const s of corpus.all()) {
			const { passages, entities } = corpus.countsOf(s);
			const item: SourceSummary = { key: s.key, title: s.meta.title, uri: s.uri, passages, figures: corpus.figureCountOf(s), entities };
			if (s.meta.date) item.date = s.meta.date;
			out.push(item);
		}
	}
	return out.sort((a, b) => a.key.localeCompare(b.key));
}

/** The figures and entities of one source. */
export function sourceDetails(corpus: Corpus, key: string): { figures: SourceFigure[]; entities: SourceEntity[] } | undefined {
	const source = corpus.byKey(key);
	if (!source) return undefined;
	const li = sourceLines(source);
	const figures = corpus.figuresOf(source).map((ref): SourceFigure => {
		const s = ref.sentence >= 0 ? source.sentences[ref.sentence]! : ref.figure;
		return { text: ref.figure.text, kind: ref.figure.kind, range: li.range(ref.figure.start, ref.figure.end), context: oneLine(source.text.slice(s.start, s.end)) };
	});
	const byEntity = new Map<string, { count: number; first: { start: number; end: number } }>();
	for (const m of source.mentions) {
		const e = byEntity.get(m.entityId);
		if (e) e.count++;
		else byEntity.set(m.entityId, { count: 1, first: m });
	}
	const entities: SourceEntity[] = [];
	for (const [id, { count, first }] of byEntity) {
		const e = corpus.entities.get(id);
		if (e) entities.push({ name: e.name, type: e.type, mentions: count, range: li.range(first.start, first.end) });
	}
	entities.sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
	return { figures, entities };
}
