/**
 * Reading bibliographies: CSL-JSON (what Pandoc and Zotero write) and BibTeX/BibLaTeX (through
 * citation-js, which also turns LaTeX accents, names and dates into CSL). Pure: text in, CSL items out.
 */
import { bibtexLibrary } from '../lazy';
import type { SourceMetadata } from '../types';

/** A CSL-JSON item: `id` is its citation key; the other fields as CSL 1.0 names them. */
export type CslItem = { id: string } & Record<string, unknown>;

/** The items of a bibliography file, and what could not be read in it. */
export interface ParsedBibliography {
	items: CslItem[];
	errors: string[];
}

/** Whether a file name is a bibliography this module reads, by its extension. */
export function isBibliographyFile(name: string): boolean {
	return /\.(bib|bibtex|json)$/i.test(name.replace(/[?#].*$/, ''));
}

/** Reads a bibliography by its file name's extension: `.bib`/`.bibtex` as BibTeX, `.json` as CSL-JSON. */
export function parseBibliography(name: string, text: string): ParsedBibliography {
	if (/\.json$/i.test(name.replace(/[?#].*$/, ''))) return parseCslJson(text);
	if (/\.bib(tex)?$/i.test(name.replace(/[?#].*$/, ''))) return parseBibtex(text);
	return { items: [], errors: [`${name.replace(/.*\//, '')} is neither BibTeX (.bib) nor CSL-JSON (.json)`] };
}

/** Reads CSL-JSON: a list of items (or a single item, as a sidecar file holds). */
export function parseCslJson(text: string): ParsedBibliography {
	let value: unknown;
	try {
		value = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (e) {
		return { items: [], errors: [`it is not valid JSON (${e instanceof Error ? e.message : String(e)})`] };
	}
	const list = Array.isArray(value) ? value : [value];
	const items: CslItem[] = [];
	const errors: string[] = [];
	list.forEach((v, i) => {
		if (v && typeof v === 'object' && !Array.isArray(v) && (typeof (v as Record<string, unknown>)['id'] === 'string' || typeof (v as Record<string, unknown>)['id'] === 'number')) {
			const item = { ...(v as Record<string, unknown>) };
			items.push({ ...item, id: String(item['id']) });
		} else errors.push(`item ${i + 1} is not a CSL item with an id`);
	});
	return { items, errors };
}

/** Reads BibTeX or BibLaTeX; an entry that cannot be read is reported and the others kept. */
export function parseBibtex(text: string): ParsedBibliography {
	const whole = bibtexToCsl(text);
	if (whole.ok) return { items: whole.items, errors: [] };
	// one bad entry should not hide the rest: read the entries one at a time
	const items: CslItem[] = [];
	const errors: string[] = [];
	const starts = [...text.matchAll(/^[ \t]*@/gm)].map((m) => m.index);
	starts.forEach((start, i) => {
		const chunk = text.slice(start, starts[i + 1] ?? text.length);
		if (/^\s*@(comment|preamble)\b/i.test(chunk)) return;
		const one = bibtexToCsl(chunk);
		const line = text.slice(0, start).split('\n').length;
		if (one.ok) items.push(...one.items);
		else errors.push(`the entry on line ${line} (${/^\s*@\w+\s*\{\s*([^,\s]*)/.exec(chunk)?.[1] || 'no key'}) cannot be read: ${one.error}`);
	});
	return { items, errors };
}

function bibtexToCsl(text: string): { ok: true; items: CslItem[] } | { ok: false; error: string } {
	if (!/@\w+\s*[{(]/.test(text)) return { ok: true, items: [] };
	try {
		// loaded on first use: most workspaces hold no BibTeX
		const { plugins } = bibtexLibrary();
		const out = plugins.input.chain(text, { target: '@csl/list+object', generateGraph: false, forceType: '@biblatex/text' });
		const list = Array.isArray(out) ? out : [];
		return { ok: true, items: list.filter((x): x is CslItem => !!x && typeof x === 'object' && typeof (x as Record<string, unknown>)['id'] === 'string') };
	} catch (e) {
		return { ok: false, error: (e instanceof Error ? e.message : String(e)).split('\n')[0]! };
	}
}

/** A CSL date (`{ "date-parts": [[2025, 11, 21]] }`, `{ raw }`, `{ literal }`) as ISO (`2025-11-21`), if it is one. */
export function cslDateToIso(v: unknown): string | undefined {
	if (!v || typeof v !== 'object') return undefined;
	const d = v as Record<string, unknown>;
	const parts = d['date-parts'];
	if (Array.isArray(parts) && Array.isArray(parts[0]) && parts[0].length) {
		const [y, m, day] = (parts[0] as unknown[]).map((x) => Number(x));
		if (!Number.isFinite(y)) return undefined;
		const pad = (n: number | undefined) => String(n && Number.isFinite(n) ? n : 1).padStart(2, '0');
		return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(day)}`;
	}
	const raw = typeof d['raw'] === 'string' ? d['raw'] : typeof d['literal'] === 'string' ? d['literal'] : undefined;
	const m = raw && /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(raw);
	return m ? `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}` : undefined;
}

/** An ISO date as CSL date-parts: `2025-11-21` → `[[2025, 11, 21]]` (a year alone when only the year is known). */
export function isoToCslDate(iso: string): { 'date-parts': number[][] } | undefined {
	const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
	if (!m) return undefined;
	const parts = [Number(m[1])];
	if (m[2]) parts.push(Number(m[2]));
	if (m[2] && m[3]) parts.push(Number(m[3]));
	return { 'date-parts': [parts] };
}

/** CSL names as one line: `Jane Doe, John Roe`. */
export function cslNamesToText(v: unknown): string | undefined {
	if (!Array.isArray(v)) return undefined;
	const names = v
		.map((n) => {
			if (!n || typeof n !== 'object') return '';
			const r = n as Record<string, unknown>;
			if (typeof r['literal'] === 'string') return r['literal'];
			return [r['given'], r['non-dropping-particle'], r['family']].filter((x) => typeof x === 'string' && x).join(' ');
		})
		.filter(Boolean);
	return names.length ? names.join(', ') : undefined;
}

/** What a CSL item says of a source, as metadata (fields it does not give are left out). */
export function metadataOfCsl(item: CslItem): Partial<SourceMetadata> {
	const meta: Partial<SourceMetadata> = { csl: item };
	const text = (k: string) => (typeof item[k] === 'string' && (item[k] as string).trim() ? (item[k] as string).trim() : undefined);
	const title = text('title');
	if (title) meta.title = title;
	const date = cslDateToIso(item['issued']);
	if (date) meta.date = date;
	const author = cslNamesToText(item['author']) ?? cslNamesToText(item['editor']);
	if (author) meta.author = author;
	const url = text('URL');
	if (url) meta.url = url;
	const publisher = text('publisher');
	if (publisher) meta.publisher = publisher;
	const container = text('container-title');
	if (container) meta.container = container;
	return meta;
}
