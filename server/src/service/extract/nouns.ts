/**
 * The noun a count counts: "25 million U.S. homes" counts `home`, "900,000 people" counts `person`.
 * No tagger is fast enough for index time, so the head noun is found by shape: skip a few modifiers
 * (proper names, acronyms, adjectives, noun adjuncts) up to the first plural word.
 */

/** The counted noun read after a number. */
export interface CountNoun {
	/** Singular, lower-cased. */
	noun: string;
	/** Offset just past the noun. */
	end: number;
}

const NEXT_WORD = /[ \u00a0\u202f]+([A-Za-z][A-Za-z'’.-]*)/y;

/** Words that end a noun phrase: a count followed by one of these counts nothing we can name. */
const STOP = new Set(
	(
		'a an the of to in on at by for from with and or nor but as than that which who whom whose what ' +
		'is are was were be been being has have had do does did will would can could may might must shall should ' +
		'this these those it its they them their he she his her we our you your i me my us ' +
		'per each every apiece times percent cent alone so also not only just about over under into after before since ' +
		'until while when where if because then there here out up down off between among through during across ' +
		'against toward towards via like including such both either all any some no most more less fewer ' +
		'said says rose fell grew jumped dropped declined increased decreased climbed reached added lost gained ' +
		'made took came went saw got remained became included includes include year-on-year year-over-year ' +
		'thousand million billion trillion hundred dozen lakh crore ' +
		'january february march april may june july august september october november december'
	).split(' '),
);

/** Words that end in s but are not plurals. */
const NOT_PLURAL = new Set(
	(
		'its this his hers ours yours theirs has was is as us yes thus plus minus perhaps always towards afterwards ' +
		'besides across less unless news series species means whereas sometimes nowadays analysis basis crisis ' +
		'status bonus census campus virus chassis canvas gas bias atlas lens'
	).split(' '),
);

const IRREGULAR = new Map<string, string>([
	['people', 'person'], ['persons', 'person'], ['children', 'child'], ['men', 'man'], ['women', 'woman'],
	['mice', 'mouse'], ['geese', 'goose'], ['teeth', 'tooth'], ['criteria', 'criterion'], ['phenomena', 'phenomenon'],
	['indices', 'index'], ['analyses', 'analysis'], ['crises', 'crisis'], ['lives', 'life'], ['wives', 'wife'],
	['knives', 'knife'], ['halves', 'half'], ['shelves', 'shelf'], ['movies', 'movie'], ['cookies', 'cookie'],
	['calories', 'calorie'], ['rookies', 'rookie'], ['selfies', 'selfie'], ['lies', 'lie'], ['ties', 'tie'], ['pies', 'pie'],
]);
const IRREGULAR_PLURAL = new Map<string, string>([...IRREGULAR].filter(([p]) => p !== 'persons').map(([p, s]) => [s, p]));

/** The singular of a lower-cased plural, or undefined when `w` does not look like a plural. */
export function singularOf(w: string): string | undefined {
	const irregular = IRREGULAR.get(w);
	if (irregular) return irregular;
	if (w.length < 3 || w.charCodeAt(w.length - 1) !== 115 /* s */) return undefined;
	if (/(?:ss|us|is|ous|['’]s)$/.test(w) || NOT_PLURAL.has(w)) return undefined;
	if (w.endsWith('ies') && w.length > 4 && !/[aeiou]ies$/.test(w)) return `${w.slice(0, -3)}y`;
	if (/(?:ches|shes|sses|xes|zzes)$/.test(w)) return w.slice(0, -2);
	return w.slice(0, -1);
}

/** The plural of a singular noun, the inverse of {@link singularOf} for the usual cases. */
export function pluralOf(w: string): string {
	const irregular = IRREGULAR_PLURAL.get(w);
	if (irregular) return irregular;
	if (/[^aeiou]y$/.test(w)) return `${w.slice(0, -1)}ies`;
	if (/(?:ch|sh|ss|x|z)$/.test(w)) return `${w}es`;
	return `${w}s`;
}

const TITLE = /^[A-Z][a-z]/;

function continuesPhrase(text: string, pos: number): boolean {
	NEXT_WORD.lastIndex = pos;
	const m = NEXT_WORD.exec(text);
	if (!m) return false;
	const c = m[1]!.charCodeAt(0);
	return c >= 97 && c <= 122 && !STOP.has(m[1]!.toLowerCase());
}

/** How many modifiers may stand between a number and its noun ("30 new U.S. data centers"). */
const MAX_MODIFIERS = 3;

/**
 * Reads the noun counted by a number that ends at `pos`, or undefined when no plural noun follows
 * within a few modifiers. Singular nouns are not read: after a number other than one they are
 * adjuncts ("a 5-star hotel") or names ("Windows 11 update").
 */
export function readCountNoun(text: string, pos: number): CountNoun | undefined {
	let p = pos;
	for (let i = 0; i <= MAX_MODIFIERS; i++) {
		NEXT_WORD.lastIndex = p;
		const m = NEXT_WORD.exec(text);
		if (!m) return undefined;
		let w = m[1]!;
		let end = p + m[0].length;
		// a sentence's full stop is not part of the word; an abbreviation's dots are ("U.S.")
		if (w.endsWith('.') && w.indexOf('.') === w.length - 1) {
			w = w.slice(0, -1);
			end--;
		}
		while (w.endsWith('-') || w.endsWith("'") || w.endsWith('’')) {
			w = w.slice(0, -1);
			end--;
		}
		const lower = w.toLowerCase();
		if (STOP.has(lower)) return undefined;
		if (!/[.'’]/.test(w)) {
			const noun = singularOf(lower);
			// a capitalized word in s before more of the phrase is a name ("5 Texas plants")
			if (noun !== undefined && !(TITLE.test(w) && continuesPhrase(text, end))) return { noun, end };
		}
		// possessives end the phrase: "2025’s" belongs to what follows, not to the number
		if (/['’]s$/.test(w)) return undefined;
		p = end;
	}
	return undefined;
}
