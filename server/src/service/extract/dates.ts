/**
 * Dates and periods as news text writes them: "November 21, 2025", "Nov. 21", "21 November 2025",
 * "2025-11-21", "July–September 2025", "Q3 2025", "third quarter of 2025", "late 2026", "end of
 * 2029", "the 2020s", bare years where the words around say they are years ("in 2025", "by 2030",
 * "2025 alone"), and "this year" against the document's own date. A period is its first and last
 * instant (UTC), so "2029" and "end of 2029" overlap while "November 20" and "November 21" do not.
 *
 * Written by hand rather than with chrono-node: chrono reads "now", "today" and "tomorrow" as
 * dates, resolves them against today unless told otherwise, and reads the seeds at under 0.5 MB/s,
 * far below the extractor's budget; the grammar news needs is small.
 */
import { isDigitCode, isLetterCode, type Numeral } from './numbers';

/** The document's own date, which resolves "November 20" and "this year". */
export interface RefDate {
	y: number;
	/** Month, 0-based. */
	m: number;
	d: number;
	/** Milliseconds since the epoch. */
	t: number;
}

/** A date or period read from text. */
export interface DateReading {
	start: number;
	end: number;
	value: number;
	high: number;
	unit: 'day' | 'month' | 'quarter' | 'year' | 'period';
}

/** What date readers need besides the text: how far back they may look, and the document's date. */
export interface DateContext {
	text: string;
	lo: number;
	ref?: RefDate;
	/** Whether an amount's unit, percent, currency or counted noun follows `pos` ("of 2000 employees"). */
	amountFollows?: (pos: number) => boolean;
}

/** Reads the ISO date of a document (`2025-11-20`, or a full timestamp). */
export function parseReferenceDate(iso: string | undefined): RefDate | undefined {
	const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
	if (!m) return undefined;
	const y = Number(m[1]);
	const mo = Number(m[2]) - 1;
	const d = Number(m[3]);
	if (mo < 0 || mo > 11 || d < 1 || d > daysIn(y, mo)) return undefined;
	return { y, m: mo, d, t: Date.UTC(y, mo, d) };
}

/** Month names in full, January first. */
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_OF = new Map<string, number>();
MONTH_NAMES.forEach((n, i) => {
	MONTH_OF.set(n.toLowerCase(), i);
	MONTH_OF.set(n.slice(0, 3).toLowerCase(), i);
});
MONTH_OF.set('sept', 8);

const MONTHS_ALT = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec';
/** Month names as the extractor's one pass finds them (capitalized: "may" and "march" are verbs). */
export const MONTH_ANCHOR_SOURCE = `\\b(?:${MONTH_NAMES.join('|')})\\b|\\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\b\\.?(?=[ \\u00a0]?\\d)`;

/** The 0-based month a name or abbreviation stands for ("Nov." -> 10). */
export function monthOf(token: string): number | undefined {
	return MONTH_OF.get(token.replace(/\.$/, '').toLowerCase());
}

/** Days in a month (0-based) of a year. */
export function daysIn(y: number, m: number): number {
	return new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
}

/** First and last instant of the days from (y1, m1, d1) to (y2, m2, d2), inclusive. */
/** A period before we know where it was written. */
interface Period {
	value: number;
	high: number;
	unit: DateReading['unit'];
}

function days(y1: number, m1: number, d1: number, y2: number, m2: number, d2: number, unit: DateReading['unit']): Period {
	return { value: Date.UTC(y1, m1, d1), high: Date.UTC(y2, m2, d2 + 1) - 1, unit };
}

function months(y1: number, m1: number, y2: number, m2: number, unit: DateReading['unit']): Period {
	return { value: Date.UTC(y1, m1, 1), high: Date.UTC(y2, m2 + 1, 1) - 1, unit };
}

function placed(start: number, end: number, p: Period): DateReading {
	return { start, end, value: p.value, high: p.high, unit: p.unit };
}

function plausibleYear(y: number): boolean {
	return y >= 1800 && y <= 2199;
}

