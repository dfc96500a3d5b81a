/**
 * The bibliography: CSL-JSON items for sources (what `pandoc --citeproc --bibliography` reads),
 * the keys and metadata of the bibliography files a note names in its front matter, and their hover.
 */
import type { Corpus } from '../sources/corpus';
import { cslDateToIso, cslNamesToText, isoToCslDate, type CslItem } from '../sources/bibtex';
import type { ParsedNote, Source } from '../types';
import { md } from './quotes';

/** The keys a note cites, in the order they first appear. */
export function citedKeys(parsed: ParsedNote): string[] {
	return [...new Set(parsed.citations.map((c) => c.key))];
}

/** The bibliography files a note's front matter names (`bibliography: refs.bib` or a list), resolved against the note's URI. */
export function bibliographyUris(parsed: ParsedNote, noteUri: string): string[] {
	const v = parsed.frontMatter?.['bibliography'];
	const list = Array.isArray(v) ? v : [v];
	const out: string[] = [];
	for (const p of list) {
		if (typeof p !== 'string' || !p.trim()) continue;
		try {
			const rel = p.trim().replace(/\\/g, '/');
			const url = /^[a-z][\w+.-]*:/i.test(rel) && !/^[a-z]:\//i.test(rel) ? new URL(rel) : new URL(rel.split('/').map(encodeURIComponent).join('/').replace(/^%2F/, '/'), noteUri);
			if (!out.includes(url.href)) out.push(url.href);
		} catch {
			// not a path: nothing to read
		}
	}
	return out;
}

/** People's names, as front matter writes them (`Jane Doe`, `Doe, Jane`, `Jane Doe and John Roe`), as CSL names. */
export function namesToCsl(text: string): Array<Record<string, string>> {
	let parts = text.split(/\s*(?:;|\band\b|&)\s*/).filter(Boolean);
	// "Jane Doe, John Roe" lists two people; "Doe, Jane" names one
	if (parts.length === 1 && parts[0]!.includes(',')) {
		const commaParts = parts[0]!.split(/\s*,\s*/).filter(Boolean);
		if (commaParts.every((p) => /\s/.test(p))) parts = commaParts;
	}
	return parts.map((p): Record<string, string> => {
		const comma = p.indexOf(',');
		if (comma > 0) return { family: p.slice(0, comma).trim(), given: p.slice(comma + 1).trim() };
		const words = p.trim().split(/\s+/);
		// one word (an agency, a newsroom) is not a person's name
		if (words.length < 2 || /\b(Inc|Ltd|LLC|Agency|News|Press|Office|Staff|Reuters|Bureau)\b/.test(p)) return { literal: p.trim() };
		return { family: words[words.length - 1]!, given: words.slice(0, -1).join(' ') };
	});
}

/** The CSL-JSON item of a source, cited as `id`: what its metadata says, under what its sidecar declares. */
export function cslItemOf(source: Source, id = source.key): CslItem {
	const m = source.meta;
	const isHtml = /\.html?$/i.test(source.uri.replace(/[?#].*$/, ''));
	const item: CslItem = { id, type: m.container ? 'article-newspaper' : isHtml ? 'webpage' : 'article', title: m.title };
	if (m.date) {
		const issued = isoToCslDate(m.date);
		if (issued) item['issued'] = issued;
	}
	if (m.author) item['author'] = namesToCsl(m.author);
	if (m.url) item['URL'] = m.url;
	if (m.publisher) item['publisher'] = m.publisher;
	if (m.container) item['container-title'] = m.container;
	return { ...item, ...m.csl, id };
}

/** Where a bibliography item came from: its file and the item. */
export interface BibliographyEntry {
	uri: string;
	item: CslItem;
}

/**
 * The items of a bibliography: for `keys` (the cited ones; keys no source and no bibliography
 * file has are left out), or for every source when `keys` is undefined.
 */
export function bibliographyItems(corpus: Corpus, known: ReadonlyMap<string, BibliographyEntry>, keys: readonly string[] | undefined): CslItem[] {
	const out = new Map<string, CslItem>();
	if (!keys) {
		for (const s of [...corpus.all()].sort((a, b) => a.key.localeCompare(b.key))) out.set(s.key, cslItemOf(s));
		return [...out.values()];
	}
	for (const k of keys) {
		if (out.has(k)) continue;
		const s = corpus.byKey(k);
		if (s) out.set(k, cslItemOf(s, k));
		else {
			const e = known.get(k);
			if (e) out.set(k, e.item);
		}
	}
	return [...out.values()];
}

/** One line naming an item: `Title (2025-11-21)`. */
export function referenceLine(item: CslItem): { title: string; date?: string } {
	const title = typeof item['title'] === 'string' && item['title'].trim() ? item['title'].trim() : item.id;
	const date = cslDateToIso(item['issued']);
	return date ? { title, date: trimIso(item['issued'], date) } : { title };
}

/** An ISO date cut to what the CSL date says (a year alone stays a year). */
function trimIso(issued: unknown, iso: string): string {
	const parts = (issued as { 'date-parts'?: unknown[][] })?.['date-parts']?.[0];
	return Array.isArray(parts) ? iso.slice(0, parts.length >= 3 ? 10 : parts.length === 2 ? 7 : 4) : iso;
}

/** The hover of a citation whose key a bibliography file of the note declares. */
export function bibliographyHover(key: string, entry: BibliographyEntry): string {
	const { item } = entry;
	const { title, date } = referenceLine(item);
	const parts = [`**${md(title)}**${date ? ` · ${date}` : ''}  \n\`@${key}\` · from [${md(decodeURIComponent(entry.uri.slice(entry.uri.lastIndexOf('/') + 1)))}](${entry.uri})`];
	const authors = cslNamesToText(item['author']) ?? cslNamesToText(item['editor']);
	if (authors) parts.push(`by ${md(authors)}`);
	const where = [item['container-title'], item['publisher']].filter((x): x is string => typeof x === 'string' && !!x.trim());
	if (where.length) parts.push(where.map(md).join(' · '));
	if (typeof item['URL'] === 'string') parts.push(`<${item['URL']}>`);
	return parts.join('\n\n');
}
