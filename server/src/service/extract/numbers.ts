/**
 * Numbers as English prose writes them: numerals with thousands separators and decimals, number
 * words ("thirty", "twenty-five", "a dozen", "half a"), and scale words and abbreviations
 * ("billion", "bn", "B", "lakh"). Readers take a position and use sticky regexes, so reading
 * allocates nothing per character.
 */

/** A number as written, with what is needed to know how precisely it was written. */
export interface Numeral {
	value: number;
	start: number;
	end: number;
	/** All the digits as one integer ("1.8" -> 18), so scaling is exact: value = mantissa / 10^decimals. */
	mantissa: number;
	/** Digits written after the decimal point (0 for integers and words). */
	decimals: number;
	/** Written in words ("thirty", "a dozen"). */
	words: boolean;
	/** Written with thousands separators ("1,400"). */
	grouped: boolean;
	/** Integer digits as written (4 for "2025"); 0 for words. */
	digits: number;
}

/** How a scale was written: a word ("billion"), a multi-letter abbreviation ("bn"), a letter ("B"). */
export type ScaleStyle = 'word' | 'abbr' | 'letter';

/** A scale after a number ("$1.4 trillion", "€5m"). */
export interface Scale {
	mult: number;
	start: number;
	end: number;
	/** The scale as written, without the separator before it. */
	token: string;
	style: ScaleStyle;
	/**
	 * A single letter glued to a bare number ("5m", "10K"): a scale only if a counted noun follows
	 * ("5m users"); otherwise it may be a unit (5 m) or part of a name (4K).
	 */
	weak: boolean;
}

/** Whether a UTF-16 code is an ASCII digit. */
export function isDigitCode(c: number): boolean {
	return c >= 48 && c <= 57;
}

/** Whether a UTF-16 code is a Latin letter, accented ones included (so "café5" is still glued). */
export function isLetterCode(c: number): boolean {
	return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** Whether a UTF-16 code is an ASCII capital. */
export function isUpperCode(c: number): boolean {
	return c >= 65 && c <= 90;
}

/** Space, no-break space, narrow no-break space, thin space. */
export function isSpaceCode(c: number): boolean {
	return c === 32 || c === 0xa0 || c === 0x202f || c === 0x2009;
}

const NUMERAL = /(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?/y;

/** Vulgar fractions: numerator, denominator. */
const FRACTION_CHARS = new Map<string, [number, number]>([
	['½', [1, 2]], ['¼', [1, 4]], ['¾', [3, 4]], ['⅓', [1, 3]], ['⅔', [2, 3]], ['⅛', [1, 8]], ['⅜', [3, 8]], ['⅝', [5, 8]], ['⅞', [7, 8]],
]);
/** The fraction of a mixed number after its whole part: "3½", "3 ½", "3 1/2" (not "3 1/2/2024" or "3 12/25"). */
const MIXED_FRACTION = new RegExp(`[ \\u00a0]?([${[...FRACTION_CHARS.keys()].join('')}])|[ \\u00a0]([1-7])\\/([2348])(?![\\d/])`, 'y');
/** Decimals that write a fraction's value (thirds: to two places). */
const FRACTION_DECIMALS: Record<number, number> = { 2: 1, 3: 2, 4: 2, 8: 3 };

/** The fraction that ends a mixed number whose whole part ends at `pos`. */
function readFraction(text: string, pos: number): { value: number; decimals: number; end: number } | undefined {
	MIXED_FRACTION.lastIndex = pos;
	const m = MIXED_FRACTION.exec(text);
	if (!m) return undefined;
	const [n, d] = m[1] ? FRACTION_CHARS.get(m[1])! : [Number(m[2]), Number(m[3])];
	if (n >= d) return undefined;
	return { value: n / d, decimals: FRACTION_DECIMALS[d]!, end: pos + m[0].length };
}

/** Reads a numeral at `pos`; undefined when it runs on into something that is not a number ("3.2.1", "1,23"). */
export function readNumeral(text: string, pos: number): Numeral | undefined {
	NUMERAL.lastIndex = pos;
	const m = NUMERAL.exec(text);
	if (!m) return undefined;
	const end = pos + m[0].length;
	const next = text.charCodeAt(end);
	if (isDigitCode(next)) return undefined;
	// a second decimal point or a separator not in thousands: a version, section or list
	if ((next === 46 || next === 44) && isDigitCode(text.charCodeAt(end + 1))) return undefined;
	const intPart = m[1]!;
	const grouped = intPart.length > 3 && intPart.includes(',');
	const digits = grouped ? intPart.replace(/,/g, '') : intPart;
	const frac = m[2];
	if (!frac) {
		const mixed = readFraction(text, end);
		if (mixed) {
			const value = Number(digits) + mixed.value;
			return { value, start: pos, end: mixed.end, mantissa: Math.round(value * pow10(mixed.decimals)), decimals: mixed.decimals, words: false, grouped, digits: digits.length };
		}
	}
	const mantissa = Number(frac ? digits + frac : digits);
	return {
		value: frac ? mantissa / pow10(frac.length) : mantissa,
		start: pos,
		end,
		mantissa,
		decimals: frac ? frac.length : 0,
		words: false,
		grouped,
		digits: digits.length,
	};
}

const SMALL = new Map<string, number>([
	['zero', 0], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7],
	['eight', 8], ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14],
	['fifteen', 15], ['sixteen', 16], ['seventeen', 17], ['eighteen', 18], ['nineteen', 19],
]);
const TENS = new Map<string, number>([
	['twenty', 20], ['thirty', 30], ['forty', 40], ['fifty', 50], ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90],
]);
const SCALE_WORDS = new Set(['thousand', 'million', 'billion', 'trillion', 'lakh', 'crore']);

