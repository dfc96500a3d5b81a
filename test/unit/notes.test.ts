import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNote } from '../../server/src/service/notes/parse';
import type { Citation, NoteSentence, ParsedNote } from '../../server/src/service/types';

const keys = (note: ParsedNote): string[] => note.citations.map((c) => c.key);
const sentences = (note: ParsedNote): NoteSentence[] => note.paragraphs.flatMap((p) => p.sentences);
const sentenceTexts = (text: string, note: ParsedNote): string[] => sentences(note).map((s) => text.slice(s.start, s.end));
const only = (text: string): Citation => {
	const note = parseNote(text);
	assert.equal(note.citations.length, 1, `one citation in ${JSON.stringify(text)}: ${keys(note).join(', ')}`);
	return note.citations[0]!;
};

test('[@key]: key range without @, item range with @, group range with brackets', () => {
	const text = 'Revenue rose 5% [@reuters-2025].';
	const c = only(text);
	assert.equal(c.key, 'reuters-2025');
	assert.equal(text.slice(c.keyStart, c.keyEnd), 'reuters-2025');
	assert.equal(text.slice(c.start, c.end), '@reuters-2025');
	assert.equal(text.slice(c.group!.start, c.group!.end), '[@reuters-2025]');
	assert.equal(c.suppressAuthor, false);
	assert.equal(c.locator, undefined);
});

test('[@a; @b]: one group, two citations sharing it', () => {
	const note = parseNote('Sales doubled [@a; @b].');
	assert.deepEqual(keys(note), ['a', 'b']);
	assert.equal(note.citations[0]!.group, note.citations[1]!.group);
	assert.equal(sentences(note)[0]!.citations.length, 2);
});

test('prefix and locators: [see @key, p. 3], [@key, ¶ 4], [@key, pp. 33-35], bare number, braces', () => {
	const cases: Array<[string, string, string, string, string]> = [
		// text, key, item as written, locator label, locator value
		['[see @doe99, p. 3]', 'doe99', 'see @doe99, p. 3', 'page', '3'],
		['[@doe99, ¶ 4]', 'doe99', '@doe99, ¶ 4', 'paragraph', '4'],
		['[@doe99, pp. 33-35 and *passim*]', 'doe99', '@doe99, pp. 33-35 and *passim*', 'page', '33-35'],
		['[@doe99, pp. 34-36, 38-39]', 'doe99', '@doe99, pp. 34-36, 38-39', 'page', '34-36, 38-39'],
		['[@doe99, 14]', 'doe99', '@doe99, 14', 'page', '14'],
		['[@doe99, sec. 2]', 'doe99', '@doe99, sec. 2', 'section', '2'],
		['[@doe99, l. 12]', 'doe99', '@doe99, l. 12', 'line', '12'],
		['[@doe99, chap. IV]', 'doe99', '@doe99, chap. IV', 'other', 'IV'],
		['[@doe99 {p. VI}]', 'doe99', '@doe99 {p. VI}', 'page', 'VI'],
	];
	for (const [text, key, item, label, value] of cases) {
		const c = only(`Claim ${text}.`);
		const full = `Claim ${text}.`;
		assert.equal(c.key, key, text);
		assert.equal(full.slice(c.start, c.end), item, text);
		assert.equal(c.locator?.label, label, text);
		assert.equal(c.locator?.value, value, text);
		assert.ok(full.slice(c.locator.start, c.locator.end).endsWith(value), text);
	}
});

test('[-@key] suppresses the author', () => {
	const c = only('Smith says so [-@smith04].');
	assert.equal(c.key, 'smith04');
	assert.equal(c.suppressAuthor, true);
});

