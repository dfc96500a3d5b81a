import * as vscode from 'vscode';
import { checkAllNotes } from './checkAllNotes';
import type { SourceNode } from '../sourcesView';
import type { CommandContext } from './context';
import { insertCitation, type InsertCitationOptions } from './insertCitation';
import { openSourceAtPassage } from './openSourceAtPassage';
import { reindexSources } from './reindexSources';
import { showDisagreements } from './showDisagreements';
import { showSourcesForSelection, type ShowSourcesOptions } from './showSourcesForSelection';
import { writeBibliography, type WriteBibliographyOptions } from './writeBibliography';

/** The command ids, as package.json contributes them. */
export const Commands = {
	insertCitation: 'groundedNotes.insertCitation',
	showSourcesForSelection: 'groundedNotes.showSourcesForSelection',
	checkAllNotes: 'groundedNotes.checkAllNotes',
	reindexSources: 'groundedNotes.reindexSources',
	openSourceAtPassage: 'groundedNotes.openSourceAtPassage',
	showDisagreements: 'groundedNotes.showDisagreements',
	writeBibliography: 'groundedNotes.writeBibliography',
	restartServer: 'groundedNotes.restartServer',
	showLog: 'groundedNotes.showLog',
	refreshSources: 'groundedNotes.refreshSources',
} as const;

/** Registers every command; each returns its result so that tests (and other extensions) can use it. */
export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
	const register = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run);
	return [
		register(Commands.insertCitation, (options?: InsertCitationOptions) => insertCitation(ctx, options)),
		register(Commands.showSourcesForSelection, (options?: ShowSourcesOptions) => showSourcesForSelection(ctx, options)),
		register(Commands.checkAllNotes, () => checkAllNotes(ctx)),
		register(Commands.reindexSources, () => reindexSources(ctx)),
		register(Commands.openSourceAtPassage, (uri?: string | vscode.Uri | SourceNode, range?: vscode.Range) => openSourceAtPassage(ctx, uri, range)),
		register(Commands.showDisagreements, () => showDisagreements(ctx)),
		register(Commands.writeBibliography, (options?: WriteBibliographyOptions) => writeBibliography(ctx, options)),
		register(Commands.restartServer, () => ctx.restart()),
		register(Commands.showLog, () => ctx.log.show(true)),
		register(Commands.refreshSources, () => ctx.sourcesView.refresh()),
	];
}
