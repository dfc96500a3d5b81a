/** Turning one source file's text into an indexed `Source`. */
import { extractFigures } from '../extract/figures';
import type { EntityIndex } from '../extract/entities';
import { splitSentences } from '../extract/sentences';
import { lineStarts } from '../positions';
import type { Sentence, Source } from '../types';
import { metadataOf, readFrontMatter } from './metadata';
import { passagesOf } from './passages';

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
export function buildSource(uri: string, text: string, entities: EntityIndex, fallbackDate?: string): Source {
	const key = keyOf(uri);
	const front = /\.(md|markdown)$/i.test(uri.replace(/[?#].*$/, '')) ? readFrontMatter(text) : undefined;
	const bodyStart = front?.bodyStart ?? 0;
	const meta = metadataOf(text, front, key);
	const starts = lineStarts(text);
	const passages = passagesOf(text, bodyStart, starts);
	const sentences: Sentence[] = [];
	for (const p of passages) for (const s of splitSentences(text, p.start, p.end)) sentences.push(s);
	const referenceDate = meta.date ?? fallbackDate;
	const figures = extractFigures(text, referenceDate ? { referenceDate, start: bodyStart } : { start: bodyStart });
	const mentions = entities.addSource(key, text);
	const keys = meta.id && meta.id !== key ? [key, meta.id] : [key];
	return { key, keys, uri, text, bodyStart, meta, passages, sentences, figures, mentions, lineStarts: starts };
}
