import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CompletionItem, Hover, MarkupContent } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service';
import { applyEdit, FOLDER, KEYS, note, seededService, seedTexts } from './util';

const [A, B, C] = KEYS as [string, string, string, string, string];

function hover(text: string): string {
	const { doc, position } = note(text);
	const h: Hover | null = seededService().getHover(doc, position);
	return h ? (h.contents as MarkupContent).value : '';
}

function complete(text: string) {
	const { doc, position } = note(text);
	const list = seededService().getCompletions(doc, position);
	const apply = (item: CompletionItem) => applyEdit(doc, { changes: { [doc.uri]: [item.textEdit as never, ...(item.additionalTextEdits ?? [])] } });
	return { items: list.items, apply };
}

describe('hover', () => {
	test('on a citation: title, date, key, link to the file and the opening passage', () => {
		const h = hover(`OpenAI signed with Oracle [@${C.slice(0, 4)}$$CURSOR$$${C.slice(4)}].`);
		assert.match(h, new RegExp(C));
		assert.match(h, /\(file:\/\/\/ws\/seeds\/002_825c13959571626a\.txt\)/);
		assert.match(h, /OpenAI and Taiwanese technology giant Foxconn unveiled/);
		const withDate = hover(`[@${A}$$CURSOR$$]`);
		assert.match(withDate, /2025-11-21/);
		assert.match(withDate, /Foxconn Partners with OpenAI to Build Next-Generation AI Hardware/);
	});

	test('on a citation with a paragraph locator: the passage it points at', () => {
		const h = hover(`[see @${C}$$CURSOR$$, ¶ 4]`);
		assert.match(h, /\$300 billion deal with Oracle/);
	});

	test('on a figure: every source stating it, with the figure in bold in the quote and a link to the line', () => {
		const h = hover(`Altman plans to invest $1.$$CURSOR$$4 trillion in 30 gigawatts of computing [@${A}].`);
		assert.match(h, /stated by 2 sources/);
		assert.ok(h.includes(A) && h.includes(B), h);
		assert.match(h, /\*\*\$1\.4 trillion\*\*/);
		assert.match(h, /#L\d+\)/);
	});

	test('on a wrong figure: where sources disagree with it', () => {
		const h = hover(`Altman plans to invest $1.$$CURSOR$$9 trillion in 30 gigawatts of computing [@${A}].`);
		assert.match(h, /Sources disagree/);
		assert.match(h, /Sources say \*\*\$1\.4 trillion\*\*/);
	});

	test('on a figure some sources contradict each other on: both sides', () => {
		const h = hover(`The deal was announced on November 2$$CURSOR$$1, 2025 [@${A}].`);
		assert.match(h, /The sources disagree with each other/);
		assert.match(h, /003_aebe37c04354a5a1` says \*\*November 20\*\*/);
	});

	test('on an entity: name, type, aliases, sources naming it', () => {
		const h = hover('Hon$$CURSOR$$ Hai makes servers.');
		assert.match(h, /\*\*Foxconn\*\* · organization/);
		assert.match(h, /Hon Hai/);
		assert.match(h, /Named in 5 sources/);
	});

	test('nothing under the cursor: no hover', () => {
		assert.equal(hover('Just some$$CURSOR$$ words.'), '');
	});
});

describe('completion', () => {
	test('after [@: every source key with its title, inserted without duplicating what was typed', () => {
		const { items, apply } = complete('Sources: [@$$CURSOR$$');
		assert.deepEqual(items.map((i) => i.label).sort(), [...KEYS].sort());
		const item = items.find((i) => i.label === A)!;
		assert.equal(item.detail, 'Foxconn Partners with OpenAI to Build Next-Generation AI Hardware');
		assert.equal(apply(item), `Sources: [@${A}]`);
	});

	test('a typed prefix is replaced, and an existing closing bracket is not doubled', () => {
		const { items, apply } = complete('See [@00$$CURSOR$$].');
		const item = items.find((i) => i.label === C)!;
		assert.equal(apply(item), `See [@${C}].`);
	});

	test('after "; @" in a group, keys are fuzzy-matched on title words', () => {
		const { items } = complete(`[@${C}; @Partner$$CURSOR$$]`);
		assert.ok(items.some((i) => i.label === A), 'A\'s title has "Partners"');
		assert.ok(!items.some((i) => i.label === B), 'a source whose title lacks the word is not offered');
	});

	test('a number being typed completes to source figures of that claim, with the citation', () => {
		const { items, apply } = complete("Foxconn's quarterly profit was $1.$$CURSOR$$");
		const item = items.find((i) => String(i.label).includes('1.8 billion'));
		assert.ok(item, items.map((i) => i.label).join(' | '));
		assert.equal(items[0], item, 'the figure of the claim ranks first');
		assert.equal(apply(item), `Foxconn's quarterly profit was $1.8 billion [@${B}]`);
	});

	test('the citation of a completed figure goes before the sentence end when there is one', () => {
		const { items, apply } = complete('Altman will invest $1.$$CURSOR$$ in compute.');
		const item = items.find((i) => String(i.label).startsWith('$1.4 trillion'))!;
		assert.ok(item);
		assert.match(apply(item), /^Altman will invest \$1\.4 trillion in compute \[@0\d\d_[0-9a-f]+\]\.$/);
	});

	test('entity names complete from a capitalized prefix', () => {
		const { items, apply } = complete('The chairman, Young L$$CURSOR$$');
		const item = items.find((i) => i.label === 'Young Liu');
		assert.ok(item, items.map((i) => i.label).join(' | '));
		assert.equal(apply(item), 'The chairman, Young Liu');
	});

	test('at most 50 items', () => {
		const { items } = complete('A $$$CURSOR$$');
		assert.ok(items.length <= 50);
	});
});

describe('while the sources are being indexed', () => {
	test('a note’s figures are not weighed against the part read so far: no figure diagnostics, and a hover says so; once indexed, both come', () => {
		const seeds = seedTexts();
		const service = createLanguageService();
		service.setFolders([FOLDER]);
		service.setIndexing(true);
		// half the sources read: the one the note cites is not among them yet
		for (const [key, text] of [...seeds].slice(1, 3)) service.setSource(`${FOLDER}/seeds/${key}.txt`, text);
		const { doc, position } = note(`Altman plans to invest $1.$$CURSOR$$9 trillion to build 30 gigawatts of computing power [@${A}].`);
		assert.deepEqual(service.getDiagnostics(doc).map((d) => d.code), []);
		const during = service.getHover(doc, position)?.contents as MarkupContent;
		assert.match(during.value, /^\*\*\$1\.9 trillion\*\* .*the sources are still being indexed/);
		for (const [key, text] of seeds) service.setSource(`${FOLDER}/seeds/${key}.txt`, text);
		service.setIndexing(false);
		assert.deepEqual(service.getDiagnostics(doc).map((d) => d.code), ['figure-mismatch']);
		const after = service.getHover(doc, position)?.contents as MarkupContent;
		assert.match(after.value, /Sources say \*\*\$1\.4 trillion\*\*, not \$1\.9 trillion/);
	});
});
