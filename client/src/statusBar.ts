import * as vscode from 'vscode';
import type { IndexStatus } from './protocol';

function plural(n: number, one: string, many = `${one}s`): string {
	return `${n} ${n === 1 ? one : many}`;
}

/** The status bar item: indexing progress, then how many sources and figures the notes are checked against. */
export class IndexStatusBar implements vscode.Disposable {
	private readonly item = vscode.window.createStatusBarItem('groundedNotes.status', vscode.StatusBarAlignment.Left, 10);
	/** The last status shown, for tests and for the Sources view's message. */
	last: IndexStatus | undefined;

	constructor() {
		this.item.name = 'Grounded Notes';
		// The view's container is the Explorer; VS Code makes `<view id>.focus` for every view.
		this.item.command = 'groundedNotes.sources.focus';
		this.item.text = '$(sync~spin) Grounded Notes';
		this.item.tooltip = 'Grounded Notes is starting';
		this.item.show();
	}

	/** Shows a status the server sent. */
	update(status: IndexStatus): void {
		this.last = status;
		this.item.backgroundColor = undefined;
		if (status.state === 'indexing') {
			this.item.text = `$(sync~spin) Indexing ${status.indexed}/${status.total}`;
		} else {
			const warn = status.skipped.length ? '$(warning) ' : '';
			this.item.text = `${warn}$(book) ${plural(status.sources, 'source')} · ${plural(status.figures, 'figure')}`;
		}
		const tooltip = new vscode.MarkdownString(undefined, true);
		tooltip.appendMarkdown(
			status.state === 'indexing'
				? `**Grounded Notes** is indexing sources: ${status.indexed} of ${status.total} read.\n\n`
				: `**Grounded Notes** checks notes against ${plural(status.sources, 'source')}: ` +
						`${plural(status.figures, 'figure')}, ${plural(status.entities, 'entity', 'entities')}.\n\n`,
		);
		if (status.skipped.length) {
			tooltip.appendMarkdown(`Skipped ${plural(status.skipped.length, 'source')}:\n`);
			for (const s of status.skipped) {
				const name = vscode.Uri.parse(s.uri).path.split('/').pop() ?? s.uri;
				tooltip.appendMarkdown(`- \`${name}\`: `);
				tooltip.appendText(s.reason);
				tooltip.appendMarkdown('\n');
			}
			tooltip.appendMarkdown('\n');
		}
		tooltip.appendMarkdown('Click to show the Sources view.');
		this.item.tooltip = tooltip;
	}

	/** Shows that the server is not running. */
	stopped(): void {
		this.item.text = '$(error) Grounded Notes stopped';
		this.item.tooltip = 'The Grounded Notes server is not running. Run "Grounded Notes: Restart Server".';
		this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
		this.item.command = 'groundedNotes.restartServer';
	}

	/** Shows that the server is starting (again). */
	starting(): void {
		this.item.text = '$(sync~spin) Grounded Notes';
		this.item.tooltip = 'Grounded Notes is starting';
		this.item.backgroundColor = undefined;
		this.item.command = 'groundedNotes.sources.focus';
	}

	/** The text shown now, for tests. */
	get text(): string {
		return this.item.text;
	}

	/** The tooltip's text, for tests. */
	get tooltip(): string {
		const tooltip = this.item.tooltip;
		return typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
	}

	dispose(): void {
		this.item.dispose();
	}
}
