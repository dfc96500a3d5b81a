/**
 * V8's serializer for the parts of a snapshot, with their typed arrays laid out after the rest,
 * each at a multiple of 8 bytes from the part's start: read back from a buffer where the part
 * starts at a multiple of 8 too (see snapshotFile.ts), every array is a view of that buffer, made
 * in no time, where V8's own layout puts an array wherever the bytes before it end, and Node's
 * deserializer copies each one that is not aligned for its type (three in four of them).
 *
 * A part: its structure's length (uint32) and 4 zero bytes, the structure (V8's format, each
 * typed array in it written as its type, offset and length), zero bytes up to a multiple of 8,
 * then the arrays' bytes, each starting at a multiple of 8.
 */
import * as v8 from 'node:v8';

/** The typed arrays a part may hold, by the number written for each. */
const TYPES = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array] as const;
type TypedArray = InstanceType<(typeof TYPES)[number]>;

const ALIGN = 8;
const align = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

class PartSerializer extends v8.DefaultSerializer {
	readonly arrays: TypedArray[] = [];
	size = 0;

	// (called by V8 for each typed array: Node's types do not declare it)
	_writeHostObject(object: object): void {
		// (a Buffer is a Uint8Array: it comes back as one)
		const type = TYPES.findIndex((t) => object instanceof t);
		if (type < 0) throw new Error(`a snapshot cannot hold a ${object.constructor.name}`);
		const array = object as TypedArray;
		this.writeUint32(type);
		this.writeUint32(this.size);
		this.writeUint32(array.byteLength);
		this.arrays.push(array);
		this.size += align(array.byteLength);
	}
}

class PartDeserializer extends v8.DefaultDeserializer {
	constructor(
		private readonly part: Uint8Array,
		structure: Uint8Array,
		private readonly arraysAt: number,
	) {
		super(structure);
	}

	_readHostObject(): TypedArray {
		const Type = TYPES[this.readUint32()];
		const offset = this.readUint32();
		const byteLength = this.readUint32();
		if (!Type || byteLength % Type.BYTES_PER_ELEMENT || this.arraysAt + offset + byteLength > this.part.length) throw new Error('a typed array of it is not well-formed');
		const at = this.part.byteOffset + this.arraysAt + offset;
		if (at % Type.BYTES_PER_ELEMENT === 0) return new Type(this.part.buffer as ArrayBuffer, at, byteLength / Type.BYTES_PER_ELEMENT);
		// (a part read from a buffer where it does not start at a multiple of 8: correct, only slower)
		const copy = new Uint8Array(byteLength);
		copy.set(this.part.subarray(this.arraysAt + offset, this.arraysAt + offset + byteLength));
		return new Type(copy.buffer, 0, byteLength / Type.BYTES_PER_ELEMENT);
	}
}

/** A value as a part of a snapshot (a buffer of its own, which can be moved to another thread). */
export function serializePart(value: unknown): Uint8Array {
	const ser = new PartSerializer();
	ser.writeHeader();
	ser.writeValue(value);
	const structure = ser.releaseBuffer();
	const arraysAt = align(8 + structure.length);
	const out = new Uint8Array(arraysAt + ser.size);
	new DataView(out.buffer).setUint32(0, structure.length);
	out.set(structure, 8);
	let at = arraysAt;
	for (const a of ser.arrays) {
		out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
		at += align(a.byteLength);
	}
	return out;
}

/** The value of a part that `serializePart` made: its typed arrays are views of `part`'s buffer where it is aligned. Throws when it is not well-formed. */
export function deserializePart(part: Uint8Array): unknown {
	if (part.length < 8) throw new Error('it is cut short');
	const length = new DataView(part.buffer, part.byteOffset, 8).getUint32(0);
	if (8 + length > part.length) throw new Error('it is cut short');
	const des = new PartDeserializer(part, part.subarray(8, 8 + length), align(8 + length));
	des.readHeader();
	return des.readValue();
}
