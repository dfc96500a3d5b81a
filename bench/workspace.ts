/**
 * Benchmark workspaces on disk: the SOTU speeches as Markdown sources (once, or in distinct-keyed
 * copies), and notes of real sentences from them, some cited, each paragraph linking to its speech.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractFigures } from '../server/src/service/extract/figures';
import { splitSentences } from '../server/src/service/extract/sentences';
import { prng, sotuSources, type SotuSource } from './sotu';

/** A workspace written for a benchmark. */
export interface BenchWorkspace {
	dir: string;
	/** Source files (absolute paths) and their total size in bytes. */
	sources: string[];
	bytes: number;
	/** Notes by sentence count: path and text. */
	notes: Map<number, { path: string; text: string }>;
}

/** The note sizes measured, in sentences. */
export const NOTE_SIZES = [50, 300, 3000] as const;

/** Writes the speeches `copies` times (copy 0 keeps the dataset's keys) and the notes into `dir`. */
export function writeWorkspace(dir: string, copies: number, speeches: SotuSource[] = sotuSources()): BenchWorkspace {
	fs.mkdirSync(path.join(dir, 'sources'), { recursive: true });
	fs.mkdirSync(path.join(dir, 'notes'), { recursive: true });
	const sources: string[] = [];
	let bytes = 0;
	for (let c = 0; c < copies; c++) {
		for (const s of speeches) {
			const key = c ? `${s.key}_copy${c}` : s.key;
			// a copy is the same speech under another key (its title says so, so the bytes differ too)
			const text = c ? s.text.replace(/^title: (.*)$/m, `title: $1, copy ${c}`) : s.text;
			const file = path.join(dir, 'sources', `${key}.md`);
			fs.writeFileSync(file, text);
			sources.push(file);
			bytes += Buffer.byteLength(text);
		}
	}
	const notes = new Map<number, { path: string; text: string }>();
	for (const n of NOTE_SIZES) {
		const text = buildNote(speeches, n, 1000 + n);
		const file = path.join(dir, 'notes', `note-${n}.md`);
		fs.writeFileSync(file, text);
		notes.set(n, { path: file, text });
	}
	return { dir, sources, bytes, notes };
}

/**
 * A note of `count` real sentences in paragraphs of five, each paragraph from one speech and
 * ending with a link to it; sentences with a figure are cited (`[@key]`) two times in three.
 */
export function buildNote(speeches: SotuSource[], count: number, seed: number): string {
	const rand = prng(seed);
	const out: string[] = [`# Notes (${count} sentences)`, ''];
	let written = 0;
	while (written < count) {
		const s = speeches[Math.floor(rand() * speeches.length)]!;
		const body = s.text.replace(/^---[\s\S]*?---\n/, '');
		const paras = body.split(/\n\n+/).filter((p) => !p.startsWith('#'));
		const para = paras[Math.floor(rand() * paras.length)]!;
		const picked: string[] = [];
		for (const sent of splitSentences(para)) {
			if (written + picked.length >= count) break;
			let sentence = para.slice(sent.start, sent.end).replace(/[[\]`*_<>@]/g, '');
			if (sentence.length < 20) continue;
			if (extractFigures(sentence).length && rand() < 0.67) sentence = sentence.replace(/([.!?])$/, ` [@${s.key}]$1`);
			picked.push(sentence);
		}
		if (!picked.length) continue;
		written += picked.length;
		out.push(`${picked.join(' ')} ([${s.name}, ${s.year}](../sources/${s.key}.md))`, '');
	}
	return out.join('\n');
}
