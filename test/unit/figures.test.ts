/**
 * The figure extractor: what it reads as money, percentages, quantities and counts, with which
 * span, value, unit and hedge, and what it must not read as a figure at all. Scales, dates and
 * comparison/formatting have their own files (figures-*.test.ts).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { sameValue } from '../../server/src/service/extract/figureCompare';
import { extractFigures, type FigureOptions } from '../../server/src/service/extract/figures';
import type { Figure } from '../../server/src/service/types';

const REF = { referenceDate: '2025-11-20' };

/** The one figure of `text`; fails when there is not exactly one. */
function one(text: string, options: FigureOptions = REF): Figure {
	const all = extractFigures(text, options);
	assert.equal(all.length, 1, `expected one figure in ${JSON.stringify(text)}, got ${JSON.stringify(all.map((f) => f.text))}`);
	return all[0]!;
}

/** Asserts the one figure of `text`: its span text, kind, value, unit, and (absent unless given) high and qualifier. */
function expectFigure(text: string, want: { span: string; kind: Figure['kind']; value: number; unit: string; high?: number; qualifier?: Figure['qualifier'] }): Figure {
	const f = one(text);
	assert.equal(f.text, want.span, `span in ${JSON.stringify(text)}`);
	assert.equal(text.slice(f.start, f.end), f.text, 'text is the slice of the span');
	assert.equal(f.kind, want.kind, `kind of ${want.span}`);
	assert.ok(Math.abs(f.value - want.value) <= Math.abs(want.value) * 1e-12, `value of ${want.span}: ${f.value} != ${want.value}`);
	assert.equal(f.unit, want.unit, `unit of ${want.span}`);
	if (want.high === undefined) assert.equal(f.high, undefined, `no high for ${want.span}`);
	else assert.ok(Math.abs(f.high! - want.high) <= Math.abs(want.high) * 1e-12, `high of ${want.span}: ${f.high} != ${want.high}`);
	assert.equal(f.qualifier, want.qualifier, `qualifier of ${want.span}`);
	return f;
}

function none(text: string, options: FigureOptions = REF): void {
	const all = extractFigures(text, options);
	assert.deepEqual(all.map((f) => f.text), [], `no figure expected in ${JSON.stringify(text)}`);
}

