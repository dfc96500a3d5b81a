/**
 * Deriving the entities a slice at a time (EntityIndex.prepare, called by the server between turns
 * of its event loop when indexing ends) gives what deriving them in one go gives, and a source
 * added at any stage of the drafting is not lost. (The drafting restarts on any change; this test would
 * not notice a draft kept across a change that alters no entity it had drafted.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sotuSources } from '../../bench/sotu';
import { EntityIndex } from '../../server/src/service/extract/entities';

const speeches = sotuSources().slice(-30);

// deriving goes in stages (names drafted, coordinated pairs tallied, mentions counted): a source
// comes at each of them, and the sliced derivation must start again with it
for (const at of [0.3, 0.6, 0.9, 0.99]) test(`entities derived in slices are the ones derived at once (a source added ${at * 100}% of the way)`, () => {
	const once = new EntityIndex();
	const sliced = new EntityIndex();
	for (const s of speeches.slice(0, 20)) {
		once.addSource(s.key, s.text);
		sliced.addSource(s.key, s.text);
	}
	// how many slices it takes, on a third index like them
	const probe = new EntityIndex();
	for (const s of speeches.slice(0, 20)) probe.addSource(s.key, s.text);
	let total = 0;
	while (!probe.prepare(0)) total++;
	let slices = 0;
	while (!sliced.prepare(0)) {
		slices++;
		// a source learnt late in the drafting: what was drafted so far is for another index
		if (slices === Math.floor(total * at)) sliced.addSource(speeches[20]!.key, speeches[20]!.text);
	}
	once.addSource(speeches[20]!.key, speeches[20]!.text);
	assert.ok(slices > 10 && total > 10, `${slices} slices`);
	assert.deepEqual(sliced.all(), once.all());
	assert.ok(once.all().length > 500);
	assert.deepEqual(sliced.complete('Carter'), once.complete('Carter'));
	assert.equal(sliced.prepare(0), true);
});
