/** Turning one source file's text into an indexed `Source`. */
import { extractFigures } from '../extract/figures';
import type { EntityIndex } from '../extract/entities';
import { splitSentences } from '../extract/sentences';
import { lineStarts } from '../positions';
import type { Sentence, Source, SourceMetadata } from '../types';
import { metadataOf, readFrontMatter } from './metadata';
import { passagesOf } from './passages';
import { isPdfFile, pagesOf } from './pdf';

/** A source's citation key: its file name without the extension. */
export function keyOf(uri: string): string {
	const path = uri.replace(/[?#].*$/, '');
	const name = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
	const dot = name.lastIndexOf('.');
	return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * Indexes a source's text: metadata, passages, sentences, figures and entity mentions.
 * `fallbackDate` dates "November 20" in a source that gives no date of its own.
 */
export function buildSource(uri: string, text: string, entities: EntityIndex, fallbackDate?: string, sidecar?: Partial<SourceMetadata>): Source {
	const read = readSource(uri, text, fallbackDate, sidecar);
	return { ...read, mentions: entities.addSource(read.key, text) };
}

/**
 * What a source's text says by itself: everything `buildSource` finds but the entity mentions,
 * which depend on what the other sources taught. Pure, so a worker thread or a cache may make it.
 */
export function readSource(uri: string, text: string, fallbackDate?: string, sidecar?: Partial<SourceMetadata>): Omit<Source, 'mentions'> {
	const key = keyOf(uri);
	// HTML and PDF sources arrive converted (sources/html.ts, pdf.ts), their metadata as front matter
	const front = /\.(md|markdown|html?|pdf)$/i.test(uri.replace(/[?#].*$/, '')) ? readFrontMatter(text) : undefined;
	const bodyStart = front?.bodyStart ?? 0;
	const meta: SourceMetadata = { ...metadataOf(text, front, key), ...sidecar };
	const starts = lineStarts(text);
	const passages = passagesOf(text, bodyStart, starts);
	const sentences: Sentence[] = [];
	for (const p of passages) for (const s of splitSentences(text, p.start, p.end)) sentences.push(s);
	const referenceDate = meta.date ?? fallbackDate;
	const figures = extractFigures(text, referenceDate ? { referenceDate, start: bodyStart } : { start: bodyStart });
	const keys = meta.id && meta.id !== key ? [key, meta.id] : [key];
	const source: Omit<Source, 'mentions'> = { key, keys, uri, text, bodyStart, meta, passages, sentences, figures, lineStarts: starts };
	const pages = front && isPdfFile(uri) ? pagesOf(front.fields, bodyStart, text) : undefined;
	if (pages) source.pages = pages;
	return source;
}
