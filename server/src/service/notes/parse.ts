/**
 * A note, parsed: remark finds the Markdown structure (what is prose, what is code, HTML, a URL or
 * front matter); citations are then read from the source text of each prose block, and each
 * paragraph is split into sentences that own their figures' prose and their citations.
 */
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { parse as parseYaml } from 'yaml';
import type { Nodes, Root } from 'mdast';
import { splitSentences } from '../extract/sentences';
import type { Citation, NoteParagraph, NoteSentence, ParsedNote, Sentence } from '../types';
import { scanCitations } from './citations';
import { FootnoteDefinitions, type FootnoteReference } from './footnotes';

/** Which of the syntax extensions that cost the most a note may need (see `processorFor`). */
interface Syntax {
	/** GFM autolink literals: bare URLs and e-mail addresses. */
	autolinks: boolean;
	tables: boolean;
	frontMatter: boolean;
}

/**
 * GFM's syntax as remark-gfm adds it, with its autolink literals and tables only when asked for:
 * the autolink literal extension tries an e-mail address at every letter and digit of the text,
 * the table extension a table at every line, and on a 300-sentence note they took ~30 of ~45 ms.
 */
function gfmSyntax(this: Processor, syntax: Syntax): void {
	const data = this.data();
	// in remark-gfm's order
	const extensions = [
		...(syntax.autolinks ? [gfmAutolinkLiteral()] : []),
		gfmFootnote(),
		gfmStrikethrough(),
		...(syntax.tables ? [gfmTable()] : []),
		gfmTaskListItem(),
	];
	(data.micromarkExtensions ??= []).push(...extensions);
	(data.fromMarkdownExtensions ??= []).push(gfmFromMarkdown());
}

/** Text without which there is no autolink literal (`www.`, `http://`, `https://`, or a character of an address's local part before `@`). */
const AUTOLINK_HINT = /www\.|https?:\/\/|[\w.+-]@/i;
/** Front matter opens a document (after a byte order mark). */
const FRONT_MATTER_HINT = /^\uFEFF?(?:---|\+\+\+)/;

const processors = new Map<string, Processor<Root>>();

/**
 * The parser for a note: GFM and front matter, less each costly extension the note's text cannot
 * use (no `|`: no table; none of `AUTOLINK_HINT`: no autolink literal; no fence at the start: no
 * front matter). An extension that finds nothing to match changes nothing in the tree, so every
 * note parses as with all of them.
 */
function processorFor(source: string): Processor<Root> {
	const syntax: Syntax = { autolinks: AUTOLINK_HINT.test(source), tables: source.includes('|'), frontMatter: FRONT_MATTER_HINT.test(source) };
	const key = `${+syntax.autolinks}${+syntax.tables}${+syntax.frontMatter}`;
	let p = processors.get(key);
	if (!p) {
		const base = unified().use(remarkParse).use(gfmSyntax, syntax);
		p = (syntax.frontMatter ? base.use(remarkFrontmatter, ['yaml', 'toml']) : base).freeze() as unknown as Processor<Root>;
		processors.set(key, p);
	}
	return p;
}

/** Deepest container nesting (`>`, list markers) on one line that is kept as Markdown. */
const MAX_CONTAINER_DEPTH = 32;

type Range = { start: number; end: number };

/** A block of prose: a paragraph, a heading or a table row. */
interface Block {
	kind: 'paragraph' | 'heading' | 'row';
	start: number;
	end: number;
	/** Ranges scanned for citations: the block, or each cell of a row (a group never spans cells). */
	scan: Range[];
	/** Source ranges of text nodes, in order: what stays visible in the prose. */
	texts: Range[];
	footnoteRefs: FootnoteReference[];
	/** Where the citations of a footnote definition go, so references to it can cite them. */
	footnoteCitations?: Citation[];
	citations: Citation[];
}

interface Structure {
	blocks: Block[];
	excluded: Range[];
	/** Offsets of `[` that open an inline link's text: such brackets are links, not citation groups. */
	links: Set<number>;
	footnotes: FootnoteDefinitions;
	frontMatter?: Record<string, unknown>;
}

/** A note's Markdown syntax tree, as remark with remark-gfm and remark-frontmatter (yaml, toml) gives it. */
export function markdownTree(source: string): Root {
	return processorFor(source).parse(source);
}

