/** The context of a figure: the content words, entities and other figures around it. */
import type { EntityMention, Figure, Sentence } from '../types';
import { terms } from './terms';

/** A term standing for an entity, so that every alias of it matches. */
export function entityToken(entityId: string): string {
	return `E:${entityId}`;
}

/** A term standing for a figure's value, so that a shared "30 GW" ties two claims together. */
export function figureToken(f: Figure): string {
	return figureTokenOf(f.kind, f.unit, f.value);
}

/** `figureToken` of a figure's parts (as a source's columns hold them). */
export function figureTokenOf(kind: Figure['kind'], unit: string, value: number): string {
	return kind === 'date' ? `F:date:${new Date(value).getUTCFullYear()}` : `F:${kind}|${unit}|${Number(value.toPrecision(3))}`;
}

/**
 * The terms of a sentence: its content words outside figures and entity names, plus one term for
 * each entity named. `mentions` and `figures` are those inside the sentence, sorted.
 */
export function sentenceTerms(text: string, s: Sentence, mentions: readonly EntityMention[], figures: readonly Figure[]): Set<string> {
	const skip = mergeRanges(mentions, figures);
	const set = new Set<string>();
	for (const t of terms(text, s.start, s.end, skip)) set.add(t.term);
	for (const m of mentions) set.add(entityToken(m.entityId));
	return set;
}

/**
 * The words around [start, end) within [lo, hi) (the caller stops the window at the neighbouring
 * figures of the sentence), each weighted by closeness: the word next to a figure says most about
 * what it counts. For telling apart two figures of one sentence.
 */
export function windowTerms(text: string, start: number, end: number, lo: number, hi: number, radius = 6): Map<string, number> {
	const before = terms(text, Math.max(lo, start - 120), start).slice(-radius).reverse();
	const after = terms(text, end, Math.min(hi, end + 120)).slice(0, radius);
	const out = new Map<string, number>();
	const add = (list: typeof before) =>
		list.forEach((t, d) => {
			const w = 1 / (1 + 0.35 * d);
			if ((out.get(t.term) ?? 0) < w) out.set(t.term, w);
		});
	add(before);
	add(after);
	return out;
}

/** Sorted, non-overlapping union of two sorted range lists. */
export function mergeRanges(a: ReadonlyArray<{ start: number; end: number }>, b: ReadonlyArray<{ start: number; end: number }>): Array<{ start: number; end: number }> {
	const all = [...a, ...b].sort((x, y) => x.start - y.start);
	const out: Array<{ start: number; end: number }> = [];
	for (const r of all) {
		const last = out[out.length - 1];
		if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
		else out.push({ start: r.start, end: r.end });
	}
	return out;
}