describe('money', () => {
	test('the three ways of writing $1.4 trillion are one value', () => {
		expectFigure('plans to invest $1.4 trillion to develop', { span: '$1.4 trillion', kind: 'money', value: 1.4e12, unit: 'USD' });
		expectFigure('plans to invest 1.4 trillion dollars to develop', { span: '1.4 trillion dollars', kind: 'money', value: 1.4e12, unit: 'USD' });
		expectFigure('plans to invest $1,400 billion to develop', { span: '$1,400 billion', kind: 'money', value: 1.4e12, unit: 'USD' });
	});
	test('abbreviated scales glued to the number', () => {
		expectFigure('a US$300bn deal', { span: 'US$300bn', kind: 'money', value: 3e11, unit: 'USD' });
		expectFigure('a $20bn deal', { span: '$20bn', kind: 'money', value: 2e10, unit: 'USD' });
		expectFigure('raised $5.6B in debt', { span: '$5.6B', kind: 'money', value: 5.6e9, unit: 'USD' });
		expectFigure('a €5m grant', { span: '€5m', kind: 'money', value: 5e6, unit: 'EUR' });
		// finance's "MM" for a million, in either case after a currency (it was "$2.5", a false figure); a bare "5mm" stays millimetres
		expectFigure('they raised $5MM in debt', { span: '$5MM', kind: 'money', value: 5e6, unit: 'USD' });
		expectFigure('it cost $2.5mm to build', { span: '$2.5mm', kind: 'money', value: 2.5e6, unit: 'USD' });
		expectFigure('a 5mm bolt', { span: '5mm', kind: 'quantity', value: 0.005, unit: 'm' });
	});
	test('title-case and old plural scale words', () => {
		expectFigure('Secures $7 Million from Stellaris', { span: '$7 Million', kind: 'money', value: 7e6, unit: 'USD' });
		expectFigure('lost $10 millions in cash', { span: '$10 millions', kind: 'money', value: 1e7, unit: 'USD' });
	});
	test('currency codes before and after', () => {
		expectFigure('a loan of USD 2.5 billion', { span: 'USD 2.5 billion', kind: 'money', value: 2.5e9, unit: 'USD' });
		expectFigure('a loan of 2.5 billion USD', { span: '2.5 billion USD', kind: 'money', value: 2.5e9, unit: 'USD' });
		// written against the number, as finance writing often does
		expectFigure('it raised USD1.4 trillion in bonds', { span: 'USD1.4 trillion', kind: 'money', value: 1.4e12, unit: 'USD' });
		expectFigure('a EUR2bn fund', { span: 'EUR2bn', kind: 'money', value: 2e9, unit: 'EUR' });
		expectFigure('costs of CHF12.5 million', { span: 'CHF12.5 million', kind: 'money', value: 1.25e7, unit: 'CHF' });
		// a code inside a longer word is not one ("BTCUSD1", "XUSD5"), nor are a name's letters ("A320")
		for (const text of ['the BTCUSD1 pair', 'an XUSD5 token', 'the A320 jet']) assert.deepEqual(extractFigures(text, REF), [], text);
		expectFigure('a loan of EUR 300 million', { span: 'EUR 300 million', kind: 'money', value: 3e8, unit: 'EUR' });
		expectFigure('paid CHF 12 million', { span: 'CHF 12 million', kind: 'money', value: 1.2e7, unit: 'CHF' });
	});
	test('currency symbols: pound, yen, rupee, won and dollars of other countries', () => {
		expectFigure('a £3bn bid', { span: '£3bn', kind: 'money', value: 3e9, unit: 'GBP' });
		expectFigure('a ¥5 trillion budget', { span: '¥5 trillion', kind: 'money', value: 5e12, unit: 'JPY' });
		expectFigure('a ₹1,000 crore plant', { span: '₹1,000 crore', kind: 'money', value: 1e10, unit: 'INR' });
		expectFigure('a Rs 500 crore plant', { span: 'Rs 500 crore', kind: 'money', value: 5e9, unit: 'INR' });
		expectFigure('revenue of NT$1.2 trillion', { span: 'NT$1.2 trillion', kind: 'money', value: 1.2e12, unit: 'TWD' });
		expectFigure('revenue of HK$40 billion', { span: 'HK$40 billion', kind: 'money', value: 4e10, unit: 'HKD' });
	});
	test('currency words after the number', () => {
		expectFigure('5 trillion yen of bonds', { span: '5 trillion yen', kind: 'money', value: 5e12, unit: 'JPY' });
		expectFigure('1 trillion won in chips', { span: '1 trillion won', kind: 'money', value: 1e12, unit: 'KRW' });
		expectFigure('a fine of 5 million pounds', { span: '5 million pounds', kind: 'money', value: 5e6, unit: 'GBP' });
		expectFigure('a fine of 300 million euros', { span: '300 million euros', kind: 'money', value: 3e8, unit: 'EUR' });
		expectFigure('3 billion Taiwan dollars of capex', { span: '3 billion Taiwan dollars', kind: 'money', value: 3e9, unit: 'TWD' });
		expectFigure('about 5 cents a share', { span: '5 cents', kind: 'money', value: 0.05, unit: 'USD', qualifier: 'approx' });
	});
	test('"won" and "pounds" without a scale are a verb and a weight', () => {
		expectFigure('the team won 5 awards', { span: '5', kind: 'count', value: 5, unit: 'award' });
		expectFigure('a parcel of 10 pounds', { span: '10 pounds', kind: 'quantity', value: 10 * 0.00045359237, unit: 't' });
	});
	test('number words with scales and currency', () => {
		expectFigure('a two million dollar grant', { span: 'two million dollar', kind: 'money', value: 2e6, unit: 'USD' });
		expectFigure('worth a billion dollars', { span: 'a billion dollars', kind: 'money', value: 1e9, unit: 'USD' });
		expectFigure('worth half a billion dollars', { span: 'half a billion dollars', kind: 'money', value: 5e8, unit: 'USD' });
	});
	test('small amounts keep their cents', () => {
		expectFigure('at $5.99 per share', { span: '$5.99', kind: 'money', value: 5.99, unit: 'USD' });
		expectFigure('a ¥500 coin', { span: '¥500', kind: 'money', value: 500, unit: 'JPY' });
	});
	test('no number, no figure: "multi-billion-dollar", "hundreds of billions", "billions"', () => {
		none('OpenAI has recently entered multi-billion-dollar agreements with Nvidia and AMD.');
		none('with expectations of reaching “hundreds of billions” by then');
		none('benefit from the billions being invested in AI by Big Tech');
	});
	test('"top" and "surpass" are verbs, not hedges', () => {
		expectFigure('is expected to surpass $20 billion in annualized revenue', { span: '$20 billion', kind: 'money', value: 2e10, unit: 'USD' });
		expectFigure('sales could top $5 billion', { span: '$5 billion', kind: 'money', value: 5e9, unit: 'USD' });
	});
});

