/**
 * The figure extractor: finds the numbers a text states (money, percentages, quantities with units,
 * counts of things, dates and periods) and normalizes them so that `$1.4 trillion`, `1.4 trillion
 * dollars` and `$1,400 billion` are one value.
 *
 * One pass of one compiled regex finds where a figure may start (a digit, a number word, a month
 * name, "this year", "third quarter"); each hit is then read with sticky regexes forward and short
 * look-backs (currency symbols, "roughly", "late", "end of"). Precision matters more than recall:
 * a bare number that says nothing of what it counts is not a figure, because every false figure
 * can become a false warning in someone's notes.
 *
 * Written by hand, not with a general recognizer: on the seeds compromise reads under 0.1 MB/s and
 * chrono-node under 0.5 MB/s, against a budget of 12; compromise reads "GPT-5" as 5 and misses
 * "US$300bn", and chrono takes "now" and "today" for dates.
 */
import type { Figure, FigureKind, FigureQualifier } from '../types';
import { readCountNoun } from './nouns';
import {
	isDigitCode,
	isLetterCode,
	isSpaceCode,
	isUpperCode,
	NUMBER_WORDS_SOURCE,
	readNumberWords,
	readNumeral,
	readScale,
	timesPow10,
	type Numeral,
	type Scale,
} from './numbers';
import {
	MONTH_ANCHOR_SOURCE,
	parseReferenceDate,
	readLetterPrefixedDate,
	readMonthDate,
	readNumeralDate,
	readOrdinalPeriod,
	readRelativeDate,
	type DateContext,
	type DateReading,
} from './dates';
import { qualifierAfter, qualifierBefore, wordsBefore, type WordBefore } from './qualifiers';
import { currencyAfter, currencyBefore, gluedCurrencyCode, readPercent, readUnit, type CurrencyMatch } from './units';

export { comparable, sameValue } from './figureCompare';
export { describeFigure, formatLike } from './figureFormat';

/** Where and against what date to extract. */
export interface FigureOptions {
	/** ISO date of the document: resolves "November 20" and "this year". Never today's date. */
	referenceDate?: string;
	/** Extract only within [start, end) of the text; offsets stay relative to the whole text. */
	start?: number;
	end?: number;
}

const SCALE_AHEAD = '(?=[ \\u00a0](?:[Dd]ozen|[Hh]undred|[Tt]housand|[Mm]illion|[Bb]illion|[Tt]rillion)\\b)';
/**
 * Where a figure may start. Every alternative starts with a digit or with a letter at a word's
 * start, and the lookahead in front says so once: positions inside words (most of a text) are
 * passed over after it alone, not after each of the ~40 alternatives (the scan of SOTU's 11 MB:
 * ~100 against ~120 ms, the same matches).
 */
const ANCHOR = new RegExp(
	'(?=\\d|\\b[A-Za-z])(?:' +
	[
		'(\\d+(?:[.,]\\d+)*)',
		`\\b(${NUMBER_WORDS_SOURCE}|[Aa]n?${SCALE_AHEAD}|[Hh]alf(?=[ \\u00a0]an?[ \\u00a0]))\\b`,
		`(${MONTH_ANCHOR_SOURCE})`,
		'\\b([Tt]his|[Ll]ast|[Nn]ext|[Cc]urrent)(?=[ \\u00a0](?:year|quarter|month)\\b)',
		'\\b([Ff]irst|[Ss]econd|[Tt]hird|[Ff]ourth)(?=[ \\u00a0-](?:quarter|half)\\b)',
	].join('|') +
	')',
	'g',
);

interface Context extends DateContext {
	/** The end of the range to extract from. */
	hi: number;
}

/** Extracts the figures of `text` (or of [start, end) of it), sorted by start and non-overlapping. */
export function extractFigures(text: string, options: FigureOptions = {}): Figure[] {
	const from = Math.max(0, Math.min(options.start ?? 0, text.length));
	const to = Math.max(from, Math.min(options.end ?? text.length, text.length));
	const ref = parseReferenceDate(options.referenceDate);
	const ctx: Context = { text, lo: from, hi: to, amountFollows: (pos) => amountFollows(text, pos) };
	if (ref) ctx.ref = ref;
	const out: Figure[] = [];
	const re = ANCHOR;
	re.lastIndex = from;
	for (let m = re.exec(text); m !== null && m.index < to; m = re.exec(text)) {
		const f = readAt(ctx, m);
		// a number of hundreds of digits overflows to Infinity: no value, so no figure to judge
		if (f && f.start >= ctx.lo && f.end <= to && Number.isFinite(f.value) && (f.high === undefined || Number.isFinite(f.high))) {
			out.push(f);
			ctx.lo = f.end;
			re.lastIndex = f.end;
		} else {
			re.lastIndex = m.index + m[0].length;
		}
	}
	re.lastIndex = 0;
	return out;
}