/** The year, near the reference date, in which a day or month falls ("November 20" in a January 2026 text is 2025). */
function nearestYear(ref: RefDate, m: number, d: number): number {
	let best = ref.y;
	let bestDist = Infinity;
	for (const y of [ref.y - 1, ref.y, ref.y + 1]) {
		const diff = Date.UTC(y, m, Math.min(d, daysIn(y, m))) - ref.t;
		// news looks back more often than ahead: a date to come must be twice as near
		const dist = diff > 0 ? 2 * diff : -diff;
		if (dist < bestDist) {
			best = y;
			bestDist = dist;
		}
	}
	return best;
}

type Modifier = 'early' | 'mid' | 'late' | 'end' | 'start' | 'h1' | 'h2' | 'q1' | 'q2' | 'q3' | 'q4' | 'spring' | 'summer' | 'fall' | 'earlier' | 'later';

const MODIFIER_OF: Record<string, Modifier> = {
	early: 'early', mid: 'mid', middle: 'mid', late: 'late', end: 'end', close: 'end', 'year-end': 'end', 'year end': 'end',
	start: 'start', beginning: 'start', spring: 'spring', summer: 'summer', fall: 'fall', autumn: 'fall', earlier: 'earlier', later: 'later',
	first: 'q1', second: 'q2', third: 'q3', fourth: 'q4', '1st': 'q1', '2nd': 'q2', '3rd': 'q3', '4th': 'q4',
};

/** Month ranges [first, last] of a year's named parts. */
const YEAR_PARTS: Record<string, readonly [number, number]> = {
	early: [0, 3], mid: [4, 7], late: [8, 11], end: [9, 11], start: [0, 2], h1: [0, 5], h2: [6, 11],
	q1: [0, 2], q2: [3, 5], q3: [6, 8], q4: [9, 11], spring: [2, 4], summer: [5, 7], fall: [8, 10],
};

/** Words before a year or month that make it a date or narrow it ("late", "end of", "third quarter of", "in"). */
const BEFORE = new RegExp(
	'(?:^|[^A-Za-z0-9])(?:' +
		'(between)[ \\u00a0]+|' +
		'(early|mid|late|earlier|later)[- \\u00a0]?|' +
		'(?:the[ \\u00a0]+)?(end|start|beginning|middle|close)[ \\u00a0]+of[ \\u00a0]+(?:the[ \\u00a0]+year[ \\u00a0]+)?|' +
		'(year[- ]end)[ \\u00a0]+|' +
		'(first|second|third|fourth|1st|2nd|3rd|4th)[- \\u00a0]quarter(?:[ \\u00a0]+of)?[ \\u00a0]+|' +
		'(first|second|1st|2nd)[- \\u00a0]half(?:[ \\u00a0]+of)?[ \\u00a0]+|' +
		'(spring|summer|fall|autumn)(?:[ \\u00a0]+of)?[ \\u00a0]+|' +
		'(fiscal(?:[ \\u00a0]+year)?|calendar(?:[ \\u00a0]+year)?|FY)[ \\u00a0]*|' +
		'(in|by|since|until|till|through|thru|throughout|during|before|after|circa|within|into|beyond|as[ \\u00a0]+of|from|ending|starting|year)[ \\u00a0]+|' +
		'(to|of|for|and|or|around|than|at|on|over|the[ \\u00a0]+year|last|this|next)[ \\u00a0]+|' +
		'(the|a|an|its|their|his|her|our|that)[ \\u00a0]+' +
		')$|([\'’]s)[ \\u00a0]+$',
	'di',
);

interface Before {
	/** Where the date's span starts: the modifier, or the date itself. */
	start: number;
	modifier?: Modifier;
	/** What kind of word came before: a modifier, "between", a temporal or a weak preposition, an article. */
	kind: 'modifier' | 'between' | 'fiscal' | 'strong' | 'weak' | 'article' | 'none';
	word: string;
}