describe('percentages', () => {
	test('sign, word, two words, number words', () => {
		expectFigure('shares have risen 25% since then', { span: '25%', kind: 'percent', value: 25, unit: '%' });
		expectFigure('shares have risen 25 percent', { span: '25 percent', kind: 'percent', value: 25, unit: '%' });
		expectFigure('shares have risen 25 per cent', { span: '25 per cent', kind: 'percent', value: 25, unit: '%' });
		expectFigure('shares have risen seventeen percent', { span: 'seventeen percent', kind: 'percent', value: 17, unit: '%' });
		expectFigure('shares have risen twenty-five percent', { span: 'twenty-five percent', kind: 'percent', value: 25, unit: '%' });
		expectFigure('shares have risen 12.5\u00a0%', { span: '12.5\u00a0%', kind: 'percent', value: 12.5, unit: '%' });
	});
	test('"year-on-year" after a percentage is not part of it', () => {
		expectFigure('net profit rose 17% year-on-year', { span: '17%', kind: 'percent', value: 17, unit: '%' });
	});
	test('percentage points and basis points are points, not percent', () => {
		expectFigure('margins rose 2 percentage points', { span: '2 percentage points', kind: 'percent', value: 2, unit: 'pp' });
		expectFigure('the Fed cut by 50 basis points', { span: '50 basis points', kind: 'percent', value: 0.5, unit: 'pp' });
	});
	test('negative percentages', () => {
		expectFigure('operating margin was -5% then', { span: '-5%', kind: 'percent', value: -5, unit: '%' });
		expectFigure('growth of −3.2%', { span: '−3.2%', kind: 'percent', value: -3.2, unit: '%' });
	});
});

describe('mixed numbers', () => {
	test('a whole number and a fraction, written with a slash or as one character, are one number', () => {
		expectFigure('rates rose 3 1/2 percent', { span: '3 1/2 percent', kind: 'percent', value: 3.5, unit: '%' });
		expectFigure('rates rose 3½ percent', { span: '3½ percent', kind: 'percent', value: 3.5, unit: '%' });
		expectFigure('rates rose 3 ¼ percent', { span: '3 ¼ percent', kind: 'percent', value: 3.25, unit: '%' });
		expectFigure('it was up 10 1/4% on the year', { span: '10 1/4%', kind: 'percent', value: 10.25, unit: '%' });
		expectFigure('costs of $1 1/2 million', { span: '$1 1/2 million', kind: 'money', value: 1.5e6, unit: 'USD' });
		expectFigure('he ran 3 1/2 miles', { span: '3 1/2 miles', kind: 'quantity', value: 3.5 * 1609.344, unit: 'm' });
	});
	test('a slash that is not a fraction of the number before it', () => {
		// a date, a fraction not below one, a denominator no one writes a mixed number with
		for (const text of ['it rose on 3 1/2/2024', 'it scored 3 2/2 percent', 'it is 3 12/25 percent']) {
			assert.ok(!extractFigures(text, REF).some((f) => f.text.includes('/')), text);
		}
	});
	test('a mixed number compares as its value, rounded as written', () => {
		const [a] = extractFigures('rates rose 3 1/2 percent', REF);
		const [b] = extractFigures('rates rose 3.5%', REF);
		assert.ok(a && b && sameValue(a, b));
	});
});

