/**
 * Scale words and abbreviations: a 1000× slip is the worst thing the extractor can do, so every
 * way of writing thousand, million, billion and trillion is tried with and without a currency,
 * glued and spaced, with thousands separators, decimals, old plurals and number words.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeFigure, extractFigures, formatLike } from '../../server/src/service/extract/figures';
import type { Figure } from '../../server/src/service/types';

function one(text: string): Figure {
	const all = extractFigures(text);
	assert.equal(all.length, 1, `expected one figure in ${JSON.stringify(text)}, got ${JSON.stringify(all.map((f) => f.text))}`);
	return all[0]!;
}

/** `mantissa × 10^exp` as the decimal literal would give it, so no float product hides a slip. */
function exact(mantissa: string, exp: number): number {
	return Number(`${mantissa.replace(/,/g, '')}e${exp}`);
}

interface ScaleCase {
	token: string;
	exp: number;
	/** A word ("billion") rather than an abbreviation. */
	word: boolean;
	/** One letter: a scale only after a currency, or glued before a counted noun. */
	letter: boolean;
}

const SCALES: ScaleCase[] = [
	...['thousand', 'Thousand', 'thousands'].map((token) => ({ token, exp: 3, word: true, letter: false })),
	...['million', 'Million', 'millions', 'MILLION'].map((token) => ({ token, exp: 6, word: true, letter: false })),
	...['billion', 'Billion', 'billions'].map((token) => ({ token, exp: 9, word: true, letter: false })),
	...['trillion', 'Trillion', 'trillions'].map((token) => ({ token, exp: 12, word: true, letter: false })),
	...['mn', 'Mn', 'mln'].map((token) => ({ token, exp: 6, word: false, letter: false })),
	...['bn', 'Bn', 'BN', 'bln'].map((token) => ({ token, exp: 9, word: false, letter: false })),
	...['tn', 'trn'].map((token) => ({ token, exp: 12, word: false, letter: false })),
	...['k', 'K'].map((token) => ({ token, exp: 3, word: false, letter: true })),
	...['m', 'M', 'MM', 'mil'].map((token) => ({ token, exp: 6, word: false, letter: true })),
	...['b', 'B', 'bil'].map((token) => ({ token, exp: 9, word: false, letter: true })),
	{ token: 'T', exp: 12, word: false, letter: true },
];

const CURRENCIES: Array<[string, string]> = [['$', 'USD'], ['US$', 'USD'], ['€', 'EUR'], ['£', 'GBP'], ['¥', 'JPY']];
const MANTISSAS = ['5', '1.5', '2.25', '1,400', '0.8'];

describe('every scale after a currency symbol, glued and spaced', () => {
	for (const s of SCALES) {
		test(s.token, () => {
			for (const [sym, code] of CURRENCIES) {
				for (const n of MANTISSAS) {
					const forms = s.word ? [`${sym}${n} ${s.token}`, `${sym}${n}\u00a0${s.token}`] : [`${sym}${n}${s.token}`, `${sym}${n} ${s.token}`];
					for (const span of forms) {
						const f = one(`They paid ${span} for it.`);
						assert.equal(f.text, span);
						assert.equal(f.kind, 'money');
						assert.equal(f.unit, code);
						assert.equal(f.value, exact(n, s.exp), `${span}`);
					}
				}
			}
		});
	}
});

describe('scale words with a currency code or word after', () => {
	for (const s of SCALES.filter((x) => x.word)) {
		test(s.token, () => {
			for (const n of MANTISSAS) {
				for (const [suffix, code] of [['dollars', 'USD'], ['USD', 'USD'], ['euros', 'EUR'], ['yen', 'JPY']] as const) {
					const span = `${n} ${s.token} ${suffix}`;
					const f = one(`worth ${span}.`);
					assert.deepEqual([f.text, f.kind, f.unit, f.value], [span, 'money', code, exact(n, s.exp)]);
				}
				const f = one(`a loan of USD ${n} ${s.token}.`);
				assert.equal(f.value, exact(n, s.exp));
			}
		});
	}
});

describe('scales without a currency', () => {
	for (const s of SCALES.filter((x) => !x.token.startsWith('MM'))) {
		test(`${s.token} before a counted noun`, () => {
			for (const n of ['12', '1.5', '2,500']) {
				const span = s.word ? `${n} ${s.token}` : `${n}${s.token}`;
				const f = one(`They have ${span} users.`);
				assert.deepEqual([f.text, f.kind, f.unit, f.value], [span, 'count', 'user', exact(n, s.exp)]);
			}
		});
	}
	test('words and unambiguous abbreviations stand alone; single letters do not', () => {
		for (const s of SCALES) {
			const text = s.word ? `reached 12 ${s.token} then` : `reached 12${s.token} then`;
			const all = extractFigures(text);
			if (s.word || !s.letter) {
				assert.equal(all.length, 1, text);
				assert.deepEqual([all[0]!.kind, all[0]!.unit, all[0]!.value], ['count', '', exact('12', s.exp)], text);
			} else {
				// "12m" alone is twelve metres; "12k", "12B", "12T", "12MM" are nothing we can name
				assert.ok(all.every((f) => f.value < 1000), `${text}: ${JSON.stringify(all)}`);
			}
		}
	});
	test('a spaced single letter without a currency is never a scale', () => {
		assert.deepEqual([one('a 5 m wall').unit, one('a 5 m wall').value], ['m', 5]);
		for (const t of ['5 k users', '5 B users', '5 T users', '5 b users']) assert.ok(extractFigures(t).every((f) => f.value < 1000), t);
	});
	test('"4K displays" is a resolution, "10K employees" a count', () => {
		assert.deepEqual(extractFigures('8K TVs and 4K displays'), []);
		assert.equal(one('10K employees').value, 1e4);
	});
});

