/**
 * The writer's toolchain end to end: the server writes references.json (groundedNotes/writeBibliography)
 * and Debian's pandoc renders the note with it, every citation found. scripts/setup-e2e.sh installs
 * pandoc (CI runs it before these tests); only where it cannot be installed is this skipped.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makePdf, PAGE } from '../unit/sourceFixtures';
import { TestClient } from './client';

const A = '000_dad698e8bbde9b79';
const C = '002_825c13959571626a';

const pandoc = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
const missing = pandoc.error || pandoc.status !== 0 ? 'pandoc is not installed here (bash scripts/setup-e2e.sh installs Debian\'s pandoc; CI runs it)' : undefined;
if (missing) process.stderr.write(`# skipping the pandoc tests: ${missing}\n`);

const NOTE = [
	'---',
	'title: OpenAI and Foxconn',
	'bibliography: refs.bib',
	'---',
	'',
	`Altman plans to invest $1.4 trillion [@${A}]. The deal covers data-center hardware [@${C}, p. 1].`,
	'',
	`As @grid-30gw reports, the utility will build 30 gigawatts; the plan costs $12 billion [@outlook, p. 2; see also @smith2020].`,
	'',
].join('\n');

describe('pandoc --citeproc with the bibliography the server writes', { skip: missing }, () => {
	let c: TestClient;
	let html: string;
	let warnings: string;
	before(async () => {
		c = new TestClient({
			files: {
				'notes/note.md': NOTE,
				'notes/refs.bib': String.raw`@article{smith2020, title = {On {\"U}ber Things}, author = {Smith, John}, journal = {Nature}, year = 2020}`,
				'sources/grid-30gw.html': PAGE,
				'sources/outlook.pdf': makePdf([['Grid outlook 2025', 'Capacity grows.'], ['The plan will cost $12 billion.']], { title: 'Grid outlook' }),
			},
		});
		await c.initialize();
		await c.ready();
		await c.open('notes/note.md', NOTE);
		const written = (await c.conn.sendRequest('groundedNotes/writeBibliography', {})) as { files: Array<{ uri: string }>; missing: string[] };
		assert.deepEqual(written.missing, []);
		const r = spawnSync('pandoc', ['--citeproc', '--bibliography', 'references.json', 'notes/note.md', '-o', 'note.html'], { cwd: c.dir, encoding: 'utf8' });
		assert.equal(r.status, 0, r.stderr);
		warnings = r.stderr;
		html = fs.readFileSync(path.join(c.dir, 'note.html'), 'utf8');
	});
	after(() => c?.close());

	test('pandoc finds every citation: no "citation … not found" warning', () => {
		assert.doesNotMatch(warnings, /not found/i, warnings);
		assert.doesNotMatch(html, /\?\?\?/);
	});

	test('the HTML holds each reference, with the metadata of its source', () => {
		for (const key of [A, C, 'grid-30gw', 'outlook', 'smith2020']) assert.match(html, new RegExp(`id="ref-${key}"`), `reference ${key}`);
		// pandoc wraps lines and title-cases titles
		const refs = html.slice(html.indexOf('id="refs"')).replace(/\s+/g, ' ');
		assert.match(refs, /Foxconn Partners with OpenAI to Build Next-Generation AI Hardware/i);
		assert.match(refs, /Doe, Jane\. 2025\. <span>“Utility Plans 30 GW of New Capacity\.”<\/span> <em>Example News<\/em>, November 21, 2025/);
		assert.match(refs, /https:\/\/news\.example\/grid-30gw/);
		assert.match(refs, /Grid Outlook/i);
		assert.match(refs, /Smith, John\. 2020\. <span>“On Über Things\.”<\/span> <em>Nature<\/em>/);
	});
});
