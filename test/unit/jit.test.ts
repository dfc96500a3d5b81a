/**
 * The start-up inlining budget (jit.ts): lowered on two processors or fewer unless the server was
 * given a budget of its own, restored once, and a first index is "large" by its files' sizes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_INLINING_BUDGET, LARGE_START_BYTES, STARTUP_INLINING_BUDGET, inliningLowered, lowerInliningForStartup, moreBytesThan, restoreInlining } from '../../server/src/jit';

function recorder(): { set: (flags: string) => void; calls: string[] } {
	const calls: string[] = [];
	return { set: (flags) => void calls.push(flags), calls };
}

test('on two processors the budget is lowered once, and given back once', () => {
	const r = recorder();
	assert.equal(lowerInliningForStartup(2, r.set, [], undefined), true);
	assert.equal(inliningLowered(), true);
	assert.equal(lowerInliningForStartup(2, r.set, [], undefined), false, 'already lowered');
	restoreInlining(r.set);
	restoreInlining(r.set);
	assert.equal(inliningLowered(), false);
	assert.deepEqual(r.calls, [`--max-inlined-bytecode-size-cumulative=${STARTUP_INLINING_BUDGET}`, `--max-inlined-bytecode-size-cumulative=${DEFAULT_INLINING_BUDGET}`]);
});

test('on more processors, or with a budget given to Node, nothing is changed', () => {
	const r = recorder();
	assert.equal(lowerInliningForStartup(4, r.set, [], undefined), false);
	assert.equal(lowerInliningForStartup(1, r.set, ['--max-inlined-bytecode-size-cumulative=500'], undefined), false);
	assert.equal(lowerInliningForStartup(2, r.set, [], '--max-old-space-size=4096 --max-inlined-bytecode-size-cumulative=300'), false);
	restoreInlining(r.set);
	assert.deepEqual(r.calls, [], 'never lowered, so nothing to give back');
	assert.equal(inliningLowered(), false);
});

test('a first index is large past LARGE_START_BYTES, read file by file until it is', () => {
	const asked: string[] = [];
	const sizes = new Map([
		['a', LARGE_START_BYTES / 2],
		['b', LARGE_START_BYTES / 2],
		['c', 1],
		['d', 1],
	]);
	const sizeOf = (f: string) => {
		asked.push(f);
		const n = sizes.get(f);
		if (n === undefined) throw new Error('ENOENT');
		return n;
	};
	assert.equal(moreBytesThan(sizeOf, ['a', 'b']), false, 'exactly the limit is not more');
	asked.length = 0;
	assert.equal(moreBytesThan(sizeOf, ['a', 'gone', 'b', 'c', 'd']), true);
	assert.deepEqual(asked, ['a', 'gone', 'b', 'c'], 'stops at the file that passes the limit; a missing one counts nothing');
	assert.equal(moreBytesThan(sizeOf, []), false);
});
