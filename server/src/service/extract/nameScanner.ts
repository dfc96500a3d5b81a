/**
 * Finds candidate names in one text: a single regex pass over capitalized words, then rules.
 * Knows nothing of other texts; what a candidate resolves to is EntityIndex's business.
 */
import {
	BUSINESS_NOUNS, COMMON_ACRONYMS, DOTTED_ABBREVIATIONS, NAME_CONNECTORS, isOrgWord, ORG_NOUNS, ORG_ROLE_TITLES,
	PERSON_NOUNS, PLACE_NOUNS, TITLES, TWO_WORD_TITLES, type WordInfo, nameKey, wordInfo,
} from './entityWords';

/** Type evidence: [organization, person, place]. */
export type Votes = [number, number, number];

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

function infoOf(t: Token): WordInfo {
	return (t.info ??= wordInfo(t.key));
}

/** A possible mention of a name. */
export interface Candidate {
	start: number;
	end: number;
	text: string;
	key: string;
	/** Evidence that the name exists; a weak candidate is a mention only once the name is known. */
	strong: boolean;
	/** A surname after its full name in the same text: the full name's key. */
	linkKey?: string;
	/** Weak alternatives over one stretch of text (a headline): resolved leftmost-longest known. */
	group?: number;
	/** Type evidence from this mention's context. */
	votes?: Votes;
}

/** Two names the text says are one ("Foxconn, also known as Hon Hai"; a surname after its full name). */
export interface NameLink {
	a: string;
	b: string;
	kind: 'alias' | 'surname';
}

/** What one text teaches. */
export interface NameScan {
	/** Sorted by start; candidates of one group are adjacent. */
	candidates: Candidate[];
	links: NameLink[];
	/** Names joined by "and"/"or" ("Nvidia and AMD"): likely the same type. */
	pairs: Array<[string, string]>;
}

const TOKEN_RE = /(?<![\p{L}\p{M}_@#/\\])[\p{Lu}\p{Lt}](?:[\p{L}\p{M}\p{Nd}]|['’](?=\p{L})|[.&](?=\p{Lu})|-(?=[\p{Lu}\p{Nd}]))*/gu;
const CONTRACTION_RE = /['’](?:t|m|ll|ve|re|d)$/i;
const DOTTED_CAPS_RE = /^(?:\p{Lu}\.)+\p{Lu}$/u;
const LOWER_RE = /\p{Ll}/u;

/** Every capitalized word of `text`, with what touches it. */
export function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	TOKEN_RE.lastIndex = 0;
	let prevEnd = -1;
	let prevJoinable = false;
	for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
		let word = m[0];
		const start = m.index;
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
			} else if (gap > 2 && gap <= 8) {
				joined = NAME_CONNECTORS.has(text.slice(prevEnd, start));
			}
		}
		const digit = /\d/.test(word);
		tokens.push({
			start, end, text: word, key: nameKey(word), possessive, hyphenWord, digit, joined,
			allCaps: word.length > 1 && !LOWER_RE.test(word),
		});
		prevEnd = end;
		prevJoinable = !possessive && !hyphenWord;
	}
	return tokens;
}

const OPENERS = new Set([' ', '\t', '\u00a0', '“', '"', '‘', "'", '(', '[', '*', '•', '#', '>', '_', '-', '–', '—', '·']);
const ENDERS = new Set(['.', '!', '?', ':', ';', '…', '\n', '\r']);

/** Whether the word at `pos` begins a sentence (or a line, a quotation or a list item). */
export function startsSentence(text: string, pos: number): boolean {
	let i = pos - 1;
	let sawQuote = false;
	while (i >= 0 && OPENERS.has(text[i])) {
		if (text[i] === '“' || text[i] === '‘' || text[i] === '"') sawQuote = true;
		i--;
	}
	return i < 0 || sawQuote || ENDERS.has(text[i]);
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
		if (!/\p{L}/u.test(c) || word.includes('@') || word.includes('://')) continue;
		if (/\p{Lu}/u.test(c)) upper++;
		else if (!FUNCTION_WORDS.has(word.toLowerCase().replace(/[^\p{L}]+$/u, ''))) lower++;
	}
	return upper >= 2 && lower * 5 <= upper;
}

