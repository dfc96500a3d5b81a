/**
 * Which names are one entity: a union-find over name keys, fed by alias tables, alias phrases,
 * corporate-suffix prefixes and surnames; and the entity each cluster becomes (name, type, aliases).
 */
import type { Entity, EntityType } from '../types';
import type { Votes } from './nameScanner';
import { newVotes } from './nameContext';
import { COMPANY_ENDINGS, CORPORATE_DESCRIPTORS, CORPORATE_SUFFIXES, isOrgWord, isPlaceWord, nameKey, wordInfo } from './entityWords';

/** Everything the sources say about one name key. */
export interface NameStat {
	/** Mentions (strong and lone weak ones). */
	count: number;
	/** Mentions that show the name exists. */
	strong: number;
	votes: Votes;
	/** How it is written in strong mentions, with counts (none yet: undefined). */
	surfaces?: Map<string, number>;
	/** The best of the surfaces (see betterSurface), kept up to date as mentions arrive. */
	best?: string;
	/** The id it has as an entity of its own: its best surface lower-cased. */
	id?: string;
	/** Source key → occurrences of any kind. */
	sources: Map<string, number>;
}

/**
 * A name's stat, with every property in place (unset ones undefined): stats that gained `best` or
 * `surfaces` later had other shapes than those that did not, and V8 threw away the optimized
 * code counting mentions (EntityIndex.count) each time it met a new one.
 */
export function newNameStat(count: number, strong: number, votes: Votes, sources: Map<string, number>): NameStat {
	return { count, strong, votes, surfaces: undefined, best: undefined, id: undefined, sources };
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

	/** The root of a key's cluster (the key itself when it stands alone). */
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

	/** Every key of a root's cluster. */
	membersOf(root: string): string[] {
		return this.members.get(root) ?? [root];
	}

	/** The members of a cluster of two or more, or undefined for a name alone. */
	groupOf(root: string): string[] | undefined {
		return this.members.get(root);
	}

	/** Its parent links and members, as lists (for a snapshot). */
	entries(): { parent: Array<[string, string]>; members: Array<[string, string[]]> } {
		return { parent: [...this.parent], members: [...this.members].map(([k, m]) => [k, [...m]]) };
	}

	/** Takes the parent links and members `entries()` gave (replacing its own). */
	restore(parent: ReadonlyArray<[string, string]>, members: ReadonlyArray<[string, string[]]>): void {
		this.parent = new Map(parent);
		this.members = new Map(members.map(([k, m]) => [k, [...m]]));
	}

	/** Forgets every cluster. */
	clear(): void {
		this.parent.clear();
		this.members.clear();
	}
}

/**
 * Head words that make "<head> of <name>" a place ("Gulf of Mexico", "Kingdom of Spain"). Not every
 * place word does: "House of Representatives", "Library of Congress", "State of the Union".
 */
const OF_PLACE_HEADS = new Set([
	'bay', 'gulf', 'isthmus', 'island', 'islands', 'isle', 'cape', 'lake', 'sea', 'strait', 'straits', 'mount', 'falls',
	'canyon', 'valley', 'kingdom', 'republic', 'province', 'city', 'district', 'county', 'commonwealth', 'territory',
	'port', 'coast', 'shore', 'peninsula', 'principality', 'duchy', 'empire', 'emirate', 'sultanate', 'town', 'village',
]);

const priorCache = new Map<string, Votes>();

/** Type evidence from the words of a name alone (compromise's lexicon, head words), cached per key. */
export function lexiconPrior(key: string): Votes {
	let v = priorCache.get(key);
	if (v) return v;
	v = newVotes();
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
		// the head word ends a name, or stands before its "of" ("University of Manchester", "Gulf of Mexico")
		const of = words.indexOf('of');
		if (of > 0) {
			const head = words[of - 1];
			if (OF_PLACE_HEADS.has(head)) v[2] += 1.5;
			else if (isOrgWord(head)) v[0] += 2;
		} else if (isOrgWord(last)) v[0] += 2;
		else if (COMPANY_ENDINGS.has(last)) v[0] += 1.5;
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
 * "hon hai"; "northwind traders" → "northwind"; not "union" for "union pacific company").
 */
export function corporatePrefixes(key: string): string[] {
	const words = key.split(' ');
	const last = words[words.length - 1]!;
	if (words.length < 2 || !(CORPORATE_SUFFIXES.has(last) || COMPANY_ENDINGS.has(last))) return [];
	const out: string[] = [];
	for (let p = words.length - 1; p >= Math.max(1, words.length - 3); p--) {
		const w = words[p];
		if (!CORPORATE_SUFFIXES.has(w) && !CORPORATE_DESCRIPTORS.has(w) && !COMPANY_ENDINGS.has(w)) break;
		out.push(words.slice(0, p).join(' '));
	}
	return out;
}

