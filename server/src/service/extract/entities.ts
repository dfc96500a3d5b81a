/**
 * Entity recognition with aliases: organizations, people and places in the sources, each with
 * every name it goes by (Foxconn = Hon Hai = Hon Hai Precision Industry), found again in notes.
 *
 * HOW (measured by `npx tsx bench/entities-speed.ts` on the 2-core dev machine):
 *   @@NUMBERS@@
 */
import fuzzysort from 'fuzzysort';
import type { Entity, EntityMention, EntityType } from '../types';
import { BUILTIN_ALIASES, type AliasTable } from './aliases';
import { nameKey, wordInfo } from './entityWords';
import { type Candidate, type NameScan, type Votes, scanNames, tokenize } from './nameScanner';
import {
	type DraftEntity, type NameStat, NameClusters, type TableName, bestSurface, corporatePrefixes, displayKey,
	lexiconPrior, prefixMayNameOrg, typeFromPartners, typeFromVotes,
} from './nameClusters';

export { parseAliasFile, BUILTIN_ALIASES, type AliasTable } from './aliases';

interface SourceRecord {
	key: string;
	text: string;
	scan: NameScan;
	/** Mentions of alias-table names in scripts without capitals (鴻海), found by plain search. */
	extra: Candidate[];
}

interface Derived {
	/** Name key (members, surnames) → entity. */
	byKey: Map<string, DraftEntity>;
	/** Entities mentioned by at least one source, in most sources first. */
	mentioned: DraftEntity[];
	/** Entity root → how many sources mention it. */
	sourceCount: Map<string, number>;
}

/** Turns a name key into an entity id, or undefined when the name is not known. */
type Resolver = (key: string) => string | undefined;

const MAX_NAME_TOKENS = 6;
const UNCASED_RE = /^[^\p{Lu}\p{Ll}]+$/u;
const LOWER_RE = /\p{Ll}/u;

/** Learns entities from source texts and finds them in any text. */
export class EntityIndex {
	private readonly sources = new Map<string, SourceRecord>();
	private readonly names = new Map<string, NameStat>();
	private readonly clusters = new NameClusters();
	private table = new Map<string, TableName>();
	private tableForms: string[][] = [];
	/** Prefix key → corporate names it may abbreviate (registered once those are known). */
	private readonly longByPrefix = new Map<string, string[]>();
	/** Surname key → the full names it followed in some source, with how many sources say so. */
	private readonly surnameLinks = new Map<string, Map<string, number>>();
	/** Cluster root → its display key and entity id. */
	private readonly displayCache = new Map<string, { key: string; written?: string; id: string }>();
	private structureDirty = true;
	private derived: Derived | undefined;

	/** Creates an index that also knows the given alias table (on top of the built-in one). */
	constructor(aliases?: AliasTable) {
		this.setTable(aliases);
	}

	/** Replaces the user's alias table and re-reads every source with it. */
	setAliases(aliases: AliasTable | undefined): void {
		const texts = [...this.sources.values()].map((s) => [s.key, s.text] as const);
		this.sources.clear();
		this.names.clear();
		this.surnameLinks.clear();
		this.setTable(aliases);
		for (const [key, text] of texts) this.addSource(key, text);
	}

	/** Discovers entity mentions in a source text (learning new entities and aliases) and returns them, sorted by start. */
	addSource(key: string, text: string): EntityMention[] {
		if (this.sources.has(key)) this.removeSource(key);
		const rec: SourceRecord = { key, text, scan: scanNames(text), extra: this.findUncased(text) };
		this.sources.set(key, rec);
		const newlyKnown = this.count(rec, 1);
		this.derived = undefined;
		if (this.structureDirty) this.rebuild();
		else {
			for (const l of rec.scan.links) if (l.kind === 'alias') this.union(l.a, l.b);
			for (const k of newlyKnown) this.linkPrefixes(k);
		}
		return this.resolveSource(rec, (k) => (this.isKnown(k) ? this.idOf(k) : undefined));
	}

