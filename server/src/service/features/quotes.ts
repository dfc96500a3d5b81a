/** Quoting sources: the words around a figure, a passage's opening, links to a line. */
import { LineIndex } from '../positions';
import type { FigureRef } from '../sources/corpus';
import type { Source } from '../types';

/** One line of whitespace-collapsed text. */
export function oneLine(s: string): string {
	return s.replace(/\s+/g, ' ').trim();
}

/**
 * The words around [start, end) within [lo, hi), about `width` characters either side, cut at
 * word boundaries and marked with … where cut. `mark` wraps the quoted figure (e.g. in **bold**).
 */
export function quoteAround(text: string, start: number, end: number, lo: number, hi: number, width = 60, mark = (s: string) => s): string {
	let a = Math.max(lo, start - width);
	let b = Math.min(hi, end + width);
	if (a > lo) {
		const sp = text.indexOf(' ', a);
		if (sp >= 0 && sp < start) a = sp + 1;
	}
	if (b < hi) {
		const sp = text.lastIndexOf(' ', b);
		if (sp > end) b = sp;
	}
	const before = oneLine(text.slice(a, start));
	const after = oneLine(text.slice(end, b));
	const lead = a > lo ? '…' : '';
	const tail = b < hi ? '…' : '';
	return `${lead}${before}${before ? ' ' : ''}${mark(text.slice(start, end))}${/^[\w$€£]/.test(after) ? ' ' : ''}${after}${tail}`.replace(/ {2,}/g, ' ');
}

/** The quote of a figure's sentence around the figure. */
export function quoteFigure(ref: FigureRef, width = 60, mark?: (s: string) => string): string {
	const { source, figure } = ref;
	const sent = ref.sentence >= 0 ? source.sentences[ref.sentence]! : { start: Math.max(0, figure.start - 200), end: Math.min(source.text.length, figure.end + 200) };
	return quoteAround(source.text, figure.start, figure.end, sent.start, sent.end, width, mark);
}

/** The first ~`length` characters of a source's body, cut at a word boundary. */
export function openingPassage(source: Source, length = 300): string {
	// skip the title line: the opening of what the source says is more useful than its title again
	const title = oneLine(source.meta.title);
	const parts: string[] = [];
	let have = 0;
	for (let i = 0; i < source.passages.length && have <= length; i++) {
		const p = source.passages[i]!;
		// only as much of a long passage as the opening needs
		const piece = oneLine(source.text.slice(p.start, Math.min(p.end, p.start + length * 2)));
		if (i === 0 && source.passages.length > 1 && piece === title) continue;
		parts.push(piece);
		have += piece.length + 1;
	}
	const text = parts.join(' ');
	if (text.length <= length) return text;
	const cut = text.lastIndexOf(' ', length);
	return `${text.slice(0, cut > length / 2 ? cut : length)}…`;
}

/**
 * Whether the indexed text is a conversion (HTML's main content, a PDF's text), whose lines are
 * not the file's: positions in it mean nothing in the file, so links open the file at its top.
 */
export function isConverted(source: Source): boolean {
	return /\.(html?|pdf)$/i.test(source.uri.replace(/[?#].*$/, ''));
}

const lineIndexes = new WeakMap<Source, LineIndex>();
const TOP = new LineIndex('');
/** The line index of a source (cached); for a converted source every offset maps to the file's top. */
export function sourceLines(source: Source): LineIndex {
	if (isConverted(source)) return TOP;
	let li = lineIndexes.get(source);
	if (!li) lineIndexes.set(source, (li = new LineIndex(source.text, source.lineStarts)));
	return li;
}

/** A link to a line of a source, as VS Code and most clients open it (`file:///x.txt#L12`). */
export function lineLink(source: Source, offset: number): string {
	return isConverted(source) ? source.uri : `${source.uri}#L${sourceLines(source).position(offset).line + 1}`;
}

/** How a hover names where a passage is: `line 12`, or `open` for a converted source. */
export function whereLabel(source: Source, offset: number): string {
	return isConverted(source) ? 'open' : `line ${sourceLines(source).position(offset).line + 1}`;
}

/** Escapes text for Markdown (hover contents). */
export function md(s: string): string {
	return s.replace(/([\\`*_{}[\]<>()#+!|~])/g, '\\$1');
}
