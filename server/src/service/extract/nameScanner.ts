/**
 * Finds candidate names in one text: capitalized runs split at titles and function words, weighed
 * by position (sentence start, headline) and context, linked by alias phrases and surnames.
 * Knows nothing of other texts; what a candidate resolves to is EntityIndex's business.
 */
import { COMMON_ACRONYMS, TITLES, TWO_WORD_TITLES, isOrgWord, nameKey, wordInfo } from './entityWords';
import { NO_WORDS_BEFORE, type Votes, type WordsBefore, addContextVotes, listKind, newVotes, wordsBefore } from './nameContext';
import { QuotedTitles, type Token, infoOf, isHeadline, startsSentence, tokenize, writtenInLowerCase } from './nameTokens';

export type { Votes } from './nameContext';
export type { Token } from './nameTokens';
export { tokenize } from './nameTokens';

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

const CONTRACTION_RE = /['’](?:t|m|ll|ve|re|d)$/i;
const ALIAS_GAP_RE = /^\s*(?:(?:,|—|–|\s-|\()\s*(?:also|legally|officially|formally|formerly|better|commonly|previously|popularly|widely|now|sometimes)\s+|\(\s*)(?:known|called|named|doing business|trading|branded)\s+as\s+(?:the\s+)?$/iu;
const FORMERLY_GAP_RE = /^\s*(?:,|\(|—|–)\s*(?:formerly|previously|née|aka|a\.k\.a\.)\s+$/iu;
const PAIR_GAP_RE = /^(?:,?\s+(?:and|or|&)\s+|\s*\/\s*)$/u;
const LIST_GAP_RE = /^(?:,\s+|,?\s+(?:and|or)\s+)$/u;

/** A candidate while its text is scanned: the run of tokens it covers and what decides its fate. */
interface Segment extends Candidate {
	/** Token indices [first, last]. */
	first: number;
	last: number;
	sentenceInitial: boolean;
	votes: Votes;
	/** Weak, awaiting the lower-case check: strong unless the text also writes it in lower case. */
	checkLower: boolean;
	/** Weak and to be split into alternatives (a group). */
	split: boolean;
	/** A vocabulary word (demonym, common abbreviation): never a name by context alone. */
	vocabulary: boolean;
	/** The words before it. */
	before: WordsBefore;
}

const MAX_NAME_TOKENS = 6;

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
				candidates.push(candidate(start, end, surface, i === j ? tokens[i].key : nameKey(surface), false, g, undefined));
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
		if (headline || quotes.inTitle(first.start, lineStart, lineEnd) || shouting(tokens, r, e - 1)) emitGroup(r, e - 1);
		else segmentRun(text, tokens, r, e - 1, lineStart, lineEnd, segments);
		r = e;
	}

	checkLowerCase(text, segments);
	const links: NameLink[] = [];
	const pairs: Array<[string, string]> = [];
	relateSegments(text, tokens, segments, links, pairs);

	for (const s of segments) {
		if (s.split) emitGroup(s.first, s.last);
		else candidates.push(candidate(s.start, s.end, s.text, s.key, s.strong, undefined, s.votes));
	}
	linkSurnames(segments, candidates, links);
	candidates.sort((a, b) => a.start - b.start || b.end - a.end);
	return { candidates, links, pairs };
}

/**
 * A candidate, every one made here with the same properties in the same order, unset ones
 * undefined: candidates of several shapes (segments, group alternatives, a link key added later)
 * made V8 throw away the optimized code of their readers (packRecord here; the entity index's
 * counting and resolving, of unpacked ones) when a new shape came by, and compile it again.
 */
export function candidate(start: number, end: number, text: string, key: string, strong: boolean, group: number | undefined, votes: Votes | undefined, linkKey?: string): Candidate {
	return { start, end, text, key, strong, linkKey, group, votes };
}

/** A run of two or more words in capitals ("DEPARTMENT OF LABOR"): a heading, read like a headline. */
function shouting(tokens: Token[], first: number, last: number): boolean {
	if (last === first) return false;
	for (let i = first; i <= last; i++) if (!tokens[i].allCaps || tokens[i].text.includes('.')) return false;
	return true;
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
	// "Senators Smith and Jones": a title's plural stands before names too
	if (NAME_TITLES.has(t.key) || (t.key.length > 3 && t.key.endsWith('s') && NAME_TITLES.has(t.key.slice(0, -1)))) return 'title';
	// Acronyms are not function words: "US" is not "us", "IT" not "it"; nor date words: "SEC" is not
	// "sec" (a month in capitals is weak all the same: see makeSegment)
	const info = infoOf(t);
	if (t.allCaps && (t.key.length <= 2 || t.text.includes('.') || (info.date && !info.closed))) return 'name';
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
			if (!isInitial(tokens[b])) {
				// "Jane Smith of Goldman Sachs": two names
				const k = affiliation(text, tokens, segFirst, b);
				out.push(makeSegment(text, tokens, segFirst, k < 0 ? b : k - 1, segFirst === r && runInitial, lineStart, lineEnd));
				if (k >= 0) out.push(makeSegment(text, tokens, k, b, false, lineStart, lineEnd));
			}
			segFirst = role === 'name' ? i : -1;
		}
		if (role === 'title2') {
			i++;
			// "Chief Executive Officer Maria González": the third word is the title's too
			if (i < last && tokens[i + 1].joined && tokens[i + 1].key === 'officer') i++;
		}
	}
}

