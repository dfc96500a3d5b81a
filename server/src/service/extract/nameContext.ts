/**
 * Type evidence from the words around a name: titles ("CEO Sam Altman"), head nouns ("technology
 * giant Foxconn", "Intrinsic, a robotics company"), possessives ("Nvidia's AI business"), lists
 * ("companies like Apple, Nvidia"). Plain English vocabulary, no names.
 */
import { BUSINESS_NOUNS, DOTTED_ABBREVIATIONS, ORG_NOUNS, ORG_ROLE_TITLES, PERSON_NOUNS, PLACE_NOUNS, TITLES, TWO_WORD_TITLES, wordInfo } from './entityWords';
import { type Token, isWordChar, wordEnd } from './nameTokens';

/** Type evidence: [organization, person, place]. */
export type Votes = [number, number, number];

/**
 * New votes, held as doubles from the start. Votes take halves ("a person, after a first name"),
 * and an array V8 made for small integers changes its elements' kind at the first half: code
 * optimized for one kind then meets the other and is thrown away ("wrong map"), which a cold
 * index paid as recompilations of the scanner's and the entity index's largest functions. A
 * literal with a fraction in it is made with double elements, and assigning integers keeps them.
 */
export function newVotes(org = 0, person = 0, place = 0): Votes {
	const v: Votes = [0.5, 0.5, 0.5];
	v[0] = org;
	v[1] = person;
	v[2] = place;
	return v;
}

const DEAL_WORDS = new Set([
	'partner', 'partners', 'partnered', 'partnering', 'partnership', 'partnerships', 'deal', 'deals',
	'agreement', 'agreements', 'contract', 'contracts', 'collaboration', 'collaborations', 'collaborate',
	'collaborates', 'collaborated', 'collaborating', 'venture', 'ventures', 'alliance', 'merger', 'up',
]);
const LIST_ORG_NOUNS = new Set(['companies', 'firms', 'rivals', 'customers', 'clients', 'suppliers', 'startups', 'makers', 'giants', 'brands', 'banks', 'manufacturers', 'organizations', 'businesses', 'chipmakers', 'automakers']);
const LIST_PLACE_NOUNS = new Set(['states', 'countries', 'cities', 'nations', 'regions', 'provinces', 'markets', 'places', 'locations', 'territories']);
const LIST_PERSON_NOUNS = new Set(['people', 'leaders', 'executives', 'officials', 'figures', 'founders', 'billionaires', 'politicians', 'presidents', 'ceos']);
const APPOSITIVE_RE = /^,\s+((?:(?:a|an|the|its|their|his|her|one of the|another|also a|now a|formerly a)\s+)?)([^,;:.()—–\n]{1,90})/iu;
const ROLE_FIRST_WORDS = new Set([...ORG_ROLE_TITLES].map((t) => t.split(' ')[0]).concat(['administration', 'presidency']));
const APPOSITIVE_STOPS = new Set(['of', 'in', 'at', 'for', 'under', 'with', 'from', 'to', 'that', 'which', 'who', 'whose', 'based', 'and', 'or', 'since', 'on', 'by', 'is', 'was', 'has', 'had', 'will', 'said']);
/** "the city of Taipei", "the state of Ohio" (not the literary "the province of Congress"). */
const PLACE_OF = new Set(['city', 'state', 'county', 'town', 'village', 'island', 'islands', 'republic', 'kingdom', 'region', 'district', 'municipality', 'prefecture', 'territory']);
const PREPOSITIONS = new Set(['of', 'in', 'from', 'at', 'to', 'for', 'with', 'by', 'on']);
/** ", Ohio" after a name, then a stop, a dash or ", on…" (not ", and", not another name: a list; not a verb: "Chamber, America has"). */
const WITHIN_PLACE_RE = /^,\s+(\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?)(?=\s*[.;:)–—]|,\s+(?!and\s|or\s)\p{Ll}|\s*$)/u;
const HYPHEN_PLACE = new Set(['based', 'listed', 'headquartered', 'born', 'made', 'built', 'bound']);

/** Up to three words right before a name, nearest first, lower-cased without periods. */
export interface WordsBefore {
	words: string[];
	/** Bit i set: word i was capitalized (a name, not a head noun). */
	caps: number;
}

/** No words before (the name starts its line, or follows punctuation). */
export const NO_WORDS_BEFORE: WordsBefore = { words: [], caps: 0 };

