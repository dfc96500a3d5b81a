import * as vscode from 'vscode';
import type { PassageHit } from '../protocol';
import type { CommandContext } from './context';
import { isCancellation, reportError, requireNoteEditor } from './reportError';

/** Options for scripted use (keybindings, tests): start with a query, or insert the quote too. */
export interface InsertCitationOptions {
	query?: string;
	withQuote?: boolean;
}

interface HitItem extends vscode.QuickPickItem {
	hit?: PassageHit;
}

const QUOTE_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('quote'), tooltip: 'Insert with quote' };
const DEBOUNCE_MS = 150;
const LIMIT = 20;

function shorten(text: string, max: number): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** "Grounded Notes: Insert Citation…": finds a passage as the user types and cites it at the cursor. */
export async function insertCitation(ctx: CommandContext, options: InsertCitationOptions = {}): Promise<string | undefined> {
	const editor = requireNoteEditor('insert a citation');
	if (!editor) return undefined;

	const pick = vscode.window.createQuickPick<HitItem>();
	pick.title = 'Insert Citation';
	pick.placeholder = 'Type words from the passage to cite (a name, a figure, a phrase); Enter cites it, the quote button quotes it too';
	// The server ranks the passages; the QuickPick must neither filter nor re-sort them.
	pick.matchOnDescription = false;
	pick.matchOnDetail = false;
	ctx.picks.track(pick);

	let pending: vscode.CancellationTokenSource | undefined;
	let timer: ReturnType<typeof setTimeout> | undefined;

	const search = async (query: string): Promise<void> => {
		pending?.cancel();
		const cts = (pending = new vscode.CancellationTokenSource());
		if (!query.trim()) {
			pick.items = [];
			pick.busy = false;
			return;
		}
		pick.busy = true;
		try {
			const hits = await ctx.server.searchPassages(query, LIMIT, cts.token);
			if (cts.token.isCancellationRequested) return;
			pick.items = hits.length
				? hits.map((hit) => ({
						// Labels rarely hold the query: without `alwaysShow` the QuickPick would hide them.
						label: `$(book) ${hit.key}`,
						description: hit.title,
						detail: shorten(hit.text, 240),
						alwaysShow: true,
						buttons: [QUOTE_BUTTON],
						hit,
					}))
				: [{ label: `No passage matches "${query}"`, detail: 'Try other words, or fewer.', alwaysShow: true }];
		} catch (error) {
			if (!isCancellation(error)) {
				pick.hide();
				reportError(ctx, 'search the sources', error);
			}
		} finally {
			if (pending === cts) pick.busy = false;
		}
	};

	const inserted = new Promise<string | undefined>((resolve) => {
		let done = false;
		const finish = async (hit: PassageHit | undefined, withQuote: boolean): Promise<void> => {
			if (done) return;
			done = true;
			pick.hide();
			resolve(hit ? await insert(editor, hit, withQuote) : undefined);
		};
		pick.onDidChangeValue((value) => {
			clearTimeout(timer);
			timer = setTimeout(() => void search(value), DEBOUNCE_MS);
		});
		pick.onDidAccept(() => {
			const hit = pick.selectedItems[0]?.hit ?? pick.activeItems[0]?.hit;
			if (hit) void finish(hit, options.withQuote ?? false);
		});
		pick.onDidTriggerItemButton((event) => {
			if (event.item.hit) void finish(event.item.hit, true);
		});
		pick.onDidHide(() => {
			clearTimeout(timer);
			pending?.cancel();
			pick.dispose();
			void finish(undefined, false);
		});
	});

	pick.show();
	if (options.query) {
		pick.value = options.query;
		void search(options.query);
	}
	return inserted;
}

/** Inserts the citation (or the quoted passage and its citation) and returns the text inserted. */
async function insert(editor: vscode.TextEditor, hit: PassageHit, withQuote: boolean): Promise<string | undefined> {
	const { document, selection } = editor;
	const line = document.lineAt(selection.active.line).text;
	const before = line.slice(0, selection.start.character);
	const after = selection.end.line === selection.start.line ? line.slice(selection.end.character) : '';
	let text: string;
	if (withQuote) {
		const quote = hit.text.replace(/\s+/g, ' ').trim();
		text = `${before.trim() ? '\n\n' : ''}> ${quote} ${hit.citation}\n${after.trim() ? '\n' : ''}`;
	} else {
		// Pandoc wants a space between the cited words and `[@key]`.
		text = `${before && !/\s$/.test(before) ? ' ' : ''}${hit.citation}`;
	}
	const ok = await editor.edit((edit) => edit.replace(selection, text));
	if (!ok) {
		void vscode.window.showErrorMessage('Grounded Notes could not insert the citation: the note changed meanwhile. Try again.');
		return undefined;
	}
	return text;
}
