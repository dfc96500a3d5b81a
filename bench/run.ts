/**
 * The performance benchmark: Grounded Notes on the SOTU corpus (11 MB) and on ten distinct-keyed
 * copies of it (110 MB), beside VS Code's own Markdown language server and the floor (reading the
 * files plus one regex pass), on the same files. Prints medians of several runs as a Markdown table.
 *
 * Usage: npm run bench [-- --quick] [-- --readme]
 *   --quick    SOTU only, 3 runs instead of 5
 *   --readme   also write the table into README.md's "## Performance" section
 * Needs the built server (npm run bench builds it first).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { median, percentile } from './lsp';
import { MarkdownServer } from './markdownLs';
import { OurServer, SERVER, changeSource, editedNote, hoverUntilReady, probes, requestLatency } from './ours';
import { floor, stageSplit, type StageSplit } from './stages';
import { NOTE_SIZES, writeWorkspace, type BenchWorkspace } from './workspace';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const REPEATS = quick ? 3 : 5;
const REPEATS_LARGE = 3;
const REQUESTS = 1000;
const EDITS = 20;

const log = (m: string) => process.stderr.write(`${m}\n`);
const ms = (x: number) => (Number.isFinite(x) ? (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : x >= 10 ? `${Math.round(x)} ms` : `${x.toFixed(1)} ms`) : 'n/a');
const mb = (x: number) => `${Math.round(x)} MB`;
const range = (xs: number[]) => (xs.length > 1 ? ` (${ms(Math.min(...xs))}–${ms(Math.max(...xs))})` : '');

interface CorpusFigures {
	copies: number;
	files: number;
	bytes: number;
	floor: number;
	stages: StageSplit;
	cold: number[];
	warm: number[];
	rss: number;
	peak: number;
	warmRss: number;
	/** Longest and p99 hover round trip while indexing (cold). */
	blockedMax: number;
	blockedP99: number;
	blockedCount: number;
	/** Spawn → a note's diagnostics after a warm start: the note opened first, and reopened (open at the last shutdown: its verdicts saved). */
	spawnToDiagnostics?: Map<number, number[]>;
	reopenToDiagnostics?: Map<number, number[]>;
	requests?: Record<string, { p50: number; p99: number }>;
	edits?: Map<number, { p50: number; p99: number }>;
	sourceChange?: number[];
	markdownLs?: { diagnostics: Map<number, number[]>; workspace: number[] };
}

