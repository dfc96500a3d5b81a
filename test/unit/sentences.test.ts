import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences } from '../../server/src/service/extract/sentences';

const split = (text: string, start?: number, end?: number): string[] =>
	splitSentences(text, start, end).map((s) => text.slice(s.start, s.end));

test('splits at . ? ! and keeps the punctuation', () => {
	assert.deepEqual(split('Sales rose. Did costs fall? Yes! They did.'), ['Sales rose.', 'Did costs fall?', 'Yes!', 'They did.']);
});

test('abbreviations before names and numbers do not end sentences', () => {
	const cases = [
		'The U.S. economy grew 2% in Nov. 2024.',
		'Mr. Smith met Dr. Jones on St. Patrick’s Day.',
		'Apple Inc. said it would invest.',
		'Hon Hai Precision Industry Co. Ltd. reported results.',
		'Acme Corp. and Foo Ltd. merged.',
		'Some metals, e.g. copper, rose; others, i.e. tin, fell.',
		'It was Apple vs. Samsung again.',
		'The No. 2 supplier shipped in Jan. 3 and Dec. 12 batches.',
	];
	for (const text of cases) assert.deepEqual(split(text), [text], text);
});

test('decimals and initials stay inside the sentence', () => {
	assert.deepEqual(split('Revenue reached $1.4 trillion, said Young L. Liu. Margins were 3.5%.'), [
		'Revenue reached $1.4 trillion, said Young L. Liu.',
		'Margins were 3.5%.',
	]);
});

test('a company suffix or initialism ends a sentence when a sentence-opening word follows', () => {
	assert.deepEqual(split('The unit was sold to Acme Inc. The deal closed in May.'), [
		'The unit was sold to Acme Inc.',
		'The deal closed in May.',
	]);
	assert.deepEqual(split('Output moved to the U.S. It doubled.'), ['Output moved to the U.S.', 'It doubled.']);
});

test('closing quotes and brackets after the period belong to the sentence', () => {
	assert.deepEqual(split('“We will build it,” he said. “It is done.” Then he left.'), [
		'“We will build it,” he said.',
		'“It is done.”',
		'Then he left.',
	]);
	assert.deepEqual(split('Costs rose (as expected.) Sales fell.'), ['Costs rose (as expected.)', 'Sales fell.']);
});

test('a lower-case word after ? ! or an ellipsis continues the sentence', () => {
	assert.deepEqual(split('"Why?" he asked. Wait... and then it fell. It fell... Then it rose.'), [
		'"Why?" he asked.',
		'Wait... and then it fell.',
		'It fell...',
		'Then it rose.',
	]);
	assert.deepEqual(split('Prices… Demand rose.'), ['Prices…', 'Demand rose.']);
});

test('a single line break is a space; a blank line ends the sentence', () => {
	assert.deepEqual(split('Revenue rose\nsharply. Costs\n\nfell too'), ['Revenue rose\nsharply.', 'Costs', 'fell too']);
});

test('offsets are into the whole text and exclude surrounding whitespace', () => {
	const text = 'Intro.   First one.  Second one.   Tail.';
	const start = text.indexOf('First') - 2;
	const end = text.indexOf('Tail') - 1;
	const got = splitSentences(text, start, end);
	assert.deepEqual(got.map((s) => text.slice(s.start, s.end)), ['First one.', 'Second one.']);
	assert.equal(got[0]!.start, text.indexOf('First'));
	assert.deepEqual(splitSentences('   \n  '), []);
	assert.deepEqual(splitSentences(text, 5, 5), []);
});

test('text without end punctuation is one sentence', () => {
	assert.deepEqual(split('  Revenue: $5 billion  '), ['Revenue: $5 billion']);
});

test('non-Latin text, emoji and combining marks do not break it', () => {
	assert.deepEqual(split('Ventes 👍🏽 en hausse. Le café\u0301 a fermé. مرحبا بالعالم. 売上は増えた。'), [
		'Ventes 👍🏽 en hausse.',
		'Le café\u0301 a fermé.',
		'مرحبا بالعالم.',
		'売上は増えた。',
	]);
});

test('splits news prose at many MB/s (generous guard; see the figure printed)', () => {
	const para = 'Foxconn Technology Co. said on Nov. 21 that Young L. Liu expects $1.4 trillion in U.S. sales. "It is done," he said. Will it last? Analysts, e.g. Ms. Chen, doubt it... Shares fell 3.5%.\n';
	const text = para.repeat(Math.ceil(4_000_000 / para.length));
	splitSentences(text.slice(0, 100_000)); // warm up
	const t0 = performance.now();
	const n = splitSentences(text).length;
	const ms = performance.now() - t0;
	const mbps = text.length / 1e6 / (ms / 1000);
	console.log(`splitSentences: ${(text.length / 1e6).toFixed(1)} MB, ${n} sentences, ${ms.toFixed(0)} ms, ${mbps.toFixed(0)} MB/s`);
	assert.equal(n, (text.length / para.length) * 5);
	assert.ok(mbps > 5, `${mbps} MB/s`);
});
