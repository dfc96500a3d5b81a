/**
 * Entity recognition with aliases: organizations, people and places in the sources, each with
 * every name it goes by (Foxconn = Hon Hai = Hon Hai Precision Industry), found again in notes.
 *
 * Why a hand-written scanner and not wink-nlp. Measured with `npx tsx bench/entities-speed.ts`
 * on the 2-core dev machine, over the 233 State of the Union addresses (10.76 MB). The machine is
 * shared: wall times are at load 1.5-2.2 (at load 3-6 they double); single-threaded CPU times do
 * not depend on the load.
 *
 *   scanner (chosen), esbuild bundle, fresh process:            wall               CPU, single-threaded
 *     EntityIndex.addSource, first pass (JIT cold)              0.82-1.06 s = 10-13 MB/s   0.90 s = 12 MB/s
 *     EntityIndex.addSource, warm                               0.39-0.42 s = 26-27 MB/s   0.33 s = 33 MB/s
 *     the scan alone (nameScanner), warm                        36-37 MB/s
 *     all() afterwards (types, aliases of 6,400 entities)       0.09-0.13 s
 *     findMentions in a 4 KB note                               0.03 ms
 *     loading compromise/two (its lexicon)                      0.13-0.19 s (since, its facts are
 *       precomputed into lexicon.generated.ts by scripts/lexicon.mjs: ~10 ms, on first lookup)
 *   wink-nlp + wink-eng-lite-web-model, proper-noun spans from its POS tags: 2.3 MB/s (4.7 s for the
 *     corpus), 0.14 s to load the model.
 *   compromise's tagger on candidate strings: 330 µs each; the corpus has 10,000 distinct ones (3.5 s),
 *     so only its lexicon is used: a plain lookup per distinct word, cached.
 *
 * Quality on the seeds: wink yields 99 distinct proper-noun spans, with headline junk ("Foxconn
 * Partners", "Massive Investments", "Strategic Significance"), titles glued to names ("OpenAI CEO
 * Sam Altman", "Foxconn Chairman Young Liu"), GPT-5, HR, November; and no aliases. The scanner
 * yields 34 entities, Foxconn with its four other names, people with their surnames.
 *
 * Bundle (esbuild --minify), when measured: this module 465 KB = compromise/two 295 KB + yaml,
 * fuzzysort and our code 170 KB (compromise is no longer bundled: see entityWords.ts); wink-nlp
 * with its model would add 3.6 MB, more than the whole .vsix may weigh.
 *
 * How it works. nameTokens.ts finds capitalized words with one regex pass; nameScanner.ts joins
 * them into runs ("Bank of America"), splits runs at titles ("OpenAI | CEO | Sam Altman") and
 * function words, and weighs each candidate: strong (shows the name exists) or weak (a mention
 * only of a name known from elsewhere: sentence starts, Title Case headlines and quoted titles,
 * capitals the same text also writes in lower case, abbreviations, demonyms). nameContext.ts
 * reads type evidence from the words around. This index merges names (alias tables, "also known
 * as" phrases, "Name (Alias)", corporate suffixes, surnames after a full name) in a union-find
 * kept per name key, so sources can come and go; entities (name, type, aliases) are built lazily.
 */
import type { Entity, EntityMention, EntityType } from '../types';
import { sliceBudget } from '../budget';
import { IntList } from '../intList';
import { lazyProperty } from '../lazyProperty';
import { BUILTIN_ALIASES, type AliasTable } from './aliases';
import { rankCompletions } from './entityCompletion';
import { nameKey, wordInfo } from './entityWords';
import { type Candidate, type NameScan, scanNames, tokenize } from './nameScanner';
import { newVotes } from './nameContext';
import {
	type DraftEntity, type NameStat, NameClusters, type TableName, bestSurface, betterSurface, corporatePrefixes, displayForm, displayKey,
	addSurnameAliases, lexiconPrior, mergeSurnames, newNameStat, prefixMayNameOrg, PartnerTypes, typeFromVotes,
} from './nameClusters';
import { type NameColumns, NameStats } from './nameStats';

