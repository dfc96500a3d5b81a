/**
 * The words entity recognition looks at: capitalized words (one regex pass), where sentences and
 * headlines start, and quoted titles.
 */
import { DOTTED_ABBREVIATIONS, LEGAL_SUFFIXES, NAME_CONNECTORS, type WordInfo, wordInfo } from './entityWords';

/** A capitalized word. */
export interface Token {
	start: number;
	end: number;
	text: string;
	key: string;
	/** Followed by 's or a bare apostrophe (not part of `text`). */
	possessive: boolean;
	/** Lower-case word after a hyphen ("based" in "U.S.-based"), not part of `text`. */
	hyphenWord: string;
	/** Two or more letters, none lower case ("AI", "U.S.", "TAIPEI"). */
	allCaps: boolean;
	/** Contains a digit ("GPT-5"). */
	digit: boolean;
	/** Joined to the previous token by a space or a connector ("of", "&"): part of the same run. */
	joined: boolean;
	/** Lexicon facts, looked up on first need. */
	info?: WordInfo;
}

/** The lexicon facts of a token, looked up once. */
export function infoOf(t: Token): WordInfo {
	return (t.info ??= wordInfo(t.key));
}

/**
 * A capitalized word: written with explicit Latin, Greek and Cyrillic ranges instead of \p{Lu} and
 * \p{L}, because a /u regex runs 10-20x slower on some texts (23 vs 515 MB/s on the seeds). Starts
 * in Latin Extended (both cases interleave there) are checked for case after the match.
 */
const LETTER = 'A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0300-\u036F\u0370-\u03FF\u0400-\u04FF';
const TOKEN_RE = new RegExp(
	`(?<![${LETTER}_@#/\\\\])[A-Z\u00C0-\u00D6\u00D8-\u00DE\u0100-\u024F\u0386-\u03AB\u0400-\u042F]` +
		`(?:[${LETTER}0-9]|['’](?=[${LETTER}])|[.&](?=[A-Z])|-(?=[A-Z0-9\u00C0-\u00DE]))*`,
	'g',
);
const DOTTED_CAPS_RE = /^(?:\p{Lu}\.)+\p{Lu}$/u;
const LOWER_RE = /\p{Ll}/u;

/**
 * The capitalized function words that start most sentences, skipped outright (tokenRole would
 * break at them anyway): four in ten capitalized words of the State of the Union corpus.
 */
const SENTENCE_WORDS = new Set(
	('The I It We In This And But Our A If There They To That These As For With On No By At So When Now While Such Of He ' +
		'An From My Some Since His Every Their After You What Yet Its Those Although Because Thus Among Nor Should More Here ' +
		'Not Her Without Even Each Is Are Was Were Be Has Have Had Do Does Did Will Would Can Could Must Shall Both Either ' +
		'Neither Before Until Unless Though However Moreover Therefore Furthermore Meanwhile Instead Also Only Just Then ' +
		'Which Who Whom Whose Where Why How She Them Your Us Me Him Any All Most Many Much Other Another Than Into Upon ' +
		'Under Over About Against Between Through During Within Across Towards Toward Despite Whether Or').split(' '),
);

/** nameKey for one word (no spaces to squeeze). */
function wordKey(word: string): string {
	let k = word.toLowerCase();
	if (k.includes('.')) k = k.replace(/\./g, '');
	if (k.includes('’')) k = k.replace(/’/g, "'");
	return k;
}

/** A party and state after a legislator's name: "D-N.Y.", "R-Texas", "I-Vt." (in parentheses). */
const PARTY_TAG_RE = /^[DRI]-[A-Z]/;

