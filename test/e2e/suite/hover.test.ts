import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionReady, hoverText, openNote, positionOf, waitFor } from './helpers';

describe('hover', () => {
	before(extensionReady);

	it('on a wrong figure: the source\'s value and the passage that states it', async () => {
		const editor = await openNote('notes/report.md');
		const at = positionOf(editor.document, '$2 trillion', 2);
		const text = await waitFor(async () => {
			const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
			return hoverText(hovers ?? []) || undefined;
		}, 'a hover on $2 trillion');
		assert.match(text, /1\.4 trillion/);
		assert.match(text, /30 gigawatts of computing power/, 'quotes the passage');
	});

	it('on a citation: the source\'s title', async () => {
		const editor = await openNote('notes/report.md');
		const at = positionOf(editor.document, '@003_aebe37c04354a5a1 reports', 5);
		const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
		assert.match(hoverText(hovers ?? []), /OpenAI and Foxconn Partner to Co-Develop AI Data Center Hardware/);
	});
});
