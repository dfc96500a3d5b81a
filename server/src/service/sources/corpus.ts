/**
 * The indexed sources of a workspace folder, and what claim matching needs from them: figures
 * grouped by what they measure, and the words around each figure.
 */
import { EntityIndex, type AliasTable } from '../extract/entities';
import { entityToken, figureToken } from '../match/context';
import type { Figure, Source, SourceMetadata } from '../types';
import { buildRecord, vocabulary, type SourceRecord } from './record';

/** A figure in a source, with the sentence and passage that hold it. */
export interface FigureRef {
	source: Source;
	figure: Figure;
	/** Index into `source.sentences`, or -1 when the figure lies outside every sentence. */
	sentence: number;
	/** Index into `source.passages`, or -1. */
	passage: number;
	/** Index of this figure among its source's figures. */
	index: number;
}

/** What a source contributes to claim matching. */
interface SourceFacts {
	source: Source;
	refs: FigureRef[];
	/** Content terms of each sentence that holds a figure. */
	sentenceTerms: Map<number, Set<string>>;
	/** Content terms of each passage that holds a figure. */
	passageTerms: Map<number, Set<string>>;
	/** The date that dated the figures of a source without a date of its own. */
	fallbackDate: string | undefined;
	/** Every distinct term of the source, for document frequencies. */
	dfTerms: Map<string, number>;
	sentenceCount: number;
}

/** The bucket a figure falls in: figures in different buckets never state the same claim. */
export function bucketOf(f: Figure): string {
	return f.kind === 'date' ? 'date' : `${f.kind}|${f.unit}`;
}

/** The indexed sources of one workspace folder. */
export class Corpus {
	readonly entities: EntityIndex;
	private readonly byUri = new Map<string, SourceFacts>();
	private readonly keys = new Map<string, Source>();
	private readonly buckets = new Map<string, FigureRef[]>();
	private readonly df = new Map<string, number>();
	/** Term → the figures whose sentence holds it: claim matching looks only at figures sharing a word. */
	private readonly postings = new Map<string, FigureRef[]>();
	private sentences = 0;
	/** Bumped on every change, so that caches over the corpus know when they are stale. */
	version = nextVersion();
	/** While many sources are being read, undated ones are re-dated once at the end, not per source. */
	private batching = false;

	/** `sidecarOf` gives the metadata a source's sidecar file declares (merged over what its text says). */
	constructor(aliases?: AliasTable, private readonly sidecarOf?: (uri: string) => Partial<SourceMetadata> | undefined) {
		this.entities = new EntityIndex(aliases);
	}

	/** Indexes (or re-indexes) a source from its text. */
	set(uri: string, text: string): Source {
		if (this.byUri.has(uri)) this.delete(uri);
		return this.setRecord(buildRecord(uri, text, this.latestDate(), this.sidecarOf?.(uri)), text);
	}

	/**
	 * Indexes (or re-indexes) a source from its record (`buildRecord`, perhaps made by a worker or
	 * read from the cache) and its text. Only what depends on the other sources is done here:
	 * entity learning, and dropping the words of entity names from the sentences' terms.
	 */
	setRecord(record: SourceRecord, text: string): Source {
		const uri = record.uri;
		if (this.byUri.has(uri)) this.delete(uri);
		// a record made with other metadata or another fallback date than this corpus gives is redone
		const sidecar = this.sidecarOf?.(uri);
		if (JSON.stringify(record.sidecar ?? null) !== JSON.stringify(sidecar ?? null) || (!record.source.meta.date && !this.batching && record.fallbackDate !== this.latestDate())) {
			record = buildRecord(uri, text, this.latestDate(), sidecar);
		}
		const fallback = record.fallbackDate;
		const source: Source = { ...record.source, text, mentions: this.entities.addSource(record.source.key, text, record.names) };
		const facts = factsOf(source, record.words, fallback);
		this.byUri.set(uri, facts);
		for (const k of source.keys) if (!this.keys.has(k)) this.keys.set(k, source);
		for (const ref of facts.refs) {
			const b = bucketOf(ref.figure);
			let list = this.buckets.get(b);
			if (!list) this.buckets.set(b, (list = []));
			list.push(ref);
		}
		for (const [t, n] of facts.dfTerms) this.df.set(t, (this.df.get(t) ?? 0) + n);
		for (const ref of facts.refs) {
			for (const t of facts.sentenceTerms.get(ref.sentence) ?? []) {
				let list = this.postings.get(t);
				if (!list) this.postings.set(t, (list = []));
				list.push(ref);
			}
		}
		this.sentences += facts.sentenceCount;
		this.version = nextVersion();
		if (source.meta.date && !this.batching) this.redateUndated();
		return source;
	}

