/**
 * The indexer worker's entry point (dist/indexer-load.js): runs the worker's bundle (dist/indexer.js,
 * named by `workerData.bundle`) with V8's code cache (codeCache.ts). A worker starts at every cold
 * index, and compiling its bundle (~45 ms, then each function on its first call) was on the way of
 * the first source read. The cache is written the first time the worker runs out of work (a worker
 * is stopped, not exited, so there is no exit to write it at): by then it has indexed files, and
 * the cache holds the functions that did.
 */
import { workerData } from 'node:worker_threads';
import { runWithCodeCache } from '../codeCache';

const { bundle } = workerData as { bundle: string };
const worker = runWithCodeCache(bundle, module);
const { onIdle } = worker.exports as { onIdle?: (listener: () => void) => void };
onIdle?.(worker.save);
