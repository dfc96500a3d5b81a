/** Cutting a source's body into passages: paragraphs, or lines where each line is one. */
import type { Passage } from '../types';

/**
 * The passages of `text` from `start`. A blank line always ends a passage. In a hard-wrapped text
 * (short lines that run on) only blank lines do; otherwise every line is a passage of its own, as
 * in news text saved with one paragraph per line, where headings and list items stand alone.
 */
export function passagesOf(text: string, start: number, lineStarts: number[]): Passage[] {
	const first = firstLineAtOrAfter(lineStarts, start);
	const wrapped = isHardWrapped(text, start, lineStarts, first);
	const passages: Passage[] = [];
	let open = -1;
	let openLine = 0;
	let lastEnd = -1;
	const close = () => {
		if (open >= 0) passages.push({ index: passages.length, start: open, end: lastEnd, line: openLine });
		open = -1;
	};
	for (let line = first; line < lineStarts.length; line++) {
		const [s, e] = trimmedLine(text, start, lineStarts, line);
		if (s === e) {
			close();
			continue;
		}
		if (!wrapped) close();
		if (open < 0) {
			open = s;
			openLine = line;
		}
		lastEnd = e;
	}
	close();
	return passages;
}

function trimmedLine(text: string, start: number, lineStarts: number[], line: number): [number, number] {
	const ls = Math.max(lineStarts[line]!, start);
	let le = line + 1 < lineStarts.length ? lineStarts[line + 1]! : text.length;
	while (le > ls && (text.charCodeAt(le - 1) === 10 || text.charCodeAt(le - 1) === 13)) le--;
	let s = ls;
	while (s < le && isSpace(text.charCodeAt(s))) s++;
	let e = le;
	while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
	return [s, e];
}

/** Whether most text lines are short and followed by another text line: a hard-wrapped text. */
function isHardWrapped(text: string, start: number, lineStarts: number[], first: number): boolean {
	let lines = 0;
	let long = 0;
	let runOn = 0;
	let prevNonEmpty = false;
	const last = Math.min(lineStarts.length, first + 2000);
	for (let line = first; line < last; line++) {
		const [s, e] = trimmedLine(text, start, lineStarts, line);
		if (s === e) {
			prevNonEmpty = false;
			continue;
		}
		lines++;
		if (e - s > 120) long++;
		if (prevNonEmpty) runOn++;
		prevNonEmpty = true;
	}
	return lines >= 3 && long / lines < 0.05 && runOn / lines > 0.5;
}

function firstLineAtOrAfter(starts: number[], offset: number): number {
	let lo = 0;
	let hi = starts.length - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (starts[mid]! <= offset) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}

function isSpace(c: number): boolean {
	return c === 32 || c === 9 || c === 0xa0 || c === 0xfeff || c === 0x3000;
}

