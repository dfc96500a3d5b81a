/**
 * What follows or precedes a number and says what it counts: currencies (symbols, codes, words),
 * percent forms, and units of measure, each normalized to a base unit so that `30 gigawatts` and
 * `30,000 MW` compare equal.
 */

/** A unit of measure as written, and how it converts to its base. */
export interface UnitDef {
	/** Base unit symbol (`W`, `Wh`, `t`, `m`, `m2`, `L`, `B`, `s` ...). */
	base: string;
	/** Value of one of this unit in the base unit. */
	mult: number;
	singular: string;
	plural: string;
}

/** A unit read after a number. */
export interface UnitMatch {
	def: UnitDef;
	/** Where the unit token starts (after the separator). */
	start: number;
	end: number;
	/** The word "pound(s)": money when a scale word came before ("5 million pounds"). */
	pound: boolean;
}

function u(base: string, mult: number, singular: string, plural = singular): UnitDef {
	return { base, mult, singular, plural };
}

const SI: ReadonlyArray<readonly [string, string, number]> = [
	['', '', 1], ['kilo', 'k', 1e3], ['mega', 'M', 1e6], ['giga', 'G', 1e9], ['tera', 'T', 1e12],
];

/** Unit symbols, case-sensitive ("MW" is not "mW"), longest first so "kWh" wins over "kW". */
const SYMBOLS = new Map<string, UnitDef>();
/** Unit words, lower-cased, separators normalized to one space. */
const WORDS = new Map<string, UnitDef>();

function symbol(token: string, def: UnitDef): void {
	SYMBOLS.set(token, def);
}
function word(def: UnitDef, ...extra: string[]): void {
	for (const w of [def.singular, def.plural, ...extra]) WORDS.set(w.replace(/-/g, ' '), def);
}

for (const [long, short, mult] of SI) {
	symbol(`${short}W`, u('W', mult, `${short}W`));
	symbol(`${short}Wh`, u('Wh', mult, `${short}Wh`));
	word(u('W', mult, `${long}watt`, `${long}watts`));
	word(u('Wh', mult, `${long}watt-hour`, `${long}watt-hours`));
	symbol(`${short}Hz`, u('Hz', mult, `${short}Hz`));
	word(u('Hz', mult, `${long}hertz`));
}
for (const [long, short, mult] of [['kilo', 'K', 1e3], ['mega', 'M', 1e6], ['giga', 'G', 1e9], ['tera', 'T', 1e12], ['peta', 'P', 1e15], ['exa', 'E', 1e18]] as const) {
	symbol(`${short}B`, u('B', mult, `${short}B`));
	word(u('B', mult, `${long}byte`, `${long}bytes`));
	if (mult >= 1e12) {
		symbol(`${short}FLOPS`, u('FLOPS', mult, `${short}FLOPS`));
		word(u('FLOPS', mult, `${long}flops`), `${long}flop`);
	}
}
symbol('kB', u('B', 1e3, 'kB'));
word(u('B', 1, 'byte', 'bytes'));
for (const [p, mult] of [['k', 1e3], ['K', 1e3], ['M', 1e6], ['G', 1e9], ['T', 1e12]] as const) symbol(`${p}bps`, u('bit/s', mult, `${p}bps`));

// mass: tonnes are the base because commodity news counts in tonnes; US "tons" are read as tonnes
// on purpose, since writers paraphrase one as the other
symbol('t', u('t', 1, 't'));
symbol('kt', u('t', 1e3, 'kt'));
symbol('Mt', u('t', 1e6, 'Mt'));
symbol('Gt', u('t', 1e9, 'Gt'));
symbol('kg', u('t', 1e-3, 'kg'));
symbol('lb', u('t', 0.00045359237, 'lb'));
symbol('lbs', u('t', 0.00045359237, 'lbs'));
symbol('oz', u('t', 2.8349523125e-5, 'oz'));
word(u('t', 1, 'tonne', 'tonnes'), 'ton', 'tons', 'metric ton', 'metric tons', 'metric tonne', 'metric tonnes');
word(u('t', 1e3, 'kilotonne', 'kilotonnes'), 'kiloton', 'kilotons');
word(u('t', 1e6, 'megatonne', 'megatonnes'), 'megaton', 'megatons');
word(u('t', 1e-3, 'kilogram', 'kilograms'), 'kilogramme', 'kilogrammes');
word(u('t', 1e-6, 'gram', 'grams'), 'gramme', 'grammes');
word(u('t', 0.00045359237, 'pound', 'pounds'));
word(u('t', 2.8349523125e-5, 'ounce', 'ounces'));