describe('quantities', () => {
	test('power in words and symbols, normalized to watts', () => {
		expectFigure('to develop 30 gigawatts of computing power', { span: '30 gigawatts', kind: 'quantity', value: 3e10, unit: 'W' });
		expectFigure('to develop 30 GW of computing power', { span: '30 GW', kind: 'quantity', value: 3e10, unit: 'W' });
		expectFigure('to develop 30GW of computing power', { span: '30GW', kind: 'quantity', value: 3e10, unit: 'W' });
		expectFigure('deploy 10 gigawatts of custom AI accelerators', { span: '10 gigawatts', kind: 'quantity', value: 1e10, unit: 'W' });
		expectFigure('Thirty gigawatts of compute', { span: 'Thirty gigawatts', kind: 'quantity', value: 3e10, unit: 'W' });
		expectFigure('a 500 MW plant', { span: '500 MW', kind: 'quantity', value: 5e8, unit: 'W' });
		expectFigure('a 250 kW charger', { span: '250 kW', kind: 'quantity', value: 2.5e5, unit: 'W' });
		expectFigure('a 1.2-gigawatt campus', { span: '1.2-gigawatt', kind: 'quantity', value: 1.2e9, unit: 'W' });
	});
	test('energy', () => {
		expectFigure('used 1.2 TWh of power', { span: '1.2 TWh', kind: 'quantity', value: 1.2e12, unit: 'Wh' });
		expectFigure('a 100 kilowatt-hour pack', { span: '100 kilowatt-hour', kind: 'quantity', value: 1e5, unit: 'Wh' });
		expectFigure('about 4 terawatt hours', { span: '4 terawatt hours', kind: 'quantity', value: 4e12, unit: 'Wh', qualifier: 'approx' });
	});
	test('mass, length, area, volume, data, temperature', () => {
		expectFigure('produced 2,000 tonnes of copper', { span: '2,000 tonnes', kind: 'quantity', value: 2000, unit: 't' });
		expectFigure('produced 2 million tonnes of copper', { span: '2 million tonnes', kind: 'quantity', value: 2e6, unit: 't' });
		expectFigure('a 40 km line', { span: '40 km', kind: 'quantity', value: 40000, unit: 'm' });
		expectFigure('a 300-mile range', { span: '300-mile', kind: 'quantity', value: 300 * 1609.344, unit: 'm' });
		expectFigure('on 3nm chips', { span: '3nm', kind: 'quantity', value: 3e-9, unit: 'm' });
		expectFigure('a 1.2 million-square-foot plant', { span: '1.2 million-square-foot', kind: 'quantity', value: 1.2e6 * 0.09290304, unit: 'm2' });
		expectFigure('over 500 hectares', { span: '500 hectares', kind: 'quantity', value: 5e6, unit: 'm2', qualifier: 'over' });
		expectFigure('pumps 5,000 barrels a day', { span: '5,000 barrels', kind: 'quantity', value: 5000, unit: 'bbl' });
		expectFigure('with 80 GB of memory', { span: '80 GB', kind: 'quantity', value: 8e10, unit: 'B' });
		expectFigure('heated to 30°C', { span: '30°C', kind: 'quantity', value: 30, unit: 'degC' });
	});
	test('durations, in seconds', () => {
		expectFigure('a deal over 20 years', { span: '20 years', kind: 'quantity', value: 20 * 31557600, unit: 's', qualifier: 'over' });
		expectFigure('within 18 months', { span: '18 months', kind: 'quantity', value: 1.5 * 31557600, unit: 's' });
		expectFigure('a 10-year deal', { span: '10-year', kind: 'quantity', value: 10 * 31557600, unit: 's' });
	});
	test('"5m" without a currency or a counted noun is five metres', () => {
		expectFigure('a wall 5m tall', { span: '5m', kind: 'quantity', value: 5, unit: 'm' });
	});
});

