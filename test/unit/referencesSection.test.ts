import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-types';
import { referencesKind } from '../../server/src/service';
import { applyEdit, FOLDER, note, serviceWith } from './util';
import { TextDocument } from 'vscode-languageserver-textdocument';

const SOURCES = {
	'grid.md': '---\ntitle: Grid plans\ndate: 2025-11-21\n---\nThe utility plans 30 GW of capacity by 2030.\n',
	'memo.txt': 'Board memo\n\nThe board approved 12 new plants.\n',
};

function referencesAction(s: ReturnType<typeof serviceWith>, doc: TextDocument): CodeAction | undefined {
	return s.getCodeActions(doc, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source']).find((a) => a.kind === referencesKind);
}

describe('References section', () => {
	test('inserts a References section listing the cited sources (title, date, key) at the end', () => {
		const s = serviceWith(SOURCES);
		const n = note('# Report\n\nThe utility plans 30 GW by 2030 [@grid]. The board approved 12 plants [@memo; @grid].\n');
		const a = referencesAction(s, n.doc);
		assert.equal(a?.title, 'Add a References section');
		const text = applyEdit(n.doc, a!.edit);
		assert.equal(text, `${n.text}\n## References\n\n- Grid plans (2025-11-21) — \`@grid\`\n- Board memo — \`@memo\`\n`);
	});

	test('is idempotent, and refreshes a stale section in place', () => {
		const s = serviceWith(SOURCES);
		const n = note('The utility plans 30 GW by 2030 [@grid].\n');
		const once = applyEdit(n.doc, referencesAction(s, n.doc)!.edit);
		const doc1 = TextDocument.create(n.doc.uri, 'markdown', 2, once);
		assert.equal(referencesAction(s, doc1), undefined, 'nothing to do the second time');
		const added = once.replace('by 2030 [@grid].', 'by 2030 [@grid]. Also 12 plants [@memo].');
		const doc2 = TextDocument.create(n.doc.uri, 'markdown', 3, added);
		const a = referencesAction(s, doc2);
		assert.equal(a?.title, 'Update the References section');
		const twice = applyEdit(doc2, a!.edit);
		assert.equal((twice.match(/## References/g) ?? []).length, 1);
		assert.match(twice, /- Board memo — `@memo`\n$/);
		assert.equal(referencesAction(s, TextDocument.create(n.doc.uri, 'markdown', 4, twice)), undefined);
	});

	test('a section followed by another is refreshed where it is', () => {
		const s = serviceWith(SOURCES);
		const n = note('Text [@memo].\n\n## References\n\n- old entry\n\n## Appendix\n\nMore.\n');
		const text = applyEdit(n.doc, referencesAction(s, n.doc)!.edit);
		assert.equal(text, 'Text [@memo].\n\n## References\n\n- Board memo — `@memo`\n\n## Appendix\n\nMore.\n');
	});

	test('is offered only when source actions are asked for, never as a quick fix', () => {
		const s = serviceWith(SOURCES);
		const n = note('Text [@memo].\n');
		assert.ok(!s.getCodeActions(n.doc, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['quickfix']).some((a) => a.kind === referencesKind));
		assert.ok(s.getCodeActions(n.doc, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], [referencesKind]).some((a) => a.kind === referencesKind));
	});

	test('the dates and titles it lists are not checked as claims', () => {
		const s = serviceWith(SOURCES);
		const n = note('The utility plans 30 GW by 2030 [@grid].\n');
		const text = applyEdit(n.doc, referencesAction(s, n.doc)!.edit);
		const doc = TextDocument.create(`${FOLDER}/notes/refs-claims.md`, 'markdown', 1, text);
		const inSection = s.getDiagnostics(doc).filter((d) => d.range.start.line >= 2);
		assert.deepEqual(inSection, []);
	});
});
