/**
 * Background work on the main thread yields to requests: a request whose bytes arrive while a
 * slice of work runs is answered before the next slice (`yieldToRequests`), through the real
 * vscode-jsonrpc connection the server uses. A slice per turn of the event loop (`setImmediate`)
 * is checked to let several slices run first: the number of turns the library takes from a
 * message's bytes to its answer is what `REQUEST_TURNS` is set by.
 */
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { test } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { yieldToRequests } from '../../server/src/turns';

/** Two ends of a loopback socket: bytes written to one arrive at the other in a later turn, as from an editor. */
async function socketPair(): Promise<[net.Socket, net.Socket, () => void]> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as net.AddressInfo).port;
	const accepted = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
	const client = net.connect(port, '127.0.0.1');
	await new Promise<void>((resolve) => client.once('connect', resolve));
	const serverSide = await accepted;
	return [serverSide, client, () => (serverSide.destroy(), client.destroy(), server.close())];
}

function frame(message: object): string {
	const body = JSON.stringify(message);
	return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** Runs six slices of busy work, the request's bytes sent during the second; returns what happened, in order. */
async function sliced(pause: () => Promise<void>): Promise<string[]> {
	const [serverSide, client, close] = await socketPair();
	const connection = createMessageConnection(new StreamMessageReader(serverSide), new StreamMessageWriter(serverSide));
	connection.onRequest('test/hover', () => 'answer');
	connection.listen();
	const events: string[] = [];
	client.on('data', (d: Buffer) => {
		if (d.toString().includes('"answer"')) events.push('answered');
	});
	for (let i = 0; i < 6; i++) {
		events.push(`slice ${i}`);
		if (i === 1) client.write(frame({ jsonrpc: '2.0', id: 1, method: 'test/hover' }));
		const end = performance.now() + 5;
		while (performance.now() < end);
		await pause();
	}
	// the answer comes at last in any case
	for (let i = 0; i < 50 && !events.includes('answered'); i++) await new Promise((r) => setTimeout(r, 10));
	connection.dispose();
	close();
	return events;
}

test('a request that arrives during a slice of background work is answered before the next slice', async () => {
	const events = await sliced(yieldToRequests);
	assert.deepEqual(events.slice(1, 4), ['slice 1', 'answered', 'slice 2']);
});

test('a slice every turn of the event loop would keep the request waiting for several slices', async () => {
	const events = await sliced(() => new Promise((r) => setImmediate(r)));
	const answeredAfter = events.indexOf('answered') - events.indexOf('slice 1') - 1;
	assert.ok(answeredAfter >= 2, `answered after ${answeredAfter} more slices: ${events.join(', ')}`);
});
