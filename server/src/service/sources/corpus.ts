/**
 * The indexed sources of a workspace folder, and what claim matching needs from them: figures
 * by the words of their sentences (the postings table), and the words around each figure.
 */
import { EntityIndex, type AliasTable, type EntitySnapshot } from '../extract/entities';
import { entityToken, figureTokenOf, windowTerms } from '../match/context';
import { sliceBudget } from '../budget';
import { IntArrays, IntList } from '../intList';
import type { EntityMention, FigureKind, Source, SourceMetadata } from '../types';
import { bucketOf, FIGURE_KINDS, FIGURE_WIDTH, figureColumns, FigureRef, PLACE_WIDTH, type FigureColumns } from './figureRef';
import { sentenceWords, spans, type SentenceWords } from '../match/sentenceWords';
import { buildRecord, EXTRACTOR_VERSION, isTextAt, packedFigures, packRecord, unpackNames, unpackSourceLazily, unpackWhenRead, type PackedRecord, type SourceRecord } from './record';

export { bucketOf, FigureRef };

/** How many term numberings a vocabulary keeps a map of (see `Vocabulary.numbered`). */
const MAX_NUMBERINGS = 8;

/**
 * The corpus's terms (words, entity and figure tokens) by number: sentences keep theirs as sorted
 * arrays of ids, which claim matching sums over with plain array reads instead of string lookups.
 */
class Vocabulary {
	readonly names: string[] = [];
	private readonly index = new Map<string, number>();

	/** The id of a term, made if new. */
	idOf(term: string): number {
		let id = this.index.get(term);
		if (id === undefined) {
			id = this.names.length;
			this.names.push(term);
			this.index.set(term, id);
		}
		return id;
	}

	/** Takes a saved vocabulary (ids in order): only into an empty one. */
	restore(names: readonly string[]): void {
		if (this.names.length) throw new Error('Vocabulary.restore needs an empty vocabulary');
		for (const n of names) this.idOf(n);
	}

	/**
	 * For each term numbering seen lately (see `SentenceWords.numbering`): term number → id, -1 when
	 * not met yet. A thread makes a new numbering each time it empties its table of words: the
	 * oldest are let go past `MAX_NUMBERINGS` (words of one let go are mapped again, from their strings).
	 */
	private readonly numbered = new Map<string, Int32Array>();

	/**
	 * The id of the term numbered `n` in `numbering`, or -1 when that number has no id here yet
	 * (`setNumbered` gives it one): a plain array read where `idOf` hashes the term's string.
	 */
	numberedId(numbering: string, n: number): number {
		const ids = this.numbered.get(numbering);
		return ids !== undefined && n < ids.length ? ids[n]! : -1;
	}

	/** Records that the term numbered `n` in `numbering` has id `id`. */
	setNumbered(numbering: string, n: number, id: number): void {
		let ids = this.numbered.get(numbering);
		if (ids === undefined || n >= ids.length) {
			const bigger = new Int32Array(Math.max(1024, n + 1, (ids?.length ?? 0) * 2)).fill(-1);
			if (ids) bigger.set(ids);
			else if (this.numbered.size >= MAX_NUMBERINGS) this.numbered.delete(this.numbered.keys().next().value!);
			this.numbered.set(numbering, (ids = bigger));
		}
		ids[n] = id;
	}

	/** The id of a term, if any source has it. */
	find(term: string): number | undefined {
		return this.index.get(term);
	}

	private readonly entityTokens = new Map<string, number>();

	/** `idOf(entityToken(entityId))`, without making the token's string each time. */
	entityTokenId(entityId: string): number {
		let id = this.entityTokens.get(entityId);
		if (id === undefined) this.entityTokens.set(entityId, (id = this.idOf(entityToken(entityId))));
		return id;
	}
}

/** The terms of a sentence or passage: sorted term ids, read as a set of terms. */
export class TermSet implements Iterable<string> {
	constructor(
		/** Sorted, distinct term ids. */
		readonly ids: Int32Array,
		private readonly vocab: Vocabulary,
	) {}

	get size(): number {
		return this.ids.length;
	}

	has(term: string): boolean {
		const id = this.vocab.find(term);
		return id !== undefined && hasId(this.ids, id);
	}

	*[Symbol.iterator](): Iterator<string> {
		for (const id of this.ids) yield this.vocab.names[id]!;
	}
}

function hasId(ids: Int32Array, id: number): boolean {
	let lo = 0;
	let hi = ids.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const v = ids[mid]!;
		if (v === id) return true;
		if (v < id) lo = mid + 1;
		else hi = mid - 1;
	}
	return false;
}

/**
 * For each term and kind of figure, the figures whose sentence holds the term, as one compressed
 * table: the figures of slot `id * KINDS + kind` are figures number `entries[i]` for i in
 * [offsets[slot], offsets[slot + 1]), numbered across the sources in the order they were indexed
 * (figure g is figure `g - first[s]` of `sources[s]`, s = `sourceOf[g]`). Typed arrays, built in
 * one pass: pushing each (term, figure) pair into its own list cost more than the rest of a merge.
 */
