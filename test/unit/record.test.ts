import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import * as v8 from 'node:v8';
import { createLanguageService } from '../../server/src/service';
import { Corpus, packedWords } from '../../server/src/service/sources/corpus';
import { buildRecord, isPackedRecord, packRecord, unpackRecord } from '../../server/src/service/sources/record';
import { directAndMerged, FOLDER, note } from './util';

const SEEDS = path.resolve(__dirname, '../../seeds');
const seeds = fs.readdirSync(SEEDS).sort().map((f) => ({ uri: `${FOLDER}/seeds/${f}`, text: fs.readFileSync(path.join(SEEDS, f), 'utf8') }));

/** A number written in letters (a word no source has). */
function lettersOf(n: number): string {
	let out = '';
	do {
		out += String.fromCharCode(97 + (n % 26));
		n = Math.floor(n / 26);
	} while (n > 0);
	return out;
}

/** What a corpus knows of its sources, in a form deepEqual compares. */
function snapshot(c: Corpus) {
	return c.all().map((s) => ({
		key: s.key,
		meta: s.meta,
		sentences: s.sentences.length,
		figures: s.figures,
		mentions: s.mentions,
		terms: c.figuresOf(s).map((r) => [...c.sentenceTermsOf(r)].map((t) => `${t}:${c.idf(t).toFixed(9)}`)),
		passageTerms: c.figuresOf(s).map((r) => [...c.passageTermsOf(r)]),
	}));
}

