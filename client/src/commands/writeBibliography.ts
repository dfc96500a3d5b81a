import * as vscode from 'vscode';
import type { BibliographyWritten } from '../protocol';
import type { CommandContext } from './context';
import { reportError } from './reportError';

/** Options for scripted use: which sources go in (otherwise the user is asked). */
export interface WriteBibliographyOptions {
	scope?: 'cited' | 'all';
}

/**
 * "Grounded Notes: Write Bibliography": writes a CSL-JSON file (`groundedNotes.bibliography.path`)
 * that Pandoc's `--citeproc` reads, so the note's citations render with the sources' metadata.
 */
export async function writeBibliography(ctx: CommandContext, options: WriteBibliographyOptions = {}): Promise<BibliographyWritten | undefined> {
	let scope = options.scope;
	if (!scope) {
		const chosen = await vscode.window.showQuickPick(
			[
				{ label: 'Cited sources', description: 'the sources the notes cite', scope: 'cited' as const },
				{ label: 'All sources', description: 'every indexed source', scope: 'all' as const },
			],
			{ title: 'Write Bibliography', placeHolder: 'Which sources go into the bibliography?' },
		);
		if (!chosen) return undefined;
		scope = chosen.scope;
	}
	let written: BibliographyWritten;
	try {
		written = await vscode.window.withProgress(
			{ location: vscode.ProgressLocation.Notification, title: 'Grounded Notes: writing the bibliography…', cancellable: true },
			(_progress, token) => ctx.server.writeBibliography(scope, token),
		);
	} catch (error) {
		reportError(ctx, 'write the bibliography', error);
		return undefined;
	}
	const files = written.files.map((f) => `${vscode.workspace.asRelativePath(vscode.Uri.parse(f.uri))} (${f.entries} ${f.entries === 1 ? 'entry' : 'entries'})`);
	let message = files.length ? `Wrote ${files.join(', ')}.` : 'No bibliography written: no note cites a source.';
	if (written.missing.length) {
		message += ` Left out ${written.missing.length} ${written.missing.length === 1 ? 'key' : 'keys'} that no source declares: ${written.missing.slice(0, 5).join(', ')}${written.missing.length > 5 ? '…' : ''}.`;
	}
	ctx.log.info(message);
	const first = written.files[0];
	void (written.missing.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage)(message, ...(first ? ['Open'] : [])).then((choice) => {
		if (choice === 'Open' && first) void vscode.window.showTextDocument(vscode.Uri.parse(first.uri));
	});
	return written;
}