test('narrative @key, with and without a bracketed locator', () => {
	const text = '@smith04 says costs fell, and @doe99 [p. 33] agrees.';
	const note = parseNote(text);
	assert.deepEqual(keys(note), ['smith04', 'doe99']);
	const [a, b] = note.citations;
	assert.equal(a!.group, undefined);
	assert.equal(text.slice(a!.start, a!.end), '@smith04');
	assert.equal(text.slice(b!.start, b!.end), '@doe99 [p. 33]');
	assert.deepEqual({ label: b!.locator?.label, value: b!.locator?.value }, { label: 'page', value: '33' });
});

test('keys follow Pandoc: start character, internal punctuation, trailing punctuation left out', () => {
	const key = (text: string): string[] => keys(parseNote(text));
	assert.deepEqual(key('See @Foo_bar.baz.'), ['Foo_bar.baz']);
	assert.deepEqual(key('See @Foo_bar--baz here.'), ['Foo_bar']);
	assert.deepEqual(key('Per [@2020report; @_draft; @ft:2025/11#3].'), ['2020report', '_draft', 'ft:2025/11#3']);
	assert.deepEqual(key('Per @doe99, sales rose; per @roe?'), ['doe99', 'roe']);
	assert.deepEqual(key('Not keys: [@-x] @.y [@]'), []);
	assert.deepEqual(key('Unicode: @müller2020 and @Ünal.'), ['müller2020', 'Ünal']);
});

test('braced keys @{...} keep what simple keys cannot hold', () => {
	const text = 'As [@{https://example.com/bib?name=foobar&date=2000}, p. 33] and @{Foo_bar.baz.} say.';
	const note = parseNote(text);
	assert.deepEqual(keys(note), ['https://example.com/bib?name=foobar&date=2000', 'Foo_bar.baz.']);
	const [a, b] = note.citations;
	assert.equal(text.slice(a!.keyStart, a!.keyEnd), a!.key);
	assert.equal(a!.locator?.value, '33');
	assert.equal(text.slice(b!.start, b!.end), '@{Foo_bar.baz.}');
	assert.equal(text.slice(b!.keyStart - 1, b!.keyEnd + 1), '{Foo_bar.baz.}');
});

test('a bracketed citation is found even when a link definition turns it into a link reference', () => {
	const note = parseNote('Sales rose [@smith].\n\n[@smith]: https://example.com\n');
	assert.deepEqual(keys(note), ['smith']);
});

test('inline code is excluded but the citation after it counts', () => {
	const text = 'The plan costs `$5 trillion` [@A].';
	const note = parseNote(text);
	assert.deepEqual(keys(note), ['A']);
	assert.ok(note.excluded.some((r) => text.slice(r.start, r.end) === '`$5 trillion`'));
	assert.equal(sentences(note)[0]!.prose.includes('$5'), false);
	assert.deepEqual(sentences(note)[0]!.citations.map((c) => c.key), ['A']);
});

test('fenced code, HTML, link URLs, autolinks and e-mail addresses hold no citations', () => {
	const text = [
		'```',
		'grep [@X] costs $5 @Y',
		'```',
		'',
		'<div data-cite="[@H]">@H2</div>',
		'',
		'Read <!-- [@Z] --> [the report](http://x.org/@key "t @k2") or <https://x.org/@k3>.',
		'Mail someone@example.com or www.example.com/@k4 today.',
	].join('\n');
	const note = parseNote(text);
	assert.deepEqual(keys(note), []);
	const excluded = note.excluded.map((r) => text.slice(r.start, r.end));
	assert.ok(excluded.includes('```\ngrep [@X] costs $5 @Y\n```'), excluded.join(' | '));
	assert.ok(excluded.includes('<!-- [@Z] -->'));
	assert.ok(excluded.includes('(http://x.org/@key "t @k2")'));
	assert.ok(excluded.includes('<https://x.org/@k3>'));
	assert.ok(excluded.includes('someone@example.com'));
	// the link's text stays prose; its URL does not
	const read = sentences(note).find((s) => text.slice(s.start, s.end).startsWith('Read'))!;
	assert.match(read.prose, /the report/);
	assert.doesNotMatch(read.prose, /http|@/);
});

