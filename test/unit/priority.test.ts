/**
 * The server's threads other than the main one yield to it (Linux keeps a nice value per thread):
 * after `yieldOtherThreads`, every other thread of the process (here a worker's, V8's and libuv's)
 * runs at `BACKGROUND_NICE` or lower, and the main thread keeps its own.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { BACKGROUND_NICE, yieldOtherThreads } from '../../server/src/priority';

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

test('every thread but the main one yields to it', { skip: process.platform !== 'linux' && 'per-thread nice values are a Linux feature' }, async () => {
	const main = os.getPriority(0);
	// a worker thread, idle until told to end
	const w = new Worker('require("node:worker_threads").parentPort.once("message", () => process.exit(0))', { eval: true });
	await new Promise((resolve) => w.once('online', resolve));
	// libuv's pool threads start with the first asynchronous file operation
	await fs.promises.stat(__filename);
	try {
		const before = niceByThread();
		assert.ok([...before.keys()].filter((tid) => tid !== process.pid).length >= 3, 'the process has other threads');
		yieldOtherThreads();
		const after = niceByThread();
		for (const [tid, nice] of after) {
			if (tid === process.pid) assert.equal(nice, main, 'the main thread keeps its priority');
			else assert.ok(nice >= Math.min(BACKGROUND_NICE, 19) && nice >= (before.get(tid) ?? 0), `thread ${tid} runs at ${nice}`);
		}
	} finally {
		await w.terminate();
	}
});