describe('counts', () => {
	test('the head noun, past modifiers, singular', () => {
		expectFigure('the electricity consumption of 25 million U.S. homes.', { span: '25 million', kind: 'count', value: 2.5e7, unit: 'home' });
		expectFigure('a city of 900,000 people', { span: '900,000', kind: 'count', value: 9e5, unit: 'person' });
		expectFigure('it runs 12 plants in Texas', { span: '12', kind: 'count', value: 12, unit: 'plant' });
		expectFigure('it will build 30 new U.S. data centers', { span: '30', kind: 'count', value: 30, unit: 'center' });
		expectFigure('5 AI chip makers', { span: '5', kind: 'count', value: 5, unit: 'maker' });
		expectFigure('hired 40 software engineers', { span: '40', kind: 'count', value: 40, unit: 'engineer' });
		expectFigure('across 14 companies', { span: '14', kind: 'count', value: 14, unit: 'company' });
		expectFigure('with 1,200 employees', { span: '1,200', kind: 'count', value: 1200, unit: 'employee' });
		expectFigure('3 trillion parameters', { span: '3 trillion', kind: 'count', value: 3e12, unit: 'parameter' });
	});
	test('"100+ apps" is more than 100 apps, the plus outside the span', () => {
		expectFigure('the average company runs 100+ apps—each with its own logins', { span: '100', kind: 'count', value: 100, unit: 'app', qualifier: 'over' });
	});
	test('number words', () => {
		expectFigure('two million people', { span: 'two million', kind: 'count', value: 2e6, unit: 'person' });
		expectFigure('two companies signed', { span: 'two', kind: 'count', value: 2, unit: 'company' });
		expectFigure('a dozen eggs', { span: 'a dozen', kind: 'count', value: 12, unit: 'egg' });
		expectFigure('two hundred and fifty employees', { span: 'two hundred and fifty', kind: 'count', value: 250, unit: 'employee' });
		expectFigure('half a million people', { span: 'half a million', kind: 'count', value: 5e5, unit: 'person' });
		expectFigure('a million homes', { span: 'a million', kind: 'count', value: 1e6, unit: 'home' });
	});
	test('a scaled number without a noun is a count of nothing named', () => {
		expectFigure('the figure reached 20 million then', { span: '20 million', kind: 'count', value: 2e7, unit: '' });
	});
	test('a glued letter scale counts only before a counted noun', () => {
		expectFigure('5m users', { span: '5m', kind: 'count', value: 5e6, unit: 'user' });
		expectFigure('10K employees', { span: '10K', kind: 'count', value: 1e4, unit: 'employee' });
		expectFigure('5bn users', { span: '5bn', kind: 'count', value: 5e9, unit: 'user' });
		expectFigure('5 mln users', { span: '5 mln', kind: 'count', value: 5e6, unit: 'user' });
	});
	test('ranges of counts', () => {
		expectFigure('3,000-4,000 people', { span: '3,000-4,000', kind: 'count', value: 3000, high: 4000, unit: 'person' });
	});
});

describe('qualifiers are kept apart from the value and the span', () => {
	const cases: Array<[string, string, Figure['qualifier']]> = [
		['reaching roughly $1.8 billion.', '$1.8 billion', 'approx'],
		['about $1.8 billion', '$1.8 billion', 'approx'],
		['around $1.8 billion', '$1.8 billion', 'approx'],
		['nearly $1.8 billion', '$1.8 billion', 'approx'],
		['almost $1.8 billion', '$1.8 billion', 'approx'],
		['approximately $1.8 billion', '$1.8 billion', 'approx'],
		['some $1.8 billion', '$1.8 billion', 'approx'],
		['an estimated $1.8 billion', '$1.8 billion', 'approx'],
		['~$1.8 billion', '$1.8 billion', 'approx'],
		['more than $1.8 billion', '$1.8 billion', 'over'],
		['over $1.8 billion', '$1.8 billion', 'over'],
		['$1.8 billion-plus', '$1.8 billion', 'over'],
		['at least $1.8 billion', '$1.8 billion', 'at-least'],
		['$1.8 billion or more', '$1.8 billion', 'at-least'],
		['up to $1.8 billion', '$1.8 billion', 'at-most'],
		['as much as $1.8 billion', '$1.8 billion', 'at-most'],
		['less than $1.8 billion', '$1.8 billion', 'under'],
		['under $1.8 billion', '$1.8 billion', 'under'],
	];
	for (const [text, span, qualifier] of cases) {
		test(`${text} -> ${qualifier}`, () => {
			expectFigure(text, { span, kind: 'money', value: 1.8e9, unit: 'USD', qualifier });
		});
	}
	test('hedged counts and quantities', () => {
		expectFigure('some 900,000 people', { span: '900,000', kind: 'count', value: 9e5, unit: 'person', qualifier: 'approx' });
		expectFigure('fewer than 10 employees', { span: '10', kind: 'count', value: 10, unit: 'employee', qualifier: 'under' });
		expectFigure('at least 5 GW', { span: '5 GW', kind: 'quantity', value: 5e9, unit: 'W', qualifier: 'at-least' });
	});
});

