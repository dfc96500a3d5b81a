/**
 * Writing dates back as people write them: the canonical form of a period ("late 2026", "Q3
 * 2025", "July–September 2025") and a date in the style of another ("Nov. 21" for "Nov. 20").
 */
import type { Figure } from '../types';
import { daysIn, MONTH_NAMES } from './dates';

interface Ymd {
	y: number;
	m: number;
	d: number;
}

function ymd(t: number): Ymd {
	const d = new Date(t);
	return { y: d.getUTCFullYear(), m: d.getUTCMonth(), d: d.getUTCDate() };
}

const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth'];
const AP_ABBR = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];

function dayText(a: Ymd): string {
	return `${MONTH_NAMES[a.m]} ${a.d}, ${a.y}`;
}

/** Names a span of whole months within one year the way news does ("late 2026", "first half of 2025"). */
function monthsText(y: number, m1: number, m2: number, unit: string): string {
	if (m1 === m2) return `${MONTH_NAMES[m1]} ${y}`;
	if (m1 === 0 && m2 === 11) return `${y}`;
	if (m2 - m1 === 2 && m1 % 3 === 0 && unit === 'quarter') return `Q${m1 / 3 + 1} ${y}`;
	const key = `${m1}-${m2}`;
	const named: Record<string, string> = {
		'0-3': `early ${y}`, '4-7': `mid-${y}`, '8-11': `late ${y}`, '9-11': `end of ${y}`, '0-2': `start of ${y}`,
		'0-5': `first half of ${y}`, '6-11': `second half of ${y}`, '2-4': `spring ${y}`, '5-7': `summer ${y}`, '8-10': `fall ${y}`,
	};
	return named[key] ?? `${MONTH_NAMES[m1]}–${MONTH_NAMES[m2]} ${y}`;
}

/** The canonical text of a date figure: 'November 21, 2025', 'late 2026', 'Q3 2025', '2025–2030'. */
export function describeDate(f: Figure): string {
	const a = ymd(f.value);
	const b = ymd(f.high ?? f.value);
	const wholeMonths = a.d === 1 && b.d === daysIn(b.y, b.m);
	if (a.y === b.y && a.m === b.m && a.d === b.d) return dayText(a);
	if (wholeMonths && a.y === b.y) return monthsText(a.y, a.m, b.m, f.unit);
	if (wholeMonths && a.m === 0 && b.m === 11) {
		if (a.y % 10 === 0 && b.y === a.y + 9) return `the ${a.y}s`;
		return `${a.y}–${b.y}`;
	}
	if (wholeMonths) return `${MONTH_NAMES[a.m]} ${a.y} – ${MONTH_NAMES[b.m]} ${b.y}`;
	if (a.y === b.y && a.m === b.m) {
		const last = daysIn(a.y, a.m);
		if (a.d === 1 && b.d === 10) return `early ${MONTH_NAMES[a.m]} ${a.y}`;
		if (a.d === 11 && b.d === 20) return `mid-${MONTH_NAMES[a.m]} ${a.y}`;
		if (a.d === 21 && b.d === last) return `late ${MONTH_NAMES[a.m]} ${a.y}`;
		return `${MONTH_NAMES[a.m]} ${a.d}–${b.d}, ${a.y}`;
	}
	return `${dayText(a)} – ${dayText(b)}`;
}

/** How a writer names months: in full, AP-abbreviated ("Nov."), or cut to three letters ("Nov"). */
function monthNamer(style: string): (m: number) => string {
	for (let i = 0; i < 12; i++) {
		const full = MONTH_NAMES[i]!;
		if (style.includes(full)) return (m) => MONTH_NAMES[m]!;
		const short = full.slice(0, 3);
		const at = style.search(new RegExp(`\\b${short}`));
		if (at >= 0) {
			const dotted = style.charAt(at + short.length) === '.' || style.slice(at, at + 5) === 'Sept.';
			return dotted ? (m) => AP_ABBR[m]! : (m) => MONTH_NAMES[m]!.slice(0, 3);
		}
	}
	return (m) => MONTH_NAMES[m]!;
}

/** `value` written as the date `style` is written: same month naming, order, and year shown or not. */
export function formatDateLike(value: Figure, style: Figure): string {
	if (value.unit !== style.unit || value.high === undefined) return describeDate(value);
	const a = ymd(value.value);
	const s = ymd(style.value);
	const text = style.text;
	const name = monthNamer(text);
	// a writer who left the year out meant the year of the document; keep it out if it is the same
	const showYear = /\d{4}/.test(text) || a.y !== s.y;
	switch (value.unit) {
		case 'day': {
			const ordinal = /\d(?:st|nd|rd|th)\b/.test(text) ? ordinalSuffix(a.d) : '';
			if (/^\d/.test(text)) return `${a.d}${ordinal} ${name(a.m)}${showYear ? ` ${a.y}` : ''}`;
			return `${name(a.m)} ${a.d}${ordinal}${showYear ? `, ${a.y}` : ''}`;
		}
		case 'month':
			return `${name(a.m)}${showYear ? ` ${a.y}` : ''}`;
		case 'year':
			return /^(?:FY|fiscal)/i.test(text) ? text.replace(/\d{4}|\d{2}$/, (d) => (d.length === 4 ? `${a.y}` : `${a.y % 100}`.padStart(2, '0'))) : `${a.y}`;
		case 'quarter': {
			const q = Math.floor(a.m / 3);
			if (/quarter/i.test(text)) return `${ORDINAL_WORDS[q]}${/-quarter/i.test(text) ? '-quarter' : ' quarter'}${showYear ? `${/of/.test(text) ? ' of' : ''} ${a.y}` : ''}`;
			return `Q${q + 1}${showYear ? ` ${a.y}` : ''}`;
		}
		default:
			return describeDate(value);
	}
}

function ordinalSuffix(d: number): string {
	if (d % 100 >= 11 && d % 100 <= 13) return 'th';
	return d % 10 === 1 ? 'st' : d % 10 === 2 ? 'nd' : d % 10 === 3 ? 'rd' : 'th';
}
