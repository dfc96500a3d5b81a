import * as vscode from 'vscode';
import type { GroundedServer } from './groundedServer';
import type { SourceDetails, SourceEntity, SourceFigure, SourceSummary, WireRange } from './protocol';

/** One row of the Sources view. */
export type SourceNode =
	| { kind: 'source'; source: SourceSummary }
	| { kind: 'group'; source: SourceSummary; group: 'entities' | 'figures' }
	| { kind: 'figure'; source: SourceSummary; figure: SourceFigure }
	| { kind: 'entity'; source: SourceSummary; entity: SourceEntity };

function plural(n: number, one: string, many = `${one}s`): string {
	return `${n} ${n === 1 ? one : many}`;
}

function open(title: string, uri: string, range: WireRange): vscode.Command {
	return { title, command: 'groundedNotes.openSourceAtPassage', arguments: [uri, range] };
}

/** The Explorer's "Sources" view: each source, its entities and its figures; a click opens the passage. */
export class SourcesView implements vscode.TreeDataProvider<SourceNode>, vscode.Disposable {
	private readonly changed = new vscode.EventEmitter<SourceNode | undefined>();
	readonly onDidChangeTreeData = this.changed.event;
	private details = new Map<string, Promise<SourceDetails>>();
	readonly view: vscode.TreeView<SourceNode>;
	/** The sources listed last, for tests. */
	listed: SourceSummary[] = [];

	constructor(private readonly server: GroundedServer) {
		this.view = vscode.window.createTreeView('groundedNotes.sources', { treeDataProvider: this, showCollapseAll: true });
	}

	/** Lists the sources again (after indexing, or from the view's refresh button). */
	refresh(): void {
		this.details = new Map();
		this.changed.fire(undefined);
	}

	async getChildren(node?: SourceNode): Promise<SourceNode[]> {
		try {
			if (!node) {
				this.listed = await this.server.sources();
				this.view.message = undefined;
				return this.listed.map((source) => ({ kind: 'source', source }));
			}
			if (node.kind === 'source') {
				return [
					{ kind: 'group', source: node.source, group: 'entities' },
					{ kind: 'group', source: node.source, group: 'figures' },
				];
			}
			if (node.kind === 'group') {
				const details = await this.detailsOf(node.source.key);
				return node.group === 'figures'
					? details.figures.map((figure) => ({ kind: 'figure', source: node.source, figure }))
					: details.entities.map((entity) => ({ kind: 'entity', source: node.source, entity }));
			}
			return [];
		} catch (error) {
			this.view.message = `Could not list the sources: ${error instanceof Error ? error.message : String(error)}. Run "Grounded Notes: Restart Server", or see the "Grounded Notes" output.`;
			return [];
		}
	}

	getTreeItem(node: SourceNode): vscode.TreeItem {
		const { source } = node;
		switch (node.kind) {
			case 'source': {
				const item = new vscode.TreeItem(source.title || source.key, vscode.TreeItemCollapsibleState.Collapsed);
				item.id = `source:${source.key}`;
				item.description = source.key;
				item.iconPath = new vscode.ThemeIcon('book');
				item.resourceUri = vscode.Uri.parse(source.uri);
				item.contextValue = 'source';
				const tooltip = new vscode.MarkdownString();
				tooltip.appendMarkdown(`**${escape(source.title || source.key)}**\n\n`);
				tooltip.appendMarkdown(`\`@${source.key}\`${source.date ? ` · ${source.date}` : ''}\n\n`);
				tooltip.appendMarkdown(
					`${plural(source.passages, 'passage')} · ${plural(source.figures, 'figure')} · ${plural(source.entities, 'entity', 'entities')}`,
				);
				item.tooltip = tooltip;
				// A click expands the source; its inline "Open Source" button opens it.
				return item;
			}
			case 'group': {
				const figures = node.group === 'figures';
				const count = figures ? source.figures : source.entities;
				const item = new vscode.TreeItem(figures ? 'Figures' : 'Entities', count ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
				item.id = `${node.group}:${source.key}`;
				item.description = String(count);
				item.iconPath = new vscode.ThemeIcon(figures ? 'symbol-number' : 'symbol-class');
				return item;
			}
			case 'figure': {
				const { figure } = node;
				const item = new vscode.TreeItem(figure.text, vscode.TreeItemCollapsibleState.None);
				item.description = figure.kind;
				item.tooltip = new vscode.MarkdownString().appendText(figure.context);
				item.iconPath = new vscode.ThemeIcon('symbol-number');
				item.command = open('Open Source at Passage', source.uri, figure.range);
				return item;
			}
			case 'entity': {
				const { entity } = node;
				const item = new vscode.TreeItem(entity.name, vscode.TreeItemCollapsibleState.None);
				item.description = `${entity.type} · ${plural(entity.mentions, 'mention')}`;
				item.iconPath = new vscode.ThemeIcon(entity.type === 'person' ? 'person' : entity.type === 'place' ? 'globe' : 'organization');
				item.command = open('Open Source at Passage', source.uri, entity.range);
				return item;
			}
		}
	}

	private detailsOf(key: string): Promise<SourceDetails> {
		let details = this.details.get(key);
		if (!details) {
			details = this.server.sourceDetails(key);
			this.details.set(key, details);
			details.catch(() => this.details.delete(key));
		}
		return details;
	}

	dispose(): void {
		this.view.dispose();
		this.changed.dispose();
	}
}

function escape(text: string): string {
	return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
