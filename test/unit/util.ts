/** Helpers for service tests: an in-memory workspace and notes with the cursor marked in them. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import * as v8 from 'node:v8';
import { createLanguageService, type ILanguageService } from '../../server/src/service';
import { Corpus } from '../../server/src/service/sources/corpus';
import { buildRecord, isPackedRecord, packRecord, unpackRecord } from '../../server/src/service/sources/record';

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

/**
 * The same sources indexed twice: from their texts, and merged from their records packed and
 * copied as a worker or the cache would (given the packed record too when `keep`, as the server does).
 */
export function directAndMerged(sources: ReadonlyArray<{ uri: string; text: string }>, keep: boolean): { direct: Corpus; merged: Corpus } {
	const direct = new Corpus();
	direct.batch(true);
	for (const s of sources) direct.set(s.uri, s.text);
	direct.batch(false);
	const merged = new Corpus();
	merged.batch(true);
	for (const s of sources) {
		const packed = v8.deserialize(v8.serialize(packRecord(buildRecord(s.uri, s.text), s.text))) as unknown;
		if (!isPackedRecord(packed, s.uri, s.text)) throw new Error(`${s.uri} does not pack into a well-formed record`);
		merged.setRecord(unpackRecord(packed, s.text), s.text, keep ? packed : undefined);
	}
	merged.batch(false);
	return { direct, merged };
}

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
