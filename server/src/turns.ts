/**
 * Background work on the main thread (merging sources, preparing the index's tables, saving
 * snapshots, Check All) is done a slice per turn of the event loop, with requests answered in
 * between. But vscode-jsonrpc takes three turns from a request's bytes to its answer written:
 * reading the message, dispatching it and writing the answer each wait for a `setImmediate`. A
 * slice every turn would run three slices between a hover's arrival and its answer (seen: hovers
 * of 100-190 ms while the x10 corpus was merged, a merge being 15-50 ms there); waiting this many
 * turns after each slice lets a request that arrived during one be answered before the next.
 */
export const REQUEST_TURNS = 3;

/** Calls `fn` once `turns` turns of the event loop have passed (see `REQUEST_TURNS`). */
export function afterRequests(fn: () => void, turns = REQUEST_TURNS): void {
	setImmediate(turns > 0 ? () => afterRequests(fn, turns - 1) : fn);
}

/** Resolves once a request that arrived meanwhile has been answered: to await between two slices of background work. */
export function yieldToRequests(): Promise<void> {
	return new Promise((resolve) => afterRequests(resolve));
}
