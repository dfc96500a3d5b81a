import * as vscode from 'vscode';
import type { IndexStatus } from '../protocol';
import type { CommandContext } from './context';
import { reportError } from './reportError';

/** "Grounded Notes: Reindex Sources": re-reads every source; returns the new index status. */
export async function reindexSources(ctx: CommandContext): Promise<IndexStatus | undefined> {
	let status: IndexStatus;
	try {
		status = await vscode.window.withProgress(
			{ location: vscode.ProgressLocation.Notification, title: 'Grounded Notes: reindexing sources…', cancellable: true },
			(_progress, token) => ctx.server.reindex(token),
		);
	} catch (error) {
		reportError(ctx, 'reindex the sources', error);
		return undefined;
	}
	ctx.sourcesView.refresh();
	const message = `Indexed ${status.sources} ${status.sources === 1 ? 'source' : 'sources'}: ${status.figures} figures, ${status.entities} entities.`;
	ctx.log.info(message);
	if (status.skipped.length) {
		const skipped = status.skipped.map((s) => `${vscode.Uri.parse(s.uri).path.split('/').pop()} (${s.reason})`).join('; ');
		void vscode.window.showWarningMessage(`${message} Skipped ${status.skipped.length}: ${skipped}. Fix or remove them, or raise "groundedNotes.maxSourceBytes" if they are too large.`);
	} else {
		void vscode.window.showInformationMessage(message);
	}
	return status;
}
