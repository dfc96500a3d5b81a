/**
 * Writing figures: canonically for people ("$1.4 trillion", "25 million homes", "late 2026"), and
 * in the style of a figure someone wrote, so that a quick fix replaces "$2 trillion" with "$1.4
 * trillion" and "2 trillion dollars" with "1.4 trillion dollars", never with another scale.
 */
import type { Figure, FigureQualifier } from '../types';
import { describeDate, formatDateLike } from './dateFormat';
import { comparable, precisionOf } from './figureCompare';
import { pluralOf } from './nouns';
import {
	decimalsFor,
	formatAmount,
	readNumberWords,
	readNumeral,
	readScale,
	SCALE_FAMILIES,
	scaleFamilyOf,
	type Numeral,
	type ScaleFamily,
} from './numbers';
import { currencyPrefix, unitByToken } from './units';

const QUALIFIER_WORDS: Record<FigureQualifier, string> = {
	approx: 'about ',
	over: 'more than ',
	under: 'less than ',
	'at-least': 'at least ',
	'at-most': 'up to ',
};

/** The largest scale of the family that `x` reaches, none below the smallest. */
function pickScale(x: number, family: ScaleFamily): readonly [number, string] | undefined {
	let best: readonly [number, string] | undefined;
	for (const s of family) if (Math.abs(x) >= s[0] * (1 - 1e-12)) best = s;
	return best;
}

function amountText(values: readonly number[], precision: number, family: ScaleFamily | undefined): string {
	const s = family ? pickScale(values[0]!, family) : undefined;
	const mult = s ? s[0] : 1;
	const d = decimalsFor(precision, mult, s ? 3 : 6);
	return values.map((v) => formatAmount(v / mult, d)).join('–') + (s ? ` ${s[1]}` : '');
}

const DISPLAY: Record<string, ReadonlyArray<readonly [number, string]>> = {
	W: [[1, 'W'], [1e3, 'kW'], [1e6, 'MW'], [1e9, 'GW'], [1e12, 'TW']],
	Wh: [[1, 'Wh'], [1e3, 'kWh'], [1e6, 'MWh'], [1e9, 'GWh'], [1e12, 'TWh']],
	Hz: [[1, 'Hz'], [1e3, 'kHz'], [1e6, 'MHz'], [1e9, 'GHz'], [1e12, 'THz']],
	B: [[1, 'bytes'], [1e3, 'KB'], [1e6, 'MB'], [1e9, 'GB'], [1e12, 'TB'], [1e15, 'PB'], [1e18, 'EB']],
	'bit/s': [[1, 'bit/s'], [1e3, 'kbps'], [1e6, 'Mbps'], [1e9, 'Gbps'], [1e12, 'Tbps']],
	FLOPS: [[1, 'FLOPS'], [1e12, 'TFLOPS'], [1e15, 'PFLOPS'], [1e18, 'EFLOPS']],
	t: [[1e-6, 'g'], [1e-3, 'kg'], [1, 'tonnes']],
	m: [[1e-9, 'nm'], [1e-3, 'mm'], [1e-2, 'cm'], [1, 'm'], [1e3, 'km']],
	m2: [[1, 'm²'], [1e6, 'km²']],
	L: [[1e-3, 'mL'], [1, 'L']],
	bbl: [[1, 'barrels']],
	degC: [[1, '°C']],
	degF: [[1, '°F']],
	'm/s': [[1 / 3.6, 'km/h']],
};

const YEAR = 31557600;
const DURATIONS: ReadonlyArray<readonly [number, string, string]> = [
	[YEAR, 'year', 'years'], [YEAR / 12, 'month', 'months'], [604800, 'week', 'weeks'], [86400, 'day', 'days'],
	[3600, 'hour', 'hours'], [60, 'minute', 'minutes'], [1, 'second', 'seconds'],
];

