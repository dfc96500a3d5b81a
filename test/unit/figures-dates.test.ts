/**
 * Dates and periods: value is the first instant (UTC ms), high the last. Days, months, quarters,
 * years, parts of years, ranges, and dates without a year resolved against the document's own
 * date, never today's.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeFigure, extractFigures, type FigureOptions } from '../../server/src/service/extract/figures';
import type { Figure } from '../../server/src/service/types';

const REF: FigureOptions = { referenceDate: '2025-11-20' };

function one(text: string, options: FigureOptions = REF): Figure {
	const all = extractFigures(text, options);
	assert.equal(all.length, 1, `expected one figure in ${JSON.stringify(text)}, got ${JSON.stringify(all.map((f) => f.text))}`);
	return all[0]!;
}

/** First instant of y-m-d (month 1-based) and last instant of y2-m2-d2. */
function period(y: number, m: number, d: number, y2: number, m2: number, d2: number): [number, number] {
	return [Date.UTC(y, m - 1, d), Date.UTC(y2, m2 - 1, d2 + 1) - 1];
}

function expectDate(text: string, span: string, unit: string, [value, high]: [number, number], options: FigureOptions = REF): Figure {
	const f = one(text, options);
	assert.deepEqual(
		{ kind: f.kind, text: f.text, unit: f.unit, value: new Date(f.value).toISOString(), high: new Date(f.high!).toISOString() },
		{ kind: 'date', text: span, unit, value: new Date(value).toISOString(), high: new Date(high).toISOString() },
		text,
	);
	assert.equal(text.slice(f.start, f.end), span);
	return f;
}

describe('days', () => {
	test('month-day-year, abbreviated, day-first, ISO, ordinal', () => {
		const nov21 = period(2025, 11, 21, 2025, 11, 21);
		expectDate('announced on November 21, 2025.', 'November 21, 2025', 'day', nov21);
		expectDate('announced on Nov. 21, 2025.', 'Nov. 21, 2025', 'day', nov21);
		expectDate('announced on Nov 21 2025.', 'Nov 21 2025', 'day', nov21);
		expectDate('announced on 21 November 2025.', '21 November 2025', 'day', nov21);
		expectDate('announced on 2025-11-21.', '2025-11-21', 'day', nov21);
		expectDate('announced on November 21st, 2025.', 'November 21st, 2025', 'day', nov21);
		expectDate('announced on the 21st of November 2025.', '21st of November 2025', 'day', nov21);
	});
	test('a date glued to the next word (seed 000: "2025Foxconn")', () => {
		expectDate('TAIPEI – November 21, 2025Foxconn, the world’s largest', 'November 21, 2025', 'day', period(2025, 11, 21, 2025, 11, 21));
	});
	test('no year: the year of the document, the nearer one looking back', () => {
		expectDate('the companies announced on November 20.', 'November 20', 'day', period(2025, 11, 20, 2025, 11, 20));
		expectDate('on Nov. 21', 'Nov. 21', 'day', period(2025, 11, 21, 2025, 11, 21));
		expectDate('on December 28', 'December 28', 'day', period(2024, 12, 28, 2024, 12, 28), { referenceDate: '2025-01-05' });
		expectDate('on January 3', 'January 3', 'day', period(2026, 1, 3, 2026, 1, 3), { referenceDate: '2025-12-30' });
	});
	test('no year and no document date: not a figure', () => {
		assert.deepEqual(extractFigures('the companies announced on November 20.'), []);
	});
	test('a day range', () => {
		expectDate('held Nov. 20-21, 2025', 'Nov. 20-21, 2025', 'period', period(2025, 11, 20, 2025, 11, 21));
	});
	test('invalid days are not dates', () => {
		assert.deepEqual(extractFigures('on February 30, 2025 and on 2025-13-01'), []);
	});
});

describe('months and month ranges', () => {
	test('month and year', () => {
		expectDate('in November 2025', 'November 2025', 'month', period(2025, 11, 1, 2025, 11, 30));
		expectDate('in Sept. 2025', 'Sept. 2025', 'month', period(2025, 9, 1, 2025, 9, 30));
	});
	test('July–September 2025 (seed 001) and its spellings', () => {
		const q3 = period(2025, 7, 1, 2025, 9, 30);
		expectDate('its net profit for the July–September 2025 period rose', 'July–September 2025', 'period', q3);
		expectDate('for July-September 2025', 'July-September 2025', 'period', q3);
		expectDate('from July to September 2025', 'July to September 2025', 'period', q3);
		expectDate('between July and September 2025', 'between July and September 2025', 'period', q3);
	});
	test('a month alone only with the document date and a word that makes it a date', () => {
		expectDate('shipments began in May', 'May', 'month', period(2025, 5, 1, 2025, 5, 31));
		expectDate('since last November', 'November', 'month', period(2024, 11, 1, 2024, 11, 30));
		assert.deepEqual(extractFigures('May the best model win.', REF), []);
		assert.deepEqual(extractFigures('shipments began in May'), []);
	});
	test('early, mid, late month', () => {
		expectDate('in early November 2025', 'early November 2025', 'period', period(2025, 11, 1, 2025, 11, 10));
		expectDate('by mid-November 2025', 'mid-November 2025', 'period', period(2025, 11, 11, 2025, 11, 20));
		expectDate('in late November 2025', 'late November 2025', 'period', period(2025, 11, 21, 2025, 11, 30));
	});
});

