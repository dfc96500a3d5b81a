// Draws images/icon.png (128x128): a note page with cited lines and a check mark, on the banner's
// colour. Plain Node (zlib) so that it needs nothing installed: `node scripts/make-icon.mjs`.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4; // per axis, for anti-aliasing

const roundedRect = (x, y, x0, y0, x1, y1, r) => {
	const cx = Math.min(Math.max(x, x0 + r), x1 - r);
	const cy = Math.min(Math.max(y, y0 + r), y1 - r);
	return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const segment = (x, y, ax, ay, bx, by, width) => {
	const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
	return (x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= (width / 2) ** 2;
};

/** The colour (RGBA) at a point; later layers paint over earlier ones. */
function paint(x, y) {
	let c = [0, 0, 0, 0];
	if (roundedRect(x, y, 4, 4, 124, 124, 22)) c = [0x22, 0x32, 0x4a, 255]; // background
	if (roundedRect(x, y, 26, 18, 92, 110, 6)) c = [0xf4, 0xf1, 0xe8, 255]; // page
	const lines = [30, 44, 58, 72, 86];
	for (const [i, ly] of lines.entries()) {
		const right = i === 4 ? 62 : 80;
		if (roundedRect(x, y, 36, ly, right, ly + 5, 2.5)) c = [0x7d, 0x8a, 0x9c, 255];
	}
	// a citation marker: [@] brackets in the accent colour on the third line
	if (roundedRect(x, y, 58, 56, 80, 65, 3)) c = [0x3b, 0x82, 0xc4, 255];
	// check mark badge
	if ((x - 92) ** 2 + (y - 94) ** 2 <= 24 ** 2) c = [0x2e, 0xa0, 0x5a, 255];
	if ((x - 92) ** 2 + (y - 94) ** 2 <= 24 ** 2 && (segment(x, y, 80, 95, 89, 104, 7) || segment(x, y, 89, 104, 105, 85, 7))) {
		c = [255, 255, 255, 255];
	}
	return c;
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
	raw[y * (SIZE * 4 + 1)] = 0; // filter: none
	for (let x = 0; x < SIZE; x++) {
		const sum = [0, 0, 0, 0];
		for (let sy = 0; sy < SAMPLES; sy++) {
			for (let sx = 0; sx < SAMPLES; sx++) {
				const c = paint(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES);
				for (let k = 0; k < 3; k++) sum[k] += c[k] * c[3];
				sum[3] += c[3];
			}
		}
		const o = y * (SIZE * 4 + 1) + 1 + x * 4;
		for (let k = 0; k < 3; k++) raw[o + k] = sum[3] ? Math.round(sum[k] / sum[3]) : 0;
		raw[o + 3] = Math.round(sum[3] / SAMPLES ** 2);
	}
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});
const crc32 = (buf) => {
	let c = 0xffffffff;
	for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body));
	return Buffer.concat([len, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const png = Buffer.concat([
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	chunk('IHDR', header),
	chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
	chunk('IEND', Buffer.alloc(0)),
]);
const out = path.join(path.dirname(new URL(import.meta.url).pathname), '../images/icon.png');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
