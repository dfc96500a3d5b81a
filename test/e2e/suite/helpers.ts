/** What the end-to-end tests share: reaching the extension, opening notes, waiting for states. */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GroundedNotesApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'grounded-notes.grounded-notes';
export const SEED_KEYS = ['000_dad698e8bbde9b79', '001_f6ff40aa610551c1', '002_825c13959571626a', '003_aebe37c04354a5a1', '004_4c3f5373125754ae'];

/** Polls `check` until it returns something truthy; fails with `what` after `timeoutMs`. Never a fixed sleep. */
export async function waitFor<T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, timeoutMs = 30_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			const value = await check();
			if (value) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) {
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/** The extension's API, once its server runs and has indexed the sources. */
export async function extensionReady(): Promise<GroundedNotesApi> {
	const extension = vscode.extensions.getExtension<GroundedNotesApi>(EXTENSION_ID);
	assert.ok(extension, `${EXTENSION_ID} is installed`);
	const api = await extension.activate();
	await waitFor(() => api.client.isRunning(), 'the language server to run');
	await waitFor(() => api.statusBar.last?.state === 'ready', 'the sources to be indexed');
	return api;
}

export function workspaceUri(relative: string): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'a workspace folder is open');
	return vscode.Uri.joinPath(folder.uri, relative);
}

/** Opens a file of the sample workspace in an editor. */
export async function openNote(relative: string): Promise<vscode.TextEditor> {
	const document = await vscode.workspace.openTextDocument(workspaceUri(relative));
	return vscode.window.showTextDocument(document);
}

/** Writes a new note into the workspace and opens it. */
export async function createNote(relative: string, text: string): Promise<vscode.TextEditor> {
	const uri = workspaceUri(relative);
	await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
	const document = await vscode.workspace.openTextDocument(uri);
	return vscode.window.showTextDocument(document);
}

/** The position `offset` characters into the first occurrence of `needle`. */
export function positionOf(document: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
	const at = document.getText().indexOf(needle);
	assert.ok(at >= 0, `"${needle}" is in ${document.uri.path}`);
	return document.positionAt(at + offset);
}

/** The range of the first occurrence of `needle`. */
export function rangeOf(document: vscode.TextDocument, needle: string): vscode.Range {
	const start = positionOf(document, needle);
	return new vscode.Range(start, document.positionAt(document.offsetAt(start) + needle.length));
}

export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
	const code = diagnostic.code;
	return code === undefined ? undefined : String(typeof code === 'object' ? code.value : code);
}

/** Waits for a diagnostic with `code` whose range covers `needle`. */
export function diagnosticAt(uri: vscode.Uri, code: string, needle: string, timeoutMs = 30_000): Promise<vscode.Diagnostic> {
	return waitFor(async () => {
		const document = await vscode.workspace.openTextDocument(uri);
		const range = rangeOf(document, needle);
		return vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === code && d.range.intersection(range) !== undefined);
	}, `a ${code} diagnostic at "${needle}" in ${uri.path}`, timeoutMs);
}

/** The plain text of hovers, joined. */
export function hoverText(hovers: vscode.Hover[]): string {
	return hovers
		.flatMap((h) => h.contents)
		.map((c) => (typeof c === 'string' ? c : c.value))
		.join('\n');
}

/** Closes every editor, so that each test starts from the same screen. */
export async function closeAllEditors(): Promise<void> {
	await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
