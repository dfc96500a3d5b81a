/** Helpers for service tests: an in-memory workspace and notes with the cursor marked in them. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { createLanguageService, type ILanguageService } from '../../server/src/service';

/** The marker of the cursor in a test note. */
export const CURSOR = '$$CURSOR$$';

export const ROOT = path.resolve(__dirname, '../..');
export const SEEDS = path.join(ROOT, 'seeds');
export const FOLDER = 'file:///ws';

/** The seed files: key → text. */
export function seedTexts(): Map<string, string> {
	const out = new Map<string, string>();
	for (const f of fs.readdirSync(SEEDS).sort()) out.set(f.replace(/\.[^.]+$/, ''), fs.readFileSync(path.join(SEEDS, f), 'utf8'));
	return out;
}

/** The seed keys in file order: A..E of the dev claims. */
export const KEYS = [...seedTexts().keys()];

let shared: ILanguageService | undefined;
/** A service over the five seeds (built once; tests must not change its sources). */
export function seededService(): ILanguageService {
	if (shared) return shared;
	shared = createLanguageService();
	shared.setFolders([FOLDER]);
	for (const f of fs.readdirSync(SEEDS).sort()) shared.setSource(`${FOLDER}/seeds/${f}`, fs.readFileSync(path.join(SEEDS, f), 'utf8'));
	return shared;
}

/** A service over the given sources (name → text). */
export function serviceWith(sources: Record<string, string>): ILanguageService {
	const s = createLanguageService();
	s.setFolders([FOLDER]);
	for (const [name, text] of Object.entries(sources)) s.setSource(`${FOLDER}/sources/${name}`, text);
	return s;
}

let n = 0;
/** A note document; `$$CURSOR$$` in the text marks the cursor, returned as `position`. */
export function note(textWithCursor: string, name = `note-${++n}.md`): { doc: TextDocument; position: Position; text: string } {
	const at = textWithCursor.indexOf(CURSOR);
	const text = at >= 0 ? textWithCursor.slice(0, at) + textWithCursor.slice(at + CURSOR.length) : textWithCursor;
	const doc = TextDocument.create(`${FOLDER}/notes/${name}`, 'markdown', 1, text);
	return { doc, position: doc.positionAt(Math.max(0, at)), text };
}

/** Applies a workspace edit's changes for a document and returns the new text. */
export function applyEdit(doc: TextDocument, edit: WorkspaceEdit | undefined): string {
	const edits: TextEdit[] = edit?.changes?.[doc.uri] ?? [];
	return TextDocument.applyEdits(doc, edits);
}

/** The text a range covers. */
export function textAt(doc: TextDocument, range: { start: Position; end: Position }): string {
	return doc.getText(range);
}