function lookBefore(ctx: DateContext, pos: number): Before {
	const from = Math.max(ctx.lo, pos - 36);
	const none: Before = { start: pos, kind: 'none', word: '' };
	if (from >= pos) return none;
	const m = BEFORE.exec(ctx.text.slice(from, pos));
	if (!m || !m.indices) return none;
	for (let g = 1; g <= 12; g++) {
		const w = m[g];
		if (w === undefined) continue;
		const at = from + m.indices[g]![0];
		const lower = w.toLowerCase().replace(/[\u00a0]/g, ' ');
		switch (g) {
			case 1: return { start: at, kind: 'between', word: lower };
			case 2: case 3: case 4: case 5: case 7:
				return { start: at, kind: 'modifier', modifier: MODIFIER_OF[lower], word: lower };
			case 6: return { start: at, kind: 'modifier', modifier: lower.startsWith('f') || lower.startsWith('1') ? 'h1' : 'h2', word: lower };
			case 8: return { start: at, kind: 'fiscal', word: lower };
			case 9: return { start: pos, kind: 'strong', word: lower };
			case 10: return { start: pos, kind: 'weak', word: lower };
			default: return { start: pos, kind: 'article', word: lower };
		}
	}
	return none;
}

/** The period of a year narrowed by a modifier ("late 2026" = September to December). */
function yearPart(y: number, mod: Modifier | undefined, ref: RefDate | undefined): Period {
	if (mod === 'earlier' || mod === 'later') {
		if (!ref || ref.y !== y) return months(y, 0, y, 11, 'year');
		return mod === 'earlier' ? days(y, 0, 1, y, ref.m, ref.d, 'period') : days(y, ref.m, ref.d, y, 11, 31, 'period');
	}
	const part = mod ? YEAR_PARTS[mod] : undefined;
	if (!part) return months(y, 0, y, 11, 'year');
	return months(y, part[0], y, part[1], mod!.startsWith('q') ? 'quarter' : 'period');
}

/** A month narrowed by a modifier ("late November" = the 21st to the end). */
function monthPart(y: number, m: number, mod: Modifier | undefined): Period {
	const last = daysIn(y, m);
	switch (mod) {
		case 'early': case 'start': return days(y, m, 1, y, m, 10, 'period');
		case 'mid': return days(y, m, 11, y, m, 20, 'period');
		case 'late': case 'end': return days(y, m, 21, y, m, last, 'period');
		default: return months(y, m, y, m, 'month');
	}
}

const MONTH_RANGE = new RegExp(`[ \\u00a0]*(?:[-–—]|to|through|thru|until|and)[ \\u00a0]*(${MONTHS_ALT})\\b\\.?`, 'y');
const YEAR_AFTER = /,?[ \u00a0]+(?:of[ \u00a0]+)?(\d{4})(?!\d)/y;
const DAY_AFTER = /\.?[ \u00a0]+(\d{1,2})(st|nd|rd|th)?(?!\d)/y;
const DAY_RANGE = /[ \u00a0]*[-–][ \u00a0]*(\d{1,2})(?!\d)/y;
const DAY_YEAR = /(?:,[ \u00a0]*|[ \u00a0]+)(\d{4})(?!\d)/y;

function sticky(re: RegExp, text: string, pos: number): RegExpExecArray | null {
	re.lastIndex = pos;
	return re.exec(text);
}

/** Reads a date that starts with a month name at `pos` (`token` is the name as the scan found it). */
export function readMonthDate(ctx: DateContext, pos: number, token: string): DateReading | undefined {
	const { text, ref } = ctx;
	const month = monthOf(token);
	if (month === undefined) return undefined;
	const p = pos + token.length;
	const before = lookBefore(ctx, pos);
	const start = before.kind === 'modifier' || before.kind === 'between' ? before.start : pos;

	const range = sticky(MONTH_RANGE, text, p);
	if (range && (!/and/i.test(range[0]) || before.kind === 'between')) {
		const month2 = monthOf(range[1]!)!;
		const end2 = p + range[0].length;
		const yr = sticky(YEAR_AFTER, text, end2);
		const y = yr ? Number(yr[1]) : ref?.y;
		if (y !== undefined && plausibleYear(y) && month2 !== month) {
			const y1 = month2 < month ? y - 1 : y;
			return placed(start, yr ? end2 + yr[0].length : end2, months(y1, month, y, month2, 'period'));
		}
	}

	const day = sticky(DAY_AFTER, text, p);
	if (day && !isLetterCode(text.charCodeAt(p + day[0].length))) {
		const d = Number(day[1]);
		let end = p + day[0].length;
		let d2 = d;
		const dr = day[2] ? null : sticky(DAY_RANGE, text, end);
		if (dr && Number(dr[1]) > d) {
			d2 = Number(dr[1]);
			end += dr[0].length;
		}
		const yr = sticky(DAY_YEAR, text, end);
		let y: number | undefined;
		if (yr && plausibleYear(Number(yr[1]))) {
			y = Number(yr[1]);
			end += yr[0].length;
		} else if (ref) {
			y = nearestYear(ref, month, d);
		}
		if (y === undefined || d < 1 || d2 > daysIn(y, month)) return undefined;
		return placed(before.kind === 'modifier' ? pos : start, end, days(y, month, d, y, month, d2, d2 === d ? 'day' : 'period'));
	}

	const yr = sticky(YEAR_AFTER, text, p);
	if (yr && plausibleYear(Number(yr[1]))) {
		return placed(start, p + yr[0].length, monthPart(Number(yr[1]), month, before.modifier));
	}

	// a month alone is a date only with the document's date and a word that makes it one ("in May")
	if (!ref || before.kind === 'none' || before.kind === 'article' || before.kind === 'fiscal') return undefined;
	let y = nearestYear(ref, month, 15);
	if (before.word === 'last') y = month < ref.m ? ref.y : ref.y - 1;
	else if (before.word === 'next') y = month > ref.m ? ref.y : ref.y + 1;
	else if (before.word === 'this') y = ref.y;
	return placed(start, p, monthPart(y, month, before.modifier));
}