	/** Forgets what one source taught (source deleted/changed); mentions from other sources stay. */
	removeSource(key: string): void {
		const rec = this.sources.get(key);
		if (!rec) return;
		this.count(rec, -1);
		this.sources.delete(key);
		this.structureDirty = true;
		this.derived = undefined;
	}

	/** Mentions in one indexed source, resolved against everything known now (ids may have moved since addSource). */
	mentionsIn(key: string): EntityMention[] {
		const rec = this.sources.get(key);
		if (!rec) return [];
		const d = this.derive();
		return this.resolveSource(rec, (k) => d.byKey.get(k)?.id);
	}

	/** Finds mentions of KNOWN entities (and their aliases) in a note's text; does not learn. Sorted, non-overlapping. */
	findMentions(text: string): EntityMention[] {
		const d = this.derive();
		const tokens = tokenize(text);
		const out: EntityMention[] = [];
		for (let r = 0; r < tokens.length; ) {
			let e = r + 1;
			while (e < tokens.length && tokens[e].joined) e++;
			for (let i = r; i < e; ) {
				let matched = -1;
				for (let j = Math.min(e - 1, i + MAX_NAME_TOKENS - 1); j >= i; j--) {
					const key = j === i ? tokens[i].key : nameKey(text.slice(tokens[i].start, tokens[j].end));
					const entity = d.byKey.get(key);
					if (entity && (i !== j || this.caseFits(tokens[i].text, key))) {
						out.push({ entityId: entity.id, start: tokens[i].start, end: tokens[j].end, text: text.slice(tokens[i].start, tokens[j].end) });
						matched = j;
						break;
					}
				}
				i = matched >= 0 ? matched + 1 : i + 1;
			}
			r = e;
		}
		for (const c of this.findUncased(text)) {
			const entity = d.byKey.get(c.key);
			if (entity) out.push({ entityId: entity.id, start: c.start, end: c.end, text: c.text });
		}
		return nonOverlapping(out);
	}

	/** The entity with this id, or that goes by this name (ids of renamed entities still resolve). */
	get(id: string): Entity | undefined {
		const e = this.derive().byKey.get(nameKey(id));
		return e ? publicEntity(e) : undefined;
	}

	/** Every entity at least one source mentions, mentioned by most sources first. */
	all(): Entity[] {
		return this.derive().mentioned.map(publicEntity);
	}

	/** Entities whose name or alias starts with (or fuzzily matches) the prefix, for completion: 'Young L' -> Young Liu. */
	complete(prefix: string, limit = 20): Entity[] {
		const d = this.derive();
		const p = prefix.trim().toLowerCase();
		if (!p) return d.mentioned.slice(0, limit).map(publicEntity);
		// Tiers: 0 the name starts with it, 1 an alias does, 2 a later word does, 3+ fuzzy matches.
		const tiers = new Map<DraftEntity, number>();
		for (const e of d.mentioned) {
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
			const targets = d.mentioned.flatMap((e) => [e.name, ...e.aliases].map((n) => ({ e, n })));
			for (const r of fuzzysort.go(prefix.trim(), targets, { key: 'n', limit: limit * 3, threshold: 0.3 })) {
				if (!tiers.has(r.obj.e)) tiers.set(r.obj.e, 4 - r.score);
			}
		}
		const rank = (e: DraftEntity) => d.sourceCount.get(e.root) ?? 0;
		return [...tiers.entries()]
			.sort((a, b) => a[1] - b[1] || rank(b[0]) - rank(a[0]) || a[0].name.localeCompare(b[0].name))
			.slice(0, limit)
			.map(([e]) => publicEntity(e));
	}

	/** How many sources mention the entity, and which keys */
	sourcesOf(id: string): string[] {
		const d = this.derive();
		const e = d.byKey.get(nameKey(id));
		if (!e) return [];
		const keys = new Set<string>();
		for (const k of e.keys) for (const s of this.names.get(k)?.sources.keys() ?? []) keys.add(s);
		return [...keys].sort();
	}

	// ---- learning ------------------------------------------------------------------------------

