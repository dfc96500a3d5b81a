/**
 * Properties, over random input (fast-check): random Markdown and random text never make the
 * service throw; every range it returns lies inside its document; offsets and positions convert
 * both ways, as LSP counts them, for any Unicode; a figure written in any supported style reads as
 * the same value. A failure prints the seed and the shrunk counterexample to replay.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import { describeFigure, extractFigures, formatLike, sameValue } from '../../server/src/service/extract/figures';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { markdownTree, parseNote } from '../../server/src/service/notes/parse';
import { LineIndex } from '../../server/src/service/positions';
import type { Figure } from '../../server/src/service/types';
import { FOLDER, KEYS, seededService } from './util';

const RUNS = Number(process.env['GN_PROPERTY_RUNS'] ?? 200);

// --- random notes

/** Pieces of Markdown, Pandoc citations, figures and awkward Unicode that random notes are made of. */
const PIECES = [
	'# ', '## ', '> ', '>> ', '- ', '* ', '1. ', '  ', '    ', '\t', '\n', '\n\n', '\r\n', '\r', '```\n', '```', '~~~', '`', '*', '**', '_', '~~',
	'[', ']', '(', ')', '{', '}', '[@', '@', '-@', ';', ',', '\\', '!', '[^1]', '[^1]: ', '|', '| a | b |\n|---|---|\n', '---\n', '---\ntitle: x\n---\n',
	'<b>', '</b>', '<!--', '-->', '<http://x.y/1.4>', 'http://example.com/$5', '[link](http://x.y "t")', '![img](a.png)', '&amp;', '&#36;',
	`[@${KEYS[0]}]`, `[@${KEYS[1]}, p. 3]`, `[see @${KEYS[2]} pp. 33-35; -@${KEYS[3]}]`, `@${KEYS[4]} [p. 4]`, '[@nope]', '@{https://x.y}',
	'$1.4 trillion', '$2 trillion', '1.4 trillion dollars', 'US$300bn', '30 gigawatts', '25%', '25 per cent', '10-12 GW', 'about $5 million',
	'November 20', 'Q3 2025', 'this year', '1,400', '0.5', '1e10', '9'.repeat(40),
	'Stargate', 'OpenAI', 'Sam Altman', 'Nvidia', 'Foxconn',
	'😀', '👩‍👩‍👧‍👦', 'e\u0301', 'שלום', 'مرحبا', '\u200b', '\u00a0', '\ufeff', '\ud800', '\udc00', '𝐀', '\u2028', '. ', '? ', '! ', '…',
];

const piece = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
const markdown = fc.array(piece, { maxLength: 60 }).map((xs) => xs.join(''));

/** A position anywhere, including past the end of a line or of the text, as careless clients send. */
const positionIn = (text: string) => {
	const lines = text.split(/\r\n|\r|\n/).length;
	return fc.record({ line: fc.integer({ min: 0, max: lines + 1 }), character: fc.integer({ min: 0, max: 200 }) });
};

function lineLength(doc: TextDocument, line: number): number {
	const start = doc.offsetAt({ line, character: 0 });
	const next = line + 1 < doc.lineCount ? doc.offsetAt({ line: line + 1, character: 0 }) : doc.getText().length;
	return doc.getText().slice(start, next).replace(/\r?\n$|\r$/, '').length;
}

function assertInside(doc: TextDocument, r: Range | undefined, what: string): void {
	if (!r) return;
	const ok = (p: Position) => Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < doc.lineCount && p.character >= 0 && p.character <= lineLength(doc, p.line);
	assert.ok(ok(r.start) && ok(r.end), `${what}: ${JSON.stringify(r)} is outside the document (${doc.lineCount} lines)`);
	assert.ok(doc.offsetAt(r.start) <= doc.offsetAt(r.end), `${what}: ${JSON.stringify(r)} ends before it starts`);
}

let n = 0;
const docOf = (text: string): TextDocument => TextDocument.create(`${FOLDER}/notes/prop-${++n}.md`, 'markdown', 1, text);

