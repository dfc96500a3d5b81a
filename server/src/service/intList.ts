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

}

/**
 * Many small lists of integers (a source's sorted term ids) kept in one buffer: each `add…` gives
 * a list's number, `take()` the buffer and `start`/`end` where a list is in it. An Int32Array of
 * its own per list cost an ArrayBuffer per list, which each garbage collection sweeps: ~290,000
 * for the x10 corpus, kept by the merged sources.
 */
export class IntArrays {
	private readonly store = new IntList();
	/** Where each list starts in `store`, and where the last ends. */
	private readonly bounds: number[] = [0];

	/** Adds the values of `list` sorted, without repeats, and empties `list`; returns the new list's number. */
	addSorted(list: IntList): number {
		const a = list.data.subarray(0, list.length).sort();
		for (let i = 0; i < a.length; i++) if (i === 0 || a[i] !== a[i - 1]) this.store.push(a[i]!);
		list.length = 0;
		return this.close();
	}

	/** Adds the values of list `a` that list `b` lacks (both sorted); returns the new list's number. */
	addWithout(a: number, b: number): number {
		const bEnd = this.bounds[b + 1]!;
		for (let i = this.bounds[a]!, j = this.bounds[b]!, end = this.bounds[a + 1]!; i < end; i++) {
			// (read from `store.data` each time: a push may have replaced it with a larger copy)
			const v = this.store.data[i]!;
			while (j < bEnd && this.store.data[j]! < v) j++;
			if (j < bEnd && this.store.data[j] === v) continue;
			this.store.push(v);
		}
		return this.close();
	}

	/** The buffer that holds every list (list k is `[start(k), end(k))` of it); lists added later are not in it. */
	take(): Int32Array {
		return this.store.take();
	}

	/** Where list `k` starts in the buffer. */
	start(k: number): number {
		return this.bounds[k]!;
	}

	/** Where list `k` ends in the buffer. */
	end(k: number): number {
		return this.bounds[k + 1]!;
	}

	private close(): number {
		this.bounds.push(this.store.length);
		return this.bounds.length - 2;
	}
}