interface Postings {
	/** The corpus's `version` it was made for: any change makes it stale. */
	version: number;
	sources: SourceFacts[];
	/** Per source, the number of its first figure (and the figure count, last). */
	first: Int32Array;
	/** Per figure, its source's index in `sources`. */
	sourceOf: Int32Array;
	offsets: Int32Array;
	entries: Int32Array;
}

// (the numbers a source's figure columns give kinds)
const KIND_INDEX = Object.fromEntries(FIGURE_KINDS.map((k, i) => [k, i])) as Record<FigureKind, number>;
const KINDS = FIGURE_KINDS.length;

/** What a source contributes to claim matching. */
interface SourceFacts {
	source: Source;
	/** Its figures as columns. */
	figures: FigureColumns;
	/** Where each figure stands, `PLACE_WIDTH` numbers each (see `FigureRef`), the term lists being in `ids`. */
	places: Int32Array;
	ids: Int32Array;
	/**
	 * Its figures as `FigureRef`s, made when first asked for (`Corpus.refsOf`): while sources are
	 * indexed nothing asks, and a source that no claim's words lead to is never asked for. Made at
	 * each merge, they were the most numerous objects of the main thread's heap.
	 */
	refs: FigureRef[] | undefined;
	/** The date that dated the figures of a source without a date of its own. */
	fallbackDate: string | undefined;
	/** Every distinct term id of the source and in how many of its sentences it is, for document frequencies. */
	dfIds: Int32Array;
	dfCounts: Int32Array;
	sentenceCount: number;
	/** Its record as packed, when it came packed: a snapshot takes it as it is. */
	packed: PackedRecord | undefined;
	/** Its entity mentions packed, when the source's `mentions` are unpacked from them on demand (then a snapshot takes them as they are). */
	mentions?: PackedMentions;
}

/** A source's entity mentions as columns (see `SourceSnapshot`). */
type PackedMentions = Pick<SourceSnapshot, 'mentions' | 'mentionIds' | 'mentionTexts'>;

function packMentions(mentions: readonly EntityMention[], text: string): PackedMentions {
	const idIndex = new Map<string, number>();
	const m = new Int32Array(mentions.length * 3);
	const mentionTexts: Array<[number, string]> = [];
	mentions.forEach((x, i) => {
		let id = idIndex.get(x.entityId);
		if (id === undefined) idIndex.set(x.entityId, (id = idIndex.size));
		m[i * 3] = x.start;
		m[i * 3 + 1] = x.end;
		m[i * 3 + 2] = id;
		if (!isTextAt(text, x)) mentionTexts.push([i, x.text]);
	});
	return { mentions: m, mentionIds: [...idIndex.keys()], mentionTexts };
}

function unpackMentions(p: PackedMentions, text: string): EntityMention[] {
	const own = new Map(p.mentionTexts);
	const mentions: EntityMention[] = [];
	for (let m = 0, o = 0; o < p.mentions.length; m++, o += 3) {
		const start = p.mentions[o]!;
		const end = p.mentions[o + 1]!;
		mentions.push({ entityId: p.mentionIds[p.mentions[o + 2]!]!, start, end, text: own.get(m) ?? text.slice(start, end) });
	}
	return mentions;
}

/**
 * A corpus as `Corpus.snapshot()` saves it for a warm start: everything merging its sources made
 * (term ids, document frequencies, the postings table, what the entity index learnt, each
 * source's entity mentions), as typed columns and lists that serialize and read back at memory
 * speed. `Corpus.restore` rebuilds the same corpus from it and the sources' texts without merging
 * a source again: the merges, not the reading, were most of a warm start.
 */
export interface CorpusSnapshot {
	/** `EXTRACTOR_VERSION` when it was made. */
	extractor: number;
	/** The alias table it was made with (JSON): entities learnt with another are not these. */
	aliases: string;
	/** The sources in the order they were merged. */
	sources: SourceSnapshot[];
	vocab: string[];
	/** Term id → in how many sentences it is. */
	df: Int32Array;
	sentences: number;
	postings: { offsets: Int32Array; entries: Int32Array };
	entities: EntitySnapshot;
}

/** One source in a `CorpusSnapshot`. */
export interface SourceSnapshot {
	/** Its record, packed. */
	record: PackedRecord;
	/** [start, end, index into `mentionIds`] per entity mention. */
	mentions: Int32Array;
	mentionIds: string[];
	/** Mentions whose text is not the source's text between their offsets: [mention index, text]. */
	mentionTexts: Array<[number, string]>;
	fallbackDate: string | undefined;
	/** The sorted term-id arrays its figures and passages use, each once (figures of one sentence share theirs): array k is `ids[offsets[k] .. offsets[k + 1]]`. */
	pool: { offsets: Int32Array; ids: Int32Array };
	/** [passage index, pool index] per passage that holds a figure. */
	passageTerms: Int32Array;
	/** [sentence, passage, pool index of its sentence's terms, pool index of its passage-only terms] per figure (-1: none). */
	refs: Int32Array;
	dfIds: Int32Array;
	dfCounts: Int32Array;
	sentenceCount: number;
}