const DAY_FIRST = new RegExp(`(?:st|nd|rd|th)?(?:[ \\u00a0]+of)?[ \\u00a0]+(${MONTHS_ALT})\\b\\.?(?:,?[ \\u00a0]+(\\d{4})(?!\\d))?`, 'y');
const ISO = /-(\d{2})-(\d{2})(?!\d)/y;
const QUARTER_SUFFIX = /([QH])(\d{2}|[ \u00a0]\d{4})(?!\d)/y;

/** Reads a date that starts with the numeral `num`: ISO, day-first, "3Q25", years and decades. */
export function readNumeralDate(ctx: DateContext, num: Numeral): DateReading | undefined {
	if (num.words || num.decimals || num.grouped) return undefined;
	const { text, ref } = ctx;
	const n = num.value;
	if (num.digits === 4) {
		const iso = sticky(ISO, text, num.end);
		if (iso && plausibleYear(n)) {
			const m = Number(iso[1]) - 1;
			const d = Number(iso[2]);
			if (m >= 0 && m <= 11 && d >= 1 && d <= daysIn(n, m)) return placed(num.start, num.end + iso[0].length, days(n, m, d, n, m, d, 'day'));
			return undefined;
		}
		return plausibleYear(n) ? readYear(ctx, num) : undefined;
	}
	if (num.digits === 1 && n >= 1 && n <= 4) {
		const q = sticky(QUARTER_SUFFIX, text, num.end);
		if (q && !isLetterCode(text.charCodeAt(num.end + q[0].length)) && (q[1] === 'Q' || n <= 2)) {
			const yy = Number(q[2]!.trim());
			const y = yy < 100 ? 2000 + yy : yy;
			const mod = (q[1] === 'Q' ? `q${n}` : `h${n}`) as Modifier;
			return placed(num.start, num.end + q[0].length, yearPart(y, mod, ref));
		}
	}
	if (num.digits <= 2 && n >= 1 && n <= 31) {
		const m = sticky(DAY_FIRST, text, num.end);
		if (m) {
			const month = monthOf(m[1]!)!;
			const y = m[2] ? Number(m[2]) : ref ? nearestYear(ref, month, n) : undefined;
			if (y !== undefined && plausibleYear(y) && n <= daysIn(y, month)) return placed(num.start, num.end + m[0].length, days(y, month, n, y, month, n, 'day'));
		}
	}
	return undefined;
}

