/**
 * The indexer and its worker thread (dist/indexer.js, built by `npm run build`): results come back
 * in order, the worker sends them no faster than they are merged, and a run that a newer one
 * replaced does not leave the worker waiting.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import { Indexer, workerCount, type IndexJob, type IndexResult } from '../../server/src/indexer';
import { BACKGROUND_NICE, HELPER_NICE } from '../../server/src/priority';
import type { SnapshotParts } from '../../server/src/service';

const WORKER = path.resolve(__dirname, '../../dist/indexer.js');

describe('the indexer worker', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-indexer-'));
	const files = Array.from({ length: 40 }, (_, i) => {
		const file = path.join(dir, `source-${String(i).padStart(2, '0')}.md`);
		fs.writeFileSync(file, `# Source ${i}\n\nRevenue rose ${i + 1}% to $${(i + 1) * 10} million in 2024, Acme Corp said.\n`);
		return file;
	});
	const jobs = (): IndexJob[] => files.map((f) => ({ uri: pathToFileURL(f).href, path: f, maxBytes: 1e6 }));
	const logs: string[] = [];
	const indexer = new Indexer({ workerFile: WORKER, logger: { info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(m) } });
	// the other indexers' logger: what goes wrong, not what they report
	const quiet = { info: () => undefined, warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) };
	// the worker does not keep a process alive (a server's connection does): this test's timer does
	const alive = setInterval(() => undefined, 1000);
	after(async () => {
		clearInterval(alive);
		await indexer.dispose();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	test('a run gives every result, in the order of its jobs, from the worker thread', async () => {
		assert.ok(fs.existsSync(WORKER), `${WORKER} is missing: run npm run build`);
		const got: IndexResult[] = [];
		await indexer.run(jobs(), (r) => got.push(r));
		assert.ok(indexer.onWorker, `indexed on the main thread: ${logs.join('\n')}`);
		assert.deepEqual(got.map((r) => r.uri), jobs().map((j) => j.uri));
		assert.ok(got.every((r) => r.kind === 'indexed'), JSON.stringify(got.find((r) => r.kind !== 'indexed')));
	});

	test('runs replaced part way through end early, and the next run still gets every result', { timeout: 30_000 }, async () => {
		// results of a replaced run that were on their way are dropped: the worker must not be left
		// waiting for them to be taken (it sends only a few at a time), however many runs are replaced
		for (let round = 0; round < 4; round++) {
			const first: string[] = [];
			let stale = false;
			await indexer.run(jobs(), (r) => {
				// a slow merge: the worker is ahead, with results on their way when the run is replaced
				const until = performance.now() + 10;
				while (performance.now() < until);
				first.push(r.uri);
				if (first.length === 3) stale = true;
			}, () => stale);
			assert.ok(first.length < files.length, `the replaced run merged all ${first.length} results`);
		}
		const second: string[] = [];
		await indexer.run(jobs(), (r) => second.push(r.uri));
		assert.deepEqual(second, jobs().map((j) => j.uri));
	});

	test('with several workers, the results still come back in the order of the jobs', async () => {
		const several = new Indexer({ workerFile: WORKER, workers: 3, logger: quiet });
		try {
			const got: string[] = [];
			// merges of uneven length, so that the workers' results arrive out of order
			await several.run(jobs(), (r) => {
				const until = performance.now() + (got.length % 3) * 3;
				while (performance.now() < until);
				got.push(r.uri);
			});
			assert.ok(several.onWorker);
			assert.deepEqual(got, jobs().map((j) => j.uri));
		} finally {
			await several.dispose();
		}
	});

	test('the cache entries a worker holds back are written by the time it is disposed of', async () => {
		const cacheDir = path.join(dir, 'cache');
		const cached = new Indexer({ workerFile: WORKER, logger: quiet });
		const got: IndexResult[] = [];
		await cached.run(jobs().map((j) => ({ ...j, cacheDir })), (r) => got.push(r));
		assert.ok(cached.onWorker);
		// disposed of the moment the run ends, as a server that shuts down right after indexing
		await cached.dispose();
		const entries = fs.readdirSync(cacheDir).filter((n) => n.endsWith('.gnrec'));
		// (these sources give no date: each is kept under two keys, see cache.ts)
		assert.equal(entries.length, 2 * files.length);
		// and when the server shuts down in the middle of a run, before the worker ran out of work
		const midway = new Indexer({ workerFile: WORKER, logger: quiet });
		const otherCache = path.join(dir, 'cache-midway');
		const merged: IndexResult[] = [];
		let disposed: Promise<void> | undefined;
		let mergedBefore: IndexResult[] = [];
		void midway.run(jobs().map((j) => ({ ...j, cacheDir: otherCache })), (r) => {
			merged.push(r);
			if (merged.length === 10) {
				mergedBefore = [...merged];
				disposed = midway.dispose();
			}
		});
		while (!disposed) await new Promise((r) => setTimeout(r, 5));
		await disposed;
		// (what was merged after the shutdown began may have been made after the worker wrote its entries)
		for (const r of mergedBefore) for (const key of r.kind === 'indexed' ? r.keep : []) assert.ok(fs.existsSync(path.join(otherCache, `${key}.gnrec`)), `the entry of ${r.uri} was written`);
		// and once a worker runs out of work it writes them without being told to (a turn at a time)
		const idleDir = path.join(dir, 'cache-idle');
		const idle = new Indexer({ workerFile: WORKER, logger: quiet });
		await idle.run(jobs().map((j) => ({ ...j, cacheDir: idleDir })), () => undefined);
		const idleEntries = () => (fs.existsSync(idleDir) ? fs.readdirSync(idleDir).filter((n) => n.endsWith('.gnrec')).length : 0);
		for (let waited = 0; idleEntries() < 2 * files.length && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
		assert.equal(idleEntries(), 2 * files.length);
		await idle.dispose();
		// and a worker stopped for idleness writes them all first (stopped mid-write, it would leave them half written)
		const stopDir = path.join(dir, 'cache-stopped');
		const stopped = new Indexer({ workerFile: WORKER, logger: quiet, idleMs: 1 });
		await stopped.run(jobs().map((j) => ({ ...j, cacheDir: stopDir })), () => undefined);
		for (let waited = 0; stopped.onWorker && waited < 10_000; waited += 5) await new Promise((r) => setTimeout(r, 5));
		assert.ok(!stopped.onWorker, 'the worker was stopped for idleness');
		const left = fs.readdirSync(stopDir);
		assert.equal(left.filter((n) => n.endsWith('.gnrec')).length, 2 * files.length);
		assert.deepEqual(left.filter((n) => n.endsWith('.tmp')), []);
		await stopped.dispose();
		// a new indexer finds every record there
		const again = new Indexer({ workerFile: WORKER, logger: quiet });
		const back: IndexResult[] = [];
		await again.run(jobs().map((j) => ({ ...j, cacheDir })), (r) => back.push(r));
		await again.dispose();
		assert.ok(back.every((r) => r.kind === 'indexed' && r.cached), JSON.stringify(back.find((r) => r.kind !== 'indexed' || !r.cached)));
	});

	test('a snapshot is on disk when saving it resolves, though the worker would have been stopped for idleness while it wrote', async () => {
		const cacheDir = path.join(dir, 'cache-snapshot');
		// a worker idle for 1 ms is stopped: writing the ×10 corpus's snapshot takes ~2–4 s, and a worker is kept 3 s
		const saving = new Indexer({ workerFile: WORKER, logger: quiet, idleMs: 1 });
		try {
			const got: IndexResult[] = [];
			await saving.run(jobs().map((j) => ({ ...j, cacheDir })), (r) => got.push(r));
			const indexed = got.filter((r) => r.kind === 'indexed');
			assert.equal(indexed.length, files.length);
			const header = { id: 'test', uris: indexed.map((r) => r.uri), keys: indexed.map((r) => r.hash), sidecars: indexed.map(() => undefined) };
			// (the parts' content is the service's business: here, what the worker writes)
			const parts = { corpus: { name: 'corpus' }, count: indexed.length, source: (i: number) => ({ source: i, padding: new Float64Array(1000) }) } as unknown as SnapshotParts;
			const bytes = await saving.saveSnapshot(cacheDir, header, jobs(), parts, () => false, Infinity);
			assert.ok(bytes && bytes > indexed.length * 8000, `saved ${bytes} bytes`);
			const file = path.join(cacheDir, 'corpus.gnsnap');
			assert.ok(fs.existsSync(file), `the snapshot was written: ${fs.readdirSync(cacheDir).filter((n) => !n.endsWith('.gnrec')).join(', ')}`);
			assert.ok(fs.statSync(file).size > bytes);
			// (the records' entries, written a turn at a time while the worker is idle, may be on their way)
			assert.deepEqual(fs.readdirSync(cacheDir).filter((n) => n.startsWith('corpus.gnsnap') && n.endsWith('.tmp')), [], 'no write of the snapshot left half done');
			// and a save the worker could not do resolves to undefined: a file changed since it was indexed
			fs.appendFileSync(files[0]!, '\nChanged since.\n');
			try {
				assert.equal(await saving.saveSnapshot(cacheDir, { ...header, id: 'changed' }, jobs(), parts, () => false, Infinity), undefined);
			} finally {
				fs.writeFileSync(files[0]!, fs.readFileSync(files[0]!, 'utf8').replace('\nChanged since.\n', ''));
			}
		} finally {
			await saving.dispose();
		}
	});

	test('on Linux the worker thread runs below the main thread, and the other threads below the worker', { skip: process.platform !== 'linux' }, async () => {
		const fresh = new Indexer({ workerFile: WORKER, logger: quiet });
		try {
			await fresh.run(jobs(), () => undefined);
			assert.ok(fresh.onWorker);
			// field 19 of /proc/<pid>/task/<tid>/stat is the thread's nice value
			const nice = (tid: string) => Number(fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
			const threads = fs.readdirSync('/proc/self/task').map((t) => ({ t, nice: nice(t) }));
			const main = nice(String(process.pid));
			const seen = threads.map((x) => `${x.t}:${x.nice}`).join(' ');
			// (a test run already at nice 10 or more has no lower priority to give the worker)
			if (main < BACKGROUND_NICE) {
				assert.ok(threads.some((x) => x.nice === BACKGROUND_NICE), `no thread at nice ${BACKGROUND_NICE} (the worker) among ${seen}`);
				// V8's helpers, libuv's pool (and the test runner's threads): below the worker
				for (const x of threads) if (x.t !== String(process.pid) && x.nice !== BACKGROUND_NICE) assert.equal(x.nice, HELPER_NICE, `thread ${x.t} among ${seen}`);
			}
		} finally {
			await fresh.dispose();
		}
	});

	test('the worker runs its bundle with V8\'s code cache, written once it has indexed and run out of work', async () => {
		const cacheHome = path.join(dir, 'xdg');
		const before = process.env['XDG_CACHE_HOME'];
		// (a worker takes the environment as it is when it starts)
		process.env['XDG_CACHE_HOME'] = cacheHome;
		const caches = () => (fs.existsSync(path.join(cacheHome, 'grounded-notes')) ? fs.readdirSync(path.join(cacheHome, 'grounded-notes')).filter((n) => /^code-indexer-.*\.bin$/.test(n)) : []);
		try {
			for (const round of ['first', 'second']) {
				const w = new Indexer({ workerFile: WORKER, logger: quiet });
				try {
					const got: IndexResult[] = [];
					await w.run(jobs(), (r) => got.push(r));
					assert.ok(w.onWorker, round);
					assert.ok(got.length === files.length && got.every((r) => r.kind === 'indexed'), round);
					for (let waited = 0; !caches().length && waited < 10_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
					assert.equal(caches().length, 1, `${round} run: the worker wrote its code cache`);
					assert.ok(fs.statSync(path.join(cacheHome, 'grounded-notes', caches()[0]!)).size > 10_000);
				} finally {
					await w.dispose();
				}
			}
		} finally {
			if (before === undefined) delete process.env['XDG_CACHE_HOME'];
			else process.env['XDG_CACHE_HOME'] = before;
		}
	});

	test('the number of workers leaves a core to the main thread', () => {
		assert.equal(workerCount(1), 1);
		assert.equal(workerCount(2), 1);
		assert.equal(workerCount(4), 3);
		assert.equal(workerCount(64), 4);
	});

	test('slow merges take turns with the event loop: timers (and requests) run between them', async () => {
		// each merge takes 15 ms; between merges, a timer must still get its turn (requests would too)
		let ticks = 0;
		const timer = setInterval(() => ticks++, 1);
		let merged = 0;
		await indexer.run(jobs(), () => {
			const until = performance.now() + 15;
			while (performance.now() < until);
			merged++;
		});
		clearInterval(timer);
		assert.equal(merged, files.length);
		// the event loop ran between merges (a timer fired about once per merge at least)
		assert.ok(ticks >= files.length / 2, `timers fired ${ticks} times during ${files.length} merges`);
	});

	test('each result is prepared in a turn of its own before it is handed over, in the same order, on a worker and on the main thread', async () => {
		for (const inProcess of [false, true]) {
			const events: string[] = [];
			let ticks = 0;
			const timer = setInterval(() => ticks++, 1);
			const prepared = new WeakSet<IndexResult>();
			const ix = new Indexer({
				inProcess,
				workerFile: WORKER,
				logger: quiet,
				prepare: (r) => {
					// 10 ms of work: a timer gets its turn before the merge
					const until = performance.now() + 10;
					while (performance.now() < until);
					prepared.add(r);
					events.push(`prepare ${r.uri} ${ticks}`);
				},
			});
			try {
				await ix.run(jobs(), (r) => {
					assert.ok(prepared.has(r), `${r.uri} handed over unprepared`);
					events.push(`merge ${r.uri} ${ticks}`);
				});
			} finally {
				clearInterval(timer);
				await ix.dispose();
			}
			const order = jobs().map((j) => j.uri);
			assert.deepEqual(events.map((e) => e.split(' ').slice(0, 2).join(' ')), order.flatMap((u) => [`prepare ${u}`, `merge ${u}`]), inProcess ? 'on the main thread' : 'on a worker');
			// the event loop ran between a preparation and its merge (a timer fired at least once, most times)
			const gaps = order.filter((u) => {
				const at = (what: string) => Number(events.find((e) => e.startsWith(`${what} ${u} `))!.split(' ')[2]);
				return at('merge') > at('prepare');
			});
			assert.ok(gaps.length >= order.length / 2, `timers ran between ${gaps.length} of ${order.length} preparations and merges`);
		}
	});

	test('a worker that warms up (as it does until its first job) makes the records the main thread makes', async () => {
		const records = async (ix: Indexer) => {
			const got = new Map<string, unknown>();
			await ix.run(jobs(), (r) => {
				assert.equal(r.kind, 'indexed');
				if (r.kind === 'indexed') got.set(r.uri, r.record);
			});
			return got;
		};
		const local = new Indexer({ inProcess: true, logger: quiet });
		const warmed = new Indexer({ workerFile: WORKER, logger: quiet });
		try {
			const expected = await records(local);
			// jobs that come while the worker warms up, then jobs once it has
			warmed.warmUp();
			assert.deepEqual(await records(warmed), expected);
			await new Promise((r) => setTimeout(r, 500));
			assert.deepEqual(await records(warmed), expected);
			assert.ok(warmed.onWorker);
		} finally {
			await local.dispose();
			await warmed.dispose();
		}
	});

	test('a run done on the main thread (no worker, or a small run) leaves nothing running once it ends', async () => {
		// it once waited for a flag the last hand-over never cleared: a setImmediate loop that took a core for good
		const count = async (ix: Indexer, n: number) => {
			await ix.run(jobs().slice(0, n), () => undefined);
			const real = globalThis.setImmediate;
			let calls = 0;
			globalThis.setImmediate = ((...args: Parameters<typeof setImmediate>) => {
				calls++;
				return real(...args);
			}) as typeof setImmediate;
			try {
				await new Promise((r) => setTimeout(r, 200));
			} finally {
				globalThis.setImmediate = real;
			}
			return calls;
		};
		const local = new Indexer({ inProcess: true, logger: quiet });
		const small = new Indexer({ workerFile: WORKER, logger: quiet });
		try {
			assert.ok((await count(local, files.length)) < 10, 'still running after a run on the main thread');
			assert.ok((await count(small, 3)) < 10, 'still running after a small run');
			assert.equal(small.onWorker, false);
		} finally {
			await local.dispose();
			await small.dispose();
		}
	});
});
