/**
 * Comparing and writing figures: sameValue (equal within the rounding of the less precise one,
 * periods that overlap), comparable (same kind, compatible unit), formatLike (the value in the
 * writer's style, for quick fixes) and describeFigure (canonical, for hovers and messages).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { comparable, describeFigure, extractFigures, formatLike, sameValue } from '../../server/src/service/extract/figures';
import type { Figure } from '../../server/src/service/types';

function one(text: string): Figure {
	const all = extractFigures(text, { referenceDate: '2025-11-20' });
	assert.equal(all.length, 1, `expected one figure in ${JSON.stringify(text)}, got ${JSON.stringify(all.map((f) => f.text))}`);
	return all[0]!;
}

function same(a: string, b: string): boolean {
	const fa = one(a);
	const fb = one(b);
	assert.equal(sameValue(fa, fb), sameValue(fb, fa), `sameValue is symmetric for ${a} / ${b}`);
	return sameValue(fa, fb);
}

describe('sameValue', () => {
	test('$1.4 trillion = 1.4 trillion dollars = $1,400 billion = US$1.4tn', () => {
		const forms = ['$1.4 trillion', '1.4 trillion dollars', '$1,400 billion', 'US$1.4tn', '$1,400,000,000,000', 'USD 1.4 trillion'];
		for (const a of forms) for (const b of forms) assert.ok(same(a, b), `${a} = ${b}`);
	});
	test('equal within the rounding of the less precise one', () => {
		assert.ok(same('$1.8 billion', '1,800,000,000 dollars'));
		assert.ok(same('$1.8 billion', '$1.83 billion'));
		assert.ok(same('roughly 25 million people', '25,000,000 people'));
		assert.ok(same('25 million homes', '24.6 million homes'));
		assert.ok(same('30 gigawatts', '30,000 MW'));
		assert.ok(same('17%', '17 percent'));
		assert.ok(same('12 months', '1 year'));
	});
	test('one-digit amounts are not a licence for 40%', () => {
		assert.ok(!same('an estimated $1 trillion', '$1.4 trillion'), 'seed 002 vs seed 000');
		assert.ok(!same('$2 trillion', '$1.8 trillion'));
		assert.ok(!same('1 GW', '1.4 GW'));
		assert.ok(same('$1 trillion', '$1.04 trillion'));
		assert.ok(same('5%', '5.4%'), 'percentages are rounded to the point');
	});
	test('different values are different', () => {
		assert.ok(!same('$1.4 trillion', '$2 trillion'));
		assert.ok(!same('$1.8 billion', '$1.9 billion'));
		assert.ok(!same('$1.8 billion', '$1.8 million'), 'a 1000× slip is never the same value');
		assert.ok(!same('25 million homes', '20 million homes'));
		assert.ok(!same('25%', '17%'));
		assert.ok(!same('30 GW', '10 GW'));
		assert.ok(!same('2,000 tonnes', '2,400 tonnes'));
	});
	test('ranges match the values they cover', () => {
		assert.ok(same('10-12 GW', '11 GW'));
		assert.ok(same('10-12 GW', '12 GW'));
		assert.ok(!same('10-12 GW', '15 GW'));
		assert.ok(same('between 5 and 7 percent', '6%'));
	});
	test('dates match when their periods overlap', () => {
		assert.ok(same('by 2029', 'by the end of 2029'));
		assert.ok(same('in late 2026', 'by the end of 2026'));
		assert.ok(same('on November 21, 2025', 'in November 2025'));
		assert.ok(same('in Q3 2025', 'the July–September 2025 period'));
		assert.ok(!same('on November 20, 2025', 'on November 21, 2025'));
		assert.ok(!same('in late 2026', 'in mid-2026'));
		assert.ok(!same('in 2025', 'in 2026'));
	});
	test('not comparable, not the same', () => {
		assert.ok(!same('$5 billion', '€5 billion'));
		assert.ok(!same('25%', '25 percentage points'));
		assert.ok(!same('25 million homes', '25 million people'));
		assert.ok(!same('5 GW', '5 GWh'));
	});
	test('figures built by hand, with no text, use the value’s own digits', () => {
		const f: Figure = { kind: 'money', start: 0, end: 0, text: '', value: 1.8e9, unit: 'USD' };
		assert.ok(sameValue(f, one('$1.8 billion')));
		assert.ok(!sameValue(f, one('$1.9 billion')));
	});
});

describe('comparable', () => {
	test('same kind and unit', () => {
		assert.ok(comparable(one('$1.4 trillion'), one('€5m')) === false);
		assert.ok(comparable(one('$1.4 trillion'), one('$5m')));
		assert.ok(comparable(one('30 GW'), one('500 megawatts')));
		assert.ok(!comparable(one('30 GW'), one('30 GWh')));
		assert.ok(comparable(one('25 million U.S. homes'), one('20 million homes')));
		assert.ok(!comparable(one('25 million homes'), one('25 million people')));
		assert.ok(!comparable(one('25%'), one('$25')));
		assert.ok(comparable(one('in 2029'), one('on November 20, 2025')));
	});
	test('a count that names nothing may count anything', () => {
		assert.ok(comparable(one('reached 20 million then'), one('25 million homes')));
	});
});

describe('formatLike', () => {
	const cases: Array<[value: string, style: string, want: string]> = [
		['$1.4 trillion', '$2 trillion', '$1.4 trillion'],
		['$1.4 trillion', '2 trillion dollars', '1.4 trillion dollars'],
		['25 million U.S. homes', '20 million', '25 million'],
		['25%', '52 percent', '25 percent'],
		['25%', '52%', '25%'],
		['17%', '15 per cent', '17 per cent'],
		['10 GW', '100 GW', '10 GW'],
		['25 GW', 'Thirty gigawatts', '25 gigawatts'],
		['1 GW', '30 gigawatts', '1 gigawatt'],
		['25 GW', 'a 30-gigawatt', '25-gigawatt'],
		['10 GW', '500 MW', '10,000 MW'],
		['$800 billion', '$2 trillion', '$800 billion'],
		['$1.8 billion', '$1,400 billion', '$1.8 billion'],
		['$1.4 trillion', '$2bn', '$1.4tn'],
		['$1.4 trillion', '€2bn', '$1.4 trillion'],
		['$7,500', '$2 million', '$7,500'],
		['$1.8 billion', '$7,500', '$1.8 billion'],
		['1,800,000,000 dollars', '$2 billion', '$1.8 billion'],
		['$10 millions', '$7 Millions', '$10 Millions'],
		['€5m', '€3bn', '€5m'],
		['$5.99', '$4', '$5.99'],
		['10-12 GW', '30 GW', '10–12 GW'],
		['11 GW', '10-12 GW', '11 GW'],
		['50 basis points', '25 basis points', '50 basis points'],
		['18 months', '2 years', '1.5 years'],
		['November 21, 2025', 'November 20, 2025', 'November 21, 2025'],
		['November 21, 2025', 'Nov. 20', 'Nov. 21'],
		['November 21, 2025', '20 November 2025', '21 November 2025'],
		['Q3 2025', 'third quarter of 2025', 'third quarter of 2025'],
		['Q3 2025', 'Q2 2025', 'Q3 2025'],
		['in late 2026', 'in 2029', 'late 2026'],
	];
	for (const [value, style, want] of cases) {
		test(`${value} in the style of ${style} -> ${want}`, () => {
			const v = one(value);
			const out = formatLike(v, one(style));
			assert.equal(out, want);
			// what it writes reads back as the same value: no scale slip
			const back = extractFigures(v.kind === 'count' ? `${out} then` : v.kind === 'date' ? `in ${out}` : out, { referenceDate: '2025-11-20' });
			assert.equal(back.length, 1, `${out} reads back`);
			assert.ok(sameValue(back[0]!, v), `${out} reads back as ${value}`);
		});
	}
	test('values that are not comparable with the style are described', () => {
		assert.equal(formatLike(one('25%'), one('$5 billion')), '25%');
	});
});

describe('describeFigure', () => {
	const cases: Array<[string, string]> = [
		['$1.4 trillion', '$1.4 trillion'],
		['1.4 trillion dollars', '$1.4 trillion'],
		['$1,400 billion', '$1.4 trillion'],
		['25%', '25%'],
		['seventeen percent', '17%'],
		['30 gigawatts', '30 GW'],
		['25 million U.S. homes', '25 million homes'],
		['900,000 people', '900,000 people'],
		['12 plants', '12 plants'],
		['on November 21, 2025', 'November 21, 2025'],
		['in late 2026', 'late 2026'],
		['roughly $1.8 billion', 'about $1.8 billion'],
		['more than 20 companies', 'more than 20 companies'],
		['100+ apps', 'more than 100 apps'],
		['at least 5 GW', 'at least 5 GW'],
		['up to 7%', 'up to 7%'],
		['10-12 GW', '10–12 GW'],
		['€5m', '€5 million'],
		['2,000 tonnes', '2,000 tonnes'],
		['2 percentage points', '2 percentage points'],
		['24 hours', '24 hours'],
		['1 trillion won', '₩1 trillion'],
		['CHF 12 million', 'CHF 12 million'],
	];
	for (const [text, want] of cases) test(`${text} -> ${want}`, () => assert.equal(describeFigure(one(text)), want));
});