const YEAR_RANGE_DASH = /[ \u00a0]*[-–—‐‑][ \u00a0]*(\d{4}|\d{2})(?![\d])/y;
const YEAR_RANGE_WORD = /[ \u00a0]+(to|through|until|and)[ \u00a0]+(\d{4})(?!\d)/y;
const YEAR_ALONE = /[ \u00a0]+alone\b|['’]s(?![A-Za-z])/y;
/** A word after "the 2026": "the 2026 elections", "the 2024 Paris Olympics". */
const WORD_NEXT = /[ \u00a0]+[A-Za-z]/y;

/**
 * Reads the year `num` when the words around it make it one: a modifier ("late 2026"), a temporal
 * preposition ("by 2030"), "2025 alone", a range of years, a decade ("the 2020s"). After a weak
 * preposition an amount wins: "of 2000 employees" is a count.
 */
function readYear(ctx: DateContext, num: Numeral): DateReading | undefined {
	const { text, ref } = ctx;
	const y = num.value;
	const before = lookBefore(ctx, num.start);
	let end = num.end;
	const after = text.charCodeAt(end);
	// a decade: "the 2020s", "the late 1990s"
	if (after === 115 /* s */ && y % 10 === 0 && !isLetterCode(text.charCodeAt(end + 1))) {
		const mod = before.modifier;
		const [a, b] = mod === 'early' ? [0, 3] : mod === 'mid' ? [3, 6] : mod === 'late' ? [7, 9] : [0, 9];
		return placed(mod === 'early' || mod === 'mid' || mod === 'late' ? before.start : num.start, end + 1, months(y + a, 0, y + b, 11, 'period'));
	}
	if (isDigitCode(after)) return undefined;

	if (before.kind !== 'modifier' && before.word !== 'from') {
		const dash = sticky(YEAR_RANGE_DASH, text, end);
		const word = dash ? null : sticky(YEAR_RANGE_WORD, text, end);
		let y2 = dash ? Number(dash[1]) : word ? Number(word[2]) : NaN;
		if (dash && dash[1]!.length === 2) y2 += Math.floor(y / 100) * 100;
		const ok = word ? word[1]!.toLowerCase() !== 'and' || before.kind === 'between' : true;
		if (ok && y2 > y && y2 - y < 200 && !isLetterCode(text.charCodeAt(end + (dash ?? word)![0].length))) {
			end += (dash ?? word)![0].length;
			return placed(before.kind === 'between' ? before.start : num.start, end, months(y, 0, y2, 11, 'period'));
		}
	}

	let isYear = false;
	switch (before.kind) {
		case 'modifier': case 'fiscal': case 'strong': isYear = true; break;
		case 'between': case 'weak': isYear = !ctx.amountFollows?.(end); break;
		case 'article': isYear = y >= 1900 && y <= 2100 && sticky(WORD_NEXT, text, end) !== null; break;
		default: isYear = false;
	}
	if (!isYear && sticky(YEAR_ALONE, text, end)) isYear = true;
	if (!isYear) return undefined;
	const start = before.kind === 'modifier' || before.kind === 'fiscal' ? before.start : num.start;
	return placed(start, end, yearPart(y, before.kind === 'modifier' ? before.modifier : undefined, ref));
}

const Q_YEAR = /(?:[ \u00a0]+(?:of[ \u00a0]+)?(?:FY|fiscal[ \u00a0]+)?(\d{4})(?!\d)|[ \u00a0]*['’](\d{2})(?!\d)|[ \u00a0]*FY(\d{2})(?!\d))/y;

/**
 * Reads a date whose numeral is glued to letters before it: "Q3 2025", "H1 2026", "FY2025",
 * "FY25". Undefined for anything else glued to letters ("GPT5", "A100").
 */
export function readLetterPrefixedDate(ctx: DateContext, num: Numeral): DateReading | undefined {
	const { text, ref } = ctx;
	const at = num.start;
	const c1 = text.charCodeAt(at - 1);
	const c2 = text.charCodeAt(at - 2);
	if (num.words || num.decimals || num.grouped) return undefined;
	// FY2025, FY25
	if (c1 === 89 /* Y */ && c2 === 70 /* F */ && !isLetterCode(text.charCodeAt(at - 3)) && at - 2 >= ctx.lo) {
		const y = num.digits === 2 ? 2000 + num.value : num.digits === 4 ? num.value : NaN;
		if (!plausibleYear(y) || isLetterCode(text.charCodeAt(num.end))) return undefined;
		return placed(at - 2, num.end, months(y, 0, y, 11, 'year'));
	}
	if ((c1 !== 81 /* Q */ && c1 !== 72 /* H */) || isLetterCode(c2) || isDigitCode(c2) || at - 1 < ctx.lo || num.digits !== 1) return undefined;
	const n = num.value;
	if (n < 1 || n > (c1 === 81 ? 4 : 2) || isLetterCode(text.charCodeAt(num.end))) return undefined;
	const mod = (c1 === 81 ? `q${n}` : `h${n}`) as Modifier;
	const q = sticky(Q_YEAR, text, num.end);
	let y: number | undefined;
	let end = num.end;
	if (q) {
		const yy = Number(q[1] ?? q[2] ?? q[3]);
		y = yy < 100 ? 2000 + yy : yy;
		end += q[0].length;
	} else if (ref) {
		y = periodYear(ref, YEAR_PARTS[mod]![0]);
	}
	if (y === undefined || !plausibleYear(y)) return undefined;
	return placed(at - 1, end, yearPart(y, mod, ref));
}

/** The year of a part of a year named without one ("the third quarter"): the latest one begun by the reference date, give or take a quarter. */
function periodYear(ref: RefDate, firstMonth: number): number {
	return Date.UTC(ref.y, firstMonth, 1) > ref.t + 92 * 86400000 ? ref.y - 1 : ref.y;
}

const REL_AFTER = /[ \u00a0]+(year|quarter|month)\b/y;

/** Reads "this year", "last quarter", "next month" (and "late this year", "end of last year") against the document's date. */
export function readRelativeDate(ctx: DateContext, pos: number, token: string): DateReading | undefined {
	const { text, ref } = ctx;
	if (!ref) return undefined;
	const m = sticky(REL_AFTER, text, pos + token.length);
	if (!m) return undefined;
	const end = pos + token.length + m[0].length;
	const w = token.toLowerCase();
	const shift = w === 'last' ? -1 : w === 'next' ? 1 : 0;
	const before = lookBefore(ctx, pos);
	const start = before.kind === 'modifier' ? before.start : pos;
	switch (m[1]) {
		case 'year':
			return placed(start, end, yearPart(ref.y + shift, before.kind === 'modifier' ? before.modifier : undefined, shift === 0 ? ref : undefined));
		case 'quarter': {
			const q = Math.floor(ref.m / 3) + shift;
			const y = ref.y + Math.floor(q / 4);
			const qq = ((q % 4) + 4) % 4;
			return placed(pos, end, months(y, qq * 3, y, qq * 3 + 2, 'quarter'));
		}
		default: {
			const mm = ref.m + shift;
			const y = ref.y + Math.floor(mm / 12);
			return placed(start, end, monthPart(y, ((mm % 12) + 12) % 12, before.kind === 'modifier' ? before.modifier : undefined));
		}
	}
}

const ORDINAL_PERIOD = /[ \u00a0-](quarter|half)\b/y;
const PERIOD_YEAR = /(?:[ \u00a0]+of)?(?:[ \u00a0]+(?:fiscal|calendar)(?:[ \u00a0]+year)?|[ \u00a0]+FY)?[ \u00a0]*(\d{4})(?!\d)|(?:[ \u00a0]+of)?[ \u00a0]+(this|last|next)[ \u00a0]+year\b/y;
const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4 };

/** Reads "third quarter of 2025", "fourth-quarter 2025", "second half of this year", "the first quarter". */
export function readOrdinalPeriod(ctx: DateContext, pos: number, token: string): DateReading | undefined {
	const { text, ref } = ctx;
	const n = ORDINALS[token.toLowerCase()];
	const m = sticky(ORDINAL_PERIOD, text, pos + token.length);
	if (!n || !m) return undefined;
	const half = m[1] === 'half';
	if (half && n > 2) return undefined;
	let end = pos + token.length + m[0].length;
	const mod = (half ? `h${n}` : `q${n}`) as Modifier;
	const yr = sticky(PERIOD_YEAR, text, end);
	let y: number | undefined;
	if (yr && yr[1] && plausibleYear(Number(yr[1]))) y = Number(yr[1]);
	else if (yr && yr[2] && ref) y = ref.y + (yr[2] === 'last' ? -1 : yr[2] === 'next' ? 1 : 0);
	if (y !== undefined) end += yr![0].length;
	else if (ref) y = periodYear(ref, YEAR_PARTS[mod]![0]);
	else return undefined;
	return placed(pos, end, yearPart(y, mod, ref));
}
