/** The start-up warm-up: runs a note through a service of its own, and leaves no trace in any other. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import { warmUp } from '../../server/src/service/warmUp';

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
