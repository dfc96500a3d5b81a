/** The start-up warm-up: runs a note through a service of its own, and leaves no trace in any other. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import { warmUp, warmUpSteps } from '../../server/src/service/warmUp';

test('the warm-up reads its note without error and leaves other services as they were', () => {
	const service = createLanguageService();
	service.setFolders(['file:///ws']);
	service.setSource('file:///ws/sources/a.md', '# A\n\nAcme hired 300 workers in 2024.\n');
	const before = service.listSources();
	warmUp();
	warmUp();
	assert.deepEqual(service.listSources(), before);
	assert.deepEqual(createLanguageService().listSources(), []);
});

test('the warm-up in steps (a step per slice after a warm start) reads notes of several sizes, and only its own service', () => {
	const service = createLanguageService();
	service.setFolders(['file:///ws']);
	service.setSource('file:///ws/sources/a.md', '# A\n\nAcme hired 300 workers in 2024.\n');
	const before = service.listSources();
	const steps = warmUpSteps();
	// the first two make its service and ask a request of each kind; more notes follow
	assert.ok(steps.length > 2, `${steps.length} steps`);
	for (const step of steps) {
		step();
		assert.deepEqual(service.listSources(), before);
	}
});