// length, area, volume
for (const [long, short, mult] of [['', 'm', 1], ['kilo', 'km', 1e3], ['centi', 'cm', 1e-2], ['milli', 'mm', 1e-3], ['nano', 'nm', 1e-9]] as const) {
	symbol(short, u('m', mult, short));
	word(u('m', mult, `${long}metre`, `${long}metres`), `${long}meter`, `${long}meters`);
}
symbol('mi', u('m', 1609.344, 'mi'));
symbol('ft', u('m', 0.3048, 'ft'));
word(u('m', 1609.344, 'mile', 'miles'));
word(u('m', 1852, 'nautical mile', 'nautical miles'));
word(u('m', 0.3048, 'foot', 'feet'));
word(u('m', 0.0254, 'inch', 'inches'));
word(u('m', 0.9144, 'yard', 'yards'));
symbol('km²', u('m2', 1e6, 'km²'));
symbol('km2', u('m2', 1e6, 'km2'));
symbol('m²', u('m2', 1, 'm²'));
symbol('sq km', u('m2', 1e6, 'sq km'));
symbol('sq mi', u('m2', 2589988.110336, 'sq mi'));
symbol('sq ft', u('m2', 0.09290304, 'sq ft'));
symbol('ha', u('m2', 1e4, 'ha'));
word(u('m2', 1e6, 'square kilometre', 'square kilometres'), 'square kilometer', 'square kilometers');
word(u('m2', 1, 'square metre', 'square metres'), 'square meter', 'square meters');
word(u('m2', 2589988.110336, 'square mile', 'square miles'));
word(u('m2', 0.09290304, 'square foot', 'square feet'));
word(u('m2', 4046.8564224, 'acre', 'acres'));
word(u('m2', 1e4, 'hectare', 'hectares'));
symbol('L', u('L', 1, 'L'));
symbol('ml', u('L', 1e-3, 'ml'));
symbol('mL', u('L', 1e-3, 'mL'));
word(u('L', 1, 'litre', 'litres'), 'liter', 'liters');
word(u('L', 1e-3, 'millilitre', 'millilitres'), 'milliliter', 'milliliters');
word(u('L', 3.785411784, 'gallon', 'gallons'));
word(u('L', 1000, 'cubic metre', 'cubic metres'), 'cubic meter', 'cubic meters');
// barrels stay barrels: oil is never reported in litres, and a conversion would only blur precision
symbol('bbl', u('bbl', 1, 'bbl'));
word(u('bbl', 1, 'barrel', 'barrels'));

// temperature and speed
symbol('°C', u('degC', 1, '°C'));
symbol('°F', u('degF', 1, '°F'));
word(u('degC', 1, 'degree Celsius', 'degrees Celsius'));
word(u('degF', 1, 'degree Fahrenheit', 'degrees Fahrenheit'));
symbol('mph', u('m/s', 0.44704, 'mph'));
symbol('km/h', u('m/s', 1 / 3.6, 'km/h'));
symbol('kph', u('m/s', 1 / 3.6, 'kph'));
word(u('m/s', 0.44704, 'mile per hour', 'miles per hour'));
word(u('m/s', 1 / 3.6, 'kilometre per hour', 'kilometres per hour'), 'kilometer per hour', 'kilometers per hour');

// durations, in seconds; a year is a Julian year so that 12 months make one
const YEAR = 31557600;
word(u('s', 1, 'second', 'seconds'));
word(u('s', 60, 'minute', 'minutes'));
word(u('s', 3600, 'hour', 'hours'));
word(u('s', 86400, 'day', 'days'));
word(u('s', 604800, 'week', 'weeks'));
word(u('s', YEAR / 12, 'month', 'months'));
word(u('s', YEAR, 'year', 'years'));
word(u('s', YEAR * 10, 'decade', 'decades'));
word(u('s', YEAR * 100, 'century', 'centuries'));
symbol('hrs', u('s', 3600, 'hrs'));

function alternation(keys: Iterable<string>, words: boolean): string {
	return [...keys]
		.sort((a, b) => b.length - a.length)
		.map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, words ? '[ \\u00a0-]' : '[ \\u00a0]'))
		.join('|');
}

const SYMBOL_RE = new RegExp(`([ \\u00a0\\u202f-]?)(${alternation(SYMBOLS.keys(), false)})(?![A-Za-z0-9²])`, 'y');
const WORD_RE = new RegExp(`[ \\u00a0\\u202f-](${alternation(WORDS.keys(), true)})(?![A-Za-z])`, 'iy');