export { parseAliasFile, BUILTIN_ALIASES, type AliasTable } from './aliases';

/**
 * A source's name scan that makes its candidates and pairs again each time they are read. Once a
 * source is learnt its candidates are read only when it is removed or re-resolved, and its pairs
 * when entities are derived, but kept they were most of the objects of the main thread's heap
 * (~700,000 for the x10 corpus, with their keys and votes, and three objects a pair): each merge
 * promoted them into the old generation, whose collections stalled requests while indexing.
 */
function candidatesOnDemand(scan: NameScan, again: () => NameScan): NameScan {
	const { links } = scan;
	return {
		links,
		get candidates() {
			return again().candidates;
		},
		get pairs() {
			return again().pairs;
		},
	};
}

interface SourceRecord {
	key: string;
	text: string;
	scan: NameScan;
	/** Mentions of alias-table names in scripts without capitals (鴻海), found by plain search. */
	extra: Candidate[];
}

/**
 * Entities being derived a slice at a time, in stages: each known name drafted (`keys`), the
 * sources' coordinated pairs tallied (`pairs`), then, once the drafts are merged (surnames,
 * aliases), how many sources mention each (`counting`).
 */
interface Drafting {
	generation: number;
	keys: Iterator<string>;
	byRoot: Map<string, DraftEntity>;
	seen: Set<string>;
	/** `list`: the pairs of source `source`, read once (a source's pairs may be made again at each read). */
	pairs?: { typing: PartnerTypes; sources: SourceRecord[]; source: number; pair: number; list?: NameScan['pairs'] };
	counting?: { byKey: Map<string, DraftEntity>; entities: Iterator<DraftEntity>; sourceCount: Map<string, number>; mentioned: Array<{ e: DraftEntity; n: number }> };
}

interface Derived {
	/** The index's `generation` they were derived at: any change makes them stale. */
	generation: number;
	/** Name key (members, surnames) → entity. */
	byKey: Map<string, DraftEntity>;
	/** Entities mentioned by at least one source, in most sources first. */
	mentioned: DraftEntity[];
	/** Entity root → how many sources mention it. */
	sourceCount: Map<string, number>;
}

/**
 * What an `EntityIndex` has learnt, for a warm start (see `snapshot`): plain lists and typed
 * columns, which serialize and read back at memory speed, where the index's own maps of small
 * objects would not. The sources' name scans are not in it: they travel in the sources' records.
 */
export interface EntitySnapshot {
	/** The sources in the order they were learnt, with their alias-table names found by plain search. */
	sources: Array<{ key: string; extra: Array<[start: number, end: number, text: string, key: string]> }>;
	/** Each name's statistics, as columns. */
	names: NameColumns;
	parent: Array<[string, string]>;
	members: Array<[string, string[]]>;
	longByPrefix: Array<[string, string[]]>;
	surnameLinks: Array<[string, Array<[string, number]>]>;
	displayCache: Array<[string, { key: string; written?: string; id: string }]>;
	derived: DerivedColumns;
}

/**
 * The derived entities as columns: an object per entity, with its three arrays and its strings, was
 * ~32,000 objects and ~45,000 strings for SOTU, half of what a warm start read back (and then copied).
 * Entity i is `strings[fields[3i]]` (id), `[3i + 1]` (name), `[3i + 2]` (root), its type and fixedType
 * in `kinds[i]`, its votes `votes[3i .. 3i + 3]`, its aliases and keys the strings indexed by
 * `aliases[aliasOffsets[i] .. aliasOffsets[i + 1]]` and `keys[keyOffsets[i] ..]`.
 */