/** Number words as a regex source, for the extractor's one pass over the text (first letter either case). */
export const NUMBER_WORDS_SOURCE = [...SMALL.keys(), ...TENS.keys()]
	.map((w) => `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}`)
	.join('|');

const WORD = /[A-Za-z]+/y;
const SEP_WORD = /[ \u00a0-]([A-Za-z]+)/y;

interface WordAt {
	lower: string;
	end: number;
}

function wordAt(text: string, pos: number): WordAt | undefined {
	WORD.lastIndex = pos;
	const m = WORD.exec(text);
	return m ? { lower: m[0].toLowerCase(), end: pos + m[0].length } : undefined;
}

/** The word after one separator (space or hyphen) at `pos`. */
function nextWord(text: string, pos: number): WordAt | undefined {
	SEP_WORD.lastIndex = pos;
	const m = SEP_WORD.exec(text);
	return m ? { lower: m[1]!.toLowerCase(), end: pos + m[0].length } : undefined;
}

/** One to ninety-nine in words. */
function readBelowHundred(text: string, w: WordAt): { value: number; end: number } | undefined {
	const small = SMALL.get(w.lower);
	if (small !== undefined) return { value: small, end: w.end };
	const tens = TENS.get(w.lower);
	if (tens === undefined) return undefined;
	const u = nextWord(text, w.end);
	const unit = u ? SMALL.get(u.lower) : undefined;
	if (u && unit !== undefined && unit >= 1 && unit <= 9) return { value: tens + unit, end: u.end };
	return { value: tens, end: w.end };
}

function words(value: number, start: number, end: number): Numeral {
	return { value, start, end, mantissa: value, decimals: 0, words: true, grouped: false, digits: 0 };
}

const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/** 10^e, exact for 0 <= e <= 22 (where `10 ** e` may not be). */
export function pow10(e: number): number {
	return e >= 0 && e <= 22 ? POW10[e]! : Number(`1e${e}`);
}

/**
 * The numeral times 10^k, rounded once: 1.4 × 10^12 is exactly 1.4e12 because it is computed as
 * 14 × 10^11, and 5.99 is 599 / 100.
 */
export function timesPow10(num: Numeral, k: number): number {
	const e = k - num.decimals;
	return e >= 0 ? num.mantissa * pow10(e) : num.mantissa / pow10(-e);
}

/**
 * Reads a number in words at `pos`: "thirty", "twenty-five", "two hundred and fifty", "a dozen",
 * and "a" / "half a" before a scale word (the scale itself is read by {@link readScale}).
 */
