/** A note, read against the sources: its citations resolved, and a verdict for every figure. */
import { extractFigures } from '../extract/figures';
import { figureToken, sentenceTerms } from '../match/context';
import { candidates, judge, THRESHOLDS, type Candidate, type ClaimInput, type Verdict } from '../match/claims';
import type { Corpus } from '../sources/corpus';
import { isoDate } from '../sources/metadata';
import type { Citation, EntityMention, Figure, NoteSentence, ParsedNote } from '../types';
import { scanCitations } from './citations';
import { parseNote } from './parse';

/** A figure of a note, with its sentence and what the sources say of it. */
export interface FigureClaim {
	figure: Figure;
	sentence: NoteSentence;
	verdict: Verdict;
	/** Known keys the sentence cites. */
	cited: string[];
	/** The claim as the matcher saw it (sentence-relative offsets). */
	input: ClaimInput;
	/** The source figures weighed, best first, kept as far as a hover or provenance shows them (see `evidenceOf`). */
	evidence: Candidate[];
}

/** A note, analysed. */
export interface NoteAnalysis {
	text: string;
	parsed: ParsedNote;
	claims: FigureClaim[];
	/** Citations whose key names no source. */
	unknown: Citation[];
	mentions: EntityMention[];
	/** Figures read but not yet weighed against the sources: the sources are still being indexed (see `analyzeNote`'s `weigh`). */
	pending: Figure[];
}

/** The note's own date (front matter `date`), which resolves "November 20" and "this year". */
export function noteDate(parsed: ParsedNote): string | undefined {
	return isoDate(parsed.frontMatter?.['date']);
}

/** A sentence's claims with offsets relative to the sentence, kept across edits of other sentences. */
export interface SentenceClaims {
	figure: Figure;
	verdict: Verdict;
	cited: string[];
	input: ClaimInput;
	evidence: Candidate[];
}

/** How many of the best candidates are kept whatever they say (provenance lists up to this many). */
const EVIDENCE_TOP = 20;

/**
 * The candidates worth keeping for a hover or provenance: the best few, every one that states the
 * value (closely enough, or in a cited source) and every one close enough to contradict it. A
 * hover then shows them without weighing thousands of figures again.
 */
function evidenceOf(all: Candidate[], cited: readonly string[]): Candidate[] {
	const keys = new Set(cited);
	const bar = Math.min(THRESHOLDS.mismatchCited, THRESHOLDS.mismatchDate);
	return all.filter((c, i) => i < EVIDENCE_TOP || (c.agrees ? c.score >= THRESHOLDS.support || keys.has(c.ref.source.key) : c.score >= bar && c.local > 0));
}

/**
 * What the sentences of one note were judged, by their prose and citations: an edit re-judges
 * only the sentences it changed. Valid for one corpus version.
 */
export class SentenceMemo {
	private version = -1;
	private map = new Map<string, SentenceClaims[]>();
	private next = new Map<string, SentenceClaims[]>();

	/** Starts a pass over a note; drops everything when the corpus changed. */
	begin(corpusVersion: number): void {
		if (corpusVersion !== this.version) this.map.clear();
		this.version = corpusVersion;
		this.next = new Map();
	}
	get(key: string): SentenceClaims[] | undefined {
		const hit = this.map.get(key);
		if (hit) this.next.set(key, hit);
		return hit;
	}
	set(key: string, value: SentenceClaims[]): void {
		this.next.set(key, value);
	}
	/** Ends a pass: keeps only the sentences the note still has. */
	end(): void {
		this.map = this.next;
	}

	/** The corpus version its verdicts are of (-1: none yet). */
	get corpusVersion(): number {
		return this.version;
	}

	/** The verdicts of the last pass, by sentence (see `savedVerdicts.ts`). */
	entries(): ReadonlyMap<string, SentenceClaims[]> {
		return this.map;
	}

	/** A memo holding verdicts read back from a file (see `savedVerdicts.ts`), of the corpus at `version`. */
	static of(version: number, entries: Map<string, SentenceClaims[]>): SentenceMemo {
		const memo = new SentenceMemo();
		memo.version = version;
		memo.map = entries;
		return memo;
	}
}

/**
 * A note too large to read whole (groundedNotes.maxNoteBytes): only its citations, scanned in the
 * raw text without Markdown structure (linear time), so unknown keys are still reported.
 */
export function analyzeCitations(corpus: Corpus, text: string): NoteAnalysis {
	const citations = scanCitations(text, 0, text.length);
	const parsed: ParsedNote = { citations, paragraphs: [], excluded: [] };
	return { text, parsed, claims: [], unknown: citations.filter((c) => !corpus.byKey(c.key)), mentions: [], pending: [] };
}

/**
 * Reads a note against the corpus. `isCancelled` is polled between sentences; `parsed` is the
 * note's parse when known (it depends on the text alone). Without `weigh`, figures are only
 * found (`pending`), not weighed, and entities are not looked up: while sources are being indexed
 * a verdict would be against some of them only, and weighing every figure again as each source
 * arrives would hold up every request.
 */