interface DerivedColumns {
	/** Every string the entities use, each once. */
	strings: string[];
	fields: Int32Array;
	/** The type's index in `ENTITY_TYPES`, plus `FIXED_TYPE` when an alias table fixed it. */
	kinds: Uint8Array;
	votes: Float64Array;
	aliasOffsets: Int32Array;
	aliases: Int32Array;
	keyOffsets: Int32Array;
	keys: Int32Array;
	/** (name key, entity index) per name key that resolves to an entity, in the map's order. */
	byKey: Int32Array;
	/** The entity indexes of `Derived.mentioned`. */
	mentioned: Int32Array;
	/** (entity root, number of sources) per entry of `Derived.sourceCount`, in its order. */
	sourceCount: Int32Array;
}

const ENTITY_TYPES: readonly EntityType[] = ['organization', 'person', 'place', 'other'];
const FIXED_TYPE = 4;

/** Turns a name key into an entity id, or undefined when the name is not known. */
type Resolver = (key: string) => string | undefined;

const MAX_NAME_TOKENS = 6;
const UNCASED_RE = /^[^\p{Lu}\p{Ll}]+$/u;
const LOWER_RE = /\p{Ll}/u;

/** Learns entities from source texts and finds them in any text. */
export class EntityIndex {
	private readonly sources = new Map<string, SourceRecord>();
	private readonly names = new NameStats();
	private readonly clusters = new NameClusters();
	private table = new Map<string, TableName>();
	private tableForms: string[][] = [];
	/** Alias-table names without capital letters (鴻海): found by plain search, not by the scanner. */
	private uncased: Array<[key: string, written: string]> = [];
	/** Prefix key → corporate names it may abbreviate (registered once those are known). */
	private readonly longByPrefix = new Map<string, string[]>();
	/** Surname key → the full names it followed in some source, with how many sources say so. */
	private readonly surnameLinks = new Map<string, Map<string, number>>();
	/** Cluster root → its display key and entity id. */
	private readonly displayCache = new Map<string, { key: string; written?: string; id: string }>();
	private structureDirty = true;
	private derived: Derived | undefined;
	/** Entities being drafted a slice at a time (see `prepare`), for the index as it was at `generation`. */
	private drafting: Drafting | undefined;
	/** Bumped by every change to what entities are derived from (`derived` and `drafting` are stale then). */
	private generation = 0;

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

	/**
	 * Discovers entity mentions in a source text (learning new entities and aliases) and returns them, sorted by start.
	 * `scan` is the text's `scanNames` when already made (it is pure: a worker thread or the index cache makes it).
	 * `scanAgain`, when given, makes that scan again on demand: the index then keeps only its links and
	 * pairs, and its candidates die young (see `candidatesOnDemand`).
	 */
	addSource(key: string, text: string, scan: NameScan = scanNames(text), scanAgain?: () => NameScan): EntityMention[] {
		if (this.sources.has(key)) this.removeSource(key);
		const rec: SourceRecord = { key, text, scan, extra: this.findUncased(text) };
		this.sources.set(key, rec);
		const newlyKnown = this.count(rec, 1);
		this.generation++;
		if (this.structureDirty) this.rebuild();
		else {
			for (const l of rec.scan.links) if (l.kind === 'alias') this.union(l.a, l.b);
			for (const k of newlyKnown) this.linkPrefixes(k);
		}
		const mentions = this.resolveSource(rec, (k) => (this.isKnown(k) ? this.idOf(k) : undefined));
		if (scanAgain) rec.scan = candidatesOnDemand(scan, scanAgain);
		return mentions;
	}

	/** Forgets what one source taught (source deleted/changed); mentions from other sources stay. */
	removeSource(key: string): void {
		const rec = this.sources.get(key);
		if (!rec) return;
		this.count(rec, -1);
		this.sources.delete(key);
		this.structureDirty = true;
		this.generation++;
	}