/**
 * Where a person's name is followed by where they work or come from, joined by "of" ("Jane Smith
 * of Goldman Sachs", "Alan Turing-Smith of the University of Manchester"): the token that starts
 * the second name, or -1. The first part must look like a person's full name: two words or more,
 * the first a first name that is not a place, the last a surname and not a plain word ("Virginia
 * Bill of Rights" stays whole), none an organization's word ("Albert Einstein College of Medicine");
 * one word before "of" is a name of its own ("Catherine of Aragon").
 */
function affiliation(text: string, tokens: Token[], a: number, b: number): number {
	if (b - a < 2) return -1;
	const first = infoOf(tokens[a]);
	if (!first.firstName || first.place || first.org || tokens[a].allCaps) return -1;
	for (let k = a + 2; k <= b; k++) {
		const gap = text.slice(tokens[k - 1].end, tokens[k].start);
		if (gap !== ' of ' && gap !== ' of the ') continue;
		for (let j = a; j < k; j++) if (isOrgWord(tokens[j].key) || tokens[j].possessive) return -1;
		// a surname ends it: not a plain word ("Virginia Bill of Rights")
		const surname = infoOf(tokens[k - 1]);
		return surname.common && !surname.lastName ? -1 : k;
	}
	return -1;
}

/** "Americans", "Senators": plurals of demonyms and titles are vocabulary, not names. */
function vocabularyPlural(singular: string): boolean {
	return TITLES.has(singular) || wordInfo(singular).demonym;
}

function isInitial(t: Token): boolean {
	return t.text.length === 2 && t.text.endsWith('.');
}