/** The indexed sources of one workspace folder. */
export class Corpus {
	readonly entities: EntityIndex;
	private readonly byUri = new Map<string, SourceFacts>();
	private readonly keys = new Map<string, Source>();
	private readonly vocab = new Vocabulary();
	/** Term id → in how many sentences it is. */
	private readonly df: number[] = [];
	/**
	 * Term id → the figures whose sentence holds it, by kind of figure: claim matching looks only at
	 * figures of the claim's kind sharing a word with it. Made when first asked for after a change
	 * (while sources are indexed, nothing asks), in one pass over every figure; stale once `version`
	 * has moved on.
	 */
	private postingTable: Postings | undefined;
	/** The table being made a slice at a time (see `preparePostings`), for the corpus at `version`. */
	private building: { version: number; sources: SourceFacts[]; first: Int32Array; offsets: Int32Array; next: Int32Array | undefined; entries: Int32Array | undefined; source: number; done: number } | undefined;
	private sentences = 0;
	/** `windowTermsOf`'s cache: a figure's entry goes with the figure when its source is re-indexed. */
	private readonly windows = new WeakMap<FigureRef, ReadonlyMap<string, number>>();
	/** Bumped on every change, so that caches over the corpus know when they are stale. */
	version = nextVersion();
	/** While many sources are being read, undated ones are re-dated once at the end, not per source. */
	private batching = false;

	/** `sidecarOf` gives the metadata a source's sidecar file declares (merged over what its text says). */
	constructor(aliases?: AliasTable, private readonly sidecarOf?: (uri: string) => Partial<SourceMetadata> | undefined) {
		this.entities = new EntityIndex(aliases);
		this.aliases = JSON.stringify(aliases ?? null);
	}

	/** The alias table (JSON) entities are learnt with. */
	private readonly aliases: string;

	/** Indexes (or re-indexes) a source from its text. */
	set(uri: string, text: string): Source {
		if (this.byUri.has(uri)) this.delete(uri);
		return this.setRecord(buildRecord(uri, text, this.latestDate(), this.sidecarOf?.(uri)), text);
	}

	/**
	 * Indexes (or re-indexes) a source from its record (`buildRecord`, perhaps made by a worker or
	 * read from the cache) and its text. Only what depends on the other sources is done here:
	 * entity learning, the content words of each sentence (`sentenceWords`: the indexer worker is
	 * the slower end of a cold index), dropping the words of entity names from them. `packed` is
	 * the record as it arrived packed (`packRecord`), kept for `snapshot()`; `words`, its words as
	 * `packedWords` read them (in a turn of their own: a merge is then two shorter slices).
	 */
	setRecord(record: SourceRecord, text: string, packed?: PackedRecord, words?: SentenceWords): Source {
		const uri = record.uri;
		if (this.byUri.has(uri)) this.delete(uri);
		// a record made with other metadata or another fallback date than this corpus gives is redone
		const sidecar = this.sidecarOf?.(uri);
		if (JSON.stringify(record.sidecar ?? null) !== JSON.stringify(sidecar ?? null) || (!record.source.meta.date && !this.batching && record.fallbackDate !== this.latestDate())) {
			record = buildRecord(uri, text, this.latestDate(), sidecar);
			packed = undefined;
			words = undefined;
		}
		const fallback = record.fallbackDate;
		// a packed record is kept for `snapshot()`, and it makes the name candidates again when they are read: the entity index need not keep them
		const rescan = packed && (() => unpackNames(packed, text));
		const mentions = this.entities.addSource(record.source.key, text, record.names, rescan);
		// (its properties copied as they are: a spread would unpack the figures a packed record keeps packed)
		const source = Object.defineProperties({}, Object.getOwnPropertyDescriptors(record.source)) as Source;
		source.text = text;
		source.mentions = mentions;
		const columns = packed ? packedFigures(packed, text) : figureColumns(record.source.figures, text);
		words ??= packed ? packedWords(packed, text) : sentenceWords(text, spans(record.source.sentences), figureSpans(columns.data));
		const facts = factsOf(source, columns, words, fallback, this.vocab);
		if (packed) {
			// what the merge read is unpacked again when next read: most sources are not read in detail again
			facts.packed = packed;
			const mentions = (facts.mentions = packMentions(source.mentions, text));
			unpackWhenRead(source, packed, () => unpackMentions(mentions, text));
		}
		this.add(facts);
		for (let i = 0; i < facts.dfIds.length; i++) {
			const id = facts.dfIds[i]!;
			this.df[id] = (this.df[id] ?? 0) + facts.dfCounts[i]!;
		}
		this.sentences += facts.sentenceCount;
		this.version = nextVersion();
		if (source.meta.date && !this.batching) this.redateUndated();
		return source;
	}

	/** Files a source's facts: by URI, and its keys. */
	private add(facts: SourceFacts): void {
		const { source } = facts;
		this.byUri.set(source.uri, facts);
		for (const k of source.keys) if (!this.keys.has(k)) this.keys.set(k, source);
	}

	/** A source's figures as `FigureRef`s, made the first time they are asked for. */
	private refsOf(f: SourceFacts): FigureRef[] {
		return (f.refs ??= makeRefs(f));
	}

