/** A minimal LSP client for protocol tests: spawns the built server over stdio in a temporary workspace. */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as rpc from 'vscode-languageserver-protocol/node';
import { stopServer } from '../../bench/lsp';

export const ROOT = path.resolve(__dirname, '../..');
export const SERVER = path.join(ROOT, 'dist/server.js');

export interface ClientOptions {
	/** Files to write into the workspace: relative path → text (or bytes). */
	files?: Record<string, string | Uint8Array>;
	/** Copy the seeds into `seeds/`. */
	seeds?: boolean;
	/** Settings answered to workspace/configuration (and sent as initializationOptions). */
	settings?: Record<string, unknown>;
	/** initializationOptions, when they are not `settings`. */
	initializationOptions?: Record<string, unknown>;
	/** Whether the client offers workspace/configuration. */
	configuration?: boolean;
	/** Whether the client watches files (didChangeWatchedFiles with dynamic registration). */
	watch?: boolean;
	/** Workspace folders (relative paths); the workspace root when not given. */
	folders?: string[];
	/** Settings per folder (relative path → settings), answered to scoped configuration requests. */
	folderSettings?: Record<string, Record<string, unknown>>;
	/** How to start the server: a command before node (e.g. setpriv), node's own flags (e.g. --require), extra environment. */
	launch?: { prefix?: string[]; nodeArgs?: string[]; env?: Record<string, string> };
}

/** A running server and what it has sent. */
export class TestClient {
	readonly dir: string;
	readonly conn: rpc.ProtocolConnection;
	readonly child: ChildProcess;
	readonly diagnostics = new Map<string, rpc.PublishDiagnosticsParams>();
	readonly messages: rpc.ShowMessageParams[] = [];
	readonly logs: string[] = [];
	readonly progress: unknown[] = [];
	readonly statuses: Array<{ state: string; sources: number; figures: number }> = [];
	readonly registrations: rpc.Registration[] = [];
	stderr = '';
	private readonly waiters: Array<() => void> = [];
	private versions = new Map<string, number>();

