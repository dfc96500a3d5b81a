/**
 * Two builds of the server side by side on the SOTU corpus: cold index and warm start (spawn →
 * index ready), run after run in turn, so that both see the same machine. The machine these
 * benchmarks run on changes speed by up to 2× within an hour (the floor and VS Code's Markdown
 * server, measured in the same `npm run bench`, show it): a figure from one run of `npm run
 * bench` compared with one from another hour says little, a comparison made this way does.
 *
 * Also the resident memory once the cold index is ready. `--copies N` measures the corpus N times over.
 *
 * Usage: npx tsx bench/compare.ts OTHER_SERVER_JS [THIS_SERVER_JS] [--runs N] [--copies N]
 *   e.g. git worktree add /tmp/old <rev> && (cd /tmp/old && npm ci && node esbuild.mjs)
 *        npx tsx bench/compare.ts /tmp/old/dist/server.js
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchArgs } from './args';
import { median } from './lsp';
import { OurServer, SERVER } from './ours';
import { writeWorkspace } from './workspace';

async function startToReady(server: string, ws: ReturnType<typeof writeWorkspace>, cacheDir: string): Promise<{ ready: number; rss: number }> {
	const s = new OurServer(ws, cacheDir, [], server);
	await s.initialize();
	const ready = await s.ready();
	const { rss } = s.memory();
	await s.stop();
	return { ready, rss };
}

async function main(): Promise<void> {
	const { runs, copies, given: servers } = benchArgs({ runs: 5, copies: 1 });
	const other = servers[0];
	const mine = servers[1] ?? SERVER;
	if (!other || !fs.existsSync(other) || !fs.existsSync(mine)) throw new Error('usage: npx tsx bench/compare.ts OTHER_SERVER_JS [THIS_SERVER_JS] [--runs N] [--copies N] (each a built dist/server.js)');
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-compare-'));
	try {
		const ws = writeWorkspace(path.join(root, 'ws'), copies);
		const builds = [
			{ name: path.relative(process.cwd(), other) || other, server: other, cold: [] as number[], warm: [] as number[], rss: [] as number[] },
			{ name: path.relative(process.cwd(), mine) || mine, server: mine, cold: [] as number[], warm: [] as number[], rss: [] as number[] },
		];
		for (let i = 0; i < runs; i++) {
			for (const b of builds) {
				const cache = path.join(root, 'cache');
				fs.rmSync(cache, { recursive: true, force: true });
				const cold = await startToReady(b.server, ws, cache);
				b.cold.push(cold.ready);
				b.rss.push(cold.rss);
				b.warm.push((await startToReady(b.server, ws, cache)).ready);
				process.stderr.write(`  ${b.name}: cold ${Math.round(b.cold.at(-1)!)} ms (RSS ${Math.round(cold.rss)} MB), warm ${Math.round(b.warm.at(-1)!)} ms\n`);
			}
		}
		const ms = (x: number) => `${Math.round(x)} ms`;
		console.log(`SOTU${copies > 1 ? ` x${copies}` : ''} (${ws.sources.length} files), ${runs} runs each, in turn; medians (min–max)\n`);
		console.log('| build | cold index | RSS after it | warm start |\n|---|---|---|---|');
		for (const b of builds) console.log(`| ${b.name} | ${ms(median(b.cold))} (${ms(Math.min(...b.cold))}–${ms(Math.max(...b.cold))}) | ${Math.round(median(b.rss))} MB | ${ms(median(b.warm))} (${ms(Math.min(...b.warm))}–${ms(Math.max(...b.warm))}) |`);
		const [a, c] = builds as [(typeof builds)[0], (typeof builds)[0]];
		console.log(`\nthis build / the other: cold ${(median(c.cold) / median(a.cold)).toFixed(2)}×, RSS ${(median(c.rss) / median(a.rss)).toFixed(2)}×, warm ${(median(c.warm) / median(a.warm)).toFixed(2)}×`);
	} finally {
		fs.rmSync(root, { recursive: true, force: true });
	}
}

void main().catch((e: unknown) => {
	process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
	process.exit(1);
});
