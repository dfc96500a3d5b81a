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

/**
 * `lazyProperty` for several properties of many objects alike (a warm start's sources):
 * `install(obj, state)` makes each property `key` of `makers` worked out on first read as
 * `makers[key](obj, state)`, then kept as a plain property. The accessors are made once and
 * shared by every object, and the state is kept under a symbol of its own (not enumerable: neither
 * spread nor compared), where `lazyProperty` made three functions and a descriptor per object and
 * property, and V8 a map for each (~15 ms of SOTU's warm start in a CPU profile, 1,400 of them).
 */
export function lazyProperties<T extends object, S>(makers: { [K in keyof T]?: (obj: T, state: S) => T[K] }): (obj: T, state: S) => void {
	const STATE = Symbol('lazy properties');
	const descriptors: PropertyDescriptorMap = {};
	for (const key of Object.keys(makers) as Array<keyof T & string>) {
		const make = makers[key]!;
		const keep = (obj: T, value: T[typeof key]) => Object.defineProperty(obj, key, { value, writable: true, configurable: true, enumerable: true });
		descriptors[key] = {
			configurable: true,
			enumerable: true,
			get(this: T) {
				const value = make(this, (this as unknown as Record<symbol, S>)[STATE]!);
				keep(this, value);
				return value;
			},
			set(this: T, value: T[typeof key]) {
				keep(this, value);
			},
		};
	}
	return (obj, state) => {
		Object.defineProperty(obj, STATE, { value: state });
		Object.defineProperties(obj, descriptors);
	};
}