describe('source records', () => {
	// given the packed record too, the corpus keeps it and unpacks the source's sentences, passages and mentions from it when read
	for (const keep of [false, true]) test(`a corpus merged from records (packed, copied as a worker or the cache would${keep ? ', and kept' : ''}) equals one indexed from texts`, () => {
		const { direct, merged } = directAndMerged(seeds, keep);
		assert.deepEqual(snapshot(merged), snapshot(direct));
		if (keep) assert.deepEqual(merged.all().map((s) => s.passages), direct.all().map((s) => s.passages));
	});

	test('a corpus maps its thread\'s term numbers to its own term ids: corpora sharing a thread, and a thread that empties its table of words midway, merge the same', () => {
		// the thread numbers the words it meets (sentenceWords.ts), for every corpus it merges: the ids are each corpus's own
		const forward = () => {
			const c = new Corpus();
			c.batch(true);
			for (const s of seeds) c.setRecord(buildRecord(s.uri, s.text), s.text);
			c.batch(false);
			return snapshot(c);
		};
		const first = forward();
		const reversed = new Corpus();
		for (const s of seeds.slice().reverse()) reversed.setRecord(buildRecord(s.uri, s.text), s.text);
		assert.deepEqual(forward(), first, 'after another corpus met the words in another order');
		// past 200,000 written words the thread empties its table and numbers anew, between two sources:
		// 24 sources of 10,000 words never seen, each ending with the same sentence about a figure (its words numbered after them)
		const docs = Array.from({ length: 24 }, (_, d) => {
			const made = Array.from({ length: 10_000 + 37 * d }, (_, i) => `zq${lettersOf(d * 20_000 + i)}`);
			const filler: string[] = [];
			for (let i = 0; i < made.length; i += 20) filler.push(`${made.slice(i, i + 20).join(' ')}.`);
			return { uri: `${FOLDER}/sources/d${d}.md`, text: `# Doc ${d}\n\n${filler.join(' ')}\n\nAcme Corp hired 300 workers in Ohio as revenue rose.\n` };
		});
		const c = new Corpus();
		for (const d of docs) c.setRecord(buildRecord(d.uri, d.text), d.text);
		const lists = c.all().map((s) => [...c.sentenceTermsOf(c.figuresOf(s)[0]!)].join(','));
		assert.equal(lists.length, docs.length);
		assert.equal(new Set(lists).size, 1, 'the same sentence has the same terms in every source');
		const hired = c.all().map((s) => c.figuresOf(s)[0]!);
		assert.ok(hired.every((r) => r.figure.value === 300));
	});

	test('a merge given the words read a turn before (packedWords) equals one that reads them itself', () => {
		const merge = (early: boolean) => {
			const c = new Corpus();
			c.batch(true);
			for (const s of seeds) {
				const packed = packRecord(buildRecord(s.uri, s.text), s.text);
				c.setRecord(unpackRecord(packed, s.text), s.text, packed, early ? packedWords(packed, s.text) : undefined);
			}
			c.batch(false);
			return snapshot(c);
		};
		assert.deepEqual(merge(true), merge(false));
		// words read of another source are not this one's: given the wrong words, the terms differ (the words are used)
		const [a, b] = [seeds[0]!, seeds[1]!];
		const packedA = packRecord(buildRecord(a.uri, a.text), a.text);
		const packedB = packRecord(buildRecord(b.uri, b.text), b.text);
		const wrong = new Corpus();
		wrong.setRecord(unpackRecord(packedA, a.text), a.text, packedA, packedWords(packedB, b.text));
		const right = new Corpus();
		right.setRecord(unpackRecord(packedA, a.text), a.text, packedA, packedWords(packedA, a.text));
		assert.notDeepEqual(snapshot(wrong), snapshot(right));
	});

	test('sources merged packed and then removed leave the entities as if they had never come', () => {
		// the entity index does not keep a packed source's name candidates or pairs: it makes them again to take them out, or to derive entities
		const only = new Corpus();
		for (const s of seeds.slice(0, 2)) only.set(s.uri, s.text);
		const merged = new Corpus();
		for (const s of seeds) {
			const packed = packRecord(buildRecord(s.uri, s.text), s.text);
			merged.setRecord(unpackRecord(packed, s.text), s.text, packed);
		}
		const key = merged.all()[0]!.key;
		const scan = merged.entities.scanOf(key)!;
		assert.notEqual(scan.candidates, scan.candidates, 'made anew when read');
		assert.notEqual(scan.pairs, scan.pairs, 'pairs made anew when read');
		const first = seeds[0]!;
		const names = buildRecord(first.uri, first.text).names;
		assert.deepEqual(scan.candidates, unpackRecord(packRecord(buildRecord(first.uri, first.text), first.text), first.text).names.candidates);
		assert.deepEqual(scan.pairs, names.pairs);
		assert.ok(merged.all().some((s) => merged.entities.scanOf(s.key)!.pairs.length > 0), 'some seed pairs names');
		assert.ok(merged.entities.all().length > only.entities.all().length);
		for (const s of seeds.slice(2)) merged.delete(s.uri);
		assert.deepEqual(merged.entities.all(), only.entities.all());
	});

	test('every name candidate, scanned or unpacked, has the same properties in the same order (one shape for the code that reads them)', () => {
		const shapes = new Set<string>();
		const met = { group: false, votes: false, linkKey: false };
		for (const s of seeds) {
			const r = buildRecord(s.uri, s.text);
			const back = unpackRecord(packRecord(r, s.text), s.text);
			for (const c of [...r.names.candidates, ...back.names.candidates]) {
				shapes.add(Object.keys(c).join());
				met.group ||= c.group !== undefined;
				met.votes ||= c.votes !== undefined;
				met.linkKey ||= c.linkKey !== undefined;
			}
		}
		assert.deepEqual(met, { group: true, votes: true, linkKey: true }, 'every kind of candidate is met');
		assert.deepEqual([...shapes], ['start,end,text,key,strong,linkKey,group,votes']);
	});

	test('packing loses nothing: figures, names and words come back as they were', () => {
		for (const s of seeds) {
			const r = buildRecord(s.uri, s.text);
			const back = unpackRecord(packRecord(r, s.text), s.text);
			assert.deepEqual(back.source, r.source);
			// the scanner's own bookkeeping fields are not part of a Candidate: compare the declared ones
			const fields = (c: (typeof r.names.candidates)[number]) => ({ start: c.start, end: c.end, text: c.text, key: c.key, strong: c.strong, linkKey: c.linkKey, group: c.group, votes: c.votes });
			assert.deepEqual(back.names.candidates.map(fields), r.names.candidates.map(fields));
			assert.deepEqual(back.names.links, r.names.links);
			assert.deepEqual(back.names.pairs, r.names.pairs);
		}
	});

	test('figures come back from a packed record as they were, a range\'s upper bound and a qualifier absent where there is none', () => {
		const text = '# A\n\nAcme said revenue was $5 billion. It hired about 300 workers. It plans 10-12 GW of plants. It may spend more than $5-7 billion.\n';
		const r = buildRecord('file:///ws/a.md', text);
		const back = unpackRecord(v8.deserialize(v8.serialize(packRecord(r, text))) as ReturnType<typeof packRecord>, text).source.figures;
		assert.deepEqual(back, r.source.figures);
		// the four shapes: a point, a qualified point, a range, a qualified range (deepEqual also tells an absent field from an undefined one)
		assert.deepEqual(back.map((f) => [f.text, 'high' in f, 'qualifier' in f]), [
			['$5 billion', false, false],
			['300', false, true],
			['10-12 GW', true, false],
			['$5-7 billion', true, true],
		]);
		// a figure or a name whose text is not the source's between its offsets keeps its own (the record carries it)
		r.source.figures[1]!.text = 'about 300';
		r.names.candidates[0]!.text = 'ACME';
		const again = unpackRecord(v8.deserialize(v8.serialize(packRecord(r, text))) as ReturnType<typeof packRecord>, text);
		assert.deepEqual(again.source.figures.map((f) => f.text), ['$5 billion', 'about 300', '10-12 GW', '$5-7 billion']);
		assert.equal(again.names.candidates[0]!.text, 'ACME');
		assert.equal(again.names.candidates[1]!.text, r.names.candidates[1]!.text);
	});

	test('a record is refused for another file, another text, or when damaged', () => {
		const s = seeds[0]!;
		const packed = packRecord(buildRecord(s.uri, s.text), s.text);
		assert.ok(isPackedRecord(packed, s.uri, s.text));
		assert.equal(isPackedRecord(packed, `${FOLDER}/seeds/other.txt`, s.text), false);
		assert.equal(isPackedRecord(packed, s.uri, s.text.slice(0, 10)), false);
		assert.equal(isPackedRecord({ ...packed, extractor: -1 }, s.uri, s.text), false);
		assert.equal(isPackedRecord({ ...packed, pairs: JSON.stringify(JSON.parse(packed.pairs)) }, s.uri, s.text), true);
		assert.equal(isPackedRecord({ ...packed, pairs: '[["a"]]' }, s.uri, s.text), false, 'a pair of one name');
		assert.equal(isPackedRecord({ ...packed, pairs: JSON.parse(packed.pairs) as unknown as string }, s.uri, s.text), false, 'pairs as a list (an older record)');
		assert.equal(isPackedRecord({ ...packed, candidateKeys: '[not json' }, s.uri, s.text), false);
		assert.equal(isPackedRecord('garbage', s.uri, s.text), false);
	});

	test('the service answers the same from records as from texts', () => {
		const a = createLanguageService();
		const b = createLanguageService();
		a.setFolders([FOLDER]);
		b.setFolders([FOLDER]);
		for (const s of seeds) {
			a.setSource(s.uri, s.text);
			b.setRecord(s.uri, s.text, unpackRecord(packRecord(buildRecord(s.uri, s.text, b.fallbackDateFor(s.uri)), s.text), s.text));
		}
		const key = seeds[0]!.uri.replace(/^.*\/|\.[^.]+$/g, '');
		const n = note(`Altman plans to invest $1.9 trillion to build 30 gigawatts of computing power [@${key}]. It costs $7 trillion.`);
		assert.deepEqual(b.getDiagnostics(n.doc), a.getDiagnostics(n.doc));
		assert.deepEqual(b.counts(), a.counts());
	});

	test('a record made against another fallback date or without the sidecar is made again by the corpus', () => {
		const undated = 'Clipping\n\nThe plant opened on November 20 with 300 workers.\n';
		const uri = `${FOLDER}/sources/clip.txt`;
		const c = new Corpus();
		c.set(`${FOLDER}/sources/dated.md`, '---\ndate: 2024-05-01\n---\nA report.\n\nIt employs 12 people.\n');
		const expected = c.set(uri, undated).figures;
		c.delete(uri);
		// made against 1999: "November 20" would be a 1998 date; the corpus reads it against 2024 instead
		const stale = buildRecord(uri, undated, '1999-01-01');
		assert.notDeepEqual(stale.source.figures, expected);
		assert.deepEqual(c.setRecord(stale, undated).figures, expected);
	});
});
