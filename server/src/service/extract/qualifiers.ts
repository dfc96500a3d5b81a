/**
 * The words right before a figure: hedges ("roughly", "more than", "up to"), "between" and "from",
 * and the word a bare count follows ("Windows 11"). Read by scanning backwards a few words, with
 * no regex and no window to search, because this runs for every number in every source.
 */
import type { FigureQualifier } from '../types';
import { isLetterCode, isSpaceCode } from './numbers';

/** A word before a figure, lower-cased, with where it starts. */
export interface WordBefore {
	word: string;
	start: number;
}

/** Words that may end a hedge of several words ("more than", "in excess of"), or precede a count in a ratio ("1 in 5"). */
const PHRASE_ENDS = new Set(['than', 'of', 'to', 'least', 'most', 'as', 'estimated', 'over', 'above', 'under', 'below', 'in']);

/**
 * Up to three words right before `pos`, nearest first, separated by spaces only, not reaching
 * before `lo`; only one unless that one may end a longer phrase.
 */
export function wordsBefore(text: string, pos: number, lo: number): WordBefore[] {
	const out: WordBefore[] = [];
	let p = pos;
	for (let i = 0; i < 3; i++) {
		if (i === 1 && !PHRASE_ENDS.has(out[0]!.word)) break;
		let s = p;
		while (s > lo && isSpaceCode(text.charCodeAt(s - 1))) s--;
		if (s === p) break;
		let w = s;
		for (let c = text.charCodeAt(w - 1); w > lo && (isLetterCode(c) || c === 46 /* . */); c = text.charCodeAt(w - 1)) w--;
		while (w < s && text.charCodeAt(w) === 46) w++;
		if (w === s) break;
		out.push({ word: text.slice(w, s).toLowerCase(), start: w });
		p = w;
	}
	return out;
}

const PHRASES = new Map<string, FigureQualifier>();
function phrases(q: FigureQualifier, list: string): void {
	for (const p of list.split(',')) PHRASES.set(p.trim(), q);
}
phrases('approx', 'roughly, about, around, approximately, approx., approx, nearly, almost, some, an estimated, estimated, close to, circa');
phrases('over', 'more than, over, above, upwards of, in excess of, north of, exceeding, just over, well over, well above');
phrases('at-least', 'at least, no less than, no fewer than, not less than');
phrases('at-most', 'up to, as much as, as many as, at most, no more than, not more than');
phrases('under', 'less than, fewer than, under, below, just under, well under, well below');

const SYMBOLS: Record<string, FigureQualifier> = { '~': 'approx', '≈': 'approx', '>': 'over', '<': 'under', '≥': 'at-least', '≤': 'at-most' };

/**
 * The hedge written right before a figure that starts at `pos`; `words` are {@link wordsBefore}
 * it. "nearly" and "almost" read as approximate: writers use them as hedges, not as bounds.
 */
export function qualifierBefore(text: string, pos: number, lo: number, words: readonly WordBefore[]): FigureQualifier | undefined {
	let s = pos;
	if (s > lo && isSpaceCode(text.charCodeAt(s - 1))) s--;
	if (s > lo) {
		const sym = SYMBOLS[text.charAt(s - 1)];
		if (sym) return sym;
	}
	for (let n = words.length; n >= 1; n--) {
		let phrase = words[n - 1]!.word;
		for (let i = n - 2; i >= 0; i--) phrase += ` ${words[i]!.word}`;
		const q = PHRASES.get(phrase);
		if (q) return q;
	}
	return undefined;
}

const AFTER = /[ \u00a0]+or[ \u00a0]+(more|so|less|fewer)\b|-plus\b/y;

/** A hedge written right after a figure that ends at `pos`: "or more", "or so", "-plus". */
export function qualifierAfter(text: string, pos: number): FigureQualifier | undefined {
	AFTER.lastIndex = pos;
	const m = AFTER.exec(text);
	if (!m) return undefined;
	const w = m[1]?.toLowerCase();
	return w === 'more' ? 'at-least' : w === 'so' ? 'approx' : w === 'less' || w === 'fewer' ? 'at-most' : 'over';
}
