import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticAt, extensionReady, openNote, waitFor, workspaceUri } from './helpers';

describe('diagnostics in notes/report.md', () => {
	const report = () => workspaceUri('notes/report.md');

	before(async () => {
		await extensionReady();
		await openNote('notes/report.md');
	});

	it('a wrong figure ($2 trillion, cited to seed 000 which says $1.4 trillion) is a figure-mismatch', async () => {
		const d = await diagnosticAt(report(), 'figure-mismatch', '$2 trillion');
		assert.match(d.message, /1\.4 trillion/, 'the message gives the source\'s value');
		assert.match(d.source ?? '', /grounded/i);
	});

	it('a key that names no source (@bloomberg-2025) is an unknown-citation', async () => {
		await diagnosticAt(report(), 'unknown-citation', 'bloomberg-2025');
	});

	it('a wrong percentage (35%, the source says 25%) is a figure-mismatch', async () => {
		await diagnosticAt(report(), 'figure-mismatch', '35%');
	});

	it('a figure in a sentence without a citation ($300 billion) is an uncited-figure', async () => {
		await diagnosticAt(report(), 'uncited-figure', '$300 billion');
	});

	it('a figure cited to a source that does not state it ($500 billion) is figure-not-in-cited-source', async () => {
		await diagnosticAt(report(), 'figure-not-in-cited-source', '$500 billion');
	});

	it('a figure no source states ($50 million) is an unsupported-figure', async () => {
		await diagnosticAt(report(), 'unsupported-figure', '$50 million');
	});

	it('figures that agree with their sources are not flagged', async () => {
		await diagnosticAt(report(), 'figure-mismatch', '$2 trillion');
		const document = await vscode.workspace.openTextDocument(report());
		for (const right of ['30 gigawatts', '$20 billion', '$1.8 billion', '10 gigawatts']) {
			const at = document.positionAt(document.getText().indexOf(right));
			const flagged = vscode.languages.getDiagnostics(report()).filter((d) => d.range.contains(at));
			assert.deepEqual(flagged.map(codeOf), [], `${right} is right`);
		}
	});

	it('groundedNotes.diagnostics turns a code off, and back on', async () => {
		const config = vscode.workspace.getConfiguration('groundedNotes');
		await diagnosticAt(report(), 'unknown-citation', 'bloomberg-2025');
		try {
			await config.update('diagnostics', { 'unknown-citation': 'off' }, vscode.ConfigurationTarget.Workspace);
			await waitFor(() => {
				const all = vscode.languages.getDiagnostics(report());
				return all.length > 0 && !all.some((d) => codeOf(d) === 'unknown-citation');
			}, 'unknown-citation to be hidden while the others stay');
		} finally {
			await config.update('diagnostics', undefined, vscode.ConfigurationTarget.Workspace);
		}
		await diagnosticAt(report(), 'unknown-citation', 'bloomberg-2025');
	});
});
