import * as vscode from 'vscode';
import type { CheckSummary } from '../protocol';
import type { CommandContext } from './context';
import { reportError } from './reportError';

/** How each diagnostic code reads in a sentence (one, many). */
const NAMES: Record<string, [string, string]> = {
	'figure-mismatch': ['figure that disagrees with its source', 'figures that disagree with their sources'],
	'figure-not-in-cited-source': ['figure not in the cited source', 'figures not in the cited sources'],
	'uncited-figure': ['uncited figure', 'uncited figures'],
	'unsupported-figure': ['figure no source states', 'figures no source states'],
	'unknown-citation': ['unknown citation key', 'unknown citation keys'],
};

/** The summary in words: "Checked 2 notes: 1 figure that disagrees with its source, 3 uncited figures." */
export function describeSummary(summary: CheckSummary): string {
	const notes = `${summary.notes} ${summary.notes === 1 ? 'note' : 'notes'}`;
	const counts = Object.entries(summary.byCode)
		.filter(([, n]) => n > 0)
		.sort(([, a], [, b]) => b - a)
		.map(([code, n]) => {
			const [one, many] = NAMES[code] ?? [code, code];
			return `${n} ${n === 1 ? one : many}`;
		});
	return counts.length ? `Checked ${notes}: ${counts.join(', ')}.` : `Checked ${notes}: no problems found.`;
}

/** "Grounded Notes: Check All Notes": checks every note of the workspace; returns the summary. */
export async function checkAllNotes(ctx: CommandContext): Promise<CheckSummary | undefined> {
	let summary: CheckSummary;
	try {
		summary = await vscode.window.withProgress(
			{ location: vscode.ProgressLocation.Notification, title: 'Grounded Notes: checking all notes…', cancellable: true },
			(_progress, token) => ctx.server.checkAll(token),
		);
	} catch (error) {
		reportError(ctx, 'check the notes', error);
		return undefined;
	}
	const message = describeSummary(summary);
	ctx.log.info(message);
	const problems = Object.values(summary.byCode).reduce((a, b) => a + b, 0);
	if (problems) {
		void vscode.window.showWarningMessage(message, 'Show Problems').then((choice) => {
			if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
		});
	} else {
		void vscode.window.showInformationMessage(message);
	}
	return summary;
}