export function analyzeNote(corpus: Corpus, text: string, isCancelled: () => boolean = () => false, memo?: SentenceMemo, parsed: ParsedNote = parseNote(text), weigh = true): NoteAnalysis {
	if (!weigh) return pendingAnalysis(corpus, text, parsed);
	const mentions = corpus.entities.findMentions(text);
	const unknown = parsed.citations.filter((c) => !corpus.byKey(c.key));
	const date = noteDate(parsed);
	const claims: FigureClaim[] = [];
	let mi = 0;
	memo?.begin(corpus.version);
	for (const paragraph of parsed.paragraphs) {
		for (const sentence of paragraph.sentences) {
			if (isCancelled()) return { text, parsed, claims, unknown, mentions, pending: [] };
			const citedKeys = sentence.citations.map((c) => c.key);
			const gaps = markerGaps(text, sentence);
			const memoKey = `${date ?? ''}\u0000${citedKeys.join(';')}\u0000${sentence.prose}${gaps.length ? `\u0000${gaps.join(',')}` : ''}`;
			const known = memo?.get(memoKey);
			if (known) {
				for (const k of known) {
					const figure = inNote(k.figure, sentence);
					claims.push({ figure, sentence, verdict: { ...k.verdict, figure }, cited: k.cited, input: k.input, evidence: k.evidence });
				}
				continue;
			}
			// figures and terms are read in the sentence's prose (code and citations blanked),
			// whose offsets are relative to the sentence
			const prose = sentence.prose;
			const local = figuresOf(sentence, date, gaps);
			if (!local.length) {
				memo?.set(memoKey, []);
				continue;
			}
			while (mi < mentions.length && mentions[mi]!.end <= sentence.start) mi++;
			let mj = mi;
			while (mj < mentions.length && mentions[mj]!.start < sentence.end) mj++;
			const own = mentions.slice(mi, mj).map((m) => ({ ...m, start: m.start - sentence.start, end: m.end - sentence.start }));
			const termSet = sentenceTerms(prose, { start: 0, end: prose.length }, own, local);
			for (const f of local) termSet.add(figureToken(f));
			const cited = [...new Set(citedKeys.filter((k) => corpus.byKey(k)))];
			const judged: SentenceClaims[] = [];
			for (let i = 0; i < local.length; i++) {
				const f = local[i]!;
				const windowStart = i > 0 ? local[i - 1]!.end : 0;
				const windowEnd = i + 1 < local.length ? local[i + 1]!.start : prose.length;
				const input: ClaimInput = { text: prose, figure: f, terms: termSet, windowStart, windowEnd, cited, siblings: local.filter((g) => g !== f) };
				const all = candidates(corpus, input);
				const verdict = judge(corpus, input, all);
				const evidence = evidenceOf(all, cited);
				judged.push({ figure: f, verdict, cited, input, evidence });
				const figure = inNote(f, sentence);
				claims.push({ figure, sentence, verdict: { ...verdict, figure }, cited, input, evidence });
			}
			memo?.set(memoKey, judged);
		}
	}
	memo?.end();
	return { text, parsed, claims, unknown, mentions, pending: [] };
}

/**
 * Where a sentence's prose has an emphasis marker of the note (`*`, `_`, `~`) blanked to a space:
 * offsets relative to the sentence, in order.
 */
function markerGaps(text: string, sentence: NoteSentence): number[] {
	const gaps: number[] = [];
	const { prose, start } = sentence;
	for (let p = prose.indexOf(' '); p >= 0; p = prose.indexOf(' ', p + 1)) {
		const c = text.charCodeAt(start + p);
		if (c === 42 || c === 95 || c === 126) gaps.push(p);
	}
	return gaps;
}

/**
 * The figures of a sentence's prose (code and citations blanked), at offsets relative to the
 * sentence. Emphasis markers (`gaps`, see `markerGaps`) are left out while figures are read, so
 * that `**$1.4** trillion` and `$1.4 *trillion*` are $1.4 trillion, as the reader sees them, not
 * $1.4 (a figure then spans the markers between its parts; its `text` is without them).
 */
function figuresOf(sentence: NoteSentence, date: string | undefined, gaps: readonly number[] = []): Figure[] {
	const options = date ? { referenceDate: date } : {};
	const { prose } = sentence;
	if (!gaps.length) return extractFigures(prose, options);
	// the prose without the markers, and where each of its characters is in the prose
	const at: number[] = [];
	let kept = '';
	let from = 0;
	for (const g of [...gaps, prose.length]) {
		kept += prose.slice(from, g);
		for (let p = from; p < g; p++) at.push(p);
		from = g + 1;
	}
	return extractFigures(kept, options).map((f) => ({ ...f, start: at[f.start]!, end: at[f.end - 1]! + 1 }));
}

/** A figure found in a sentence's prose, at its offsets in the note. */
function inNote(f: Figure, sentence: NoteSentence): Figure {
	return { ...f, start: f.start + sentence.start, end: f.end + sentence.start };
}

/** The figures of a note, found but not weighed (see `analyzeNote`). */
function pendingAnalysis(corpus: Corpus, text: string, parsed: ParsedNote): NoteAnalysis {
	const date = noteDate(parsed);
	const pending: Figure[] = [];
	for (const paragraph of parsed.paragraphs) {
		for (const sentence of paragraph.sentences) {
			for (const f of figuresOf(sentence, date, markerGaps(text, sentence))) pending.push(inNote(f, sentence));
		}
	}
	return { text, parsed, claims: [], unknown: parsed.citations.filter((c) => !corpus.byKey(c.key)), mentions: [], pending };
}

