/**
 * The statistics of every name the entity index knows (`NameStat`), kept as a Map is. Those
 * restored from a snapshot are made from its columns when first read: a warm start restored
 * ~12,000 of them for SOTU, each with a Map of sources, a list of votes and often a Map of
 * surfaces (~50,000 objects, and the garbage collection they caused), and most are never read
 * before the sources change.
 */
import { type NameStat, newNameStat } from './nameClusters';
import { newVotes } from './nameContext';

/** A snapshot's name statistics as columns (see `EntitySnapshot.names`). */
export interface NameColumns {
	keys: string[];
	/** count, strong and the three votes, per name. */
	numbers: Float64Array;
	/** Name i's (source index, occurrences) pairs are `srcPairs[2j], srcPairs[2j + 1]` for j in [srcOffsets[i], srcOffsets[i + 1]). */
	srcOffsets: Int32Array;
	srcPairs: Int32Array;
	/** Name i's surfaces are `surfTexts[j]`, `surfCounts[j]` for j in [surfOffsets[i], surfOffsets[i + 1]), if `hasSurfaces[i]`. */
	surfOffsets: Int32Array;
	hasSurfaces: Uint8Array;
	surfTexts: string[];
	surfCounts: Float64Array;
	best: Array<string | null>;
	ids: Array<string | null>;
}

/** Name key → its statistics; a number stands for row `n` of the restored columns, not made yet. */
export class NameStats {
	private readonly map = new Map<string, NameStat | number>();
	private columns: { names: NameColumns; sourceKeys: readonly string[] } | undefined;

	get size(): number {
		return this.map.size;
	}

	get(key: string): NameStat | undefined {
		const v = this.map.get(key);
		return typeof v === 'number' ? this.made(key, v) : v;
	}

	/** A name's strong mentions (0 when unknown), without making its statistics. */
	strongOf(key: string): number {
		const v = this.map.get(key);
		return v === undefined ? 0 : typeof v === 'number' ? this.columns!.names.numbers[v * 5 + 1]! : v.strong;
	}

	has(key: string): boolean {
		return this.map.has(key);
	}

	set(key: string, stat: NameStat): this {
		this.map.set(key, stat);
		return this;
	}

	delete(key: string): boolean {
		return this.map.delete(key);
	}

	clear(): void {
		this.map.clear();
		this.columns = undefined;
	}

	keys(): IterableIterator<string> {
		return this.map.keys();
	}

	*[Symbol.iterator](): IterableIterator<[string, NameStat]> {
		// (replacing the value of a key already there does not disturb a Map's iteration)
		for (const [key, v] of this.map) yield [key, typeof v === 'number' ? this.made(key, v) : v];
	}

	/** Takes a snapshot's names (in an empty table): each is made when first read. `sourceKeys[i]` is source i's key. */
	restore(names: NameColumns, sourceKeys: readonly string[]): void {
		if (this.map.size) throw new Error('NameStats.restore needs an empty table');
		this.columns = { names, sourceKeys };
		for (let i = 0; i < names.keys.length; i++) this.map.set(names.keys[i]!, i);
	}

	private made(key: string, i: number): NameStat {
		const { names: n, sourceKeys } = this.columns!;
		const o = i * 5;
		const sources = new Map<string, number>();
		for (let j = n.srcOffsets[i]!; j < n.srcOffsets[i + 1]!; j++) sources.set(sourceKeys[n.srcPairs[2 * j]!]!, n.srcPairs[2 * j + 1]!);
		const stat = newNameStat(n.numbers[o]!, n.numbers[o + 1]!, newVotes(n.numbers[o + 2]!, n.numbers[o + 3]!, n.numbers[o + 4]!), sources);
		if (n.hasSurfaces[i]) {
			stat.surfaces = new Map();
			for (let j = n.surfOffsets[i]!; j < n.surfOffsets[i + 1]!; j++) stat.surfaces.set(n.surfTexts[j]!, n.surfCounts[j]!);
		}
		if (n.best[i] !== null) stat.best = n.best[i]!;
		if (n.ids[i] !== null) stat.id = n.ids[i]!;
		this.map.set(key, stat);
		return stat;
	}
}