	/**
	 * The whole corpus as a `CorpusSnapshot` (the postings table and the entities are made first
	 * if a change made them stale), or undefined when it cannot be restored as it is (see `snapshotParts`).
	 */
	snapshot(): CorpusSnapshot | undefined {
		const parts = this.snapshotParts();
		if (!parts) return undefined;
		const sources: SourceSnapshot[] = [];
		for (let i = 0; i < parts.count; i++) sources.push(parts.source(i));
		return { ...parts.corpus, sources };
	}

	/**
	 * The snapshot in parts, for a caller that saves it a slice at a time: what concerns the
	 * whole corpus now, and each source's part (by merge order) when asked for, valid while
	 * `version` has not moved on. Undefined when the corpus cannot be restored as it is: two
	 * sources with the same key (the entity index knows them by key) are merged again at the next start.
	 */
	snapshotParts(): { corpus: Omit<CorpusSnapshot, 'sources'>; count: number; source(i: number): SourceSnapshot } | undefined {
		const entities = this.entities.snapshot();
		const facts = [...this.byUri.values()];
		if (entities.sources.length !== facts.length || entities.sources.some((e, i) => e.key !== facts[i]!.source.key)) return undefined;
		const postings = this.postings();
		const df = new Int32Array(this.vocab.names.length);
		for (let i = 0; i < df.length; i++) df[i] = this.df[i] ?? 0;
		const corpus = { extractor: EXTRACTOR_VERSION, aliases: this.aliases, vocab: [...this.vocab.names], df, sentences: this.sentences, postings: { offsets: postings.offsets, entries: postings.entries }, entities };
		return { corpus, count: facts.length, source: (i) => this.sourceSnapshot(facts[i]!) };
	}

	private sourceSnapshot(f: SourceFacts): SourceSnapshot {
		const { text } = f.source;
		let record = f.packed;
		if (!record) {
			const { text: _text, mentions: _mentions, ...rest } = f.source;
			record = packRecord({ extractor: EXTRACTOR_VERSION, uri: rest.uri, source: rest, names: this.entities.scanOf(rest.key)! }, text);
		}
		// (the source's own mentions are not read when packed: that would unpack them)
		const mentions = f.mentions ?? packMentions(f.source.mentions, text);
		// the term-id lists its figures and passages share, each once (a list is known by where it starts in its source's buffer)
		const poolIndex = new Map<number, number>();
		const offsets: number[] = [0];
		const ids = new IntList();
		const pooled = (from: Int32Array, start: number, end: number): number => {
			if (start === end) return -1;
			let i = poolIndex.get(start);
			if (i === undefined) {
				poolIndex.set(start, (i = offsets.length - 1));
				for (let j = start; j < end; j++) ids.push(from[j]!);
				offsets.push(ids.length);
			}
			return i;
		};
		const passageTerms: number[] = [];
		const n = f.figures.units.length;
		const refs = new Int32Array(n * 4);
		const at = f.places;
		for (let i = 0, o = 0; i < n; i++, o += PLACE_WIDTH) {
			refs[i * 4] = at[o]!;
			refs[i * 4 + 1] = at[o + 1]!;
			refs[i * 4 + 2] = pooled(f.ids, at[o + 2]!, at[o + 3]!);
			refs[i * 4 + 3] = pooled(f.ids, at[o + 4]!, at[o + 5]!);
			// (a passage's figures come one after another)
			if (at[o + 7]! > at[o + 6]! && (i === 0 || at[o - PLACE_WIDTH + 1] !== at[o + 1])) passageTerms.push(at[o + 1]!, pooled(f.ids, at[o + 6]!, at[o + 7]!));
		}
		const pool = { offsets: Int32Array.from(offsets), ids: ids.take() };
		return { record, ...mentions, fallbackDate: f.fallbackDate, pool, passageTerms: Int32Array.from(passageTerms), refs, dfIds: f.dfIds, dfCounts: f.dfCounts, sentenceCount: f.sentenceCount };
	}