describe('random notes never make the service throw', () => {
	test('parseNote: every citation, paragraph and sentence lies inside the text', () => {
		fc.assert(
			fc.property(markdown, (text) => {
				const parsed = parseNote(text);
				const within = (s: number, e: number, what: string) => assert.ok(s >= 0 && s <= e && e <= text.length, `${what} [${s}, ${e}) outside [0, ${text.length}]`);
				for (const c of parsed.citations) {
					within(c.start, c.end, 'citation');
					within(c.keyStart, c.keyEnd, 'citation key');
					assert.equal(text.slice(c.keyStart, c.keyEnd).length, c.key.length);
				}
				for (const p of parsed.paragraphs) {
					within(p.start, p.end, 'paragraph');
					for (const s of p.sentences) {
						within(s.start, s.end, 'sentence');
						assert.equal(s.prose.length, s.end - s.start, 'prose keeps offsets');
					}
				}
			}),
			{ numRuns: RUNS * 2 },
		);
	});

	test('diagnostics, code actions, code lenses, links, hover, completion and definition at random positions: ranges inside the note', () => {
		const s = seededService();
		fc.assert(
			fc.property(
				markdown.chain((text) => fc.tuple(fc.constant(text), fc.array(positionIn(text), { minLength: 1, maxLength: 4 }))),
				([text, positions]) => {
					const doc = docOf(text);
					const diags = s.getDiagnostics(doc);
					for (const d of diags) {
						assertInside(doc, d.range, `diagnostic ${String(d.code)}`);
						const data = d.data as { citeAt?: Position; groupEnd?: Position } | undefined;
						if (data?.citeAt) assertInside(doc, { start: data.citeAt, end: data.citeAt }, 'citeAt');
						if (data?.groupEnd) assertInside(doc, { start: data.groupEnd, end: data.groupEnd }, 'groupEnd');
					}
					const whole = { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) };
					for (const a of s.getCodeActions(doc, whole, diags)) {
						for (const edits of Object.values(a.edit?.changes ?? {})) for (const e of edits) assertInside(doc, e.range, `code action '${a.title}'`);
						// applying it must not throw either
						TextDocument.applyEdits(doc, a.edit?.changes?.[doc.uri] ?? []);
					}
					for (const l of s.getCodeLenses(doc)) assertInside(doc, l.range, 'code lens');
					for (const l of s.getDocumentLinks(doc)) assertInside(doc, l.range, 'document link');
					for (const p of positions) {
						const h = s.getHover(doc, p);
						assertInside(doc, h?.range, 'hover');
						const c = s.getCompletions(doc, p);
						for (const item of c.items) {
							const edit = item.textEdit;
							if (edit && 'range' in edit) assertInside(doc, edit.range, `completion '${item.label}'`);
							if (edit && 'insert' in edit) {
								assertInside(doc, edit.insert, `completion '${item.label}' insert`);
								assertInside(doc, edit.replace, `completion '${item.label}' replace`);
							}
						}
						s.getDefinition(doc, p);
					}
				},
			),
			{ numRuns: RUNS },
		);
	});

	test('random text of any Unicode (not Markdown-shaped) is fine too', () => {
		const s = seededService();
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.nat(400), (text, at) => {
				const doc = docOf(text);
				for (const d of s.getDiagnostics(doc)) assertInside(doc, d.range, 'diagnostic');
				const p = doc.positionAt(at);
				assertInside(doc, s.getHover(doc, p)?.range, 'hover');
				s.getCompletions(doc, p);
			}),
			{ numRuns: RUNS },
		);
	});
});

describe('the note parser leaves out only syntax a note cannot hold', () => {
	// what remark-gfm and remark-frontmatter give with every extension on
	const full = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']).freeze();
	const AUTOLINKS = ['www.example.com', 'WWW.x.y/a_b_c', 'https://x.y/a?b=1.', 'HTTP://X.Y', 'user.name+tag@example.org', 'a@b.co', 'a_b@c', 'x@', 'www.', '+++\ntitle = 1\n+++\n', '\ufeff---\n'];
	const piece = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PIECES, ...AUTOLINKS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });
	const text = fc.array(piece, { maxLength: 60 }).map((xs) => xs.join(''));

	test('markdownTree gives the tree that every extension on gives, for any note', () => {
		fc.assert(
			fc.property(text, (t) => {
				assert.deepEqual(markdownTree(t), full.parse(t));
			}),
			{ numRuns: RUNS * 5 },
		);
	});
});

describe('positions', () => {
	/** Text rich in line breaks of every kind and in surrogate pairs. */
	const text = fc.array(fc.oneof(fc.constantFrom('\n', '\r\n', '\r', '\r\r\n', '😀', 'é', 'e\u0301', 'ש', '\ud800', 'a', ' '), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 40 }).map((xs) => xs.join(''));

	test('offset → position agrees with vscode-languageserver-textdocument, and comes back to the same offset', () => {
		fc.assert(
			fc.property(text.chain((t) => fc.tuple(fc.constant(t), fc.integer({ min: 0, max: t.length }))), ([t, offset]) => {
				const lines = new LineIndex(t);
				const doc = TextDocument.create('file:///x.md', 'markdown', 1, t);
				const p = lines.position(offset);
				assert.deepEqual(p, doc.positionAt(offset));
				// an offset between the CR and LF of a CRLF is no position an editor can have
				const insideCrlf = t[offset - 1] === '\r' && t[offset] === '\n';
				if (!insideCrlf) assert.equal(lines.offset(p), offset);
			}),
			{ numRuns: RUNS * 5 },
		);
	});

	test('position → offset agrees with vscode-languageserver-textdocument for any position, past line ends too', () => {
		fc.assert(
			fc.property(text.chain((t) => fc.tuple(fc.constant(t), fc.record({ line: fc.integer({ min: -1, max: 50 }), character: fc.integer({ min: -1, max: 60 }) }))), ([t, p]) => {
				const doc = TextDocument.create('file:///x.md', 'markdown', 1, t);
				const expected = doc.offsetAt(p);
				assert.equal(new LineIndex(t).offset(p), expected);
				// and a valid position survives the round trip
				const q = doc.positionAt(expected);
				assert.deepEqual(new LineIndex(t).position(new LineIndex(t).offset(q)), q);
			}),
			{ numRuns: RUNS * 5 },
		);
	});
});