function machine(): string {
	const cpus = os.cpus();
	return `${cpus.length} cores, ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' / ');

/**
 * A cold run, then `keepForSnapshot`: stays until the server has saved the index snapshot (5 s
 * after indexing, as when an editor stays open), so that warm runs start from it as a user's would.
 */
async function coldRun(ws: BenchWorkspace, cacheDir: string, probeWhileIndexing: boolean, keepForSnapshot = false): Promise<{ ready: number; rss: number; peak: number; blocked: number[] }> {
	fs.rmSync(cacheDir, { recursive: true, force: true });
	const server = new OurServer(ws, cacheDir);
	await server.initialize();
	// with `probeWhileIndexing`, an editor with a note open, hovering while the sources are indexed
	const { ready, trips } = probeWhileIndexing ? await hoverUntilReady(server, ws) : { ready: await server.ready(), trips: [] };
	const mem = server.memory();
	if (keepForSnapshot) await snapshotSaved(server);
	await server.stop();
	return { ready, ...mem, blocked: trips.map((t) => t.ms) };
}

/** Waits for the server to say it saved the index snapshot. */
async function snapshotSaved(server: OurServer): Promise<void> {
	await server.waitFor((m) => m.method === 'window/logMessage' && /^Saved the index snapshot/.test((m.params as { message: string }).message), 'the index snapshot', 0, 120_000);
}

async function warmRun(ws: BenchWorkspace, cacheDir: string): Promise<{ ready: number; rss: number }> {
	const server = new OurServer(ws, cacheDir);
	await server.initialize();
	const ready = await server.ready();
	const mem = server.memory();
	await server.stop();
	return { ready, rss: mem.rss };
}

/**
 * Spawn → the note's diagnostics once the index is ready (our server, warm cache). Unless
 * `reopened`, the notes' verdicts the last session saved are deleted first: the note is opened
 * first in this index, as any note but those open at the last shutdown.
 */
async function spawnToDiagnostics(ws: BenchWorkspace, cacheDir: string, size: number, reopened: boolean): Promise<number> {
	if (!reopened) for (const f of fs.readdirSync(cacheDir, { recursive: true, encoding: 'utf8' })) if (f.endsWith('.gnverdicts')) fs.rmSync(path.join(cacheDir, f));
	const server = new OurServer(ws, cacheDir);
	await server.initialize();
	const note = ws.notes.get(size)!;
	const uri = await server.open(note.path, note.text);
	const ready = await server.ready();
	const from = server.received.findIndex((r) => r.at >= ready);
	const d = await server.diagnostics(uri, Math.max(0, from));
	await server.stop();
	return d.at;
}

async function interactive(ws: BenchWorkspace, cacheDir: string, f: CorpusFigures): Promise<void> {
	const server = new OurServer(ws, cacheDir);
	await server.initialize();
	await server.ready();
	const uris = new Map<number, string>();
	for (const size of NOTE_SIZES) {
		const note = ws.notes.get(size)!;
		const from = server.received.length;
		uris.set(size, await server.open(note.path, note.text));
		await server.diagnostics(uris.get(size)!, from);
	}
	// requests on the 300-sentence note
	const note = ws.notes.get(300)!;
	const uri = uris.get(300)!;
	const { figures, keys } = probes(note.text);
	log('  hover, completion, definition');
	f.requests = {
		hover: await requestLatency(server, uri, note.text, 'textDocument/hover', [...figures, ...keys], REQUESTS),
		completion: await requestLatency(server, uri, note.text, 'textDocument/completion', keys, REQUESTS),
		definition: await requestLatency(server, uri, note.text, 'textDocument/definition', keys, REQUESTS),
	};
	log('  edits');
	f.edits = new Map();
	for (const size of NOTE_SIZES) {
		const text = ws.notes.get(size)!.text;
		const times: number[] = [];
		for (let i = 0; i < EDITS; i++) {
			const from = server.received.length;
			const t = server.now();
			const version = await server.change(uris.get(size)!, editedNote(text, i));
			const d = await server.diagnostics(uris.get(size)!, from, version);
			times.push(d.at - t);
		}
		f.edits.set(size, { p50: median(times), p99: percentile(times, 99) });
		// back to the original text, so that the notes state what they did
		const from = server.received.length;
		const version = await server.change(uris.get(size)!, text);
		await server.diagnostics(uris.get(size)!, from, version);
	}
	// one source changed: re-indexed, and the open 50- and 300-sentence notes re-checked
	log('  source change');
	const from0 = server.received.length;
	await server.conn.sendNotification('textDocument/didClose', { textDocument: { uri: uris.get(3000)! } });
	await server.diagnostics(uris.get(3000)!, from0);
	const cited = /\[@([\w-]+)\]/.exec(note.text)![1]!;
	const file = path.join(ws.dir, 'sources', `${cited}.md`);
	const original = fs.readFileSync(file, 'utf8');
	f.sourceChange = [];
	for (let round = 0; round < REPEATS; round++) {
		const from = server.received.length;
		const t = server.now();
		await changeSource(server, file, round);
		const a = await server.diagnostics(uris.get(50)!, from);
		const b = await server.diagnostics(uris.get(300)!, from);
		f.sourceChange.push(Math.max(a.at, b.at) - t);
	}
	fs.writeFileSync(file, original);
	await server.stop();
}

async function markdownLs(ws: BenchWorkspace, f: CorpusFigures): Promise<void> {
	f.markdownLs = { diagnostics: new Map(), workspace: [] };
	for (let r = 0; r < REPEATS; r++) {
		for (const size of NOTE_SIZES) {
			const server = new MarkdownServer(ws.dir);
			await server.initialize();
			const note = ws.notes.get(size)!;
			const uri = await server.openNote(note.path, note.text);
			await server.pull(uri);
			const list = f.markdownLs.diagnostics.get(size) ?? [];
			list.push(server.now());
			f.markdownLs.diagnostics.set(size, list);
			await server.stop();
		}
		const server = new MarkdownServer(ws.dir);
		await server.initialize();
		const t = server.now();
		await server.conn.sendRequest('workspace/symbol', { query: '' });
		f.markdownLs.workspace.push(server.now() - t);
		await server.stop();
	}
}

async function measure(root: string, copies: number): Promise<CorpusFigures> {
	const dir = path.join(root, `sotu-x${copies}`);
	log(`== SOTU ×${copies}: writing the workspace`);
	const ws = writeWorkspace(dir, copies);
	const cacheDir = path.join(root, `cache-x${copies}`);
	const repeats = copies > 1 ? REPEATS_LARGE : REPEATS;
	log('  floor and in-process stages');
	const floors: number[] = [];
	for (let i = 0; i < repeats; i++) floors.push(floor(ws.sources).ms);
	const splits: StageSplit[] = [];
	for (let i = 0; i < (copies > 1 ? 1 : repeats); i++) splits.push(stageSplit(ws.sources));
	const stages = Object.fromEntries(Object.keys(splits[0]!).map((k) => [k, median(splits.map((s) => s[k as keyof StageSplit]))])) as unknown as StageSplit;
	log('  cold and warm starts');
	const cold: number[] = [];
	const rss: number[] = [];
	const peak: number[] = [];
	for (let i = 0; i < repeats; i++) {
		const r = await coldRun(ws, cacheDir, false, i === repeats - 1);
		cold.push(r.ready);
		rss.push(r.rss);
		peak.push(r.peak);
		log(`    cold ${ms(r.ready)}, RSS ${mb(r.rss)}`);
	}
	const warm: number[] = [];
	const warmRss: number[] = [];
	for (let i = 0; i < repeats; i++) {
		const r = await warmRun(ws, cacheDir);
		warm.push(r.ready);
		warmRss.push(r.rss);
		log(`    warm ${ms(r.ready)}`);
	}
	log('  hovers while indexing');
	// (staying for the snapshot: the runs after this one start from it)
	const probe = await coldRun(ws, cacheDir, true, true);
	const f: CorpusFigures = {
		copies,
		files: ws.sources.length,
		bytes: ws.bytes,
		floor: median(floors),
		stages,
		cold,
		warm,
		rss: median(rss),
		peak: median(peak),
		warmRss: median(warmRss),
		blockedMax: probe.blocked.length ? Math.max(...probe.blocked) : NaN,
		blockedP99: percentile(probe.blocked, 99),
		blockedCount: probe.blocked.length,
	};
	if (copies === 1) {
		log('  spawn → diagnostics');
		f.spawnToDiagnostics = new Map();
		f.reopenToDiagnostics = new Map();
		for (let r = 0; r < REPEATS; r++) {
			for (const size of NOTE_SIZES) {
				// opened first, then again at the next start (the first session saved its verdicts)
				for (const [times, reopened] of [[f.spawnToDiagnostics, false], [f.reopenToDiagnostics, true]] as const) {
					const list = times.get(size) ?? [];
					list.push(await spawnToDiagnostics(ws, cacheDir, size, reopened));
					times.set(size, list);
				}
			}
		}
		await interactive(ws, cacheDir, f);
		log("  VS Code's Markdown language server");
		await markdownLs(ws, f);
	}
	return f;
}

function table(all: CorpusFigures[], command: string, loads: string[]): string {
	const one = all.find((f) => f.copies === 1)!;
	const big = all.find((f) => f.copies > 1);
	const rows: string[][] = [];
	const row = (what: string, ...cells: string[]) => rows.push([what, ...cells]);
	const mbps = (f: CorpusFigures, t: number) => `${(f.bytes / 1e6 / (t / 1000)).toFixed(1)} MB/s`;
	const cols = all.map((f) => `SOTU${f.copies > 1 ? ` ×${f.copies}` : ''} (${f.files} files, ${(f.bytes / 1e6).toFixed(1)} MB)`);
	const each = (fn: (f: CorpusFigures) => string) => all.map(fn);
	row('floor: read the files + one regex pass (in process)', ...each((f) => `${ms(f.floor)} (${mbps(f, f.floor)})`));
	row('cold index, in process: total', ...each((f) => `${ms(f.stages.total)} (${mbps(f, f.stages.total)})`));
	for (const k of ['read', 'sentences', 'figures', 'entities', 'index'] as const) row(`&nbsp;&nbsp;${k}`, ...each((f) => ms(f.stages[k])));
	row('**cold index, server over stdio** (spawn → index ready, worker thread)', ...each((f) => `**${ms(median(f.cold))}**${range(f.cold)} (${mbps(f, median(f.cold))})`));
	row('**warm start** (spawn → index ready, from the snapshot the previous session saved)', ...each((f) => `**${ms(median(f.warm))}**${range(f.warm)}`));
	row('RSS after indexing (peak)', ...each((f) => `${mb(f.rss)} (${mb(f.peak)}); warm ${mb(f.warmRss)}`));
	row('hover round trip while indexing: max / p99 (n)', ...each((f) => `${ms(f.blockedMax)} / ${ms(f.blockedP99)} (${f.blockedCount})`));
	if (one.requests) {
		const r = one.requests;
		row(`hover p50 / p99 (${REQUESTS} requests, 300-sentence note)`, `${ms(r['hover']!.p50)} / **${ms(r['hover']!.p99)}**`);
		row(`completion p50 / p99 (${REQUESTS}, ${one.files} keys)`, `${ms(r['completion']!.p50)} / **${ms(r['completion']!.p99)}**`);
		row(`definition p50 / p99 (${REQUESTS})`, `${ms(r['definition']!.p50)} / **${ms(r['definition']!.p99)}**`);
	}
	if (one.edits) row(`edit → diagnostics p50 / p99, ${NOTE_SIZES.join(' / ')} sentences (incl. 30 ms debounce)`, NOTE_SIZES.map((n) => `${ms(one.edits!.get(n)!.p50)} / ${ms(one.edits!.get(n)!.p99)}`).join(' · '));
	if (one.sourceChange) row('one source changed → re-indexed, open notes (50 + 300) re-checked', `**${ms(median(one.sourceChange))}**${range(one.sourceChange)}`);
	if (one.spawnToDiagnostics) row(`spawn → diagnostics (warm cache), note opened first, ${NOTE_SIZES.join(' / ')} sentences`, NOTE_SIZES.map((n) => ms(median(one.spawnToDiagnostics!.get(n)!))).join(' / '));
	if (one.reopenToDiagnostics) row(`spawn → diagnostics (warm cache), note reopened (open at the last shutdown), ${NOTE_SIZES.join(' / ')} sentences`, NOTE_SIZES.map((n) => ms(median(one.reopenToDiagnostics!.get(n)!))).join(' / '));
	if (one.markdownLs) {
		const m = one.markdownLs;
		row(`VS Code Markdown LS: spawn → diagnostics, ${NOTE_SIZES.join(' / ')} sentences`, NOTE_SIZES.map((n) => ms(median(m.diagnostics.get(n)!))).join(' / '));
		row('VS Code Markdown LS: whole-workspace index (`workspace/symbol ""`)', ms(median(m.workspace)));
		const ratios = (ours: Map<number, number[]>) => NOTE_SIZES.map((n) => `${(median(ours.get(n)!) / median(m.diagnostics.get(n)!)).toFixed(2)}×`).join(' / ');
		row('ratio: ours / Markdown LS, spawn → diagnostics, note opened first', ratios(one.spawnToDiagnostics!));
		if (one.reopenToDiagnostics) row('ratio: ours / Markdown LS, spawn → diagnostics, note reopened', ratios(one.reopenToDiagnostics));
		row('ratio: our cold index / Markdown LS workspace index', `${(median(one.cold) / median(m.workspace)).toFixed(2)}×`);
		row('ratio: our warm start / Markdown LS workspace index', `${(median(one.warm) / median(m.workspace)).toFixed(2)}×`);
	}
	row('ratio: our cold index / floor', ...each((f) => `${(median(f.cold) / f.floor).toFixed(0)}×`));
	if (big) row(`growth: ×${big.copies} / ×1, cold index (linear = ${big.copies})`, '', `${(median(big.cold) / median(one.cold)).toFixed(1)}`);
	const width = Math.max(...rows.map((r) => r.length));
	const header = ['what', ...cols].slice(0, width);
	const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${[...r, ...Array(width - r.length).fill('')].join(' | ')} |`)];
	return [
		`Measured with \`${command}\` on ${machine()}; load average (1/5/15 min) ${loads.join(', then ')}.`,
		`Medians of ${REPEATS} runs (${REPEATS_LARGE} for the ×10 corpus; min–max in brackets); request latencies are client round trips over stdio.`,
		'',
		...lines,
	].join('\n');
}