function makeSegment(text: string, tokens: Token[], a: number, b: number, sentenceInitial: boolean, lineStart: number, lineEnd: number): Segment {
	const start = tokens[a].start;
	const end = tokens[b].end;
	const surface = text.slice(start, end);
	const key = a === b ? tokens[a].key : nameKey(surface);
	const votes = newVotes();
	const seg: Segment = { first: a, last: b, start, end, key, text: surface, sentenceInitial, votes, strong: true, checkLower: false, split: false, vocabulary: false, before: NO_WORDS_BEFORE };
	const n = b - a + 1;
	const single = n === 1 ? tokens[a] : undefined;
	if (n > MAX_NAME_TOKENS) {
		seg.strong = false;
		seg.split = true;
		return seg;
	}
	const info = single ? infoOf(single) : wordInfo(key);
	if (single && (single.allCaps ? key.length <= 2 || COMMON_ACRONYMS.has(key) : info.demonym || (key.endsWith('s') && vocabularyPlural(key.slice(0, -1))))) {
		seg.strong = false;
		seg.vocabulary = true;
		return seg;
	}
	seg.before = wordsBefore(text, start, lineStart);
	addContextVotes(text, tokens[b], seg.before, end, lineEnd, votes);
	const cue = votes[0] >= 1 || votes[1] >= 1 || votes[2] >= 1;
	if (single?.allCaps && key.length >= 4 && !single.text.includes('.')) {
		// A word in capitals ("STATES" in a table) is a name only by the lexicon (TAIPEI, NASA) or context.
		seg.strong = cue || info.place || info.org || info.firstName;
	} else if (sentenceInitial) {
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
	if (pending.size === 0) return;
	for (const phrase of writtenInLowerCase(text, [...pending.keys()])) for (const s of pending.get(phrase) ?? []) s.strong = false;
}

/** Alias phrases, parenthesized alternatives, coordination and list cues between neighbouring segments. */
function relateSegments(text: string, tokens: Token[], segments: Segment[], links: NameLink[], pairs: Array<[string, string]>): void {
	let listVotes: Votes | undefined;
	for (let i = 0; i < segments.length; i++) {
		const s = segments[i];
		const kind = listKind(s.before);
		if (kind >= 0) {
			listVotes = newVotes();
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
		if (joinsBeforeAcronym(text, tokens, segments, i, gap)) {
			// "Securities and Exchange Commission (SEC)": one name, related again as such
			segments.splice(i, 2, joined(text, s, n));
			i--;
			continue;
		}
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

/** The words an acronym may leave out ("Department of Energy (DOE)" may take the "o" of "of" or not). */
const ACRONYM_OPTIONAL = new Set(['of', 'the', 'and', 'for', '&', 'de']);

/**
 * Whether segments `i` and `i + 1`, joined by "and" or "&" (`gap`), are one name that the acronym
 * in parentheses after them abbreviates, and the second alone does not: "Securities and Exchange
 * Commission (SEC)", "Johnson & Johnson (J&J)"; not "Nvidia and Advanced Micro Devices (AMD)".
 */
function joinsBeforeAcronym(text: string, tokens: Token[], segments: Segment[], i: number, gap: string): boolean {
	const s = segments[i]!;
	const n = segments[i + 1]!;
	const acronym = segments[i + 2];
	if (gap !== ' and ' && gap !== ' & ') return false;
	if (!acronym || acronym.split || acronym.vocabulary || text.slice(n.end, acronym.start) !== ' (' || text.charAt(acronym.end) !== ')') return false;
	if (tokens[n.last].possessive || !isAcronym(tokens, acronym)) return false;
	return !abbreviatesName(acronym.key, n.key) && abbreviatesName(acronym.key, `${s.key} and ${n.key}`);
}

/** One segment for two joined by a conjunction: the first's place in the text and context, both's votes, strong. */
function joined(text: string, s: Segment, n: Segment): Segment {
	const surface = text.slice(s.start, n.end);
	const votes = newVotes(s.votes[0] + n.votes[0], s.votes[1] + n.votes[1], s.votes[2] + n.votes[2]);
	// (written out in makeSegment's order: a spread made segments of another shape, and V8 threw
	// away the optimized code reading segments when one came by)
	return { first: s.first, last: n.last, start: s.start, end: n.end, key: nameKey(surface), text: surface, sentenceInitial: s.sentenceInitial, votes, strong: true, checkLower: false, split: s.split, vocabulary: s.vocabulary, before: s.before };
}

/** A segment that is one word in capitals: an acronym. */
function isAcronym(tokens: Token[], s: Segment): boolean {
	return s.first === s.last && tokens[s.first]!.allCaps;
}

/** Whether an acronym (its key) abbreviates a name (its key): see `abbreviates`. */
function abbreviatesName(acronym: string, name: string): boolean {
	const words = name.split(/[\s-]+/);
	const letters = acronym.replace(/[^a-z]/g, '');
	const fits = (ws: readonly string[]) => {
		const content = ws.filter((w) => !ACRONYM_OPTIONAL.has(w)).length;
		return content >= 2 && letters.length >= 2 && letters.length <= content + 1 && abbreviates(letters, ws);
	};
	// a department's acronym may leave out "Department of" ("Department of Housing and Urban Development (HUD)")
	return fits(words) || (words.length > 3 && words[1] === 'of' && ACRONYM_HEADS.has(words[0]!) && fits(words.slice(2)));
}

/** The heads of a government body's name that its acronym may leave out, with the "of" after them. */
const ACRONYM_HEADS = new Set(['department', 'ministry', 'office']);

/**
 * Whether "outer (inner)" gives a second name: an acronym of the outer's words ("Federal Bureau of
 * Investigation (FBI)", "Northwind Traders (NWT)"; see `abbreviates`), or a legal name and the short
 * one either way round ("Hon Hai Technology Group (Foxconn)"). Not "Foxconn (Taiwan)", not "the
 * Pacific (Nicaragua Canal)".
 */
function parentheticalAlias(tokens: Token[], outer: Segment, inner: Segment): boolean {
	if (COMMON_ACRONYMS.has(inner.key) || wordInfo(inner.key).place !== wordInfo(outer.key).place) return false;
	if (isAcronym(tokens, inner)) return abbreviatesName(inner.key, outer.key);
	const legal = (s: Segment) => s.last > s.first && isOrgWord(tokens[s.last].key);
	return (legal(outer) && inner.first === inner.last) || (legal(inner) && outer.first === outer.last);
}

/**
 * Whether `letters` abbreviate the words: each word in turn gives its first letter and, after it,
 * none or more of its other letters in order ("SEC": Securities and Exchange Commission; "NWT":
 * NorthWind Traders; "TSMC"), as in Schwartz and Hearst's test (2003), with every word giving one
 * but the function words, which may give none ("DOE": Department Of Energy; "FBI": Federal Bureau of
 * Investigation).
 */
function abbreviates(letters: string, words: readonly string[]): boolean {
	const from = (k: number, w: number): boolean => {
		if (w === words.length) return k === letters.length;
		const word = words[w]!;
		if (ACRONYM_OPTIONAL.has(word) && from(k, w + 1)) return true;
		if (letters[k] !== word[0]) return false;
		// the word's first letter, then each longer run of its letters (found earliest first)
		let at = 1;
		for (let next = k + 1; ; next++) {
			if (from(next, w + 1)) return true;
			if (next >= letters.length) return false;
			at = word.indexOf(letters[next]!, at) + 1;
			if (at === 0) return false;
		}
	};
	return from(0, 0);
}

const GENERATIONAL = new Set(['jr', 'sr']);
const ROMAN_RE = /^[ivx]+$/;

/** A surname alone after the person's full name in the same text ("Tseng" after "Steven Tseng") names that person. */
function linkSurnames(segments: Segment[], candidates: Candidate[], links: NameLink[]): void {
	const full = new Map<string, { key: string; start: number } | null>();
	for (const s of segments) {
		if (s.split || s.first === s.last || !s.strong) continue;
		const words = s.key.split(' ');
		// "Catherine of Aragon", "George II": no surname to take.
		if (words.length < 2 || words.length > 4 || words.includes('of') || ROMAN_RE.test(words[words.length - 1])) continue;
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