describe('number words with scales', () => {
	const words: Array<[string, number]> = [['two', 2], ['Thirty', 30], ['twenty-five', 25], ['a', 1], ['half a', 0.5], ['three hundred', 300], ['seventeen', 17]];
	for (const s of SCALES.filter((x) => x.word && !x.token.endsWith('s') && x.token !== 'MILLION')) {
		test(s.token, () => {
			for (const [w, v] of words) {
				const money = one(`spent ${w} ${s.token} dollars`);
				assert.deepEqual([money.text, money.kind, money.value], [`${w} ${s.token} dollars`, 'money', v * 10 ** s.exp]);
				const count = one(`reached ${w} ${s.token} people`);
				assert.deepEqual([count.text, count.kind, count.unit, count.value], [`${w} ${s.token}`, 'count', 'person', v * 10 ** s.exp]);
			}
		});
	}
});

describe('hyphenated and odd forms', () => {
	test('"$5-billion deal", "$5bn-plus", "$10 millions"', () => {
		assert.equal(one('a $5-billion deal').value, 5e9);
		assert.deepEqual([one('a $5bn-plus deal').value, one('a $5bn-plus deal').qualifier], [5e9, 'over']);
		assert.equal(one('$10 millions in cash').value, 1e7);
	});
	test('"$1,400 billion" is 1.4 trillion, not 1.4 billion', () => {
		assert.equal(one('$1,400 billion').value, 1.4e12);
		assert.equal(one('$1,400bn').value, 1.4e12);
		assert.equal(one('1,400 billion dollars').value, 1.4e12);
	});
	test('lakh and crore, and compounds of scales', () => {
		assert.equal(one('Rs 5 lakh').value, 5e5);
		assert.equal(one('₹1,200 crore').value, 1.2e10);
		assert.equal(one('₹1.5 lakh crore').value, 1.5e12);
		assert.equal(one('a thousand million dollars').value, 1e9);
		assert.equal(one('$2 billion million').value, 2e9, 'a smaller scale after a larger one does not multiply');
	});
	test('a letter that starts a word is not a scale: "$5 T-shirts", "10-K filing"', () => {
		assert.equal(one('sold $5 T-shirts').value, 5);
		assert.deepEqual(extractFigures('its 10-K filing'), []);
	});
	test('scale words in units: "2 million tonnes", "1.5 billion kWh"', () => {
		assert.deepEqual([one('2 million tonnes').value, one('2 million tonnes').unit], [2e6, 't']);
		assert.deepEqual([one('1.5 billion kWh').value, one('1.5 billion kWh').unit], [1.5e12, 'Wh']);
	});
});

describe('scales survive describing and restyling', () => {
	test('describeFigure names the right scale', () => {
		for (const [text, want] of [
			['$1,400 billion', '$1.4 trillion'], ['$1.4trn', '$1.4 trillion'], ['US$300bn', '$300 billion'], ['$5.6B', '$5.6 billion'],
			['€5m', '€5 million'], ['$7 Million', '$7 million'], ['$750K', '$750,000'], ['$0.8 trillion', '$800 billion'],
			['25 million U.S. homes', '25 million homes'], ['2,500,000 homes', '2.5 million homes'],
		] as const) {
			assert.equal(describeFigure(one(text)), want, text);
		}
	});
	test('formatLike keeps the writer’s scale family and never shifts the value', () => {
		const value = one('$1.4 trillion');
		for (const [style, want] of [
			['$2 trillion', '$1.4 trillion'], ['$2tn', '$1.4tn'], ['$2T', '$1.4T'], ['$2 Trillion', '$1.4 Trillion'],
			['$900 billion', '$1.4 trillion'], ['$900bn', '$1.4tn'], ['$900B', '$1.4T'], ['$1,200 billion', '$1,400 billion'],
			['2 trillion dollars', '1.4 trillion dollars'], ['US$300bn', 'US$1.4tn'], ['$5 mln', '$1.4 trn'],
		] as const) {
			const out = formatLike(value, one(style));
			assert.equal(out, want, style);
			assert.equal(one(out).value, 1.4e12, `${out} reads back as 1.4e12`);
		}
	});
});
