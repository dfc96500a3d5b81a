/**
 * A source's derived data as one plain, serializable record: what its text says by itself
 * (metadata, passages, sentences, figures) and the candidate names entity learning reads. A pure
 * function of (uri, text, fallbackDate, sidecar), so a worker thread can make it, the index cache
 * can keep it, and `Corpus.setRecord` merges it (reading the content words of each sentence then:
 * match/sentenceWords.ts).
 */
import { newVotes } from '../extract/nameContext';
import { candidate, scanNames, type Candidate, type NameScan } from '../extract/nameScanner';
import { lazyProperty } from '../lazyProperty';
import type { EntityMention, Figure, Passage, Sentence, Source, SourceMetadata } from '../types';
import { FIGURE_WIDTH, figureColumns, figuresOfColumns, isTextAt, type FigureColumns } from './figureRef';
import { readSource } from './source';

export { isTextAt };

/** Bumped whenever extraction changes what a record holds for the same inputs (the cache then rebuilds). */
export const EXTRACTOR_VERSION = 14;

/** Everything indexing a source derives from its text alone. */
export interface SourceRecord {
	/** `EXTRACTOR_VERSION` when it was made. */
	extractor: number;
	uri: string;
	/** The date that dated year-less figures (the source gives none of its own), as given. */
	fallbackDate?: string;
	/** The sidecar metadata it was made with, as given. */
	sidecar?: Partial<SourceMetadata>;
	/** The source without its text (it travels beside the record) and without entity mentions. */
	source: Omit<Source, 'mentions' | 'text'>;
	/** Candidate names, links and pairs: what entity learning reads. */
	names: NameScan;
}

/** Derives a source's record from its text. */
export function buildRecord(uri: string, text: string, fallbackDate?: string, sidecar?: Partial<SourceMetadata>): SourceRecord {
	const { text: _text, ...source } = readSource(uri, text, fallbackDate, sidecar);
	const record: SourceRecord = { extractor: EXTRACTOR_VERSION, uri, source, names: scanNames(text) };
	if (fallbackDate !== undefined) record.fallbackDate = fallbackDate;
	if (sidecar !== undefined) record.sidecar = sidecar;
	return record;
}

// --- packed form: the same record as a few typed arrays and strings, which cross threads and
// reach the cache at memory speed (structured clone of ~150,000 small objects per 11 MB did not)

/** A record with its many small objects packed into columns; `unpackRecord` restores it. */
export interface PackedRecord {
	extractor: number;
	uri: string;
	fallbackDate?: string;
	sidecar?: Partial<SourceMetadata>;
	source: Omit<Source, 'mentions' | 'text' | 'sentences' | 'passages' | 'figures' | 'lineStarts'>;
	/** [start, end] per sentence. */
	sentences: Int32Array;
	/** [index, start, end, line] per passage. */
	passages: Int32Array;
	lineStarts: Int32Array;
	/** [kind, start, end, value, high (NaN: none), qualifier (-1: none)] per figure; units as a JSON list. */
	figures: Float64Array;
	figureUnits: string;
	/** [start, end, strong, group (NaN: none), votes ×3 (NaN: none)] per candidate name; keys and link keys as JSON lists. */
	candidates: Float64Array;
	candidateKeys: string;
	candidateLinks: string;
	/** Figures and candidates whose text is not simply the source's text between their offsets: [which, index, text]. */
	texts: Array<['f' | 'c', number, string]>;
	links: NameScan['links'];
	/** The name scan's pairs as JSON: one string, where a list of pairs was three objects a pair. */
	pairs: string;
}

// the packed form knows each field of these types: a field added to one of them fails to compile here
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const FIELDS_KNOWN: [
	Exactly<keyof Candidate, 'start' | 'end' | 'text' | 'key' | 'strong' | 'linkKey' | 'group' | 'votes'>,
	Exactly<keyof Figure, 'kind' | 'start' | 'end' | 'text' | 'value' | 'high' | 'unit' | 'qualifier'>,
	Exactly<keyof Sentence, 'start' | 'end'>,
	Exactly<keyof Passage, 'index' | 'start' | 'end' | 'line'>,
	Exactly<keyof NameScan, 'candidates' | 'links' | 'pairs'>,
] = [true, true, true, true, true];
void FIELDS_KNOWN;

const CANDIDATE_WIDTH = 7;

/** Items as rows of `width` integers, each written by `row` (no list per item: ~100,000 sentences per 11 MB). */
function columns<T>(items: readonly T[], width: number, row: (item: T, a: Int32Array, at: number) => void): Int32Array {
	const a = new Int32Array(items.length * width);
	for (let i = 0; i < items.length; i++) row(items[i]!, a, i * width);
	return a;
}

