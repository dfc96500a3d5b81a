/**
 * How many times the server may be restarted after crashes: at most `max` within `windowMs`.
 * Kept apart from the error handler (and from `vscode`) so that a unit test can run it.
 */
export class RestartBudget {
	private crashes: number[] = [];

	constructor(
		readonly max = 5,
		readonly windowMs = 3 * 60 * 1000,
		private readonly now: () => number = Date.now,
	) {}

	/** Records a crash; true when a restart is still allowed. */
	crashed(): boolean {
		const now = this.now();
		this.crashes = this.crashes.filter((t) => now - t < this.windowMs);
		this.crashes.push(now);
		return this.crashes.length <= this.max;
	}

	/** Crashes counted within the window. */
	get count(): number {
		return this.crashes.length;
	}

	/** Forgets earlier crashes (the user restarted the server by hand). */
	reset(): void {
		this.crashes = [];
	}
}
