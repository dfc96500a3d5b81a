import type * as vscode from 'vscode';
import type { GroundedServer } from '../groundedServer';
import type { SourcesView } from '../sourcesView';

/** What every command gets: the server's requests, the log, and a place to show its QuickPick. */
export interface CommandContext {
	server: GroundedServer;
	log: vscode.LogOutputChannel;
	sourcesView: SourcesView;
	/** The QuickPick a command shows now, so that tests can see and drive it. */
	picks: QuickPickTracker;
	/** Restarts the language server (after the crash counter is reset). */
	restart(): Promise<void>;
}

/** Keeps the QuickPick a command is showing, until it closes. */
export class QuickPickTracker {
	current: vscode.QuickPick<vscode.QuickPickItem> | undefined;

	/** Tracks a QuickPick until it is hidden. */
	track<T extends vscode.QuickPickItem>(pick: vscode.QuickPick<T>): void {
		this.current = pick as unknown as vscode.QuickPick<vscode.QuickPickItem>;
		pick.onDidHide(() => {
			if (this.current === (pick as unknown)) this.current = undefined;
		});
	}
}