const DEAL_WORDS = new Set([
	'partner', 'partners', 'partnered', 'partnering', 'partnership', 'partnerships', 'deal', 'deals',
	'agreement', 'agreements', 'contract', 'contracts', 'collaboration', 'collaborations', 'collaborate',
	'collaborates', 'collaborated', 'collaborating', 'venture', 'ventures', 'alliance', 'merger', 'up',
]);
const LIST_ORG_NOUNS = new Set(['companies', 'firms', 'rivals', 'customers', 'clients', 'partners', 'suppliers', 'startups', 'makers', 'giants', 'brands', 'banks', 'manufacturers', 'organizations', 'businesses', 'chipmakers', 'automakers']);
const LIST_PLACE_NOUNS = new Set(['states', 'countries', 'cities', 'nations', 'regions', 'provinces', 'markets', 'places', 'locations', 'territories']);
const LIST_PERSON_NOUNS = new Set(['people', 'leaders', 'executives', 'officials', 'figures', 'founders', 'billionaires', 'politicians', 'presidents', 'ceos']);
const APPOSITIVE_RE = /^,\s+((?:(?:a|an|the|its|their|his|her|one of the|another|also a|now a|formerly a)\s+)?)([^,;:.()—–\n]{1,90})/iu;
const ALIAS_GAP_RE = /^\s*(?:(?:,|—|–|\s-|\()\s*(?:also|legally|officially|formally|formerly|better|commonly|previously|popularly|widely|now|sometimes)\s+|\(\s*)(?:known|called|named|doing business|trading|branded)\s+as\s+(?:the\s+)?$/iu;
const FORMERLY_GAP_RE = /^\s*(?:,|\(|—|–)\s*(?:formerly|previously|née|aka|a\.k\.a\.)\s+$/iu;
const PAIR_GAP_RE = /^(?:,?\s+(?:and|or|&)\s+|\s*\/\s*)$/u;
const LIST_GAP_RE = /^(?:,\s+|,?\s+(?:and|or)\s+)$/u;
const WORD_CHAR_RE = /[\p{L}\p{M}]/u;

/** A letter, apostrophe, period or hyphen (the characters of a word with its abbreviation dots). */
function isWordChar(c: number): boolean {
	if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 39 || c === 46 || c === 45 || c === 0x2019) return true;
	return c > 127 && WORD_CHAR_RE.test(String.fromCharCode(c));
}

/**
 * Up to `n` words right before `pos` on its line, nearest first, lower-cased (capitalized ones
 * marked with a leading ^), without periods; stops at punctuation and at a sentence's end
 * ("countries. Under" has none).
 */
function wordsBefore(text: string, pos: number, lineStart: number, n: number): string[] {
	const words: string[] = [];
	let i = pos - 1;
	while (words.length < n) {
		if (i < lineStart || text.charCodeAt(i) !== 32) break;
		while (i >= lineStart && text.charCodeAt(i) === 32) i--;
		const end = i + 1;
		while (i >= lineStart && isWordChar(text.charCodeAt(i))) i--;
		if (end === i + 1) break;
		let word = text.slice(i + 1, end);
		if (/^\p{Lu}/u.test(word)) word = `^${word.toLowerCase()}`;
		if (word.endsWith('.')) {
			word = word.replace(/\./g, '');
			const bare = word.replace('^', '');
			if (bare.length > 1 && !DOTTED_ABBREVIATIONS.has(bare) && !/\.\p{L}\.$/u.test(text.slice(end - 3, end))) break;
		} else if (word.includes('.')) word = word.replace(/\./g, '');
		words.push(word);
	}
	return words;
}

/** What kind of thing a list introduced by these words (see wordsBefore) holds ("companies like", "states such as"): 0 org, 1 person, 2 place, -1 none. */
function listKind(raw: string[]): number {
	if (raw.length < 2) return -1;
	const w = raw.map((x) => x.replace('^', ''));
	let noun: string | undefined;
	if (w[0] === 'like' || w[0] === 'including' || w[0] === 'include') noun = w[1];
	else if (w[0] === 'as' && w[1] === 'such') noun = w[2];
	if (!noun) return -1;
	return LIST_ORG_NOUNS.has(noun) ? 0 : LIST_PLACE_NOUNS.has(noun) ? 2 : LIST_PERSON_NOUNS.has(noun) ? 1 : -1;
}
const ROLE_FIRST_WORDS = new Set([...ORG_ROLE_TITLES].map((t) => t.split(' ')[0]).concat(['administration', 'presidency']));

/** Where the word of letters and hyphens starting at `i` ends. */
function wordEnd(text: string, i: number): number {
	let j = i;
	for (let c = text.charCodeAt(j); (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 45 || (c > 127 && isWordChar(c)); c = text.charCodeAt(++j));
	return j;
}

const APPOSITIVE_STOPS = new Set(['of', 'in', 'at', 'for', 'under', 'with', 'from', 'to', 'that', 'which', 'who', 'whose', 'based', 'and', 'or', 'since', 'on', 'by', 'is', 'was', 'has', 'had', 'will', 'said']);
const HYPHEN_PLACE = new Set(['based', 'listed', 'headquartered', 'born', 'made', 'built', 'bound']);

interface Segment {
	/** Token indices [first, last]. */
	first: number;
	last: number;
	start: number;
	end: number;
	key: string;
	text: string;
	sentenceInitial: boolean;
	votes: Votes;
	strong: boolean;
	/** Weak, awaiting the lower-case check: strong unless the text also writes it in lower case. */
	checkLower: boolean;
	/** Weak and to be split into alternatives (a group). */
	split: boolean;
	/** A vocabulary word (demonym, common abbreviation): never a name by context alone. */
	vocabulary: boolean;
	/** Up to three words before it (see wordsBefore). */
	before: string[];
}

const MAX_NAME_TOKENS = 6;
const NO_WORDS: string[] = [];

/** Scans one source text for candidate names, links between them and type evidence. */
export function scanNames(text: string): NameScan {
	const tokens = tokenize(text);
	const candidates: Candidate[] = [];
	const segments: Segment[] = [];
	let group = 0;
	let lineStart = -1;
	let lineEnd = -1;
	let headline = false;

	const emitGroup = (first: number, last: number) => {
		const g = group++;
		for (let i = first; i <= last; i++) {
			for (let j = i; j <= last && j < i + MAX_NAME_TOKENS; j++) {
				if (j > i && !tokens[j].joined) break;
				const start = tokens[i].start;
				const end = tokens[j].end;
				const surface = text.slice(start, end);
				candidates.push({ start, end, text: surface, key: i === j ? tokens[i].key : nameKey(surface), strong: false, group: g });
			}
		}
	};

	const quotes = new QuotedTitles(text);
	for (let r = 0; r < tokens.length; ) {
		let e = r + 1;
		while (e < tokens.length && tokens[e].joined) e++;
		const first = tokens[r];
		if (first.start >= lineEnd) {
			lineStart = text.lastIndexOf('\n', first.start) + 1;
			lineEnd = text.indexOf('\n', first.start);
			if (lineEnd < 0) lineEnd = text.length;
			headline = isHeadline(text.slice(lineStart, lineEnd));
		}
		if (headline || quotes.inTitle(first.start, lineStart, lineEnd)) emitGroup(r, e - 1);
		else segmentRun(text, tokens, r, e - 1, lineStart, lineEnd, segments);
		r = e;
	}

	checkLowerCase(text, segments);
	const links: NameLink[] = [];
	const pairs: Array<[string, string]> = [];
	relateSegments(text, tokens, segments, links, pairs);

	for (const s of segments) {
		if (s.split) emitGroup(s.first, s.last);
		else candidates.push({ start: s.start, end: s.end, text: s.text, key: s.key, strong: s.strong, votes: s.votes });
	}
	linkSurnames(segments, candidates, links);
	candidates.sort((a, b) => a.start - b.start || b.end - a.end);
	return { candidates, links, pairs };
}

/**
 * Quoted Title Case phrases ("“Software as a Disservice”") are titles, not names: like headlines,
 * they only mention names known from elsewhere. Walks the quote marks once, in step with the runs.
 */
class QuotedTitles {
	private readonly marks: number[] = [];
	private next = 0;
	private readonly verdicts = new Map<number, boolean>();

	constructor(private readonly text: string) {
		for (const mark of ['“', '”', '"']) for (let i = text.indexOf(mark); i >= 0; i = text.indexOf(mark, i + 1)) this.marks.push(i);
		this.marks.sort((a, b) => a - b);
	}

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

type TokenRole = 'name' | 'break' | 'title' | 'title2';

/** Capitalized titles that split a run ("OpenAI CEO Sam Altman"); generic job nouns ("Officer", "Head") do not. */
const NAME_TITLES = new Set([...TITLES].filter((t) => !['executive', 'researcher', 'scientist', 'engineer', 'reporter', 'editor', 'correspondent', 'columnist', 'investor', 'trader'].includes(t)));

function tokenRole(tokens: Token[], i: number, last: number): TokenRole {
	const t = tokens[i];
	if (t.digit || t.text.length === 1 || CONTRACTION_RE.test(t.text)) return 'break';
	// "Let's", "It's", "That's": contractions, not possessives.
	if (t.possessive && (t.key === 'let' || infoOf(t).closed)) return 'break';
	if (i < last && tokens[i + 1].joined && TWO_WORD_TITLES.has(`${t.key} ${tokens[i + 1].key}`)) return 'title2';
	if (NAME_TITLES.has(t.key)) return 'title';
	// Acronyms are not function words: "US" is not "us", "IT" not "it".
	if (t.allCaps && (t.key.length <= 2 || t.text.includes('.'))) return 'name';
	const info = infoOf(t);
	return info.closed || info.date ? 'break' : 'name';
}

/** Splits one run of capitalized words (not in a headline) into segments: titles, function words and dates break it. */
function segmentRun(text: string, tokens: Token[], r: number, last: number, lineStart: number, lineEnd: number, out: Segment[]): void {
	const runInitial = startsSentence(text, tokens[r].start);
	let segFirst = -1;
	for (let i = r; i <= last + 1; i++) {
		// Past the run's end everything closes; within it, a non-name token (or a gap) closes the open segment.
		const role = i > last ? 'break' : tokenRole(tokens, i, last);
		if (role === 'name' && (segFirst < 0 || tokens[i].joined)) {
			if (segFirst < 0) segFirst = i;
			continue;
		}
		if (segFirst >= 0) {
			let b = i - 1;
			// Initials and vocabulary abbreviations ("U.S. AI") do not end a name; initials alone are none.
			while (b > segFirst && (isInitial(tokens[b]) || (tokens[b].allCaps && COMMON_ACRONYMS.has(tokens[b].key)))) b--;
			if (!isInitial(tokens[b])) out.push(makeSegment(text, tokens, segFirst, b, segFirst === r && runInitial, lineStart, lineEnd));
			segFirst = role === 'name' ? i : -1;
		}
		if (role === 'title2') i++;
	}
}

function isInitial(t: Token): boolean {
	return t.text.length === 2 && t.text.endsWith('.');
}

function makeSegment(text: string, tokens: Token[], a: number, b: number, sentenceInitial: boolean, lineStart: number, lineEnd: number): Segment {
	const start = tokens[a].start;
	const end = tokens[b].end;
	const surface = text.slice(start, end);
	const key = a === b ? tokens[a].key : nameKey(surface);
	const votes: Votes = [0, 0, 0];
	const seg: Segment = { first: a, last: b, start, end, key, text: surface, sentenceInitial, votes, strong: true, checkLower: false, split: false, vocabulary: false, before: NO_WORDS };
	const n = b - a + 1;
	const single = n === 1 ? tokens[a] : undefined;
	if (n > MAX_NAME_TOKENS) {
		seg.strong = false;
		seg.split = true;
		return seg;
	}
	const info = single ? infoOf(single) : wordInfo(key);
	if (single && ((single.allCaps && (key.length <= 2 || COMMON_ACRONYMS.has(key))) || info.demonym || (key.endsWith('s') && wordInfo(key.slice(0, -1)).demonym))) {
		seg.strong = false;
		seg.vocabulary = true;
		return seg;
	}
	seg.before = wordsBefore(text, start, lineStart, 3);
	addContextVotes(text, tokens[b], seg.before, end, lineEnd, votes);
	const cue = votes[0] >= 1 || votes[1] >= 1 || votes[2] >= 1;
	if (sentenceInitial) {
		if (single) seg.strong = cue || info.place || info.org;
		else {
			const firstInfo = infoOf(tokens[a]);
			const firstIsName = firstInfo.firstName || firstInfo.place || firstInfo.org || !firstInfo.common;
			if (!cue && !firstIsName && !info.place && !info.org) {
				seg.strong = false;
				seg.split = true;
			}
		}
	} else if (!cue) {
		seg.checkLower = true;
	}
	return seg;
}

/** Type evidence from the words around one mention. */
function addContextVotes(text: string, lastToken: Token, raw: string[], end: number, lineEnd: number, votes: Votes): void {
	const w = raw.length === 0 ? raw : raw.map((x) => x.replace('^', ''));
	// People are not "the X": "the Senate, who", "the Pacific, the ..." say nothing of persons.
	const afterThe = w[0] === 'the';
	if (w.length > 0) {
		const [w1, w2, w3] = w;
		// Head nouns are lower case: "technology giant Foxconn", not "United States Congress".
		const noun1 = !raw[0].startsWith('^');
		if (TITLES.has(w1) || (w2 !== undefined && TWO_WORD_TITLES.has(`${w2} ${w1}`))) votes[1] += 3;
		else if ((w1 === 'of' || w1 === 'at') && w2 !== undefined && ORG_ROLE_TITLES.has(w2)) votes[0] += 1;
		else if (w1 === 'the' && (w2 === 'of' || w2 === 'at') && w3 !== undefined && ORG_ROLE_TITLES.has(w3)) votes[0] += 1;
		else if (noun1 && ORG_NOUNS.has(w1)) votes[0] += 2;
		else if ((noun1 && PLACE_NOUNS.has(w1)) || (w1 === 'of' && w2 !== undefined && !raw[1].startsWith('^') && PLACE_NOUNS.has(w2))) votes[2] += 2;
		else if (w1 === 'with' && w2 !== undefined && DEAL_WORDS.has(w2)) votes[0] += 1;
		else if (w1.endsWith('-based')) votes[0] += 1;
		else if (w1 === 'is' && w2 === 'name') votes[1] += 2;
		else if (/['’]s$/.test(w1) && placeLike(w1.slice(0, -2))) votes[0] += 1;
	}
	if (lastToken.hyphenWord) {
		if (HYPHEN_PLACE.has(lastToken.hyphenWord)) votes[2] += 2;
		return;
	}
	const next = text.charCodeAt(end);
	if (next !== 32 && next !== 44 && !lastToken.possessive) return;
	const after = next === 32 ? '' : text.slice(end, Math.min(lineEnd, end + 100));
	if (lastToken.possessive) {
		const words = after.replace(/^['’]s?/, '').split(/\s+/, 5).slice(1, 4);
		for (const word of words) {
			const lw = word.toLowerCase().replace(/[^\p{L}-]/gu, '');
			if (BUSINESS_NOUNS.has(lw)) {
				votes[0] += 2;
				break;
			}
			if (/[,.;:]$/.test(word)) break;
		}
		return;
	}
	if (next === 32) {
		// "OpenAI CEO", "Foxconn chairman", "Bloomberg Intelligence analyst"; "the Trump administration".
		const w1End = wordEnd(text, end + 1);
		const n1 = text.slice(end + 1, w1End).toLowerCase();
		if (!ROLE_FIRST_WORDS.has(n1)) return;
		const n2 = text.charCodeAt(w1End) === 32 ? text.slice(w1End + 1, wordEnd(text, w1End + 1)).toLowerCase() : '';
		if (ORG_ROLE_TITLES.has(n1) || ORG_ROLE_TITLES.has(`${n1} ${n2}`)) votes[0] += 2;
		else if ((n1 === 'administration' || n1 === 'presidency') && afterThe) votes[1] += 2;
		return;
	}
	if (/^,\s+who\s/.test(after)) {
		if (!afterThe) votes[1] += 0.5;
		return;
	}
	const app = APPOSITIVE_RE.exec(after);
	if (!app) return;
	// "Intrinsic, a robotics company under Alphabet"; "Sam Altman, CEO of OpenAI": the head noun is
	// the word before the first preposition (or the phrase's end); "the nation is called" has none.
	const words = app[2].trim().split(/\s+/, 10);
	let k = words.findIndex((x) => APPOSITIVE_STOPS.has(x.toLowerCase()));
	if (k < 0) {
		if (app[2].length >= 90) return;
		k = words.length;
	}
	const head = words[k - 1];
	if (!head || /['’]s$/.test(head) || /^\p{Lu}\p{Ll}/u.test(head)) return;
	const lw = head.toLowerCase().replace(/[^\p{L}-]/gu, '');
	const kind: number = ORG_NOUNS.has(lw) ? 0 : TITLES.has(lw) || PERSON_NOUNS.has(lw) ? 1 : PLACE_NOUNS.has(lw) ? 2 : -1;
	if (kind < 0 || (kind === 1 && afterThe)) return;
	const lead = app[1].length > 0 || /['’]s$/.test(words[0] ?? '');
	// Without an article only a title reads as an apposition (", CEO of OpenAI"), not a list (", state, and local").
	if (lead || (kind === 1 && k === 1)) votes[kind] += 3;
}

/** A country, region or city by compromise's lexicon or the built-in alias table ("Japan" in "Japan's SoftBank"). */
function placeLike(word: string): boolean {
	return wordInfo(word).place || word === 'america' || word === 'britain';
}

/** Mid-sentence capitals the same text also writes in lower case ("Robotics", "Artificial Intelligence") are not names. */
function checkLowerCase(text: string, segments: Segment[]): void {
	const pending = new Map<string, Segment[]>();
	for (const s of segments) {
		if (!s.checkLower) continue;
		s.checkLower = false;
		if (/[^\p{L} '’-]/u.test(s.text) || s.key.length <= 2) continue;
		const lower = s.text.toLowerCase();
		const list = pending.get(lower);
		if (list) list.push(s);
		else pending.set(lower, [s]);
	}
	// One pass of a trie-shaped regex; rebuilt without the words already found once a few are, so
	// common words ("government") stop matching again and again.
	const compile = () => new RegExp(`(?<![A-Za-z\u00C0-\u024F])(?:${trieRegex([...pending.keys()])})(?![A-Za-z\u00C0-\u024F])`, 'g');
	let re = pending.size > 0 ? compile() : undefined;
	let found = 0;
	while (re) {
		const m = re.exec(text);
		if (!m) break;
		for (const s of pending.get(m[0]) ?? []) s.strong = false;
		if (pending.delete(m[0]) && ++found * 4 >= pending.size + found) {
			if (pending.size === 0) break;
			const at = re.lastIndex;
			re = compile();
			re.lastIndex = at;
			found = 0;
		}
	}
}

/**
 * A regex alternation of words shaped as a trie ("ab|ac" → "a(?:b|c)"): the engine then tries a
 * few characters per position instead of every word. The words hold only letters, spaces,
 * apostrophes and hyphens, none special in a regex.
 */
function trieRegex(words: string[]): string {
	words.sort();
	const build = (lo: number, hi: number, depth: number): string => {
		const parts: string[] = [];
		let i = lo;
		let optional = false;
		while (i < hi) {
			if (words[i].length === depth) {
				optional = true;
				i++;
				continue;
			}
			const c = words[i][depth];
			let j = i + 1;
			while (j < hi && words[j][depth] === c) j++;
			parts.push(c + build(i, j, depth + 1));
			i = j;
		}
		if (parts.length === 0) return '';
		const body = parts.length === 1 ? parts[0] : `(?:${parts.join('|')})`;
		return optional ? `(?:${body})?` : body;
	};
	return build(0, words.length, 0);
}

/** Alias phrases, parenthesized alternatives, coordination and list cues between neighbouring segments. */
function relateSegments(text: string, tokens: Token[], segments: Segment[], links: NameLink[], pairs: Array<[string, string]>): void {
	let listVotes: Votes | undefined;
	for (let i = 0; i < segments.length; i++) {
		const s = segments[i];
		const kind = listKind(s.before);
		if (kind >= 0) {
			listVotes = [0, 0, 0];
			listVotes[kind] = 2;
		}
		if (listVotes) {
			for (let k = 0; k < 3; k++) s.votes[k] += listVotes[k];
			if (!s.split && !s.sentenceInitial && !s.vocabulary) s.strong = true;
		}
		const n = segments[i + 1];
		if (!n || n.start - s.end > 48) {
			listVotes = undefined;
			continue;
		}
		const gap = text.slice(s.end, n.start);
		if (listVotes && (gap.length > 6 || !LIST_GAP_RE.test(gap))) listVotes = undefined;
		if (s.split || n.split || tokens[s.last].possessive) continue;
		if (s.vocabulary || n.vocabulary) continue;
		const aliasWords = gap.length > 4 && (gap.includes(' as ') || gap.includes('ly ') || gap.includes('née ') || gap.includes('k.a'));
		if (aliasWords && (ALIAS_GAP_RE.test(gap) || FORMERLY_GAP_RE.test(gap))) {
			links.push({ a: s.key, b: n.key, kind: 'alias' });
			s.strong = n.strong = true;
		} else if (gap === ' (' && text.charAt(n.end) === ')' && parentheticalAlias(tokens, s, n)) {
			links.push({ a: s.key, b: n.key, kind: 'alias' });
			s.strong = n.strong = true;
		} else if (gap.length <= 7 && PAIR_GAP_RE.test(gap) && !tokens[n.last].possessive) {
			pairs.push([s.key, n.key]);
		}
	}
}

/**
 * Whether "outer (inner)" gives a second name: an acronym of the outer's initials ("Securities and
 * Exchange Commission (SEC)"), or a legal name and the short one either way round ("Hon Hai
 * Technology Group (Foxconn)"). Not "Foxconn (Taiwan)", not "the Pacific (Nicaragua Canal)".
 */
function parentheticalAlias(tokens: Token[], outer: Segment, inner: Segment): boolean {
	if (COMMON_ACRONYMS.has(inner.key) || wordInfo(inner.key).place !== wordInfo(outer.key).place) return false;
	if (inner.first === inner.last && tokens[inner.first].allCaps) {
		const initials = outer.key.split(/[\s-]+/).filter((w) => !['of', 'the', 'and', 'for', '&', 'de'].includes(w)).map((w) => w[0]).join('');
		return initials.length >= 2 && initials.startsWith(inner.key.replace(/[^a-z]/g, '').slice(0, 2)) && inner.key.length <= initials.length + 1;
	}
	const legal = (s: Segment) => s.last > s.first && isOrgWord(tokens[s.last].key);
	return (legal(outer) && inner.first === inner.last) || (legal(inner) && outer.first === outer.last);
}

const GENERATIONAL = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

/** A surname alone after the person's full name in the same text ("Tseng" after "Steven Tseng") names that person. */
function linkSurnames(segments: Segment[], candidates: Candidate[], links: NameLink[]): void {
	const full = new Map<string, { key: string; start: number } | null>();
	for (const s of segments) {
		if (s.split || s.first === s.last || !s.strong) continue;
		const words = s.key.split(' ');
		if (words.length < 2 || words.length > 4) continue;
		const firstInfo = wordInfo(words[0]);
		const person = s.votes[1] >= 3 && s.votes[1] > s.votes[0] && s.votes[1] > s.votes[2] || firstInfo.firstName && !firstInfo.place && !wordInfo(s.key).place && s.votes[0] < 2;
		if (!person) continue;
		let surname = words[words.length - 1];
		if (GENERATIONAL.has(surname)) surname = words[words.length - 2];
		const info = wordInfo(surname);
		if (info.place || info.org || info.closed || info.demonym || (info.common && !info.lastName) || isOrgWord(surname) || surname.length < 2) continue;
		if (surname.endsWith('s') && wordInfo(surname.slice(0, -1)).demonym) continue;
		const prev = full.get(surname);
		if (prev === undefined) full.set(surname, { key: s.key, start: s.start });
		else if (prev && prev.key !== s.key) full.set(surname, null);
	}
	if (full.size === 0) return;
	const linked = new Set<string>();
	for (const c of candidates) {
		if (c.group !== undefined) continue;
		const f = full.get(c.key);
		if (!f || c.start <= f.start) continue;
		c.linkKey = f.key;
		if (!linked.has(c.key)) {
			linked.add(c.key);
			links.push({ a: c.key, b: f.key, kind: 'surname' });
		}
	}
}
