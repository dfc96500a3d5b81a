import * as vscode from 'vscode';
import {
	CloseAction,
	ErrorAction,
	type CloseHandlerResult,
	type ErrorHandler,
	type ErrorHandlerResult,
	type Message,
} from 'vscode-languageclient/node';
import { RestartBudget } from './restartBudget';

/**
 * Restarts the server after a crash, at most five times in three minutes; then stops and tells the
 * user, offering the log and a restart. The language client's default handler allows four restarts
 * and its message offers neither.
 */
export class CrashHandler implements ErrorHandler {
	private readonly budget = new RestartBudget(5, 3 * 60 * 1000);

	constructor(
		private readonly log: vscode.LogOutputChannel,
		private readonly restart: () => Promise<void>,
	) {}

	error(error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
		this.log.error(`Connection to the server failed: ${error.message}`);
		// A few write errors in a row happen while a crashing server goes away; closed() decides then.
		if (count !== undefined && count <= 3) return { action: ErrorAction.Continue, handled: true };
		return { action: ErrorAction.Shutdown, handled: true };
	}

	closed(): CloseHandlerResult {
		if (this.budget.crashed()) {
			this.log.warn(`The server stopped unexpectedly; restarting it (restart ${this.budget.count} of ${this.budget.max} allowed within 3 minutes).`);
			return { action: CloseAction.Restart, handled: true };
		}
		this.log.error(`The server stopped ${this.budget.count} times within 3 minutes; not restarting it again.`);
		void this.tellUser();
		return { action: CloseAction.DoNotRestart, handled: true };
	}

	/** Forgets earlier crashes, when the user restarts the server by hand. */
	reset(): void {
		this.budget.reset();
	}

	private async tellUser(): Promise<void> {
		const choice = await vscode.window.showErrorMessage(
			`The Grounded Notes server crashed ${this.budget.count} times in 3 minutes and was stopped: hovers, checks and citations are off until it runs again. The log may tell why.`,
			'Show Log',
			'Restart',
		);
		if (choice === 'Show Log') this.log.show(true);
		if (choice === 'Restart') {
			this.reset();
			await this.restart();
		}
	}
}
