/** A growable list of 32-bit integers, kept in a typed array: indexing makes millions of them, and plain arrays of numbers cost a heap object per list and more to copy. */
export class IntList {
	data = new Int32Array(256);
	length = 0;

	push(v: number): void {
		if (this.length === this.data.length) {
			const bigger = new Int32Array(this.data.length * 2);
			bigger.set(this.data);
			this.data = bigger;
		}
		this.data[this.length++] = v;
	}

	/** A copy of the list, trimmed to its length. */
	take(): Int32Array {
		return this.data.slice(0, this.length);
	}

	/** The values, sorted, without repeats; empties the list (it can be used again). */
	takeSorted(): Int32Array {
		const a = this.data.slice(0, this.length).sort();
		this.length = 0;
		let n = 0;
		for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[i - 1]) a[n++] = a[i]!;
		return n === a.length ? a : a.slice(0, n);
	}
}
