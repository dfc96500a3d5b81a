/**
 * Runs a note through the service once, in a service of its own that nothing else sees: the code
 * that reads notes (remark's parser above all) is cold when the server starts, and the first
 * request on a note paid for it (~50-100 ms on the dev machine). The server calls this while the
 * client waits for its answer to `initialize`, before any note can be asked about (after a warm
 * start, a step at a time once the index is ready).
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

Acme Corp's revenue rose 12% to $4.5 billion [@warm-up, p. 2]. It hired about 300 workers in Ohio [see @warm-up; @other]. ([Acme, 2024](../sources/warm-up.md))

- Revenue: **$4.5 billion**, up 12%.[^1]

[^1]: A footnote citing @warm-up.
`;

/**
 * Notes that go on warming the note reader: remark's parser runs unoptimized code until it has read
 * enough text, and the warm-up note alone left the first hover on a 50-sentence note at 20-40 ms in
 * process (its own first parse; 7-9 ms once warm). Each is the note's body a few times over,
 * numbered so that none is a cached analysis of another; every other one has a table and bare URLs,
 * so that the parser with those extensions is warm too (see `markdownTree`).
 */
const MORE_NOTES = 5;
const EXTRAS = `\n| Year | Revenue |\n|---|---|\n| 2024 | $4.5 billion |\n\nSee www.example.com/acme and https://example.com/ir, or write to ir@example.com.\n`;
const moreNote = (i: number): string => `${NOTE}\n${`Item ${i}. ${NOTE.slice(NOTE.indexOf('# Notes'))}${i % 2 ? EXTRAS : ''}`.repeat(6)}`;

/**
 * The warm-up as steps of at most a few milliseconds each (a step per note read, a request each
 * on the first): the server runs them in one go while it answers `initialize`, or a step per
 * slice of its event loop once a restored index is ready.
 */
export function warmUpSteps(): Array<() => void> {
	const service = createLanguageService();
	service.setFolders(['file:///warm-up']);
	const doc: NoteDocument = { uri: 'file:///warm-up/note.md', version: 1, getText: () => NOTE };
	const at = (needle: string): Position => {
		const offset = NOTE.indexOf(needle);
		const before = NOTE.slice(0, offset).split('\n');
		return { line: before.length - 1, character: before[before.length - 1]!.length };
	};
	const steps = [
		() => service.setSource('file:///warm-up/sources/warm-up.md', SOURCE),
		() => {
			service.getDiagnostics(doc);
			service.getHover(doc, at('$4.5'));
			service.getHover(doc, at('@warm-up'));
			service.getCompletions(doc, at('warm-up,'));
			service.getCodeLenses(doc);
		},
	];
	for (let i = 0; i < MORE_NOTES; i++) steps.push(() => void service.getDiagnostics({ uri: doc.uri, version: i + 2, getText: () => moreNote(i) }));
	return steps;
}

/** The whole warm-up in one go. */
export function warmUp(): void {
	for (const step of warmUpSteps()) step();
}
