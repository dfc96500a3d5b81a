/**
 * Pandoc citations (`[see @key, p. 3; -@other]`, narrative `@key [p. 4]`, braced `@{...}`) found in
 * a Markdown block's source text. remark has no citation syntax (it reads `[@key]` as text, or as a
 * link reference when a definition happens to match), so the block's source is scanned here, by
 * offsets, in one left-to-right pass. The rules follow Pandoc's `citeKey` parser
 * (Text.Pandoc.Parsing.Citations) and the manual's "Citation syntax" section.
 */
import type { Citation, CitationGroup, Locator } from '../types';

/** Longest braced key looked for: bounds the work an unclosed `@{` can cause. */
const MAX_BRACED_KEY = 256;

const AT = 64; // @
const OPEN = 91; // [
const CLOSE = 93; // ]
const BACKSLASH = 92;
const DASH = 45;
const SEMICOLON = 59;
const LBRACE = 123;
const RBRACE = 125;

// Punctuation a key may hold between two key characters (Pandoc: `:.#$%&-+?<>~/`).
const INTERNAL = new Set([':', '.', '#', '$', '%', '&', '-', '+', '?', '<', '>', '~', '/']);
// Characters that glue a following `@` into a word, a path or an address (`x@y.com`, `a/@b`), so it
// starts no citation: Pandoc's "not after a string", approximated on source text.
const GLUE = new Set(['@', '.', '/', ':', '=', '+', '&', '%', '#', '~', '`', '\\']);
const KEY_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const KEY_START = /[\p{L}\p{N}_]/u;
const WHITESPACE = /\s/;

/** Length (1, or 2 for a surrogate pair) of the key character at `i`, or 0 if there is none. */
export function keyCharLength(text: string, i: number, start = false): number {
	const c = text.charCodeAt(i);
	if (c < 128) {
		return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 ? 1 : 0;
	}
	if (Number.isNaN(c)) return 0;
	const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length;
	const ch = pair ? text.slice(i, i + 2) : text[i]!;
	return (start ? KEY_START : KEY_CHAR).test(ch) ? ch.length : 0;
}

/** Whether an `@` (or the `-` of `-@`) at `i` may start a citation: not glued to a word before it. */
export function citationMayStartAt(text: string, i: number, floor = 0): boolean {
	if (i <= floor) return true;
	const prev = text[i - 1]!;
	if (GLUE.has(prev)) return false;
	// `_@key_` is emphasis around a citation; `snake_@key` is a word.
	if (prev === '_') return i - 1 <= floor || keyCharLength(text, i - 2) === 0;
	if (keyCharLength(text, i - 1) > 0) return false;
	// The low half of a surrogate pair: test the whole code point.
	const p = text.charCodeAt(i - 1);
	return !(p >= 0xdc00 && p <= 0xdfff && i - 2 >= floor && keyCharLength(text, i - 2) > 0);
}

/** A key parsed right after an `@`. */
export interface ParsedKey {
	key: string;
	keyStart: number;
	keyEnd: number;
	/** Just past the key (past `}` for a braced key). */
	end: number;
}

/** Parses a Pandoc citation key starting at `at` (just after `@`) and ending before `limit`. */
export function parseKey(text: string, at: number, limit: number): ParsedKey | undefined {
	if (at >= limit) return undefined;
	if (text.charCodeAt(at) === LBRACE) {
		// `@{...}`: anything but whitespace, braces balanced; the braces are not part of the key.
		let depth = 1;
		const stop = Math.min(limit, at + 1 + MAX_BRACED_KEY);
		for (let j = at + 1; j < stop; j++) {
			const c = text.charCodeAt(j);
			if (c === LBRACE) depth++;
			else if (c === RBRACE && --depth === 0) {
				return j > at + 1 ? { key: text.slice(at + 1, j), keyStart: at + 1, keyEnd: j, end: j + 1 } : undefined;
			} else if (c <= 32 || WHITESPACE.test(text[j]!)) return undefined;
		}
		return undefined;
	}
	const first = keyCharLength(text, at, true);
	if (first === 0) return undefined;
	let i = at + first;
	while (i < limit) {
		const n = keyCharLength(text, i);
		if (n > 0) {
			i += n;
			continue;
		}
		const ch = text[i]!;
		// Internal punctuation only when a key character follows (`Foo_bar.baz.` ends before the last
		// `.`; `a--b` ends at the first `-`); `:` and `/` may also run into `//` (URLs as keys).
		if (INTERNAL.has(ch) && i + 1 < limit && keyCharLength(text, i + 1) > 0) i++;
		else if ((ch === ':' || ch === '/') && i + 1 < limit && text[i + 1] === '/') i++;
		else break;
	}
	return { key: text.slice(at, i), keyStart: at, keyEnd: i, end: i };
}