	/**
	 * The corpus a snapshot saved, given its sources' texts (`texts[i]` is the text of
	 * `snap.sources[i]`, read again and found unchanged) and the same alias table and sidecars it
	 * was made with. Nothing is merged again: the sources' objects are unpacked, the rest taken as it is.
	 */
	static restore(snap: CorpusSnapshot, texts: readonly string[], aliases?: AliasTable, sidecarOf?: (uri: string) => Partial<SourceMetadata> | undefined): Corpus {
		if (snap.extractor !== EXTRACTOR_VERSION) throw new Error('it was made by another version of the extractor');
		if (texts.length !== snap.sources.length) throw new Error(`it holds ${snap.sources.length} sources, not ${texts.length}`);
		const c = new Corpus(aliases, sidecarOf);
		if (c.aliases !== snap.aliases) throw new Error('it was made with another alias table');
		c.vocab.restore(snap.vocab);
		snap.sources.forEach((s, i) => {
			const text = texts[i]!;
			const { offsets, ids } = s.pool;
			// the figures' term-id lists are offsets into the snapshot's pool, as into a merged source's buffer
			const start = (k: number) => (k < 0 ? 0 : offsets[k]!);
			const end = (k: number) => (k < 0 ? 0 : offsets[k + 1]!);
			const passages = new Map<number, number>();
			for (let j = 0; j < s.passageTerms.length; j += 2) passages.set(s.passageTerms[j]!, s.passageTerms[j + 1]!);
			// sentences, passages, figures and mentions are unpacked when a request reads them: most never are
			const mentions: PackedMentions = { mentions: s.mentions, mentionIds: s.mentionIds, mentionTexts: s.mentionTexts };
			const source = unpackSourceLazily(s.record, text, () => unpackMentions(mentions, text));
			const figures = packedFigures(s.record, text);
			const n = figures.units.length;
			const places = new Int32Array(n * PLACE_WIDTH);
			for (let index = 0, o = 0; index < n; index++, o += PLACE_WIDTH) {
				const terms = s.refs[index * 4 + 2]!;
				const only = s.refs[index * 4 + 3]!;
				const passage = passages.get(s.refs[index * 4 + 1]!) ?? -1;
				places[o] = s.refs[index * 4]!;
				places[o + 1] = s.refs[index * 4 + 1]!;
				places[o + 2] = start(terms);
				places[o + 3] = end(terms);
				places[o + 4] = start(only);
				places[o + 5] = end(only);
				places[o + 6] = start(passage);
				places[o + 7] = end(passage);
			}
			c.add({ source, figures, places, ids, refs: undefined, fallbackDate: s.fallbackDate, dfIds: s.dfIds, dfCounts: s.dfCounts, sentenceCount: s.sentenceCount, packed: s.record, mentions });
		});
		c.df.length = 0;
		for (let i = 0; i < snap.df.length; i++) c.df.push(snap.df[i]!);
		c.sentences = snap.sentences;
		// the name scans too: only a change to the sources reads them again
		c.entities.restore(snap.entities, (i) => unpackNames(snap.sources[i]!.record, texts[i]!), texts);
		c.version = nextVersion();
		const sources = [...c.byUri.values()];
		const first = firstFigures(sources);
		c.postingTable = { version: c.version, sources, first, sourceOf: sourceOfFigures(first), offsets: snap.postings.offsets, entries: snap.postings.entries };
		return c;
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
		for (let i = 0; i < facts.dfIds.length; i++) {
			const id = facts.dfIds[i]!;
			this.df[id] = Math.max(0, (this.df[id] ?? 0) - facts.dfCounts[i]!);
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

	/** The postings table, made now if a change made it stale. */
	private postings(): Postings {
		while (!this.preparePostings(Infinity));
		return this.postingTable!;
	}

	/**
	 * Makes the postings table a slice at a time: does at most about `budgetMs` of the work and
	 * says whether the table is made. The server calls it between turns of the event loop when
	 * indexing ends, so that no request waits for the whole of it (~0.1 s for the x10 corpus); a
	 * query before it is done finishes it at once. A counting sort: how many figures each
	 * (term, kind) slot holds, where each slot starts, then each figure written into its slots.
	 */
	preparePostings(budgetMs: number): boolean {
		if (this.postingTable?.version === this.version) return true;
		const late = sliceBudget(budgetMs, 256);
		let b = this.building;
		if (!b || b.version !== this.version) {
			const sources = [...this.byUri.values()];
			b = this.building = { version: this.version, sources, first: firstFigures(sources), offsets: new Int32Array(this.vocab.names.length * KINDS + 1), next: undefined, entries: undefined, source: 0, done: 0 };
		}
		const { sources, first, offsets } = b;
		const slots = offsets.length - 1;
		// (each figure's kind and sentence terms read from its source's columns: no FigureRef is made)
		if (!b.next) {
			for (; b.source < sources.length; b.source++, b.done = 0) {
				const f = sources[b.source]!;
				const n = first[b.source + 1]! - first[b.source]!;
				for (; b.done < n; b.done++) {
					if (late()) return false;
					const k = f.figures.data[b.done * FIGURE_WIDTH]!;
					const o = b.done * PLACE_WIDTH;
					for (let i = f.places[o + 2]!; i < f.places[o + 3]!; i++) offsets[f.ids[i]! * KINDS + k + 1]!++;
				}
			}
			for (let i = 1; i <= slots; i++) offsets[i]! += offsets[i - 1]!;
			b.entries = new Int32Array(offsets[slots]!);
			b.next = offsets.slice(0, slots);
			b.source = 0;
			b.done = 0;
		}
		const { next, entries } = b;
		for (; b.source < sources.length; b.source++, b.done = 0) {
			const f = sources[b.source]!;
			const g = first[b.source]!;
			const n = first[b.source + 1]! - g;
			for (; b.done < n; b.done++) {
				if (late()) return false;
				const k = f.figures.data[b.done * FIGURE_WIDTH]!;
				const o = b.done * PLACE_WIDTH;
				for (let i = f.places[o + 2]!; i < f.places[o + 3]!; i++) entries![next[f.ids[i]! * KINDS + k]!++] = g + b.done;
			}
		}
		this.postingTable = { version: b.version, sources, first, sourceOf: sourceOfFigures(first), offsets, entries: entries! };
		this.building = undefined;
		return true;
	}

	/** Figure number `g` of a postings table. */
	private figureNumbered(p: Postings, g: number): FigureRef {
		const s = p.sourceOf[g]!;
		return this.refsOf(p.sources[s]!)[g - p.first[s]!]!;
	}

	/** The [from, to) range of `postings().entries` for a term id (one kind, or all). */
	private postingRange(p: Postings, id: number, kind?: FigureKind): [number, number] {
		if (id < 0 || (id + 1) * KINDS >= p.offsets.length) return [0, 0];
		const slot = id * KINDS + (kind ? KIND_INDEX[kind] : 0);
		return [p.offsets[slot]!, p.offsets[kind ? slot + 1 : slot + KINDS]!];
	}

	/** Figures whose sentence holds the term. */
	figuresWith(term: string, kind?: FigureKind): FigureRef[] {
		const id = this.vocab.find(term);
		return id === undefined ? [] : this.figuresWithId(id, kind);
	}

	/** Figures whose sentence holds the term with this id (of one kind, if given), in the order their sources were indexed. */
	figuresWithId(id: number, kind?: FigureKind): FigureRef[] {
		const out: FigureRef[] = [];
		this.forEachFigureWithId(id, kind, (r) => out.push(r));
		return out;
	}

	/** `figuresWithId` without making a list: claim matching walks thousands per claim. */
	forEachFigureWithId(id: number, kind: FigureKind | undefined, fn: (ref: FigureRef) => void): void {
		const p = this.postings();
		const [from, to] = this.postingRange(p, id, kind);
		for (let i = from; i < to; i++) fn(this.figureNumbered(p, p.entries[i]!));
	}

	/** In how many figures' sentences a term is. */
	postingCount(term: string): number {
		const id = this.vocab.find(term);
		return id === undefined ? 0 : this.postingCountOf(id);
	}

	/** In how many figures' sentences the term with this id is. */
	postingCountOf(id: number): number {
		const [from, to] = this.postingRange(this.postings(), id);
		return to - from;
	}

	/** The id of a term (undefined: no source has it). */
	termId(term: string): number | undefined {
		return this.vocab.find(term);
	}

	/** How many term ids there are (ids are below this). */
	termCount(): number {
		return this.vocab.names.length;
	}

	/** The bounds of the words that belong to a figure: its sentence, cut at the neighbouring figures. */
	windowOf(ref: FigureRef): { lo: number; hi: number } {
		const s = ref.sentence >= 0 ? ref.source.sentences[ref.sentence]! : { start: Math.max(0, ref.figure.start - 200), end: Math.min(ref.source.text.length, ref.figure.end + 200) };
		const facts = this.byUri.get(ref.source.uri);
		const refs = facts ? this.refsOf(facts) : [];
		const prev = refs[ref.index - 1];
		const next = refs[ref.index + 1];
		return {
			lo: prev && prev.sentence === ref.sentence ? Math.max(s.start, prev.figure.end) : s.start,
			hi: next && next.sentence === ref.sentence ? Math.min(s.end, next.figure.start) : s.end,
		};
	}

	/** The weighted words around a source figure (`windowTerms` over `windowOf`), worked out once per figure: claim matching asks for the same few often. */
	windowTermsOf(ref: FigureRef): ReadonlyMap<string, number> {
		let w = this.windows.get(ref);
		if (!w) {
			const { lo, hi } = this.windowOf(ref);
			this.windows.set(ref, (w = windowTerms(ref.source.text, ref.figure.start, ref.figure.end, lo, hi)));
		}
		return w;
	}

	/** Every figure of a source, with its sentence and passage. */
	figuresOf(source: Source): readonly FigureRef[] {
		const facts = this.byUri.get(source.uri);
		return facts ? this.refsOf(facts) : [];
	}

	/** The content terms of a figure's sentence. */
	sentenceTermsOf(ref: FigureRef): TermSet {
		return new TermSet(this.sentenceTermIds(ref), this.vocab);
	}

	/** The content terms of a figure's passage. */
	passageTermsOf(ref: FigureRef): TermSet {
		return new TermSet(this.passageTermIds(ref), this.vocab);
	}

	/** The term ids (sorted) of a figure's sentence. */
	sentenceTermIds(ref: FigureRef): Int32Array {
		return ref.ids.subarray(ref.termsStart, ref.termsEnd);
	}

	/** The term ids (sorted) of a figure's passage. */
	passageTermIds(ref: FigureRef): Int32Array {
		return ref.ids.subarray(ref.passageStart, ref.passageEnd);
	}

	/** The term ids of a figure's passage that its sentence does not have. */
	passageOnlyTermIds(ref: FigureRef): Int32Array {
		return ref.ids.subarray(ref.onlyStart, ref.onlyEnd);
	}

	/** How much a term says: rare terms say more (smoothed inverse sentence frequency). */
	idf(term: string): number {
		return this.idfOf(this.vocab.find(term));
	}

	/** `idf` of the term with this id (undefined: a term no source has). */
	idfOf(id: number | undefined): number {
		return Math.log((this.sentences + 1) / ((id === undefined ? 0 : (this.df[id] ?? 0)) + 1)) + 1;
	}

	/**
	 * How many passages a source has and how many entities it mentions, read from what it keeps
	 * packed when it came packed: counting them from the source's own lists would unpack them (the
	 * Sources view lists every source).
	 */
	countsOf(source: Source): { passages: number; entities: number } {
		const f = this.byUri.get(source.uri);
		const passages = f?.packed ? f.packed.passages.length / 4 : source.passages.length;
		const entities = f?.mentions ? f.mentions.mentionIds.length : new Set(source.mentions.map((m) => m.entityId)).size;
		return { passages, entities };
	}

	/** How many sources hold their figures as `FigureRef`s (made when first asked for; see `SourceFacts.refs`). */
	sourcesWithRefs(): number {
		let n = 0;
		for (const f of this.byUri.values()) if (f.refs) n++;
		return n;
	}

	/** How many figures a source has (without making its refs). */
	figureCountOf(source: Source): number {
		return this.byUri.get(source.uri)?.figures.units.length ?? 0;
	}

	/** How many figures are indexed. */
	figureCount(): number {
		let n = 0;
		for (const f of this.byUri.values()) n += f.figures.units.length;
		return n;
	}
}

// versions are unique across corpora, so that a cache never mistakes a new corpus for an old one
let lastVersion = 0;
function nextVersion(): number {
	return ++lastVersion;
}

// term ids gathered for a sentence and a passage, reused from source to source (merging makes no list per sentence)
const sentenceBuffer = new IntList();
const passageBuffer = new IntList();

/** A source's figures (its `columns`), each with the sentence and passage that holds it (its terms still empty), as `SourceFacts.places`. */
function figurePlaces(source: Source, columns: FigureColumns): Int32Array {
	const { sentences, passages } = source;
	const n = columns.units.length;
	const places = new Int32Array(n * PLACE_WIDTH);
	let si = 0;
	let pi = 0;
	for (let i = 0; i < n; i++) {
		const start = columns.data[i * FIGURE_WIDTH + 1]!;
		while (si < sentences.length && sentences[si]!.end <= start) si++;
		while (pi < passages.length && passages[pi]!.end <= start) pi++;
		places[i * PLACE_WIDTH] = si < sentences.length && sentences[si]!.start <= start ? si : -1;
		places[i * PLACE_WIDTH + 1] = pi < passages.length && passages[pi]!.start <= start ? pi : -1;
	}
	return places;
}

/** A source's figures as `FigureRef`s, from its facts. */
function makeRefs(f: SourceFacts): FigureRef[] {
	const refs: FigureRef[] = [];
	for (let i = 0; i < f.figures.units.length; i++) refs.push(new FigureRef(f.source, f.figures, i, f.places, f.ids));
	return refs;
}

/** The number of each source's first figure, numbered across the sources in order, and the count of all last. */
function firstFigures(sources: readonly SourceFacts[]): Int32Array {
	const first = new Int32Array(sources.length + 1);
	for (let s = 0; s < sources.length; s++) first[s + 1] = first[s]! + sources[s]!.figures.units.length;
	return first;
}

/** Per figure, its source's index, given each source's first figure (`firstFigures`). */
function sourceOfFigures(first: Int32Array): Int32Array {
	const of = new Int32Array(first[first.length - 1]!);
	for (let s = 0; s + 1 < first.length; s++) of.fill(s, first[s]!, first[s + 1]!);
	return of;
}

/** The figures' [start, end] pairs (from their columns), the form `sentenceWords` reads. */
function figureSpans(data: Float64Array): Int32Array {
	const count = data.length / FIGURE_WIDTH;
	const out = new Int32Array(count * 2);
	for (let r = 0; r < count; r++) {
		out[2 * r] = data[r * FIGURE_WIDTH + 1]!;
		out[2 * r + 1] = data[r * FIGURE_WIDTH + 2]!;
	}
	return out;
}

/** The content words of a packed record's sentences, as `Corpus.setRecord` reads them (to be read a turn before the merge). */
export function packedWords(packed: PackedRecord, text: string): SentenceWords {
	return sentenceWords(text, packed.sentences, figureSpans(packed.figures));
}

/** What a corpus keeps of a source to answer queries: its figures' places and term lists, and its words' document frequencies. */
function factsOf(source: Source, columns: FigureColumns, words: SentenceWords, fallbackDate: string | undefined, vocab: Vocabulary): SourceFacts {
	const { sentences, passages, mentions } = source;
	const places = figurePlaces(source, columns);
	const count = columns.units.length;
	const sentenceOf = (r: number) => places[r * PLACE_WIDTH]!;
	const passageOf = (r: number) => places[r * PLACE_WIDTH + 1]!;
	// which sentences and passages hold a figure
	const withFigures = new Uint8Array(sentences.length);
	const passagesWithFigures = new Uint8Array(passages.length);
	for (let r = 0; r < count; r++) {
		if (sentenceOf(r) >= 0) withFigures[sentenceOf(r)] = 1;
		if (passageOf(r) >= 0) passagesWithFigures[passageOf(r)] = 1;
	}
	// the term-id lists kept (of sentences and passages with figures), in one buffer, by number
	const lists = new IntArrays();
	const sentenceTerms = new Map<number, number>();
	const passageLists = new Map<number, number>();
	// document frequencies are counted by word index (a list of ids per sentence only where one is kept)
	const { ids, starts, ends, offsets } = words;
	// a word's string is hashed only when its number has no id yet
	const { terms, numbering } = words;
	const size = terms.length;
	const global = new Int32Array(size).fill(-1);
	const idOf = (w: number): number => {
		let id = global[w]!;
		if (id >= 0) return id;
		id = vocab.numberedId(numbering, terms[w]!);
		if (id < 0) {
			id = vocab.idOf(words.vocab[w]!);
			vocab.setNumbered(numbering, terms[w]!, id);
		}
		return (global[w] = id);
	};
	const wordDf = new Int32Array(size);
	const lastSentence = new Int32Array(size).fill(-1);
	const entityDf = new Map<number, number>();
	// the passage whose terms `passageBuffer` gathers (its sentences come one after another)
	let open = -1;
	const closePassage = () => {
		if (open >= 0) passageLists.set(open, lists.addSorted(passageBuffer));
		open = -1;
	};
	let ri = 0;
	let mi = 0;
	let p = 0;
	for (let i = 0; i < sentences.length; i++) {
		const s = sentences[i]!;
		while (mi < mentions.length && mentions[mi]!.end <= s.start) mi++;
		let mj = mi;
		while (mj < mentions.length && mentions[mj]!.start < s.end) mj++;
		while (p < passages.length && passages[p]!.end < s.start) p++;
		const inPassage = p < passages.length && passagesWithFigures[p] === 1;
		const keep = withFigures[i] === 1 || inPassage;
		if (open >= 0 && open !== p) closePassage();
		sentenceBuffer.length = 0;
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
				if (keep) sentenceBuffer.push(idOf(id));
			}
		}
		// one term for each entity named (counted once per sentence)
		const named = sentenceBuffer.length;
		for (let m = mi; m < mj; m++) {
			const t = vocab.entityTokenId(mentions[m]!.entityId);
			let seen = false;
			for (let j = named; j < sentenceBuffer.length && !seen; j++) seen = sentenceBuffer.data[j] === t;
			if (seen) continue;
			sentenceBuffer.push(t);
			entityDf.set(t, (entityDf.get(t) ?? 0) + 1);
		}
		if (!keep) continue;
		if (inPassage) {
			open = p;
			for (let j = 0; j < sentenceBuffer.length; j++) passageBuffer.push(sentenceBuffer.data[j]!);
		}
		if (withFigures[i] === 1) {
			// figures also count as terms of their own sentence (a shared "30 GW" ties two claims)
			while (ri < count && sentenceOf(ri) < i) ri++;
			for (; ri < count && sentenceOf(ri) === i; ri++) {
				const o = ri * FIGURE_WIDTH;
				sentenceBuffer.push(vocab.idOf(figureTokenOf(FIGURE_KINDS[columns.data[o]!]!, columns.units[ri]!, columns.data[o + 3]!)));
			}
			sentenceTerms.set(i, lists.addSorted(sentenceBuffer));
		}
	}
	closePassage();
	const dfIds: number[] = [];
	const dfCounts: number[] = [];
	for (let w = 0; w < size; w++) {
		if (wordDf[w]! > 0) {
			dfIds.push(idOf(w));
			dfCounts.push(wordDf[w]!);
		}
	}
	for (const [t, n] of entityDf) {
		dfIds.push(t);
		dfCounts.push(n);
	}
	// each figure holds where its term lists are in the source's buffer: claim matching reads them for
	// thousands of figures per claim (a list's offsets are known once it is added; the buffer is
	// taken once every list is in it)
	const passageOnly = new Map<number, number>();
	for (let r = 0, o = 0; r < count; r++, o += PLACE_WIDTH) {
		const s = sentenceTerms.get(sentenceOf(r));
		if (s !== undefined) {
			places[o + 2] = lists.start(s);
			places[o + 3] = lists.end(s);
		}
		const p = passageLists.get(passageOf(r));
		if (p === undefined) continue;
		places[o + 6] = lists.start(p);
		places[o + 7] = lists.end(p);
		// (a figure outside every sentence: its passage's terms are all "passage only")
		let only = p;
		if (s !== undefined) {
			const key = pairKey(sentenceOf(r), passageOf(r), passages.length);
			only = passageOnly.get(key) ?? -1;
			if (only < 0) passageOnly.set(key, (only = lists.addWithout(p, s)));
		}
		places[o + 4] = lists.start(only);
		places[o + 5] = lists.end(only);
	}
	return {
		source,
		figures: columns,
		places,
		ids: lists.take(),
		refs: undefined,
		fallbackDate,
		dfIds: Int32Array.from(dfIds),
		dfCounts: Int32Array.from(dfCounts),
		sentenceCount: sentences.length,
		packed: undefined,
	};
}

/**
 * The key of a (sentence, passage) pair of indexes (either may be -1) of a source with
 * `passageCount` passages. A small integer for any source of realistic size: a key past 2^31 is
 * still right, but V8's optimized factsOf, compiled for small integers, fell back to the
 * interpreter on every source with more than 127 sentences while the key was `(sentence + 1) * 2^24 + …`.
 */
function pairKey(sentence: number, passage: number, passageCount: number): number {
	return (sentence + 1) * (passageCount + 1) + passage + 1;
}

