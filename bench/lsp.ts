/** A language server spawned over stdio for a benchmark: timed messages, RSS from /proc. */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as rpc from 'vscode-languageserver-protocol/node';

/** One notification as received, with when (ms since the server was spawned). */
export interface Received {
	at: number;
	method: string;
	params: unknown;
}

/** A spawned server and everything it sent. */
export class SpawnedServer {
	readonly child: ChildProcess;
	readonly conn: rpc.ProtocolConnection;
	/** performance.now() when it was spawned. */
	readonly t0: number;
	readonly received: Received[] = [];
	stderr = '';
	private readonly waiters: Array<() => void> = [];

	constructor(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
		this.t0 = performance.now();
		this.child = spawn(process.execPath, args, { cwd, stdio: ['pipe', 'pipe', 'pipe'], env });
		this.child.stderr!.on('data', (d) => (this.stderr += d));
		// a server that dies unasked (a build path that does not resolve, a crash) would leave its
		// requests unanswered, and the benchmark would end without a word
		this.child.once('exit', (code, signal) => {
			if (this.stopping) return;
			process.stderr.write(`${args.join(' ')} exited unasked (${signal ?? `code ${code}`}): ${this.stderr.slice(-800) || 'nothing on stderr'}\n`);
			process.exit(1);
		});
		this.conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(this.child.stdout!), new rpc.StreamMessageWriter(this.child.stdin!));
		this.conn.onUnhandledNotification((m) => {
			this.received.push({ at: this.now(), method: m.method, params: m.params });
			for (const w of this.waiters.splice(0)) w();
		});
		this.conn.onRequest(rpc.WorkDoneProgressCreateRequest.type, () => undefined);
		this.conn.onRequest(rpc.RegistrationRequest.type, () => undefined);
		this.conn.onRequest(rpc.UnregistrationRequest.type, () => undefined);
		this.conn.onRequest(rpc.ShowMessageRequest.type, () => null);
		this.conn.listen();
	}

	/** Milliseconds since the spawn. */
	now(): number {
		return performance.now() - this.t0;
	}

	/** Waits for the first notification (from index `from` on) that `match` accepts. */
	async waitFor(match: (r: Received) => boolean, what: string, from = 0, ms = 600_000): Promise<Received> {
		const end = Date.now() + ms;
		for (;;) {
			for (let i = from; i < this.received.length; i++) if (match(this.received[i]!)) return this.received[i]!;
			if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${this.stderr.slice(-400)}`);
			await new Promise<void>((r) => {
				this.waiters.push(r);
				setTimeout(r, 100);
			});
		}
	}

	/** Resident set size and its peak, in MB (Linux). */
	memory(): { rss: number; peak: number } {
		try {
			const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
			const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN) / 1024;
			return { rss: kb('VmRSS'), peak: kb('VmHWM') };
		} catch {
			return { rss: NaN, peak: NaN };
		}
	}

	/** Sends a request and measures its round trip in ms. */
	async timed<R>(method: string, params: unknown): Promise<{ ms: number; result: R }> {
		const t = performance.now();
		const result = (await this.conn.sendRequest(method, params)) as R;
		return { ms: performance.now() - t, result };
	}

	/** Set by `stop`: the server's exit is asked for. */
	private stopping = false;

	async stop(): Promise<void> {
		this.stopping = true;
		await stopServer(this.conn, this.child, 3000);
	}
}

/** Asks a server to shut down and exit, kills it if it has not exited after `ms`, and closes the connection. */
export async function stopServer(conn: rpc.ProtocolConnection, child: ChildProcess, ms: number): Promise<void> {
	try {
		await Promise.race([conn.sendRequest(rpc.ShutdownRequest.type), new Promise((r) => setTimeout(r, ms))]);
		await conn.sendNotification(rpc.ExitNotification.type);
	} catch {
		// gone already
	}
	await new Promise((r) => {
		if (child.exitCode !== null) return r(null);
		const t = setTimeout(() => {
			child.kill('SIGKILL');
			r(null);
		}, ms);
		child.once('exit', () => {
			clearTimeout(t);
			r(null);
		});
	});
	conn.dispose();
}

/** The median of a list. */
export function median(xs: readonly number[]): number {
	return percentile(xs, 50);
}

/** The p-th percentile (nearest rank). */
export function percentile(xs: readonly number[], p: number): number {
	if (!xs.length) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