describe('ranges', () => {
	test('the low value is the value, the high one is high, the span covers both', () => {
		expectFigure('adding 10-12 GW', { span: '10-12 GW', kind: 'quantity', value: 1e10, high: 1.2e10, unit: 'W' });
		expectFigure('adding 10–12 GW', { span: '10–12 GW', kind: 'quantity', value: 1e10, high: 1.2e10, unit: 'W' });
		expectFigure('adding 10 to 12 GW', { span: '10 to 12 GW', kind: 'quantity', value: 1e10, high: 1.2e10, unit: 'W' });
		expectFigure('growth between 5 and 7 percent', { span: 'between 5 and 7 percent', kind: 'percent', value: 5, high: 7, unit: '%' });
		expectFigure('a $5-7 billion deal', { span: '$5-7 billion', kind: 'money', value: 5e9, high: 7e9, unit: 'USD' });
		expectFigure('growth of 5%–7%', { span: '5%–7%', kind: 'percent', value: 5, high: 7, unit: '%' });
		expectFigure('a $5 billion-$7 billion deal', { span: '$5 billion-$7 billion', kind: 'money', value: 5e9, high: 7e9, unit: 'USD' });
		expectFigure('five to seven percent', { span: 'five to seven percent', kind: 'percent', value: 5, high: 7, unit: '%' });
	});
	test('"from ... to" and "X% to Y%" are changes: two figures', () => {
		assert.deepEqual(extractFigures('rose from $5 billion to $7 billion').map((f) => f.text), ['$5 billion', '$7 billion']);
		assert.deepEqual(extractFigures('margin rose 5% to 7%').map((f) => f.text), ['5%', '7%']);
	});
});

describe('not figures', () => {
	const cases = [
		'advanced AI models such as GPT-5 and beyond',
		'support is available 24/7',
		'see section 3.2.1 for details',
		'call 555-1234 or (555) 123-4567',
		'the COVID-19 pandemic',
		'Nvidia H100 chips and A100s',
		'Windows 11 users and iPhone 17 models',
		'Version 2 features',
		'the 12th day and the 3rd place',
		'5G networks, 3D printing and 4K video',
		'runs 10x faster',
		'No. 1 and #1 and [1] and p. 3',
		'at 10:30 a.m. in a 16:9 frame',
		'v1.2 and 1.2.3',
		'one of the largest manufacturers',
		'1 in 5 people and one in five adults',
		'Top 10 companies',
		'he said 12 times',
		'the 2330.TW shares',
		'year-on-year growth',
		'there were 12 of them',
		'2025 was a big year',
	];
	for (const text of cases) test(JSON.stringify(text), () => none(text));
	test('a bare number with nothing it counts', () => none('The committee voted 7 to 2 and met 3 times in room 101.'));
});

