import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { QuickPickTracker, type CommandContext } from './commands/context';
import { CrashHandler } from './crashHandler';
import { GroundedServer } from './groundedServer';
import { FromServer, type IndexStatus } from './protocol';
import { SECTION, initializationOptions } from './settings';
import { IndexStatusBar } from './statusBar';
import { SourcesView } from './sourcesView';

/** What `activate` returns: the extension's API, which the end-to-end tests reach. */
export interface GroundedNotesApi {
	client: LanguageClient;
	server: GroundedServer;
	sourcesView: SourcesView;
	statusBar: IndexStatusBar;
	/** The QuickPick a command shows now (tests drive Insert Citation… through it). */
	picks: QuickPickTracker;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<GroundedNotesApi> {
	const log = vscode.window.createOutputChannel('Grounded Notes', { log: true });
	context.subscriptions.push(log);
	const storagePath = context.storageUri?.fsPath ?? context.globalStorageUri.fsPath;

	const module = context.asAbsolutePath('dist/server.js');
	const serverOptions: ServerOptions = {
		run: { module, transport: TransportKind.ipc },
		debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--enable-source-maps'] } },
	};

	const restart = async (): Promise<void> => {
		crashHandler.reset();
		statusBar.starting();
		// (the client's own restart stops with its 2 s default: see STOP_TIMEOUT_MS)
		if (languageClient.state !== State.Stopped) {
			try {
				await languageClient.stop(STOP_TIMEOUT_MS);
			} catch (e) {
				log.warn(`The server did not stop in time (${e instanceof Error ? e.message : String(e)}); starting a new one.`);
			}
		}
		await languageClient.start();
	};
	const crashHandler = new CrashHandler(log, restart);

	const clientOptions: LanguageClientOptions = {
		documentSelector: [
			{ scheme: 'file', language: 'markdown' },
			{ scheme: 'untitled', language: 'markdown' },
		],
		// The server also pulls the section (workspace/configuration) and registers its own file
		// watchers for the source globs, so that it follows changes to them.
		synchronize: { configurationSection: SECTION },
		initializationOptions: () => initializationOptions(storagePath),
		outputChannel: log,
		// `groundedNotes.trace.server` (read by the language client by its id) traces the messages here.
		traceOutputChannel: log,
		errorHandler: crashHandler,
		markdown: { isTrusted: { enabledCommands: ['groundedNotes.openSourceAtPassage'] }, supportHtml: false },
	};

	const languageClient = new LanguageClient('groundedNotes', 'Grounded Notes', serverOptions, clientOptions);
	client = languageClient;
	const server = new GroundedServer(languageClient);
	const statusBar = new IndexStatusBar();
	const sourcesView = new SourcesView(server);
	const picks = new QuickPickTracker();
	context.subscriptions.push(statusBar, sourcesView);

	const showStatus = (status: IndexStatus): void => {
		statusBar.update(status);
		if (status.state === 'ready') sourcesView.refresh();
	};
	// Handlers registered before start() survive restarts of the server.
	context.subscriptions.push(languageClient.onNotification(FromServer.status, showStatus));
	context.subscriptions.push(
		languageClient.onDidChangeState(({ newState }) => {
			if (newState === State.Stopped) statusBar.stopped();
			if (newState === State.Starting) statusBar.starting();
			if (newState === State.Running) void server.status().then(showStatus, (e: unknown) => log.warn(`Could not read the index status: ${String(e)}`));
		}),
	);

	const ctx: CommandContext = { server, log, sourcesView, picks, restart };
	context.subscriptions.push(...registerCommands(ctx));

	try {
		await languageClient.start();
	} catch (error) {
		// The extension stays usable (commands explain); the user learns why the server did not start.
		const reason = error instanceof Error ? error.message : String(error);
		log.error(`The server did not start: ${reason}`);
		void vscode.window.showErrorMessage(`Grounded Notes could not start its server: ${reason}`, 'Show Log', 'Restart').then((choice) => {
			if (choice === 'Show Log') log.show(true);
			if (choice === 'Restart') void restart();
		});
	}
	return { client: languageClient, server, sourcesView, statusBar, picks };
}

/**
 * How long the server may take to answer `shutdown`: it saves what changed in the index since its
 * last snapshot first (a 110 MB workspace's takes ~2.7 s on a 2-core machine), and the language
 * client's default, 2 s, cut that save short, so that the next start indexed from scratch. VS Code
 * gives an extension ~5 s to deactivate.
 */
export const STOP_TIMEOUT_MS = 4500;

export async function deactivate(): Promise<void> {
	await client?.stop(STOP_TIMEOUT_MS);
	client = undefined;
}
