import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SEED_KEYS, extensionReady, waitFor } from './helpers';

describe('the Sources view', () => {
	it('lists the five sources, each with its entities and figures; a figure opens its passage', async () => {
		const api = await extensionReady();
		await vscode.commands.executeCommand('groundedNotes.sources.focus');
		const view = api.sourcesView;
		const sources = await view.getChildren();
		assert.deepEqual(sources.map((s) => (s.kind === 'source' ? s.source.key : '')).sort(), SEED_KEYS);
		const seed000 = sources.find((s) => s.kind === 'source' && s.source.key === SEED_KEYS[0]);
		assert.ok(seed000);
		const item = view.getTreeItem(seed000);
		assert.match(String(item.label), /Foxconn Partners with OpenAI/);
		assert.equal(item.description, SEED_KEYS[0]);
		assert.match((item.tooltip as vscode.MarkdownString).value, /\d+ figures · \d+ entities/);

		const groups = await view.getChildren(seed000);
		assert.deepEqual(groups.map((g) => view.getTreeItem(g).label), ['Entities', 'Figures']);
		const figuresGroup = groups[1];
		const entitiesGroup = groups[0];
		assert.ok(figuresGroup && entitiesGroup);
		const figures = await view.getChildren(figuresGroup);
		const trillion = figures.find((f) => view.getTreeItem(f).label === '$1.4 trillion');
		assert.ok(trillion, `$1.4 trillion is a figure of seed 000 (got ${figures.map((f) => view.getTreeItem(f).label).join(', ')})`);
		const entities = await view.getChildren(entitiesGroup);
		assert.ok(entities.some((e) => /Foxconn/.test(String(view.getTreeItem(e).label))), 'Foxconn is an entity of seed 000');

		const command = view.getTreeItem(trillion).command;
		assert.ok(command);
		await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
		const editor = await waitFor(() => {
			const e = vscode.window.activeTextEditor;
			return e?.document.uri.path.endsWith(`${SEED_KEYS[0]}.txt`) ? e : undefined;
		}, 'seed 000 to open');
		assert.equal(editor.document.getText(editor.selection), '$1.4 trillion');
	});
});

describe('the status bar', () => {
	it('counts sources and figures, and warns of skipped sources (listed in its tooltip)', async () => {
		const api = await extensionReady();
		assert.match(api.statusBar.text, /^\$\(book\) 5 sources · \d+ figures$/);
		const config = vscode.workspace.getConfiguration('groundedNotes');
		try {
			// Seed 002 is the only one under 2,500 bytes: the other four are too large now.
			await config.update('maxSourceBytes', 2500, vscode.ConfigurationTarget.Workspace);
			const status = await waitFor(() => (api.statusBar.last?.state === 'ready' && api.statusBar.last.skipped.length === 4 ? api.statusBar.last : undefined), 'four skipped sources');
			assert.match(api.statusBar.tooltip, /Skipped 4 sources/);
			assert.match(api.statusBar.tooltip, /000_dad698e8bbde9b79\.txt/);
			assert.match(api.statusBar.text, /^\$\(warning\) \$\(book\) /);
			// A skipped source is no longer checked against: only seed 002 is left.
			assert.equal(status.sources, 1, 'sources skipped at reindex leave the index');
			assert.match(api.statusBar.text, /^\$\(warning\) \$\(book\) 1 source · \d+ figures?$/);
		} finally {
			await config.update('maxSourceBytes', undefined, vscode.ConfigurationTarget.Workspace);
		}
		await waitFor(() => api.statusBar.last?.state === 'ready' && api.statusBar.last.sources === 5 && api.statusBar.last.skipped.length === 0, 'the five sources back');
	});
});