	/**
	 * The latest date any source gives: a source without a date of its own (a clipped article)
	 * most likely belongs with the others, so "November 20" in it means that year's.
	 */
	private latestDate(): string | undefined {
		let latest: string | undefined;
		for (const f of this.byUri.values()) if (f.source.meta.date && (!latest || f.source.meta.date > latest)) latest = f.source.meta.date;
		return latest;
	}

	/** The date a source without one of its own is read against now (the latest any source gives). */
	fallbackDate(): string | undefined {
		return this.latestDate();
	}

	/** Sources without a date whose year-less dates were read against another fallback than the latest date: to read again. */
	staleUndated(): Array<{ uri: string; fallbackDate: string | undefined }> {
		const fallbackDate = this.latestDate();
		const out: Array<{ uri: string; fallbackDate: string | undefined }> = [];
		for (const f of this.byUri.values()) if (!f.source.meta.date && f.fallbackDate !== fallbackDate) out.push({ uri: f.source.uri, fallbackDate });
		return out;
	}

	/** Starts or ends a batch of changes (the initial indexing). */
	batch(on: boolean): void {
		this.batching = on;
		if (!on) this.redateUndated();
	}

	/** Re-reads undated sources whose year-less dates were read against an older fallback. */
	private redateUndated(): void {
		const fallback = this.latestDate();
		for (const f of [...this.byUri.values()]) {
			if (!f.source.meta.date && f.fallbackDate !== fallback) this.set(f.source.uri, f.source.text);
		}
	}

	/** Forgets a source. */
	delete(uri: string): boolean {
		const facts = this.byUri.get(uri);
		if (!facts) return false;
		this.byUri.delete(uri);
		const { source } = facts;
		for (const k of source.keys) {
			if (this.keys.get(k) === source) {
				this.keys.delete(k);
				// another source may declare the same key
				for (const other of this.byUri.values()) if (other.source.keys.includes(k)) { this.keys.set(k, other.source); break; }
			}
		}
		for (const b of new Set(facts.refs.map((r) => bucketOf(r.figure)))) {
			const list = this.buckets.get(b);
			if (list) {
				const kept = list.filter((r) => r.source !== source);
				if (kept.length) this.buckets.set(b, kept);
				else this.buckets.delete(b);
			}
		}
		const terms = new Set<string>();
		for (const set of facts.sentenceTerms.values()) for (const t of set) terms.add(t);
		for (const t of terms) {
			const list = this.postings.get(t);
			if (!list) continue;
			const kept = list.filter((r) => r.source !== source);
			if (kept.length) this.postings.set(t, kept);
			else this.postings.delete(t);
		}
		for (const [t, n] of facts.dfTerms) {
			const left = (this.df.get(t) ?? 0) - n;
			if (left > 0) this.df.set(t, left);
			else this.df.delete(t);
		}
		this.sentences -= facts.sentenceCount;
		this.entities.removeSource(source.key);
		this.version = nextVersion();
		return true;
	}

	/** Every indexed source. */
	all(): Source[] {
		return [...this.byUri.values()].map((f) => f.source);
	}

	/** The source at a URI. */
	get(uri: string): Source | undefined {
		return this.byUri.get(uri)?.source;
	}

	/** The source a citation key names. */
	byKey(key: string): Source | undefined {
		return this.keys.get(key);
	}

	/** Every citation key. */
	allKeys(): string[] {
		return [...this.keys.keys()];
	}

	/**
	 * Figures that could measure the same thing as `f`: the same kind and unit; for a count, also
	 * counts that name no noun, and for a count that names none, every count.
	 */
	bucket(f: Figure): readonly FigureRef[] {
		const own = this.buckets.get(bucketOf(f)) ?? [];
		if (f.kind !== 'count') return own;
		if (f.unit) return [...own, ...(this.buckets.get('count|') ?? [])];
		const all: FigureRef[] = [];
		for (const [b, refs] of this.buckets) if (b.startsWith('count|')) all.push(...refs);
		return all;
	}

	/** Figures whose sentence holds the term. */
	figuresWith(term: string): readonly FigureRef[] {
		return this.postings.get(term) ?? [];
	}

	/** The bounds of the words that belong to a figure: its sentence, cut at the neighbouring figures. */
	windowOf(ref: FigureRef): { lo: number; hi: number } {
		const s = ref.sentence >= 0 ? ref.source.sentences[ref.sentence]! : { start: Math.max(0, ref.figure.start - 200), end: Math.min(ref.source.text.length, ref.figure.end + 200) };
		const refs = this.byUri.get(ref.source.uri)?.refs ?? [];
		const prev = refs[ref.index - 1];
		const next = refs[ref.index + 1];
		return {
			lo: prev && prev.sentence === ref.sentence ? Math.max(s.start, prev.figure.end) : s.start,
			hi: next && next.sentence === ref.sentence ? Math.min(s.end, next.figure.start) : s.end,
		};
	}

