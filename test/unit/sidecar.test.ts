import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { sidecarNames } from '../../server/src/service/sources/sidecar';
import { FOLDER, note, serviceWith } from './util';

const URI = `${FOLDER}/sources/memo.txt`;
const TEXT = 'Board memo\n\nThe board approved 12 new plants.\n';

describe('sidecar metadata', () => {
	test('the names a sidecar may have', () => {
		assert.deepEqual(sidecarNames('report.pdf'), ['report.json', 'report.bib']);
	});

	test('a CSL-JSON sidecar is merged into the metadata; the source is re-indexed when it comes later', () => {
		const s = serviceWith({});
		s.setSource(URI, TEXT);
		assert.equal(s.listSources()[0]?.title, 'Board memo');
		const errors = s.setSidecar(URI, { uri: `${FOLDER}/sources/memo.json`, text: JSON.stringify({ id: 'memo', type: 'report', title: 'Memo of the board, 2025', issued: { 'date-parts': [[2025, 6]] }, publisher: 'Grid Co', number: '17' }) });
		assert.deepEqual(errors, []);
		const [summary] = s.listSources();
		assert.equal(summary?.title, 'Memo of the board, 2025');
		assert.equal(summary?.date, '2025-06-01');
		const n = note('Twelve plants [@memo].');
		const [item] = s.bibliography([n.doc], FOLDER).items;
		// the sidecar's own fields (type, number) reach the bibliography
		assert.equal(item?.['type'], 'report');
		assert.equal(item?.['number'], '17');
		assert.equal(item?.['publisher'], 'Grid Co');
		assert.deepEqual(item?.['issued'], { 'date-parts': [[2025, 6]] });
		s.setSidecar(URI, undefined);
		assert.equal(s.listSources()[0]?.title, 'Board memo');
	});

	test('a BibTeX sidecar lends its metadata and its key', () => {
		const s = serviceWith({});
		s.setSidecar(URI, { uri: `${FOLDER}/sources/memo.bib`, text: '@techreport{grid2025memo, title = {Board Memo}, author = {Doe, Jane}, institution = {Grid Co}, year = 2025}' });
		s.setSource(URI, TEXT);
		const n = note('Twelve plants [@grid2025memo$$CURSOR$$].');
		assert.deepEqual(s.getDiagnostics(n.doc).filter((d) => d.code === 'unknown-citation'), []);
		const value = (s.getHover(n.doc, n.position)?.contents as MarkupContent).value;
		assert.match(value, /Board Memo/);
		assert.match(value, /Jane Doe/);
	});

	test('an unreadable sidecar is reported and changes nothing', () => {
		const s = serviceWith({});
		s.setSource(URI, TEXT);
		const errors = s.setSidecar(URI, { uri: `${FOLDER}/sources/memo.json`, text: '{ not json' });
		assert.equal(errors.length, 1);
		assert.equal(s.listSources()[0]?.title, 'Board memo');
	});
});