/**
 * Citations in `text[start, end)`, in order. `text` is the note's source with excluded ranges (code,
 * HTML, URLs) already blanked; a `[` at an offset in `links` opens a link's text, not a group.
 */
export function scanCitations(text: string, start: number, end: number, links?: ReadonlySet<number>): Citation[] {
	const out: Citation[] = [];
	let i = start;
	while (i < end) {
		const c = text.charCodeAt(i);
		if (c === BACKSLASH) {
			i += 2;
		} else if (c === OPEN) {
			const close = findClose(text, i + 1, end);
			if (close >= 0 && !links?.has(i) && parseGroup(text, i, close, out)) i = close + 1;
			else i++;
		} else if (c === AT || (c === DASH && text.charCodeAt(i + 1) === AT)) {
			const at = c === AT ? i : i + 1;
			const narrative = citationMayStartAt(text, i, start) ? parseNarrative(text, i, at, end, links) : undefined;
			if (narrative) {
				out.push(narrative);
				i = narrative.end;
			} else i = at + 1;
		} else i++;
	}
	return out;
}

/** Offset of the `]` closing a `[` just before `from`, or -1 when another `[` or the end comes first. */
function findClose(text: string, from: number, end: number): number {
	for (let j = from; j < end; j++) {
		const c = text.charCodeAt(j);
		if (c === CLOSE) return j;
		if (c === OPEN) return -1;
		if (c === BACKSLASH) j++;
	}
	return -1;
}

function parseNarrative(text: string, i: number, at: number, end: number, links?: ReadonlySet<number>): Citation | undefined {
	const k = parseKey(text, at + 1, end);
	if (!k) return undefined;
	const citation: Citation = {
		key: k.key, keyStart: k.keyStart, keyEnd: k.keyEnd, start: i, end: k.end, suppressAuthor: at !== i,
	};
	// `@key [p. 33]`: a bracket right after the key holding no key is the citation's locator/suffix.
	let b = k.end;
	if (text.charCodeAt(b) === 32) b++;
	if (text.charCodeAt(b) === OPEN && !links?.has(b)) {
		const close = findClose(text, b + 1, end);
		if (close >= 0 && !hasKey(text, b + 1, close)) {
			const locator = parseLocator(text, b + 1, close);
			if (locator) citation.locator = locator;
			citation.end = close + 1;
		}
	}
	return citation;
}

/** Offset of the first `@` in `text[from, to)`, or -1 (bounded, unlike indexOf, to stay linear). */
function findAt(text: string, from: number, to: number): number {
	for (let j = from; j < to; j++) if (text.charCodeAt(j) === AT) return j;
	return -1;
}

function hasKey(text: string, from: number, to: number): boolean {
	for (let j = findAt(text, from, to); j >= 0; j = findAt(text, j + 1, to)) {
		const s = j > from && text.charCodeAt(j - 1) === DASH ? j - 1 : j;
		if (citationMayStartAt(text, s, from) && parseKey(text, j + 1, to)) return true;
	}
	return false;
}

/** Parses `[ ... ]` (from `open` to the `]` at `close`) as a citation group; false if it holds no key. */
function parseGroup(text: string, open: number, close: number, out: Citation[]): boolean {
	const group: CitationGroup = { start: open, end: close + 1 };
	const before = out.length;
	let itemStart = open + 1;
	let depth = 0;
	for (let j = open + 1; j <= close; j++) {
		const c = j === close ? SEMICOLON : text.charCodeAt(j);
		if (c === LBRACE) depth++;
		else if (c === RBRACE && depth > 0) depth--;
		else if (c === BACKSLASH) j++;
		else if (c === SEMICOLON && (depth === 0 || j === close)) {
			parseItem(text, itemStart, Math.min(j, close), group, out);
			itemStart = j + 1;
			depth = 0;
		}
	}
	return out.length > before;
}

/**
 * One `;`-separated item: prefix, `-?@key`, then locator and suffix. An item holding several keys
 * (`[@a, @b]`, a common slip for `[@a; @b]`) yields each, so none goes unchecked.
 */
function parseItem(text: string, from: number, to: number, group: CitationGroup, out: Citation[]): void {
	let s = from;
	while (s < to && WHITESPACE.test(text[s]!)) s++;
	let e = to;
	while (e > s && WHITESPACE.test(text[e - 1]!)) e--;
	let last: Citation | undefined;
	for (let j = findAt(text, s, e); j >= 0; j = findAt(text, j + 1, e)) {
		const dash = j > s && text.charCodeAt(j - 1) === DASH;
		const begin = dash ? j - 1 : j;
		if (!citationMayStartAt(text, begin, s)) continue;
		const k = parseKey(text, j + 1, e);
		if (!k) continue;
		if (last) finishItem(text, last, begin);
		last = {
			key: k.key, keyStart: k.keyStart, keyEnd: k.keyEnd, start: last ? begin : s, end: k.end,
			group, suppressAuthor: dash,
		};
		out.push(last);
		j = k.end - 1;
	}
	if (last) finishItem(text, last, e);
}