/** Parses a Markdown note into paragraphs, sentences and Pandoc citations. */
export function parseNote(text: string): ParsedNote {
	const source = flattenDeepContainers(text);
	let structure: Structure;
	try {
		structure = readStructure(source, markdownTree(source));
	} catch {
		// remark recurses on some inputs it accepts; a note it cannot parse is still prose.
		structure = plainStructure(source);
	}
	const { blocks, excluded, links, footnotes } = structure;
	excluded.sort((a, b) => a.start - b.start || a.end - b.end);
	const scanText = blank(source, excluded, 0);

	const citations: Citation[] = [];
	for (const block of blocks) {
		for (const r of block.scan) {
			for (const c of scanCitations(scanText, r.start, r.end, links)) {
				block.citations.push(c);
				citations.push(c);
				block.footnoteCitations?.push(c);
			}
		}
	}

	const paragraphs: NoteParagraph[] = [];
	for (const block of blocks) {
		if (block.kind !== 'heading') paragraphs.push(paragraphOf(source, block, footnotes));
	}
	const note: ParsedNote = { citations, paragraphs, excluded };
	if (structure.frontMatter) note.frontMatter = structure.frontMatter;
	return note;
}

/** Walks the tree once, without recursion (nesting can be deep), collecting blocks and exclusions. */
function readStructure(source: string, root: Root): Structure {
	const structure: Structure = { blocks: [], excluded: [], links: new Set(), footnotes: new FootnoteDefinitions() };
	type Frame = { node: Nodes; footnoteCitations?: Citation[] };
	const stack: Frame[] = [];
	const pushChildren = (node: Nodes, frame: Omit<Frame, 'node'>): void => {
		if (!('children' in node)) return;
		for (let i = node.children.length - 1; i >= 0; i--) stack.push({ ...frame, node: node.children[i]! });
	};
	pushChildren(root, {});
	while (stack.length > 0) {
		const frame = stack.pop()!;
		const { node } = frame;
		const r = rangeOf(node);
		if (!r) continue;
		const type = node.type as string;
		if (type === 'yaml' || type === 'toml') {
			structure.excluded.push(r);
			if (type === 'yaml' && 'value' in node) {
				const fields = readFrontMatter(node.value);
				if (fields) structure.frontMatter = fields;
			}
		} else if (type === 'code' || type === 'html' || type === 'definition') {
			structure.excluded.push(r);
		} else if (node.type === 'paragraph' || node.type === 'heading') {
			const block = newBlock(node.type, r, frame);
			block.scan.push(r);
			collectInline(source, node, block, structure);
			structure.blocks.push(block);
		} else if (node.type === 'table') {
			for (const row of node.children) {
				const rr = rangeOf(row);
				if (!rr) continue;
				const block = newBlock('row', rr, frame);
				for (const cell of row.children) {
					const cr = rangeOf(cell);
					if (!cr) continue;
					block.scan.push(cr);
					collectInline(source, cell, block, structure);
				}
				structure.blocks.push(block);
			}
		} else if (node.type === 'footnoteDefinition') {
			const citations = structure.footnotes.define(node.identifier, node.label ?? node.identifier);
			pushChildren(node, citations ? { footnoteCitations: citations } : {});
		} else {
			pushChildren(node, frame);
		}
	}
	return structure;
}

function newBlock(kind: Block['kind'], r: Range, frame: { footnoteCitations?: Citation[] }): Block {
	const block: Block = { kind, start: r.start, end: r.end, scan: [], texts: [], footnoteRefs: [], citations: [] };
	if (frame.footnoteCitations) block.footnoteCitations = frame.footnoteCitations;
	return block;
}

/** Collects a block's inline content: text to keep as prose, code/HTML/URLs to exclude, footnote references. */
function collectInline(source: string, parent: Nodes, block: Block, structure: Structure): void {
	const stack: Nodes[] = [];
	const pushChildren = (node: Nodes): void => {
		if (!('children' in node)) return;
		for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
	};
	pushChildren(parent);
	while (stack.length > 0) {
		const node = stack.pop()!;
		const r = rangeOf(node);
		if (!r) continue;
		switch (node.type) {
			case 'text':
				block.texts.push(r);
				break;
			case 'inlineCode':
			case 'html':
			case 'image':
			case 'imageReference':
			// struck out (`~~$1.3 trillion~~ $1.4 trillion`): what the writer took back is not checked, nor cited
			case 'delete':
				structure.excluded.push(r);
				break;
			case 'footnoteReference':
				block.footnoteRefs.push({ start: r.start, end: r.end, identifier: node.identifier });
				break;
			case 'link': {
				// `<http://...>`, a bare URL or e-mail address: all of it is the URL.
				if (source.charCodeAt(r.start) !== 91) {
					// ...unless it is a braced key, `@{https://...}`, as Pandoc advises for URL keys.
					if (source.startsWith('@{', r.start - 2)) pushChildren(node);
					else structure.excluded.push(r);
					break;
				}
				structure.links.add(r.start);
				const last = node.children.length > 0 ? rangeOf(node.children[node.children.length - 1]!) : undefined;
				const close = source.indexOf('](', last ? last.end : r.start + 1);
				if (close >= 0 && close < r.end) structure.excluded.push({ start: close + 1, end: r.end });
				pushChildren(node);
				break;
			}
			default:
				pushChildren(node);
		}
	}
}

