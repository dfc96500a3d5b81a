/**
 * A source's figures as the corpus keeps them: as columns (the packed record's), with a
 * `FigureRef` per figure made only when a query first leads to the source (see
 * `SourceFacts.refs`). A ref is the figure itself (`ref.figure === ref`), read from the columns,
 * and where it stands (sentence, passage, term lists). A figure kept as its own object was three
 * or four objects for the collector (the figure, its text, a boxed number for its value and
 * another for its upper bound), and its ref one more: ~80% of what each copy of SOTU added to the
 * main thread's heap, which every collection while indexing visits. A ref's kind, offsets and unit
 * are plain fields (small integers and shared strings); its value, upper bound, qualifier and text
 * are read from the columns when asked.
 */
import type { Figure, FigureKind, FigureQualifier, Source } from '../types';

export const FIGURE_KINDS: readonly FigureKind[] = ['money', 'percent', 'quantity', 'count', 'date'];
export const FIGURE_QUALIFIERS: readonly FigureQualifier[] = ['approx', 'over', 'under', 'at-least', 'at-most'];
/** Numbers per figure in `FigureColumns.data`: [kind, start, end, value, high (NaN: none), qualifier (-1: none)]. */
export const FIGURE_WIDTH = 6;

/** A source's figures as columns (the layout of `PackedRecord.figures`). */
export interface FigureColumns {
	/** The source's text: a figure's text is the text between its offsets unless `own` has it. */
	text: string;
	data: Float64Array;
	/** Unit per figure. */
	units: readonly string[];
	/** Figures whose text is not the source's text between their offsets, by index. */
	own: ReadonlyMap<number, string> | undefined;
}

/** Figures (as extracted) as columns. */
export function figureColumns(figures: readonly Figure[], text: string): FigureColumns {
	const data = new Float64Array(figures.length * FIGURE_WIDTH);
	let own: Map<number, string> | undefined;
	for (let i = 0, o = 0; i < figures.length; i++, o += FIGURE_WIDTH) {
		const x = figures[i]!;
		data[o] = FIGURE_KINDS.indexOf(x.kind);
		data[o + 1] = x.start;
		data[o + 2] = x.end;
		data[o + 3] = x.value;
		data[o + 4] = x.high ?? NaN;
		data[o + 5] = x.qualifier ? FIGURE_QUALIFIERS.indexOf(x.qualifier) : -1;
		if (!isTextAt(text, x)) (own ??= new Map()).set(i, x.text);
	}
	return { text, data, units: figures.map((x) => x.unit), own };
}

/** Whether an item's text is the source's text between its offsets (then a packed form leaves it out). */
export function isTextAt(text: string, x: { start: number; end: number; text: string }): boolean {
	return x.text.length === x.end - x.start && text.startsWith(x.text, x.start);
}

/** Figure `i` of columns as a plain object (a literal per shape: a property added later would cost an object of its own). */
export function figureAt(c: FigureColumns, i: number): Figure {
	const o = i * FIGURE_WIDTH;
	const d = c.data;
	// (as small integers: a number read from a Float64Array made the field a double, boxed in each figure)
	const start = d[o + 1]! | 0;
	const end = d[o + 2]! | 0;
	const kind = FIGURE_KINDS[d[o]!]!;
	const text = c.own?.get(i) ?? c.text.slice(start, end);
	const value = d[o + 3]!;
	const high = d[o + 4]!;
	const q = d[o + 5]!;
	const unit = c.units[i]!;
	if (Number.isNaN(high)) return q >= 0 ? { kind, start, end, text, value, unit, qualifier: FIGURE_QUALIFIERS[q]! } : { kind, start, end, text, value, unit };
	return q >= 0 ? { kind, start, end, text, value, unit, high, qualifier: FIGURE_QUALIFIERS[q]! } : { kind, start, end, text, value, unit, high };
}

/** Every figure of columns as plain objects. */
export function figuresOfColumns(c: FigureColumns): Figure[] {
	const out: Figure[] = [];
	for (let i = 0; i < c.units.length; i++) out.push(figureAt(c, i));
	return out;
}