/** Reads a unit of measure after a number at `pos` ("30 gigawatts", "30GW", "a 30-gigawatt"). */
export function readUnit(text: string, pos: number): UnitMatch | undefined {
	WORD_RE.lastIndex = pos;
	let m = WORD_RE.exec(text);
	if (m) {
		const token = m[1]!.toLowerCase().replace(/[\u00a0-]/g, ' ');
		const def = WORDS.get(token);
		if (def) return { def, start: pos + m[0].length - m[1]!.length, end: pos + m[0].length, pound: def.singular === 'pound' };
	}
	SYMBOL_RE.lastIndex = pos;
	m = SYMBOL_RE.exec(text);
	if (m) {
		const def = SYMBOLS.get(m[2]!.replace(/\u00a0/g, ' '));
		// after a hyphen a single letter is a compound or a code ("10-K", "5-m"), not a unit
		if (def && !(m[1] === '-' && m[2]!.length === 1)) return { def, start: pos + m[0].length - m[2]!.length, end: pos + m[0].length, pound: false };
	}
	return undefined;
}

/** The unit a token names, for rewriting a figure in the writer's unit. */
export function unitByToken(token: string): UnitDef | undefined {
	return SYMBOLS.get(token) ?? WORDS.get(token.toLowerCase().replace(/[\u00a0-]/g, ' '));
}

/** A percent sign or word read after a number. */
export interface PercentMatch {
	/** `%`, or `pp` for percentage points (basis points are hundredths of one). */
	unit: '%' | 'pp';
	mult: number;
	end: number;
}

const PERCENT = /[ \u00a0\u202f]?%|[ \u00a0\u202f-](?:percent|per[ \u00a0-]cent|pct)(?![A-Za-z])|pc(?![A-Za-z])/iy;
const POINTS = /[ \u00a0\u202f-](?:percentage[ \u00a0-]points?|basis[ \u00a0-]points?|bps)(?![A-Za-z])|(?:pp|ppt|bps)(?![A-Za-z])/iy;

/** Reads `%`, `percent`, `per cent`, `percentage points` or `basis points` at `pos`. */
export function readPercent(text: string, pos: number): PercentMatch | undefined {
	POINTS.lastIndex = pos;
	let m = POINTS.exec(text);
	if (m) return { unit: 'pp', mult: /b/i.test(m[0]) ? 0.01 : 1, end: pos + m[0].length };
	PERCENT.lastIndex = pos;
	m = PERCENT.exec(text);
	if (m) return { unit: '%', mult: 1, end: pos + m[0].length };
	return undefined;
}

/** A currency read before or after a number. */
export interface CurrencyMatch {
	code: string;
	start: number;
	end: number;
	/** Cents and pence count hundredths. */
	mult: number;
	/** "pounds" and "won" are a currency only after a scale word ("5 million pounds", "1 trillion won"). */
	needsScale: boolean;
}

const SYMBOL_CODES: Record<string, string> = {
	$: 'USD', US$: 'USD', 'U.S.$': 'USD', A$: 'AUD', AU$: 'AUD', C$: 'CAD', CA$: 'CAD', CAN$: 'CAD', HK$: 'HKD',
	NZ$: 'NZD', NT$: 'TWD', S$: 'SGD', R$: 'BRL', MX$: 'MXN', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₹': 'INR',
	'₩': 'KRW', '₽': 'RUB', Rs: 'INR', 'Rs.': 'INR', RMB: 'CNY', NTD: 'TWD',
};
const CODES = 'USD|EUR|GBP|JPY|CNY|RMB|INR|CAD|AUD|HKD|TWD|NTD|KRW|SGD|CHF|BRL|MXN|RUB|NZD';

/** A currency code glued to the number after it ("USD1.4 trillion", "EUR2bn"), ending at the end of the text tested. */
const GLUED_CODE = new RegExp(`(?<![A-Za-z])(?:${CODES})$`);

/** Whether the letters just before `pos` are a currency code written against the number ("USD1.4bn"), not a name's ("A320"). */
export function gluedCurrencyCode(text: string, pos: number, lo: number): boolean {
	return pos - 3 >= lo && GLUED_CODE.test(text.slice(Math.max(lo, pos - 4), pos));
}

const PREFIX = new RegExp(`(?:((?:(?<![A-Za-z])(?:US|U\\.S\\.|AU|A|CAN|CA|C|HK|NZ|NT|S|R|MX))?\\$)|([€£¥₹₩₽])|(?<![A-Za-z])(Rs\\.?|${CODES}))[ \\u00a0\\u202f]?$`);