/** The paragraph's sentences, each with its prose, citations (own and via footnotes) and citeAt. */
function paragraphOf(source: string, block: Block, footnotes: FootnoteDefinitions): NoteParagraph {
	const base = block.start;
	const prose = proseOf(source, block);
	const split = splitSentences(markNarratives(prose, block));
	let spans = split;
	if (block.kind === 'row') spans = split.length > 0 ? [{ start: split[0]!.start, end: split[split.length - 1]!.end }] : [];
	const sentences = spans.map((s) => ({ start: s.start, end: s.end, citations: [] as Citation[] }));
	if (sentences.length > 0) attach(sentences, anchorsOf(block, footnotes), base);

	return {
		start: block.start,
		end: block.end,
		sentences: sentences.map((s): NoteSentence => ({
			start: base + s.start,
			end: base + s.end,
			prose: prose.slice(s.start, s.end),
			citations: s.citations,
			citeAt: base + citeAtIn(prose, s.start, s.end),
		})),
	};
}

/**
 * The prose as the sentence splitter should see it: a narrative `@key` opening a sentence reads as
 * a capitalized word (`3%. @smith reports` splits), where the blanks alone would read as a
 * lower-case continuation.
 */
function markNarratives(prose: string, block: Block): string {
	const parts: string[] = [];
	let p = 0;
	for (const c of block.citations) {
		if (c.group) continue;
		const i = c.start - block.start;
		parts.push(prose.slice(p, i), 'X');
		p = i + 1;
	}
	if (parts.length === 0) return prose;
	parts.push(prose.slice(p));
	return parts.join('');
}

/** Something in a paragraph that cites: a citation (or a group's item) or a footnote reference. */
interface Anchor {
	start: number;
	end: number;
	/** Narrative citations open the sentence after a gap; groups and footnotes close the one before. */
	narrative: boolean;
	citations: readonly Citation[];
}

function anchorsOf(block: Block, footnotes: FootnoteDefinitions): Anchor[] {
	const own: Anchor[] = block.citations.map((c) => ({
		start: c.group ? c.group.start : c.start,
		end: c.group ? c.group.end : c.end,
		narrative: !c.group,
		citations: [c],
	}));
	if (block.footnoteRefs.length === 0) return own;
	const refs: Anchor[] = block.footnoteRefs.map((f) => ({
		start: f.start, end: f.end, narrative: false, citations: footnotes.citationsOf(f.identifier),
	}));
	// Both lists are in document order: merge them.
	const out: Anchor[] = [];
	let i = 0;
	let j = 0;
	while (i < own.length || j < refs.length) {
		if (j >= refs.length || (i < own.length && own[i]!.start <= refs[j]!.start)) out.push(own[i++]!);
		else out.push(refs[j++]!);
	}
	return out;
}

/**
 * Gives each anchor (offsets into the note) to its sentence (offsets into the block): the one it sits
 * in; in the gap after a sentence (`5%.[@a] Next`, `5%. [@a]` at the end), the one before, which grows
 * to cover it; a narrative `@key` in a gap starts the sentence after.
 */
function attach(sentences: Array<Sentence & { citations: Citation[] }>, anchors: Anchor[], base: number): void {
	let k = 0;
	for (const anchor of anchors) {
		const a = anchor.start - base;
		const e = anchor.end - base;
		while (k + 1 < sentences.length && sentences[k + 1]!.start <= a) k++;
		let s = sentences[k]!;
		if (a < s.start) {
			s.start = a; // before the first sentence
		} else if (a >= s.end) {
			if (anchor.narrative && k + 1 < sentences.length) {
				s = sentences[k + 1]!;
				s.start = a;
			} else if (e > s.end) {
				s.end = e;
			}
		}
		for (const c of anchor.citations) s.citations.push(c);
	}
}

/** Where a citation is inserted: before the final `.?!…`, after closing quotes/brackets, else after the last word. */
function citeAtIn(prose: string, start: number, end: number): number {
	let q = end - 1;
	while (q > start && isBlank(prose.charCodeAt(q))) q--;
	if (!TERMINAL.includes(prose[q]!)) return q + 1;
	while (q > start && TERMINAL.includes(prose[q - 1]!)) q--;
	return q;
}

const TERMINAL = '.?!…';
const isBlank = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0;

/**
 * The block's text with everything that is not prose blanked to spaces (offsets line up with the
 * source): Markdown syntax, code, HTML, URLs, footnote references, container markers, escapes'
 * backslashes, and citations (their keys and locators hold digits that are not figures).
 */
