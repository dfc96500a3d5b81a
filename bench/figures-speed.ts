/**
 * Speed of the figure extractor on English news text: the seeds repeated to about 5 MB, as the
 * indexer would see them. Prints MB/s (best of a few runs, after a warm-up) and figures found.
 * Run: npx tsx bench/figures-speed.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFigures } from '../server/src/service/extract/figures';

const seeds = join(import.meta.dirname, '..', 'seeds');
const texts = readdirSync(seeds)
	.filter((f) => f.endsWith('.txt'))
	.map((f) => readFileSync(join(seeds, f), 'utf8'));
const one = texts.join('\n\n');
const target = 5 * 1024 * 1024;
const corpus = one.repeat(Math.ceil(target / one.length));
const mb = Buffer.byteLength(corpus, 'utf8') / (1024 * 1024);

// per document, as the indexer calls it, and once over the whole text
const docs: string[] = [];
for (let i = 0; i < Math.ceil(target / one.length); i++) docs.push(...texts);

function run(label: string, f: () => number, size = mb): void {
	f();
	let best = Infinity;
	let found = 0;
	for (let i = 0; i < 5; i++) {
		const t0 = performance.now();
		found = f();
		best = Math.min(best, performance.now() - t0);
	}
	console.log(`${label}: ${(size / (best / 1000)).toFixed(1)} MB/s (${size.toFixed(1)} MB in ${best.toFixed(0)} ms, ${found} figures)`);
}

// news as dense in figures as a markets page: every sentence has two or three
const dense = [
	'Revenue rose 17% year-on-year to $1.8 billion in the July–September 2025 period, beating the $1.65bn consensus.',
	'The company plans to invest $1.4 trillion to build 30 gigawatts of capacity, enough for 25 million U.S. homes, by the end of 2029.',
	'Shares have risen 25 percent this year; about 900,000 people work in 12 plants across 14 countries.',
	'On November 21, 2025, it said deployment would begin in late 2026 and cost between $5 and $7 billion.',
	'Output reached 2,000 tonnes in Q3 2025, up from 1,450 tonnes, while prices fell 3.2% to €5.6m per lot.',
	'GPT-5 runs 24/7 on 10-12 GW; see section 3.2.1 or call 555-1234 for the 2025-26 figures.',
].join(' ');
const denseCorpus = dense.repeat(Math.ceil(target / dense.length));
const denseMb = Buffer.byteLength(denseCorpus, 'utf8') / (1024 * 1024);

run('whole text', () => extractFigures(corpus, { referenceDate: '2025-11-21' }).length);
run('figure-dense text', () => extractFigures(denseCorpus, { referenceDate: '2025-11-21' }).length, denseMb);
run('per document', () => {
	let n = 0;
	for (const d of docs) n += extractFigures(d, { referenceDate: '2025-11-21' }).length;
	return n;
});
