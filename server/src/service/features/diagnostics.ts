/**
 * Diagnostics of a note: unknown citation keys, and figures that disagree with the sources, cite a
 * source that does not state them, state a sourced figure without a citation, or have no source.
 * Each diagnostic carries in `data` what its quick fixes need.
 */
import { distance } from 'fastest-levenshtein';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import { describeFigure, formatLike } from '../extract/figures';
import type { Candidate } from '../match/claims';
import type { NoteAnalysis } from '../notes/analysis';
import type { LineIndex } from '../positions';
import type { Corpus } from '../sources/corpus';
import type { Citation } from '../types';
import { quoteFigure, sourceLines } from './quotes';

/** The diagnostic codes, as users see them and settings name them. */
export const Code = {
	unknownCitation: 'unknown-citation',
	figureMismatch: 'figure-mismatch',
	notInCitedSource: 'figure-not-in-cited-source',
	uncitedFigure: 'uncited-figure',
	unsupportedFigure: 'unsupported-figure',
} as const;
export type Code = (typeof Code)[keyof typeof Code];

/** A severity a user may set for a code, or `off`. */
export type SeveritySetting = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** Severity per code; codes not named keep their default. */
export type DiagnosticSettings = Partial<Record<Code, SeveritySetting>>;

const DEFAULTS: Record<Code, DiagnosticSeverity> = {
	[Code.unknownCitation]: DiagnosticSeverity.Error,
	[Code.figureMismatch]: DiagnosticSeverity.Warning,
	[Code.notInCitedSource]: DiagnosticSeverity.Warning,
	[Code.uncitedFigure]: DiagnosticSeverity.Information,
	[Code.unsupportedFigure]: DiagnosticSeverity.Hint,
};

const SEVERITY: Record<Exclude<SeveritySetting, 'off'>, DiagnosticSeverity> = {
	error: DiagnosticSeverity.Error,
	warning: DiagnosticSeverity.Warning,
	information: DiagnosticSeverity.Information,
	hint: DiagnosticSeverity.Hint,
};

/** What a quick fix needs, carried in `diagnostic.data`. */
export interface FixData {
	code: Code;
	/** unknown-citation: the closest known keys, best first. */
	suggestions?: string[];
	/** figure-mismatch: the source's value written in the note's style. */
	replacement?: string;
	/** Keys of sources that state the note's value (not-in-cited, uncited). */
	keys?: string[];
	/** The keys the sentence cites now, and the range of each key (for "Change citation to"). */
	cited?: Array<{ key: string; range: Diag['range'] }>;
	/** Where a new citation goes: before the sentence's end punctuation. */
	citeAt?: Diag['range']['start'];
	/** The end of the sentence's citation group (before `]`), to add a key into it. */
	groupEnd?: Diag['range']['start'];
}
type Diag = Diagnostic;

/** The source keys closest to a mistyped one, best first. */
export function closestKeys(key: string, keys: readonly string[], n = 3): string[] {
	const k = key.toLowerCase();
	return keys
		.map((c) => {
			const cl = c.toLowerCase();
			// a prefix or an infix is closer than its edit distance says (`000` for `000_dad6…`)
			const d = cl.startsWith(k) || k.startsWith(cl) ? 0.5 : cl.includes(k) ? 1 : distance(k, cl) / Math.max(k.length, cl.length);
			return { c, d };
		})
		.sort((a, b) => a.d - b.d)
		.slice(0, n)
		.map((x) => x.c);
}

