import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { namesToCsl } from '../../server/src/service/features/bibliography';
import { parseBibtex, parseCslJson } from '../../server/src/service/sources/bibtex';
import { FOLDER, KEYS, note, serviceWith } from './util';

const [A, B] = KEYS as [string, string];

const BIB = String.raw`@article{smith2020,
  title = {On {\"U}ber Things},
  author = {Smith, John and M{\"u}ller, Hans},
  journal = {Nature},
  year = {2020},
  month = mar,
  url = {https://doi.example/10.1/uber}
}
@book{doe2019, title = {Grids}, author = {Jane Doe}, publisher = {Power Press}, year = 2019}
`;

describe('CSL-JSON bibliography', () => {
	test('a source becomes a CSL item: id = key, title, issued date-parts, URL, author, publisher, container', () => {
		const s = serviceWith({
			'grid.md': '---\ntitle: Grid plans\ndate: 2025-11-21\nurl: https://news.example/grid\nauthor: Jane Doe and John Roe\npublisher: Example Media\nsite: Example News\n---\nThe grid needs 30 GW.\n',
		});
		const n = note('The grid needs 30 GW [@grid].');
		const { items, missing } = s.bibliography([n.doc], FOLDER);
		assert.deepEqual(missing, []);
		assert.deepEqual(items, [
			{
				id: 'grid',
				type: 'article-newspaper',
				title: 'Grid plans',
				issued: { 'date-parts': [[2025, 11, 21]] },
				author: [{ family: 'Doe', given: 'Jane' }, { family: 'Roe', given: 'John' }],
				URL: 'https://news.example/grid',
				publisher: 'Example Media',
				'container-title': 'Example News',
			},
		]);
	});

	test('only cited sources by default, every source for "all", keys nothing declares are reported missing', () => {
		const s = serviceWith({ 'a.txt': 'Alpha report\n\nMarch 3, 2024. It says 5 things.\n', 'b.txt': 'Beta report\n\nIt says 6 things.\n' });
		const n = note('Five things [@a]. Unknown [@nowhere].');
		const cited = s.bibliography([n.doc], FOLDER);
		assert.deepEqual(cited.items.map((i) => i.id), ['a']);
		assert.deepEqual(cited.items[0]!['issued'], { 'date-parts': [[2024, 3, 3]] });
		assert.deepEqual(cited.missing, ['nowhere']);
		assert.deepEqual(s.bibliography(undefined, FOLDER).items.map((i) => i.id), ['a', 'b']);
	});

	test('names as front matter writes them', () => {
		assert.deepEqual(namesToCsl('Doe, Jane'), [{ family: 'Doe', given: 'Jane' }]);
		assert.deepEqual(namesToCsl('Jane Doe, John Roe'), [{ family: 'Doe', given: 'Jane' }, { family: 'Roe', given: 'John' }]);
		assert.deepEqual(namesToCsl('Reuters'), [{ literal: 'Reuters' }]);
	});
});

describe('existing bibliographies', () => {
	test('BibTeX is read into CSL, LaTeX accents and names decoded', () => {
		const { items, errors } = parseBibtex(BIB);
		assert.deepEqual(errors, []);
		const smith = items.find((i) => i.id === 'smith2020')!;
		assert.equal(smith['title'], 'On Über Things');
		assert.deepEqual(smith['author'], [{ given: 'John', family: 'Smith' }, { given: 'Hans', family: 'Müller' }]);
		assert.deepEqual(smith['issued'], { 'date-parts': [[2020, 3]] });
		assert.equal(smith['container-title'], 'Nature');
		assert.equal(items.find((i) => i.id === 'doe2019')!['publisher'], 'Power Press');
	});

	test('one broken BibTeX entry is reported; the others are kept', () => {
		const { items, errors } = parseBibtex(`${BIB}\n@misc{broken, title = {Unclosed\n\n@misc{after, title = {Still read}}\n`);
		assert.ok(items.some((i) => i.id === 'after'));
		assert.ok(items.some((i) => i.id === 'smith2020'));
		assert.equal(errors.length, 1);
		assert.match(errors[0]!, /broken/);
	});

	test('CSL-JSON is read; items without an id are reported', () => {
		const { items, errors } = parseCslJson('[{"id":"x1","title":"X"},{"title":"no id"}]');
		assert.deepEqual(items.map((i) => i.id), ['x1']);
		assert.equal(errors.length, 1);
	});

	test("keys of the note's bibliography: are known (no unknown-citation) and their hover shows the metadata", () => {
		const s = serviceWith({ 'a.txt': 'Alpha report\n\nIt says 5 things.\n' });
		const text = `---\nbibliography: ../refs.bib\n---\n\nAs shown before [@smith2020] and [@nobody].\n`;
		const n = note(text, 'with-bib.md');
		assert.deepEqual(s.bibliographiesOf(n.doc), [`${FOLDER}/refs.bib`]);
		assert.deepEqual(s.getDiagnostics(n.doc).map((d) => (d.message as string).match(/'(\w+)'/)?.[1]), ['smith2020', 'nobody']);
		assert.deepEqual(s.setBibliography(`${FOLDER}/refs.bib`, BIB), []);
		assert.deepEqual(s.getDiagnostics(n.doc).map((d) => (d.message as string).match(/'(\w+)'/)?.[1]), ['nobody']);
		const h = s.getHover(n.doc, n.doc.positionAt(text.indexOf('smith2020') + 2));
		const value = (h?.contents as MarkupContent).value;
		assert.match(value, /On Über Things/);
		assert.match(value, /2020-03/);
		assert.match(value, /John Smith, Hans Müller/);
		assert.match(value, /Nature/);
		assert.match(value, /refs\.bib/);
		// and the generated bibliography carries the entry, so that Pandoc renders it too
		assert.deepEqual(s.bibliography([n.doc], FOLDER).items.map((i) => i.id), ['smith2020']);
		// completion offers the bibliography's keys beside the sources'
		const typing = note('---\nbibliography: ../refs.bib\n---\n\nSee [@smi$$CURSOR$$', 'typing.md');
		const items = s.getCompletions(typing.doc, typing.position).items;
		assert.equal(items[0]?.label, 'smith2020');
		assert.match(String(items[0]?.detail), /On Über Things/);
		s.deleteBibliography(`${FOLDER}/refs.bib`);
		assert.equal(s.getDiagnostics(n.doc).length, 2);
	});

	test('a CSL-JSON bibliography listed with others in front matter counts too', () => {
		const s = serviceWith({});
		const n = note('---\nbibliography:\n  - refs.json\n  - more refs.bib\n---\nSee [@web1].\n', 'list.md');
		assert.deepEqual(s.bibliographiesOf(n.doc), [`${FOLDER}/notes/refs.json`, `${FOLDER}/notes/more%20refs.bib`]);
		s.setBibliography(`${FOLDER}/notes/refs.json`, JSON.stringify([{ id: 'web1', type: 'webpage', title: 'A page' }]));
		assert.deepEqual(s.getDiagnostics(n.doc), []);
	});

	test('seed sources cited by their keys stay sources (a bibliography does not shadow them)', () => {
		const s = serviceWith({ [`${A}.txt`]: 'Alpha\n\nIt says 5 things.\n', [`${B}.txt`]: 'Beta\n\nSix.\n' });
		const n = note(`---\nbibliography: refs.json\n---\nSee [@${A}].\n`, 'shadow.md');
		s.setBibliography(`${FOLDER}/notes/refs.json`, JSON.stringify([{ id: A, title: 'Other title' }]));
		assert.equal(s.bibliography([n.doc], FOLDER).items[0]!['title'], 'Alpha');
	});
});
