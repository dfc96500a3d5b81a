/** Properties worked out on first read: once, then plain; assignable; their state neither spread nor compared. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lazyProperties, lazyProperty } from '../../server/src/service/lazyProperty';

interface Thing {
	name: string;
	upper: string;
	length: number;
}

test('lazyProperties: each object\'s values made from its own state on first read, once, then kept as plain properties', () => {
	const made = [] as string[];
	const install = lazyProperties<Thing, { n: number }>({
		upper: (t, s) => (made.push(`upper ${t.name}`), `${t.name.toUpperCase()}${s.n}`),
		length: (t) => (made.push(`length ${t.name}`), t.name.length),
	});
	const a = { name: 'alpha' } as Thing;
	const b = { name: 'be' } as Thing;
	install(a, { n: 1 });
	install(b, { n: 2 });
	assert.deepEqual(made, [], 'nothing made before it is read');
	assert.equal(b.upper, 'BE2');
	assert.equal(b.upper, 'BE2');
	assert.equal(a.upper, 'ALPHA1');
	assert.deepEqual(made, ['upper be', 'upper alpha'], 'made once per object');
	assert.deepEqual(Object.getOwnPropertyDescriptor(a, 'upper'), { value: 'ALPHA1', writable: true, enumerable: true, configurable: true });
	// the accessors are shared by every object
	assert.equal(Object.getOwnPropertyDescriptor(a, 'length')!.get, Object.getOwnPropertyDescriptor(b, 'length')!.get);
	// a value assigned before it is read is kept, and nothing is made
	a.length = 99;
	assert.equal(a.length, 99);
	assert.ok(!(made as string[]).includes('length alpha'));
	// spread and compared as plain objects: the state is not among their properties
	assert.deepEqual({ ...b }, { name: 'be', upper: 'BE2', length: 2 });
	assert.deepEqual(b, { name: 'be', upper: 'BE2', length: 2 });
	assert.deepEqual(Object.keys(a), ['name', 'upper', 'length']);
});

test('lazyProperty: made on first read, then plain', () => {
	let calls = 0;
	const o = { n: 2 } as { n: number; double: number };
	lazyProperty(o, 'double', () => (calls++, o.n * 2));
	assert.equal(calls, 0);
	assert.equal(o.double, 4);
	assert.equal(o.double, 4);
	assert.equal(calls, 1);
});