/** Replaces (or appends) README.md's "## Performance" section. */
function writeReadme(text: string): void {
	const file = path.resolve(__dirname, '../README.md');
	const readme = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
	const section = `## Performance\n\n${text}\n`;
	const start = readme.indexOf('\n## Performance\n');
	if (start < 0) return fs.writeFileSync(file, `${readme.trimEnd()}\n\n${section}`);
	const next = readme.indexOf('\n## ', start + 1);
	fs.writeFileSync(file, `${readme.slice(0, start + 1)}${section}${next < 0 ? '' : `\n${readme.slice(next + 1)}`}`);
}

async function main(): Promise<void> {
	if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build (npm run bench does)`);
	const loads = [load()];
	log(`Grounded Notes benchmark on ${machine()}; load ${loads[0]}`);
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-bench-'));
	try {
		const all: CorpusFigures[] = [];
		for (const copies of quick ? [1] : [1, 10]) all.push(await measure(root, copies));
		loads.push(load());
		const command = `npm run bench${quick ? ' -- --quick' : ''}`;
		const text = table(all, command, loads);
		process.stdout.write(`${text}\n`);
		if (argv.includes('--readme')) writeReadme(text);
	} finally {
		fs.rmSync(root, { recursive: true, force: true });
	}
}

main().catch((e) => {
	process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
	process.exit(1);
});
