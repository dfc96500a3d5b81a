/**
 * What the open notes' sentences were judged, kept from one session to the next: the server saves
 * it beside the index snapshot when it shuts down, and a warm start that restores that same
 * snapshot (the same sources, read by the same build) reads it back, so that a note open when the
 * editor closed is not weighed again claim by claim when it opens again. That weighing was most of
 * the first check of a note after a warm start (~0.5 s of ~0.6 s for a 300-sentence note on SOTU,
 * in process), paid before the note showed a single diagnostic.
 *
 * Plain data for `v8.serialize`: a source figure is saved as its source's number and its own
 * (`FigureRef.index`), and read back as the corpus's own `FigureRef`, so a hover or a quick fix on
 * a restored verdict sees what it would have seen had the note been weighed afresh.
 */
import type { Candidate, ClaimInput, Verdict } from '../match/claims';
import type { Corpus } from '../sources/corpus';
import type { Figure, ParsedNote } from '../types';
import type { SentenceClaims } from './analysis';

/** A source figure weighed against a claim: [source number, figure number, score, local, agrees (1) or not (0)]. */
type SavedCandidate = [number, number, number, number, 0 | 1];

/** A verdict with its candidates saved (each kind of verdict keeps its own fields). */
type SavedVerdict<V = Verdict> = V extends Verdict ? Omit<V, keyof CandidateFields<unknown>> & CandidateFields<SavedCandidate> : never;

interface SavedClaims {
	figure: Figure;
	verdict: SavedVerdict;
	cited: string[];
	input: ClaimInput;
	evidence: SavedCandidate[];
}

/** The verdicts of a folder's notes, by note URI, then by sentence (the memo's keys: see `analyzeNote`). */
export interface SavedVerdicts {
	/** The URIs of the sources the saved figures are in; a figure names its source by its place here. */
	sources: string[];
	notes: Array<{ uri: string; sentences: Array<[string, SavedClaims[]]>; read?: SavedRead }>;
}

/** A note's text as last read, and its parse (which depends on the text alone): not parsed again when it opens with that text. */
export interface SavedRead {
	text: string;
	parsed: ParsedNote;
}

/** One note's verdicts to save: by sentence (the memo's entries), and its last reading if known. */
export interface NoteVerdicts {
	uri: string;
	sentences: ReadonlyMap<string, SentenceClaims[]>;
	read?: SavedRead;
}

/** The fields of a verdict that hold candidates (saved or not), as each kind of verdict has them. */
interface CandidateFields<C> {
	support?: C[];
	expected?: C;
	elsewhere?: C[];
}

/** A verdict (saved or not) with its candidates put through `f` (saved, or read back), its other fields as they are. */
function withCandidates<A, B>(verdict: { kind: string } & CandidateFields<A>, f: (c: A) => B): { kind: string } & CandidateFields<B> {
	// (its candidate fields are each put through `f` below)
	const out = { ...verdict } as { kind: string } & CandidateFields<unknown>;
	if (verdict.support) out.support = verdict.support.map(f);
	if (verdict.expected) out.expected = f(verdict.expected);
	if (verdict.elsewhere) out.elsewhere = verdict.elsewhere.map(f);
	return out as { kind: string } & CandidateFields<B>;
}

/** The verdicts of the notes given, as plain data (see `readVerdicts` for the way back). */
export function saveVerdicts(notes: readonly NoteVerdicts[]): SavedVerdicts {
	const sources: string[] = [];
	const sourceNumbers = new Map<string, number>();
	// one saved form per candidate object: a verdict's support is among its evidence, and the
	// serializer keeps an object met twice as one
	const saved = new Map<Candidate, SavedCandidate>();
	const one = (c: Candidate): SavedCandidate => {
		let s = saved.get(c);
		if (!s) {
			let n = sourceNumbers.get(c.ref.source.uri);
			if (n === undefined) {
				sourceNumbers.set(c.ref.source.uri, (n = sources.length));
				sources.push(c.ref.source.uri);
			}
			saved.set(c, (s = [n, c.ref.index, c.score, c.local, c.agrees ? 1 : 0]));
		}
		return s;
	};
	return {
		sources,
		notes: notes.map(({ uri, sentences, read }) => ({
			uri,
			...(read ? { read } : {}),
			sentences: [...sentences].map(([key, claims]) => [
				key,
				claims.map((c) => ({ figure: c.figure, verdict: withCandidates(c.verdict, one) as SavedVerdict, cited: c.cited, input: c.input, evidence: c.evidence.map(one) })),
			]),
		})),
	};
}

/**
 * Saved verdicts read back against the corpus they were judged against, by note URI. Throws when
 * they do not fit it (a source or a figure it lacks, data of another shape): the caller then
 * keeps none of them.
 */
export function readVerdicts(corpus: Corpus, saved: SavedVerdicts): Map<string, { sentences: Map<string, SentenceClaims[]>; read?: SavedRead }> {
	if (!saved || !Array.isArray(saved.sources) || !Array.isArray(saved.notes)) throw new Error('not saved verdicts');
	const refs = saved.sources.map((uri) => {
		const source = typeof uri === 'string' ? corpus.get(uri) : undefined;
		if (!source) throw new Error(`no source ${String(uri)}`);
		return corpus.figuresOf(source);
	});
	// one candidate object per saved form, as when they were saved
	const candidates = new Map<SavedCandidate, Candidate>();
	const one = (s: SavedCandidate): Candidate => {
		let c = candidates.get(s);
		if (!c) {
			const ref = Array.isArray(s) ? refs[s[0]]?.[s[1]] : undefined;
			if (!ref || typeof s[2] !== 'number' || typeof s[3] !== 'number') throw new Error('a figure the sources lack');
			candidates.set(s, (c = { ref, score: s[2], local: s[3], agrees: s[4] === 1 }));
		}
		return c;
	};
	const out = new Map<string, { sentences: Map<string, SentenceClaims[]>; read?: SavedRead }>();
	for (const note of saved.notes) {
		const { read } = note;
		if (read !== undefined && (typeof read.text !== 'string' || !read.parsed || !Array.isArray(read.parsed.paragraphs) || !Array.isArray(read.parsed.citations) || !Array.isArray(read.parsed.excluded))) throw new Error('a reading of another shape');
		const sentences = new Map<string, SentenceClaims[]>();
		for (const [key, claims] of note.sentences) {
			sentences.set(
				key,
				claims.map((c) => {
					if (!c.figure || !c.input || !(c.input.terms instanceof Set) || !Array.isArray(c.cited)) throw new Error('a claim of another shape');
					return { figure: c.figure, verdict: withCandidates(c.verdict, one) as Verdict, cited: c.cited, input: c.input, evidence: c.evidence.map(one) };
				}),
			);
		}
		out.set(note.uri, read ? { sentences, read } : { sentences });
	}
	return out;
}