/** The words right before `pos` on its line; stops at punctuation and at a sentence's end ("countries. Under" has none). */
export function wordsBefore(text: string, pos: number, lineStart: number): WordsBefore {
	if (pos - 1 < lineStart || text.charCodeAt(pos - 1) !== 32) return NO_WORDS_BEFORE;
	const words: string[] = [];
	let caps = 0;
	let i = pos - 1;
	while (words.length < 3) {
		if (i < lineStart || text.charCodeAt(i) !== 32) break;
		while (i >= lineStart && text.charCodeAt(i) === 32) i--;
		const end = i + 1;
		while (i >= lineStart && isWordChar(text.charCodeAt(i))) i--;
		if (end === i + 1) break;
		let word = text.slice(i + 1, end);
		const c = word.charCodeAt(0);
		if ((c >= 65 && c <= 90) || (c > 127 && /^\p{Lu}/u.test(word))) caps |= 1 << words.length;
		word = word.toLowerCase();
		if (word.includes('.')) {
			const dotted = word.endsWith('.');
			word = word.replace(/\./g, '');
			// A period ending an ordinary word ends a sentence: stop there.
			if (dotted && word.length > 1 && !DOTTED_ABBREVIATIONS.has(word) && !/\.\p{L}\.$/u.test(text.slice(end - 3, end))) break;
		}
		words.push(word);
	}
	return { words, caps };
}

/** What kind of thing a list introduced by these words (see wordsBefore) holds ("companies like", "states such as"): 0 org, 1 person, 2 place, -1 none. */
export function listKind(before: WordsBefore): number {
	const w = before.words;
	if (w.length < 2) return -1;
	let noun: string | undefined;
	if (w[0] === 'like' || w[0] === 'including' || w[0] === 'include') noun = w[1];
	else if (w[0] === 'as' && w[1] === 'such') noun = w[2];
	if (!noun) return -1;
	return LIST_ORG_NOUNS.has(noun) ? 0 : LIST_PLACE_NOUNS.has(noun) ? 2 : LIST_PERSON_NOUNS.has(noun) ? 1 : -1;
}

/** Type evidence from the words around one mention. */
export function addContextVotes(text: string, lastToken: Token, before: WordsBefore, end: number, lineEnd: number, votes: Votes): void {
	const w = before.words;
	// People are not "the X": "the Senate, who", "the Pacific, the ..." say nothing of persons.
	const afterThe = w[0] === 'the';
	if (w.length > 0) {
		const [w1, w2, w3] = w;
		// Head nouns are lower case: "technology giant Foxconn", not "United States Congress".
		const noun1 = (before.caps & 1) === 0;
		if (TITLES.has(w1) || (w2 !== undefined && TWO_WORD_TITLES.has(`${w2} ${w1}`))) votes[1] += 3;
		else if ((w1 === 'of' || w1 === 'at') && w2 !== undefined && ORG_ROLE_TITLES.has(w2)) votes[0] += 1;
		else if (w1 === 'the' && (w2 === 'of' || w2 === 'at') && w3 !== undefined && ORG_ROLE_TITLES.has(w3)) votes[0] += 1;
		else if (noun1 && ORG_NOUNS.has(w1)) votes[0] += 2;
		else if ((noun1 && PLACE_NOUNS.has(w1)) || (w1 === 'of' && w2 !== undefined && (before.caps & 2) === 0 && PLACE_OF.has(w2))) votes[2] += 2;
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
	const within = WITHIN_PLACE_RE.exec(after);
	if (within && placeLike(within[1]!.toLowerCase())) {
		// "Columbus, Ohio –", "Seattle, Washington, on": a place within a place (not a list of them)
		votes[2] += 2;
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
	// People are not "the X", nor the object of a preposition ("George Gray, of Delaware, a judge").
	if (kind < 0 || (kind === 1 && (afterThe || PREPOSITIONS.has(w[0] ?? '')))) return;
	const lead = app[1].length > 0 || /['’]s$/.test(words[0] ?? '');
	// Without an article only a title reads as an apposition (", CEO of OpenAI"), not a list (", state, and local").
	if (lead || (kind === 1 && k === 1)) votes[kind] += 3;
}

/** A country, region or city by compromise's lexicon or the built-in alias table ("Japan" in "Japan's SoftBank"). */
function placeLike(word: string): boolean {
	return wordInfo(word).place || word === 'america' || word === 'britain';
}
