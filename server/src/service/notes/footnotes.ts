/**
 * Footnotes as citations: a sentence that references `[^n]` cites whatever the definition of `n`
 * cites, so `Revenue rose 5%.[^1]` with `[^1]: Reuters, Nov. 21 [@reuters-nov21].` is checked
 * against that source.
 */
import type { Citation } from '../types';

/** A footnote reference `[^n]` in the note. */
export interface FootnoteReference {
	start: number;
	end: number;
	/** The normalized label (remark's `identifier`), matching the definition's. */
	identifier: string;
}

interface Definition {
	label: string;
	citations: Citation[];
}

/** The citations held by each footnote definition of a note. */
export class FootnoteDefinitions {
	private readonly byIdentifier = new Map<string, Definition>();

	/** Records a definition and returns where its citations go; undefined for a repeated label (the first wins, as in GFM). */
	define(identifier: string, label: string): Citation[] | undefined {
		if (this.byIdentifier.has(identifier)) return undefined;
		const definition: Definition = { label, citations: [] };
		this.byIdentifier.set(identifier, definition);
		return definition.citations;
	}

	/**
	 * The citations a reference to `identifier` brings into its sentence: copies marked `viaFootnote`,
	 * so the definition's own sentences keep theirs unmarked (empty when there is no definition).
	 */
	citationsOf(identifier: string): Citation[] {
		const definition = this.byIdentifier.get(identifier);
		return definition ? definition.citations.map((c) => ({ ...c, viaFootnote: definition.label })) : [];
	}
}