describe('text as it comes', () => {
	test('offsets are UTF-16 indices into the whole text, past curly quotes, dashes and emoji', () => {
		const text = '“Foxconn—also known as Hon Hai” 😀 said it would spend $1.8 billion.';
		const f = one(text);
		assert.equal(f.text, '$1.8 billion');
		assert.equal(text.slice(f.start, f.end), '$1.8 billion');
		assert.equal(f.start, text.indexOf('$'));
	});
	test('no-break spaces between number, scale and unit', () => {
		expectFigure('a $1.4\u00a0trillion plan', { span: '$1.4\u00a0trillion', kind: 'money', value: 1.4e12, unit: 'USD' });
		expectFigure('30\u00a0GW of power', { span: '30\u00a0GW', kind: 'quantity', value: 3e10, unit: 'W' });
	});
	test('start and end limit the search; offsets stay relative to the whole text', () => {
		const text = 'It cost $5 billion. Then 30 GW. Then 25%.';
		const mid = extractFigures(text, { start: text.indexOf('Then'), end: text.indexOf('Then 25') });
		assert.deepEqual(mid.map((f) => [f.text, f.start]), [['30 GW', text.indexOf('30')]]);
		assert.deepEqual(extractFigures(text, { start: text.indexOf('25') }).map((f) => f.text), ['25%']);
		// a figure that runs past the end is not cut short into another figure
		assert.deepEqual(extractFigures(text, { end: text.indexOf('billion') + 3 }).map((f) => f.text), []);
	});
	test('figures are sorted and never overlap', () => {
		const text = fs.readFileSync(path.join(import.meta.dirname, '../../seeds/001_f6ff40aa610551c1.txt'), 'utf8');
		const all = extractFigures(text, { referenceDate: '2025-11-21' });
		for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]!.end <= all[i]!.start, `${all[i - 1]!.text} overlaps ${all[i]!.text}`);
	});
	test('empty and odd input does not throw', () => {
		assert.deepEqual(extractFigures(''), []);
		assert.deepEqual(extractFigures('$'), []);
		assert.deepEqual(extractFigures('1'), []);
		assert.deepEqual(extractFigures('$1'), extractFigures('$1'));
		extractFigures('9'.repeat(400));
		extractFigures('$$$ 1,,,2 ...3 %%% -- — – 1e9 0x1F', { start: 5, end: 2 });
	});
});

describe('the seeds', () => {
	const dir = path.join(import.meta.dirname, '../../seeds');
	const read = (name: string): string => fs.readFileSync(path.join(dir, fs.readdirSync(dir).find((f) => f.startsWith(name))!), 'utf8');

	test('every seed extracts without throwing, with and without a reference date', () => {
		for (const f of fs.readdirSync(dir)) {
			const text = fs.readFileSync(path.join(dir, f), 'utf8');
			extractFigures(text);
			extractFigures(text, { referenceDate: '2025-11-21' });
		}
	});

	function find(all: Figure[], span: string): Figure {
		const f = all.find((x) => x.text === span);
		assert.ok(f, `${span} not found in ${JSON.stringify(all.map((x) => x.text))}`);
		return f;
	}

	test('000: the date glued to "Foxconn", $1.4 trillion, 30 gigawatts, 25 million U.S. homes', () => {
		const all = extractFigures(read('000'), { referenceDate: '2025-11-21' });
		const date = find(all, 'November 21, 2025');
		assert.equal(date.kind, 'date');
		assert.equal(date.value, Date.UTC(2025, 10, 21));
		assert.equal(find(all, '$1.4 trillion').value, 1.4e12);
		assert.equal(find(all, '30 gigawatts').value, 3e10);
		const homes = find(all, '25 million');
		assert.deepEqual([homes.kind, homes.value, homes.unit], ['count', 2.5e7, 'home']);
		assert.equal(find(all, '2026').unit, 'year');
	});

	test('001: 100+ apps, $1.4 trillion, $20 billion, 25%, July–September 2025, 17%, roughly $1.8 billion; not GPT-5', () => {
		const all = extractFigures(read('001'), { referenceDate: '2025-11-21' });
		assert.equal(find(all, '100').qualifier, 'over');
		find(all, '$1.4 trillion');
		assert.equal(find(all, '$20 billion').value, 2e10);
		assert.equal(find(all, '25%').value, 25);
		const q3 = find(all, 'July–September 2025');
		assert.deepEqual([q3.value, q3.high, q3.unit], [Date.UTC(2025, 6, 1), Date.UTC(2025, 9, 1) - 1, 'period']);
		assert.equal(find(all, '17%').value, 17);
		const profit = find(all, '$1.8 billion');
		assert.deepEqual([profit.value, profit.qualifier], [1.8e9, 'approx']);
		assert.equal(find(all, '2030').unit, 'year');
		assert.ok(!all.some((f) => f.text.includes('5') && f.start > 0 && read('001').slice(f.start - 4, f.start) === 'GPT-'), 'GPT-5 is not a figure');
		assert.ok(!all.some((f) => /billions|multi/.test(f.text)));
	});

	test('002: an estimated $1 trillion, in 2025 alone, $300 billion, $500 billion', () => {
		const all = extractFigures(read('002'), { referenceDate: '2025-11-21' });
		assert.deepEqual(all.map((f) => f.text), ['$1 trillion', '2025', '$300 billion', '$500 billion']);
		assert.equal(all[0]!.qualifier, 'approx');
		assert.deepEqual([all[1]!.kind, all[1]!.unit], ['date', 'year']);
	});

	test('003: November 20 (with the document date), 10 gigawatts, late 2026, end of 2029, $7 Million', () => {
		const text = read('003');
		const all = extractFigures(text, { referenceDate: '2025-11-20' });
		assert.deepEqual(all.map((f) => f.text), ['November 20', '10 gigawatts', 'late 2026', 'end of 2029', '$7 Million']);
		assert.equal(all[0]!.value, Date.UTC(2025, 10, 20));
		assert.deepEqual([all[2]!.value, all[2]!.high], [Date.UTC(2026, 8, 1), Date.UTC(2027, 0, 1) - 1]);
		assert.deepEqual([all[3]!.value, all[3]!.high], [Date.UTC(2029, 9, 1), Date.UTC(2030, 0, 1) - 1]);
		// without the document's date, "November 20" has no year and is not a figure
		assert.ok(!extractFigures(text).some((f) => f.text === 'November 20'));
	});

	test('004 has no figures', () => {
		assert.deepEqual(extractFigures(read('004'), { referenceDate: '2025-11-21' }), []);
	});
});

