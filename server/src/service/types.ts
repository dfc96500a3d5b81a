/**
 * The service's vocabulary: sources and what is extracted from them, notes and what they claim.
 * All offsets are UTF-16 code-unit offsets into the text they were extracted from (as LSP wants).
 */

/** What kind of quantity a figure is. */
export type FigureKind = 'money' | 'percent' | 'quantity' | 'count' | 'date';

/** How a figure's value is hedged in the text ("roughly", "more than", ...). */
export type FigureQualifier = 'approx' | 'over' | 'under' | 'at-least' | 'at-most';

/** A number in the text, normalized so that equal quantities compare equal whatever their wording. */
export interface Figure {
	kind: FigureKind;
	/** Offset of the figure's first character in the text it was extracted from. */
	start: number;
	/** Offset just past the figure's last character. */
	end: number;
	/** The figure as written, `text.slice(start, end)`. */
	text: string;
	/**
	 * Normalized value. money: in units of the currency (`$1.4 trillion` = 1.4e12); percent: in
	 * percent (25); quantity: in the unit's base (`30 GW` = 3e10 with unit `W`); count: the count;
	 * date: milliseconds since the epoch (UTC) of the period's first instant.
	 */
	value: number;
	/** Upper bound for ranges (`10-12 GW`) and the last instant of a date period; absent for points. */
	high?: number;
	/**
	 * The unit: a currency code for money (`USD`, `EUR`), `%` for percent, a base unit symbol for
	 * quantities (`W`, `Wh`, `t`, `m`, `g`, `B` ...), the counted noun's singular for counts (`home`,
	 * `person`; empty when there is none), and the granularity for dates (`day`, `month`, `quarter`,
	 * `year`, `period`).
	 */
	unit: string;
	qualifier?: FigureQualifier;
}

/** A passage of a source: a paragraph (or a line of a plain-text source). */
export interface Passage {
	/** Index of the passage within its source. */
	index: number;
	start: number;
	end: number;
	/** Zero-based line of the passage's start. */
	line: number;
}

/** A sentence of a source or a note. */
export interface Sentence {
	start: number;
	end: number;
}

/** What kind of thing an entity is. */
export type EntityType = 'organization' | 'person' | 'place' | 'other';

/** A named thing with all the names it goes by (Foxconn = Hon Hai = Hon Hai Precision Industry). */
export interface Entity {
	/** Stable id: the canonical name, lower-cased. */
	id: string;
	/** The name to show. */
	name: string;
	type: EntityType;
	/** Every other name it goes by, as written. */
	aliases: string[];
}

/** One place an entity is named in a text. */
export interface EntityMention {
	entityId: string;
	start: number;
	end: number;
	/** The name as written there. */
	text: string;
}

/** Metadata a source declares about itself (front matter, sidecar file, first line). */
export interface SourceMetadata {
	title: string;
	/** ISO 8601 date (`2025-11-21`) when known. */
	date?: string;
	author?: string;
	url?: string;
	/** Extra citation key (front matter `id`). */
	id?: string;
	/** Who published it (front matter `publisher`). */
	publisher?: string;
	/** The journal, newspaper or site it appeared in (front matter `container` or `site`). */
	container?: string;
	/** A CSL-JSON item the source's sidecar file (`<name>.json` or `<name>.bib`) declares, kept whole for the bibliography. */
	csl?: Record<string, unknown>;
}

/** A source document, indexed. */
export interface Source {
	/** The citation key: the file name without its extension. */
	key: string;
	/** Every key it may be cited by: `key` and, when declared, its `id`. */
	keys: string[];
	uri: string;
	/** The source's full text, as read. */
	text: string;
	/** Offset where the body begins (after front matter). */
	bodyStart: number;
	meta: SourceMetadata;
	passages: Passage[];
	sentences: Sentence[];
	figures: Figure[];
	mentions: EntityMention[];
	/** Offsets where each line starts, for offset → position. */
	lineStarts: number[];
	/** Where each page's text lies, for sources with pages (PDF): `p. 2` is `pages[1]`. */
	pages?: Array<{ start: number; end: number }>;
}

/** A Pandoc citation inside a note: one key in `[@a; @b]`, `[see @key, p. 3]` or narrative `@key`. */
export interface Citation {
	key: string;
	/** Range of the key itself, without the `@` (and without braces for `@{...}`). */
	keyStart: number;
	keyEnd: number;
	/** Range of the whole citation item including `@` (and prefix/locator for bracketed groups). */
	start: number;
	end: number;
	/** The bracketed group this belongs to, or undefined for a narrative citation. */
	group?: CitationGroup;
	/** The locator as written (`p. 3`, `¶ 4`), if any. */
	locator?: Locator;
	/** `[-@key]`: author suppressed. */
	suppressAuthor: boolean;
	/** Set when the citation came from a footnote definition `[^n]`: the footnote's label. */
	viaFootnote?: string;
}

/** A locator such as `p. 3` or `¶ 4`. */
export interface Locator {
	label: 'page' | 'paragraph' | 'line' | 'section' | 'other';
	/** The value as written (`3`, `3-5`). */
	value: string;
	start: number;
	end: number;
}

/** A bracketed citation group `[...]`. */
export interface CitationGroup {
	/** Offset of `[`. */
	start: number;
	/** Offset just past `]`. */
	end: number;
}

/** A sentence of a note with the figures and citations that belong to it. */
export interface NoteSentence {
	start: number;
	end: number;
	/** The sentence's prose with code, HTML, URLs and citations blanked to spaces (same length). */
	prose: string;
	/** Citations inside the sentence, plus those of footnotes referenced from it. */
	citations: Citation[];
	/** Offset just before the sentence's end punctuation (where a new citation goes). */
	citeAt: number;
}

/** A paragraph of a note (for code lens and incremental checking). */
export interface NoteParagraph {
	start: number;
	end: number;
	sentences: NoteSentence[];
}

/** A note, parsed. */
export interface ParsedNote {
	/** Every citation in the note, in order. */
	citations: Citation[];
	paragraphs: NoteParagraph[];
	/** Ranges that never hold claims or citations (code, HTML, front matter, URLs). */
	excluded: Array<{ start: number; end: number }>;
	/** Front matter fields, when the note has YAML front matter. */
	frontMatter?: Record<string, unknown>;
}