/** Packs a record (made from `text`). */
export function packRecord(record: SourceRecord, text: string): PackedRecord {
	const { sentences, passages, figures, lineStarts, ...rest } = record.source;
	const texts: PackedRecord['texts'] = [];
	// (written column by column, without a list per item: packing is on every file's way out of the worker)
	const f = figureColumns(figures, text);
	for (const [i, t] of f.own ?? []) texts.push(['f', i, t]);
	const cands = record.names.candidates;
	const c = new Float64Array(cands.length * CANDIDATE_WIDTH);
	for (let i = 0, o = 0; i < cands.length; i++, o += CANDIDATE_WIDTH) {
		const x = cands[i]!;
		c[o] = x.start;
		c[o + 1] = x.end;
		c[o + 2] = x.strong ? 1 : 0;
		c[o + 3] = x.group ?? NaN;
		c[o + 4] = x.votes ? x.votes[0] : NaN;
		c[o + 5] = x.votes ? x.votes[1] : NaN;
		c[o + 6] = x.votes ? x.votes[2] : NaN;
		if (!isTextAt(text, x)) texts.push(['c', i, x.text]);
	}
	const packed: PackedRecord = {
		extractor: record.extractor,
		uri: record.uri,
		source: rest,
		sentences: columns(sentences, 2, (s, a, o) => ((a[o] = s.start), (a[o + 1] = s.end))),
		passages: columns(passages, 4, (p, a, o) => ((a[o] = p.index), (a[o + 1] = p.start), (a[o + 2] = p.end), (a[o + 3] = p.line))),
		lineStarts: Int32Array.from(lineStarts),
		figures: f.data,
		figureUnits: JSON.stringify(f.units),
		candidates: c,
		candidateKeys: JSON.stringify(cands.map((x) => x.key)),
		candidateLinks: JSON.stringify(cands.map((x) => x.linkKey ?? null)),
		texts,
		links: record.names.links,
		pairs: JSON.stringify(record.names.pairs),
	};
	if (record.fallbackDate !== undefined) packed.fallbackDate = record.fallbackDate;
	if (record.sidecar !== undefined) packed.sidecar = record.sidecar;
	return packed;
}

/**
 * Restores a packed record, given the text it was made from. Its source's figures are unpacked
 * when first read (see `lazyProperty`): a merge reads them from the packed columns instead
 * (`packedFigures`), and the corpus keeps no object per figure.
 */
export function unpackRecord(p: PackedRecord, text: string): SourceRecord {
	const ownText = ownTexts(p);
	const source = { ...p.source, sentences: unpackSentences(p), passages: unpackPassages(p), lineStarts: Array.from(p.lineStarts) } as SourceRecord['source'];
	lazyProperty(source, 'figures', () => unpackFigures(p, text, ownText));
	const record: SourceRecord = {
		extractor: p.extractor,
		uri: p.uri,
		source,
		names: unpackNames(p, text, ownText),
	};
	if (p.fallbackDate !== undefined) record.fallbackDate = p.fallbackDate;
	if (p.sidecar !== undefined) record.sidecar = p.sidecar;
	return record;
}

/**
 * The source of a packed record (with `mentions` from elsewhere), whose sentences, passages,
 * figures, line starts and mentions are unpacked when first read (see `lazyProperty`). A warm
 * start restores every source this way: most are never read in detail.
 */
export function unpackSourceLazily(p: PackedRecord, text: string, mentions: () => EntityMention[]): Source {
	const source = { ...p.source, text } as Source;
	unpackWhenRead(source, p, mentions);
	return source;
}

/**
 * Makes a source's sentences, passages, figures and line starts be unpacked from its packed
 * record when next read, and its mentions made by `mentions`, instead of kept: a merge reads them
 * once (the figures from their columns), and most sources are not read in detail again (as after
 * a warm start). Kept, they were ~760,000 small objects for the x10 corpus, and the figures
 * ~600,000 more with their texts and boxed values.
 */
export function unpackWhenRead(source: Source, p: PackedRecord, mentions: () => EntityMention[]): void {
	lazyProperty(source, 'figures', () => unpackFigures(p, source.text, ownTexts(p)));
	lazyProperty(source, 'sentences', () => unpackSentences(p));
	lazyProperty(source, 'passages', () => unpackPassages(p));
	lazyProperty(source, 'lineStarts', () => Array.from(p.lineStarts));
	lazyProperty(source, 'mentions', mentions);
}

/**
 * The figures' and candidates' texts that are not the source's text at their offsets
 * (`PackedRecord.texts`), by index: most records have none, and a lookup by number makes no string.
 */
interface OwnTexts {
	figures: Map<number, string>;
	candidates: Map<number, string>;
}

function ownTexts(p: PackedRecord): OwnTexts {
	const own: OwnTexts = { figures: new Map(), candidates: new Map() };
	for (const [which, i, t] of p.texts) (which === 'f' ? own.figures : own.candidates).set(i, t);
	return own;
}