function readAt(ctx: Context, m: RegExpExecArray): Figure | undefined {
	const at = m.index;
	if (m[1] !== undefined) return readFromDigits(ctx, at);
	if (m[2] !== undefined) {
		const num = readNumberWords(ctx.text, at);
		return num ? readAmount(ctx, num) : undefined;
	}
	if (m[3] !== undefined) return dateFigure(ctx, readMonthDate(ctx, at, m[3]));
	if (m[4] !== undefined) return dateFigure(ctx, readRelativeDate(ctx, at, m[4]));
	if (m[5] !== undefined) return dateFigure(ctx, readOrdinalPeriod(ctx, at, m[5]));
	return undefined;
}

function dateFigure(ctx: Context, d: DateReading | undefined): Figure | undefined {
	if (!d) return undefined;
	return { kind: 'date', start: d.start, end: d.end, text: ctx.text.slice(d.start, d.end), value: d.value, high: d.high, unit: d.unit };
}

/** Characters that, right before a number, make it part of an identifier, path, time or markup. */
function rejectsBefore(c: number): boolean {
	// / \ # @ _ = & : ^ |
	return c === 47 || c === 92 || c === 35 || c === 64 || c === 95 || c === 61 || c === 38 || c === 58 || c === 94 || c === 124;
}

function isHyphenCode(c: number): boolean {
	return c === 45 || c === 0x2010 || c === 0x2011;
}

/** "mid-2026", "late-2025": a hyphen that joins a part of a year to the year. */
const YEAR_PART_HYPHEN = /(?:^|[^A-Za-z])(?:mid|early|late)[-‐‑]$/i;

function readFromDigits(ctx: Context, at: number): Figure | undefined {
	const { text } = ctx;
	const num = readNumeral(text, at);
	if (!num) return undefined;
	const prev = at > 0 ? text.charCodeAt(at - 1) : 32;
	// glued to letters before: "Q3", "FY2025" are dates; "GPT5", "A100", "H100" are names; "USD1.4bn" is money
	if (isLetterCode(prev) && !gluedCurrencyCode(text, at, ctx.lo)) return dateFigure(ctx, readLetterPrefixedDate(ctx, num));
	if (rejectsBefore(prev)) return undefined;
	const prev2 = at > 1 ? text.charCodeAt(at - 2) : 32;
	// "v.2", "No.5"; "GPT-5", "COVID-19", and the second half of "555-1234" or "3-2"
	if (prev === 46 && isLetterCode(prev2)) return undefined;
	// "30 000 MW": digits grouped with spaces; the trailing group alone ("000 MW") would be a false zero
	if ((prev === 32 || prev === 0xa0 || prev === 0x202f) && isDigitCode(prev2) && /^\d{3}(?!\d)/.test(text.slice(at, at + 4))) return undefined;
	if (isHyphenCode(prev) && (isLetterCode(prev2) || isDigitCode(prev2)) && !YEAR_PART_HYPHEN.test(text.slice(Math.max(ctx.lo, at - 7), at))) return undefined;
	const next = text.charCodeAt(num.end);
	const next2 = text.charCodeAt(num.end + 1);
	// "24/7", "11/21/2025", "10:30", "16:9"
	if ((next === 47 || next === 58 || next === 92) && isDigitCode(next2)) return undefined;
	if (next === 95 || next === 64) return undefined;
	const d = readNumeralDate(ctx, num);
	if (d) return dateFigure(ctx, d);
	return readAmount(ctx, num);
}

/** How a number is read: its scale, and the unit, percent or currency after it. */
interface Reading {
	num: Numeral;
	scale?: Scale;
	kind?: 'money' | 'percent' | 'quantity';
	/** Currency code, `%`/`pp`, base unit; empty for counts until the noun is read. */
	unit: string;
	/** What one of the written unit is in the base unit (1e9 for GW, 0.01 for cents). */
	mult: number;
	/** End of the figure's span. */
	end: number;
	/** Where the counted noun, if any, is looked for (past a "+"). */
	after: number;
	post?: FigureQualifier;
}

/** Every reading has the same shape, so that the code reading them stays monomorphic. */
function reading(num: Numeral, scale: Scale | undefined, kind: Reading['kind'], unit: string, mult: number, end: number, after = end, post?: FigureQualifier): Reading {
	return { num, scale, kind, unit, mult, end, after, post };
}

