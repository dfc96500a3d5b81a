/**
 * The indexer worker's warm-up sources (server/src/indexer/warmUp.ts): they are worth running only
 * if they show the extraction what real sources do, and running them must change nothing the
 * worker makes afterwards.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WARM_UP_SOURCES, warmUpExtraction } from '../../server/src/indexer/warmUp';
import { buildRecord } from '../../server/src/service';

const records = WARM_UP_SOURCES.map((text, i) => buildRecord(`file:///warm-up/${i}.md`, text));

test('the warm-up sources hold figures of every kind and shape', () => {
	const figures = records.flatMap((r) => r.source.figures);
	for (const kind of ['money', 'percent', 'quantity', 'count', 'date'] as const) assert.ok(figures.filter((f) => f.kind === kind).length >= 5, `few ${kind} figures`);
	// the four shapes of a figure: with a range's upper bound or not, hedged or not
	assert.ok(figures.some((f) => f.high !== undefined && f.kind !== 'date'), 'no range');
	assert.ok(figures.some((f) => f.qualifier !== undefined), 'no hedged figure');
	assert.ok(figures.some((f) => f.high !== undefined && f.qualifier !== undefined) || figures.some((f) => f.kind === 'date' && f.qualifier !== undefined), 'no hedged range');
	assert.ok(new Set(figures.filter((f) => f.kind === 'money').map((f) => f.unit)).size >= 3, 'money in fewer than three currencies');
});

test('the warm-up sources hold names of every kind, in one-byte and two-byte text', () => {
	const names = records.flatMap((r) => r.names.candidates);
	assert.ok(names.length >= 60, `${names.length} candidate names`);
	assert.ok(names.some((c) => c.group !== undefined), 'no headline in capitals');
	assert.ok(names.some((c) => c.votes && c.votes[1] > 0), 'no person by context');
	assert.ok(names.some((c) => c.votes && c.votes[0] > 0), 'no place or organization by context');
	assert.ok(records.some((r) => r.names.links.some((l) => l.kind === 'alias')), 'no alias ("also known as")');
	assert.ok(records.some((r) => r.names.links.some((l) => l.kind === 'surname')), 'no surname after its full name');
	assert.ok(records.some((r) => r.names.pairs.length > 0), 'no pair ("X and Y")');
	// V8 keeps text of Latin-1 characters in one byte each, other text in two: the optimized code checks which
	const twoByte = (t: string) => [...t].some((ch) => ch.codePointAt(0)! > 0xff);
	assert.ok(WARM_UP_SOURCES.some(twoByte) && WARM_UP_SOURCES.some((t) => !twoByte(t)), 'not both kinds of string');
	assert.ok(WARM_UP_SOURCES.some((t) => t.startsWith('---\n')) && WARM_UP_SOURCES.some((t) => !t.startsWith('---\n')), 'not both with and without front matter');
});

test('warming up changes nothing the extraction makes afterwards', () => {
	const text = 'Contoso Ltd. said on March 3, 2024 that sales rose 12% to $4.5 billion. Its chief, Ana Ruiz, hired 300 people; Ruiz said Contoso would grow.\n';
	const before = buildRecord('file:///ws/a.md', text);
	for (let round = 0; round < 2 * WARM_UP_SOURCES.length; round++) warmUpExtraction(round);
	assert.deepEqual(buildRecord('file:///ws/a.md', text), before);
});
