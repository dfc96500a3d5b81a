import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SEED_KEYS, createNote, extensionReady } from './helpers';

function labelOf(item: vscode.CompletionItem): string {
	return typeof item.label === 'string' ? item.label : item.label.label;
}

describe('completion', () => {
	before(extensionReady);

	it('after `[@` offers the key of every source', async () => {
		const editor = await createNote('notes/completion.md', 'Foxconn will build AI data-center racks [@');
		const end = editor.document.positionAt(editor.document.getText().length);
		const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, end, '@');
		const labels = list.items.map(labelOf);
		for (const key of SEED_KEYS) assert.ok(labels.some((l) => l.includes(key)), `${key} is offered (got ${labels.slice(0, 10).join(', ')})`);
	});

	it('accepting a key completes the citation', async () => {
		const editor = await createNote('notes/completion2.md', 'Stargate is a $500 billion initiative [@002');
		const end = editor.document.positionAt(editor.document.getText().length);
		const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, end);
		const item = list.items.find((i) => labelOf(i).includes('002_825c13959571626a'));
		assert.ok(item, 'the key starting 002 is offered');
		const text = typeof item.insertText === 'string' ? item.insertText : (item.insertText?.value ?? labelOf(item));
		const range = item.range && 'replacing' in item.range ? item.range.replacing : item.range;
		await editor.edit((e) => (range ? e.replace(range, text) : e.insert(end, text)));
		assert.match(editor.document.getText(), /\[@002_825c13959571626a/);
	});
});
