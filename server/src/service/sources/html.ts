/**
 * Reading an HTML page as a source: its main content only (Mozilla's Readability over linkedom's
 * DOM), one block per paragraph, headed by YAML front matter that carries what the page's metadata
 * says (title, date, canonical URL, author, site), which `buildSource` then reads like a Markdown
 * source's front matter. Pure: text in, text out.
 */
import { stringify } from 'yaml';
import { htmlLibraries } from '../lazy';

/** What an HTML page says about itself in its head. */
export interface HtmlMetadata {
	title?: string;
	/** ISO 8601 date (`2025-11-21`). */
	date?: string;
	url?: string;
	author?: string;
	site?: string;
}

/** Whether a file name is an HTML page, by its extension. */
export function isHtmlFile(name: string): boolean {
	return /\.html?$/i.test(name.replace(/[?#].*$/, ''));
}

/** Elements that never hold what a page says: navigation, footers, asides, scripts. */
const CHROME = 'nav, footer, aside, script, style, noscript, template, iframe, form, [role="navigation"], [role="contentinfo"], [role="complementary"], [aria-hidden="true"]';

/** Elements whose text is one passage. */
const BLOCKS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'TD', 'TH', 'DT', 'DD', 'FIGCAPTION', 'CAPTION', 'ADDRESS']);

/** The text of an HTML page's main content, headed by front matter holding its metadata. */
export function htmlToText(html: string): string {
	// loaded on first use: most workspaces hold no HTML page
	const { parseHTML, Readability } = htmlLibraries();
	const { document } = parseHTML(html);
	const meta = htmlMetadata(document);
	for (const el of [...document.querySelectorAll(CHROME)]) el.remove();
	let article: { title?: string | null; content?: string | null; byline?: string | null; siteName?: string | null; publishedTime?: string | null } | null = null;
	try {
		// Readability takes the DOM apart as it reads it: hand it the page we no longer need
		article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 100 }).parse();
	} catch {
		article = null;
	}
	const body = article?.content ? blocksOf(parseHTML(`<!doctype html><html><body>${article.content}</body></html>`).document.body) : blocksOf(parseHTML(html).document.body);
	const title = meta.title ?? clean(article?.title ?? '');
	const fields: Record<string, string> = {};
	if (title) fields['title'] = title;
	const date = meta.date ?? isoOf(article?.publishedTime ?? undefined);
	if (date) fields['date'] = date;
	if (meta.url) fields['url'] = meta.url;
	const author = meta.author ?? clean(article?.byline ?? '').replace(/^by\s+/i, '');
	if (author) fields['author'] = author;
	const site = meta.site ?? clean(article?.siteName ?? '');
	if (site) fields['site'] = site;
	// the title opens the body as it opens a text source (the first line is a source's title)
	const lines = title && clean(body[0] ?? '') !== title ? [title, ...body] : body;
	const front = Object.keys(fields).length ? `---\n${stringify(fields, { lineWidth: 0 }).trimEnd()}\n---\n\n` : '';
	return `${front}${lines.join('\n\n')}\n`;
}

/** Title, date, URL, author and site from a page's head (Open Graph, article and Dublin Core meta, `<time>`). */
export function htmlMetadata(document: { querySelector(s: string): { getAttribute(n: string): string | null; textContent: string | null } | null }): HtmlMetadata {
	// typed by the few DOM methods used, which linkedom's document and a browser's both have
	const attr = (selector: string, name: string): string | undefined => {
		const v = document.querySelector(selector)?.getAttribute(name);
		return v && v.trim() ? clean(v) : undefined;
	};
	const metaOf = (...names: string[]) => {
		for (const n of names) {
			const v = attr(`meta[property="${n}"]`, 'content') ?? attr(`meta[name="${n}"]`, 'content') ?? attr(`meta[itemprop="${n}"]`, 'content');
			if (v) return v;
		}
		return undefined;
	};
	const out: HtmlMetadata = {};
	const title = metaOf('og:title', 'twitter:title', 'dc.title', 'DC.title') ?? clean(document.querySelector('title')?.textContent ?? '');
	if (title) out.title = title;
	const date = isoOf(metaOf('article:published_time', 'date', 'dc.date', 'DC.date', 'datePublished', 'pubdate', 'publish-date') ?? attr('time[datetime]', 'datetime'));
	if (date) out.date = date;
	const url = attr('link[rel="canonical"]', 'href') ?? metaOf('og:url');
	if (url) out.url = url;
	const author = metaOf('author', 'article:author', 'dc.creator', 'DC.creator');
	if (author && !/^https?:/.test(author)) out.author = author;
	const site = metaOf('og:site_name', 'application-name');
	if (site) out.site = site;
	return out;
}

interface DomNode {
	nodeType: number;
	nodeName: string;
	textContent: string | null;
	childNodes: ArrayLike<DomNode>;
}

/** The text of each innermost block of an element, whitespace collapsed, empty ones left out. */
function blocksOf(root: DomNode | null | undefined): string[] {
	const out: string[] = [];
	if (!root) return out;
	let inline = '';
	const flush = () => {
		const t = clean(inline);
		if (t) out.push(t);
		inline = '';
	};
	const walk = (node: DomNode) => {
		if (node.nodeType === 3) {
			inline += node.textContent ?? '';
			return;
		}
		if (node.nodeType !== 1) return;
		if (node.nodeName === 'BR') {
			inline += ' ';
			return;
		}
		const block = BLOCKS.has(node.nodeName) && !hasBlock(node);
		if (block) {
			flush();
			inline = node.textContent ?? '';
			flush();
			return;
		}
		const isContainer = !isInline(node.nodeName);
		if (isContainer) flush();
		for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]!);
		if (isContainer) flush();
	};
	walk(root);
	flush();
	return out;
}

function hasBlock(node: DomNode): boolean {
	for (let i = 0; i < node.childNodes.length; i++) {
		const c = node.childNodes[i]!;
		if (c.nodeType === 1 && (BLOCKS.has(c.nodeName) || hasBlock(c))) return true;
	}
	return false;
}

const INLINE = new Set(['A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'DATA', 'DFN', 'EM', 'I', 'KBD', 'MARK', 'Q', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'U', 'VAR', 'WBR', 'FONT', 'DEL', 'INS']);
function isInline(name: string): boolean {
	return INLINE.has(name);
}

function clean(s: string): string {
	return s.replace(/\s+/g, ' ').trim();
}

/** The ISO day of a date as pages write it (`2025-11-21T08:00:00Z`, `November 21, 2025`), if it is one. */
function isoOf(v: string | undefined): string | undefined {
	if (!v) return undefined;
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v.trim());
	if (m) return `${m[1]}-${m[2]}-${m[3]}`;
	const t = Date.parse(v);
	return Number.isNaN(t) ? undefined : new Date(t).toISOString().slice(0, 10);
}
