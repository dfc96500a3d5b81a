/**
 * Grounded Notes' own LSP methods, beyond the standard protocol.
 * client/src/protocol.ts mirrors this file; a test checks that the method names match.
 */

/** A range in a document, as LSP has it (zero-based line, UTF-16 character). */
export interface WireRange {
	start: { line: number; character: number };
	end: { line: number; character: number };
}

/** A source as the Sources view lists it. */
export interface SourceSummary {
	key: string;
	title: string;
	date?: string;
	uri: string;
	passages: number;
	figures: number;
	entities: number;
}

/** One figure of a source, for the Sources view. */
export interface SourceFigure {
	text: string;
	kind: string;
	range: WireRange;
	/** The sentence that states it. */
	context: string;
}

/** One entity named in a source, for the Sources view. */
export interface SourceEntity {
	name: string;
	type: string;
	mentions: number;
	/** Where it is first named. */
	range: WireRange;
}

/** A passage that matched a search, for Insert Citation…. */
export interface PassageHit {
	key: string;
	title: string;
	uri: string;
	range: WireRange;
	text: string;
	/** Pandoc citation for the passage, e.g. `[@key, ¶ 4]` or `[@key]`. */
	citation: string;
}

/** Where a claim's figure is stated, or contradicted. */
export interface ProvenanceItem {
	key: string;
	title: string;
	uri: string;
	range: WireRange;
	quote: string;
	/** Whether the source agrees with the note. */
	agrees: boolean;
	figure?: string;
}

/** Sources stating different values for the same claim. */
export interface Disagreement {
	/** What the claim is about, in a few words. */
	topic: string;
	statements: Array<{ key: string; uri: string; range: WireRange; figure: string; quote: string }>;
}

/** Indexing state, for the status bar. */
export interface IndexStatus {
	state: 'indexing' | 'ready';
	indexed: number;
	total: number;
	sources: number;
	figures: number;
	entities: number;
	/** Sources that could not be read, with the reason. */
	skipped: Array<{ uri: string; reason: string }>;
}

/** A summary of Check All Notes. */
export interface CheckSummary {
	notes: number;
	byCode: Record<string, number>;
	files: Array<{ uri: string; problems: number }>;
}

/** What Write Bibliography wrote: a CSL-JSON file per workspace folder. */
export interface BibliographyWritten {
	/** Each file written, and how many entries it holds. */
	files: Array<{ uri: string; entries: number }>;
	/** Cited keys that no source and no bibliography file declares (left out). */
	missing: string[];
}

/** Methods the client sends to the server. */
export const ToServer = {
	/** () → SourceSummary[] */
	sources: 'groundedNotes/sources',
	/** { key } → { figures: SourceFigure[]; entities: SourceEntity[] } */
	sourceDetails: 'groundedNotes/sourceDetails',
	/** { query, limit? } → PassageHit[] */
	searchPassages: 'groundedNotes/searchPassages',
	/** { uri, range } → ProvenanceItem[] */
	provenance: 'groundedNotes/provenance',
	/** () → Disagreement[] */
	disagreements: 'groundedNotes/disagreements',
	/** () → CheckSummary (and publishes diagnostics for every note) */
	checkAll: 'groundedNotes/checkAll',
	/** () → IndexStatus, after re-reading every source */
	reindex: 'groundedNotes/reindex',
	/** () → IndexStatus */
	status: 'groundedNotes/status',
	/** { scope?: 'cited' | 'all'; notes?: string[] } → BibliographyWritten: writes the CSL-JSON bibliography (groundedNotes.bibliography.path) */
	writeBibliography: 'groundedNotes/writeBibliography',
} as const;

/** Notifications the server sends to the client. */
export const FromServer = {
	/** IndexStatus, whenever indexing progresses or ends */
	status: 'groundedNotes/statusChanged',
} as const;
