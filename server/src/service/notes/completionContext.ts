/**
 * Where the cursor stands with respect to citations: typing a key (for completion) or on one (for
 * hover, definition, rename). Works on the raw text around the cursor, so completion needs no parse.
 */
import type { Citation, ParsedNote } from '../types';
import { citationMayStartAt, keyCharLength } from './citations';

/** What a citation-key completion replaces and whether it should close the group. */
export interface CitationCompletionContext {
	/** The key typed so far (from after `@` or `@{` to the cursor). */
	prefix: string;
	/** Start of the key typed so far. */
	replaceStart: number;
	/** End of the key's characters, including those right of the cursor, so nothing is duplicated. */
	replaceEnd: number;
	/** Inside a bracketed group `[...]` rather than a narrative `@key`. */
	inGroup: boolean;
	/** In a group: a `]` closes it further on the line. Narrative: a `]` right after the key. */
	hasClosingBracket: boolean;
}

/** How far to look around the cursor: keys and groups are short, lines can be long. */
const REACH = 512;
const INTERNAL = ':.#$%&-+?<>~/';

/** The citation key being typed at `offset` (after `[@`, `; @`, `-@` or a narrative `@`), if any. */
export function citationCompletionContext(text: string, offset: number): CitationCompletionContext | undefined {
	if (offset < 0 || offset > text.length) return undefined;
	const floor = Math.max(0, offset - REACH);

	// Simple key: walk left over key characters and internal punctuation to the `@`.
	let s = offset;
	while (s > floor) {
		const prev = text.charCodeAt(s - 1);
		if (keyCharLength(text, s - 1) > 0 || INTERNAL.includes(text[s - 1]!)) s--;
		else if (prev >= 0xdc00 && prev <= 0xdfff && s - 2 >= floor && keyCharLength(text, s - 2) === 2) s -= 2;
		else break;
	}
	let at: number;
	let braced = false;
	if (s > 0 && text[s - 1] === '@') {
		at = s - 1;
		// A key starts with a letter, digit or `_`: `@.` or `@-` is not a key being typed.
		if (s < offset && keyCharLength(text, s, true) === 0) return undefined;
	} else {
		// Braced key `@{...`: anything but whitespace and braces.
		let b = offset;
		while (b > floor && !/[\s{}]/.test(text[b - 1]!)) b--;
		if (b < 2 || text[b - 1] !== '{' || text[b - 2] !== '@') return undefined;
		at = b - 2;
		s = b;
		braced = true;
	}
	const begin = at > 0 && text[at - 1] === '-' ? at - 1 : at;
	if (!citationMayStartAt(text, begin) || insideCodeSpan(text, begin) || insideBlockOfCode(text, begin)) return undefined;

	let replaceEnd = offset;
	if (braced) {
		while (replaceEnd < text.length && replaceEnd - offset < REACH && !/[\s{}]/.test(text[replaceEnd]!)) replaceEnd++;
	} else {
		for (;;) {
			const n = keyCharLength(text, replaceEnd);
			if (n > 0) replaceEnd += n;
			else if (INTERNAL.includes(text[replaceEnd] ?? ' ') && keyCharLength(text, replaceEnd + 1) > 0) replaceEnd++;
			else break;
		}
	}

	const inGroup = openGroupBefore(text, begin);
	const after = braced && text[replaceEnd] === '}' ? replaceEnd + 1 : replaceEnd;
	return {
		prefix: text.slice(s, offset),
		replaceStart: s,
		replaceEnd,
		inGroup,
		hasClosingBracket: inGroup ? closedAfter(text, after) : text[after] === ']',
	};
}

/** Whether an unclosed `[` precedes `at` on its line. */
function openGroupBefore(text: string, at: number): boolean {
	const stop = Math.max(0, at - REACH);
	for (let i = at - 1; i >= stop; i--) {
		const c = text[i];
		if (c === '[') return text[i - 1] !== '\\';
		if (c === ']' || c === '\n') return false;
	}
	return false;
}

/** Whether a `]` follows on the line before another `[` opens. */
function closedAfter(text: string, from: number): boolean {
	const stop = Math.min(text.length, from + REACH);
	for (let i = from; i < stop; i++) {
		const c = text[i];
		if (c === ']') return true;
		if (c === '[' || c === '\n') return false;
	}
	return false;
}

/** Whether `at` sits inside an inline code span of its line (an odd number of backticks before it). */
function insideCodeSpan(text: string, at: number): boolean {
	let ticks = 0;
	const stop = Math.max(0, at - 4 * REACH);
	for (let i = at - 1; i >= stop && text[i] !== '\n'; i--) if (text[i] === '`') ticks++;
	return ticks % 2 === 1;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/gm;
const FRONT_MATTER = /^---[ \t]*\r?\n[^]*?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/y;

/**
 * Whether `at` is inside a fenced code block or the front matter: a cheap scan of the text before it
 * (fences at the top level only), so completion needs no full parse.
 */
function insideBlockOfCode(text: string, at: number): boolean {
	FRONT_MATTER.lastIndex = 0;
	const front = FRONT_MATTER.exec(text);
	if (front && at < front[0].length) return true;
	const lineStart = text.lastIndexOf('\n', at - 1) + 1;
	let open: string | undefined;
	for (const m of text.slice(0, lineStart).matchAll(FENCE)) {
		const fence = m[1]!;
		if (open === undefined) open = fence;
		else if (fence[0] === open[0] && fence.length >= open.length) open = undefined;
	}
	return open !== undefined;
}

/** The citation at `offset` in a parsed note: on its `@key`, its locator, or its group's brackets. */
export function citationAt(note: ParsedNote, offset: number): Citation | undefined {
	const list = note.citations;
	// Last citation starting at or before the offset.
	let lo = 0;
	let hi = list.length - 1;
	let found = -1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		if (list[mid]!.start <= offset) {
			found = mid;
			lo = mid + 1;
		} else hi = mid - 1;
	}
	const here = found >= 0 ? list[found] : undefined;
	if (here && offset <= here.end) return here;
	// On a group's `[`, `]` or the space between items: the nearest item of that group.
	const next = list[found + 1];
	if (next?.group && next.group.start <= offset) return next;
	if (here?.group && offset < here.group.end) return here;
	return undefined;
}
