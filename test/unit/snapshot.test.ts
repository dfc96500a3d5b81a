/**
 * The corpus snapshot a warm start restores instead of merging every source again: restored
 * (after a trip through the serializer, as from the file), it is the same corpus (sources, term
 * ids, document frequencies, postings, entities), answers a note the same, and takes later changes
 * the way the original does. A snapshot that does not fit is refused.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import * as v8 from 'node:v8';
import { sotuSources } from '../../bench/sotu';
import { createLanguageService } from '../../server/src/service';
import { Corpus, type CorpusSnapshot } from '../../server/src/service/sources/corpus';
import { buildRecord, packRecord, unpackRecord } from '../../server/src/service/sources/record';
import type { FigureKind } from '../../server/src/service/types';
import { FOLDER, note, seedTexts } from './util';

const KINDS: FigureKind[] = ['money', 'percent', 'quantity', 'count', 'date'];
const uri = (key: string) => `${FOLDER}/sources/${key}.md`;
const speeches = sotuSources().slice(-10);
const seeds = [...seedTexts()].map(([key, text]) => ({ key, text }));
const all = [...seeds, ...speeches];

/** A corpus of the seeds and ten speeches: half merged from packed records (as the server does), half from texts. */
function built(aliases?: { entities: Array<{ name: string; aliases: string[] }> }): Corpus {
	const c = new Corpus(aliases);
	c.batch(true);
	all.forEach((s, i) => {
		if (i % 2) c.set(uri(s.key), s.text);
		else {
			const packed = packRecord(buildRecord(uri(s.key), s.text), s.text);
			c.setRecord(unpackRecord(packed, s.text), s.text, packed);
		}
	});
	c.batch(false);
	return c;
}

/** Through the serializer and back, as the snapshot file goes. */
function roundTrip(snap: CorpusSnapshot): CorpusSnapshot {
	return v8.deserialize(v8.serialize(snap)) as CorpusSnapshot;
}

/** Everything a request reads of a corpus, in a form deepEqual compares. */
function seen(c: Corpus) {
	const figures = (id: number) => KINDS.map((k) => c.figuresWithId(id, k).map((r) => `${r.source.key}#${r.index}`).join(' '));
	const terms: string[] = [];
	for (let id = 0; id < c.termCount(); id++) terms.push(`${c.idfOf(id).toFixed(12)} ${c.postingCountOf(id)} ${figures(id).join('|')}`);
	return {
		sources: c.all().map((s) => ({ ...s })),
		refs: c.all().map((s) => c.figuresOf(s).map((r) => ({ sentence: r.sentence, passage: r.passage, bucket: r.bucket, terms: [...c.sentenceTermsOf(r)], passage_: [...c.passageTermsOf(r)], only: [...c.passageOnlyTermIds(r)] }))),
		keys: c.allKeys(),
		terms,
		entities: c.entities.all(),
		completions: c.entities.complete('Pre'),
		mentions: c.entities.findMentions(speeches[0]!.text.slice(0, 4000)),
		sourcesOf: c.entities.all().slice(0, 50).map((e) => c.entities.sourcesOf(e.id)),
	};
}

describe('corpus snapshot', () => {
	test('restored from its snapshot, a corpus is the same: sources, terms, idf, postings, entities', () => {
		const original = built();
		const snap = original.snapshot();
		assert.ok(snap, 'a corpus with distinct keys can be saved');
		const texts = original.all().map((s) => s.text);
		const restored = Corpus.restore(roundTrip(snap), texts);
		assert.deepEqual(seen(restored), seen(original));
		// and it saves the same snapshot again (a warm start's snapshot is as good as a cold one's)
		assert.ok(isDeepStrictEqual(restored.snapshot(), original.snapshot()));
	});

	test('after a restore, changes do to it what they do to the original', () => {
		const original = built();
		const restored = Corpus.restore(roundTrip(original.snapshot()!), original.all().map((s) => s.text));
		for (const c of [original, restored]) {
			// a source changed (its names unlearnt, then learnt again), one deleted, one added
			c.set(uri(speeches[2]!.key), `${speeches[2]!.text}\n\nPresident Obama met Chancellor Merkel in Berlin, where Germany pledged $4.5 billion.\n`);
			c.delete(uri(seeds[1]!.key));
			c.set(uri('late'), 'Hon Hai, the company known as Foxconn, said on Tuesday it would invest $2.1 billion in Ohio.');
		}
		assert.deepEqual(seen(restored), seen(original));
		assert.ok(isDeepStrictEqual(restored.snapshot(), original.snapshot()));
	});

	test('a service restored from a snapshot answers a note the same: diagnostics and hovers', () => {
		const make = () => {
			const s = createLanguageService();
			s.setFolders([FOLDER]);
			return s;
		};
		const cold = make();
		for (const s of all) cold.setSource(uri(s.key), s.text);
		const parts = cold.snapshot(FOLDER);
		assert.ok(parts);
		const sources = Array.from({ length: parts.count }, (_, i) => v8.deserialize(v8.serialize(parts.source(i))) as CorpusSnapshot['sources'][number]);
		const warm = make();
		warm.restore(FOLDER, { ...roundTrip({ ...parts.corpus, sources: [] }), sources }, parts.uris.map((u) => all.find((s) => uri(s.key) === u)!.text));
		assert.deepEqual(warm.sourceUris(), cold.sourceUris());
		const { doc } = note(
			[
				`Foxconn plans to invest $1.9 trillion in 30 gigawatts of computing power [@${seeds[0]!.key}].`,
				'',
				`Hon Hai said it would spend $10 billion on the plant [@${seeds[2]!.key}].`,
				'',
				`The budget deficit was cut by $1.3 trillion, and 12 million jobs were added [@${speeches[9]!.key}].`,
			].join('\n'),
		);
		const diagnostics = warm.getDiagnostics(doc);
		assert.deepEqual(diagnostics, cold.getDiagnostics(doc));
		assert.ok(diagnostics.length > 0, 'the note has something to say about');
		for (let line = 0; line < doc.lineCount; line += 2) {
			for (let character = 0; character < 90; character += 3) {
				const position = { line, character };
				assert.deepEqual(warm.getHover(doc, position), cold.getHover(doc, position), `hover at ${line}:${character}`);
			}
		}
	});

	test('a snapshot that does not fit is refused: another alias table, another extractor, other sources', () => {
		const original = built();
		const snap = original.snapshot()!;
		const texts = original.all().map((s) => s.text);
		assert.throws(() => Corpus.restore(roundTrip(snap), texts, { entities: [{ name: 'Hon Hai', aliases: ['Foxconn'] }] }), /another alias table/);
		assert.throws(() => Corpus.restore({ ...roundTrip(snap), extractor: -1 }, texts), /another version/);
		assert.throws(() => Corpus.restore(roundTrip(snap), texts.slice(1)), /holds \d+ sources, not \d+/);
	});

	test('a corpus two of whose sources share a key is not saved (the entity index knows sources by key)', () => {
		const c = new Corpus();
		c.set(`${FOLDER}/a/report.md`, 'Acme Corp raised $5 million in 2020.');
		c.set(`${FOLDER}/b/report.md`, 'Acme Corp raised $6 million in 2021.');
		assert.equal(c.snapshot(), undefined);
	});
});
