/**
 * A sentence splitter for English news and report prose. Sources are split at index time, so this
 * is one regex pass over candidate boundaries with a constant-time check at each: no tokenizer, no
 * model. compromise and wink-nlp split sentences too, but they tokenize everything on the way and
 * run one to two orders of magnitude slower than the 30 MB/s indexing needs.
 */
import type { Sentence } from '../types';

// A run of end punctuation, then any closing quotes/brackets (and Markdown emphasis markers, for
// sources indexed from Markdown), then whitespace or the end; or a blank line, which always ends
// a sentence (a single line break does not: prose is hard-wrapped; callers split passages first).
const CANDIDATE = /([.?!…]+)(["'”’»)\]*_]*)(?=\s|$)|\n[^\S\n]*\n/g;

// Before a name: never the end of a sentence.
const TITLES = new Set([
	'Mr', 'Mrs', 'Ms', 'Dr', 'Prof', 'St', 'Mt', 'Ft', 'Sen', 'Rep', 'Gov', 'Gen', 'Lt', 'Col', 'Capt', 'Sgt',
	'Cmdr', 'Adm', 'Rev', 'Hon', 'Pres', 'Supt', 'Messrs', 'Mme', 'Mlle', 'Sens', 'Reps',
]);
// Inside a sentence by nature, whatever follows.
const INFIX = new Set(['e.g', 'i.e', 'cf', 'vs', 'viz', 'approx', 'ca', 'incl', 'esp', 'Nr', 'v']);
// Before a number (`No. 3`, `Nov. 21`, `p. 4`): not an end when a digit follows.
const BEFORE_NUMBER = new Set([
	'No', 'no', 'Nos', 'nos', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov',
	'Dec', 'p', 'pp', 'vol', 'Vol', 'fig', 'Fig', 'ch', 'Ch', 'chap', 'sec', 'Sec', 'art', 'Art', 'para', 'Op',
]);
// Words that end sentences as often as they sit inside them (`Apple Inc. said` / `... Apple Inc. The
// deal`): an end only when the next word is one that typically opens a sentence.
const AMBIGUOUS = new Set([
	'Inc', 'Corp', 'Co', 'Cos', 'Ltd', 'Bros', 'Jr', 'Sr', 'Plc', 'Assn', 'Univ', 'Dept', 'Ave', 'Blvd',
	'Rd', 'al', 'est', 'Est',
]);
const STARTERS = new Set([
	'The', 'A', 'An', 'It', 'Its', 'He', 'She', 'They', 'We', 'I', 'You', 'In', 'On', 'At', 'By', 'For',
	'From', 'With', 'But', 'And', 'Or', 'So', 'Yet', 'This', 'That', 'These', 'Those', 'There', 'Their',
	'His', 'Her', 'Our', 'My', 'As', 'After', 'Before', 'While', 'When', 'Where', 'If', 'Although',
	'Though', 'However', 'Meanwhile', 'Also', 'Still', 'Then', 'Now', 'Today', 'Last', 'Next', 'Some',
	'Many', 'Most', 'All', 'Both', 'Each', 'Such', 'Other', 'Shares', 'Analysts', 'According', 'What',
	'Why', 'How', 'Who', 'Under', 'Over', 'During', 'Since', 'Despite', 'Instead',
]);
const OPENERS = '"\'“‘«([*_';
const LOWER = /\p{Ll}/u;

/** Splits `text[start, end)` into sentences; offsets are into `text`, without surrounding whitespace. */
export function splitSentences(text: string, start = 0, end = text.length): Sentence[] {
	const out: Sentence[] = [];
	if (end <= start) return out;
	// A sub-range is split as its own string (V8 slices without copying) so the regex never runs
	// past `end`: splitting many passages of one big source stays linear.
	const s = start === 0 && end === text.length ? text : text.slice(start, end);
	const re = new RegExp(CANDIDATE); // a private lastIndex: safe if a caller splits re-entrantly
	let from = 0;
	for (let m = re.exec(s); m !== null; m = re.exec(s)) {
		if (m[1] === undefined) {
			push(s, from, m.index, start, out);
			from = m.index + m[0].length;
		} else if (endsSentence(s, m.index, m[1], m[2] ?? '', m.index + m[0].length)) {
			push(s, from, m.index + m[0].length, start, out);
			from = m.index + m[0].length;
		}
	}
	push(s, from, s.length, start, out);
	return out;
}

function push(s: string, from: number, to: number, base: number, out: Sentence[]): void {
	while (from < to && isWhitespace(s.charCodeAt(from))) from++;
	while (to > from && isWhitespace(s.charCodeAt(to - 1))) to--;
	if (to > from) out.push({ start: base + from, end: base + to });
}

/** Whether the end punctuation at `at` (followed by `closers`, then whitespace from `after`) ends a sentence. */
function endsSentence(s: string, at: number, punct: string, closers: string, after: number): boolean {
	let j = after;
	while (j < s.length && isWhitespace(s.charCodeAt(j))) j++;
	if (j >= s.length) return true;
	while (j < s.length && OPENERS.includes(s[j]!)) j++;
	const next = s.charCodeAt(j);
	// `e.g. the`, `"Why?" he asked`, `and... then`: a lower-case word continues the sentence.
	if ((next >= 97 && next <= 122) || (next > 127 && LOWER.test(s[j]!))) return false;
	if (punct !== '.' || closers !== '') return true;

	let w = at;
	while (w > 0 && at - w < 16 && isWordOrDot(s.charCodeAt(w - 1))) w--;
	if (w === at) return true; // `5%.`, `2024.`
	const word = s.slice(w, at);
	if (TITLES.has(word) || INFIX.has(word)) return false;
	const digitNext = next >= 48 && next <= 57;
	if (BEFORE_NUMBER.has(word)) return !digitNext && startsSentence(s, j);
	// Initials (`Young L. Liu`), dotted abbreviations (`U.S.`, `a.m.`) and company suffixes.
	if (AMBIGUOUS.has(word) || word.includes('.') || (word.length === 1 && word >= 'A' && word <= 'Z')) {
		return startsSentence(s, j);
	}
	return true;
}

function startsSentence(s: string, j: number): boolean {
	let k = j;
	while (k < s.length && k - j < 16 && isAsciiLetter(s.charCodeAt(k))) k++;
	return STARTERS.has(s.slice(j, k));
}

function isAsciiLetter(c: number): boolean {
	return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isWordOrDot(c: number): boolean {
	return isAsciiLetter(c) || c === 46;
}

/** Same set as the regex `\s`. */
function isWhitespace(c: number): boolean {
	if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
	if (c < 0xa0) return false;
	return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
		|| c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
