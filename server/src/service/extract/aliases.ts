/**
 * Alias tables: the built-in one (a few countries and unions whose short forms no rule can tie to
 * the long ones) and the user's alias file (setting `groundedNotes.aliases`, JSON or YAML).
 */
import { parseDocument } from 'yaml';
import type { EntityType } from '../types';

/** Names the user (or the built-in table) says belong to one entity. */
export interface AliasTable {
	entities: Array<{ name: string; type?: EntityType; aliases: string[] }>;
}

/** Countries and unions written in ways no general rule ties together (U.S. = USA = America). */
export const BUILTIN_ALIASES: AliasTable = {
	entities: [
		{ name: 'United States', type: 'place', aliases: ['US', 'U.S.', 'USA', 'U.S.A.', 'United States of America', 'America', 'American'] },
		{ name: 'United Kingdom', type: 'place', aliases: ['UK', 'U.K.', 'Britain', 'Great Britain'] },
		{ name: 'European Union', type: 'organization', aliases: ['EU', 'E.U.'] },
		{ name: 'United Nations', type: 'organization', aliases: ['UN', 'U.N.'] },
		{ name: 'United Arab Emirates', type: 'place', aliases: ['UAE', 'U.A.E.'] },
		{ name: 'China', type: 'place', aliases: ["People's Republic of China", 'PRC', 'Mainland China'] },
		{ name: 'Soviet Union', type: 'place', aliases: ['USSR', 'U.S.S.R.'] },
		{ name: 'South Korea', type: 'place', aliases: ['Republic of Korea', 'ROK'] },
	],
};

const TYPES: readonly EntityType[] = ['organization', 'person', 'place', 'other'];
const EXAMPLE = '{ "entities": [ { "name": "Foxconn", "type": "organization", "aliases": ["Hon Hai"] } ] }';

/**
 * Parses an alias file (JSON, or YAML for `.yaml`/`.yml`) of the shape
 * `{ entities: [ { name, type?, aliases } ] }`. Never throws: keeps every valid entry and says
 * what is wrong with the others and how to fix it.
 */
export function parseAliasFile(text: string, fileName: string): { table: AliasTable; errors: string[] } {
	const errors: string[] = [];
	const table: AliasTable = { entities: [] };
	try {
		const data = parseData(text, fileName, errors);
		if (data !== undefined) readTable(data, fileName, table, errors);
	} catch (e) {
		errors.push(`${fileName}: could not be read (${e instanceof Error ? e.message : String(e)}).`);
	}
	return { table, errors };
}

function parseData(text: string, fileName: string, errors: string[]): unknown {
	const yaml = /\.ya?ml$/i.test(fileName);
	if (text.trim() === '') {
		errors.push(`${fileName}: the file is empty. Write ${yaml ? 'entities: [...]' : EXAMPLE}.`);
		return undefined;
	}
	if (!yaml) {
		try {
			return JSON.parse(text) as unknown;
		} catch (e) {
			const message = e instanceof Error ? e.message : String(e);
			const at = /position (\d+)/.exec(message);
			const where = at ? ` at ${lineColumn(text, Number(at[1]))}` : '';
			const line = /line (\d+) column (\d+)/.exec(message);
			errors.push(
				`${fileName}: invalid JSON${where || (line ? ` at line ${line[1]}, column ${line[2]}` : '')}: ${message.replace(/\s*in JSON at position \d+.*$/, '')}. ` +
					'Check for a missing comma or quote, or a trailing comma; or write the file as YAML (.yaml).',
			);
			return undefined;
		}
	}
	const doc = parseDocument(text);
	if (doc.errors.length > 0) {
		for (const err of doc.errors.slice(0, 5)) {
			const pos = err.linePos?.[0];
			const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
			errors.push(`${fileName}: invalid YAML${where}: ${err.message.split('\n')[0]}. Check the indentation and that lists start with "- ".`);
		}
		return undefined;
	}
	return doc.toJS() as unknown;
}

function lineColumn(text: string, offset: number): string {
	let line = 1;
	let col = 1;
	for (let i = 0; i < offset && i < text.length; i++) {
		if (text.charCodeAt(i) === 10) {
			line++;
			col = 1;
		} else col++;
	}
	return `line ${line}, column ${col}`;
}

function readTable(data: unknown, fileName: string, table: AliasTable, errors: string[]): void {
	let list: unknown;
	if (Array.isArray(data)) {
		errors.push(`${fileName}: the top level is a list; put it under "entities" (${EXAMPLE}). Read it anyway.`);
		list = data;
	} else if (data !== null && typeof data === 'object') {
		list = (data as Record<string, unknown>).entities;
		if (list === undefined) {
			errors.push(`${fileName}: no "entities" list. Write ${EXAMPLE}.`);
			return;
		}
		if (!Array.isArray(list)) {
			errors.push(`${fileName}: "entities" must be a list of { name, type, aliases } entries, not ${describe(list)}.`);
			return;
		}
	} else {
		errors.push(`${fileName}: expected an object with an "entities" list, found ${describe(data)}. Write ${EXAMPLE}.`);
		return;
	}
	(list as unknown[]).forEach((item, i) => {
		const where = `${fileName}: entities[${i}]`;
		if (item === null || typeof item !== 'object' || Array.isArray(item)) {
			errors.push(`${where} is ${describe(item)}; each entry must be an object like { "name": "Foxconn", "aliases": ["Hon Hai"] }.`);
			return;
		}
		const entry = item as Record<string, unknown>;
		const name = typeof entry.name === 'string' ? entry.name.trim() : '';
		if (!name) {
			errors.push(`${where} has no "name"; add the name to show, e.g. "name": "Foxconn". Entry skipped.`);
			return;
		}
		let type: EntityType | undefined;
		if (entry.type !== undefined) {
			if (typeof entry.type === 'string' && (TYPES as readonly string[]).includes(entry.type.toLowerCase())) type = entry.type.toLowerCase() as EntityType;
			else errors.push(`${where} ("${name}"): "type" is ${describe(entry.type)}; use one of ${TYPES.join(', ')} (or leave it out). Type ignored.`);
		}
		const aliases: string[] = [];
		const raw = entry.aliases;
		if (typeof raw === 'string') aliases.push(raw.trim());
		else if (Array.isArray(raw)) {
			raw.forEach((a, j) => {
				if (typeof a === 'string' && a.trim()) aliases.push(a.trim());
				else if (typeof a === 'number') aliases.push(String(a));
				else errors.push(`${where} ("${name}"): aliases[${j}] is ${describe(a)}; each alias must be a non-empty string. Alias skipped.`);
			});
		} else if (raw !== undefined) {
			errors.push(`${where} ("${name}"): "aliases" must be a list of strings, e.g. ["Hon Hai", "鴻海"]. Aliases ignored.`);
		}
		for (const k of Object.keys(entry)) {
			if (k !== 'name' && k !== 'type' && k !== 'aliases') errors.push(`${where} ("${name}"): unknown field "${k}" ignored (fields are name, type, aliases).`);
		}
		table.entities.push(type ? { name, type, aliases } : { name, aliases });
	});
}

function describe(v: unknown): string {
	if (v === null) return 'null';
	if (Array.isArray(v)) return 'a list';
	if (typeof v === 'string') return `"${v.length > 30 ? `${v.slice(0, 30)}…` : v}"`;
	return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}