function describeQuantity(f: Figure, values: readonly number[], precision: number): string {
	if (f.unit === 's') {
		// in the unit it was written in ("24 hours", "30-day"), else the largest in which it is round
		const written = unitByToken(/([A-Za-z]+)$/.exec(f.text)?.[1] ?? '');
		const units = written?.base === 's' ? [[written.mult, written.singular, written.plural] as const] : DURATIONS;
		for (const [mult, one, many] of units) {
			const x = Math.abs(values[0]!) / mult;
			if (x >= 1 && Math.abs(x * 100 - Math.round(x * 100)) < 1e-6 * x) {
				const n = values.map((v) => formatAmount(v / mult, 2)).join('–');
				return `${n} ${values.length === 1 && x === 1 ? one : many}`;
			}
		}
	}
	const units = DISPLAY[f.unit] ?? [[1, f.unit] as const];
	let unit = units[0]!;
	for (const u of units) if (Math.abs(values[0]!) >= u[0] * (1 - 1e-12)) unit = u;
	const scaledValues = values.map((v) => v / unit[0]);
	const n = amountText(scaledValues, precision / unit[0], Math.abs(scaledValues[0]!) >= 1e6 ? SCALE_FAMILIES.word : undefined);
	return unit[1].startsWith('°') ? `${n}${unit[1]}` : `${n} ${unit[1]}`;
}

function describeValue(f: Figure): string {
	const values = f.high !== undefined ? [f.value, f.high] : [f.value];
	const p = precisionOf(f);
	switch (f.kind) {
		case 'date':
			return describeDate(f);
		case 'money':
			return currencyPrefix(f.unit) + amountText(values, p, SCALE_FAMILIES.word);
		case 'percent':
			if (f.unit === 'pp') return `${amountText(values, p, undefined)} percentage point${values.length === 1 && f.value === 1 ? '' : 's'}`;
			return `${amountText(values, p, undefined)}%`;
		case 'count': {
			const n = amountText(values, p, SCALE_FAMILIES.word);
			if (!f.unit) return n;
			return `${n} ${values.length === 1 && f.value === 1 ? f.unit : pluralOf(f.unit)}`;
		}
		case 'quantity':
			return describeQuantity(f, values, p);
	}
}

/** The figure in canonical human form, hedge included: '$1.4 trillion', '25%', '30 GW', 'about 25 million homes', 'late 2026'. */
export function describeFigure(f: Figure): string {
	return (f.qualifier && f.kind !== 'date' ? QUALIFIER_WORDS[f.qualifier] : '') + describeValue(f);
}

interface StyleParts {
	prefix: string;
	mantissa: number;
	/** Thousands separators: kept as the writer used them ("1400" stays ungrouped). */
	group: boolean;
	/** Text between the two numbers of a range, currency repeated included ("-$"). */
	connector?: string;
	sep: string;
	scaleToken?: string;
	scaleMult: number;
	suffix: string;
}

const CONNECTOR = /^(?:[ \u00a0]*[-–‐‑][ \u00a0]*|—|[ \u00a0]+(?:to|and)[ \u00a0]+)(?:[^\dA-Za-z \u00a0]{1,3}[ \u00a0]?)?/;
const WORD_START = /\b[A-Za-z]/g;

/** Splits the writer's figure into what surrounds the number, the number, its scale and its unit. */
function decompose(style: Figure): StyleParts | undefined {
	const t = style.text;
	let n: Numeral | undefined;
	const i = t.search(/\d/);
	if (i >= 0) n = readNumeral(t, i);
	else {
		WORD_START.lastIndex = 0;
		for (let w = WORD_START.exec(t); w && !n; w = WORD_START.exec(t)) n = readNumberWords(t, w.index);
	}
	if (!n) return undefined;
	let p = n.end;
	let connector: string | undefined;
	const c = CONNECTOR.exec(t.slice(p));
	if (c) {
		const n2 = n.words ? readNumberWords(t, p + c[0].length) : readNumeral(t, p + c[0].length);
		if (n2) {
			connector = c[0];
			p = n2.end;
		}
	}
	const scale = readScale(t, p, style.kind === 'money');
	// a range with the scale on both ends ("$66 billion and $72 billion") is not a shape we rewrite
	if (/\d/.test(t.slice(scale ? scale.end : p))) return undefined;
	const parts: StyleParts = {
		prefix: t.slice(0, n.start),
		mantissa: n.value,
		group: n.grouped || n.words || n.digits < 4,
		sep: scale ? t.slice(p, scale.start) : '',
		scaleMult: scale?.mult ?? 1,
		suffix: t.slice(scale ? scale.end : p),
	};
	if (connector !== undefined) parts.connector = connector;
	if (scale) parts.scaleToken = scale.token;
	return parts;
}

