// citation-js ships no types: the little of its API that sources/bibtex.ts uses.
declare module '@citation-js/core' {
	/** The plugin registry; `input.chain` turns an input (BibTeX text) into CSL-JSON. */
	export const plugins: {
		input: {
			chain(data: unknown, options?: { target?: string; generateGraph?: boolean; forceType?: string }): unknown;
		};
	};
}
declare module '@citation-js/plugin-bibtex';
