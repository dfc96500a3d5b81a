/**
 * Cold indexing in process, split by stage, doing what the worker and the main thread do for each
 * file, in the same order: read (and decode); sentences (metadata, passages, sentences); figures;
 * entities (scanning for names, then learning them as the corpus merges the source); index (the
 * content words of each sentence, then the merge into buckets, postings and frequencies). And the
 * floor: reading the files plus one regex pass.
 */
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { extractFigures } from '../server/src/service/extract/figures';
import { scanNames } from '../server/src/service/extract/nameScanner';
import { Corpus } from '../server/src/service/sources/corpus';
import { EXTRACTOR_VERSION, type SourceRecord } from '../server/src/service/sources/record';
import { readSource } from '../server/src/service/sources/source';
import { decode } from '../server/src/workspace';

/** Milliseconds per stage, summed over the files. */
export interface StageSplit {
	read: number;
	sentences: number;
	figures: number;
	entities: number;
	index: number;
	total: number;
}

/** Indexes the files in process, timing each stage. */
export function stageSplit(files: readonly string[]): StageSplit {
	const t: StageSplit = { read: 0, sentences: 0, figures: 0, entities: 0, index: 0, total: 0 };
	const corpus = new Corpus();
	// entity learning happens inside the merge: time it there
	let learning = 0;
	const addSource = corpus.entities.addSource.bind(corpus.entities);
	corpus.entities.addSource = (...args) => {
		const s = performance.now();
		const out = addSource(...args);
		learning += performance.now() - s;
		return out;
	};
	corpus.batch(true);
	const start = performance.now();
	for (const file of files) {
		let s = performance.now();
		const read = decode(fs.readFileSync(file));
		if (!read.ok) continue;
		const text = read.text;
		const uri = pathToFileURL(file).href;
		t.read += performance.now() - s;
		s = performance.now();
		const { text: _text, ...source } = readSource(uri, text);
		const both = performance.now() - s;
		// readSource finds the figures too: time them alone, and count the rest as sentences
		s = performance.now();
		extractFigures(text, source.meta.date ? { referenceDate: source.meta.date, start: source.bodyStart } : { start: source.bodyStart });
		const figures = performance.now() - s;
		t.figures += figures;
		t.sentences += Math.max(0, both - figures);
		s = performance.now();
		const names = scanNames(text);
		t.entities += performance.now() - s;
		s = performance.now();
		const record: SourceRecord = { extractor: EXTRACTOR_VERSION, uri, source, names };
		learning = 0;
		corpus.setRecord(record, text);
		const merge = performance.now() - s;
		t.entities += learning;
		t.index += merge - learning;
	}
	corpus.batch(false);
	t.total = performance.now() - start - t.figures;
	return t;
}

/** The floor: read every file and run one global regex over it (figures). Returns ms and matches. */
export function floor(files: readonly string[]): { ms: number; matches: number } {
	const re = /\$?\d[\d,]*(?:\.\d+)?(?:\s*(?:%|percent|million|billion|trillion))?/g;
	const s = performance.now();
	let matches = 0;
	for (const f of files) {
		const text = fs.readFileSync(f, 'utf8');
		for (const _ of text.matchAll(re)) matches++;
	}
	return { ms: performance.now() - s, matches };
}