	private setTable(aliases: AliasTable | undefined): void {
		this.table = new Map();
		this.tableForms = [];
		[...(aliases?.entities ?? []), ...BUILTIN_ALIASES.entities].forEach((entry, i) => {
			const forms = [entry.name, ...entry.aliases].map((f) => f.trim()).filter(Boolean);
			this.tableForms.push(forms);
			for (const written of forms) {
				const key = nameKey(written);
				if (key && !this.table.has(key)) this.table.set(key, { entry: i, name: entry.name, type: entry.type, written });
			}
		});
		this.structureDirty = true;
		this.derived = undefined;
	}

	/** Adds (sign 1) or subtracts (-1) a source's mentions to the name statistics; returns keys that became known. */
	private count(rec: SourceRecord, sign: 1 | -1): string[] {
		const newlyKnown: string[] = [];
		for (const list of [rec.scan.candidates, rec.extra]) {
			for (const c of list) {
				const stat = this.touch(c.key, rec.key, sign);
				if (c.linkKey) this.touch(c.linkKey, rec.key, sign);
				if (c.group !== undefined) continue;
				stat.count += sign;
				if (c.votes) for (let k = 0; k < 3; k++) stat.votes[k] += sign * c.votes[k];
				if (!c.strong) continue;
				this.displayCache.delete(this.clusters.find(c.key));
				const wasKnown = stat.strong <= 1 && this.isKnownKey(c.key);
				stat.strong += sign;
				if (sign > 0 && stat.strong <= 2 && !wasKnown && this.isKnownKey(c.key)) newlyKnown.push(c.key);
				const n = (stat.surfaces.get(c.text) ?? 0) + sign;
				if (n > 0) stat.surfaces.set(c.text, n);
				else stat.surfaces.delete(c.text);
			}
		}
		for (const l of rec.scan.links) {
			if (l.kind !== 'surname') continue;
			let targets = this.surnameLinks.get(l.a);
			if (!targets) this.surnameLinks.set(l.a, (targets = new Map()));
			const n = (targets.get(l.b) ?? 0) + sign;
			if (n > 0) targets.set(l.b, n);
			else targets.delete(l.b);
			if (targets.size === 0) this.surnameLinks.delete(l.a);
		}
		if (sign < 0) {
			for (const list of [rec.scan.candidates, rec.extra]) {
				for (const c of list) {
					for (const key of c.linkKey ? [c.key, c.linkKey] : [c.key]) {
						const stat = this.names.get(key);
						if (stat && stat.sources.size === 0 && stat.count === 0) this.names.delete(key);
					}
				}
			}
		}
		return newlyKnown;
	}

	private touch(key: string, source: string, sign: 1 | -1): NameStat {
		let stat = this.names.get(key);
		if (!stat) {
			stat = { count: 0, strong: 0, votes: [0, 0, 0], surfaces: new Map(), sources: new Map() };
			this.names.set(key, stat);
		}
		const n = (stat.sources.get(source) ?? 0) + sign;
		if (n > 0) stat.sources.set(source, n);
		else stat.sources.delete(source);
		return stat;
	}

	/** A name is known once strong mentions show it (two for an ordinary word: one "alarm Let us" is a typo), or a table lists it. */
	private isKnownKey(key: string): boolean {
		const strong = this.names.get(key)?.strong ?? 0;
		return strong >= (strong === 1 && isOrdinaryWord(key) ? 2 : 1) || this.table.has(key);
	}

	/** Known: the key, or a name clustered with it, is. */
	private isKnown(key: string): boolean {
		if (this.isKnownKey(key)) return true;
		const members = this.clusters.membersOf(this.clusters.find(key));
		return members.length > 1 && members.some((m) => this.isKnownKey(m));
	}

	private union(a: string, b: string): void {
		const ra = this.clusters.find(a);
		const rb = this.clusters.find(b);
		if (ra === rb) return;
		this.clusters.union(ra, rb);
		this.displayCache.delete(ra);
		this.displayCache.delete(rb);
	}

	/** Ties a newly known name to its corporate long or short forms ("Hon Hai" ~ "Hon Hai Technology Group"). */
	private linkPrefixes(key: string): void {
		for (const p of corporatePrefixes(key)) {
			if (!prefixMayNameOrg(p, this.table)) continue;
			const list = this.longByPrefix.get(p);
			if (list) list.push(key);
			else this.longByPrefix.set(p, [key]);
			if (this.isKnownKey(p)) this.union(key, p);
		}
		for (const long of this.longByPrefix.get(key) ?? []) this.union(long, key);
	}