/** Extends an item's citation over its suffix (up to `to`) and reads the locator there. */
function finishItem(text: string, citation: Citation, to: number): void {
	let e = to;
	while (e > citation.end && WHITESPACE.test(text[e - 1]!)) e--;
	const locator = parseLocator(text, citation.end, e);
	if (locator) citation.locator = locator;
	citation.end = Math.max(citation.end, e);
}

// Pandoc's English locator terms, longest first within each family.
const LABELS: Array<[Locator['label'], string[]]> = [
	['page', ['pages', 'page', 'pp.', 'p.']],
	['paragraph', ['paragraphs', 'paragraph', 'paras.', 'para.', '¶¶', '¶']],
	['line', ['lines', 'line', 'll.', 'l.']],
	['section', ['sections', 'section', 'secs.', 'sec.', '§§', '§']],
	['other', [
		'chapters', 'chapter', 'chaps.', 'chap.', 'ch.', 'figures', 'figure', 'figs.', 'fig.', 'volumes',
		'volume', 'vols.', 'vol.', 'numbers', 'number', 'nos.', 'no.', 'notes', 'note', 'nn.', 'n.', 'parts',
		'part', 'pts.', 'pt.', 'books', 'book', 'bks.', 'bk.', 'columns', 'column', 'cols.', 'col.', 'verses',
		'verse', 'vv.', 'v.', 'folios', 'folio', 'fols.', 'fol.', 'opus', 'opp.', 'op.',
	]],
];
const LABEL_OF = new Map<string, Locator['label']>();
for (const [label, terms] of LABELS) for (const t of terms) LABEL_OF.set(t, label);
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const TERMS = [...LABEL_OF.keys()].sort((a, b) => b.length - a.length).map(escape).join('|');
const PART = String.raw`(?:\d+[a-z]?|[ivxlcdm]+(?![a-z])|[IVXLCDM]+(?![A-Za-z]))`;
const NUM = String.raw`\d+[a-z]?`;
const VALUE = String.raw`${PART}(?:\s*[-–—]\s*${PART})?(?:\s*,\s*${NUM}(?:\s*[-–—]\s*${NUM})?)*`;
// Sticky, so it matches only where the suffix begins; case-insensitive terms (`P. 3`, `Page 3`).
const LABELLED = new RegExp(String.raw`(${TERMS})(?![A-Za-z])\s*(${VALUE})`, 'iy');
const BARE = new RegExp(String.raw`(\d+[a-z]?(?:\s*[-–—]\s*${NUM})?(?:\s*,\s*${NUM}(?:\s*[-–—]\s*${NUM})?)*)`, 'y');

/** The locator at the start of a suffix `text[from, to)` (`, p. 3`, ` pp. 33-35`, `, 14`, `{p. VI}`). */
export function parseLocator(text: string, from: number, to: number): Locator | undefined {
	let i = from;
	while (i < to && WHITESPACE.test(text[i]!)) i++;
	if (text[i] === ',') i++;
	while (i < to && WHITESPACE.test(text[i]!)) i++;
	if (i >= to) return undefined;
	if (text.charCodeAt(i) === LBRACE) {
		// `{...}` delimits a locator explicitly (Pandoc); read a label inside if there is one.
		let close = i + 1;
		while (close < to && text.charCodeAt(close) !== RBRACE) close++;
		if (close >= to) return undefined;
		let s = i + 1;
		let e = close;
		while (s < e && WHITESPACE.test(text[s]!)) s++;
		while (e > s && WHITESPACE.test(text[e - 1]!)) e--;
		const inner = matchLocator(text, s, e);
		if (inner && inner.end === e) return inner;
		return s < e ? { label: /^\d/.test(text[s]!) ? 'page' : 'other', value: text.slice(s, e), start: s, end: e } : undefined;
	}
	return matchLocator(text, i, to);
}

function matchLocator(text: string, i: number, to: number): Locator | undefined {
	LABELLED.lastIndex = i;
	const m = LABELLED.exec(text);
	if (m && i + m[0].length <= to) {
		const term = m[1]!.toLowerCase();
		return { label: LABEL_OF.get(term) ?? 'other', value: m[2]!, start: i, end: i + m[0].length };
	}
	BARE.lastIndex = i;
	const b = BARE.exec(text);
	if (b && i + b[0].length <= to) {
		// A bare number is a page (Pandoc: `[@doe, 33]` means p. 33).
		return { label: 'page', value: b[1]!, start: i, end: i + b[0].length };
	}
	return undefined;
}
