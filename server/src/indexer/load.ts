/**
 * The indexer worker's entry point (dist/indexer-load.js): runs the worker's bundle (dist/indexer.js,
 * named by `workerData.bundle`) with V8's code cache (codeCache.ts). A worker starts at every cold
 * index, and compiling its bundle (~45 ms, then each function on its first call) was on the way of
 * the first source read. The cache is written the first time the worker runs out of work (a worker
 * is stopped, not exited, so there is no exit to write it at): by then it has indexed files, and
 * the cache holds the functions that did. A worker started under the start-up inlining budget
 * (jit.ts) keeps a cache of its own: V8 refuses one made under other flags.
 */
import { workerData } from 'node:worker_threads';
import { runWithCodeCache } from '../codeCache';

const { bundle, startupInlining } = workerData as { bundle: string; startupInlining?: boolean };
const worker = runWithCodeCache(bundle, module, startupInlining ? 'startup' : undefined);
const { onIdle } = worker.exports as { onIdle?: (listener: () => void) => void };
onIdle?.(worker.save);