	/** Rebuilds the clusters from scratch: at the start, and after a source was removed. */
	private rebuild(): void {
		this.clusters.clear();
		this.displayCache.clear();
		this.longByPrefix.clear();
		this.structureDirty = false;
		const entryKey = new Map<number, string>();
		for (const [key, t] of this.table) {
			const first = entryKey.get(t.entry);
			if (first === undefined) entryKey.set(t.entry, key);
			else this.union(first, key);
		}
		for (const rec of this.sources.values()) for (const l of rec.scan.links) if (l.kind === 'alias') this.union(l.a, l.b);
		for (const key of this.names.keys()) if (this.isKnownKey(key)) this.linkPrefixes(key);
	}

	// ---- resolving -----------------------------------------------------------------------------

	private idOf(key: string): string {
		const root = this.clusters.find(key);
		let display = this.displayCache.get(root);
		if (!display) {
			const d = displayKey(this.clusters.membersOf(root), this.names, this.table);
			display = { ...d, id: (d.written ?? bestSurface(this.names.get(d.key), d.key)).toLowerCase() };
			this.displayCache.set(root, display);
		}
		return display.id;
	}

	private resolveSource(rec: SourceRecord, resolve: Resolver): EntityMention[] {
		const out: EntityMention[] = [];
		const cands = rec.scan.candidates;
		for (let i = 0; i < cands.length; ) {
			const c = cands[i];
			if (c.group === undefined) {
				const id = (c.linkKey && resolve(c.linkKey)) || ((c.strong || this.caseFits(c.text, c.key)) && resolve(c.key));
				if (id) out.push({ entityId: id, start: c.start, end: c.end, text: c.text });
				i++;
				continue;
			}
			// A group's alternatives come sorted by start, longest first: take the leftmost-longest known ones.
			let lastEnd = -1;
			for (; i < cands.length && cands[i].group === c.group; i++) {
				const g = cands[i];
				if (g.start < lastEnd) continue;
				const id = resolve(g.key);
				if (id && this.caseFits(g.text, g.key)) {
					out.push({ entityId: id, start: g.start, end: g.end, text: g.text });
					lastEnd = g.end;
				}
			}
		}
		for (const c of rec.extra) {
			const id = resolve(c.key);
			if (id) out.push({ entityId: id, start: c.start, end: c.end, text: c.text });
		}
		return nonOverlapping(out);
	}

	/** Acronym-only names ("US") match only when written in capitals: "Us" is not the United States. */
	private caseFits(written: string, key: string): boolean {
		if (key.length > 5 || key.includes(' ') || !LOWER_RE.test(written)) return true;
		const t = this.table.get(key);
		if (t && LOWER_RE.test(t.written)) return true;
		const stat = this.names.get(key);
		if (stat) for (const s of stat.surfaces.keys()) if (LOWER_RE.test(s)) return true;
		return !t && !stat?.surfaces.size;
	}

	/** Alias-table names with no capital letters to scan for (鴻海), found by plain search. */
	private findUncased(text: string): Candidate[] {
		const out: Candidate[] = [];
		for (const [key, t] of this.table) {
			if (!UNCASED_RE.test(t.written)) continue;
			for (let at = text.indexOf(t.written); at >= 0; at = text.indexOf(t.written, at + t.written.length)) {
				out.push({ start: at, end: at + t.written.length, text: t.written, key, strong: true });
			}
		}
		return out;
	}

	// ---- entities ------------------------------------------------------------------------------