describe('years and parts of years', () => {
	test('bare years where the words say they are years', () => {
		const y2025 = period(2025, 1, 1, 2025, 12, 31);
		expectDate('partnerships in 2025 alone', '2025', 'year', y2025);
		expectDate('growth in 2025.', '2025', 'year', y2025);
		expectDate('reaching it by 2030', '2030', 'year', period(2030, 1, 1, 2030, 12, 31));
		expectDate('2025 alone saw', '2025', 'year', y2025);
		expectDate('Nvidia’s 2026 outlook', '2026', 'year', period(2026, 1, 1, 2026, 12, 31));
		expectDate('since 1999', '1999', 'year', period(1999, 1, 1, 1999, 12, 31));
	});
	test('years with nothing around them are not figures', () => {
		assert.deepEqual(extractFigures('2025 was a good year. (2025)'), []);
	});
	test('late, early, mid, end of, start of', () => {
		expectDate('is scheduled to begin in late 2026 and', 'late 2026', 'period', period(2026, 9, 1, 2026, 12, 31));
		expectDate('in early 2027', 'early 2027', 'period', period(2027, 1, 1, 2027, 4, 30));
		expectDate('by mid-2028', 'mid-2028', 'period', period(2028, 5, 1, 2028, 8, 31));
		expectDate('and finish by the end of 2029.', 'end of 2029', 'period', period(2029, 10, 1, 2029, 12, 31));
		expectDate('at the start of 2026', 'start of 2026', 'period', period(2026, 1, 1, 2026, 3, 31));
		expectDate('by year-end 2025', 'year-end 2025', 'period', period(2025, 10, 1, 2025, 12, 31));
	});
	test('quarters and halves', () => {
		const q3 = period(2025, 7, 1, 2025, 9, 30);
		expectDate('results for Q3 2025', 'Q3 2025', 'quarter', q3);
		expectDate('results for the third quarter of 2025', 'third quarter of 2025', 'quarter', q3);
		expectDate('its third-quarter 2025 results', 'third-quarter 2025', 'quarter', q3);
		expectDate('results for 3Q25', '3Q25', 'quarter', q3);
		expectDate('in the third quarter', 'third quarter', 'quarter', q3);
		expectDate('in H1 2026', 'H1 2026', 'period', period(2026, 1, 1, 2026, 6, 30));
		expectDate('in the second half of 2026', 'second half of 2026', 'period', period(2026, 7, 1, 2026, 12, 31));
	});
	test('fiscal years read as calendar years', () => {
		expectDate('in FY2025', 'FY2025', 'year', period(2025, 1, 1, 2025, 12, 31));
		expectDate('in fiscal 2026', 'fiscal 2026', 'year', period(2026, 1, 1, 2026, 12, 31));
	});
	test('decades', () => {
		expectDate('since the 1990s', '1990s', 'period', period(1990, 1, 1, 1999, 12, 31));
	});
	test('ranges of years', () => {
		expectDate('the 2025–2030 plan', '2025–2030', 'period', period(2025, 1, 1, 2030, 12, 31));
		expectDate('the 2025-26 season', '2025-26', 'period', period(2025, 1, 1, 2026, 12, 31));
		expectDate('between 2025 and 2030', 'between 2025 and 2030', 'period', period(2025, 1, 1, 2030, 12, 31));
	});
	test('"from late 2026 through 2029" is two figures', () => {
		const all = extractFigures('deployment from late 2026 through 2029', REF);
		assert.deepEqual(all.map((f) => [f.text, f.unit]), [['late 2026', 'period'], ['2029', 'year']]);
	});
	test('a year is not a count, and a count after a weak preposition is not a year', () => {
		assert.deepEqual(extractFigures('In 2025 companies spent more.', REF).map((f) => [f.text, f.kind]), [['2025', 'date']]);
		assert.deepEqual(extractFigures('one of 2,000 employees', REF).map((f) => [f.text, f.kind]), [['2,000', 'count']]);
	});
});

describe('relative dates need the document date', () => {
	test('this year, last year, next year, this month, last quarter', () => {
		expectDate('shares have risen this year', 'this year', 'year', period(2025, 1, 1, 2025, 12, 31));
		expectDate('down from last year', 'last year', 'year', period(2024, 1, 1, 2024, 12, 31));
		expectDate('launching next year', 'next year', 'year', period(2026, 1, 1, 2026, 12, 31));
		expectDate('a launch this month', 'this month', 'month', period(2025, 11, 1, 2025, 11, 30));
		expectDate('sales last quarter', 'last quarter', 'quarter', period(2025, 7, 1, 2025, 9, 30));
		expectDate('by the end of this year', 'end of this year', 'period', period(2025, 10, 1, 2025, 12, 31));
		expectDate('later this year', 'later this year', 'period', period(2025, 11, 20, 2025, 12, 31));
	});
	test('without a document date they are not figures', () => {
		assert.deepEqual(extractFigures('shares have risen 25% this year').map((f) => f.text), ['25%']);
	});
	test('the document date, not today, resolves them', () => {
		expectDate('revenue this year', 'this year', 'year', period(2019, 1, 1, 2019, 12, 31), { referenceDate: '2019-03-04' });
	});
});

describe('describing dates', () => {
	for (const [text, want] of [
		['on November 21, 2025', 'November 21, 2025'],
		['in late 2026', 'late 2026'],
		['by the end of 2029', 'end of 2029'],
		['the July–September 2025 period', 'July–September 2025'],
		['in Q3 2025', 'Q3 2025'],
		['in 2025 alone', '2025'],
		['in November 2025', 'November 2025'],
		['in mid-2028', 'mid-2028'],
		['the 2025–2030 plan', '2025–2030'],
		['since the 1990s', 'the 1990s'],
	] as const) {
		test(`${text} -> ${want}`, () => assert.equal(describeFigure(one(text)), want));
	}
});