	/** The name scan a source was learnt from. */
	scanOf(key: string): NameScan | undefined {
		return this.sources.get(key)?.scan;
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
		return rankCompletions(d.mentioned, (e) => d.sourceCount.get(e.root) ?? 0, prefix, limit).map(publicEntity);
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

	// ---- snapshot ------------------------------------------------------------------------------

	/**
	 * Everything this index has learnt, as a few columns and lists (see `EntitySnapshot`), for a
	 * warm start that restores it instead of reading every source again. The derived entities are
	 * included: made first if a change made them stale.
	 */
	snapshot(): EntitySnapshot {
		const d = this.derive();
		const sourceKeys = [...this.sources.keys()];
		const sourceIndex = new Map(sourceKeys.map((k, i) => [k, i]));
		const names = [...this.names];
		const numbers = new Float64Array(names.length * 5);
		const srcOffsets = new Int32Array(names.length + 1);
		const srcPairs = new IntList();
		const surfOffsets = new Int32Array(names.length + 1);
		const hasSurfaces = new Uint8Array(names.length);
		const surfTexts: string[] = [];
		const surfCounts: number[] = [];
		const best: Array<string | null> = [];
		const ids: Array<string | null> = [];
		// (a loop over every name and every source that names it: ~400,000 pairs for 2,330 sources)
		const pushPair = (n: number, src: string) => {
			srcPairs.push(sourceIndex.get(src)!);
			srcPairs.push(n);
		};
		names.forEach(([, s], i) => {
			const o = i * 5;
			numbers[o] = s.count;
			numbers[o + 1] = s.strong;
			numbers[o + 2] = s.votes[0];
			numbers[o + 3] = s.votes[1];
			numbers[o + 4] = s.votes[2];
			s.sources.forEach(pushPair);
			srcOffsets[i + 1] = srcPairs.length / 2;
			if (s.surfaces) {
				hasSurfaces[i] = 1;
				for (const [t, n] of s.surfaces) {
					surfTexts.push(t);
					surfCounts.push(n);
				}
			}
			surfOffsets[i + 1] = surfTexts.length;
			best.push(s.best ?? null);
			ids.push(s.id ?? null);
		});
		return {
			sources: sourceKeys.map((k) => ({ key: k, extra: this.sources.get(k)!.extra.map((c) => [c.start, c.end, c.text, c.key] as [number, number, string, string]) })),
			names: {
				keys: names.map(([k]) => k),
				numbers,
				srcOffsets,
				srcPairs: srcPairs.take(),
				surfOffsets,
				hasSurfaces,
				surfTexts,
				surfCounts: Float64Array.from(surfCounts),
				best,
				ids,
			},
			...this.clusters.entries(),
			longByPrefix: [...this.longByPrefix],
			surnameLinks: [...this.surnameLinks].map(([k, m]) => [k, [...m]]),
			displayCache: [...this.displayCache],
			derived: derivedColumns(d),
		};
	}

	/**
	 * Restores what `snapshot()` saved, into an index made with the same alias table that has
	 * learnt nothing yet. `scanOf(i)` and `texts[i]` are the name scan and text of the snapshot's i-th source.
	 */
	restore(snap: EntitySnapshot, scanOf: (i: number) => NameScan, texts: readonly string[]): void {
		if (this.sources.size || this.names.size) throw new Error('EntityIndex.restore needs an empty index');
		snap.sources.forEach((s, i) => {
			const extra = s.extra.map(([start, end, text, key]): Candidate => ({ start, end, text, key, strong: true }));
			const rec = { key: s.key, text: texts[i]!, extra } as SourceRecord;
			// read again only when the sources change (or the mentions of one are asked for), and then
			// only its links and pairs kept, as for a source merged packed
			lazyProperty(rec, 'scan', () => candidatesOnDemand(scanOf(i), () => scanOf(i)));
			this.sources.set(s.key, rec);
		});
		this.names.restore(snap.names, snap.sources.map((s) => s.key));
		this.clusters.restore(snap.parent, snap.members);
		for (const [k, v] of snap.longByPrefix) this.longByPrefix.set(k, [...v]);
		for (const [k, v] of snap.surnameLinks) this.surnameLinks.set(k, new Map(v));
		for (const [k, v] of snap.displayCache) this.displayCache.set(k, { ...v });
		this.structureDirty = false;
		this.drafting = undefined;
		this.generation++;
		this.derived = { generation: this.generation, ...derivedFrom(snap.derived) };
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
		this.uncased = [...this.table].filter(([, t]) => UNCASED_RE.test(t.written)).map(([key, t]) => [key, t.written]);
		this.structureDirty = true;
		this.generation++;
	}

	/** Adds (sign 1) or subtracts (-1) a source's mentions to the name statistics; returns names newly shown to exist. */
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
				const root = this.clusters.find(c.key);
				if (this.clusters.groupOf(root)) this.displayCache.delete(root);
				const before = stat.strong;
				stat.strong += sign;
				// Newly shown to exist: one strong mention, or two for an ordinary word.
				if (sign > 0 && before <= 1 && stat.strong === (isOrdinaryWord(c.key) ? 2 : 1)) newlyKnown.push(c.key);
				const surfaces = (stat.surfaces ??= new Map());
				const n = (surfaces.get(c.text) ?? 0) + sign;
				if (n > 0) surfaces.set(c.text, n);
				else surfaces.delete(c.text);
				if (sign > 0 ? c.text !== stat.best && betterSurface(c.text, n, stat.best, stat.best ? (surfaces.get(stat.best) ?? 0) : 0) : c.text === stat.best) {
					stat.best = sign > 0 ? c.text : undefined;
					stat.id = undefined;
				}
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
			stat = newNameStat(0, 0, newVotes(), new Map());
			this.names.set(key, stat);
		}
		const n = (stat.sources.get(source) ?? 0) + sign;
		if (n > 0) stat.sources.set(source, n);
		else stat.sources.delete(source);
		return stat;
	}

	/** A name is known once strong mentions show it (two for an ordinary word: one "alarm Let us" is a typo), or a table lists it. */
	private isKnownKey(key: string): boolean {
		const strong = this.names.strongOf(key);
		return strong >= (strong === 1 && isOrdinaryWord(key) ? 2 : 1) || this.table.has(key);
	}

	/** Known: the key, or a name clustered with it, is. */
	private isKnown(key: string): boolean {
		if (this.isKnownKey(key)) return true;
		const members = this.clusters.groupOf(this.clusters.find(key));
		return members !== undefined && members.some((m) => this.isKnownKey(m));
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
		this.idStrings.clear();
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
		for (const [key, stat] of this.names) if (stat.strong >= (isOrdinaryWord(key) ? 2 : 1)) this.linkPrefixes(key);
	}

	// ---- resolving -----------------------------------------------------------------------------

	private idOf(key: string): string {
		const root = this.clusters.find(key);
		const group = this.clusters.groupOf(root);
		if (!group && !this.table.has(root)) return this.ownId(root);
		let display = this.displayCache.get(root);
		if (!display) {
			const d = displayKey(group ?? [root], this.names, this.table);
			display = { ...d, id: d.written ? d.written.toLowerCase() : this.ownId(d.key) };
			this.displayCache.set(root, display);
		}
		return display.id;
	}

	/** The id of a name as an entity of its own: its best written form, lower-cased. */
	private ownId(key: string): string {
		const stat = this.names.get(key);
		if (!stat) return this.table.get(key)?.name.toLowerCase() ?? key;
		if (stat.id === undefined) {
			stat.best ??= bestSurface(stat, key);
			stat.id = displayForm(stat.best).toLowerCase();
		}
		return stat.id;
	}

	/** The name of a name as an entity of its own. */
	private ownName(key: string): string {
		const stat = this.names.get(key);
		return displayForm(stat ? (stat.best ??= bestSurface(stat, key)) : key);
	}

	/**
	 * Entity ids as mentions hold them: one string per id, where the ids are made anew by
	 * `toLowerCase` each time a name's display changes (~600,000 strings for the x10 corpus's mentions).
	 */
	private readonly idStrings = new Map<string, string>();

	private interned(id: string): string {
		const s = this.idStrings.get(id);
		if (s !== undefined) return s;
		this.idStrings.set(id, id);
		return id;
	}

	private resolveSource(rec: SourceRecord, resolve: Resolver): EntityMention[] {
		const out: EntityMention[] = [];
		const cands = rec.scan.candidates;
		let strongKeys: Set<string> | undefined;
		for (let i = 0; i < cands.length; ) {
			const c = cands[i];
			if (c.group === undefined) {
				let id = (c.linkKey && resolve(c.linkKey)) || ((c.strong || this.caseFits(c.text, c.key)) && resolve(c.key));
				// "Zorvex said" at a sentence's start, in a text that names Zorvex Labs: its short form
				const longs = !id && !c.strong ? this.longByPrefix.get(c.key) : undefined;
				if (longs) {
					strongKeys ??= new Set(cands.filter((x) => x.strong && x.group === undefined).map((x) => x.key));
					const long = longs.filter((l) => strongKeys!.has(l));
					if (long.length === 1) id = resolve(long[0]!);
				}
				if (id) out.push({ entityId: this.interned(id), start: c.start, end: c.end, text: c.text });
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
					out.push({ entityId: this.interned(id), start: g.start, end: g.end, text: g.text });
					lastEnd = g.end;
				}
			}
		}
		for (const c of rec.extra) {
			const id = resolve(c.key);
			if (id) out.push({ entityId: this.interned(id), start: c.start, end: c.end, text: c.text });
		}
		return nonOverlapping(out);
	}

	/** Acronym-only names ("US") match only when written in capitals: "Us" is not the United States. */
	private caseFits(written: string, key: string): boolean {
		if (key.length > 5 || key.includes(' ') || !LOWER_RE.test(written)) return true;
		const t = this.table.get(key);
		if (t && LOWER_RE.test(t.written)) return true;
		const stat = this.names.get(key);
		if (stat?.surfaces) for (const s of stat.surfaces.keys()) if (LOWER_RE.test(s)) return true;
		return !t && !stat?.surfaces?.size;
	}

	/** Alias-table names with no capital letters to scan for (鴻海), found by plain search. */
	private findUncased(text: string): Candidate[] {
		const out: Candidate[] = [];
		for (const [key, written] of this.uncased) {
			for (let at = text.indexOf(written); at >= 0; at = text.indexOf(written, at + written.length)) {
				out.push({ start: at, end: at + written.length, text: written, key, strong: true });
			}
		}
		return out;
	}

	// ---- entities ------------------------------------------------------------------------------

	/**
	 * Drafts entities for at most about `budgetMs` (see `derive`); true once the entities are
	 * derived. The server calls it between turns of its event loop when indexing ends: deriving
	 * them in one go took ~50 ms for SOTU and more for larger corpora. A change part way starts it
	 * again; a query before it is done finishes it at once.
	 */
	prepare(budgetMs: number): boolean {
		return this.derived?.generation === this.generation || this.deriveUntil(sliceBudget(budgetMs, 64));
	}

	/**
	 * Derives the entities until `stop()` says so (a unit of work at a time: a name drafted, a
	 * pair tallied, an entity counted); true once they are derived (in `derived`).
	 */
	private deriveUntil(stop: () => boolean): boolean {
		if (!this.draftEntities(stop)) return false;
		const d = this.drafting!;
		const { byRoot } = d;
		if (!d.pairs) d.pairs = { typing: new PartnerTypes(byRoot, (k) => this.clusters.find(k)), sources: [...this.sources.values()], source: 0, pair: 0 };
		const p = d.pairs;
		for (; p.source < p.sources.length; p.source++, p.pair = 0, p.list = undefined) {
			const pairs = (p.list ??= p.sources[p.source]!.scan.pairs);
			while (p.pair < pairs.length) {
				const [a, b] = pairs[p.pair++]!;
				p.typing.add(a, b);
				if (stop()) return false;
			}
		}
		if (!d.counting) {
			p.typing.apply();
			const byKey = new Map<string, DraftEntity>();
			for (const e of byRoot.values()) for (const m of e.keys) byKey.set(m, e);
			mergeSurnames(this.surnameLinks, byRoot, byKey);
			addSurnameAliases(byRoot, byKey);
			d.counting = { byKey, entities: byRoot.values(), sourceCount: new Map(), mentioned: [] };
			if (stop()) return false;
		}
		const { byKey, entities, sourceCount, mentioned } = d.counting;
		for (let next = entities.next(); !next.done; next = entities.next()) {
			const e = next.value;
			let n = 0;
			if (e.keys.length === 1) n = this.names.get(e.keys[0])?.sources.size ?? 0;
			else {
				const sources = new Set<string>();
				for (const k of e.keys) for (const src of this.names.get(k)?.sources.keys() ?? []) sources.add(src);
				n = sources.size;
			}
			if (n > 0) {
				sourceCount.set(e.root, n);
				mentioned.push({ e, n });
			}
			if (stop()) return false;
		}
		mentioned.sort((a, b) => b.n - a.n || (a.e.id < b.e.id ? -1 : a.e.id > b.e.id ? 1 : 0));
		this.derived = { generation: this.generation, byKey, mentioned: mentioned.map((m) => m.e), sourceCount };
		this.drafting = undefined;
		return true;
	}

	/** Drafts the entities of every known name, until `stop()` says so; true when all are drafted (in `drafting`). */
	private draftEntities(stop: () => boolean): boolean {
		if (this.structureDirty) this.rebuild();
		let d = this.drafting;
		if (!d || d.generation !== this.generation) {
			const all = [this.names.keys(), this.table.keys()];
			function* keys(): Generator<string> {
				for (const k of all) yield* k;
			}
			d = this.drafting = { generation: this.generation, keys: keys(), byRoot: new Map(), seen: new Set() };
		}
		const { byRoot, seen } = d;
		for (let next = d.keys.next(); !next.done; next = d.keys.next()) {
			const key = next.value;
			const root = this.clusters.find(key);
			const group = this.clusters.groupOf(root);
			if (!group) {
				if (this.isKnownKey(key)) byRoot.set(key, this.draft(key, [key]));
			} else if (!seen.has(root)) {
				seen.add(root);
				if (group.some((m) => this.isKnownKey(m))) byRoot.set(root, this.draft(root, group));
			}
			if (stop()) return false;
		}
		return true;
	}

	/** Builds the entities (names, types, aliases) from the clusters; cached until the next change. */
	private derive(): Derived {
		if (this.derived?.generation !== this.generation) this.deriveUntil(() => false);
		return this.derived!;
	}

	private draft(root: string, members: string[]): DraftEntity {
		const id = this.idOf(root);
		const display = this.displayCache.get(root);
		const name = display?.written ?? this.ownName(display?.key ?? root);
		const votes = newVotes();
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
			// The lexicon's place or organization weighs more the more the name is used: a country signs
			// "agreements with" often, and stays a country. (First names do not: Salvador, Santiago.)
			const prior = stat.strong > 0 ? lexiconPrior(m) : undefined;
			const weight = 1 + stat.strong / 4;
			for (let k = 0; k < 3; k++) votes[k] += stat.votes[k] + (prior ? prior[k] * (k === 1 ? 1 : weight) : 0);
			for (const s of stat.surfaces?.keys() ?? []) forms.add(s);
		}
		forms.delete(name);
		const type: EntityType = fixed?.type ?? typeFromVotes(votes).type;
		return { id, name, type, aliases: [...forms], root, keys: [...members], votes, fixedType: fixed !== undefined };
	}
}

