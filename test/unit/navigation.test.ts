import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { KEYS, note, seededService } from './util';

const [A, B, C] = KEYS as [string, string, string, string, string];

describe('navigation', () => {
	test('definition of a citation: the source file, at the located passage', () => {
		const s = seededService();
		const plain = note(`[@${C}$$CURSOR$$]`);
		const [loc] = s.getDefinition(plain.doc, plain.position);
		assert.ok(loc?.uri.endsWith(`${C}.txt`));
		const located = note(`[@${C}$$CURSOR$$, ¶ 4]`);
		const [l2] = s.getDefinition(located.doc, located.position);
		assert.equal(l2?.range.start.line, 3);
	});

	test('definition of a figure: its passage in the source', () => {
		const s = seededService();
		const n = note(`Foxconn's net profit reached $1.8$$CURSOR$$ billion [@${B}].`);
		const locs = s.getDefinition(n.doc, n.position);
		assert.ok(locs.some((l) => l.uri.endsWith(`${B}.txt`)), JSON.stringify(locs));
	});

	test('references of a key: its citations in every note given', () => {
		const s = seededService();
		const one = note(`[@${A}$$CURSOR$$] and [@${B}]`, 'one.md');
		const two = note(`Also @${A} says so; [see @${A}, p. 2].`, 'two.md');
		const refs = s.getReferences(one.doc, one.position, [one.doc, two.doc]);
		assert.equal(refs.length, 3);
		assert.deepEqual(refs.map((r) => r.uri.replace(/.*\//, '')), ['one.md', 'two.md', 'two.md']);
	});

	test('document links: each known citation links to its source', () => {
		const s = seededService();
		const links = s.getDocumentLinks(note(`[@${A}; @${C}, ¶ 4] and [@missing]`).doc);
		assert.equal(links.length, 2);
		assert.ok(links[0]!.target!.endsWith(`${A}.txt`));
		assert.match(links[1]!.target!, new RegExp(`${C}\\.txt#L4$`));
	});

	test('workspace symbols: sources by title and key', () => {
		const s = seededService();
		assert.equal(s.getWorkspaceSymbols('').length, 5);
		const hits = s.getWorkspaceSymbols('NextWave');
		assert.equal(hits[0]?.containerName, B);
		assert.equal(s.getWorkspaceSymbols(C)[0]?.containerName, C);
	});

	test('code lens: per paragraph, how many figures are sourced and how many disagree', () => {
		const s = seededService();
		const lenses = s.getCodeLenses(note(`Altman will invest $1.4 trillion in 30 gigawatts [@${A}]. It powers 40 million US homes [@${A}].\n\nNo figures here.\n`).doc);
		assert.equal(lenses.length, 1);
		assert.equal(lenses[0]!.command?.title, '2 figures sourced · 1 disagrees');
	});
});

describe('sources, search, disagreements', () => {
	test('the Sources view lists each source with counts', () => {
		const list = seededService().listSources();
		assert.equal(list.length, 5);
		const a = list.find((x) => x.key === A)!;
		assert.equal(a.title, 'Foxconn Partners with OpenAI to Build Next-Generation AI Hardware');
		assert.ok(a.figures >= 4 && a.entities >= 4, JSON.stringify(a));
		const details = seededService().sourceDetails(A)!;
		assert.ok(details.figures.some((f) => f.text === '$1.4 trillion'));
		assert.ok(details.entities.some((e) => e.name === 'Foxconn'));
	});

	test('passage search finds a passage by a word, with a citation to insert', () => {
		const hits = seededService().searchPassages('Stargate');
		assert.equal(hits[0]?.key, C);
		assert.match(hits[0]!.text, /\$500 billion Stargate/);
		assert.equal(hits[0]!.citation, `[@${C}, ¶ 4]`);
	});

	test('sources that date the announcement differently are listed as a disagreement', () => {
		const list = seededService().disagreements();
		const dates = list.find((d) => d.statements.some((s) => s.figure.startsWith('November 20')) && d.statements.some((s) => s.figure.startsWith('November 21')));
		assert.ok(dates, JSON.stringify(list.map((d) => d.topic)));
	});
});