/** Every capitalized word of `text`, with what touches it. */
export function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	TOKEN_RE.lastIndex = 0;
	let prevEnd = -1;
	let prevJoinable = false;
	for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
		let word = m[0];
		const first = word.charCodeAt(0);
		if (SENTENCE_WORDS.has(word) || (first >= 0x100 && word[0].toUpperCase() !== word[0])) {
			// A function word starting a sentence: only breaks runs.
			prevJoinable = false;
			continue;
		}
		const start = m.index;
		if (PARTY_TAG_RE.test(word) && text.charCodeAt(start - 1) === 40 /* ( */) {
			// "(D-N.Y.)", "(R-Texas)": a legislator's party and state, not a name
			prevJoinable = false;
			continue;
		}
		let possessive = false;
		if (word.length > 2 && (word.endsWith("'s") || word.endsWith('’s'))) {
			word = word.slice(0, -2);
			possessive = true;
		}
		let end = start + word.length;
		const next = text.charCodeAt(possessive ? end + 2 : end);
		if (!possessive && next === 46 /* . */ && (word.length === 1 || DOTTED_ABBREVIATIONS.has(word.toLowerCase()) || DOTTED_CAPS_RE.test(word))) {
			word += '.';
			end++;
		} else if (!possessive && (next === 39 || next === 0x2019) && word.endsWith('s') && !/\p{L}/u.test(text.charAt(end + 1))) {
			possessive = true;
		}
		let hyphenWord = '';
		if (!possessive && text.charCodeAt(end) === 45 /* - */) {
			const hw = /^-(\p{Ll}+)/u.exec(text.slice(end, end + 24));
			if (hw) hyphenWord = hw[1];
		}
		let joined = false;
		if (prevJoinable) {
			const gap = start - prevEnd;
			if (gap === 1) {
				const c = text.charCodeAt(prevEnd);
				joined = c === 32 || c === 0xa0;
			} else if (gap === 2) {
				// a legal suffix after a comma ("Hon Hai Precision Industry Co., Ltd.", "Apple, Inc.") ends the name
				const c = text.charCodeAt(prevEnd + 1);
				joined = text.charCodeAt(prevEnd) === 44 && (c === 32 || c === 0xa0) && LEGAL_SUFFIXES.has(wordKey(word));
			} else if (gap > 2 && gap <= 8) {
				joined = NAME_CONNECTORS.has(text.slice(prevEnd, start));
			}
		}
		let digit = false;
		let lower = false;
		for (let k = 0; k < word.length; k++) {
			const c = word.charCodeAt(k);
			if (c >= 48 && c <= 57) digit = true;
			else if ((c >= 97 && c <= 122) || (c > 127 && LOWER_RE.test(word[k]))) lower = true;
		}
		tokens.push({ start, end, text: word, key: wordKey(word), possessive, hyphenWord, digit, joined, allCaps: word.length > 1 && !lower });
		prevEnd = end;
		prevJoinable = !possessive && !hyphenWord;
	}
	return tokens;
}

const OPENERS = new Set([' ', '\t', '\u00a0', '“', '"', '‘', "'", '(', '[', '*', '•', '#', '>', '_', '-', '–', '—', '·']);
const ENDERS = new Set(['.', '!', '?', ':', ';', '…', '\n', '\r', ']']);

/** Whether the word at `pos` begins a sentence (or a line, a quotation or a list item). */
export function startsSentence(text: string, pos: number): boolean {
	let i = pos - 1;
	let sawQuote = false;
	while (i >= 0 && OPENERS.has(text[i])) {
		// A quotation or a bracketed aside ("[Applause]") starts afresh.
		if (text[i] === '“' || text[i] === '‘' || text[i] === '"' || text[i] === '[') sawQuote = true;
		i--;
	}
	return i < 0 || sawQuote || ENDERS.has(text[i]) || (text[i] === ')' && listMarkerBefore(text, i));
}

/** Whether the `)` at `i` ends a list marker at a line's start ("3) Summary", "(b) Outlook"). */
function listMarkerBefore(text: string, i: number): boolean {
	let j = i - 1;
	while (j >= 0 && i - j <= 3 && /[0-9A-Za-z]/.test(text[j]!)) j--;
	if (j === i - 1) return false;
	if (j >= 0 && text[j] === '(') j--;
	while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
	return j < 0 || text[j] === '\n' || text[j] === '\r';
}

const FUNCTION_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'nor', 'but', 'of', 'to', 'in', 'on', 'for', 'with', 'at', 'by', 'from', 'as', 'vs', 'via', 'into', 'onto', 'over', 'per', 'amid', 'after', 'about', 'up', 'off', 'out', 'its', 'is', 'are', 'be']);

/**
 * Whether a line is a Title Case headline ("Foxconn Partners with OpenAI to Build AI Hardware"):
 * short, and nearly every word that is not a function word capitalized. Its capitals say nothing
 * about names, so it only mentions names known from elsewhere.
 */
export function isHeadline(line: string): boolean {
	if (line.length > 160) return false;
	let upper = 0;
	let lower = 0;
	for (const word of line.split(/[\s/|–—-]+/)) {
		const c = word.charAt(0);
		if (c === c.toLowerCase()) {
			// Lower case, or no letter at all.
			if (c !== c.toUpperCase() && !word.includes('@') && !FUNCTION_WORDS.has(word.toLowerCase().replace(/[^a-z]+$/, ''))) lower++;
		} else if (!word.includes('@') && !word.includes('://')) upper++;
	}
	return upper >= 2 && lower * 5 <= upper;
}

const WORD_CHAR_RE = /[\p{L}\p{M}]/u;