export function readNumberWords(text: string, pos: number): Numeral | undefined {
	const first = wordAt(text, pos);
	if (!first) return undefined;
	if (first.lower === 'a' || first.lower === 'an' || first.lower === 'half') {
		let factor = 1;
		let after = first.end;
		if (first.lower === 'half') {
			const a = nextWord(text, after);
			if (!a || (a.lower !== 'a' && a.lower !== 'an')) return undefined;
			factor = 0.5;
			after = a.end;
		}
		const next = nextWord(text, after);
		if (!next) return undefined;
		if (next.lower === 'dozen') return words(12 * factor, pos, next.end);
		if (next.lower === 'hundred' && factor === 1) return words(100, pos, next.end);
		if (SCALE_WORDS.has(next.lower)) return words(factor, pos, after);
		return undefined;
	}
	const below = readBelowHundred(text, first);
	if (!below) return undefined;
	let { value, end } = below;
	const next = nextWord(text, end);
	if (next?.lower === 'hundred' && value >= 1 && value <= 9) {
		value *= 100;
		end = next.end;
		let rest = nextWord(text, end);
		if (rest?.lower === 'and') rest = nextWord(text, rest.end);
		const tail = rest ? readBelowHundred(text, rest) : undefined;
		if (tail) {
			value += tail.value;
			end = tail.end;
		}
	} else if (next?.lower === 'dozen' && value >= 2 && value <= 12) {
		value *= 12;
		end = next.end;
	}
	return words(value, pos, end);
}

const SCALE_WORD = /[ \u00a0\u202f-]?(thousand|million|billion|trillion|lakh|crore)(s?)(?![A-Za-z])/iy;
const SCALE_ABBR = /[ \u00a0\u202f]?(bn|Bn|BN|bln|Bln|BLN|mn|Mn|MN|mln|Mln|MLN|tn|Tn|TN|trn|Trn|TRN)(?![A-Za-z0-9])/y;
const SCALE_LETTER = /([ \u00a0\u202f]?)(MM|mm|mil|bil|[kKmMbBT])(?![A-Za-z0-9-])/y;

const WORD_MULT: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, lakh: 1e5, crore: 1e7 };
const ABBR_MULT: Record<string, number> = { bn: 1e9, bln: 1e9, mn: 1e6, mln: 1e6, tn: 1e12, trn: 1e12, mm: 1e6, mil: 1e6, bil: 1e9, k: 1e3, m: 1e6, b: 1e9, t: 1e12 };

/**
 * Reads a scale right after a number. Single letters (and the informal "mil", "bil") are a scale
 * after a currency ("$5.6B", "€5m", "$5 mil"); without one only glued to the number, and then
 * weak (see {@link Scale.weak}).
 */
export function readScale(text: string, pos: number, currency: boolean): Scale | undefined {
	SCALE_WORD.lastIndex = pos;
	let m = SCALE_WORD.exec(text);
	if (m) {
		const start = pos + m[0].length - m[1]!.length - m[2]!.length;
		let end = pos + m[0].length;
		let mult = WORD_MULT[m[1]!.toLowerCase()]!;
		// "5 lakh crore" is 5 × 10^12, "a thousand million" a billion: a second, larger scale multiplies
		SCALE_WORD.lastIndex = end;
		const m2 = SCALE_WORD.exec(text);
		const mult2 = m2 ? WORD_MULT[m2[1]!.toLowerCase()]! : 0;
		if (m2 && mult2 > mult && m2[0].charCodeAt(0) !== 45 /* - */) {
			mult *= mult2;
			end += m2[0].length;
		}
		return { mult, start, end, token: text.slice(start, end), style: 'word', weak: false };
	}
	SCALE_ABBR.lastIndex = pos;
	m = SCALE_ABBR.exec(text);
	if (m) {
		const token = m[1]!;
		return { mult: ABBR_MULT[token.toLowerCase()]!, start: pos + m[0].length - token.length, end: pos + m[0].length, token, style: 'abbr', weak: false };
	}
	SCALE_LETTER.lastIndex = pos;
	m = SCALE_LETTER.exec(text);
	if (m) {
		const spaced = m[1] !== '';
		const token = m[2]!;
		// "MM"/"mm" is a million after a currency ("$5MM", "$2.5mm"); after a bare number, "5mm" is millimetres
		if (!currency && (spaced || token === 'MM' || token === 'mm')) return undefined;
		return { mult: ABBR_MULT[token.toLowerCase()]!, start: pos + m[0].length - token.length, end: pos + m[0].length, token, style: 'letter', weak: !currency };
	}
	return undefined;
}

