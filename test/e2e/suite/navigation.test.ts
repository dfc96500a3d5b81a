import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionReady, openNote, positionOf, waitFor } from './helpers';

describe('navigation', () => {
	before(extensionReady);

	it('go to definition on a citation key opens the source', async () => {
		const editor = await openNote('notes/report.md');
		const at = positionOf(editor.document, '@001_f6ff40aa610551c1]', 3);
		const found = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', editor.document.uri, at);
		const uris = found.map((l) => ('targetUri' in l ? l.targetUri : l.uri).path);
		assert.ok(uris.some((p) => p.endsWith('/seeds/001_f6ff40aa610551c1.txt')), `definition in seed 001 (got ${uris.join(', ')})`);
	});

	it('code lenses show over the note, and groundedNotes.codeLens.enabled hides them', async () => {
		const editor = await openNote('notes/report.md');
		const lenses = () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
		await waitFor(async () => (await lenses()).length > 0, 'code lenses');
		const config = vscode.workspace.getConfiguration('groundedNotes');
		try {
			await config.update('codeLens.enabled', false, vscode.ConfigurationTarget.Workspace);
			await waitFor(async () => (await lenses()).length === 0, 'the code lenses to go');
		} finally {
			await config.update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
		}
	});

	it('workspace symbols find sources', async () => {
		const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', 'Foxconn');
		assert.ok(symbols.some((s) => s.location.uri.path.includes('/seeds/')), 'a symbol in the seeds');
	});
});