/** The bucket a figure falls in: figures in different buckets never state the same claim. */
export function bucketOf(f: Pick<Figure, 'kind' | 'unit'>): string {
	if (f.kind === 'date') return 'date';
	// one string per bucket, not one per figure (175,000 of them for the x10 corpus, kept by its figures)
	let byUnit = bucketNames.get(f.kind);
	if (!byUnit) bucketNames.set(f.kind, (byUnit = new Map()));
	let name = byUnit.get(f.unit);
	if (name === undefined) byUnit.set(f.unit, (name = `${f.kind}|${f.unit}`));
	return name;
}
const bucketNames = new Map<FigureKind, Map<string, string>>();

/**
 * Numbers per figure in a source's places (`FigureRef`'s constructor reads them): [sentence,
 * passage, termsStart, termsEnd, onlyStart, onlyEnd, passageStart, passageEnd].
 */
export const PLACE_WIDTH = 8;

/** A figure in a source, with the sentence and passage that hold it; it is its own `figure`. */
export class FigureRef implements Figure {
	readonly kind: FigureKind;
	readonly start: number;
	readonly end: number;
	readonly unit: string;
	/** `bucketOf(figure)`, worked out once. */
	readonly bucket: string;
	/** Claim matching's mark: the last claim that looked at this figure (see `candidates`). */
	mark = 0;
	/**
	 * Its source's term-id lists, in one buffer: `ids[termsStart, termsEnd)` are the term ids
	 * (sorted) of its sentence (none outside every sentence), `ids[onlyStart, onlyEnd)` those of
	 * its passage that its sentence lacks, `ids[passageStart, passageEnd)` those of its passage.
	 * Offsets, not an Int32Array per list: those were ~290,000 objects for the x10 corpus, which
	 * every collection of the main thread's heap visits (see IntArrays).
	 */
	readonly ids: Int32Array;
	readonly termsStart: number;
	readonly termsEnd: number;
	readonly onlyStart: number;
	readonly onlyEnd: number;
	readonly passageStart: number;
	readonly passageEnd: number;
	/** Index into `source.sentences`, or -1 when the figure lies outside every sentence. */
	readonly sentence: number;
	/** Index into `source.passages`, or -1. */
	readonly passage: number;

	constructor(
		readonly source: Source,
		private readonly columns: FigureColumns,
		/** Index of this figure among its source's figures. */
		readonly index: number,
		/** Where its source's figures stand, `PLACE_WIDTH` numbers each; the term lists are in `ids`. */
		places: Int32Array,
		ids: Int32Array,
	) {
		const o = index * FIGURE_WIDTH;
		this.kind = FIGURE_KINDS[columns.data[o]!]!;
		this.start = columns.data[o + 1]! | 0;
		this.end = columns.data[o + 2]! | 0;
		this.unit = columns.units[index]!;
		this.bucket = bucketOf(this);
		const at = index * PLACE_WIDTH;
		this.sentence = places[at]!;
		this.passage = places[at + 1]!;
		this.ids = ids;
		this.termsStart = places[at + 2]!;
		this.termsEnd = places[at + 3]!;
		this.onlyStart = places[at + 4]!;
		this.onlyEnd = places[at + 5]!;
		this.passageStart = places[at + 6]!;
		this.passageEnd = places[at + 7]!;
	}

	/** The figure (this object: a figure's fields are read from its source's columns). */
	get figure(): Figure {
		return this;
	}

	get text(): string {
		return this.columns.own?.get(this.index) ?? this.columns.text.slice(this.start, this.end);
	}

	get value(): number {
		return this.columns.data[this.index * FIGURE_WIDTH + 3]!;
	}

	get high(): number | undefined {
		const h = this.columns.data[this.index * FIGURE_WIDTH + 4]!;
		return Number.isNaN(h) ? undefined : h;
	}

	get qualifier(): FigureQualifier | undefined {
		const q = this.columns.data[this.index * FIGURE_WIDTH + 5]!;
		return q >= 0 ? FIGURE_QUALIFIERS[q] : undefined;
	}

	/** The figure as a plain object (what JSON and a copy should see, not the source it points to). */
	toJSON(): Figure {
		return figureAt(this.columns, this.index);
	}
}
