/** Which entities complete what a writer has typed: 'Young L' → Young Liu, 'hon' → Foxconn (Hon Hai). */
import fuzzysort from 'fuzzysort';
import type { Entity } from '../types';

/**
 * Entities ranked for a typed prefix: those whose name starts with it, then whose alias does,
 * then with a later word that does ("Liu" → Young Liu), then fuzzy matches (fuzzysort: "Fxcn" →
 * Foxconn); within a rank, those more sources mention first.
 */
export function rankCompletions<E extends Entity>(entities: E[], sourceCount: (e: E) => number, prefix: string, limit: number): E[] {
	const p = prefix.trim().toLowerCase();
	if (!p) return entities.slice(0, limit);
	const tiers = new Map<E, number>();
	for (const e of entities) {
		let tier = 99;
		const names = [e.name, ...e.aliases];
		for (let i = 0; i < names.length && tier > 0; i++) {
			const n = names[i].toLowerCase();
			if (n.startsWith(p)) tier = Math.min(tier, i === 0 ? 0 : 1);
			else if (n.includes(` ${p}`)) tier = Math.min(tier, 2);
		}
		if (tier < 99) tiers.set(e, tier);
	}
	if (tiers.size < limit) {
		const targets = entities.flatMap((e) => [e.name, ...e.aliases].map((n) => ({ e, n })));
		for (const r of fuzzysort.go(prefix.trim(), targets, { key: 'n', limit: limit * 3, threshold: 0.3 })) {
			if (!tiers.has(r.obj.e)) tiers.set(r.obj.e, 4 - r.score);
		}
	}
	return [...tiers.entries()]
		.sort((a, b) => a[1] - b[1] || sourceCount(b[0]) - sourceCount(a[0]) || a[0].name.localeCompare(b[0].name))
		.slice(0, limit)
		.map(([e]) => e);
}
