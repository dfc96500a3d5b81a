/**
 * Reading a PDF as a source: the text of each page (unpdf, a serverless build of Mozilla's pdf.js),
 * pages separated by blank lines and headed by YAML front matter that carries the document's
 * metadata and where each page starts, so that `p. 2` finds page 2's text. Pure: bytes in, text out.
 */
import { stringify } from 'yaml';
import { pdfLibrary } from '../lazy';
import { datelineOf } from './metadata';

/** Whether a file name is a PDF, by its extension. */
export function isPdfFile(name: string): boolean {
	return /\.pdf$/i.test(name.replace(/[?#].*$/, ''));
}

/** The front-matter field that lists where each page starts, as offsets from the start of the body. */
export const PAGES_FIELD = 'pages';

/** The text of a PDF's pages, headed by front matter holding its title, author, date and page offsets. */
export async function pdfToText(bytes: Uint8Array): Promise<string> {
	// loaded on first use: pdf.js is large, and most workspaces hold no PDF
	const { getDocumentProxy, extractText } = await pdfLibrary();
	// pdf.js takes the buffer over (it may detach it): give it a copy
	const pdf = await getDocumentProxy(new Uint8Array(bytes));
	try {
		const { text } = await extractText(pdf, { mergePages: false });
		const info = ((await pdf.getMetadata().catch(() => undefined))?.info ?? {}) as Record<string, unknown>;
		const pages = text.map((t) => t.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim());
		const starts: number[] = [];
		let body = '';
		for (const p of pages) {
			if (body) body += '\n\n';
			starts.push(body.length);
			body += p;
		}
		const fields: Record<string, unknown> = {};
		const title = str(info['Title']);
		if (title) fields['title'] = title;
		const author = str(info['Author']);
		if (author) fields['author'] = author;
		// a dateline in the text says when it was written; the file's creation date is a fallback
		const date = datelineOf(body, 0) ?? pdfDate(str(info['CreationDate']));
		if (date) fields['date'] = date;
		fields[PAGES_FIELD] = starts;
		return `---\n${stringify(fields, { lineWidth: 0, collectionStyle: 'flow', flowCollectionPadding: false }).trimEnd()}\n---\n${body}\n`;
	} finally {
		await pdf.destroy().catch(() => undefined);
	}
}

/** Where each page of a converted PDF lies in its text, from the page offsets its front matter holds. */
export function pagesOf(fields: Record<string, unknown>, bodyStart: number, text: string): Array<{ start: number; end: number }> | undefined {
	const starts = fields[PAGES_FIELD];
	if (!Array.isArray(starts) || !starts.length || !starts.every((s) => Number.isInteger(s) && s >= 0)) return undefined;
	const abs = (starts as number[]).map((s) => Math.min(bodyStart + s, text.length));
	return abs.map((start, i) => {
		let end = i + 1 < abs.length ? abs[i + 1]! : text.length;
		// the blank lines between pages belong to neither
		while (end > start && /\s/.test(text[end - 1]!)) end--;
		return { start, end };
	});
}

/** The 1-based page an offset of a source lies on, if the source has pages. */
export function pageAt(pages: ReadonlyArray<{ start: number; end: number }> | undefined, offset: number): number | undefined {
	if (!pages?.length) return undefined;
	let lo = 0;
	let hi = pages.length - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (pages[mid]!.start <= offset) lo = mid;
		else hi = mid - 1;
	}
	return offset >= pages[lo]!.start ? lo + 1 : undefined;
}

function str(v: unknown): string | undefined {
	return typeof v === 'string' && v.trim() ? v.replace(/\s+/g, ' ').trim() : undefined;
}

/** A PDF date (`D:20251121083000Z`) as ISO, if it is one. */
function pdfDate(v: string | undefined): string | undefined {
	const m = v && /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(v);
	if (!m) return undefined;
	return `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}`;
}
