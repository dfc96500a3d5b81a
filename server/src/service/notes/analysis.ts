/** A note, read against the sources: its citations resolved, and a verdict for every figure. */
import { extractFigures } from '../extract/figures';
import { figureToken, sentenceTerms } from '../match/context';
import { judge, type ClaimInput, type Verdict } from '../match/claims';
import type { Corpus } from '../sources/corpus';
import { isoDate } from '../sources/metadata';
import type { Citation, EntityMention, Figure, NoteSentence, ParsedNote } from '../types';
import { parseNote } from './parse';

/** A figure of a note, with its sentence and what the sources say of it. */
export interface FigureClaim {
	figure: Figure;
	sentence: NoteSentence;
	verdict: Verdict;
	/** Known keys the sentence cites. */
	cited: string[];
	/** The claim as the matcher saw it (sentence-relative offsets), to weigh it again for a hover. */
	input: ClaimInput;
}

/** A note, analysed. */
export interface NoteAnalysis {
	text: string;
	parsed: ParsedNote;
	claims: FigureClaim[];
	/** Citations whose key names no source. */
	unknown: Citation[];
	mentions: EntityMention[];
}

/** The note's own date (front matter `date`), which resolves "November 20" and "this year". */
export function noteDate(parsed: ParsedNote): string | undefined {
	return isoDate(parsed.frontMatter?.['date']);
}

/** Reads a note against the corpus. `isCancelled` is polled between sentences. */
export function analyzeNote(corpus: Corpus, text: string, isCancelled: () => boolean = () => false): NoteAnalysis {
	const parsed = parseNote(text);
	const mentions = corpus.entities.findMentions(text);
	const unknown = parsed.citations.filter((c) => !corpus.byKey(c.key));
	const date = noteDate(parsed);
	const claims: FigureClaim[] = [];
	let mi = 0;
	for (const paragraph of parsed.paragraphs) {
		for (const sentence of paragraph.sentences) {
			if (isCancelled()) return { text, parsed, claims, unknown, mentions };
			// figures and terms are read in the sentence's prose (code and citations blanked),
			// whose offsets are relative to the sentence
			const prose = sentence.prose;
			const local = extractFigures(prose, date ? { referenceDate: date } : {});
			if (!local.length) continue;
			while (mi < mentions.length && mentions[mi]!.end <= sentence.start) mi++;
			let mj = mi;
			while (mj < mentions.length && mentions[mj]!.start < sentence.end) mj++;
			const own = mentions.slice(mi, mj).map((m) => ({ ...m, start: m.start - sentence.start, end: m.end - sentence.start }));
			const termSet = sentenceTerms(prose, { start: 0, end: prose.length }, own, local);
			for (const f of local) termSet.add(figureToken(f));
			const cited = [...new Set(sentence.citations.map((c) => c.key).filter((k) => corpus.byKey(k)))];
			for (let i = 0; i < local.length; i++) {
				const f = local[i]!;
				const windowStart = i > 0 ? local[i - 1]!.end : 0;
				const windowEnd = i + 1 < local.length ? local[i + 1]!.start : prose.length;
				const input: ClaimInput = { text: prose, figure: f, terms: termSet, windowStart, windowEnd, cited };
				const verdict = judge(corpus, input);
				const figure = { ...f, start: f.start + sentence.start, end: f.end + sentence.start };
				claims.push({ figure, sentence, verdict: { ...verdict, figure }, cited, input });
			}
		}
	}
	return { text, parsed, claims, unknown, mentions };
}