/** A letter, apostrophe, period or hyphen (the characters of a word with its abbreviation dots). */
export function isWordChar(c: number): boolean {
	if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39 || c === 46 || c === 45 || c === 0x2019) return true;
	return c > 127 && WORD_CHAR_RE.test(String.fromCharCode(c));
}

/** Where the word of letters and hyphens starting at `i` ends. */
export function wordEnd(text: string, i: number): number {
	let j = i;
	for (let c = text.charCodeAt(j); (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 45 || (c > 127 && isWordChar(c)); c = text.charCodeAt(++j));
	return j;
}

/**
 * Quoted Title Case phrases ("“Software as a Disservice”") are titles, not names: like headlines,
 * they only mention names known from elsewhere. Walks the quote marks once, in step with the runs.
 */
export class QuotedTitles {
	private readonly marks: number[] = [];
	private next = 0;
	private readonly verdicts = new Map<number, boolean>();

	constructor(private readonly text: string) {
		for (const mark of ['“', '”', '"']) for (let i = text.indexOf(mark); i >= 0; i = text.indexOf(mark, i + 1)) this.marks.push(i);
		this.marks.sort((a, b) => a - b);
	}

	/** Whether the word at `pos` (positions must come in increasing order) is inside a quoted Title Case phrase. */
	inTitle(pos: number, lineStart: number, lineEnd: number): boolean {
		const marks = this.marks;
		while (this.next < marks.length && marks[this.next] < pos) this.next++;
		if (this.next === 0 || this.next >= marks.length) return false;
		const open = marks[this.next - 1];
		const close = marks[this.next];
		if (open < lineStart || close >= lineEnd || close - open > 160 || this.text.charCodeAt(open) === 0x201d || this.text.charCodeAt(close) === 0x201c) return false;
		let verdict = this.verdicts.get(open);
		if (verdict === undefined) {
			verdict = isHeadline(this.text.slice(open + 1, close));
			this.verdicts.set(open, verdict);
		}
		return verdict;
	}
}

/** A lower-case letter: a-z or Latin-1's. */
function isLowerLetter(c: number): boolean {
	return (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff && c !== 0xf7);
}

/** Whether c is a letter of any case (for word boundaries). */
function isLetter(c: number): boolean {
	return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/**
 * Which of the lower-case phrases ("robotics", "artificial intelligence") occur in `text` as
 * written, as whole words. One pass over the characters, hashing each lower-case word and looking
 * it up among the phrases' first words: no regex, because compiling a fresh one per text cost more
 * than the scan (about 1 ms each when the server starts).
 */
export function writtenInLowerCase(text: string, phrases: string[]): string[] {
	const byFirst = new Map<number, string[]>();
	// a bit per hash, looked at before the Map: most lower-case words of a text start no phrase
	const maybe = filterBits.fill(0);
	for (const p of phrases) {
		// Hash the leading letters ("post" of "post-office"); the whole phrase is compared on a hit.
		let end = 0;
		while (end < p.length && isLowerLetter(p.charCodeAt(end))) end++;
		const h = hashWord(p, 0, end);
		maybe[(h >>> 3) & FILTER_MASK]! |= 1 << (h & 7);
		const list = byFirst.get(h);
		if (list) list.push(p);
		else byFirst.set(h, [p]);
	}
	const found: string[] = [];
	let remaining = phrases.length;
	const n = text.length;
	let prev = 32;
	for (let i = 0; i < n && remaining > 0; ) {
		const c = text.charCodeAt(i);
		if (!isLowerLetter(c) || isLetter(prev)) {
			prev = c;
			i++;
			continue;
		}
		// Lower-case letters start at i ("robotics" also in "government's", "robotics-based").
		let h = 0;
		let j = i;
		for (let d = c; j < n && isLowerLetter(d); d = text.charCodeAt(++j)) h = (Math.imul(h, 31) + d) | 0;
		if (!isLetter(text.charCodeAt(j)) && maybe[(h >>> 3) & FILTER_MASK]! & (1 << (h & 7))) {
			const list = byFirst.get(h);
			if (list) {
				for (let k = list.length - 1; k >= 0; k--) {
					const p = list[k];
					if (text.startsWith(p, i) && !isLetter(text.charCodeAt(i + p.length))) {
						found.push(p);
						list.splice(k, 1);
						remaining--;
					}
				}
			}
		}
		prev = text.charCodeAt(j - 1);
		i = j;
	}
	return found;
}

/** `writtenInLowerCase`'s filter: 2^16 bits, so that a text's hundred or so phrases leave almost every other word out. */
const FILTER_MASK = (1 << 13) - 1;
const filterBits = new Uint8Array(FILTER_MASK + 1);

function hashWord(s: string, start: number, end: number): number {
	let h = 0;
	for (let i = start; i < end; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
	return h;
}
