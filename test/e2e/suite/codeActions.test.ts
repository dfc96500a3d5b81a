import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { createNote, diagnosticAt, extensionReady, waitFor } from './helpers';

describe('quick fixes', () => {
	before(extensionReady);

	it('replaces a wrong figure with the source\'s ($2 trillion → $1.4 trillion)', async () => {
		const editor = await createNote(
			'notes/fix.md',
			'Sam Altman has announced plans to invest $2 trillion to develop 30 gigawatts of computing power [@000_dad698e8bbde9b79].\n',
		);
		const uri = editor.document.uri;
		const diagnostic = await diagnosticAt(uri, 'figure-mismatch', '$2 trillion');
		const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
		const fix = actions.find((a) => a.kind?.contains(vscode.CodeActionKind.QuickFix) && /1\.4 trillion/.test(a.title));
		assert.ok(fix, `a quick fix to $1.4 trillion (got: ${actions.map((a) => a.title).join(' | ')})`);
		if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit));
		if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
		assert.match(editor.document.getText(), /invest \$1\.4 trillion to develop/);
		await waitFor(() => !vscode.languages.getDiagnostics(uri).some((d) => d.code === 'figure-mismatch' || (typeof d.code === 'object' && d.code.value === 'figure-mismatch')), 'the mismatch to go away');
	});
});
