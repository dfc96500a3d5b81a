/**
 * The libraries behind the HTML, PDF and BibTeX converters (sources/html.ts, pdf.ts, bibtex.ts),
 * loaded the first time one is needed instead of at start-up.
 *
 * Why: they are most of the server's code (pdf.js alone is 1.6 MB minified) while most workspaces
 * hold no HTML, PDF or BibTeX, and the server, its indexer thread and the CLI each paid to parse
 * them on every start. The bundles are CommonJS, into which esbuild inlines even a dynamic
 * `import()`, so esbuild.mjs builds each group into a bundle of its own (dist/lib/html.js, pdf.js,
 * bibtex.js) and defines GROUNDED_NOTES_LIB in the main bundles; here that bundle is `require`d
 * from beside the running one. Run from the TypeScript sources (tests under tsx) there is no such
 * bundle and the packages are required directly; in the bundles esbuild drops that branch, which
 * keeps the packages out of them.
 *
 * Loading code is the one thing the service does besides computing: it still reads no user file.
 */
import type { Readability } from '@mozilla/readability';
import type { parseHTML } from 'linkedom';

/** Set by esbuild.mjs in the bundles: the folder, beside the bundle, that holds the libraries' bundles. */
declare const GROUNDED_NOTES_LIB: string | undefined;

/** What dist/lib/html.js exports. */
export interface HtmlLibraries {
	parseHTML: typeof parseHTML;
	Readability: typeof Readability;
}

/** What dist/lib/pdf.js exports. */
export type PdfLibrary = Pick<typeof import('unpdf'), 'getDocumentProxy' | 'extractText'>;

/** What dist/lib/bibtex.js exports: citation-js's plugin registry, with the BibTeX plugin registered. */
export interface BibtexLibrary {
	plugins: typeof import('@citation-js/core').plugins;
}

let html: HtmlLibraries | undefined;
let pdf: Promise<PdfLibrary> | undefined;
let bibtex: BibtexLibrary | undefined;

/** linkedom and Readability, loaded on first use. */
export function htmlLibraries(): HtmlLibraries {
	// `require` returns `any`: the casts name what the bundle (or package) exports
	html ??=
		typeof GROUNDED_NOTES_LIB === 'string'
			? (require(`${__dirname}/${GROUNDED_NOTES_LIB}/html.js`) as HtmlLibraries)
			: {
					parseHTML: (require('linkedom') as typeof import('linkedom')).parseHTML,
					Readability: (require('@mozilla/readability') as typeof import('@mozilla/readability')).Readability,
				};
	return html;
}

/** unpdf (pdf.js), loaded on first use. */
export function pdfLibrary(): Promise<PdfLibrary> {
	pdf ??= typeof GROUNDED_NOTES_LIB === 'string' ? Promise.resolve(require(`${__dirname}/${GROUNDED_NOTES_LIB}/pdf.js`) as PdfLibrary) : import('unpdf');
	return pdf;
}

/** citation-js with its BibTeX plugin, loaded on first use. */
export function bibtexLibrary(): BibtexLibrary {
	if (!bibtex) {
		if (typeof GROUNDED_NOTES_LIB === 'string') bibtex = require(`${__dirname}/${GROUNDED_NOTES_LIB}/bibtex.js`) as BibtexLibrary;
		else {
			// registers the BibTeX formats with citation-js
			require('@citation-js/plugin-bibtex');
			bibtex = { plugins: (require('@citation-js/core') as typeof import('@citation-js/core')).plugins };
		}
	}
	return bibtex;
}