	/** Every figure of a source, with its sentence and passage. */
	figuresOf(source: Source): readonly FigureRef[] {
		return this.byUri.get(source.uri)?.refs ?? [];
	}

	/** The content terms of a figure's sentence. */
	sentenceTermsOf(ref: FigureRef): ReadonlySet<string> {
		return this.byUri.get(ref.source.uri)?.sentenceTerms.get(ref.sentence) ?? EMPTY;
	}

	/** The content terms of a figure's passage. */
	passageTermsOf(ref: FigureRef): ReadonlySet<string> {
		return this.byUri.get(ref.source.uri)?.passageTerms.get(ref.passage) ?? EMPTY;
	}

	/** How much a term says: rare terms say more (smoothed inverse sentence frequency). */
	idf(term: string): number {
		return Math.log((this.sentences + 1) / ((this.df.get(term) ?? 0) + 1)) + 1;
	}

	/** How many figures are indexed. */
	figureCount(): number {
		let n = 0;
		for (const f of this.byUri.values()) n += f.source.figures.length;
		return n;
	}
}

const EMPTY: ReadonlySet<string> = new Set();

// versions are unique across corpora, so that a cache never mistakes a new corpus for an old one
let lastVersion = 0;
function nextVersion(): number {
	return ++lastVersion;
}

function factsOf(source: Source, words: SourceRecord['words'], fallbackDate: string | undefined): SourceFacts {
	const { sentences, passages, figures, mentions } = source;
	const refs: FigureRef[] = [];
	let si = 0;
	let pi = 0;
	for (const figure of figures) {
		while (si < sentences.length && sentences[si]!.end <= figure.start) si++;
		while (pi < passages.length && passages[pi]!.end <= figure.start) pi++;
		const sentence = si < sentences.length && sentences[si]!.start <= figure.start ? si : -1;
		const passage = pi < passages.length && passages[pi]!.start <= figure.start ? pi : -1;
		refs.push({ source, figure, sentence, passage, index: refs.length });
	}
	const sentenceSets = new Map<number, Set<string>>();
	const passageSets = new Map<number, Set<string>>();
	const withFigures = new Set(refs.map((r) => r.sentence));
	const passagesWithFigures = new Set(refs.map((r) => r.passage));
	// document frequencies are counted by word index (a Set per sentence only where one is kept)
	const { ids, starts, ends, offsets } = words;
	const vocab = vocabulary(words);
	const wordDf = new Int32Array(vocab.length);
	const lastSentence = new Int32Array(vocab.length).fill(-1);
	const entityDf = new Map<string, number>();
	let mi = 0;
	let p = 0;
	for (let i = 0; i < sentences.length; i++) {
		const s = sentences[i]!;
		while (mi < mentions.length && mentions[mi]!.end <= s.start) mi++;
		let mj = mi;
		while (mj < mentions.length && mentions[mj]!.start < s.end) mj++;
		while (p < passages.length && passages[p]!.end < s.start) p++;
		const inPassage = p < passages.length && passagesWithFigures.has(p);
		const set = withFigures.has(i) || inPassage ? new Set<string>() : undefined;
		// the sentence's words outside entity names (mentions are sorted and do not overlap)
		let k = mi;
		for (let w = offsets[i]!; w < offsets[i + 1]!; w++) {
			const ws = starts[w]!;
			while (k < mj && mentions[k]!.end <= ws) k++;
			if (k < mj && mentions[k]!.start < ends[w]!) continue;
			const id = ids[w]!;
			if (lastSentence[id] !== i) {
				lastSentence[id] = i;
				wordDf[id]!++;
			}
			set?.add(vocab[id]!);
		}
		// one term for each entity named
		let named: Set<string> | undefined;
		for (let m = mi; m < mj; m++) {
			const t = entityToken(mentions[m]!.entityId);
			set?.add(t);
			if (!named) named = new Set();
			if (named.has(t)) continue;
			named.add(t);
			entityDf.set(t, (entityDf.get(t) ?? 0) + 1);
		}
		if (set && withFigures.has(i)) sentenceSets.set(i, set);
		if (set && inPassage) {
			let ps = passageSets.get(p);
			if (!ps) passageSets.set(p, (ps = new Set()));
			for (const t of set) ps.add(t);
		}
	}
	const dfTerms = new Map<string, number>();
	for (let id = 0; id < vocab.length; id++) if (wordDf[id]! > 0) dfTerms.set(vocab[id]!, wordDf[id]!);
	for (const [t, n] of entityDf) dfTerms.set(t, n);
	// figures also count as terms of their own sentence (a shared "30 GW" ties two claims)
	for (const r of refs) if (r.sentence >= 0) sentenceSets.get(r.sentence)?.add(figureToken(r.figure));
	return { source, refs, sentenceTerms: sentenceSets, passageTerms: passageSets, fallbackDate, dfTerms, sentenceCount: sentences.length };
}
