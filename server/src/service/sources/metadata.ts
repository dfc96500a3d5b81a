/** What a source says about itself: front matter, its first line, its dateline. */
import { parse as parseYaml } from 'yaml';
import type { SourceMetadata } from '../types';

/** Front matter found at the top of a Markdown source. */
export interface FrontMatter {
	fields: Record<string, unknown>;
	/** Offset where the body starts (just past the closing `---` line). */
	bodyStart: number;
	/** A message when the YAML was malformed (the fields are then empty). */
	error?: string;
}

const FRONT = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** Reads YAML front matter (`---` … `---`) at the start of a text, if there is any. */
export function readFrontMatter(text: string): FrontMatter | undefined {
	const m = FRONT.exec(text.slice(0, 64 * 1024));
	if (!m) return undefined;
	try {
		const value: unknown = parseYaml(m[1]!);
		const fields = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
		return { fields, bodyStart: m[0].length };
	} catch (e) {
		return { fields: {}, bodyStart: m[0].length, error: e instanceof Error ? e.message.split('\n')[0] : String(e) };
	}
}

function str(v: unknown): string | undefined {
	if (typeof v === 'string' && v.trim()) return v.trim();
	if (typeof v === 'number') return String(v);
	if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
	return undefined;
}

function author(v: unknown): string | undefined {
	if (Array.isArray(v)) return v.map((a) => str(a) ?? (a && typeof a === 'object' ? str((a as Record<string, unknown>)['name']) : undefined)).filter(Boolean).join(', ') || undefined;
	return str(v);
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DATELINE = new RegExp(`\\b(${MONTHS.map((m) => m[0]!.toUpperCase() + m.slice(1)).join('|')})\\s+(\\d{1,2}),\\s+(\\d{4})`);
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/;

/** An ISO date for a date written in a text's opening (a dateline), if there is one. */
export function datelineOf(text: string, start: number): string | undefined {
	const head = text.slice(start, start + 1500);
	const m = DATELINE.exec(head);
	if (m) {
		const month = MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
		return `${m[3]}-${String(month).padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
	}
	const iso = ISO.exec(head);
	return iso ? iso[0] : undefined;
}

/** Normalizes a front-matter date (`2025-11-21`, a YAML date, `November 21, 2025`) to ISO, if it is one. */
export function isoDate(v: unknown): string | undefined {
	const s = str(v);
	if (!s) return undefined;
	if (/^\d{4}-\d{2}-\d{2}/.test(s)) return s.slice(0, 10);
	if (/^\d{4}$/.test(s)) return `${s}-01-01`;
	return datelineOf(s, 0);
}

/** The first non-empty line of the body, without Markdown heading marks, as a title. */
export function firstLineTitle(text: string, start: number): string {
	const re = /[^\r\n]*\S[^\r\n]*/g;
	re.lastIndex = start;
	const m = re.exec(text);
	const line = m ? m[0].trim().replace(/^#+\s*/, '').replace(/^[-*]\s+/, '') : '';
	return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

/** Metadata of a source from its front matter (if any) and its text. */
export function metadataOf(text: string, front: FrontMatter | undefined, fallbackTitle: string): SourceMetadata {
	const f = front?.fields ?? {};
	const bodyStart = front?.bodyStart ?? 0;
	const meta: SourceMetadata = { title: str(f['title']) ?? (firstLineTitle(text, bodyStart) || fallbackTitle) };
	const date = isoDate(f['date']) ?? isoDate(f['issued']) ?? datelineOf(text, bodyStart);
	if (date) meta.date = date;
	const a = author(f['author']);
	if (a) meta.author = a;
	const url = str(f['url']) ?? str(f['URL']);
	if (url) meta.url = url;
	const id = str(f['id']);
	if (id) meta.id = id;
	const publisher = str(f['publisher']);
	if (publisher) meta.publisher = publisher;
	const container = str(f['container']) ?? str(f['container-title']) ?? str(f['site']);
	if (container) meta.container = container;
	return meta;
}
