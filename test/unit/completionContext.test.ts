import { test } from 'node:test';
import assert from 'node:assert/strict';
import { citationAt, citationCompletionContext } from '../../server/src/service/notes/completionContext';
import { parseNote } from '../../server/src/service/notes/parse';

const CURSOR = '$$CURSOR$$';

/** The context at the cursor marker, with the replaced range shown as text. */
function at(marked: string) {
	const offset = marked.indexOf(CURSOR);
	assert.ok(offset >= 0, 'no cursor marker');
	const text = marked.slice(0, offset) + marked.slice(offset + CURSOR.length);
	const ctx = citationCompletionContext(text, offset);
	return ctx && { ...ctx, replaced: text.slice(ctx.replaceStart, ctx.replaceEnd), offset };
}

test('after `[@` in a new group: empty prefix, group not closed yet', () => {
	const ctx = at(`Sources: [@${CURSOR}`);
	assert.ok(ctx);
	assert.equal(ctx.prefix, '');
	assert.equal(ctx.replaceStart, ctx.offset);
	assert.equal(ctx.replaceEnd, ctx.offset);
	assert.equal(ctx.inGroup, true);
	assert.equal(ctx.hasClosingBracket, false);
});

test('after `; @` in a closed group', () => {
	const ctx = at(`Sales rose [@a; @${CURSOR}].`);
	assert.ok(ctx);
	assert.equal(ctx.prefix, '');
	assert.equal(ctx.inGroup, true);
	assert.equal(ctx.hasClosingBracket, true);
	assert.deepEqual(
		{ ...at(`[@a; @${CURSOR}`), offset: 0, replaced: '' },
		{ prefix: '', replaceStart: 6, replaceEnd: 6, inGroup: true, hasClosingBracket: false, offset: 0, replaced: '' },
	);
});

test('narrative `@` at a word boundary, with digits typed', () => {
	const ctx = at(`As reported, see @00${CURSOR}`);
	assert.ok(ctx);
	assert.equal(ctx.prefix, '00');
	assert.equal(ctx.replaced, '00');
	assert.equal(ctx.inGroup, false);
	assert.equal(ctx.hasClosingBracket, false);
	assert.equal(at(`@${CURSOR}`)?.prefix, '');
	assert.equal(at(`(@sm${CURSOR}`)?.prefix, 'sm');
});

test('the replaced range covers the key on both sides of the cursor, not the locator', () => {
	const ctx = at(`Costs fell [see @reu${CURSOR}ters-2025, p. 3; @b].`);
	assert.ok(ctx);
	assert.equal(ctx.prefix, 'reu');
	assert.equal(ctx.replaced, 'reuters-2025');
	assert.equal(ctx.inGroup, true);
	assert.equal(ctx.hasClosingBracket, true);
	assert.equal(at(`See @smi${CURSOR}th.`)?.replaced, 'smith');
});

test('`[-@`, internal punctuation and braced keys', () => {
	assert.deepEqual(
		(({ prefix, inGroup }) => ({ prefix, inGroup }))(at(`Smith [-@smi${CURSOR}`)!),
		{ prefix: 'smi', inGroup: true },
	);
	assert.equal(at(`[@ft:2025/${CURSOR}`)?.prefix, 'ft:2025/');
	const braced = at(`[@{https://ex${CURSOR}ample.com/x}, p. 2]`);
	assert.ok(braced);
	assert.equal(braced.prefix, 'https://ex');
	assert.equal(braced.replaced, 'https://example.com/x');
	assert.equal(braced.hasClosingBracket, true);
});

test('no context in an e-mail address, plain text, inline code or after an escape', () => {
	assert.equal(at(`Mail x@y.com${CURSOR}`), undefined);
	assert.equal(at(`Mail x@${CURSOR}`), undefined);
	assert.equal(at(`Revenue rose 5%${CURSOR}`), undefined);
	assert.equal(at(`Run \`grep @fo${CURSOR}`), undefined);
	assert.equal(at(`Write \\@su${CURSOR}`), undefined);
	assert.equal(at(`Go to http://x.org/@u${CURSOR}`), undefined);
	assert.equal(at(`See @.${CURSOR}`), undefined);
	assert.equal(citationCompletionContext('abc', 10), undefined);
	assert.equal(at(`Text.\n\n\`\`\`sh\ngrep @fo${CURSOR}\n\`\`\`\n`), undefined);
	assert.equal(at(`---\nauthor: @fo${CURSOR}\n---\nText.`), undefined);
	assert.equal(at(`\`\`\`\ncode\n\`\`\`\n\nSee @fo${CURSOR}`)?.prefix, 'fo');
});

test('a group closed on another line does not count as closed', () => {
	const ctx = at(`Costs [@${CURSOR}\nNext line].`);
	assert.equal(ctx?.hasClosingBracket, false);
	const closedLater = at(`Costs [@a${CURSOR} [@b]`);
	assert.equal(closedLater?.hasClosingBracket, false);
});

test('citationAt finds the citation on its key, locator or group bracket', () => {
	const text = 'Sales rose [see @a, p. 3; @b] and @c [p. 4] agrees.';
	const note = parseNote(text);
	const key = (offset: number) => citationAt(note, offset)?.key;
	assert.equal(key(text.indexOf('@a') + 1), 'a');
	assert.equal(key(text.indexOf('p. 3') + 3), 'a');
	assert.equal(key(text.indexOf('[see')), 'a');
	assert.equal(key(text.indexOf('@b]') + 2), 'b'); // just past the key, on `]`
	assert.equal(key(text.indexOf('; @b') + 1), 'b'); // between items
	assert.equal(key(text.indexOf('@b]') + 3), undefined); // past the group
	assert.equal(key(text.indexOf('p. 4')), 'c');
	assert.equal(key(text.indexOf('Sales')), undefined);
	assert.equal(key(text.indexOf('agrees')), undefined);
	assert.equal(citationAt(parseNote('No citations.'), 3), undefined);
});
