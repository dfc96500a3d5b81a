import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { htmlToText } from '../../server/src/service/sources/html';
import { PAGE } from './sourceFixtures';
import { FOLDER, note, serviceWith } from './util';

describe('HTML sources', () => {
	test('only the main content is kept: no navigation, sidebar or footer', () => {
		const text = htmlToText(PAGE);
		assert.match(text, /build 30 gigawatts of new generating capacity by 2030/);
		assert.match(text, /raise household bills by 4%/);
		for (const chrome of ['Markets', '999', 'Most read', '777', 'Subscribe', '555']) assert.ok(!text.includes(chrome), `${chrome} should not be indexed`);
	});

	test('title, date, canonical URL, author and site come from the page metadata', () => {
		const s = serviceWith({});
		const source = s.setSource(`${FOLDER}/sources/grid-30gw.html`, htmlToText(PAGE));
		assert.equal(source.key, 'grid-30gw');
		assert.equal(source.meta.title, 'Utility plans 30 GW of new capacity');
		assert.equal(source.meta.date, '2025-11-21');
		assert.equal(source.meta.url, 'https://news.example/grid-30gw');
		assert.equal(source.meta.author, 'Jane Doe');
		assert.equal(source.meta.container, 'Example News');
	});

	test('a <time datetime> dates a page without article meta', () => {
		const text = htmlToText('<html><head><title>Plain page</title></head><body><article><p>Posted <time datetime="2024-03-05">March 5</time>.</p><p>The mill employs 1,200 people and ships 40,000 tonnes of steel a year to buyers in three countries.</p></article></body></html>');
		assert.match(text, /^---\ntitle: Plain page\ndate: 2024-03-05\n/);
	});

	test('figures of the page are checked like any source, nav and footer figures are not', () => {
		const s = serviceWith({});
		s.setSource(`${FOLDER}/sources/grid-30gw.html`, htmlToText(PAGE));
		const ok = note('The utility will build 30 gigawatts of capacity by 2030 [@grid-30gw].');
		assert.deepEqual(s.getDiagnostics(ok.doc).map((d) => d.code), []);
		const wrong = note('The utility will build 35 gigawatts of new generating capacity by 2030 [@grid-30gw].');
		assert.deepEqual(s.getDiagnostics(wrong.doc).map((d) => d.code), ['figure-mismatch']);
		const footer = note('A subscription costs 555 dollars a year [@grid-30gw].');
		assert.ok(!s.getDiagnostics(footer.doc).some((d) => d.code === 'figure-mismatch' || d.code === 'uncited-figure'));
	});
});
