import * as vscode from 'vscode';

/** The configuration section every setting lives in (and that is synchronized to the server). */
export const SECTION = 'groundedNotes';

/**
 * What the server is told at start (initializationOptions): the `groundedNotes` settings as the
 * server later reads them through workspace/configuration, plus where the extension may store
 * things. The server applies later changes itself (re-reading sources when their globs change).
 */
export interface InitializationOptions {
	/** Globs, relative to each workspace folder, of the source documents. */
	sources: string[];
	/** The extension's workspace storage (or global storage without a workspace), for the index cache. */
	storagePath: string;
	/** Every other `groundedNotes.*` setting, nested as in settings.json (`codeLens: { enabled }`). */
	[setting: string]: unknown;
}

/** Reads the settings the server starts with. */
export function initializationOptions(storagePath: string): InitializationOptions {
	const config = vscode.workspace.getConfiguration(SECTION);
	// The configuration object's own properties are the settings (its methods do not survive JSON).
	const settings = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
	return {
		...settings,
		sources: config.get<string[]>('sources', ['seeds/**/*.{txt,md,html,htm,pdf}', 'sources/**/*.{txt,md,html,htm,pdf}']),
		storagePath,
	};
}
