/**
 * The content words of every sentence of a source, as numbers: a large part of what indexing a
 * source costs (every word of every source is read here). The words are those of `terms()` (the
 * same pattern, stop words and folding), found by a scanner of its own that classifies characters
 * through a table: `terms()` runs a regular expression, whose match arrays cost more than the scan,
 * then makes a Term object per word. Measured on the SOTU corpus (11 MB, 1.8 million words), on a
 * fast host: ~290 ms with `terms()`, ~200 ms here with each word sliced out and looked up in a
 * `Map`; the written words are now found in place (`WrittenWords`). test/unit/sentenceWords.test.ts
 * checks it against `terms()` word for word.
 *
 * The corpus runs it as it merges a source (see corpus.ts; the server, a turn before the merge),
 * not the indexer worker as it makes the source's record: on two cores the worker is the slower end of a cold index and the merging
 * thread waits for it, so the words are read where there is time to spare (and a record carries
 * none across threads or to the cache).
 */
import { IntList } from '../intList';
import { contentTerm } from './terms';

/**
 * The content words of a source's sentences, outside its figures, with their places: sentence i's
 * words are entries [offsets[i], offsets[i + 1]). Words inside entity mentions are still here:
 * which names are mentions depends on the other sources, so the corpus drops them.
 */
export interface SentenceWords {
	/** The distinct folded words, in order of first use. */
	vocab: string[];
	/** For each word: index into `vocab`, start and end offset in the text. */
	ids: Int32Array;
	starts: Int32Array;
	ends: Int32Array;
	/** One more than there are sentences. */
	offsets: Int32Array;
	/**
	 * Each word of `vocab`'s number in the term numbering of the thread that read it, and that
	 * numbering's name. A thread numbers every term it meets once (until it empties its table,
	 * which names a new numbering), so a corpus maps each number to its own term id once, not each
	 * source's words by their strings (see corpus.ts).
	 */
	terms: Int32Array;
	numbering: string;
}

type Range = { readonly start: number; readonly end: number };

/** Ranges as [start, end] pairs, the form `sentenceWords` reads. */
export function spans(ranges: readonly Range[]): Int32Array {
	const out = new Int32Array(ranges.length * 2);
	for (let i = 0; i < ranges.length; i++) {
		out[2 * i] = ranges[i]!.start;
		out[2 * i + 1] = ranges[i]!.end;
	}
	return out;
}

// ---- what a code unit can be in a word: /[\p{L}][\p{L}\p{M}'’-]*/u ----