function unpackSentences(p: PackedRecord): Sentence[] {
	const sentences: Sentence[] = [];
	for (let i = 0; i < p.sentences.length; i += 2) sentences.push({ start: p.sentences[i]!, end: p.sentences[i + 1]! });
	return sentences;
}

function unpackPassages(p: PackedRecord): Passage[] {
	const passages: Passage[] = [];
	for (let i = 0; i < p.passages.length; i += 4) passages.push({ index: p.passages[i]!, start: p.passages[i + 1]!, end: p.passages[i + 2]!, line: p.passages[i + 3]! });
	return passages;
}

function unpackFigures(p: PackedRecord, text: string, ownText: OwnTexts): Figure[] {
	return figuresOfColumns(packedFigures(p, text, ownText));
}

/** A packed record's figures as columns (its own; nothing is copied but the units' list). */
export function packedFigures(p: PackedRecord, text: string, ownText = ownTexts(p)): FigureColumns {
	return { text, data: p.figures, units: JSON.parse(p.figureUnits) as string[], own: ownText.figures.size ? ownText.figures : undefined };
}

/**
 * The record's name scan (candidates, links, pairs), its candidates and pairs unpacked when first
 * read (see `lazyProperty`): the entity index asks for them again when it needs them.
 */
export function unpackNames(p: PackedRecord, text: string, ownText = ownTexts(p)): NameScan {
	const scan = { links: p.links } as NameScan;
	lazyProperty(scan, 'candidates', () => unpackCandidates(p, text, ownText));
	lazyProperty(scan, 'pairs', () => JSON.parse(p.pairs) as NameScan['pairs']);
	return scan;
}

function unpackCandidates(p: PackedRecord, text: string, ownText: OwnTexts): Candidate[] {
	const keys = JSON.parse(p.candidateKeys) as string[];
	const linkKeys = JSON.parse(p.candidateLinks) as Array<string | null>;
	return keys.map((key, i) => {
		const o = i * CANDIDATE_WIDTH;
		const start = p.candidates[o]! | 0;
		const end = p.candidates[o + 1]! | 0;
		const group = p.candidates[o + 3]!;
		const votes = p.candidates[o + 4]!;
		return candidate(
			start,
			end,
			(ownText.candidates.size ? ownText.candidates.get(i) : undefined) ?? text.slice(start, end),
			key,
			p.candidates[o + 2] === 1,
			Number.isNaN(group) ? undefined : group,
			Number.isNaN(votes) ? undefined : newVotes(votes, p.candidates[o + 5]!, p.candidates[o + 6]!),
			linkKeys[i] ?? undefined,
		);
	});
}

/** Whether a value (read back from the cache or received from a worker) is a packed record of this extractor for `uri`, made from `text`. */
export function isPackedRecord(x: unknown, uri: string, text: string): x is PackedRecord {
	if (!x || typeof x !== 'object') return false;
	const p = x as Partial<PackedRecord>;
	if (p.extractor !== EXTRACTOR_VERSION || p.uri !== uri) return false;
	const s = p.source;
	if (!s || typeof s !== 'object' || typeof s.key !== 'string' || !Array.isArray(s.keys) || typeof s.bodyStart !== 'number' || !s.meta || typeof s.meta.title !== 'string') return false;
	if (!(p.sentences instanceof Int32Array) || !(p.passages instanceof Int32Array) || !(p.lineStarts instanceof Int32Array)) return false;
	if (!(p.figures instanceof Float64Array) || !(p.candidates instanceof Float64Array) || !Array.isArray(p.texts) || !Array.isArray(p.links) || typeof p.pairs !== 'string') return false;
	if (p.sentences.length % 2 || p.passages.length % 4 || p.figures.length % FIGURE_WIDTH || p.candidates.length % CANDIDATE_WIDTH) return false;
	try {
		const units: unknown = JSON.parse(String(p.figureUnits));
		const keys: unknown = JSON.parse(String(p.candidateKeys));
		const links: unknown = JSON.parse(String(p.candidateLinks));
		const pairs: unknown = JSON.parse(p.pairs);
		if (!Array.isArray(pairs) || !pairs.every((x) => Array.isArray(x) && x.length === 2 && typeof x[0] === 'string' && typeof x[1] === 'string')) return false;
		if (!Array.isArray(units) || units.length * FIGURE_WIDTH !== p.figures.length) return false;
		if (!Array.isArray(keys) || keys.length * CANDIDATE_WIDTH !== p.candidates.length || !Array.isArray(links) || links.length !== keys.length) return false;
	} catch {
		return false;
	}
	for (let i = 0; i < p.sentences.length; i++) if (p.sentences[i]! < 0 || p.sentences[i]! > text.length) return false;
	return true;
}
