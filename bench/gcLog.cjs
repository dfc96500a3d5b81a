// Preloaded into a benchmarked server (node --require bench/gcLog.cjs) by bench/blocking.ts --gc:
// appends each garbage collection of 5 ms or more on the main thread, and each stall of its event
// loop of 20 ms or more (a timer every 2 ms that came late), to the file named by
// GROUNDED_NOTES_GC_LOG, one JSON line each, with its start as milliseconds since the epoch.
'use strict';
const fs = require('node:fs');
const { PerformanceObserver, constants, performance } = require('node:perf_hooks');
const file = process.env.GROUNDED_NOTES_GC_LOG;
const KINDS = { [constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact', [constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge', [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental', [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks' };
if (file && require('node:worker_threads').isMainThread) {
	new PerformanceObserver((list) => {
		const lines = [];
		for (const e of list.getEntries()) {
			if (e.duration < 5) continue;
			lines.push(JSON.stringify({ at: performance.timeOrigin + e.startTime, ms: e.duration, kind: KINDS[e.detail?.kind] ?? String(e.detail?.kind), heapMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20) }));
		}
		if (lines.length) fs.appendFileSync(file, `${lines.join('\n')}\n`);
	}).observe({ entryTypes: ['gc'] });
	let last = performance.now();
	setInterval(() => {
		const now = performance.now();
		if (now - last >= 20) fs.appendFileSync(file, `${JSON.stringify({ at: performance.timeOrigin + last, ms: now - last, kind: 'stall', heapMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20) })}\n`);
		last = now;
	}, 2).unref();
}
