/**
 * client/src/protocol.ts mirrors server/src/protocol.ts (the two are bundled apart): the method names
 * must match, or a request goes to a method the server does not have; and the shared types must
 * declare the same fields, or the client reads what the server does not send.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import * as clientProtocol from '../../client/src/protocol';
import * as serverProtocol from '../../server/src/protocol';

const root = path.resolve(import.meta.dirname, '../..');

test('the client sends the requests the server handles, by the same names', () => {
	assert.deepEqual(clientProtocol.ToServer, serverProtocol.ToServer);
});

test('the client listens for the notifications the server sends, by the same names', () => {
	assert.deepEqual(clientProtocol.FromServer, serverProtocol.FromServer);
});

test('the client\'s copy says it is a mirror', () => {
	const text = fs.readFileSync(path.join(root, 'client/src/protocol.ts'), 'utf8');
	assert.match(text.slice(0, 400), /mirrors server\/src\/protocol\.ts/);
});

/** Each exported interface's fields (name and optionality), comments and whitespace ignored. */
function interfaces(file: string): Map<string, string[]> {
	const text = fs
		.readFileSync(path.join(root, file), 'utf8')
		.replace(/\/\*[\s\S]*?\*\//g, '')
		.replace(/\/\/.*$/gm, '');
	const result = new Map<string, string[]>();
	for (const m of text.matchAll(/export interface (\w+)\s*\{([\s\S]*?)\n\}/g)) {
		const [, name = '', body = ''] = m;
		// Fields at the interface's own level: `name?:` at the start of a line of the body.
		const fields = [...body.matchAll(/^\t(\w+\??):/gm)].map((f) => f[1] ?? '');
		result.set(name, fields);
	}
	return result;
}

test('every type the server declares, the client declares with the same fields', () => {
	const server = interfaces('server/src/protocol.ts');
	const client = interfaces('client/src/protocol.ts');
	assert.ok(server.size > 0, 'the server declares types');
	for (const [name, fields] of server) {
		assert.deepEqual(client.get(name), fields, `interface ${name}`);
	}
});
