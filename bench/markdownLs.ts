/**
 * VS Code's own Markdown language server (npm `vscode-markdown-languageserver`), driven as VS Code
 * drives it (../shared/PERF.md): the client tokenizes with markdown-it and answers its file
 * system requests from disk; diagnostics are pulled.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import MarkdownIt from 'markdown-it';
import * as rpc from 'vscode-languageserver-protocol/node';
import { SpawnedServer } from './lsp';

const MAIN = path.join(path.dirname(require.resolve('vscode-markdown-languageserver/package.json')), 'dist/node/workerMain.js');

/** VS Code's defaults, with validation on. */
const SETTINGS = {
	markdown: {
		server: { log: 'off' },
		preferredMdPathExtensionStyle: 'auto',
		occurrencesHighlight: { enabled: false },
		suggest: { paths: { enabled: true, includeWorkspaceHeaderCompletions: 'onDoubleHash' } },
		validate: {
			enabled: true,
			referenceLinks: { enabled: 'warning' },
			fragmentLinks: { enabled: 'warning' },
			fileLinks: { enabled: 'warning', markdownFragmentLinks: 'inherit' },
			ignoredLinks: [],
			unusedLinkDefinitions: { enabled: 'hint' },
			duplicateLinkDefinitions: { enabled: 'warning' },
		},
	},
};

/** The Markdown server in a workspace folder. */
export class MarkdownServer extends SpawnedServer {
	private readonly md = new MarkdownIt({ html: true, linkify: true });
	private readonly open = new Map<string, string>();

	constructor(readonly dir: string) {
		super([MAIN, '--stdio'], dir);
		const fsPath = (uri: string) => fileURLToPath(uri);
		this.conn.onRequest('markdown/parse', (p: { uri: string; text?: string }) => {
			const text = p.text ?? this.open.get(p.uri) ?? fs.readFileSync(fsPath(p.uri), 'utf8');
			return this.md.parse(text, {});
		});
		this.conn.onRequest('markdown/fs/readFile', (p: { uri: string }) => [...fs.readFileSync(fsPath(p.uri))]);
		this.conn.onRequest('markdown/fs/stat', (p: { uri: string }): { isDirectory: boolean } | null => {
			try {
				return { isDirectory: fs.statSync(fsPath(p.uri)).isDirectory() };
			} catch {
				return null;
			}
		});
		this.conn.onRequest('markdown/fs/readDirectory', (p: { uri: string }) =>
			fs.readdirSync(fsPath(p.uri), { withFileTypes: true }).map((d) => [d.name, { isDirectory: d.isDirectory() }]),
		);
		this.conn.onRequest('markdown/findMarkdownFilesInWorkspace', () => listMarkdown(dir).map((f) => pathToFileURL(f).href));
		this.conn.onRequest('markdown/fs/watcher/create', () => undefined);
		this.conn.onRequest('markdown/fs/watcher/delete', () => undefined);
		this.conn.onRequest(rpc.ConfigurationRequest.type, (p) => p.items.map(() => SETTINGS));
	}

	async initialize(): Promise<void> {
		const root = pathToFileURL(this.dir).href;
		await this.conn.sendRequest(rpc.InitializeRequest.type, {
			processId: process.pid,
			rootUri: root,
			workspaceFolders: [{ uri: root, name: 'bench' }],
			initializationOptions: { markdownFileExtensions: ['md'], i10lLocation: undefined },
			capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { diagnostic: { dynamicRegistration: false } } },
		});
		await this.conn.sendNotification(rpc.InitializedNotification.type, {});
		await this.conn.sendNotification(rpc.DidChangeConfigurationNotification.type, { settings: SETTINGS });
	}

	async openNote(file: string, text: string): Promise<string> {
		const uri = pathToFileURL(file).href;
		this.open.set(uri, text);
		await this.conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
		return uri;
	}

	/** Pulls a document's diagnostics; returns how many. */
	async pull(uri: string): Promise<number> {
		const r = (await this.conn.sendRequest(rpc.DocumentDiagnosticRequest.type, { textDocument: { uri } })) as rpc.DocumentDiagnosticReport;
		return r.kind === 'full' ? r.items.length : 0;
	}
}

function listMarkdown(dir: string): string[] {
	const out: string[] = [];
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) out.push(...listMarkdown(p));
		else if (e.isFile() && e.name.endsWith('.md')) out.push(p);
	}
	return out;
}