function proseOf(source: string, block: Block): string {
	let out = '';
	let pos = block.start;
	for (const t of block.texts) {
		const s = Math.max(t.start, pos);
		const e = Math.min(t.end, block.end);
		if (e <= s) continue;
		if (s > pos) out += ' '.repeat(s - pos);
		out += cleanText(source.slice(s, e));
		pos = e;
	}
	if (block.end > pos) out += ' '.repeat(block.end - pos);
	if (block.citations.length === 0) return out;
	const cited: Range[] = block.citations.map((c) => (c.group ? c.group : c));
	return blank(out, cited, block.start);
}

function cleanText(s: string): string {
	let t = s;
	// `\$5` is `$5`; the backslash is syntax.
	if (t.includes('\\')) t = t.replace(/\\([!-/:-@[-`{-~])/g, ' $1');
	// `[^x]` with no definition stays text in GFM; it is still a footnote mark, not prose.
	if (t.includes('[^')) t = t.replace(/\[\^[^[\]\s]+\]/g, (m) => ' '.repeat(m.length));
	// A text node spanning lines spans the `>` and indentation of the lines after the first.
	if (t.includes('\n')) t = t.replace(/\n[ \t>]+/g, (m) => '\n' + ' '.repeat(m.length - 1));
	return t;
}

/** `text` (whose first character is at note offset `shift`) with the sorted ranges, in note offsets, blanked to spaces. */
function blank(text: string, ranges: readonly Range[], shift: number): string {
	let out = '';
	let p = 0;
	for (const r of ranges) {
		const s = Math.max(r.start - shift, p);
		const e = Math.min(r.end - shift, text.length);
		if (e <= s) continue;
		out += text.slice(p, s) + ' '.repeat(e - s);
		p = e;
	}
	return p === 0 ? text : out + text.slice(p);
}

function rangeOf(node: Nodes): Range | undefined {
	const start = node.position?.start.offset;
	const end = node.position?.end.offset;
	return start === undefined || end === undefined ? undefined : { start, end };
}

function readFrontMatter(yaml: string): Record<string, unknown> | undefined {
	try {
		const value: unknown = parseYaml(yaml);
		return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined; // a note with broken front matter is still a note
	}
}

// Markers at a line start: `>`, or a list bullet/number followed by a space.
const DEEP_CONTAINERS = new RegExp(String.raw`^(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))){${MAX_CONTAINER_DEPTH + 1},}`, 'gm');

/**
 * remark's container parsing is quadratic in nesting depth and overflows the stack in the
 * thousands, so markers past the limit become no-break spaces: same length, so offsets hold, and
 * the rest of the line stays prose in the deepest kept container.
 */
function flattenDeepContainers(text: string): string {
	DEEP_INDENT.lastIndex = 0;
	// indentation nests lists as surely as markers do (and costs remark more): past the limit a
	// line's indent becomes no-break spaces, so the line is prose continuing the deepest kept block
	const shallow = DEEP_INDENT.test(text) ? text.replace(DEEP_INDENT, (_m, quotes: string, indent: string) => quotes + '\u00a0'.repeat(indent.length)) : text;
	return flattenDeepMarkers(shallow);
}

/** Columns of indentation kept as Markdown: enough for MAX_CONTAINER_DEPTH nested list items. */
const MAX_INDENT = 4 * MAX_CONTAINER_DEPTH;
const DEEP_INDENT = new RegExp(String.raw`^((?:[ \t]*>)*)([ \t]{${MAX_INDENT + 1},})`, 'gm');

function flattenDeepMarkers(text: string): string {
	DEEP_CONTAINERS.lastIndex = 0;
	if (!DEEP_CONTAINERS.test(text)) return text;
	return text.replace(DEEP_CONTAINERS, (line) => {
		let depth = 0;
		let out = '';
		for (let i = 0; i < line.length; i++) {
			const c = line[i]!;
			if (c === ' ' || c === '\t') {
				out += c;
				continue;
			}
			let j = i;
			while (j < line.length && line[j] !== ' ' && line[j] !== '\t' && line[j] !== '>') j++;
			if (j === i) j = i + 1; // a `>`
			depth++;
			out += depth > MAX_CONTAINER_DEPTH ? '\u00a0'.repeat(j - i) : line.slice(i, j);
			i = j - 1;
		}
		return out;
	});
}

/** The fallback when remark fails: paragraphs separated by blank lines, all of them prose. */
function plainStructure(source: string): Structure {
	const blocks: Block[] = [];
	const re = /[^\n]+(?:\n(?![^\S\n]*\n)[^\n]*)*/g;
	for (let m = re.exec(source); m !== null; m = re.exec(source)) {
		const r = { start: m.index, end: m.index + m[0].length };
		if (m[0].trim() === '') continue;
		blocks.push({ kind: 'paragraph', ...r, scan: [r], texts: [r], footnoteRefs: [], citations: [] });
	}
	return { blocks, excluded: [], links: new Set(), footnotes: new FootnoteDefinitions() };
}
