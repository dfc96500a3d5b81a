/**
 * The indexer's word scanner (match/sentenceWords.ts) against `terms()`, which notes and claim
 * matching use: for every sentence of a source, the same content words at the same places, on
 * real speeches, the seeds and text chosen to trip a scanner (scripts, marks, surrogate pairs,
 * apostrophes, hyphens, words cut by figures and by sentence ends).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { sotuSources } from '../../bench/sotu';
import { terms } from '../../server/src/service/match/terms';
import { sentenceWords, spans } from '../../server/src/service/match/sentenceWords';
import { readSource } from '../../server/src/service/sources/source';

type Range = { start: number; end: number };

/** What `sentenceWords` should give: `terms()` of each sentence, outside its figures. */
function expected(text: string, sentences: readonly Range[], figures: readonly Range[]): Array<{ term: string; start: number; end: number; sentence: number }> {
	const out: Array<{ term: string; start: number; end: number; sentence: number }> = [];
	sentences.forEach((s, i) => {
		const skip = figures.filter((f) => f.end > s.start && f.start < s.end);
		for (const t of terms(text, s.start, s.end, skip)) out.push({ ...t, sentence: i });
	});
	return out;
}

function actual(text: string, sentences: readonly Range[], figures: readonly Range[]): Array<{ term: string; start: number; end: number; sentence: number }> {
	const w = sentenceWords(text, spans(sentences), spans(figures));
	const vocab = w.vocab;
	const out: Array<{ term: string; start: number; end: number; sentence: number }> = [];
	for (let i = 0; i < sentences.length; i++) {
		for (let j = w.offsets[i]!; j < w.offsets[i + 1]!; j++) out.push({ term: vocab[w.ids[j]!]!, start: w.starts[j]!, end: w.ends[j]!, sentence: i });
	}
	// the vocabulary lists each word once, in order of first use
	assert.equal(new Set(vocab).size, vocab.length);
	assert.deepEqual(vocab, [...new Set(out.map((t) => t.term))]);
	return out;
}

function sameAsTerms(uri: string, text: string): number {
	const { sentences, figures } = readSource(uri, text);
	const want = expected(text, sentences, figures);
	assert.deepEqual(actual(text, sentences, figures), want, uri);
	return want.length;
}

describe('sentence words', () => {
	test('the same words as terms() in every sentence of 60 State of the Union addresses', () => {
		let words = 0;
		for (const s of sotuSources().slice(0, 60)) words += sameAsTerms(`file:///ws/${s.key}.md`, s.text);
		assert.ok(words > 100_000, `${words} words`);
	});

	test('the same words as terms() in the seeds', () => {
		const dir = path.join(__dirname, '../../seeds');
		for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.md'))) sameAsTerms(`file:///ws/${f}`, fs.readFileSync(path.join(dir, f), 'utf8'));
	});

	test('scripts, marks, surrogate pairs, apostrophes and hyphens are read as terms() reads them', () => {
		const text = [
			"Hon Hai's revenue rose 12% to NT$6.16 trillion; Foxconn’s shares—Taiwan-listed—jumped. ",
			'Café crème, naïve résumé and Zürich’s Straße. Москва растёт. 東京 and 鴻海精密 expand. ',
			'Math 𝐀𝐁𝐂 letters, emoji 😀 words, e\u0301tude (a combining mark), -leading and trailing- hyphens, ',
			"'quoted' words, don't, o'clock, rock'n'roll, x, an a b, U.S. policy. Ελλάδα αυξάνει.",
		].join('');
		const sentences: Range[] = [];
		for (let at = 0; at < text.length; ) {
			const dot = text.indexOf('. ', at);
			const end = dot < 0 ? text.length : dot + 1;
			sentences.push({ start: at, end });
			at = dot < 0 ? text.length : dot + 2;
		}
		// figures, some cutting through words, one starting right where a sentence ends
		const figures: Range[] = [
			{ start: text.indexOf('12%'), end: text.indexOf('12%') + 3 },
			{ start: text.indexOf('NT$'), end: text.indexOf('trillion') + 8 },
			{ start: text.indexOf('crème') + 2, end: text.indexOf('crème') + 4 },
			{ start: sentences[1]!.end, end: sentences[1]!.end + 1 },
		].sort((a, b) => a.start - b.start);
		assert.ok(expected(text, sentences, figures).length > 30);
		assert.deepEqual(actual(text, sentences, figures), expected(text, sentences, figures));
	});

	test('a word running past its sentence belongs to it, and the next sentence starts mid-word as terms() would', () => {
		const text = 'Revenue rosewater bloomed today';
		const sentences = [{ start: 0, end: 10 }, { start: 12, end: text.length }];
		assert.deepEqual(actual(text, sentences, []), expected(text, sentences, []));
		assert.deepEqual(actual(text, sentences, []).map((t) => text.slice(t.start, t.end)), ['Revenue', 'rosewater', 'water', 'bloomed', 'today']);
	});

	test('words met by the thousand are told apart and found again: the table grows, its pool of letters too', () => {
		// 60,000 made-up words (past the table's first size and its pool's), each twice, in sentences of ten words
		const letters = 'abcdefghijklmnopqrstuvwxyzéß';
		const made = Array.from({ length: 60_000 }, (_, i) => {
			let w = '';
			for (let n = i + 1; n > 0; n = Math.floor(n / letters.length)) w += letters[n % letters.length];
			return `zq${w}${'x'.repeat(i % 41)}`;
		});
		const words = [...made, ...made.slice().reverse()];
		const parts: string[] = [];
		for (let i = 0; i < words.length; i += 10) parts.push(`${words.slice(i, i + 10).join(' ')}.`);
		const text = parts.join(' ');
		const sentences: Range[] = [];
		for (let at = 0, i = 0; i < parts.length; i++) {
			sentences.push({ start: at, end: at + parts[i]!.length });
			at += parts[i]!.length + 1;
		}
		const got = actual(text, sentences, []);
		assert.deepEqual(got, expected(text, sentences, []));
		assert.equal(got.length, words.length);
		// the same word, met twice, is the same term
		assert.equal(new Set(got.map((t) => t.term)).size, made.length);
	});

	test('a source with no sentences has no words', () => {
		const w = sentenceWords('', new Int32Array(0), new Int32Array(0));
		assert.deepEqual(w.vocab, []);
		assert.deepEqual([...w.offsets], [0]);
	});
});