	constructor(readonly options: ClientOptions = {}) {
		this.settings = options.settings ?? {};
		this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-proto-'));
		if (options.seeds !== false) {
			fs.mkdirSync(path.join(this.dir, 'seeds'));
			for (const f of fs.readdirSync(path.join(ROOT, 'seeds'))) fs.copyFileSync(path.join(ROOT, 'seeds', f), path.join(this.dir, 'seeds', f));
		}
		for (const [rel, content] of Object.entries(options.files ?? {})) this.write(rel, content);
		const launch = options.launch ?? {};
		const argv = [...(launch.prefix ?? []), process.execPath, ...(launch.nodeArgs ?? []), SERVER, '--stdio'];
		this.child = spawn(argv[0]!, argv.slice(1), { cwd: this.dir, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...launch.env } });
		this.child.stderr!.on('data', (d) => (this.stderr += d));
		this.conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(this.child.stdout!), new rpc.StreamMessageWriter(this.child.stdin!));
		this.conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
			this.diagnostics.set(p.uri, p);
			this.notify();
		});
		this.conn.onNotification(rpc.ShowMessageNotification.type, (p) => {
			this.messages.push(p);
			this.notify();
		});
		this.conn.onNotification(rpc.LogMessageNotification.type, (p) => {
			this.logs.push(p.message);
			this.notify();
		});
		this.conn.onNotification('groundedNotes/statusChanged', (p: { state: string; sources: number; figures: number }) => {
			this.statuses.push(p);
			this.notify();
		});
		this.conn.onNotification('$/progress', (p: { value: unknown }) => {
			this.progress.push(p.value);
			this.notify();
		});
		this.conn.onRequest(rpc.ConfigurationRequest.type, (p) =>
			p.items.map((it) => {
				const folder = Object.keys(this.options.folderSettings ?? {}).find((f) => it.scopeUri === this.uri(f));
				return folder ? this.options.folderSettings![folder] : this.settings;
			}),
		);
		this.conn.onRequest(rpc.RegistrationRequest.type, (p) => {
			this.registrations.push(...p.registrations);
		});
		this.conn.onRequest(rpc.WorkDoneProgressCreateRequest.type, () => undefined);
		// window.showWarningMessage is a request (it could offer actions)
		this.conn.onRequest(rpc.ShowMessageRequest.type, (p) => {
			this.messages.push(p);
			this.notify();
			return null;
		});
		this.conn.listen();
	}

	settings: Record<string, unknown>;

	/** The URI of a workspace-relative path. */
	uri(rel: string): string {
		return pathToFileURL(path.join(this.dir, rel)).href;
	}

	/** Writes a workspace file. */
	write(rel: string, content: string | Uint8Array): void {
		const p = path.join(this.dir, rel);
		fs.mkdirSync(path.dirname(p), { recursive: true });
		fs.writeFileSync(p, content);
	}

	private notify(): void {
		for (const w of this.waiters.splice(0)) w();
	}

	/** Waits until `fn` returns a truthy value (checked on every message from the server), or fails after `ms`. */
	async until<T>(fn: () => T | undefined | false | null, what: string, ms = 10_000): Promise<T> {
		const end = Date.now() + ms;
		for (;;) {
			const v = fn();
			if (v) return v;
			if (Date.now() > end) throw new Error(`timed out waiting for ${what}; stderr: ${this.stderr.slice(-500)}; logs: ${this.logs.slice(-5).join(' / ')}`);
			await new Promise<void>((r) => {
				this.waiters.push(r);
				setTimeout(r, 50);
			});
		}
	}

	/** Initializes the server; `beforeInitialized` runs between the server's answer and the `initialized` notification. */
	async initialize(beforeInitialized?: () => Promise<void>): Promise<rpc.InitializeResult> {
		const root = pathToFileURL(this.dir).href;
		const result = await this.conn.sendRequest(rpc.InitializeRequest.type, {
			processId: process.pid,
			rootUri: root,
			workspaceFolders: this.options.folders ? this.options.folders.map((f) => ({ uri: this.uri(f), name: f })) : [{ uri: root, name: 'ws' }],
			initializationOptions: this.options.initializationOptions ?? this.options.settings ?? {},
			capabilities: {
				workspace: { configuration: this.options.configuration ?? true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: this.options.watch ?? true } },
				textDocument: {
					hover: { contentFormat: ['markdown', 'plaintext'] },
					completion: { completionItem: { snippetSupport: true } },
					publishDiagnostics: { relatedInformation: true, versionSupport: true },
					codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
				},
				window: { workDoneProgress: true },
			},
		});
		await beforeInitialized?.();
		await this.conn.sendNotification(rpc.InitializedNotification.type, {});
		return result;
	}

	/** Waits until the server has indexed its sources. */
	async ready(): Promise<void> {
		await this.until(() => this.statuses.some((s) => s.state === 'ready'), 'indexing to finish');
	}

	async open(rel: string, text: string): Promise<string> {
		const uri = this.uri(rel);
		this.versions.set(uri, 1);
		this.diagnostics.delete(uri);
		await this.conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
		return uri;
	}

	async change(uri: string, text: string): Promise<number> {
		const version = (this.versions.get(uri) ?? 1) + 1;
		this.versions.set(uri, version);
		await this.conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
		return version;
	}

	/** The diagnostics published for a document (for its latest version, when `version` is given). */
	async diagnosticsFor(uri: string, version?: number): Promise<rpc.Diagnostic[]> {
		const p = await this.until(() => {
			const d = this.diagnostics.get(uri);
			return d && (version === undefined || d.version === version) ? d : undefined;
		}, `diagnostics for ${uri}`);
		return p.diagnostics;
	}

	async close(): Promise<void> {
		await stopServer(this.conn, this.child, 2000);
		fs.rmSync(this.dir, { recursive: true, force: true });
	}
}