/** How a cluster's display name is picked: the alias table's name, else the name written most (then the longest). */
export function displayKey(members: string[], names: { get(key: string): NameStat | undefined }, table: Map<string, TableName>): { key: string; written?: string } {
	let bestTable: TableName | undefined;
	for (const m of members) {
		const t = table.get(m);
		if (t && (!bestTable || t.entry < bestTable.entry)) bestTable = t;
	}
	if (bestTable) return { key: nameKey(bestTable.name), written: bestTable.name };
	if (members.length === 1) return { key: members[0] };
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

/** Whether written form `a` (used `na` times) beats `b` as a name's face: more uses, then mixed case ("Taipei" over "TAIPEI"), then longer, then alphabetical. */
export function betterSurface(a: string, na: number, b: string | undefined, nb: number): boolean {
	if (b === undefined || na !== nb) return b === undefined || na > nb;
	const ra = surfaceRank(a);
	const rb = surfaceRank(b);
	return ra !== rb ? ra > rb : a < b;
}

function surfaceRank(s: string): number {
	return (s !== s.toUpperCase() ? 1000 : 0) + s.length;
}

/** The most used written form of a key (see betterSurface). */
export function bestSurface(stat: NameStat | undefined, fallback: string): string {
	if (!stat?.surfaces?.size) return fallback;
	let best: string | undefined;
	let bestCount = 0;
	for (const [s, n] of stat.surfaces) {
		if (betterSurface(s, n, best, bestCount)) {
			best = s;
			bestCount = n;
		}
	}
	return best ?? fallback;
}

/** How a written form is shown: a name only ever written in capitals ("BENGALURU" in a dateline) in title case; acronyms as they are. */
export function displayForm(surface: string): string {
	if (surface.length < 6 || /[\p{Ll}.\d]/u.test(surface)) return surface;
	return surface.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
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
 * ("Nvidia and AMD", "Ohio and Texas"): the partners' agreed type, if any. The pairs are tallied
 * one at a time (`add`: the entity index does it a slice at a time), then `apply` types the drafts.
 */
export class PartnerTypes {
	private readonly partners = new Map<string, DraftEntity[]>();

	constructor(
		private readonly drafts: Map<string, DraftEntity>,
		private readonly rootOf: (key: string) => string,
	) {}

	/** Tallies one coordinated pair of name keys. */
	add(a: string, b: string): void {
		const da = this.drafts.get(this.rootOf(a));
		const db = this.drafts.get(this.rootOf(b));
		if (!da || !db || da === db) return;
		this.tally(da, db);
		this.tally(db, da);
	}

	private tally(x: DraftEntity, y: DraftEntity): void {
		if (x.type !== 'other' || x.fixedType) return;
		const list = this.partners.get(x.root);
		if (list) list.push(y);
		else this.partners.set(x.root, [y]);
	}

	/** Types each draft whose partners agree (their types as drafted, before any of this changed them). */
	apply(): void {
		const decided = new Map<string, EntityType>();
		for (const [root, list] of this.partners) {
			const tally = new Map<EntityType, number>();
			for (const p of list) if (p.type !== 'other') tally.set(p.type, (tally.get(p.type) ?? 0) + 1);
			if (tally.size === 1) decided.set(root, [...tally.keys()][0]);
		}
		for (const [root, type] of decided) (this.drafts.get(root) as DraftEntity).type = type;
	}
}

/**
 * A surname that followed a person's full name (in every source where it did, the same person)
 * names that person everywhere; a surname-only entity of its own ("Tseng said") joins them.
 */
export function mergeSurnames(surnameLinks: Map<string, Map<string, number>>, byRoot: Map<string, DraftEntity>, byKey: Map<string, DraftEntity>): void {
	for (const [short, targets] of surnameLinks) {
		const people = new Set<DraftEntity>();
		for (const t of targets.keys()) {
			const e = byKey.get(t);
			if (e) people.add(e);
		}
		if (people.size !== 1) continue;
		const person = [...people][0];
		const own = byKey.get(short);
		if (own === person) continue;
		if (own) {
			if (own.keys.length > 1 || own.fixedType || (own.type !== 'person' && own.type !== 'other')) continue;
			byRoot.delete(own.root);
			person.aliases.push(own.name, ...own.aliases);
		}
		byKey.set(short, person);
		person.keys.push(short);
	}
}

/** A person's surname alone names them in notes ("Altman"), unless another entity or person has it. */
export function addSurnameAliases(byRoot: Map<string, DraftEntity>, byKey: Map<string, DraftEntity>): void {
	const claims = new Map<string, DraftEntity | null>();
	for (const e of byRoot.values()) {
		if (e.type !== 'person') continue;
		const words = e.name.split(/\s+/);
		if (words.length < 2) continue;
		let last = words[words.length - 1];
		// "George II", "Catherine of Aragon": no surname to take.
		if (/^[IVX]+$/.test(last) || words.includes('of')) continue;
		if (/^(?:Jr|Sr)\.?$/.test(last) && words.length > 2) last = words[words.length - 2];
		const key = nameKey(last);
		const info = wordInfo(key);
		if (key.length < 2 || info.place || info.org || info.demonym || (info.common && !info.lastName)) continue;
		const holder = byKey.get(key);
		if (holder === e) {
			if (!e.aliases.includes(last)) e.aliases.push(last);
		} else if (!holder) {
			claims.set(key, claims.has(key) ? null : e);
		}
	}
	for (const [key, e] of claims) {
		if (!e) continue;
		byKey.set(key, e);
		e.keys.push(key);
		const written = e.name.split(/\s+/).find((w) => nameKey(w) === key);
		if (written && !e.aliases.includes(written)) e.aliases.push(written);
	}
}