function readReading(text: string, num: Numeral, currency: CurrencyMatch | undefined): Reading | undefined {
	let p = num.end;
	let scale = readScale(text, p, currency !== undefined);
	if (scale?.weak) {
		// "5m users" is five million users; "5m" alone is five metres, "4K displays" a resolution
		if ((num.value >= 10 || num.decimals > 0 || scale.mult !== 1e3) && readCountNoun(text, scale.end)) return reading(num, scale, undefined, '', 1, scale.end);
		scale = undefined;
	}
	if (scale) p = scale.end;
	if (text.charCodeAt(p) === 43 /* + */ && !isDigitCode(text.charCodeAt(p + 1))) {
		// "100+ apps": the plus hedges the number and is not part of the figure
		return currency ? reading(num, scale, 'money', currency.code, currency.mult, p, p + 1, 'over') : reading(num, scale, undefined, '', 1, p, p + 1, 'over');
	}
	if (currency) return reading(num, scale, 'money', currency.code, currency.mult, p);
	const pct = readPercent(text, p);
	if (pct) return reading(num, scale, 'percent', pct.unit, pct.mult, pct.end);
	const cur = currencyAfter(text, p);
	if (cur && (!cur.needsScale || scale?.style === 'word')) return reading(num, scale, 'money', cur.code, cur.mult, cur.end);
	const unit = readUnit(text, p);
	if (unit) {
		if (unit.pound && scale) return reading(num, scale, 'money', 'GBP', 1, unit.end);
		return reading(num, scale, 'quantity', unit.def.base, unit.def.mult, unit.end);
	}
	// glued to something we cannot read: "5G", "3D", "10x", "21st"
	if (!scale && isLetterCode(text.charCodeAt(num.end))) return undefined;
	return reading(num, scale, undefined, '', 1, p);
}

const CONNECT = /[ \u00a0]*[-–‐‑][ \u00a0]*|—|[ \u00a0]+(to|and)[ \u00a0]+/y;

/** Reads the second half of a range ("10-12 GW", "$5-7 billion", "between 5 and 7 percent"). */
function readSecond(ctx: Context, first: Reading, cur: CurrencyMatch | undefined, before: string): { second: Reading; word?: string } | undefined {
	const { text } = ctx;
	if (first.post) return undefined;
	CONNECT.lastIndex = first.end;
	const c = CONNECT.exec(text);
	if (!c) return undefined;
	const word = c[1]?.toLowerCase();
	const bare = first.end === first.num.end;
	if (word === 'and' && before !== 'between') return undefined;
	// "rose from 10 to 12", "5% to 7%": two figures, not a range
	if (word === 'to' && (before === 'from' || !bare)) return undefined;
	let q = first.end + c[0].length;
	if (cur) {
		const sym = text.slice(cur.start, cur.end).trim();
		if (text.startsWith(sym, q)) q += sym.length;
		if (isSpaceCode(text.charCodeAt(q)) && cur.end - cur.start > sym.length) q++;
	}
	const num2 = first.num.words ? readNumberWords(text, q) : isDigitCode(text.charCodeAt(q)) ? readNumeral(text, q) : undefined;
	if (!num2) return undefined;
	const second = readReading(text, num2, cur);
	if (!second || second.end > ctx.hi) return undefined;
	return word ? { second, word } : { second };
}

const NUMBER_WORD = new RegExp(`^(?:${NUMBER_WORDS_SOURCE})$`, 'i');

/** Words after which a small number is a name, a version or a reference, not a count ("Windows 11 users"). */
const ID_WORDS = new Set(
	(
		'version ver v model gen generation series phase stage step section sec chapter ch page pp p no number nos fig figure ' +
		'table item level tier round part article rule act title grade class type mark top windows iphone ios android gpt llama claude gemini ps xbox'
	).split(' '),
);
/** Capitalized words that may stand before a count at a sentence's start ("The 12 plants", "Nearly 900,000 people"). */
const CAPITALIZED_OK = new Set(
	'the in of by about around some over nearly almost roughly approximately more less fewer than at least up to just only all and but with for from on its their our his her these those another after before since until during while when as estimated an a overall total including so yet then there here also even still well close under below above exactly precisely'.split(' '),
);

