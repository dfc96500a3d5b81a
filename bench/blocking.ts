/**
 * Whether requests stay answered while a large corpus indexes, run after run: the server cold
 * indexes the SOTU corpus ×N (default 10) while an editor hovers over a note's figures every 5 ms;
 * prints each run's longest round trip, its p99 and how many took over 50 ms. One run (as `npm
 * run bench` makes) says little of a target that an unlucky garbage collection can miss.
 *
 * `--gc` also logs the server's main-thread garbage collections of 5 ms or more and the stalls of
 * its event loop (bench/gcLog.cjs), and prints those that overlap a round trip over 50 ms, with
 * the processor time the virtual machine's host took meanwhile ("steal", in 10 ms ticks).
 *
 * Given several builds' dist/server.js, runs them in turn (run 1 of each, then run 2 …), so that
 * each sees the same machine.
 *
 * Usage: npx tsx bench/blocking.ts [--runs N] [--copies N] [--gc] [SERVER_JS …]
 *   GROUNDED_NOTES_BENCH_NODE_ARGS="--flag …" runs the servers with those Node flags.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchArgs } from './args';
import { percentile } from './lsp';
import { OurServer, SERVER, hoverUntilReady, stolenMs, type HoverTrip } from './ours';
import { writeWorkspace, type BenchWorkspace } from './workspace';

const LIMIT = 50;

interface Collection {
	at: number;
	ms: number;
	kind: string;
	heapMB: number;
}

async function hoverWhileIndexing(ws: BenchWorkspace, cacheDir: string, server: string, nodeArgs: string[]): Promise<{ ready: number; readyAt: number; trips: HoverTrip[] }> {
	fs.rmSync(cacheDir, { recursive: true, force: true });
	const s = new OurServer(ws, cacheDir, nodeArgs, server);
	try {
		await s.initialize();
		const { ready, trips } = await hoverUntilReady(s, ws);
		return { ready, readyAt: performance.timeOrigin + s.t0 + ready, trips };
	} finally {
		await s.stop();
	}
}

async function main(): Promise<void> {
	const args = benchArgs({ runs: 5, copies: 10 });
	const { runs, copies, given } = args;
	const gc = args.has('--gc');
	const servers = given.length ? given : [SERVER];
	for (const server of servers) if (!fs.existsSync(server)) throw new Error(`no server at ${server}: build it first (node esbuild.mjs)`);
	const nameOf = (server: string) => path.relative(process.cwd(), server) || server;
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-blocking-'));
	const gcLog = path.join(root, 'gc.jsonl');
	const nodeArgs = (process.env['GROUNDED_NOTES_BENCH_NODE_ARGS'] ?? '').split(/\s+/).filter(Boolean);
	if (gc) {
		nodeArgs.push('--require', path.join(__dirname, 'gcLog.cjs'));
		process.env['GROUNDED_NOTES_GC_LOG'] = gcLog;
	}
	try {
		const ws = writeWorkspace(path.join(root, 'ws'), copies);
		console.log(`SOTU x${copies} (${ws.sources.length} files) cold, hovering every 5 ms${nodeArgs.length ? `; node ${nodeArgs.join(' ')}` : ''}; ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(2)}\n`);
		console.log('| run | server | index ready | hovers | max | p99 | over 50 ms |\n|---|---|---|---|---|---|---|');
		const maxima = new Map<string, number[]>(servers.map((s) => [s, []]));
		for (let run = 1; run <= runs; run++) for (const server of servers) {
			fs.rmSync(gcLog, { force: true });
			const stolenBefore = stolenMs();
			const { ready, readyAt, trips } = await hoverWhileIndexing(ws, path.join(root, 'cache'), server, nodeArgs);
			const times = trips.map((t) => t.ms);
			const slow = trips.filter((t) => t.ms > LIMIT);
			maxima.get(server)!.push(Math.max(...times));
			console.log(`| ${run} | ${nameOf(server)} | ${(ready / 1000).toFixed(1)} s | ${trips.length} | ${Math.round(Math.max(...times))} ms | ${Math.round(percentile(times, 99))} ms | ${slow.length} |`);
			if (gc) {
				const collections = (fs.existsSync(gcLog) ? fs.readFileSync(gcLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Collection) : []).filter((c) => c.at + c.ms > (trips[0]?.at ?? 0) && c.at < readyAt);
				const kinds = [...new Set(collections.map((c) => c.kind))].sort();
				const summary = kinds.map((k) => {
					const of = collections.filter((c) => c.kind === k).map((c) => c.ms);
					return `${of.length} ${k} (${Math.round(of.reduce((a, b) => a + b, 0))} ms, max ${Math.round(Math.max(...of))} ms)`;
				});
				console.log(`|   | | from the first hover until ready, the main thread's collections of 5 ms or more and stalls of 20 ms or more: ${summary.join(', ') || 'none'}; the host took ${stolenMs() - stolenBefore} ms of processor time in the run | | | | |`);
				for (const t of slow) {
					const during = collections.filter((c) => c.at < t.at + t.ms && c.at + c.ms > t.at);
					console.log(`|   | | ${Math.round(t.ms)} ms hover at ${(t.sinceSpawn / 1000).toFixed(2)} s${t.stolen > 0 ? `, ${t.stolen} ms stolen by the host` : ''} | during: ${during.map((c) => `${c.kind} ${Math.round(c.ms)} ms (heap ${c.heapMB} MB)`).join(', ') || 'no collection of 5 ms or more'} | | | |`);
				}
			}
		}
		console.log('');
		for (const [server, m] of maxima) console.log(`${nameOf(server)}: longest round trip per run ${m.map((x) => Math.round(x)).join(', ')} ms; over ${LIMIT} ms in ${m.filter((x) => x > LIMIT).length} of ${runs} runs`);
	} finally {
		fs.rmSync(root, { recursive: true, force: true });
	}
}

void main().catch((e: unknown) => {
	process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
	process.exit(1);
});
