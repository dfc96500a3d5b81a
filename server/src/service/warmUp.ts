/**
 * Runs a note through the service once, in a service of its own that nothing else sees: the code
 * that reads notes (remark's parser above all) is cold when the server starts, and the first
 * request on a note paid for it (~50-100 ms on the dev machine). The server calls this while the
 * client waits for its answer to `initialize`, before any note can be asked about.
 */
import type { Position } from 'vscode-languageserver-types';
import { createLanguageService, type NoteDocument } from './index';

const SOURCE = `---
title: Warm-up source
date: 2024-05-01
---
# Acme expands

Acme Corp (also known as Acme Industries) said revenue rose 12% to $4.5 billion in the first quarter, and it hired 300 workers in Ohio.
`;

const NOTE = `---
title: Warm-up note
---
# Notes

Acme Corp's revenue rose 12% to $4.5 billion [@warm-up, p. 2]. It hired about 300 workers in Ohio [see @warm-up; @other].

- Revenue: **$4.5 billion**, up 12%.[^1]

[^1]: A footnote citing @warm-up.
`;

export function warmUp(): void {
	const service = createLanguageService();
	service.setFolders(['file:///warm-up']);
	service.setSource('file:///warm-up/sources/warm-up.md', SOURCE);
	const doc: NoteDocument = { uri: 'file:///warm-up/note.md', version: 1, getText: () => NOTE };
	const at = (needle: string): Position => {
		const offset = NOTE.indexOf(needle);
		const before = NOTE.slice(0, offset).split('\n');
		return { line: before.length - 1, character: before[before.length - 1]!.length };
	};
	service.getDiagnostics(doc);
	service.getHover(doc, at('$4.5'));
	service.getHover(doc, at('@warm-up'));
	service.getCompletions(doc, at('warm-up,'));
	service.getCodeLenses(doc);
}