describe('any text', () => {
	const pieces = [
		' ', ' ', ' ', '\u00a0', ', ', '. ', '\n', '-', '–', '—', '/', '+', '%', '$', 'US$', '€', '£', '(', ')', '’s',
		'1', '25', '1.4', '1,400', '2025', '3.2.1', '555-1234', '24/7', 'GPT-5', 'Q3', 'FY25', '10-12',
		'billion', 'bn', 'm', 'B', 'K', 'million', 'trillion', 'percent', 'per cent', 'GW', 'gigawatts', 'tonnes', 'dollars', 'USD',
		'homes', 'people', 'U.S.', 'the', 'in', 'by', 'between', 'and', 'to', 'from', 'roughly', 'more than', 'up to', 'late', 'end of',
		'November', 'Nov.', 'May', 'this year', 'third quarter', 'thirty', 'a dozen', 'half a', 'one', '😀', '“', '”',
	];
	test('never throws; figures are sorted, disjoint, inside the range, and their text is their span', () => {
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom(...pieces), { maxLength: 40 }),
				fc.option(fc.constantFrom('2025-11-20', '1999-01-31', 'not a date'), { nil: undefined }),
				fc.nat(200),
				fc.nat(200),
				(parts, referenceDate, a, b) => {
					const text = parts.join('');
					const start = Math.min(a, b);
					const end = Math.max(a, b);
					const all = extractFigures(text, { referenceDate, start, end });
					let prev = start;
					for (const f of all) {
						assert.ok(f.start >= prev && f.end > f.start && f.end <= Math.min(end, text.length), JSON.stringify({ text, f }));
						assert.equal(f.text, text.slice(f.start, f.end));
						assert.ok(Number.isFinite(f.value), JSON.stringify(f));
						if (f.high !== undefined) assert.ok(f.high > f.value, JSON.stringify(f));
						if (f.kind === 'date') assert.ok(f.high !== undefined);
						prev = f.end;
					}
				},
			),
			{ numRuns: 2000 },
		);
	});
});

test('digits grouped with spaces never leave a false zero behind ("30 000 MW")', () => {
	const figures = extractFigures('The plant adds 30 000 MW of capacity.');
	assert.ok(!figures.some((f) => f.value === 0), JSON.stringify(figures));
});

