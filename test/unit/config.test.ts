/** Settings from initializationOptions, the client's configuration and a folder's, layered key by key. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layerSettings, readSettings } from '../../server/src/service/config';

test('a configuration answer of null or {} leaves initializationOptions standing', () => {
	const init = { sources: ['refs/*.md'], maxSources: 50 };
	assert.deepEqual(readSettings(layerSettings(init, null)).settings.sources, ['refs/*.md']);
	assert.deepEqual(readSettings(layerSettings(init, undefined)).settings.sources, ['refs/*.md']);
	assert.deepEqual(readSettings(layerSettings(init, {})).settings.sources, ['refs/*.md']);
	assert.equal(readSettings(layerSettings(init, {})).settings.maxSources, 50);
});

test('the answer\'s keys win, one by one, nested ones too', () => {
	const init = { sources: ['refs/*.md'], codeLens: false, diagnostics: { 'uncited-figure': 'off', 'figure-mismatch': 'error' }, bibliography: { path: 'refs.json' } };
	const over = { codeLens: true, diagnostics: { 'uncited-figure': 'hint' }, bibliography: { updateOnSave: true } };
	const s = readSettings(layerSettings(init, over)).settings;
	assert.deepEqual(s.sources, ['refs/*.md']);
	assert.equal(s.codeLens, true);
	assert.deepEqual(s.diagnostics, { 'uncited-figure': 'hint', 'figure-mismatch': 'error' });
	assert.deepEqual(s.bibliography, { path: 'refs.json', updateOnSave: true });
});

test('an answer that is not an object is read as it is, and reported', () => {
	assert.equal(layerSettings({ sources: ['a/*.md'] }, 'nonsense'), 'nonsense');
	assert.match(readSettings(layerSettings({ sources: ['a/*.md'] }, 'nonsense')).problems[0]!, /should be an object/);
});
