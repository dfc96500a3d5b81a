import * as vscode from 'vscode';
import type { Disagreement } from '../protocol';
import type { CommandContext } from './context';
import { openPassage } from './openSourceAtPassage';
import { reportError } from './reportError';

interface StatementItem extends vscode.QuickPickItem {
	statement?: Disagreement['statements'][number];
}

/** "Grounded Notes: Show Source Disagreements": claims the sources state differently; a pick opens the passage. */
export async function showDisagreements(ctx: CommandContext): Promise<Disagreement[] | undefined> {
	let disagreements: Disagreement[];
	try {
		disagreements = await vscode.window.withProgress(
			{ location: vscode.ProgressLocation.Window, title: 'Comparing sources' },
			(_progress, token) => ctx.server.disagreements(token),
		);
	} catch (error) {
		reportError(ctx, 'compare the sources', error);
		return undefined;
	}
	if (!disagreements.length) {
		void vscode.window.showInformationMessage('The sources agree: no claim has different figures in different sources.');
		return disagreements;
	}
	const items: StatementItem[] = [];
	for (const d of disagreements) {
		items.push({ label: d.topic, kind: vscode.QuickPickItemKind.Separator });
		for (const statement of d.statements) {
			items.push({ label: `$(book) ${statement.key}: ${statement.figure}`, detail: statement.quote, statement });
		}
	}
	const pick = vscode.window.createQuickPick<StatementItem>();
	pick.title = `Source Disagreements (${disagreements.length})`;
	pick.placeholder = 'Pick a statement to open its passage';
	pick.matchOnDetail = true;
	pick.items = items;
	ctx.picks.track(pick);
	pick.onDidAccept(() => {
		const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
		pick.hide();
		if (chosen?.statement) void openPassage(ctx, chosen.statement.uri, chosen.statement.range);
	});
	pick.onDidHide(() => pick.dispose());
	pick.show();
	return disagreements;
}
