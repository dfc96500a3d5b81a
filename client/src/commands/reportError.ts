import * as vscode from 'vscode';
import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageclient/node';
import { ServerNotRunningError } from '../groundedServer';
import type { CommandContext } from './context';

/** Whether an error is only the user (or a newer request) cancelling this one. */
export function isCancellation(error: unknown): boolean {
	return (
		(error instanceof ResponseError && (error.code === LSPErrorCodes.RequestCancelled || error.code === LSPErrorCodes.ServerCancelled)) ||
		(error instanceof vscode.CancellationError)
	);
}

/**
 * Tells the user what went wrong and what to do about it, with the log and a restart at hand.
 * Never awaits the user's answer: commands return while the message is still up.
 */
export function reportError(ctx: CommandContext, what: string, error: unknown): void {
	if (isCancellation(error)) return;
	const reason = error instanceof Error ? error.message : String(error);
	ctx.log.error(`${what}: ${reason}`);
	let advice = 'The "Grounded Notes" output may tell why; restarting the server often helps.';
	if (error instanceof ServerNotRunningError || (error instanceof ResponseError && error.code === ErrorCodes.ConnectionInactive)) {
		advice = 'Restart the server with "Grounded Notes: Restart Server".';
	} else if (error instanceof ResponseError && error.code === ErrorCodes.MethodNotFound) {
		advice = 'This server version does not offer it: reinstall or update the Grounded Notes extension.';
	}
	void vscode.window.showErrorMessage(`Grounded Notes could not ${what}: ${reason}. ${advice}`, 'Show Log', 'Restart Server').then(async (choice) => {
		if (choice === 'Show Log') ctx.log.show(true);
		if (choice === 'Restart Server') await ctx.restart();
	});
}

/** Tells the user a command needs a Markdown note open; returns its editor when there is one. */
export function requireNoteEditor(action: string): vscode.TextEditor | undefined {
	const editor = vscode.window.activeTextEditor;
	if (!editor) {
		void vscode.window.showWarningMessage(`To ${action}, open a Markdown note and place the cursor in it first.`);
		return undefined;
	}
	return editor;
}
