/**
 * Makes `obj[key]` a value worked out on first read, then kept as a plain property: a warm start
 * restores thousands of sources' sentences, passages and names this way, and unpacks only those a
 * request reads.
 */
export function lazyProperty<T extends object, K extends keyof T>(obj: T, key: K, make: () => T[K]): void {
	Object.defineProperty(obj, key, {
		configurable: true,
		enumerable: true,
		get(this: T) {
			const value = make();
			Object.defineProperty(this, key, { value, writable: true, configurable: true, enumerable: true });
			return value;
		},
		set(this: T, value: T[K]) {
			Object.defineProperty(this, key, { value, writable: true, configurable: true, enumerable: true });
		},
	});
}
