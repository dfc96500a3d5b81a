import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EntityIndex, parseAliasFile } from '../../server/src/service/extract/entities';

test('parseAliasFile reads JSON', () => {
	const { table, errors } = parseAliasFile(
		JSON.stringify({ entities: [{ name: 'Foxconn', type: 'organization', aliases: ['Hon Hai', '鴻海'] }, { name: 'Sam Altman', aliases: [] }] }),
		'aliases.json',
	);
	assert.deepEqual(errors, []);
	assert.deepEqual(table.entities, [
		{ name: 'Foxconn', type: 'organization', aliases: ['Hon Hai', '鴻海'] },
		{ name: 'Sam Altman', aliases: [] },
	]);
});

test('parseAliasFile reads YAML of the same shape', () => {
	const yaml = ['entities:', '  - name: Foxconn', '    type: organization', '    aliases: [Hon Hai, 鴻海]', '  - name: Taipei', '    type: place', '    aliases:', '      - Taibei'].join('\n');
	const { table, errors } = parseAliasFile(yaml, 'aliases.yaml');
	assert.deepEqual(errors, []);
	assert.deepEqual(table.entities, [
		{ name: 'Foxconn', type: 'organization', aliases: ['Hon Hai', '鴻海'] },
		{ name: 'Taipei', type: 'place', aliases: ['Taibei'] },
	]);
});

test('parseAliasFile reports broken JSON with its place and a fix, without throwing', () => {
	const { table, errors } = parseAliasFile('{\n  "entities": [\n    { "name": "Foxconn", }\n  ]\n}', 'aliases.json');
	assert.deepEqual(table.entities, []);
	assert.equal(errors.length, 1);
	assert.match(errors[0], /aliases\.json: invalid JSON at line 3, column \d+/);
	assert.match(errors[0], /trailing comma/);
});

test('parseAliasFile reports broken YAML with its line', () => {
	const { table, errors } = parseAliasFile('entities:\n  - name: Foxconn\n   aliases: [Hon Hai\n', 'aliases.yml');
	assert.deepEqual(table.entities, []);
	assert.ok(errors.length >= 1);
	assert.match(errors[0], /aliases\.yml: invalid YAML at line \d+, column \d+/);
});

test('parseAliasFile keeps the good entries and says what is wrong with the others', () => {
	const text = JSON.stringify({
		entities: [
			{ name: 'Foxconn', aliases: ['Hon Hai', 7, ''] },
			{ aliases: ['Nameless'] },
			{ name: 'Taipei', type: 'city', aliases: 'Taibei' },
			'Nvidia',
			{ name: 'OpenAI', aliases: { a: 1 }, tags: [] },
		],
	});
	const { table, errors } = parseAliasFile(text, 'a.json');
	assert.deepEqual(table.entities, [
		{ name: 'Foxconn', aliases: ['Hon Hai', '7'] },
		{ name: 'Taipei', aliases: ['Taibei'] },
		{ name: 'OpenAI', aliases: [] },
	]);
	const all = errors.join('\n');
	assert.match(all, /entities\[0\] \("Foxconn"\): aliases\[2\] is ""; each alias must be a non-empty string/);
	assert.match(all, /entities\[1\] has no "name"/);
	assert.match(all, /entities\[2\] \("Taipei"\): "type" is "city"; use one of organization, person, place, other/);
	assert.match(all, /entities\[3\] is "Nvidia"; each entry must be an object/);
	assert.match(all, /entities\[4\] \("OpenAI"\): "aliases" must be a list of strings/);
	assert.match(all, /unknown field "tags"/);
});

test('parseAliasFile explains a wrong top level and an empty file', () => {
	assert.match(parseAliasFile('{"aliases": []}', 'a.json').errors[0], /no "entities" list/);
	assert.match(parseAliasFile('42', 'a.json').errors[0], /expected an object with an "entities" list/);
	assert.match(parseAliasFile('', 'a.yaml').errors[0], /empty/);
	const listed = parseAliasFile('[{"name": "Foxconn", "aliases": ["Hon Hai"]}]', 'a.json');
	assert.equal(listed.table.entities.length, 1);
	assert.match(listed.errors[0], /put it under "entities"/);
});

test('an alias file merges two names the sources keep apart, under its name and type', () => {
	const texts = ['Zentrix shipped servers to buyers in Ohio.', 'Blue Harbor Systems opened a plant, Blue Harbor Systems said.'];
	const plain = new EntityIndex();
	texts.forEach((t, i) => plain.addSource(`s${i}`, t));
	assert.notEqual(plain.get('Zentrix')?.id, plain.get('Blue Harbor Systems')?.id);

	const { table } = parseAliasFile('entities:\n  - name: Zentrix\n    type: organization\n    aliases: [Blue Harbor Systems, 藍港]\n', 'aliases.yaml');
	const index = new EntityIndex(table);
	texts.forEach((t, i) => index.addSource(`s${i}`, t));
	const z = index.get('Blue Harbor Systems');
	assert.equal(z?.id, 'zentrix');
	assert.equal(z?.name, 'Zentrix');
	assert.equal(z?.type, 'organization');
	assert.deepEqual(index.sourcesOf('zentrix'), ['s0', 's1']);
	assert.deepEqual(index.findMentions('藍港 and Blue Harbor Systems').map((m) => `${m.text}→${m.entityId}`), ['藍港→zentrix', 'Blue Harbor Systems→zentrix']);
});

test('setAliases re-reads the sources with the new table', () => {
	const index = new EntityIndex();
	index.addSource('a', 'Quillfield bought Zentrix. Quillfield later sold Zentrix.');
	assert.notEqual(index.get('Quillfield')?.id, index.get('Zentrix')?.id);
	index.setAliases({ entities: [{ name: 'Quillfield', aliases: ['Zentrix'] }] });
	assert.equal(index.get('Zentrix')?.id, 'quillfield');
	index.setAliases(undefined);
	assert.notEqual(index.get('Quillfield')?.id, index.get('Zentrix')?.id);
});
