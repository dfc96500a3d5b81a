import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import type { ILanguageService } from '../../server/src/service';
import { pdfToText } from '../../server/src/service/sources/pdf';
import { makePdf } from './sourceFixtures';
import { FOLDER, note, serviceWith } from './util';

const PAGES = [
	['Grid outlook 2025', 'The utility plans to add 30 gigawatts of capacity by 2030.', 'Demand grew 3% last year.'],
	['Financing', 'The plan will cost $12 billion, the board said in its filing.', 'Bonds cover most of it.'],
];

describe('PDF sources', () => {
	let text: string;
	let s: ILanguageService;
	before(async () => {
		text = await pdfToText(makePdf(PAGES, { title: 'Grid outlook', author: 'Jane Doe' }));
		s = serviceWith({});
		s.setSource(`${FOLDER}/sources/outlook.pdf`, text);
	});

	test('the text of each page is read, with the document title and author', () => {
		assert.match(text, /add 30 gigawatts of capacity by 2030/);
		assert.match(text, /cost \$12 billion/);
		const source = s.sourceDetails('outlook');
		assert.ok(source);
		const [summary] = s.listSources().filter((x) => x.key === 'outlook');
		assert.equal(summary?.title, 'Grid outlook');
	});

	test('each page is a range of the source text', () => {
		const src = s.setSource(`${FOLDER}/sources/outlook.pdf`, text);
		assert.equal(src.pages?.length, 2);
		assert.match(src.text.slice(src.pages![0]!.start, src.pages![0]!.end), /^Grid outlook 2025[\s\S]*Demand grew 3% last year\.$/);
		assert.match(src.text.slice(src.pages![1]!.start, src.pages![1]!.end), /^Financing[\s\S]*Bonds cover most of it\.$/);
	});

	test('hover on [@key, p. 2] shows page 2, and definition goes there', () => {
		const n = note('The plan costs $12 billion [@outlook, p. $$CURSOR$$2].');
		const h = s.getHover(n.doc, n.position);
		const value = (h?.contents as MarkupContent).value;
		assert.match(value, /page 2/);
		assert.match(value, /cost \$12 billion/);
		assert.ok(!value.includes('30 gigawatts'), 'page 1 is not shown');
		// the indexed text is a conversion: its lines are not the file's, so the definition opens the PDF itself
		const [def] = s.getDefinition(n.doc, n.position);
		assert.ok(def!.uri.endsWith('/sources/outlook.pdf'));
		assert.deepEqual(def!.range.start, { line: 0, character: 0 });
	});

	test('a figure hover names the page its quote is on', () => {
		const n = note('The plan costs $$$CURSOR$$12 billion [@outlook].');
		const value = (s.getHover(n.doc, n.position)?.contents as MarkupContent).value;
		assert.match(value, /p\. 2, \[open\]\(file:\/\/\/ws\/sources\/outlook\.pdf\)/);
	});

	test('a damaged PDF is refused with a reason', async () => {
		await assert.rejects(pdfToText(new TextEncoder().encode('%PDF-1.4\nthis is not a pdf')));
	});
});