/** The currency written just before `pos` (`$`, `US$`, `€`, `USD `), not reaching before `lo`. */
export function currencyBefore(text: string, pos: number, lo: number): CurrencyMatch | undefined {
	const from = Math.max(lo, pos - 6);
	if (from >= pos) return undefined;
	const c = text.charCodeAt(pos - 1);
	// fast path: a currency is a symbol or ends in a letter, maybe with one space
	if (c === 32 || c === 0xa0 || c === 0x202f) {
		if (pos - 2 < lo) return undefined;
	} else if (!(c === 36 || c > 127 || (c >= 65 && c <= 90) || c === 46 || c === 115)) {
		return undefined;
	}
	const m = PREFIX.exec(text.slice(from, pos));
	if (!m) return undefined;
	const sym = (m[1] ?? m[2] ?? m[3])!;
	const code = SYMBOL_CODES[sym] ?? sym;
	return { code, start: from + m.index, end: pos, mult: 1, needsScale: false };
}

const CUR_WORD = /[ \u00a0\u202f-](?:(U\.S\.|US|American|Canadian|Australian|Hong[ \u00a0]Kong|Singapore|New[ \u00a0]Taiwan|Taiwan|Taiwanese|NT|New[ \u00a0]Zealand)[ \u00a0])?(dollars?|euros?|pounds[ \u00a0]sterling|pounds?|sterling|yen|yuan|renminbi|rupees?|won|Swiss[ \u00a0]francs?|francs?|rubles?|roubles?|pesos?|cents?|pence)(?![A-Za-z])/iy;
const CUR_CODE = new RegExp(`[ \\u00a0\\u202f]?(${CODES})(?![A-Za-z])|[ \\u00a0\\u202f]?([€£])`, 'y');

const DOLLAR_OF: Record<string, string> = {
	'u.s.': 'USD', us: 'USD', american: 'USD', canadian: 'CAD', australian: 'AUD', 'hong kong': 'HKD', singapore: 'SGD',
	'new taiwan': 'TWD', taiwan: 'TWD', taiwanese: 'TWD', nt: 'TWD', 'new zealand': 'NZD',
};
const WORD_CODES: Record<string, string> = {
	euro: 'EUR', pound: 'GBP', 'pounds sterling': 'GBP', sterling: 'GBP', yen: 'JPY', yuan: 'CNY', renminbi: 'CNY',
	rupee: 'INR', won: 'KRW', franc: 'CHF', 'swiss franc': 'CHF', ruble: 'RUB', rouble: 'RUB', peso: 'MXN', cent: 'USD', pence: 'GBP',
};

/** Reads a currency written after a number ("2.5 billion USD", "1.4 trillion dollars", "5 €"). */
export function currencyAfter(text: string, pos: number): CurrencyMatch | undefined {
	CUR_WORD.lastIndex = pos;
	let m = CUR_WORD.exec(text);
	if (m) {
		const w = m[2]!.toLowerCase().replace(/\u00a0/g, ' ');
		const end = pos + m[0].length;
		if (w === 'dollar' || w === 'dollars') {
			const of = m[1]?.toLowerCase().replace(/\u00a0/g, ' ');
			return { code: of ? DOLLAR_OF[of] ?? 'USD' : 'USD', start: pos + 1, end, mult: 1, needsScale: false };
		}
		if (m[1]) return undefined;
		const key = w === 'pounds sterling' || w === 'pence' ? w : w.replace(/s$/, '');
		const code = WORD_CODES[key];
		if (!code) return undefined;
		const hundredth = key === 'cent' || key === 'pence';
		return { code, start: pos + 1, end, mult: hundredth ? 0.01 : 1, needsScale: key === 'pound' || key === 'won' };
	}
	CUR_CODE.lastIndex = pos;
	m = CUR_CODE.exec(text);
	if (m) {
		const sym = (m[1] ?? m[2])!;
		return { code: SYMBOL_CODES[sym] ?? sym, start: pos + m[0].length - sym.length, end: pos + m[0].length, mult: 1, needsScale: false };
	}
	return undefined;
}

const CANONICAL_SYMBOL: Record<string, string> = {
	USD: '$', EUR: '€', GBP: '£', JPY: '¥', INR: '₹', KRW: '₩', AUD: 'A$', CAD: 'C$', HKD: 'HK$', TWD: 'NT$',
	SGD: 'S$', NZD: 'NZ$', BRL: 'R$', MXN: 'MX$',
};

/** How a currency is written when nothing else says how: `$`, `€`, `NT$`, else the code and a space. */
export function currencyPrefix(code: string): string {
	return CANONICAL_SYMBOL[code] ?? `${code} `;
}