test('an escaped @ or bracket is text', () => {
	assert.deepEqual(keys(parseNote('Write to \\@support or see \\[note].')), []);
});

test('front matter is parsed, excluded, and never cited from', () => {
	const text = '---\ntitle: Notes on @fake\ndate: 2025-11-21\ntags: [a, b]\n---\nRevenue rose 5% [@A].\n';
	const note = parseNote(text);
	assert.deepEqual(note.frontMatter, { title: 'Notes on @fake', date: '2025-11-21', tags: ['a', 'b'] });
	assert.deepEqual(keys(note), ['A']);
	assert.equal(text.slice(note.excluded[0]!.start, note.excluded[0]!.end), '---\ntitle: Notes on @fake\ndate: 2025-11-21\ntags: [a, b]\n---');
	assert.equal(parseNote('---\n: : [\n---\nText.').frontMatter, undefined);
	assert.equal(parseNote('No front matter.').frontMatter, undefined);
});

test('citeAt is just before the final punctuation', () => {
	const at = (text: string): number => sentences(parseNote(text))[0]!.citeAt;
	assert.equal(at('Revenue rose 5%.'), 'Revenue rose 5%'.length);
	assert.equal(at('Did revenue rise 5%?!'), 'Did revenue rise 5%'.length);
	assert.equal(at('Revenue rose 5% [@A].'), 'Revenue rose 5% [@A]'.length);
	assert.equal(at('Revenue rose 5%'), 'Revenue rose 5%'.length);
	assert.equal(at('Revenue rose 5%   '), 'Revenue rose 5%'.length);
	assert.equal(at('Revenue rose *5%*.'), 'Revenue rose *5%*'.length);
	// after a closing quote, where a citation reads naturally: `"... 5%." [@key]`
	assert.equal(at('He said "revenue rose 5%."'), 'He said "revenue rose 5%."'.length);
	const text = 'First claim 5%. Second claim 6%. [@B]';
	const [, second] = sentences(parseNote(text));
	assert.equal(second!.citeAt, text.indexOf('6%.') + 2);
});

test('prose keeps offsets and blanks code, HTML, URLs, markup, footnote references and citations', () => {
	const text = 'Costs **fell** `$3` <b>to</b> $4 [@A, p. 12] per [unit](http://u.org/9), @B said.[^1]\n\n[^1]: Note.';
	const s = sentences(parseNote(text))[0]!;
	assert.equal(s.prose.length, s.end - s.start);
	assert.equal(s.prose, 'Costs   fell           to     $4             per  unit                 ,    said.    ');
	for (let i = 0; i < s.prose.length; i++) {
		if (s.prose[i] !== ' ') assert.equal(s.prose[i], text[s.start + i]);
	}
});

test('prose drops blockquote markers and escape backslashes on wrapped lines', () => {
	const text = '> Revenue rose\n> to \\$5 billion [@A].';
	const s = sentences(parseNote(text))[0]!;
	assert.equal(text.slice(s.start, s.end), 'Revenue rose\n> to \\$5 billion [@A].');
	assert.equal(s.prose, 'Revenue rose\n  to  $5 billion     .');
});

test('a group before the period belongs to its sentence; after the period, to the sentence before', () => {
	const text = 'People consume more [@A]. Prices rose 5%.[@B] Costs fell 3%. [@C]';
	const note = parseNote(text);
	const ss = sentences(note);
	assert.deepEqual(ss.map((s) => s.citations.map((c) => c.key)), [['A'], ['B'], ['C']]);
	assert.deepEqual(sentenceTexts(text, note), ['People consume more [@A].', 'Prices rose 5%.[@B]', 'Costs fell 3%. [@C]']);
});

test('a narrative citation belongs to the sentence it opens', () => {
	const text = 'Costs fell 3%. @smith04 reports 5% growth.';
	const ss = sentences(parseNote(text));
	assert.deepEqual(ss.map((s) => s.citations.map((c) => c.key)), [[], ['smith04']]);
	assert.equal(text.slice(ss[1]!.start, ss[1]!.end), '@smith04 reports 5% growth.');
});

