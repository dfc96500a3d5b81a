/**
 * The source action that inserts, or brings up to date, a `## References` section at the end of a
 * note listing the sources it cites. Keys are written as code (`` `@key` ``) so that neither Pandoc
 * nor Grounded Notes reads the list as citations; applying the action twice changes nothing.
 */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import type { LineIndex } from '../positions';

/** The kind of the source action that writes the References section. */
export const referencesKind = `${CodeActionKind.Source}.references.groundedNotes`;

/** The heading the section goes under. */
export const REFERENCES_HEADING = '## References';

/** One cited source, as the section lists it. */
export interface ReferenceEntry {
	key: string;
	title: string;
	date?: string;
}

/** Where a note's References section lies: from its heading to the next heading of its level or above, or the end. */
export function referencesSectionRange(text: string): { start: number; end: number } | undefined {
	const headings: Array<{ start: number; level: number; title: string }> = [];
	let fence: string | undefined;
	const re = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
	for (let m = re.exec(text); m && m[0]; m = re.exec(text)) {
		const line = m[0].replace(/[\r\n]+$/, '');
		const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
		if (f) {
			if (!fence) fence = f[1]![0];
			else if (f[1]![0] === fence) fence = undefined;
			continue;
		}
		if (fence) continue;
		const h = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
		if (h) headings.push({ start: m.index, level: h[1]!.length, title: h[2]!.trim() });
	}
	let at = -1;
	for (let i = 0; i < headings.length; i++) if (headings[i]!.level === 2 && /^references$/i.test(headings[i]!.title)) at = i;
	if (at < 0) return undefined;
	const next = headings.slice(at + 1).find((h) => h.level <= 2);
	return { start: headings[at]!.start, end: next ? next.start : text.length };
}

function escape(s: string): string {
	return s.replace(/([\\`*_[\]<>#|~])/g, '\\$1').replace(/\s+/g, ' ').trim();
}

/** The References section for these entries, in the order given. */
export function referencesSection(entries: readonly ReferenceEntry[], eol = '\n'): string {
	const lines = [REFERENCES_HEADING, ''];
	for (const e of entries) lines.push(`- ${escape(e.title)}${e.date ? ` (${e.date})` : ''} — \`@${e.key}\``);
	if (!entries.length) lines.push('No sources are cited yet.');
	return lines.join(eol) + eol;
}

/** The action that writes the section into a note, or undefined when the section is already up to date. */
export function referencesAction(uri: string, text: string, lines: LineIndex, entries: readonly ReferenceEntry[]): CodeAction | undefined {
	const eol = /\r\n/.test(text) ? '\r\n' : '\n';
	const section = referencesSection(entries, eol);
	const existing = referencesSectionRange(text);
	let start: number;
	let end: number;
	let newText: string;
	if (existing) {
		const next = existing.end < text.length;
		const want = next ? section + eol : section;
		if (text.slice(existing.start, existing.end).trimEnd() === want.trimEnd()) return undefined;
		({ start, end } = existing);
		newText = want;
	} else {
		if (!entries.length) return undefined;
		start = end = text.length;
		newText = (text.length ? (text.endsWith(eol + eol) ? '' : text.endsWith(eol) ? eol : eol + eol) : '') + section;
	}
	return {
		title: existing ? 'Update the References section' : 'Add a References section',
		kind: referencesKind,
		edit: { changes: { [uri]: [{ range: lines.range(start, end), newText }] } },
	};
}