const UNKNOWN = 0;
const NONE = 1;
/** May continue a word but not start one: a mark, an apostrophe, a hyphen. */
const CONT = 2;
const LETTER = 3;
/** A high surrogate: the class is the pair's (see `pairClass`). */
const HIGH = 4;
/** Added to a pair's class: the character takes two code units. */
const PAIR = 8;
const LETTER_RE = /^\p{L}$/u;
const CONT_RE = /^[\p{M}'’-]$/u;
/** The class of each UTF-16 code unit, worked out on first sight. */
const classes = new Uint8Array(0x10000);
for (let c = 0xd800; c <= 0xdbff; c++) classes[c] = HIGH;

function classify(code: number): number {
	const ch = String.fromCharCode(code);
	const c = LETTER_RE.test(ch) ? LETTER : CONT_RE.test(ch) ? CONT : NONE;
	classes[code] = c;
	return c;
}

/** The class of the character whose high surrogate is at `i`: PAIR + its class, or NONE when the surrogate is unpaired (as the pattern reads it). */
function pairClass(text: string, i: number): number {
	const low = text.charCodeAt(i + 1);
	if (!(low >= 0xdc00 && low <= 0xdfff)) return NONE;
	const ch = text.slice(i, i + 2);
	return PAIR + (LETTER_RE.test(ch) ? LETTER : CONT_RE.test(ch) ? CONT : NONE);
}

// ---- written words → folded terms, shared by every source this thread reads ----

/** Written words kept at most: past this many the table is emptied, between two sources (as `terms()` empties its cache). */
const MAX_WORDS = 200_000;

/**
 * The written words this thread has met, each with its term's number (-1 when it carries no
 * claim), found where they stand in a text: an open-addressing table of their hashes, with their
 * code units kept in one pool to compare against. Slicing each word out of the text and asking a
 * `Map` cost more: on a slow host, with the SOTU corpus, the scan took ~1.4× as long as a bare
 * loop that slices every word and asks a `Map` for it, and ~1.0× with this table (same runs).
 */
class WrittenWords {
	// Sized for 64k written words (SOTU's 233 speeches have ~33k) before any array grows: growing
	// one assigns its field anew, and V8 then drops the optimized code of every function that read
	// the field as a constant (sentenceWords, termOf, place). With the sizes this table had (16k
	// words, slots for 32k), that happened twice in every cold SOTU index, each time followed by
	// recompiling sentenceWords (~50-70 ms of a helper thread's time).
	/** Word number + 1 by hash slot; 0: an empty slot. */
	private slots = new Int32Array(1 << 17);
	/** Each word's code units, one word after another. */
	private units = new Uint16Array(1 << 20);
	private unitCount = 0;
	/** Per word: where its units start in `units`, how many, its hash, its term number. */
	private starts = new Int32Array(1 << 16);
	private lengths = new Int32Array(1 << 16);
	private hashes = new Int32Array(1 << 16);
	private terms = new Int32Array(1 << 16);
	size = 0;

	/** The term number of the word text[start, end), -1 when it carries no claim, -2 when not met yet (`hash`: `hashOf` it). */
	termOf(text: string, start: number, end: number, hash: number): number {
		const mask = this.slots.length - 1;
		const length = end - start;
		for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
			const w = this.slots[slot]! - 1;
			if (w < 0) return -2;
			if (this.hashes[w] !== hash || this.lengths[w] !== length) continue;
			const at = this.starts[w]!;
			let j = 0;
			while (j < length && this.units[at + j] === text.charCodeAt(start + j)) j++;
			if (j === length) return this.terms[w]!;
		}
	}

	/** Files the word text[start, end), not met yet, with its term number. */
	add(text: string, start: number, end: number, hash: number, term: number): void {
		const w = this.size++;
		if (w === this.starts.length) {
			this.starts = grown(this.starts);
			this.lengths = grown(this.lengths);
			this.hashes = grown(this.hashes);
			this.terms = grown(this.terms);
		}
		const length = end - start;
		while (this.unitCount + length > this.units.length) {
			const bigger = new Uint16Array(this.units.length * 2);
			bigger.set(this.units);
			this.units = bigger;
		}
		for (let j = 0; j < length; j++) this.units[this.unitCount + j] = text.charCodeAt(start + j);
		this.starts[w] = this.unitCount;
		this.lengths[w] = length;
		this.hashes[w] = hash;
		this.terms[w] = term;
		this.unitCount += length;
		// at most half full
		if (this.size * 2 > this.slots.length) this.rehash(this.slots.length * 2);
		else this.place(w);
	}

	private place(w: number): void {
		const mask = this.slots.length - 1;
		let slot = this.hashes[w]! & mask;
		while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
		this.slots[slot] = w + 1;
	}

	private rehash(size: number): void {
		this.slots = new Int32Array(size);
		for (let w = 0; w < this.size; w++) this.place(w);
	}
}

function grown(a: Int32Array): Int32Array<ArrayBuffer> {
	const bigger = new Int32Array(a.length * 2);
	bigger.set(a);
	return bigger;
}

/** FNV-1a of text[start, end)'s code units. */
function hashOf(text: string, start: number, end: number): number {
	let h = 0x811c9dc5 | 0;
	for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
	return h;
}