/** Whether a bare count ("12 plants") is really a name, version or ratio ("Windows 11 users", "1 in 5 people"). */
function countInName(text: string, words: readonly WordBefore[]): boolean {
	const w = words[0];
	if (!w) return false;
	const bare = w.word.replace(/\.$/, '');
	if (ID_WORDS.has(bare)) return true;
	if (isUpperCode(text.charCodeAt(w.start)) && !CAPITALIZED_OK.has(bare)) return true;
	// "1 in 5 people", "one in five adults"
	return bare === 'in' && ((words[1] !== undefined && NUMBER_WORD.test(words[1].word)) || isDigitCode(text.charCodeAt(w.start - 2)));
}

/** Whether an amount's unit, percent, currency, scale or counted noun follows `pos`. */
function amountFollows(text: string, pos: number): boolean {
	return (
		readPercent(text, pos) !== undefined ||
		readUnit(text, pos) !== undefined ||
		currencyAfter(text, pos) !== undefined ||
		readScale(text, pos, false)?.style === 'word' ||
		readCountNoun(text, pos) !== undefined
	);
}

/** The numeral in the base unit: digits × scale × unit, with powers of ten applied exactly. */
function scaled(num: Numeral, scaleMult: number, unitMult: number): number {
	let k = Math.round(Math.log10(scaleMult));
	let rest = unitMult;
	if (unitMult !== 1) {
		const lu = Math.log10(unitMult);
		if (Math.abs(lu - Math.round(lu)) < 1e-9) {
			k += Math.round(lu);
			rest = 1;
		}
	}
	const v = timesPow10(num, k);
	return rest === 1 ? v : v * rest;
}

function readAmount(ctx: Context, num: Numeral): Figure | undefined {
	const { text } = ctx;
	const cur = currencyBefore(text, num.start, ctx.lo);
	let start = cur ? cur.start : num.start;
	const first = readReading(text, num, cur);
	if (!first) return undefined;
	const words = wordsBefore(text, start, ctx.lo);
	const wordsAt = start;
	const before = words[0]?.word === 'between' || words[0]?.word === 'from' ? words[0].word : '';
	let low = first;
	let last = first;
	let ranged = false;
	const range = readSecond(ctx, first, cur, before);
	if (range) {
		const { second } = range;
		// "$5-7 billion", "10-12 GW": the first number takes the scale and unit written after the second
		const bare = first.end === first.num.end;
		const lowReading: Reading = bare
			? { ...first, kind: second.kind ?? first.kind, unit: second.kind ? second.unit : first.unit, mult: second.kind ? second.mult : first.mult }
			: first;
		if (bare && !first.scale && second.scale) lowReading.scale = second.scale;
		const compatible = lowReading.kind === second.kind && lowReading.unit === second.unit;
		const lo = scaled(first.num, lowReading.scale?.mult ?? 1, lowReading.mult);
		const hi = scaled(second.num, second.scale?.mult ?? 1, second.mult);
		if (compatible && hi > lo) {
			low = lowReading;
			last = second;
			ranged = true;
			if (before === 'between' && range.word === 'and') start = words[0]!.start;
		}
	}
	const kind: FigureKind = low.kind ?? 'count';
	let unit = low.unit;
	const end = last.end;
	const scale = low.scale ?? last.scale;
	if (kind === 'count') {
		const noun = readCountNoun(text, last.after);
		if (noun) unit = noun.noun;
		else if (!scale || scale.weak) return undefined;
		if (!scale) {
			// a bare count must be a whole number, not "one" (a pronoun more often than a count), not a year, not a name
			if (low.num.decimals || (low.num.words && low.num.value === 1)) return undefined;
			if (!low.num.grouped && low.num.digits === 4 && low.num.value >= 1900 && low.num.value <= 2100) return undefined;
			if (countInName(text, words)) return undefined;
		}
	}
	let value = scaled(low.num, low.scale?.mult ?? 1, low.mult);
	const high = ranged ? scaled(last.num, last.scale?.mult ?? 1, last.mult) : undefined;
	// a minus sign right before the figure: "-5%", "−3.2 °C"
	const s = text.charCodeAt(start - 1);
	if ((s === 45 || s === 0x2212) && start - 1 >= ctx.lo && kind !== 'count' && !ranged) {
		const s2 = start >= 2 ? text.charCodeAt(start - 2) : 32;
		if (isSpaceCode(s2) || s2 === 40 || s2 === 10 || start === 1) {
			start--;
			value = -value;
		}
	}
	const qualifier = qualifierBefore(text, start, ctx.lo, start === wordsAt ? words : wordsBefore(text, start, ctx.lo)) ?? low.post ?? qualifierAfter(text, end);
	if (end > ctx.hi) return undefined;
	const f: Figure = { kind, start, end, text: text.slice(start, end), value, unit };
	if (high !== undefined) f.high = high;
	if (qualifier) f.qualifier = qualifier;
	return f;
}
