import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RestartBudget } from '../../client/src/restartBudget';

const MINUTE = 60_000;

test('the server is restarted after each of five crashes within three minutes, not after a sixth', () => {
	let now = 0;
	const budget = new RestartBudget(5, 3 * MINUTE, () => now);
	const allowed = [];
	for (let i = 0; i < 6; i++) {
		allowed.push(budget.crashed());
		now += 10_000;
	}
	assert.deepEqual(allowed, [true, true, true, true, true, false]);
});

test('crashes older than three minutes no longer count', () => {
	let now = 0;
	const budget = new RestartBudget(5, 3 * MINUTE, () => now);
	for (let i = 0; i < 5; i++) assert.ok(budget.crashed());
	now += 3 * MINUTE + 1;
	assert.ok(budget.crashed(), 'a crash after a quiet spell is restarted');
	assert.equal(budget.count, 1);
});

test('a restart by hand starts the count afresh', () => {
	const budget = new RestartBudget(5, 3 * MINUTE, () => 0);
	for (let i = 0; i < 6; i++) budget.crashed();
	assert.equal(budget.crashed(), false);
	budget.reset();
	assert.ok(budget.crashed());
});
