/** Hover provenance: what the sources say of a figure, a citation or an entity under the cursor. */
import type { Hover } from 'vscode-languageserver-types';
import type { Disagreement } from '../../protocol';
import { describeFigure } from '../extract/figures';
import { THRESHOLDS, type Candidate } from '../match/claims';
import type { FigureClaim, NoteAnalysis } from '../notes/analysis';
import type { LineIndex } from '../positions';
import type { Corpus } from '../sources/corpus';
import { pageAt } from '../sources/pdf';
import type { Citation, Entity, Source } from '../types';
import { lineLink, md, oneLine, openingPassage, quoteFigure, sourceLines, whereLabel } from './quotes';

const within = (offset: number, r: { start: number; end: number }) => offset >= r.start && offset <= r.end;

/** The hover at an offset of an analysed note, if there is anything under it. */
export function hoverAt(analysis: NoteAnalysis, corpus: Corpus, lines: LineIndex, offset: number, disagreements: () => readonly Disagreement[] = () => []): Hover | null {
	const citation = analysis.parsed.citations.find((c) => within(offset, c));
	if (citation) {
		const source = corpus.byKey(citation.key);
		const value = source ? citationHover(source, citation) : `**@${md(citation.key)}**: no source has this key.`;
		return { contents: { kind: 'markdown', value }, range: lines.range(citation.keyStart, citation.keyEnd) };
	}
	const claim = analysis.claims.find((c) => within(offset, c.figure));
	if (claim) return { contents: { kind: 'markdown', value: figureHover(claim, disagreements) }, range: lines.range(claim.figure.start, claim.figure.end) };
	const pending = analysis.pending.find((f) => within(offset, f));
	if (pending) {
		const described = describeFigure(pending);
		const value = `**${md(pending.text)}**${described !== pending.text ? ` (${md(described)})` : ''} — the sources are still being indexed: what they say of it shows once they are.`;
		return { contents: { kind: 'markdown', value }, range: lines.range(pending.start, pending.end) };
	}
	const mention = analysis.mentions.find((m) => within(offset, m));
	const entity = mention && corpus.entities.get(mention.entityId);
	if (mention && entity) return { contents: { kind: 'markdown', value: entityHover(entity, corpus) }, range: lines.range(mention.start, mention.end) };
	return null;
}

function sourceLine(source: Source): string {
	const date = source.meta.date ? ` · ${source.meta.date}` : '';
	return `**${md(source.meta.title)}**${date}  \n\`@${source.key}\` · [${md(fileName(source.uri))}](${source.uri})`;
}

function fileName(uri: string): string {
	return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** The passage a locator points at (`¶ 4` → the fourth passage; `l. 12` → line 12), if any. */
export function locatedPassage(source: Source, citation: Citation): { start: number; end: number } | undefined {
	const loc = citation.locator;
	if (!loc) return undefined;
	const n = Number.parseInt(loc.value, 10);
	if (!Number.isFinite(n) || n < 1) return undefined;
	if (loc.label === 'paragraph' || loc.label === 'section') return source.passages[n - 1];
	// a PDF's pages are known (sources/pdf.ts): `p. 2` is page 2's text
	if (loc.label === 'page' && source.pages) return source.pages[n - 1];
	if (loc.label === 'line') {
		const start = source.lineStarts[n - 1];
		if (start === undefined) return undefined;
		return source.passages.find((p) => p.end >= start && p.start <= start + 1) ?? { start, end: source.lineStarts[n] ?? source.text.length };
	}
	return undefined;
}

function citationHover(source: Source, citation: Citation): string {
	const parts = [sourceLine(source)];
	if (source.meta.author) parts.push(`by ${md(source.meta.author)}`);
	const located = locatedPassage(source, citation);
	if (located) {
		parts.push(`**${md(citation.locator!.label)} ${md(citation.locator!.value)}** ([${whereLabel(source, located.start)}](${lineLink(source, located.start)})):`);
		parts.push(`> ${md(truncate(oneLine(source.text.slice(located.start, located.end)), 500))}`);
	} else {
		parts.push(`> ${md(openingPassage(source))}`);
	}
	return parts.join('\n\n');
}

function truncate(s: string, n: number): string {
	return s.length <= n ? s : `${s.slice(0, s.lastIndexOf(' ', n))}…`;
}

function quoteLine(c: Candidate): string {
	const s = c.ref.source;
	const quote = quoteFigure(c.ref, 80, (f) => `**${md(f)}**`);
	const page = pageAt(s.pages, c.ref.figure.start);
	return `- \`${s.key}\` — ${md(s.meta.title)} (${page ? `p. ${page}, ` : ''}[${whereLabel(s, c.ref.figure.start)}](${lineLink(s, c.ref.figure.start)}))\n\n  > ${quote.replace(/[`<>[\]]/g, '\\$&')}`;
}

function figureHover(claim: FigureClaim, disagreements: () => readonly Disagreement[]): string {
	const { figure } = claim;
	const all = claim.evidence;
	const cited = new Set(claim.cited);
	const agree = all.filter((c) => c.agrees && (c.score >= THRESHOLDS.support || cited.has(c.ref.source.key)));
	const bar = figure.kind === 'date' ? THRESHOLDS.mismatchDate : THRESHOLDS.mismatchCited;
	const disagree = all.filter((c) => !c.agrees && c.score >= bar && c.local > 0);
	const nSources = new Set(agree.map((c) => c.ref.source.key)).size;
	const described = describeFigure(figure);
	const head = `**${md(figure.text)}**${described !== figure.text ? ` (${md(described)})` : ''} — ${nSources ? `stated by ${nSources} source${nSources > 1 ? 's' : ''}` : 'no source states this value'}${disagree.length ? ` · ${new Set(disagree.map((c) => c.ref.source.key)).size} give${disagree.length === 1 ? 's' : ''} another value` : ''}`;
	const parts = [head];
	if (agree.length) parts.push(dedupe(agree).slice(0, 5).map(quoteLine).join('\n'));
	if (disagree.length) {
		parts.push('**Sources disagree:**');
		parts.push(dedupe(disagree).slice(0, 3).map(quoteLine).join('\n'));
	}
	const among = betweenSources(agree, disagreements());
	if (among.length) {
		parts.push('**The sources disagree with each other:**');
		parts.push(among.map((d) => d.statements.map((st) => `\`${st.key}\` says **${md(st.figure)}** ([line ${st.range.start.line + 1}](${st.uri}#L${st.range.start.line + 1}))`).join(' · ')).join('\n\n'));
	}
	const v = claim.verdict;
	if (v.kind === 'mismatch') parts.push(`Sources say **${md(v.expected.ref.figure.text)}**, not ${md(figure.text)}.`);
	return parts.join('\n\n');
}

