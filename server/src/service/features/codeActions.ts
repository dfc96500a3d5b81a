/**
 * Quick fixes built from what each diagnostic carries in `data`: the code action only builds the
 * edit. Plus the source action "Cite all uncited figures".
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Position, type TextEdit } from 'vscode-languageserver-types';
import { Code, type FixData } from './diagnostics';

/** The kind of the source action that cites every uncited figure. */
export const citeAllKind = `${CodeActionKind.Source}.citeAll.groundedNotes`;

function dataOf(d: Diagnostic): FixData | undefined {
	const data = d.data as FixData | undefined;
	return data && typeof data === 'object' && typeof data.code === 'string' ? data : undefined;
}

function action(title: string, uri: string, edits: TextEdit[], diagnostic: Diagnostic | undefined, preferred = false): CodeAction {
	const a: CodeAction = { title, kind: CodeActionKind.QuickFix, edit: { changes: { [uri]: edits } } };
	if (diagnostic) a.diagnostics = [diagnostic];
	if (preferred) a.isPreferred = true;
	return a;
}

/** The edit that cites `key` in a sentence: into its citation group if it has one, else a new group. */
export function citeEdit(data: FixData, key: string): TextEdit | undefined {
	if (data.groupEnd) return { range: { start: data.groupEnd, end: data.groupEnd }, newText: `; @${key}` };
	if (data.citeAt) return { range: { start: data.citeAt, end: data.citeAt }, newText: ` [@${key}]` };
	return undefined;
}

/** Quick fixes for the diagnostics in a code-action request. */
export function quickFixes(uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
	const out: CodeAction[] = [];
	for (const d of diagnostics) {
		const data = dataOf(d);
		if (!data) continue;
		switch (data.code) {
			case Code.unknownCitation:
				(data.suggestions ?? []).forEach((s, i) => out.push(action(`Change to \`${s}\``, uri, [{ range: d.range, newText: s }], d, i === 0)));
				break;
			case Code.figureMismatch:
				if (data.replacement) out.push(action(`Replace with ${data.replacement}`, uri, [{ range: d.range, newText: data.replacement }], d, true));
				break;
			case Code.notInCitedSource: {
				const keys = data.keys ?? [];
				// one citation to swap: change it; otherwise add the source that does state it
				if (data.cited?.length === 1) for (const k of keys) out.push(action(`Change citation to ${k}`, uri, [{ range: data.cited[0]!.range, newText: k }], d, k === keys[0]));
				for (const k of keys) {
					const e = citeEdit(data, k);
					if (e) out.push(action(`Cite ${k}`, uri, [e], d, data.cited?.length !== 1 && k === keys[0]));
				}
				break;
			}
			case Code.uncitedFigure:
				for (const k of data.keys ?? []) {
					const e = citeEdit(data, k);
					if (e) out.push(action(`Cite ${k}`, uri, [e], d, k === data.keys![0]));
				}
				break;
			default:
				break;
		}
	}
	return out;
}

/** "Cite all uncited figures": one edit citing the first stating source of each uncited figure. */
export function citeAllUncited(uri: string, diagnostics: readonly Diagnostic[]): CodeAction | undefined {
	const bySentence = new Map<string, { at: Position; keys: Set<string>; data: FixData }>();
	const covered: Diagnostic[] = [];
	for (const d of diagnostics) {
		const data = dataOf(d);
		if (data?.code !== Code.uncitedFigure || !data.keys?.length || !data.citeAt) continue;
		const at = data.citeAt;
		const id = `${at.line}:${at.character}`;
		let entry = bySentence.get(id);
		if (!entry) bySentence.set(id, (entry = { at, keys: new Set(), data }));
		entry.keys.add(data.keys[0]!);
		covered.push(d);
	}
	if (!bySentence.size) return undefined;
	const edits: TextEdit[] = [];
	for (const { keys, data } of bySentence.values()) {
		const list = [...keys];
		if (data.groupEnd) edits.push({ range: { start: data.groupEnd, end: data.groupEnd }, newText: list.map((k) => `; @${k}`).join('') });
		else edits.push({ range: { start: data.citeAt!, end: data.citeAt! }, newText: ` [${list.map((k) => `@${k}`).join('; ')}]` });
	}
	return { title: `Cite all uncited figures (${covered.length})`, kind: citeAllKind, diagnostics: covered, edit: { changes: { [uri]: edits } } };
}