/** The diagnostics of an analysed note. */
export function computeDiagnostics(analysis: NoteAnalysis, corpus: Corpus, lines: LineIndex, settings: DiagnosticSettings = {}, indexing = false): Diagnostic[] {
	const out: Diagnostic[] = [];
	const severity = (code: Code): DiagnosticSeverity | undefined => {
		const s = settings[code];
		return s === 'off' ? undefined : s ? SEVERITY[s] : DEFAULTS[code];
	};
	const push = (code: Code, start: number, end: number, message: string, data: FixData, related?: DiagnosticRelatedInformation[]) => {
		const sev = severity(code);
		if (sev === undefined) return;
		const d: Diagnostic = { range: lines.range(start, end), severity: sev, code, source: 'grounded-notes', message, data };
		if (related?.length) d.relatedInformation = related;
		out.push(d);
	};

	// while sources are still being read, a key may just not be indexed yet
	if (!indexing) {
		const keys = corpus.allKeys();
		for (const c of analysis.unknown) {
			const suggestions = closestKeys(c.key, keys);
			const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => `@${s}`).join(', ')}?` : ' No sources are indexed: check the groundedNotes.sources setting.';
			push(Code.unknownCitation, c.keyStart, c.keyEnd, `No source has the citation key '${c.key}'.${hint}`, { code: Code.unknownCitation, suggestions });
		}
	}

	for (const claim of analysis.claims) {
		const { figure, verdict, sentence } = claim;
		const citeAt = lines.position(sentence.citeAt);
		const group = sentence.citations.find((c) => c.group && !c.viaFootnote)?.group;
		const cited = sentence.citations.filter((c) => !c.viaFootnote).map((c: Citation) => ({ key: c.key, range: lines.range(c.keyStart, c.keyEnd) }));
		const base = { citeAt, cited, ...(group ? { groupEnd: lines.position(group.end - 1) } : {}) };
		switch (verdict.kind) {
			case 'mismatch': {
				const exp = verdict.expected.ref;
				const value = describeFigure(exp.figure);
				// a figure that spans emphasis markers (`**$1.4** trillion`: read without them, its text is
				// shorter than its range, see analysis.ts figuresOf) has no replacement that keeps them
				const spansMarkers = figure.end - figure.start !== figure.text.length;
				const replacement = spansMarkers ? undefined : formatLike(exp.figure, figure);
				const msg = `Sources say ${exp.figure.text.trim() || value}, not ${figure.text} (${exp.source.key}: "${quoteFigure(exp)}")`;
				push(Code.figureMismatch, figure.start, figure.end, msg, { code: Code.figureMismatch, ...(replacement ? { replacement } : {}), keys: [exp.source.key], ...base }, [related(verdict.expected, `${exp.source.key} says ${exp.figure.text}`)]);
				break;
			}
			case 'not-in-cited': {
				const keys = uniqueKeys(verdict.elsewhere);
				const cites = claim.cited.length ? claim.cited.map((k) => `@${k}`).join(', ') : 'the cited source';
				const msg = `${cites} ${claim.cited.length > 1 ? 'do' : 'does'} not state ${figure.text}; ${keys.map((k) => `@${k}`).join(', ')} ${keys.length > 1 ? 'do' : 'does'} (${verdict.elsewhere[0]!.ref.source.key}: "${quoteFigure(verdict.elsewhere[0]!.ref)}")`;
				push(Code.notInCitedSource, figure.start, figure.end, msg, { code: Code.notInCitedSource, keys, ...base }, verdict.elsewhere.slice(0, 3).map((c) => related(c, `${c.ref.source.key} states ${c.ref.figure.text}`)));
				break;
			}
			case 'uncited': {
				// a bare year is context, not a sourced figure worth a citation
				if (figure.kind === 'date' && figure.unit === 'year') break;
				const keys = uniqueKeys(verdict.support);
				const msg = `${figure.text} is stated in ${keys.map((k) => `@${k}`).join(', ')} but not cited here (${verdict.support[0]!.ref.source.key}: "${quoteFigure(verdict.support[0]!.ref)}")`;
				push(Code.uncitedFigure, figure.start, figure.end, msg, { code: Code.uncitedFigure, keys, ...base }, verdict.support.slice(0, 3).map((c) => related(c, `${c.ref.source.key} states ${c.ref.figure.text}`)));
				break;
			}
			case 'unsupported': {
				if (figure.kind === 'date' && figure.unit === 'year') break;
				const msg = verdict.cited ? `No source states ${figure.text}, including the cited ${claim.cited.map((k) => `@${k}`).join(', ')}.` : `No source states ${figure.text}.`;
				push(Code.unsupportedFigure, figure.start, figure.end, msg, { code: Code.unsupportedFigure, ...base });
				break;
			}
			case 'supported':
				break;
		}
	}
	return out;
}

function uniqueKeys(cands: readonly Candidate[]): string[] {
	return [...new Set(cands.map((c) => c.ref.source.key))].slice(0, 5);
}

function related(c: Candidate, message: string): DiagnosticRelatedInformation {
	const li = sourceLines(c.ref.source);
	return { location: { uri: c.ref.source.uri, range: li.range(c.ref.figure.start, c.ref.figure.end) }, message };
}
