import * as vscode from 'vscode';
import type { ProvenanceItem } from '../protocol';
import type { CommandContext } from './context';
import { openPassage } from './openSourceAtPassage';
import { reportError, requireNoteEditor } from './reportError';

/** Options for scripted use: `peek` shows the passages in a peek view instead of a QuickPick. */
export interface ShowSourcesOptions {
	peek?: boolean;
}

interface ProvenanceQuickPickItem extends vscode.QuickPickItem {
	item: ProvenanceItem;
}

const PEEK_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('eye'), tooltip: 'Peek all passages' };

function toRange(item: ProvenanceItem): vscode.Range {
	const { start, end } = item.range;
	return new vscode.Range(start.line, start.character, end.line, end.character);
}

/**
 * "Grounded Notes: Show Sources for Selection": the passages that state (or contradict) the figures
 * in the selection, or in the cursor's line when nothing is selected. Returns what the server found.
 */
export async function showSourcesForSelection(ctx: CommandContext, options: ShowSourcesOptions = {}): Promise<ProvenanceItem[] | undefined> {
	const editor = requireNoteEditor('show the sources of a passage');
	if (!editor) return undefined;
	const { document, selection } = editor;
	const range = selection.isEmpty ? document.lineAt(selection.active.line).range : selection;

	let items: ProvenanceItem[];
	try {
		items = await vscode.window.withProgress(
			{ location: vscode.ProgressLocation.Window, title: 'Finding sources' },
			(_progress, token) =>
				ctx.server.provenance(
					document.uri.toString(),
					{ start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } },
					token,
				),
		);
	} catch (error) {
		reportError(ctx, 'find the sources of the selection', error);
		return undefined;
	}
	if (!items.length) {
		void vscode.window.showInformationMessage(
			'No source states the figures of the selection. Select a sentence with a figure in it (an amount, a percentage, a date), or check the citation\'s key.',
		);
		return items;
	}

	const peek = (): Thenable<unknown> =>
		vscode.commands.executeCommand(
			'editor.action.peekLocations',
			document.uri,
			range.start,
			items.map((item) => new vscode.Location(vscode.Uri.parse(item.uri), toRange(item))),
			'peek',
		);
	if (options.peek) {
		await peek();
		return items;
	}

	const pick = vscode.window.createQuickPick<ProvenanceQuickPickItem>();
	pick.title = 'Sources for the Selection';
	pick.placeholder = 'Pick a passage to open it';
	pick.matchOnDescription = true;
	pick.matchOnDetail = true;
	pick.buttons = [PEEK_BUTTON];
	pick.items = items.map((item) => ({
		label: `${item.agrees ? '$(pass)' : '$(warning)'} ${item.key}${item.figure ? `: ${item.figure}` : ''}`,
		description: `${item.agrees ? 'agrees' : 'disagrees'} · ${item.title}`,
		detail: item.quote,
		item,
	}));
	ctx.picks.track(pick);
	pick.onDidAccept(() => {
		const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
		pick.hide();
		if (chosen) void openPassage(ctx, chosen.item.uri, chosen.item.range);
	});
	pick.onDidTriggerButton(() => {
		pick.hide();
		void peek();
	});
	pick.onDidHide(() => pick.dispose());
	pick.show();
	return items;
}
