/**
 * Where a cold index's processor time goes, by thread: cold starts on the SOTU corpus (spawn →
 * index ready), and at "ready" the processor time each of the server's threads has used, from
 * Linux's `/proc/<pid>/task/<tid>/stat`: the main thread (merges, requests), the indexer workers
 * (told by their nice value, `BACKGROUND_NICE`) and every other thread (V8's helpers: optimizing
 * compilation and concurrent collection; libuv's pool), with the spawn → ready time beside them.
 * A thread busy from start to end is what a cold index waits for; on two cores, the three together
 * past twice the wall time say the machine was saturated.
 *
 * Given several builds' dist/server.js, runs them in turn (run 1 of each, then run 2 …), so that
 * each sees the same machine.
 *
 * Usage: npx tsx bench/threads.ts [--runs N] [--copies N] [SERVER_JS …]   (Linux only)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchArgs } from './args';
import { BACKGROUND_NICE } from '../server/src/priority';
import { median } from './lsp';
import { OurServer, SERVER } from './ours';
import { writeWorkspace } from './workspace';

/** Processor time (ms) used so far by a process's threads: the main one, the indexer workers, the rest. */
interface ThreadTimes {
	main: number;
	workers: number;
	others: number;
}

/** Reads `pid`'s threads' processor times (user + system) from /proc. */
function threadTimes(pid: number): ThreadTimes {
	const out: ThreadTimes = { main: 0, workers: 0, others: 0 };
	const tick = 1000 / 100; // USER_HZ is 100 on Linux
	for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
		let stat: string;
		try {
			stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
		} catch {
			continue; // the thread ended meanwhile
		}
		// the fields after the command name, which may hold spaces and parentheses: state is field 3
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const ms = (Number(fields[11]) + Number(fields[12])) * tick; // utime, stime (fields 14, 15)
		const nice = Number(fields[16]); // field 19
		if (tid === String(pid)) out.main += ms;
		else if (nice === BACKGROUND_NICE) out.workers += ms;
		else out.others += ms;
	}
	return out;
}

async function main(): Promise<void> {
	if (process.platform !== 'linux') throw new Error('bench/threads.ts reads /proc: Linux only');
	const { runs, copies, given } = benchArgs({ runs: 3, copies: 1 });
	const servers = given.length ? given : [SERVER];
	for (const s of servers) if (!fs.existsSync(s)) throw new Error(`${s} is missing: give built dist/server.js files (npm run build)`);
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-threads-'));
	try {
		const ws = writeWorkspace(path.join(root, 'ws'), copies);
		process.stdout.write(`SOTU x${copies} (${ws.sources.length} files) cold, ${os.availableParallelism()} cores, load ${os.loadavg()[0]!.toFixed(2)}\n\n`);
		process.stdout.write('| run | server | spawn → ready | main thread | indexer workers | other threads | all / wall |\n|---|---|---|---|---|---|---|\n');
		const results = servers.map(() => [] as Array<ThreadTimes & { ready: number }>);
		for (let run = 1; run <= runs; run++) {
			for (const [k, server] of servers.entries()) {
				const s = new OurServer(ws, path.join(root, `cache-${run}-${k}`), [], server);
				await s.initialize();
				const ready = await s.ready();
				const t = threadTimes(s.child.pid!);
				await s.stop();
				results[k]!.push({ ready, ...t });
				const all = t.main + t.workers + t.others;
				process.stdout.write(`| ${run} | ${path.relative(process.cwd(), server)} | ${Math.round(ready)} ms | ${t.main} ms | ${t.workers} ms | ${t.others} ms | ${(all / ready).toFixed(2)} |\n`);
			}
		}
		process.stdout.write('\nmedians:\n');
		for (const [k, server] of servers.entries()) {
			const r = results[k]!;
			const m = (f: (x: ThreadTimes & { ready: number }) => number) => Math.round(median(r.map(f)));
			process.stdout.write(`${path.relative(process.cwd(), server)}: ready ${m((x) => x.ready)} ms; main ${m((x) => x.main)}, workers ${m((x) => x.workers)}, others ${m((x) => x.others)} ms\n`);
		}
	} finally {
		fs.rmSync(root, { recursive: true, force: true });
	}
}

void main().catch((e: unknown) => {
	process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
	process.exit(1);
});
