/** Grounded Notes' own server (dist/server.js) over stdio, measured end to end. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as rpc from 'vscode-languageserver-protocol/node';
import { SpawnedServer, percentile, type Received } from './lsp';
import type { BenchWorkspace } from './workspace';

/** The server measured: this checkout's build, or another (GROUNDED_NOTES_BENCH_SERVER=…/server.js) to compare two builds on one machine. */
export const SERVER = path.resolve(process.env['GROUNDED_NOTES_BENCH_SERVER'] ?? path.join(__dirname, '../dist/server.js'));

const uriOf = (p: string) => pathToFileURL(p).href;

/** Our server, started in a workspace with its cache in `cacheDir`. */
export class OurServer extends SpawnedServer {
	private versions = new Map<string, number>();

	constructor(readonly ws: BenchWorkspace, readonly cacheDir: string, nodeArgs: string[] = [], server = SERVER) {
		super([...nodeArgs, server, '--stdio'], ws.dir);
		this.conn.onRequest(rpc.ConfigurationRequest.type, (p) => p.items.map(() => ({ cachePath: cacheDir })));
	}

	async initialize(): Promise<void> {
		const root = uriOf(this.ws.dir);
		await this.conn.sendRequest(rpc.InitializeRequest.type, {
			processId: process.pid,
			rootUri: root,
			workspaceFolders: [{ uri: root, name: 'bench' }],
			initializationOptions: { cachePath: this.cacheDir },
			capabilities: {
				workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
				textDocument: { publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown'] } },
			},
		});
		await this.conn.sendNotification(rpc.InitializedNotification.type, {});
	}

	/** Milliseconds since the spawn when indexing was done. */
	async ready(from = 0): Promise<number> {
		const r = await this.waitFor((m) => m.method === 'groundedNotes/statusChanged' && (m.params as { state: string }).state === 'ready', 'indexing to finish', from);
		return r.at;
	}

	async open(file: string, text: string): Promise<string> {
		const uri = uriOf(file);
		this.versions.set(uri, 1);
		await this.conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
		return uri;
	}

	async change(uri: string, text: string): Promise<number> {
		const version = (this.versions.get(uri) ?? 1) + 1;
		this.versions.set(uri, version);
		await this.conn.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
		return version;
	}

	/** The first diagnostics for `uri` (of `version`, if given) from notification index `from` on. */
	diagnostics(uri: string, from = 0, version?: number): Promise<Received> {
		return this.waitFor((m) => {
			if (m.method !== 'textDocument/publishDiagnostics') return false;
			const p = m.params as rpc.PublishDiagnosticsParams;
			return p.uri === uri && (version === undefined || p.version === version);
		}, `diagnostics of ${uri}`, from);
	}
}

/** Places in a note worth asking about: figures and citation keys (offsets). */
export function probes(text: string): { figures: number[]; keys: number[] } {
	const figures: number[] = [];
	const keys: number[] = [];
	for (const m of text.matchAll(/\$?\d[\d,.]*(?: (?:million|billion|percent))?/g)) figures.push(m.index! + 1);
	for (const m of text.matchAll(/\[@([\w-]+)\]/g)) keys.push(m.index! + 4);
	return { figures, keys };
}

/** The LSP position of an offset. */
export function positionAt(text: string, offset: number): rpc.Position {
	let line = 0;
	let last = 0;
	for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
		line++;
		last = i + 1;
	}
	return { line, character: offset - last };
}

/** Latencies of `n` requests of one method at the given offsets, round robin: p50 and p99 in ms. */
export async function requestLatency(server: OurServer, uri: string, text: string, method: string, offsets: number[], n: number): Promise<{ p50: number; p99: number; max: number }> {
	const positions = offsets.map((o) => positionAt(text, o));
	const times: number[] = [];
	for (let i = 0; i < n; i++) {
		const { ms } = await server.timed(method, { textDocument: { uri }, position: positions[i % positions.length] });
		times.push(ms);
	}
	return { p50: percentile(times, 50), p99: percentile(times, 99), max: Math.max(...times) };
}

/** A note with one figure changed (the `i`-th figure of the text gets its first digit bumped). */
export function editedNote(text: string, i: number): string {
	const figs = [...text.matchAll(/\d/g)];
	const m = figs[(i * 7919) % figs.length]!;
	const d = String((Number(m[0]) + 1 + (i % 8)) % 10);
	return text.slice(0, m.index!) + d + text.slice(m.index! + 1);
}

/** Rewrites a source file with a changed figure and tells the server; returns the new text. */
export async function changeSource(server: OurServer, file: string, round: number): Promise<void> {
	const text = fs.readFileSync(file, 'utf8');
	const stripped = text.replace(/\n\nBenchmark edit \d+:[^\n]*\n$/, '\n');
	fs.writeFileSync(file, `${stripped}\nBenchmark edit ${round}: the deficit fell by $${100 + round} billion this year.\n`);
	await server.conn.sendNotification(rpc.DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(file), type: rpc.FileChangeType.Changed }] });
}

/** A hover sent while the sources were indexed, and its round trip. */
export interface HoverTrip {
	/** When it was sent: ms since the epoch, and since the server was spawned. */
	at: number;
	sinceSpawn: number;
	ms: number;
	/** Processor time the virtual machine's host took from this machine meanwhile, all processors (ms; NaN: unknown). */
	stolen: number;
}

/**
 * An editor with the 50-sentence note open, hovering over its figures every 5 ms while the
 * sources are indexed (the server initialized, not yet ready): each round trip, and when the
 * index was ready (ms since the spawn).
 */
export async function hoverUntilReady(server: OurServer, ws: BenchWorkspace): Promise<{ ready: number; trips: HoverTrip[] }> {
	const note = ws.notes.get(50)!;
	const uri = await server.open(note.path, note.text);
	const at = probes(note.text).figures.map((o) => positionAt(note.text, o));
	let done = false;
	const readyAt = server.ready().then((t) => ((done = true), t));
	const trips: HoverTrip[] = [];
	for (let i = 0; !done; i++) {
		const sent = performance.timeOrigin + performance.now();
		const sinceSpawn = server.now();
		const stolen = stolenMs();
		const { ms } = await server.timed('textDocument/hover', { textDocument: { uri }, position: at[i % at.length] });
		if (!done) trips.push({ at: sent, sinceSpawn, ms, stolen: stolenMs() - stolen });
		await new Promise((r) => setTimeout(r, 5));
	}
	return { ready: await readyAt, trips };
}

/** Processor time taken by the host of this virtual machine so far, all processors (Linux's "steal" in /proc/stat), in ms. */
export function stolenMs(): number {
	try {
		const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/);
		return Number(cpu[8]) * 10;
	} catch {
		return NaN;
	}
}