	/** Builds the entities (names, types, aliases) from the clusters; cached until the next change. */
	private derive(): Derived {
		if (this.derived) return this.derived;
		if (this.structureDirty) this.rebuild();
		const byRoot = new Map<string, DraftEntity>();
		const seen = new Set<string>();
		for (const keys of [this.names.keys(), this.table.keys()]) {
			for (const key of keys) {
				const root = this.clusters.find(key);
				if (seen.has(root)) continue;
				seen.add(root);
				const members = this.clusters.membersOf(root);
				if (members.some((m) => this.isKnownKey(m))) byRoot.set(root, this.draft(root, members));
			}
		}
		typeFromPartners(byRoot, [...this.sources.values()].flatMap((s) => s.scan.pairs), (k) => this.clusters.find(k));
		const byKey = new Map<string, DraftEntity>();
		for (const e of byRoot.values()) for (const m of e.keys) byKey.set(m, e);
		this.mergeSurnames(byRoot, byKey);
		this.addSurnameAliases(byRoot, byKey);
		const sourceCount = new Map<string, number>();
		for (const e of byRoot.values()) {
			const sources = new Set<string>();
			for (const k of e.keys) for (const s of this.names.get(k)?.sources.keys() ?? []) sources.add(s);
			if (sources.size > 0) sourceCount.set(e.root, sources.size);
		}
		const mentioned = [...byRoot.values()]
			.filter((e) => sourceCount.has(e.root))
			.sort((a, b) => (sourceCount.get(b.root) ?? 0) - (sourceCount.get(a.root) ?? 0) || a.id.localeCompare(b.id));
		this.derived = { byKey, mentioned, sourceCount };
		return this.derived;
	}

	private draft(root: string, members: string[]): DraftEntity {
		const id = this.idOf(root);
		const display = this.displayCache.get(root) as { key: string; written?: string };
		const name = display.written ?? bestSurface(this.names.get(display.key), display.key);
		const votes: Votes = [0, 0, 0];
		let fixed: TableName | undefined;
		const forms = new Set<string>();
		for (const m of members) {
			const t = this.table.get(m);
			if (t) {
				if (t.type && (!fixed || t.entry < fixed.entry)) fixed = t;
				for (const f of this.tableForms[t.entry]) forms.add(f);
			}
			const stat = this.names.get(m);
			if (!stat) continue;
			const prior = stat.strong > 0 ? lexiconPrior(m) : undefined;
			for (let k = 0; k < 3; k++) votes[k] += stat.votes[k] + (prior ? prior[k] : 0);
			for (const s of stat.surfaces.keys()) forms.add(s);
		}
		forms.delete(name);
		const type: EntityType = fixed?.type ?? typeFromVotes(votes).type;
		return { id, name, type, aliases: [...forms], root, keys: [...members], votes, fixedType: fixed !== undefined };
	}

	/**
	 * A surname that followed a person's full name (in every source where it did, the same person)
	 * names that person everywhere; a surname-only entity of its own ("Tseng said") joins them.
	 */
	private mergeSurnames(byRoot: Map<string, DraftEntity>, byKey: Map<string, DraftEntity>): void {
		for (const [short, targets] of this.surnameLinks) {
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
	private addSurnameAliases(byRoot: Map<string, DraftEntity>, byKey: Map<string, DraftEntity>): void {
		const claims = new Map<string, DraftEntity | null>();
		for (const e of byRoot.values()) {
			if (e.type !== 'person') continue;
			const words = e.name.split(/\s+/);
			if (words.length < 2) continue;
			let last = words[words.length - 1];
			if (/^(?:Jr|Sr|II|III|IV)\.?$/.test(last) && words.length > 2) last = words[words.length - 2];
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
}

/** A single word the lexicon knows as vocabulary ("Let", "Oracle"): needs more evidence to be a name. */
function isOrdinaryWord(key: string): boolean {
	return !key.includes(' ') && wordInfo(key).common;
}

function publicEntity(e: DraftEntity): Entity {
	return { id: e.id, name: e.name, type: e.type, aliases: [...new Set(e.aliases)].filter((a) => a !== e.name) };
}

function nonOverlapping(mentions: EntityMention[]): EntityMention[] {
	mentions.sort((a, b) => a.start - b.start || b.end - a.end);
	const out: EntityMention[] = [];
	let lastEnd = -1;
	for (const m of mentions) {
		if (m.start < lastEnd) continue;
		out.push(m);
		lastEnd = m.end;
	}
	return out;
}
