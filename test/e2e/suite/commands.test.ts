import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BibliographyWritten, CheckSummary, Disagreement, IndexStatus, ProvenanceItem } from '../../../client/src/protocol';
import { extensionReady, openNote, positionOf, rangeOf, waitFor, workspaceUri } from './helpers';

/** Waits for the command's QuickPick to show results, then accepts the active one as Enter would. */
async function acceptQuickPick(api: Awaited<ReturnType<typeof extensionReady>>, what: string): Promise<vscode.QuickPickItem[]> {
	const items = await waitFor(() => {
		const pick = api.picks.current;
		return pick && !pick.busy && pick.items.length > 0 && pick.activeItems.length > 0 ? pick.items : undefined;
	}, what);
	await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
	return [...items];
}

describe('commands', () => {
	let api: Awaited<ReturnType<typeof extensionReady>>;
	before(async () => {
		api = await extensionReady();
	});

	it('Check All Notes returns a summary with counts per code', async () => {
		const summary = await vscode.commands.executeCommand<CheckSummary>('groundedNotes.checkAllNotes');
		assert.ok(summary, 'a summary');
		assert.ok(summary.notes >= 1, 'at least the report was checked');
		assert.ok((summary.byCode['figure-mismatch'] ?? 0) >= 1, 'the report\'s wrong figures are counted');
		assert.ok(summary.files.some((f) => f.uri.endsWith('/notes/report.md') && f.problems > 0));
	});

	it('Reindex Sources re-reads the five seeds', async () => {
		const status = await vscode.commands.executeCommand<IndexStatus>('groundedNotes.reindexSources');
		assert.equal(status?.state, 'ready');
		assert.equal(status?.sources, 5);
		assert.deepEqual(status?.skipped, []);
	});

	it('Insert Citation… finds a passage by "Stargate" and cites it at the cursor', async () => {
		const editor = await openNote('notes/report.md');
		const at = positionOf(editor.document, ' deal with Oracle.', ' deal with Oracle'.length);
		editor.selection = new vscode.Selection(at, at);
		const inserted = vscode.commands.executeCommand<string | undefined>('groundedNotes.insertCitation', { query: 'Stargate' });
		const items = await acceptQuickPick(api, 'passages matching "Stargate"');
		assert.match(items[0]?.label ?? '', /002_825c13959571626a/, 'the Stargate passage comes first');
		const text = await inserted;
		assert.match(text ?? '', /^ \[@002_825c13959571626a.*\]$/);
		assert.ok(editor.document.getText().includes(`deal with Oracle${text}.`));
	});

	it('Insert Citation… with quote inserts the passage as a blockquote and its citation', async () => {
		const editor = await openNote('notes/report.md');
		const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
		editor.selection = new vscode.Selection(end, end);
		const inserted = vscode.commands.executeCommand<string | undefined>('groundedNotes.insertCitation', { query: 'Stargate', withQuote: true });
		await acceptQuickPick(api, 'passages matching "Stargate"');
		const text = (await inserted) ?? '';
		assert.match(text, /^> .*Stargate.*\[@002_825c13959571626a.*\]\n$/m);
		await vscode.commands.executeCommand('workbench.action.files.revert');
	});

	it('Show Sources for Selection lists the passage a wrong figure contradicts, and opens it', async () => {
		const editor = await openNote('notes/report.md');
		const range = rangeOf(editor.document, 'invest $2 trillion to develop 30 gigawatts');
		editor.selection = new vscode.Selection(range.start, range.end);
		const items = await vscode.commands.executeCommand<ProvenanceItem[]>('groundedNotes.showSourcesForSelection');
		assert.ok(items?.some((i) => i.key === '000_dad698e8bbde9b79' && !i.agrees), 'seed 000 disagrees with $2 trillion');
		await acceptQuickPick(api, 'the provenance QuickPick');
		await waitFor(() => vscode.window.activeTextEditor?.document.uri.path.includes('/seeds/'), 'a source to open');
	});

	it('Show Source Disagreements lists claims the sources state differently, and opens one', async () => {
		const disagreements = await vscode.commands.executeCommand<Disagreement[]>('groundedNotes.showDisagreements');
		assert.ok(disagreements && disagreements.length > 0, 'the seeds disagree on something (e.g. the announcement date)');
		await acceptQuickPick(api, 'the disagreements QuickPick');
		await waitFor(() => vscode.window.activeTextEditor?.document.uri.path.includes('/seeds/'), 'a source to open');
	});

	it('Open Source at Passage opens the source with the passage selected', async () => {
		const uri = workspaceUri('seeds/002_825c13959571626a.txt');
		const range = new vscode.Range(3, 0, 3, 20);
		const editor = await vscode.commands.executeCommand<vscode.TextEditor>('groundedNotes.openSourceAtPassage', uri.toString(), {
			start: { line: 3, character: 0 },
			end: { line: 3, character: 20 },
		});
		assert.equal(editor?.document.uri.toString(), uri.toString());
		assert.ok(editor?.selection.isEqual(range));
	});

	it('Write Bibliography writes the cited sources as CSL-JSON, and names the keys it left out', async () => {
		const written = await vscode.commands.executeCommand<BibliographyWritten>('groundedNotes.writeBibliography', { scope: 'cited' });
		assert.ok(written, 'a result');
		const [file] = written.files;
		assert.ok(file && file.uri.endsWith('/references.json'), `references.json written (got ${JSON.stringify(written.files)})`);
		const csl = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(file.uri)))) as Array<{ id: string }>;
		const ids = csl.map((entry) => entry.id);
		for (const key of ['000_dad698e8bbde9b79', '001_f6ff40aa610551c1', '002_825c13959571626a', '003_aebe37c04354a5a1']) assert.ok(ids.includes(key), `${key} is cited`);
		assert.ok(!ids.includes('004_4c3f5373125754ae'), 'the uncited source is left out');
		assert.ok(written.missing.includes('bloomberg-2025'));
	});

	it('Restart Server brings the server back, indexed', async () => {
		await vscode.commands.executeCommand('groundedNotes.restartServer');
		await waitFor(() => api.client.isRunning(), 'the server to run again');
		await waitFor(() => api.statusBar.last?.state === 'ready' && /5 sources/.test(api.statusBar.text), 'the index again');
	});
});
