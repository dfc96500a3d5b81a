/**
 * Sidecar metadata: a CSL-JSON item (`<name>.json`) or a BibTeX entry (`<name>.bib`) beside a
 * source, merged over what the source's own text says of itself. Pure: the adapter reads the file.
 */
import type { SourceMetadata } from '../types';
import { metadataOfCsl, parseBibliography } from './bibtex';

/** The file names a source's sidecar may have, most preferred first: `report.pdf` → `report.json`, `report.bib`. */
export function sidecarNames(sourceFileName: string): string[] {
	const dot = sourceFileName.lastIndexOf('.');
	const stem = dot > 0 ? sourceFileName.slice(0, dot) : sourceFileName;
	return [`${stem}.json`, `${stem}.bib`];
}

/** The metadata a sidecar file declares for the source whose citation key is `key`, and what could not be read. */
export function sidecarMetadata(sidecarName: string, text: string, key: string): { meta: Partial<SourceMetadata> | undefined; errors: string[] } {
	const { items, errors } = parseBibliography(sidecarName, text);
	// a sidecar holds one item; if it holds more, the one named like the source
	const item = items.find((i) => i.id === key) ?? items[0];
	if (!item) return { meta: undefined, errors: errors.length ? errors : ['it holds no bibliography item'] };
	const meta = metadataOfCsl(item);
	// the sidecar's own key (a BibTeX key) cites the source too
	if (item.id && item.id !== key && /^[\w][\w:.#$%&\-+?<>~/]*$/.test(item.id)) meta.id = item.id;
	return { meta, errors };
}
