/**
 * The scavenge flags are the process's, and indexers turn them off while their workers run: in a
 * file of its own, so that no other indexer (and no idle timer of one) is in the process.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { Indexer, type IndexJob } from '../../server/src/indexer';

const WORKER = path.resolve(__dirname, '../../dist/indexer.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gn-scavenge-'));
// (enough files that a run goes to the workers: a few are indexed on the main thread)
const files = Array.from({ length: 40 }, (_, i) => {
	const file = path.join(dir, `source-${i}.md`);
	fs.writeFileSync(file, `# Source ${i}\n\nRevenue rose ${i + 1}% to $${(i + 1) * 10} million in 2024, Acme Corp said.\n`);
	return file;
});
const jobs = (): IndexJob[] => files.map((f) => ({ uri: pathToFileURL(f).href, path: f, maxBytes: 1e6 }));
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const alive = setInterval(() => undefined, 1000);
after(() => {
	clearInterval(alive);
	fs.rmSync(dir, { recursive: true, force: true });
});

const OFF = '--no-concurrent-array-buffer-sweeping --no-parallel-scavenge';
const ON = '--concurrent-array-buffer-sweeping --parallel-scavenge';

test('on Linux scavenges go without V8\'s helpers while any indexer\'s workers run, and with them again once the last stop', { skip: process.platform !== 'linux' }, async () => {
	assert.ok(fs.existsSync(WORKER), `${WORKER} is missing: run npm run build`);
	// (the module object itself, which the server's import reads at each call)
	const v8 = require('node:v8') as typeof import('node:v8');
	const set = v8.setFlagsFromString;
	const flags: string[] = [];
	v8.setFlagsFromString = (f: string) => (flags.push(f), set(f));
	try {
		const first = new Indexer({ workerFile: WORKER, logger: quiet });
		const second = new Indexer({ workerFile: WORKER, logger: quiet });
		await first.run(jobs(), () => undefined);
		assert.ok(first.onWorker);
		assert.deepEqual(flags, [OFF], 'set when the first indexer\'s workers start');
		await second.run(jobs(), () => undefined);
		assert.ok(second.onWorker);
		assert.deepEqual(flags, [OFF], 'left alone when the second\'s start');
		await first.dispose();
		assert.deepEqual(flags, [OFF], 'still set while the second\'s workers run');
		await second.dispose();
		assert.deepEqual(flags, [OFF, ON], 'unset when the last stop');
		await second.dispose();
		assert.deepEqual(flags, [OFF, ON], 'a second dispose changes nothing');
	} finally {
		v8.setFlagsFromString = set;
	}
});
