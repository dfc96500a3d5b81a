/**
 * The server's threads other than the main one yield to it (Linux keeps a nice value per thread):
 * after `yieldOtherThreads`, every other thread of the process (here a worker's, V8's and libuv's)
 * runs at `HELPER_NICE` or lower, but those it is told to keep (the indexer workers, which lower
 * themselves to `BACKGROUND_NICE`), and the main thread keeps its own.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { HELPER_NICE, kernelThreadId, yieldOtherThreads } from '../../server/src/priority';

/** Each thread's nice value, read from the kernel's own account (/proc/self/task/TID/stat, field 19). */
function niceByThread(): Map<number, number> {
	const out = new Map<number, number>();
	for (const t of fs.readdirSync('/proc/self/task')) {
		const stat = fs.readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
		// fields after the command name, which is in parentheses and may hold spaces
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		out.set(Number(t), Number(fields[16]));
	}
	return out;
}

test('every thread but the main one and those kept yields to it', { skip: process.platform !== 'linux' && 'per-thread nice values are a Linux feature' }, async () => {
	const main = os.getPriority(0);
	// two worker threads, idle until told to end, each saying which thread it is
	const code = 'const { parentPort } = require("node:worker_threads"); parentPort.postMessage(Number(require("node:fs").readlinkSync("/proc/thread-self").split("/").pop())); parentPort.once("message", () => process.exit(0));';
	const workers = [new Worker(code, { eval: true }), new Worker(code, { eval: true })];
	const [kept, other] = await Promise.all(workers.map((w) => new Promise<number>((resolve) => w.once('message', resolve))));
	// libuv's pool threads start with the first asynchronous file operation
	await fs.promises.stat(__filename);
	try {
		const before = niceByThread();
		assert.ok([...before.keys()].filter((tid) => tid !== process.pid).length >= 4, 'the process has other threads');
		assert.ok(before.has(kept!) && before.has(other!) && kept !== other, 'the workers told their threads');
		yieldOtherThreads(new Set([kept!]));
		const after = niceByThread();
		for (const [tid, nice] of after) {
			if (tid === process.pid) assert.equal(nice, main, 'the main thread keeps its priority');
			else if (tid === kept) assert.equal(nice, before.get(tid), 'a thread kept keeps its priority');
			else assert.ok(nice >= Math.min(HELPER_NICE, 19) && nice >= (before.get(tid) ?? 0), `thread ${tid} runs at ${nice}`);
		}
		assert.equal(after.get(other!), Math.max(HELPER_NICE, before.get(other!)!), 'a worker not kept goes with the helpers');
	} finally {
		await Promise.all(workers.map((w) => w.terminate()));
	}
});

test('a thread knows its kernel id (what the indexer worker tells the main thread)', { skip: process.platform !== 'linux' && 'Linux only' }, () => {
	assert.equal(kernelThreadId(), process.pid, 'the main thread is the process');
});
