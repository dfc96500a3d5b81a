// Loaded with `node --require` before the language server (test/protocol/security.test.ts): every
// way Node opens a connection, resolves a name or runs a program is replaced by a function that
// appends what was called to the file named by GN_RECORD and throws. The stdio transport keeps
// working: the server's stdin/stdout pipes exist before any of this runs and never connect.
'use strict';
const fs = require('node:fs');

const log = process.env.GN_RECORD;
if (!log) throw new Error('preload-record.cjs needs GN_RECORD, the file to record calls in');

function record(name, args) {
	let what;
	try {
		what = JSON.stringify(Array.from(args, (a) => (typeof a === 'function' ? '[function]' : a)));
	} catch {
		what = '[unserializable arguments]';
	}
	fs.appendFileSync(log, `CALLED ${name} ${what}\n${new Error().stack}\n`);
}

function trap(object, key, name) {
	if (!object || typeof object[key] !== 'function') return;
	object[key] = function trapped() {
		record(name, arguments);
		throw new Error(`${name} is not allowed in the language server`);
	};
}

const net = require('node:net');
trap(net.Socket.prototype, 'connect', 'net.Socket.prototype.connect');
trap(net, 'connect', 'net.connect');
trap(net, 'createConnection', 'net.createConnection');
trap(net, 'createServer', 'net.createServer');
const tls = require('node:tls');
trap(tls, 'connect', 'tls.connect');
for (const mod of ['http', 'https']) {
	const m = require(`node:${mod}`);
	trap(m, 'request', `${mod}.request`);
	trap(m, 'get', `${mod}.get`);
	trap(m, 'createServer', `${mod}.createServer`);
}
const http2 = require('node:http2');
trap(http2, 'connect', 'http2.connect');
const dgram = require('node:dgram');
trap(dgram, 'createSocket', 'dgram.createSocket');
const dns = require('node:dns');
for (const key of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'lookupService']) trap(dns, key, `dns.${key}`);
for (const key of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'lookupService']) trap(dns.promises, key, `dns.promises.${key}`);
const cp = require('node:child_process');
for (const key of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) trap(cp, key, `child_process.${key}`);
const wt = require('node:worker_threads');
if (typeof wt.Worker === 'function') {
	const Real = wt.Worker;
	// a thread runs the server's own code, so it is allowed; noted all the same
	wt.Worker = function Worker() {
		fs.appendFileSync(log, `SEEN worker_threads.Worker ${String(arguments[0]).slice(0, 200)}\n`);
		return Reflect.construct(Real, arguments);
	};
}
trap(globalThis, 'fetch', 'fetch');
if (typeof globalThis.WebSocket === 'function') trap(globalThis, 'WebSocket', 'WebSocket');

fs.appendFileSync(log, `LOADED pid=${process.pid}\n`);

// Reads are allowed but noted (`READ <path>`), so a test can check that every file and folder the
// server opened lies inside the workspace (or is the server's own code).
function noteRead(name, p) {
	if (typeof p === 'string' || p instanceof URL || Buffer.isBuffer(p)) fs.appendFileSync(log, `READ ${name} ${String(p instanceof URL ? p.pathname : p)}\n`);
}
function watchReads(object, key, name) {
	const real = object[key];
	if (typeof real !== 'function') return;
	object[key] = function watched(p) {
		noteRead(name, p);
		return real.apply(this, arguments);
	};
}
for (const key of ['open', 'openSync', 'readFile', 'readFileSync', 'readdir', 'readdirSync', 'opendir', 'opendirSync', 'createReadStream']) watchReads(fs, key, `fs.${key}`);
for (const key of ['open', 'readFile', 'readdir', 'opendir']) watchReads(fs.promises, key, `fs.promises.${key}`);
