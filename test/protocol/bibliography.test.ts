/**
 * groundedNotes/writeBibliography, and sources that are not plain text, through the built server:
 * HTML and PDF sources found by the default globs, a sidecar's metadata, a note's own BibTeX file.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import * as rpc from 'vscode-languageserver-protocol/node';
import { makePdf, PAGE } from '../unit/sourceFixtures';
import { TestClient } from './client';

const A = '000_dad698e8bbde9b79';
const BIB = String.raw`@article{smith2020, title = {On {\"U}ber Things}, author = {Smith, John}, journal = {Nature}, year = 2020}`;
const NOTE = [
	'---',
	'bibliography: refs.bib',
	'---',
	'',
	`Altman plans to invest $1.4 trillion [@${A}]. The utility will build 30 gigawatts by 2030 [@grid-30gw].`,
	'',
	'The plan will cost $12 billion [@outlook, p. 2]. As argued before [@smith2020].',
	'',
].join('\n');

describe('bibliographies and HTML/PDF sources over stdio', () => {
	let c: TestClient;
	let note: string;
	before(async () => {
		c = new TestClient({
			settings: { bibliography: { path: 'build/references.json' } },
			files: {
				'sources/grid-30gw.html': PAGE,
				'sources/outlook.pdf': makePdf([['Grid outlook 2025', 'The utility plans to add 30 gigawatts of capacity by 2030.'], ['Financing', 'The plan will cost $12 billion, the board said.']], { title: 'Grid outlook' }),
				'sources/outlook.json': JSON.stringify({ id: 'outlook', type: 'report', title: 'Grid Outlook 2025', publisher: 'Grid Co', issued: { 'date-parts': [[2025, 1, 15]] } }),
				'notes/refs.bib': BIB,
			},
		});
		await c.initialize();
		await c.ready();
		note = await c.open('notes/report.md', NOTE);
	});
	after(() => c.close());

	test('groundedNotes/sources: HTML and PDF sources are indexed by the default globs, with their metadata and sidecar', async () => {
		const sources = (await c.conn.sendRequest('groundedNotes/sources')) as Array<{ key: string; title: string; date?: string }>;
		const grid = sources.find((s) => s.key === 'grid-30gw');
		assert.equal(grid?.title, 'Utility plans 30 GW of new capacity');
		assert.equal(grid?.date, '2025-11-21');
		const outlook = sources.find((s) => s.key === 'outlook');
		assert.equal(outlook?.title, 'Grid Outlook 2025');
		assert.equal(outlook?.date, '2025-01-15');
		const hits = (await c.conn.sendRequest('groundedNotes/searchPassages', { query: 'Subscribe dollars year' })) as Array<{ key: string }>;
		assert.ok(!hits.some((h) => h.key === 'grid-30gw'), 'the footer is not indexed');
	});

	test('textDocument/publishDiagnostics: keys of the note\'s BibTeX file are known', async () => {
		const diags = await c.diagnosticsFor(note);
		assert.deepEqual(diags.filter((d) => d.code === 'unknown-citation'), []);
		assert.deepEqual(diags.filter((d) => d.code === 'figure-mismatch'), []);
	});

	test('textDocument/hover on a BibTeX key shows its metadata; on [@outlook, p. 2] page 2', async () => {
		const h = (await c.conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri: note }, position: { line: 6, character: NOTE.split('\n')[6]!.indexOf('smith2020') + 1 } }))!;
		assert.match((h.contents as rpc.MarkupContent).value, /On Über Things/);
		const line = NOTE.split('\n')[6]!;
		const p = (await c.conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri: note }, position: { line: 6, character: line.indexOf('p. 2') } }))!;
		assert.match((p.contents as rpc.MarkupContent).value, /page 2/);
		assert.match((p.contents as rpc.MarkupContent).value, /cost \$12 billion/);
		const def = (await c.conn.sendRequest(rpc.DefinitionRequest.type, { textDocument: { uri: note }, position: { line: 6, character: line.indexOf('outlook') } })) as rpc.Location[];
		assert.ok(def[0]!.uri.endsWith('outlook.pdf'));
	});

	test('groundedNotes/writeBibliography writes the cited sources as CSL-JSON where the setting says', async () => {
		const written = (await c.conn.sendRequest('groundedNotes/writeBibliography', { scope: 'cited' })) as { files: Array<{ uri: string; entries: number }>; missing: string[] };
		assert.equal(written.files.length, 1);
		assert.ok(written.files[0]!.uri.endsWith('/build/references.json'));
		const items = JSON.parse(fs.readFileSync(new URL(written.files[0]!.uri), 'utf8')) as Array<Record<string, unknown>>;
		assert.deepEqual(items.map((i) => i['id']).sort(), [A, 'grid-30gw', 'outlook', 'smith2020'].sort());
		const grid = items.find((i) => i['id'] === 'grid-30gw')!;
		assert.equal(grid['URL'], 'https://news.example/grid-30gw');
		assert.deepEqual(grid['issued'], { 'date-parts': [[2025, 11, 21]] });
		assert.equal(items.find((i) => i['id'] === 'outlook')!['publisher'], 'Grid Co');
		const all = (await c.conn.sendRequest('groundedNotes/writeBibliography', { scope: 'all' })) as { files: Array<{ entries: number }> };
		assert.equal(all.files[0]!.entries, 7);
	});

	test('textDocument/codeAction source.references.groundedNotes adds the References section', async () => {
		const actions = (await c.conn.sendRequest(rpc.CodeActionRequest.type, { textDocument: { uri: note }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.references.groundedNotes'] } })) as rpc.CodeAction[];
		assert.equal(actions.length, 1);
		const edit = actions[0]!.edit!.changes![note]![0]!;
		assert.match(edit.newText, /^\n?## References\n\n- Foxconn Partners with OpenAI/);
		assert.match(edit.newText, /\n- Grid Outlook 2025 \(2025-01-15\) — `@outlook`\n/);
		assert.match(edit.newText, /On Über Things \(2020\) — `@smith2020`/);
	});
});

describe('groundedNotes.bibliography.updateOnSave', () => {
	let c: TestClient;
	before(async () => {
		c = new TestClient({ settings: { sources: ['seeds/**/*.txt'], bibliography: { updateOnSave: true } } });
		await c.initialize();
		await c.ready();
	});
	after(() => c.close());

	test('textDocument/didSave of a note rewrites references.json', async () => {
		const uri = await c.open('notes/saved.md', `Altman plans to invest $1.4 trillion [@${A}].\n`);
		const file = `${c.dir}/references.json`;
		assert.equal(fs.existsSync(file), false);
		await c.conn.sendNotification(rpc.DidSaveTextDocumentNotification.type, { textDocument: { uri } });
		await c.until(() => fs.existsSync(file) && fs.readFileSync(file, 'utf8').endsWith('\n'), 'references.json to be written');
		const items = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ id: string }>;
		assert.deepEqual(items.map((i) => i.id), [A]);
	});
});
