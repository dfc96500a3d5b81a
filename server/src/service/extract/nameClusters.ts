/**
 * Which names are one entity: a union-find over name keys, fed by alias tables, alias phrases,
 * corporate-suffix prefixes and surnames; and the entity each cluster becomes (name, type, aliases).
 */
import type { Entity, EntityType } from '../types';
import type { Votes } from './nameScanner';
import { CORPORATE_DESCRIPTORS, CORPORATE_SUFFIXES, isOrgWord, isPlaceWord, nameKey, wordInfo } from './entityWords';

/** Everything the sources say about one name key. */
export interface NameStat {
	/** Mentions (strong and lone weak ones). */
	count: number;
	/** Mentions that show the name exists. */
	strong: number;
	votes: Votes;
	/** How it is written in strong mentions, with counts. */
	surfaces: Map<string, number>;
	/** Source key → occurrences of any kind. */
	sources: Map<string, number>;
}

/** One name or alias of an alias table entry. */
export interface TableName {
	/** Index of the entry (user entries first, then built-in ones). */
	entry: number;
	name: string;
	type?: EntityType;
	written: string;
}

/** Union-find over name keys; each root keeps its members. */
export class NameClusters {
	private parent = new Map<string, string>();
	private members = new Map<string, string[]>();

	find(key: string): string {
		let root = key;
		for (let p = this.parent.get(root); p !== undefined && p !== root; p = this.parent.get(root)) root = p;
		for (let k = key; k !== root; ) {
			const next = this.parent.get(k) as string;
			this.parent.set(k, root);
			k = next;
		}
		return root;
	}

	/** Merges two clusters; returns the root that stopped being one. */
	union(a: string, b: string): string | undefined {
		let ra = this.find(a);
		let rb = this.find(b);
		if (ra === rb) return undefined;
		let ma = this.membersOf(ra);
		let mb = this.membersOf(rb);
		if (ma.length < mb.length) {
			[ra, rb] = [rb, ra];
			[ma, mb] = [mb, ma];
		}
		this.parent.set(rb, ra);
		if (!this.parent.has(ra)) this.parent.set(ra, ra);
		this.members.set(ra, ma.concat(mb));
		this.members.delete(rb);
		return rb;
	}

	membersOf(root: string): string[] {
		return this.members.get(root) ?? [root];
	}

	clear(): void {
		this.parent.clear();
		this.members.clear();
	}
}

const priorCache = new Map<string, Votes>();

/** Type evidence from the words of a name alone (compromise's lexicon, head words), cached per key. */
export function lexiconPrior(key: string): Votes {
	let v = priorCache.get(key);
	if (v) return v;
	v = [0, 0, 0];
	const info = wordInfo(key);
	if (info.place) v[2] += 2;
	if (info.org) v[0] += 2;
	const words = key.split(' ');
	if (words.length === 1) {
		if (info.lastName && !info.common) v[1] += 1;
		else if (info.firstName && !info.common) v[1] += 0.5;
	} else {
		const first = wordInfo(words[0]);
		const last = words[words.length - 1];
		const lastInfo = wordInfo(last);
		if (first.firstName && !first.place && !first.org) v[1] += 2;
		else if (lastInfo.lastName && !lastInfo.place) v[1] += 1;
		if (isOrgWord(last)) v[0] += 2;
		else if (isPlaceWord(last)) v[2] += 1.5;
	}
	priorCache.set(key, v);
	return v;
}

/** Whether `prefix` may be the short form of a longer corporate name (not a place, person or plain word). */
export function prefixMayNameOrg(prefix: string, table: Map<string, TableName>): boolean {
	const t = table.get(prefix);
	if (t && t.type && t.type !== 'organization') return false;
	const info = wordInfo(prefix);
	if (info.place || info.demonym || info.closed || info.date) return false;
	if (!prefix.includes(' ') && info.common && !info.org) return false;
	const prior = lexiconPrior(prefix);
	return prior[1] < 2 || prior[0] >= 2;
}

/**
 * The shorter names a corporate name may go by: the name less a tail of up to three corporate
 * suffixes and industry words ("hon hai precision industry company" → "hon hai precision industry",
 * "hon hai"; not "union" for "union pacific company").
 */
