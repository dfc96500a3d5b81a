/** Code lens per paragraph of a note: how many of its figures the sources state, and how many they contradict. */
import type { CodeLens } from 'vscode-languageserver-types';
import type { NoteAnalysis } from '../notes/analysis';
import type { LineIndex } from '../positions';

/** One lens above each paragraph that holds figures: `3 figures sourced · 1 disagrees`. */
export function codeLenses(analysis: NoteAnalysis, lines: LineIndex): CodeLens[] {
	const out: CodeLens[] = [];
	for (const p of analysis.parsed.paragraphs) {
		const claims = analysis.claims.filter((c) => c.figure.start >= p.start && c.figure.end <= p.end);
		if (!claims.length) continue;
		const sourced = claims.filter((c) => c.verdict.kind === 'supported' || c.verdict.kind === 'uncited').length;
		const disagree = claims.filter((c) => c.verdict.kind === 'mismatch').length;
		const elsewhere = claims.filter((c) => c.verdict.kind === 'not-in-cited').length;
		const unsourced = claims.filter((c) => c.verdict.kind === 'unsupported').length;
		const parts = [`${sourced} figure${sourced === 1 ? '' : 's'} sourced`];
		if (disagree) parts.push(`${disagree} disagree${disagree === 1 ? 's' : ''}`);
		if (elsewhere) parts.push(`${elsewhere} cite${elsewhere === 1 ? 's' : ''} the wrong source`);
		if (unsourced) parts.push(`${unsourced} without source`);
		const start = lines.position(p.start);
		out.push({ range: { start, end: start }, command: { title: parts.join(' · '), command: '' } });
	}
	return out;
}