/** The scale word for a multiplier, as a scale family writes it. */
export type ScaleFamily = readonly (readonly [number, string])[];

/** Scale families: how writers abbreviate, from thousands up. The first family is the canonical one. */
export const SCALE_FAMILIES: Record<string, ScaleFamily> = {
	word: [[1e6, 'million'], [1e9, 'billion'], [1e12, 'trillion']],
	ft: [[1e3, 'k'], [1e6, 'm'], [1e9, 'bn'], [1e12, 'tn']],
	mn: [[1e3, 'k'], [1e6, 'mn'], [1e9, 'bn'], [1e12, 'tn']],
	mln: [[1e3, 'k'], [1e6, 'mln'], [1e9, 'bln'], [1e12, 'trn']],
	upper: [[1e3, 'K'], [1e6, 'M'], [1e9, 'B'], [1e12, 'T']],
	lower: [[1e3, 'k'], [1e6, 'm'], [1e9, 'b'], [1e12, 'tn']],
	indian: [[1e5, 'lakh'], [1e7, 'crore'], [1e12, 'lakh crore']],
};

/** Which family a written scale belongs to, so a rewrite keeps the writer's abbreviations. */
export function scaleFamilyOf(token: string): keyof typeof SCALE_FAMILIES {
	const t = token.replace(/s$/i, '');
	const lower = t.toLowerCase();
	if (/lakh|crore/.test(lower)) return 'indian';
	if (WORD_MULT[lower] !== undefined) return 'word';
	if (lower === 'mn') return 'mn';
	if (lower === 'mil' || lower === 'bil') return 'word';
	if (lower === 'mln' || lower === 'bln' || lower === 'trn') return 'mln';
	if (t === 'M' || t === 'B' || t === 'T' || t === 'K' || t === 'MM') return 'upper';
	if (t === 'b') return 'lower';
	return 'ft';
}

/**
 * Writes `x` with `decimals` digits after the point, trailing zeros trimmed, and thousands
 * separators when `group`.
 */
export function formatAmount(x: number, decimals: number, group = true): string {
	let s = Math.abs(x).toFixed(Math.max(0, Math.min(decimals, 20)));
	if (s.includes('.')) s = s.replace(/\.?0+$/, '');
	if (group) {
		const dot = s.indexOf('.');
		const int = dot < 0 ? s : s.slice(0, dot);
		if (int.length > 3) s = int.replace(/\B(?=(\d{3})+$)/g, ',') + (dot < 0 ? '' : s.slice(dot));
	}
	return (x < 0 && Number(s.replace(/,/g, '')) !== 0 ? '-' : '') + s;
}

/** Decimals needed to show a quantity known to `precision`, in a unit of `scale`, at most `max`. */
export function decimalsFor(precision: number, scale: number, max = 3): number {
	if (!(precision > 0)) return max;
	const d = Math.ceil(-Math.log10(precision / scale) - 1e-9);
	return Math.max(0, Math.min(max, d));
}

/** The place of the last significant digit of `v` (1e8 for 1.8e9): the precision of a bare value. */
export function lastDigitPlace(v: number): number {
	if (v === 0 || !Number.isFinite(v)) return 1;
	const a = Math.abs(v);
	for (let sig = 1; sig <= 15; sig++) {
		const r = Number(a.toPrecision(sig));
		if (Math.abs(r - a) <= a * 1e-12) return 10 ** (Math.floor(Math.log10(a)) - sig + 1);
	}
	return 10 ** (Math.floor(Math.log10(a)) - 14);
}