/** The derived entities as columns (see `DerivedColumns`). */
function derivedColumns(d: Derived): DerivedColumns {
	const { list: strings, of: str } = numbering<string>();
	const { list: entities, of: indexOf } = numbering<DraftEntity>();
	const byKey = new IntList();
	for (const [k, e] of d.byKey) {
		byKey.push(str(k));
		byKey.push(indexOf(e));
	}
	const mentioned = Int32Array.from(d.mentioned, indexOf);
	const sourceCount = new IntList();
	for (const [root, n] of d.sourceCount) {
		sourceCount.push(str(root));
		sourceCount.push(n);
	}
	const n = entities.length;
	const fields = new Int32Array(n * 3);
	const kinds = new Uint8Array(n);
	const votes = new Float64Array(n * 3);
	const aliasOffsets = new Int32Array(n + 1);
	const aliases = new IntList();
	const keyOffsets = new Int32Array(n + 1);
	const keys = new IntList();
	entities.forEach((e, i) => {
		fields[i * 3] = str(e.id);
		fields[i * 3 + 1] = str(e.name);
		fields[i * 3 + 2] = str(e.root);
		kinds[i] = ENTITY_TYPES.indexOf(e.type) + (e.fixedType ? FIXED_TYPE : 0);
		votes.set(e.votes, i * 3);
		for (const a of e.aliases) aliases.push(str(a));
		aliasOffsets[i + 1] = aliases.length;
		for (const k of e.keys) keys.push(str(k));
		keyOffsets[i + 1] = keys.length;
	});
	return { strings, fields, kinds, votes, aliasOffsets, aliases: aliases.take(), keyOffsets, keys: keys.take(), byKey: byKey.take(), mentioned, sourceCount: sourceCount.take() };
}

