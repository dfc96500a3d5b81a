import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import { Corpus } from '../../server/src/service/sources/corpus';
import { figureAt, figureColumns } from '../../server/src/service/sources/figureRef';
import { buildRecord, packRecord, unpackRecord } from '../../server/src/service/sources/record';
import type { Figure, Source } from '../../server/src/service/types';
import { directAndMerged, FOLDER } from './util';

const SEEDS = path.resolve(__dirname, '../../seeds');
// each dated by its front matter (a source without a date is read again from its text once the latest date is known)
const seeds = fs.readdirSync(SEEDS).sort().map((f, i) => ({ uri: `${FOLDER}/seeds/${f}`, text: `---\ndate: 2025-11-2${i}\n---\n${fs.readFileSync(path.join(SEEDS, f), 'utf8')}` }));

/** A figure's fields as a plain object (what a reader of `ref.figure` sees). */
function fields(f: Figure): Figure {
	const out: Figure = { kind: f.kind, start: f.start, end: f.end, text: f.text, value: f.value, unit: f.unit };
	if (f.high !== undefined) out.high = f.high;
	if (f.qualifier !== undefined) out.qualifier = f.qualifier;
	return out;
}

describe('figure refs', () => {
	test('a corpus merged from packed records keeps no object per figure: each ref reads its figure from columns, and a source unpacks its figures only when read', () => {
		const { direct, merged } = directAndMerged(seeds, true);
		let figures = 0;
		let packed = 0;
		for (const s of merged.all()) {
			const expected = direct.get(s.uri)!.figures;
			const refs = merged.figuresOf(s);
			// the merge read the figures through their refs: the source's own list is still packed
			assert.equal(typeof Object.getOwnPropertyDescriptor(s, 'figures')?.get, 'function', `${s.key}: figures not unpacked by the merge`);
			packed++;
			assert.deepEqual(refs.map((r) => fields(r.figure)), expected, `${s.key}: each ref reads its figure`);
			assert.ok(refs.every((r) => r.figure === r));
			// what JSON (an LSP message) sees is the figure, not the source the ref points to
			assert.deepEqual(refs.map((r) => JSON.parse(JSON.stringify(r.figure)) as Figure), expected);
			assert.deepEqual(s.figures, expected, `${s.key}: the source's figures, unpacked when read`);
			figures += refs.length;
		}
		assert.ok(figures >= 20 && packed === seeds.length, `the seeds have figures (${figures}) and dated sources (${packed})`);
	});

	test('merging makes no FigureRef: a source\'s refs are made when a query leads to it, and a snapshot restores none', () => {
		const { direct, merged } = directAndMerged(seeds, true);
		assert.equal(merged.sourcesWithRefs(), 0, 'none after the merges');
		assert.ok(merged.preparePostings(Infinity));
		assert.equal(merged.sourcesWithRefs(), 0, 'the postings table is made from the columns');
		// a term only one source's figures share makes only that source's refs
		const only = direct
			.all()
			.flatMap((x) => direct.figuresOf(x).flatMap((r) => [...direct.sentenceTermsOf(r)]))
			.find((t) => new Set(direct.figuresWith(t).map((r) => r.source.uri)).size === 1);
		assert.ok(only, 'a term of one source');
		const found = merged.figuresWith(only);
		assert.deepEqual(found.map((r) => [r.source.uri, r.index, r.text]), direct.figuresWith(only).map((r) => [r.source.uri, r.index, r.text]));
		assert.equal(merged.sourcesWithRefs(), 1);
		assert.equal(merged.figuresWith(only)[0], found[0], 'made once, the same refs after');
		const restored = Corpus.restore(merged.snapshot()!, merged.all().map((x) => x.text));
		assert.equal(restored.sourcesWithRefs(), 0, 'none after a restore');
		assert.deepEqual(restored.figuresWith(only).map((r) => [r.source.uri, r.index, r.text]), found.map((r) => [r.source.uri, r.index, r.text]));
	});

	test('listing the sources (the Sources view) counts a packed source\'s passages, figures and entities without unpacking them', () => {
		const direct = createLanguageService();
		const merged = createLanguageService();
		const sources: Source[] = [];
		for (const s of seeds) {
			direct.setSource(s.uri, s.text);
			const packed = packRecord(buildRecord(s.uri, s.text), s.text);
			sources.push(merged.setRecord(s.uri, s.text, unpackRecord(packed, s.text), packed));
		}
		assert.deepEqual(merged.listSources(), direct.listSources());
		for (const s of sources) for (const key of ['passages', 'figures', 'mentions', 'sentences'] as const) assert.equal(typeof Object.getOwnPropertyDescriptor(s, key)?.get, 'function', `${s.key}.${key} still packed`);
	});

	test('columns give back every shape of figure: ranges, qualifiers, and a text that is not the source text at its offsets', () => {
		const text = 'About $1.4 trillion, 10-12 GW, over 25%, in 2024.';
		const figures: Figure[] = [
			{ kind: 'money', start: 6, end: 19, text: '$1.4 trillion', value: 1.4e12, unit: 'USD', qualifier: 'approx' },
			{ kind: 'quantity', start: 21, end: 29, text: '10-12 GW', value: 1e10, high: 1.2e10, unit: 'W' },
			{ kind: 'percent', start: 31, end: 39, text: '25 %', value: 25, unit: '%', qualifier: 'over' },
			{ kind: 'date', start: 44, end: 48, text: '2024', value: Date.UTC(2024, 0, 1), high: Date.UTC(2025, 0, 1) - 1, unit: 'year' },
		];
		const c = figureColumns(figures, text);
		assert.deepEqual(figures.map((_, i) => figureAt(c, i)), figures);
		assert.deepEqual([...(c.own ?? new Map())], [[2, '25 %']], 'only the text that differs is kept');
	});
});
