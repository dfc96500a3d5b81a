import * as vscode from 'vscode';
import type { SourceSummary, WireRange } from '../protocol';
import type { SourceNode } from '../sourcesView';
import type { CommandContext } from './context';
import { reportError } from './reportError';

type RangeLike = WireRange | vscode.Range;

function toRange(range: RangeLike | undefined): vscode.Range {
	if (!range) return new vscode.Range(0, 0, 0, 0);
	if (range instanceof vscode.Range) return range;
	return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** Opens a source with the passage selected and in view. */
export async function openPassage(ctx: CommandContext, uri: string | vscode.Uri, range?: RangeLike): Promise<vscode.TextEditor | undefined> {
	const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
	try {
		const document = await vscode.workspace.openTextDocument(target);
		const selection = toRange(range);
		const editor = await vscode.window.showTextDocument(document, { selection, preview: true });
		editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
		return editor;
	} catch (error) {
		reportError(ctx, `open ${target.fsPath || target.toString()}`, new Error(`${error instanceof Error ? error.message : String(error)} (was the source moved or deleted? Run "Grounded Notes: Reindex Sources")`));
		return undefined;
	}
}

interface SourceItem extends vscode.QuickPickItem {
	source: SourceSummary;
}

/**
 * "Grounded Notes: Open Source at Passage": with a URI and range (from hovers, code lenses and the
 * Sources view) opens that passage; from the palette, asks which source to open.
 */
export async function openSourceAtPassage(ctx: CommandContext, uri?: string | vscode.Uri | SourceNode, range?: RangeLike): Promise<vscode.TextEditor | undefined> {
	// From the Sources view's inline button: the row's node.
	if (uri && typeof uri === 'object' && 'kind' in uri) return openPassage(ctx, uri.source.uri, 'figure' in uri ? uri.figure.range : 'entity' in uri ? uri.entity.range : undefined);
	if (uri) return openPassage(ctx, uri, range);
	let sources: SourceSummary[];
	try {
		sources = await ctx.server.sources();
	} catch (error) {
		reportError(ctx, 'list the sources', error);
		return undefined;
	}
	if (!sources.length) {
		void vscode.window.showInformationMessage('No sources are indexed. Put .txt or .md files under seeds/ or sources/, or change the "groundedNotes.sources" setting.');
		return undefined;
	}
	const chosen = await vscode.window.showQuickPick<SourceItem>(
		sources.map((source) => ({ label: `$(book) ${source.key}`, description: source.title, detail: `${source.figures} figures · ${source.entities} entities`, source })),
		{ title: 'Open Source', placeHolder: 'Pick a source to open', matchOnDescription: true },
	);
	return chosen ? openPassage(ctx, chosen.source.uri) : undefined;
}