/** A scale name from a family, cased (and old-plural'd) like the writer's token. */
function restyle(name: string, token: string, word: boolean): string {
	let out = name;
	if (token.length > 1 && token === token.toUpperCase() && token !== token.toLowerCase()) out = name.toUpperCase();
	else if (/^[A-Z]/.test(token)) out = name.charAt(0).toUpperCase() + name.slice(1);
	if (word && /s$/i.test(token)) out += 's';
	return out;
}

/** The unit word after a number in the number's grammatical number ("1 gigawatt", "25 gigawatts"); hyphenated adjectives stay singular. */
function agreeUnit(suffix: string, one: boolean): string {
	const m = /^([ \u00a0]+)([A-Za-z][A-Za-z \u00a0-]*)$/.exec(suffix);
	if (!m) return suffix;
	// percentage and basis points
	if (/points?$/.test(m[2]!)) return suffix.replace(/points?$/, one ? 'point' : 'points');
	const def = unitByToken(m[2]!);
	if (!def || def.singular === def.plural) return suffix;
	const want = one ? def.singular : def.plural;
	const cased = /^[A-Z]/.test(m[2]!) ? want.charAt(0).toUpperCase() + want.slice(1) : want;
	return m[1] + cased;
}

/**
 * `value` written in the style of `style`, the writer's figure: the writer's currency sign, scale
 * words and unit. '$2 trillion' styles $1.4 trillion as '$1.4 trillion', '2 trillion dollars' as
 * '1.4 trillion dollars'; the scale changes only when the value needs another ('$800 billion').
 */
export function formatLike(value: Figure, style: Figure): string {
	if (!comparable(value, style)) return describeValue(value);
	if (value.kind === 'date') return formatDateLike(value, style);
	const parts = decompose(style);
	if (!parts || !parts.mantissa || !style.value) return describeValue(value);
	// what one of the writer's unit is in the base unit: 1e9 for "GW", 0.01 for "basis points"
	const unitMult = Math.abs(style.value / (parts.mantissa * parts.scaleMult));
	const values = (value.high !== undefined ? [value.value, value.high] : [value.value]).map((v) => v / unitMult);
	const a = Math.abs(values[0]!);
	let scaleMult = parts.scaleMult;
	let token = parts.scaleToken;
	let sep = parts.sep;
	if (token) {
		const r = a / scaleMult;
		const keep = (r >= 1 && r < 1000) || (parts.mantissa >= 1000 && r >= 1) || (parts.mantissa < 1 && r < 1 && r >= 0.001);
		if (!keep) {
			const family = scaleFamilyOf(token);
			const s = pickScale(a, SCALE_FAMILIES[family]!);
			if (s) {
				scaleMult = s[0];
				token = restyle(s[1], token, family === 'word');
			} else {
				scaleMult = 1;
				token = undefined;
				sep = '';
			}
		}
	} else if (a >= 1e6 && (value.kind === 'money' || value.kind === 'count')) {
		const s = pickScale(a, SCALE_FAMILIES.word!)!;
		scaleMult = s[0];
		token = s[1];
		sep = ' ';
	}
	const d = decimalsFor(precisionOf(value) / unitMult, scaleMult, token ? 3 : 6);
	const nums = values.map((v) => formatAmount(v / scaleMult, d, parts.group));
	let prefix = parts.prefix;
	let numText = nums[0]!;
	if (nums.length === 2) numText = `${nums[0]}${parts.connector ?? '–'}${nums[1]}`;
	else if (parts.connector !== undefined) prefix = prefix.replace(/^between[ \u00a0]+/i, '');
	const one = nums.length === 1 && !token && Math.abs(values[0]! / scaleMult) === 1;
	const suffix = value.kind === 'quantity' || value.kind === 'percent' ? agreeUnit(parts.suffix, one) : parts.suffix;
	return prefix + numText + (token ? sep + token : '') + suffix;
}
