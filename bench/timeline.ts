/**
 * Where a start's time goes: spawns the server on the SOTU workspace (cold, then warm from the
 * snapshot the cold run saved at shutdown) and prints every notification it sends, with the
 * milliseconds since the spawn. Server-side marks (GROUNDED_NOTES_TRACE=1) go to the log too.
 *
 * Usage: npx tsx bench/timeline.ts [--copies N]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { benchArgs } from './args';
import { OurServer } from './ours';
import { writeWorkspace } from './workspace';

async function show(label: string, ws: ReturnType<typeof writeWorkspace>, cacheDir: string): Promise<void> {
	const s = new OurServer(ws, cacheDir);
	const init = s.now();
	await s.initialize();
	process.stdout.write(`${label}: initialize answered at ${Math.round(s.now())} ms (sent at ${Math.round(init)})\n`);
	const ready = await s.ready();
	for (const r of s.received) {
		const p = r.params as { message?: string; state?: string; indexed?: number };
		const what = p.message ?? (p.state ? `${p.state} ${p.indexed ?? ''}` : '');
		process.stdout.write(`  ${Math.round(r.at).toString().padStart(6)} ms ${r.method} ${what.slice(0, 160)}\n`);
	}
	process.stdout.write(`${label}: ready at ${Math.round(ready)} ms\n`);
	await s.stop();
}

async function main(): Promise<void> {
	const { copies } = benchArgs({ runs: 1, copies: 1 });
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-timeline-'));
	try {
		const ws = writeWorkspace(path.join(root, 'ws'), copies);
		const cache = path.join(root, 'cache');
		await show('cold', ws, cache);
		await show('warm', ws, cache);
		await show('warm', ws, cache);
	} finally {
		fs.rmSync(root, { recursive: true, force: true });
	}
}

void main().catch((e: unknown) => {
	process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
	process.exit(1);
});
