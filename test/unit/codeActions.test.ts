import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-types';
import { citeAllKind } from '../../server/src/service';
import { applyEdit, KEYS, note, seededService } from './util';

const [A, B, C] = KEYS as [string, string, string, string, string];

function fixes(text: string, only?: string[]) {
	const { doc } = note(text);
	const s = seededService();
	const diagnostics = s.getDiagnostics(doc);
	const actions = s.getCodeActions(doc, { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) }, diagnostics, only);
	return { doc, diagnostics, actions, apply: (a: CodeAction) => applyEdit(doc, a.edit) };
}

describe('quick fixes', () => {
	test('"Replace with" puts the source value in place of the wrong figure, and is preferred', () => {
		const { actions, apply } = fixes(`Altman plans to invest $1.9 trillion to build 30 gigawatts of computing power [@${A}].`);
		const a = actions.find((x) => x.title === 'Replace with $1.4 trillion');
		assert.ok(a, actions.map((x) => x.title).join(' | '));
		assert.equal(a.isPreferred, true);
		assert.equal(apply(a), `Altman plans to invest $1.4 trillion to build 30 gigawatts of computing power [@${A}].`);
	});

	test('"Replace with" keeps the writer\'s wording of the number', () => {
		const { actions, apply } = fixes(`That much power would supply some 40 million US homes [@${A}].`);
		const a = actions.find((x) => x.title.startsWith('Replace with'));
		assert.ok(a);
		assert.equal(apply(a), `That much power would supply some 25 million US homes [@${A}].`);
	});

	test('"Cite <key>" inserts a citation before the end punctuation of an uncited sentence', () => {
		const { actions, apply } = fixes('Stargate, with Oracle and SoftBank, is a $500 billion initiative.');
		const a = actions.find((x) => x.title === `Cite ${C}`);
		assert.ok(a, actions.map((x) => x.title).join(' | '));
		assert.equal(apply(a), `Stargate, with Oracle and SoftBank, is a $500 billion initiative [@${C}].`);
	});

	test('"Change citation to" and "Cite" for a figure the cited source does not state', () => {
		const text = `Altman expects annualized revenue above $20 billion this year [@${C}].`;
		const { actions, apply } = fixes(text);
		const change = actions.find((x) => x.title === `Change citation to ${B}`);
		assert.ok(change, actions.map((x) => x.title).join(' | '));
		assert.equal(apply(change), text.replace(`@${C}`, `@${B}`));
		const cite = actions.find((x) => x.title === `Cite ${B}`);
		assert.ok(cite);
		assert.equal(apply(cite), text.replace(`[@${C}]`, `[@${C}; @${B}]`));
	});

	test('"Change to <closest key>" fixes a mistyped key', () => {
		const typo = `${A.slice(0, -1)}x`;
		const { actions, apply } = fixes(`As said [@${typo}].`);
		const a = actions.find((x) => x.title === `Change to \`${A}\``);
		assert.ok(a, actions.map((x) => x.title).join(' | '));
		assert.equal(apply(a), `As said [@${A}].`);
	});

	test('the source action "Cite all uncited figures" cites every uncited figure at once', () => {
		const text = 'Stargate is a $500 billion initiative. Foxconn shares rose 25% this year.\n';
		const { actions, apply } = fixes(text, [citeAllKind]);
		const a = actions.find((x) => x.kind === citeAllKind);
		assert.ok(a, JSON.stringify(actions));
		assert.equal(apply(a), `Stargate is a $500 billion initiative [@${C}]. Foxconn shares rose 25% this year [@${B}].\n`);
	});
});
