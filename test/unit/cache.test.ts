import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import * as v8 from 'node:v8';
import { FileDigests, RecordCache, buildFingerprint, cacheRoot, folderCacheDir, inputHash, undatedKey } from '../../server/src/indexer/cache';
import { cacheStamp, frameEntry, unframeEntry } from '../../server/src/service/sources/cache';
import { buildRecord, packRecord, unpackRecord } from '../../server/src/service/sources/record';

const URI = 'file:///ws/sources/memo.md';
const TEXT = '---\ndate: 2024-03-01\n---\n# Memo\n\nAcme Corp hired 300 workers in March. Its revenue rose 12% to $4.5 billion.\n';

function tempDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'gn-cache-test-'));
}

describe('the index cache', () => {
	test('an entry names its format and extractor; another stamp or another format is refused', () => {
		const stamp = cacheStamp('build-a');
		const bytes = frameEntry(stamp, new Uint8Array([1, 2, 3]));
		const ok = unframeEntry(bytes, stamp);
		assert.ok(ok.ok && [...ok.payload].join() === '1,2,3');
		const other = unframeEntry(bytes, cacheStamp('build-b'));
		assert.ok(!other.ok && /another version/.test(other.reason));
		const foreign = unframeEntry(new TextEncoder().encode('{"some": "json"}\n'), stamp);
		assert.ok(!foreign.ok && /not a Grounded Notes index entry/.test(foreign.reason));
		assert.equal(unframeEntry(new Uint8Array(), stamp).ok, false);
	});

	// the worker reads and writes with blocking calls, the main thread (when no worker starts) without: the same cache either way
	for (const blocking of [false, true]) {
		const how = blocking ? ' (blocking calls, as the worker makes them)' : '';
		test(`a record written is read back the same${how}`, async () => {
			const dir = tempDir();
			const cache = new RecordCache(path.join(dir, 'f'), 'build-a', () => assert.fail('nothing to warn about'), blocking);
			const record = packRecord(buildRecord(URI, TEXT), TEXT);
			const hash = inputHash('build-a', URI, TEXT, undefined);
			await cache.put(hash, record);
			const back = await cache.get(hash, URI, TEXT);
			assert.ok(back);
			assert.deepEqual(unpackRecord(back, TEXT), unpackRecord(record, TEXT));
			assert.equal(await cache.get('0'.repeat(40), URI, TEXT), undefined);
			fs.rmSync(dir, { recursive: true, force: true });
		});

		test(`a corrupt, truncated or foreign entry is discarded with a logged message, never trusted${how}`, async () => {
			const dir = tempDir();
			const warnings: string[] = [];
			const cache = new RecordCache(path.join(dir, 'f'), 'build-a', (_l, m) => warnings.push(m), blocking);
			const record = packRecord(buildRecord(URI, TEXT), TEXT);
			const hash = inputHash('build-a', URI, TEXT, undefined);
			const file = path.join(dir, 'f', `${hash}.gnrec`);
			await cache.put(hash, record);
			cache.flush();
			const whole = fs.readFileSync(file);
			const damaged: Array<[string, Uint8Array]> = [
				['truncated', whole.subarray(0, Math.floor(whole.length / 2))],
				['garbage', new Uint8Array(Buffer.from(`${cacheStamp('build-a')}\n${'x'.repeat(200)}`))],
				['foreign', new Uint8Array(Buffer.from('PK\u0003\u0004 not ours'))],
				['other build', frameEntry(cacheStamp('build-b'), new Uint8Array(whole.subarray(whole.indexOf(10) + 1)))],
			];
			for (const [what, bytes] of damaged) {
				fs.writeFileSync(file, bytes);
				warnings.length = 0;
				assert.equal(await cache.get(hash, URI, TEXT), undefined, what);
				assert.equal(warnings.length, 1, what);
				assert.match(warnings[0]!, /Discarded the cached index of .*memo\.md because/);
				assert.equal(fs.existsSync(file), false, `${what}: the entry is deleted`);
			}
			fs.rmSync(dir, { recursive: true, force: true });
		});
	}

	test('with blocking calls, entries are held back until flushed (or pruned), and read back meanwhile', async () => {
		const dir = tempDir();
		const cache = new RecordCache(path.join(dir, 'f'), 'build-a', () => assert.fail('nothing to warn about'), true);
		const record = packRecord(buildRecord(URI, TEXT), TEXT);
		const hash = inputHash('build-a', URI, TEXT, undefined);
		const file = path.join(dir, 'f', `${hash}.gnrec`);
		await cache.put(hash, record);
		assert.equal(fs.existsSync(file), false, 'not written while the worker has work');
		assert.deepEqual(unpackRecord((await cache.get(hash, URI, TEXT))!, TEXT), unpackRecord(record, TEXT));
		cache.flush();
		assert.equal(fs.existsSync(file), true);
		// a second cache over the same folder (a restart) finds it
		const again = new RecordCache(path.join(dir, 'f'), 'build-a', () => assert.fail('nothing to warn about'), true);
		assert.ok(await again.get(hash, URI, TEXT));
		// pruning writes what is held back before it looks at the folder
		const other = inputHash('build-a', URI, `${TEXT}More.\n`, undefined);
		await cache.put(other, packRecord(buildRecord(URI, `${TEXT}More.\n`), `${TEXT}More.\n`));
		await cache.prune(new Set([hash, other]));
		assert.equal(fs.existsSync(path.join(dir, 'f', `${other}.gnrec`)), true);
		fs.rmSync(dir, { recursive: true, force: true });
	});

	test('entries held back can be written a few at a time, and are read back while they wait', async () => {
		const dir = tempDir();
		const cache = new RecordCache(path.join(dir, 'f'), 'build-a', () => assert.fail('nothing to warn about'), true);
		const texts = [0, 1, 2].map((i) => `${TEXT}Line ${i}.\n`);
		const hashes = texts.map((t) => inputHash('build-a', URI, t, undefined));
		for (const [i, t] of texts.entries()) await cache.put(hashes[i]!, packRecord(buildRecord(URI, t), t));
		const written = () => hashes.filter((h) => fs.existsSync(path.join(dir, 'f', `${h}.gnrec`))).length;
		assert.equal(cache.held, 3);
		cache.flush(1);
		assert.equal(cache.held, 2);
		assert.equal(written(), 1);
		for (const [i, t] of texts.entries()) assert.ok(await cache.get(hashes[i]!, URI, t), `entry ${i} is read back, written or not`);
		cache.flush();
		assert.equal(cache.held, 0);
		assert.equal(written(), 3);
		fs.rmSync(dir, { recursive: true, force: true });
	});

	test('a cache folder that cannot be written: one message for the entries held back, no error thrown', async () => {
		const dir = tempDir();
		// a file where the cache folder should be
		fs.writeFileSync(path.join(dir, 'f'), 'not a folder');
		const warnings: string[] = [];
		const cache = new RecordCache(path.join(dir, 'f'), 'build-a', (_l, m) => warnings.push(m), true);
		for (let i = 0; i < 5; i++) {
			const text = `${TEXT}Line ${i}.\n`;
			await cache.put(inputHash('build-a', URI, text, undefined), packRecord(buildRecord(URI, text), text));
		}
		cache.flush(1);
		cache.flush();
		assert.equal(warnings.length, 1, warnings.join('\n'));
		assert.match(warnings[0]!, /cannot be written in .*f \(.*\); sources will be read again at the next start/);
		// written one at a time as more come, it is said once, not once an entry
		for (let i = 5; i < 8; i++) {
			const text = `${TEXT}Line ${i}.\n`;
			await cache.put(inputHash('build-a', URI, text, undefined), packRecord(buildRecord(URI, text), text));
			cache.flush(1);
		}
		assert.equal(warnings.length, 1, warnings.join('\n'));
		fs.rmSync(dir, { recursive: true, force: true });
	});

	test('pruning keeps the entries in use and drops the rest', async () => {
		const dir = tempDir();
		const cache = new RecordCache(path.join(dir, 'f'), 'build-a', () => undefined);
		const record = packRecord(buildRecord(URI, TEXT), TEXT);
		await cache.put('a'.repeat(40), record);
		await cache.put('b'.repeat(40), record);
		await cache.prune(new Set(['a'.repeat(40)]));
		assert.deepEqual(fs.readdirSync(path.join(dir, 'f')), [`${'a'.repeat(40)}.gnrec`]);
		fs.rmSync(dir, { recursive: true, force: true });
	});

	test('where the cache lives: the setting, else the client storage, else the OS cache directory, per folder', () => {
		assert.equal(cacheRoot('/tmp/gn', '/ws', '/storage'), '/tmp/gn');
		assert.equal(cacheRoot('.cache/gn', '/ws', '/storage'), '/ws/.cache/gn');
		assert.equal(cacheRoot('', '/ws', '/storage'), '/storage/index-cache');
		assert.equal(cacheRoot('', '/ws', undefined, { XDG_CACHE_HOME: '/xdg' }), '/xdg/grounded-notes');
		assert.equal(cacheRoot('', '/ws', undefined, {}), path.join(os.homedir(), '.cache', 'grounded-notes'));
		assert.notEqual(folderCacheDir('/c', 'file:///a'), folderCacheDir('/c', 'file:///b'));
		assert.equal(path.dirname(folderCacheDir('/c', 'file:///a')), '/c');
	});

	test('the inputs hash changes with the text, the file, the sidecar and the build; an undated record is kept per fallback date', () => {
		const base = inputHash('b', URI, TEXT, undefined);
		assert.notEqual(inputHash('b', URI, `${TEXT} `, undefined), base);
		assert.notEqual(inputHash('b', 'file:///ws/sources/other.md', TEXT, undefined), base);
		assert.notEqual(inputHash('b', URI, TEXT, { title: 'T' }), base);
		assert.notEqual(undatedKey(base, '2024-01-01'), undatedKey(base, undefined));
		assert.notEqual(inputHash('c', URI, TEXT, undefined), base);
	});

	test('a build fingerprint covers the bundle and its libraries; kept digests are used only while the files are unchanged', () => {
		const dir = tempDir();
		const bundle = path.join(dir, 'indexer.js');
		fs.mkdirSync(path.join(dir, 'lib'));
		const pdf = path.join(dir, 'lib', 'pdf.js');
		fs.writeFileSync(bundle, 'console.log(1);\n');
		fs.writeFileSync(pdf, 'module.exports = 1;\n');
		// settled files (a file changed in the last 2 s is hashed every time, not kept)
		const when = Math.floor(Date.now() / 1000) - 60;
		for (const f of [bundle, pdf]) fs.utimesSync(f, when, when);
		const kept = path.join(dir, 'digests.json');
		// (a clock 10 s ahead: the change times the test makes are then old enough to be trusted)
		const later = () => Date.now() + 10_000;
		const fresh = () => new FileDigests(undefined, later);
		const a = buildFingerprint(bundle, true, fresh());
		assert.equal(buildFingerprint(bundle, true, new FileDigests(kept, later)), a, 'the same with digests kept');
		assert.ok(fs.existsSync(kept), 'the digests were written');
		assert.equal(buildFingerprint(bundle, true, new FileDigests(kept, later)), a, 'and the same read back');
		assert.notEqual(buildFingerprint(bundle, false, fresh()), a, 'without the libraries, another fingerprint');
		// the kept digests are what is used: a digest kept for the file as it is now is taken as it is
		const lied = JSON.parse(fs.readFileSync(kept, 'utf8')) as Record<string, { stamp: string; digest: string }>;
		lied[pdf]!.digest = '0'.repeat(64);
		fs.writeFileSync(kept, JSON.stringify(lied));
		assert.notEqual(buildFingerprint(bundle, true, new FileDigests(kept, later)), a);
		// a library rewritten with the same size and its time put back is hashed again: the kept digest does not hide it
		fs.writeFileSync(pdf, 'module.exports = 2;\n');
		fs.utimesSync(pdf, when, when);
		const b = buildFingerprint(bundle, true, new FileDigests(kept, later));
		assert.notEqual(b, a);
		assert.equal(b, buildFingerprint(bundle, true, fresh()));
		// an unreadable file of digests is as good as none
		fs.writeFileSync(kept, '{not json');
		assert.equal(buildFingerprint(bundle, true, new FileDigests(kept, later)), b);
		fs.rmSync(dir, { recursive: true, force: true });
	});

	test('a snapshot read ahead in the thread pool is what getSnapshot gives, taken once, or let go of', async () => {
		const dir = path.join(tempDir(), 'f');
		const cache = new RecordCache(dir, 'build-a', () => assert.fail('nothing to warn about'), true, 'server-a');
		const header = { id: 'snapshot-1', uris: [URI], keys: ['k1'], sidecars: [undefined], stamps: [null] };
		const write = (text: string) => assert.ok(cache.putSnapshot(header, [text], [v8.serialize({ corpus: 1 }), v8.serialize({ source: text })]));
		// none yet: read ahead or not, getSnapshot says so
		cache.prefetchSnapshot();
		await cache.snapshotPrefetched();
		const none = cache.getSnapshot();
		assert.ok(!none.ok && none.reason === 'there is none yet');
		write(TEXT);
		cache.prefetchSnapshot();
		await cache.snapshotPrefetched();
		// the file gone after it was read ahead: the bytes read ahead are what getSnapshot decodes
		const file = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.gnsnap'))!);
		const written = fs.readFileSync(file);
		fs.rmSync(file);
		const read = cache.getSnapshot();
		assert.ok(read.ok, read.ok ? '' : read.reason);
		assert.deepEqual(read.header, header);
		assert.deepEqual(v8.deserialize(read.texts), [TEXT]);
		// taken once: the next call reads the file as it is now
		const again = cache.getSnapshot();
		assert.ok(!again.ok && again.reason === 'there is none yet');
		fs.writeFileSync(file, written);
		const fresh = cache.getSnapshot();
		assert.ok(fresh.ok && (v8.deserialize(fresh.texts) as string[])[0] === TEXT);
		// read ahead and never taken (no source of the folder left): let go of when told
		cache.prefetchSnapshot();
		await cache.snapshotPrefetched();
		cache.forgetPrefetched();
		fs.rmSync(file);
		const forgotten = cache.getSnapshot();
		assert.ok(!forgotten.ok && forgotten.reason === 'there is none yet');
	});
});