test('a footnote reference cites what its definition cites', () => {
	const text = 'Revenue rose 5%.[^1] Costs fell 2%.[^note]\n\n[^1]: Reuters, Nov. 21 [@reuters; @ft, p. 2].\n[^note]: See @bloomberg.\n';
	const note = parseNote(text);
	// every citation once, in order, at its place in the definition
	assert.deepEqual(keys(note), ['reuters', 'ft', 'bloomberg']);
	assert.ok(note.citations.every((c) => c.viaFootnote === undefined));
	const [first, second] = sentences(note);
	assert.deepEqual(first!.citations.map((c) => [c.key, c.viaFootnote]), [['reuters', '1'], ['ft', '1']]);
	assert.equal(first!.citations[1]!.locator?.value, '2');
	assert.equal(text.slice(first!.citations[0]!.keyStart, first!.citations[0]!.keyEnd), 'reuters');
	assert.deepEqual(second!.citations.map((c) => [c.key, c.viaFootnote]), [['bloomberg', 'note']]);
	// the definition's own sentence has its citations, unmarked
	const def = sentences(note).find((s) => text.slice(s.start, s.end).startsWith('Reuters'))!;
	assert.deepEqual(def.citations.map((c) => [c.key, c.viaFootnote]), [['reuters', undefined], ['ft', undefined]]);
});

test('an undefined footnote or one without citations adds nothing', () => {
	const note = parseNote('Revenue rose 5%.[^x] Costs fell.[^y]\n\n[^y]: Just a remark.\n');
	assert.deepEqual(sentences(note).map((s) => s.citations.length), [0, 0, 0]);
});

test('list items, blockquotes and table rows are paragraphs; headings are not but their citations count', () => {
	const text = [
		'# Outlook [@H]',
		'',
		'- Revenue rose 5% [@A].',
		'- Costs fell 2% [@B].',
		'',
		'> Margins were 30% [@C].',
		'',
		'| Metric | Value | Source |',
		'|---|---|---|',
		'| Revenue | $5B | [@D] |',
	].join('\n');
	const note = parseNote(text);
	assert.deepEqual(keys(note), ['H', 'A', 'B', 'C', 'D']);
	assert.deepEqual(sentenceTexts(text, note), [
		'Revenue rose 5% [@A].',
		'Costs fell 2% [@B].',
		'Margins were 30% [@C].',
		'Metric | Value | Source',
		'Revenue | $5B | [@D]',
	]);
	const row = sentences(note)[4]!;
	assert.deepEqual(row.citations.map((c) => c.key), ['D']);
	assert.equal(row.prose, 'Revenue   $5B       ');
	assert.equal(note.paragraphs.length, 5);
});

test('a paragraph splits into sentences with their own citations', () => {
	const text = 'Foxconn Technology Co. said on Nov. 21 that sales rose 5% [@A]. The U.S. plant cost $1.4 billion [@B; @C].';
	const note = parseNote(text);
	assert.deepEqual(sentences(note).map((s) => s.citations.map((c) => c.key)), [['A'], ['B', 'C']]);
});

test('note.citations are in document order with ranges inside the text', () => {
	const text = 'A [@a]. B @b.\n\n> C [see @c, p. 1; @d]\n\n[^1]: E @e.\n\nF.[^1]';
	const note = parseNote(text);
	assert.deepEqual(keys(note), ['a', 'b', 'c', 'd', 'e']);
	for (let i = 1; i < note.citations.length; i++) assert.ok(note.citations[i - 1]!.start < note.citations[i]!.start);
	for (const c of note.citations) assert.equal(text.slice(c.keyStart, c.keyEnd), c.key);
});