let writtenWords = new WrittenWords();
/** Term number → term, and back. */
let termNames: string[] = [];
/** The name of this thread's numbering of `termNames` (a process's threads and later processes make others). */
let numbering = nameNumbering();
let termNumbers = new Map<string, number>();
/** Term number → its index in the vocabulary of the source being read, -1 when not in it yet. */
let localOf = new Int32Array(1024).fill(-1);

function nameNumbering(): string {
	return `${Date.now().toString(36)}.${Math.random().toString(36).slice(2)}`;
}

/** The term number of a written word not seen before (-1: not a content word). */
function learn(word: string): number {
	const term = contentTerm(word);
	let n = -1;
	if (term) {
		n = termNumbers.get(term) ?? -1;
		if (n < 0) {
			n = termNames.length;
			termNames.push(term);
			termNumbers.set(term, n);
			if (n >= localOf.length) {
				const bigger = new Int32Array(localOf.length * 2).fill(-1);
				bigger.set(localOf);
				localOf = bigger;
			}
		}
	}
	return n;
}

/**
 * The content words of each sentence, outside the figures: for each sentence, what
 * `terms(text, s.start, s.end, figures)` gives. Sentences and figures come as [start, end] pairs
 * (`spans`), the figures sorted by start and not overlapping, as `extractFigures` gives them.
 */
export function sentenceWords(text: string, sentences: Int32Array, figures: Int32Array): SentenceWords {
	// emptied between sources only: this source's words keep their term numbers
	if (writtenWords.size >= MAX_WORDS) {
		writtenWords = new WrittenWords();
		termNames = [];
		termNumbers = new Map();
		numbering = nameNumbering();
	}
	const ids = new IntList();
	const starts = new IntList();
	const ends = new IntList();
	const sentenceCount = sentences.length >> 1;
	const figureCount = figures.length >> 1;
	const offsets = new Int32Array(sentenceCount + 1);
	const vocab: string[] = [];
	// the term numbers of `vocab`, to reset `localOf` at the end
	const used: number[] = [];
	let fi = 0;
	for (let si = 0; si < sentenceCount; si++) {
		const start = sentences[2 * si]!;
		const end = sentences[2 * si + 1]!;
		while (fi < figureCount && figures[2 * fi + 1]! <= start) fi++;
		let k = fi;
		let i = start;
		// as the pattern with a `lastIndex`: a word starts before `end` and runs as far as it goes
		while (i < end) {
			let c = classes[text.charCodeAt(i)]!;
			if (c === UNKNOWN) c = classify(text.charCodeAt(i));
			else if (c === HIGH) c = pairClass(text, i);
			if ((c & 7) !== LETTER) {
				i += c & PAIR ? 2 : 1;
				continue;
			}
			const ws = i;
			do {
				i += c & PAIR ? 2 : 1;
				if (i >= text.length) break;
				c = classes[text.charCodeAt(i)]!;
				if (c === UNKNOWN) c = classify(text.charCodeAt(i));
				else if (c === HIGH) c = pairClass(text, i);
			} while ((c & 7) !== NONE);
			const we = i;
			// words inside a figure are the figure's
			while (k < figureCount && figures[2 * k + 1]! <= ws) k++;
			if (k < figureCount && figures[2 * k]! < end && figures[2 * k]! < we) continue;
			const hash = hashOf(text, ws, we);
			let n = writtenWords.termOf(text, ws, we, hash);
			if (n === -2) writtenWords.add(text, ws, we, hash, (n = learn(text.slice(ws, we))));
			if (n < 0) continue;
			let id = localOf[n]!;
			if (id < 0) {
				id = vocab.length;
				vocab.push(termNames[n]!);
				used.push(n);
				localOf[n] = id;
			}
			ids.push(id);
			starts.push(ws);
			ends.push(we);
		}
		offsets[si + 1] = ids.length;
	}
	for (const n of used) localOf[n] = -1;
	return { vocab, ids: ids.take(), starts: starts.take(), ends: ends.take(), offsets, terms: Int32Array.from(used), numbering };
}