describe('a figure reads as the same value whatever its style', () => {
	/** `n` hundredths as a decimal: 140 → "1.4", 100 → "1". */
	const decimal = (hundredths: number): string => (hundredths / 100).toFixed(2).replace(/\.?0+$/, '');
	const grouped = (x: bigint): string => x.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

	function only(text: string): Figure {
		const all = extractFigures(`They said ${text} today.`, { referenceDate: '2025-11-20' });
		assert.equal(all.length, 1, `one figure in ${JSON.stringify(text)}: ${JSON.stringify(all.map((f) => f.text))}`);
		return all[0]!;
	}

	/** All the styles say the same value; the canonical description and a restyling of it do too. */
	function allSame(styles: string[]): void {
		const figures = styles.map(only);
		const first = figures[0]!;
		for (const [i, f] of figures.entries()) {
			assert.equal(f.kind, first.kind, styles[i]);
			assert.equal(f.unit, first.unit, styles[i]);
			assert.ok(Math.abs(f.value - first.value) <= 1e-9 * Math.abs(first.value), `${styles[i]} = ${f.value}, ${styles[0]} = ${first.value}`);
			assert.ok(sameValue(f, first) && sameValue(first, f), `${styles[i]} and ${styles[0]}`);
			// describing it and writing it in another figure's style keep the value
			const described = only(describeFigure(f));
			assert.ok(sameValue(described, f), `describeFigure(${styles[i]}) = ${describeFigure(f)}`);
			for (const style of [figures[(i + 1) % figures.length]!, figures[(i + 3) % figures.length]!]) {
				const restyled = formatLike(f, style);
				assert.ok(sameValue(only(restyled), f), `formatLike(${styles[i]}, like ${style.text}) = ${restyled}`);
			}
		}
	}

	const SCALES = [
		{ word: 'million', exp: 6, short: ['m', 'M', 'mn'] },
		{ word: 'billion', exp: 9, short: ['bn', 'B', 'billion'] },
		{ word: 'trillion', exp: 12, short: ['tn', 'T', 'trillion'] },
	] as const;

	test('money: $, US$, USD before or after, "dollars", bn/billion/B, thousands separators, all the digits', () => {
		fc.assert(
			fc.property(fc.integer({ min: 100, max: 99_999 }), fc.constantFrom(...SCALES), (hundredths, scale) => {
				const x = decimal(hundredths);
				const lower = SCALES.find((s) => s.exp === scale.exp - 3);
				const styles = [
					`$${x} ${scale.word}`,
					`US$${x} ${scale.word}`,
					`US$ ${x} ${scale.word}`,
					`USD ${x} ${scale.word}`,
					`${x} ${scale.word} USD`,
					`${x} ${scale.word} dollars`,
					`${x} ${scale.word} US dollars`,
					`$${x} ${scale.word.charAt(0).toUpperCase()}${scale.word.slice(1)}`,
					...scale.short.map((s) => `$${x}${s}`),
					`$${grouped(BigInt(hundredths) * 10n ** BigInt(scale.exp - 2))}`,
				];
				if (lower) styles.push(`$${grouped(BigInt(hundredths) * 10n)} ${lower.word}`, `${grouped(BigInt(hundredths) * 10n)} ${lower.word} dollars`);
				allSame(styles);
			}),
			{ numRuns: RUNS },
		);
	});

	test('percent: %, percent, per cent, pct', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 9_999 }), (hundredths) => {
				const x = decimal(hundredths);
				allSame([`${x}%`, `${x} %`, `${x} percent`, `${x} per cent`, `${x} pct`]);
			}),
			{ numRuns: RUNS },
		);
	});

	test('power: GW, gigawatts, glued, and the same in megawatts with separators', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 99_999 }), (hundredths) => {
				const x = decimal(hundredths);
				const mw = grouped(BigInt(hundredths) * 10n);
				allSame([`${x} GW`, `${x}GW`, `${x} gigawatts`, `${x} Gigawatts`, `${mw} MW`, `${mw} megawatts`]);
			}),
			{ numRuns: RUNS },
		);
	});
});