/** The disagreements between sources that involve one of the given statements. */
function betweenSources(stated: Candidate[], all: readonly Disagreement[]): Disagreement[] {
	const at = new Set(stated.map((c) => {
		const p = sourceLines(c.ref.source).position(c.ref.figure.start);
		return `${c.ref.source.uri}#${p.line}:${p.character}`;
	}));
	return all.filter((d) => d.statements.some((s) => at.has(`${s.uri}#${s.range.start.line}:${s.range.start.character}`))).slice(0, 3);
}

/** One candidate per source passage. */
function dedupe(list: Candidate[]): Candidate[] {
	const seen = new Set<string>();
	return list.filter((c) => {
		const id = `${c.ref.source.uri}#${c.ref.sentence}`;
		if (seen.has(id)) return false;
		seen.add(id);
		return true;
	});
}

function entityHover(entity: Entity, corpus: Corpus): string {
	const parts = [`**${md(entity.name)}** · ${entity.type}`];
	if (entity.aliases.length) parts.push(`Also: ${entity.aliases.map(md).join(', ')}`);
	const counts = new Map<string, number>();
	const figures: string[] = [];
	for (const source of corpus.all()) {
		const n = source.mentions.filter((m) => m.entityId === entity.id).length;
		if (n) counts.set(source.key, n);
	}
	const keys = [...counts.entries()].sort((a, b) => b[1] - a[1]);
	if (keys.length) parts.push(`Named in ${keys.length} source${keys.length > 1 ? 's' : ''}: ${keys.slice(0, 8).map(([k, n]) => `\`${k}\` (${n})`).join(', ')}`);
	for (const [key] of keys) {
		if (figures.length >= 8) break;
		const source = corpus.byKey(key)!;
		const sentencesNaming = new Set<number>();
		for (const m of source.mentions) {
			if (m.entityId !== entity.id) continue;
			const i = sentenceAt(source, m.start);
			if (i >= 0 && m.end <= source.sentences[i]!.end) sentencesNaming.add(i);
		}
		for (const ref of corpus.figuresOf(source)) {
			if (figures.length >= 8) break;
			if (sentencesNaming.has(ref.sentence) && ref.figure.kind !== 'date') figures.push(`- **${md(ref.figure.text)}** — ${md(quoteFigure(ref, 50))} (\`${key}\`)`);
		}
	}
	if (figures.length) parts.push(`Figures stated about ${md(entity.name)}:\n\n${figures.join('\n')}`);
	return parts.join('\n\n');
}

/** The index of the sentence of a source that holds an offset, or -1 (sentences are sorted and do not overlap). */
function sentenceAt(source: Source, offset: number): number {
	let lo = 0;
	let hi = source.sentences.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const s = source.sentences[mid]!;
		if (offset < s.start) hi = mid - 1;
		else if (offset >= s.end) lo = mid + 1;
		else return mid;
	}
	return -1;
}