test('CRLF line endings keep offsets and front matter', () => {
	const text = '---\r\ntitle: T\r\n---\r\nRevenue rose 5% [@A].\r\n\r\n> Quoted\r\n> claim 6% [@B].\r\n';
	const note = parseNote(text);
	assert.deepEqual(note.frontMatter, { title: 'T' });
	assert.deepEqual(keys(note), ['A', 'B']);
	assert.deepEqual(sentenceTexts(text, note), ['Revenue rose 5% [@A].', 'Quoted\r\n> claim 6% [@B].']);
	assert.equal(sentences(note)[1]!.prose, 'Quoted\r\n  claim 6%     .');
});

test('emoji, combining marks and right-to-left text keep offsets straight', () => {
	const text = 'Ventes 👍🏽 en hausse de 5% [@café\u0301]. مبيعات @كتاب٢٠٢٠ ارتفعت. 👩‍👩‍👧 rose [@x].';
	const note = parseNote(text);
	assert.deepEqual(keys(note), ['café\u0301', 'كتاب٢٠٢٠', 'x']);
	for (const c of note.citations) assert.equal(text.slice(c.keyStart, c.keyEnd), c.key);
	for (const s of sentences(note)) assert.equal(s.prose.length, s.end - s.start);
});

test('pathological input neither throws nor goes quadratic', () => {
	const cases: Array<[string, string, number]> = [
		['[@ x 100,000', '[@'.repeat(100_000), 0],
		['@{ x 50,000', '@{'.repeat(50_000), 0],
		['[ x 50,000 then a group', '['.repeat(50_000) + ' [@late]', 1],
		['10,000 nested blockquotes', '>'.repeat(10_000) + ' deep claim [@deep].', 1],
		['5,000 nested list items', '- '.repeat(5_000) + 'deep claim [@deep].', 1],
		['1,000 lines of 1,000-deep quotes', (`${'> '.repeat(1_000)}line [@q]\n`).repeat(1_000), 1_000],
		['[^ x 50,000', '[^'.repeat(50_000), 0],
		['emoji, RTL and combining marks x 5,000', 'مبيعات 👍🏽 @كتاب ارتفعت e\u0301 [@x\u0301]. '.repeat(5_000), 10_000],
	];
	for (const [name, text, count] of cases) {
		const t0 = performance.now();
		const note = parseNote(text);
		const ms = performance.now() - t0;
		console.log(`${name}: ${ms.toFixed(0)} ms`);
		assert.equal(note.citations.length, count, name);
		assert.ok(ms < 15_000, `${name} took ${ms} ms`);
	}
	// deep nesting keeps the text as prose, not code
	const deep = parseNote('>'.repeat(10_000) + ' deep claim 5% [@deep].');
	assert.equal(sentences(deep).length, 1);
	assert.match(sentences(deep)[0]!.prose, /deep claim 5%/);
});

test('parses a 3,000-sentence note quickly (generous guard; see the figure printed)', () => {
	const para = [
		'Foxconn said on Nov. 21 that revenue rose 5% to $1.4 billion [@reuters-nov21, p. 3].',
		'The U.S. plant, run by Young L. Liu, employs **2,000** people (see `plant.csv`).',
		'@ft-2025 reports that margins fell to 30%.[^1]',
		'Prices rose [see @bloomberg; @wsj, pp. 4-5].',
		'Read the [filing](https://example.com/filing) for more.',
		'Mail ir@foxconn.com with questions.',
	].join(' ');
	const text = Array.from({ length: 500 }, () => para).join('\n\n') + '\n\n[^1]: FT, Nov. 20 [@ft-2025].\n';
	parseNote(text); // warm up
	const t0 = performance.now();
	const note = parseNote(text);
	const ms = performance.now() - t0;
	console.log(`parseNote: ${sentences(note).length} sentences, ${(text.length / 1e3).toFixed(0)} kB, ${ms.toFixed(0)} ms`);
	assert.equal(sentences(note).length, 3_001);
	assert.equal(note.citations.length, 500 * 4 + 1);
	assert.ok(ms < 5_000, `${ms} ms`);
});