/** Numbers values in the order they are first met: `of(v)` is v's number, `list` the values by number. */
function numbering<T>(): { list: T[]; of: (v: T) => number } {
	const list: T[] = [];
	const index = new Map<T, number>();
	const of = (v: T): number => {
		let i = index.get(v);
		if (i === undefined) {
			index.set(v, (i = list.length));
			list.push(v);
		}
		return i;
	};
	return { list, of };
}

/** The derived entities that `derivedColumns` saved, made again (each entity, its arrays, the maps). */
function derivedFrom(c: DerivedColumns): Omit<Derived, 'generation'> {
	const { strings, fields, kinds, votes, aliasOffsets, keyOffsets } = c;
	const listOf = (ids: Int32Array, from: number, to: number): string[] => {
		const out: string[] = [];
		for (let j = from; j < to; j++) out.push(strings[ids[j]!]!);
		return out;
	};
	const entities: DraftEntity[] = [];
	for (let i = 0; i < kinds.length; i++) {
		const kind = kinds[i]!;
		entities.push({
			id: strings[fields[i * 3]!]!,
			name: strings[fields[i * 3 + 1]!]!,
			type: ENTITY_TYPES[kind & (FIXED_TYPE - 1)]!,
			aliases: listOf(c.aliases, aliasOffsets[i]!, aliasOffsets[i + 1]!),
			root: strings[fields[i * 3 + 2]!]!,
			keys: listOf(c.keys, keyOffsets[i]!, keyOffsets[i + 1]!),
			votes: newVotes(votes[i * 3]!, votes[i * 3 + 1]!, votes[i * 3 + 2]!),
			fixedType: (kind & FIXED_TYPE) !== 0,
		});
	}
	const byKey = new Map<string, DraftEntity>();
	for (let j = 0; j < c.byKey.length; j += 2) byKey.set(strings[c.byKey[j]!]!, entities[c.byKey[j + 1]!]!);
	const sourceCount = new Map<string, number>();
	for (let j = 0; j < c.sourceCount.length; j += 2) sourceCount.set(strings[c.sourceCount[j]!]!, c.sourceCount[j + 1]!);
	return { byKey, mentioned: Array.from(c.mentioned, (i) => entities[i]!), sourceCount };
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