export function corporatePrefixes(key: string): string[] {
	const words = key.split(' ');
	if (words.length < 2 || !CORPORATE_SUFFIXES.has(words[words.length - 1])) return [];
	const out: string[] = [];
	for (let p = words.length - 1; p >= Math.max(1, words.length - 3); p--) {
		const w = words[p];
		if (!CORPORATE_SUFFIXES.has(w) && !CORPORATE_DESCRIPTORS.has(w)) break;
		out.push(words.slice(0, p).join(' '));
	}
	return out;
}

/** How a cluster's display name is picked: the alias table's name, else the name written most (then the longest). */
export function displayKey(members: string[], names: Map<string, NameStat>, table: Map<string, TableName>): { key: string; written?: string } {
	let bestTable: TableName | undefined;
	for (const m of members) {
		const t = table.get(m);
		if (t && (!bestTable || t.entry < bestTable.entry)) bestTable = t;
	}
	if (bestTable) return { key: nameKey(bestTable.name), written: bestTable.name };
	let best: string | undefined;
	let bestCount = -1;
	for (const m of members) {
		const n = names.get(m)?.strong ?? 0;
		if (n <= 0) continue;
		if (!best || n > bestCount || (n === bestCount && (m.length > best.length || (m.length === best.length && m < best)))) {
			best = m;
			bestCount = n;
		}
	}
	return { key: best ?? members.slice().sort()[0] };
}

/** The most used written form of a key; ties go to mixed case ("Taipei" over "TAIPEI"), then the longer. */
export function bestSurface(stat: NameStat | undefined, fallback: string): string {
	if (!stat || stat.surfaces.size === 0) return fallback;
	let best = fallback;
	let bestCount = -1;
	for (const [s, n] of stat.surfaces) {
		if (n > bestCount || (n === bestCount && surfaceRank(s) > surfaceRank(best))) {
			best = s;
			bestCount = n;
		}
	}
	// A name only ever written in capitals ("BENGALURU" in a dateline) shows in title case; short acronyms stay.
	if (best.length >= 6 && !/[\p{Ll}.\d]/u.test(best)) best = best.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
	return best;
}

function surfaceRank(s: string): number {
	return (/\p{Ll}/u.test(s) ? 1000 : 0) + s.length;
}

/** Picks a type from summed votes: the clear winner with at least one vote's worth, else 'other'. */
export function typeFromVotes(v: Votes): { type: EntityType; score: number } {
	const order: EntityType[] = ['organization', 'person', 'place'];
	let bi = 0;
	for (let i = 1; i < 3; i++) if (v[i] > v[bi]) bi = i;
	const second = Math.max(...v.filter((_, i) => i !== bi));
	if (v[bi] >= 1 && v[bi] > second) return { type: order[bi], score: v[bi] - second };
	return { type: 'other', score: 0 };
}

/** An entity under construction, with what typing needs. */
export interface DraftEntity extends Entity {
	root: string;
	/** Every name key that resolves to it. */
	keys: string[];
	votes: Votes;
	fixedType: boolean;
}

/**
 * Types clusters with no evidence of their own from the names they are coordinated with
 * ("Nvidia and AMD", "Ohio and Texas"): the partners' agreed type, if any.
 */
export function typeFromPartners(drafts: Map<string, DraftEntity>, pairs: Iterable<[string, string]>, rootOf: (key: string) => string): void {
	const partners = new Map<string, DraftEntity[]>();
	for (const [a, b] of pairs) {
		const da = drafts.get(rootOf(a));
		const db = drafts.get(rootOf(b));
		if (!da || !db || da === db) continue;
		for (const [x, y] of [[da, db], [db, da]] as const) {
			if (x.type !== 'other' || x.fixedType) continue;
			const list = partners.get(x.root);
			if (list) list.push(y);
			else partners.set(x.root, [y]);
		}
	}
	const decided = new Map<string, EntityType>();
	for (const [root, list] of partners) {
		const tally = new Map<EntityType, number>();
		for (const p of list) if (p.type !== 'other') tally.set(p.type, (tally.get(p.type) ?? 0) + 1);
		if (tally.size === 1) decided.set(root, [...tally.keys()][0]);
	}
	for (const [root, type] of decided) (drafts.get(root) as DraftEntity).type = type;
}
