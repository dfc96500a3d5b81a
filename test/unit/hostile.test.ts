/**
 * Hostile notes, in the service alone: inputs built to be slow, deep or absurd must come back with
 * an answer in bounded time, with ranges inside the note and positions on the right characters.
 * test/protocol/hostile.test.ts drives the same kinds of input (and hostile files) through the server.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { createLanguageService, readSettings, type ILanguageService } from '../../server/src/service';
import { extractFigures } from '../../server/src/service/extract/figures';
import { parseNote } from '../../server/src/service/notes/parse';
import { FOLDER, KEYS, note, SEEDS, seededService } from './util';

const A = KEYS[0]!;
const WRONG = `Sam Altman wants to spend $2 trillion on 30 gigawatts of compute [@${A}].`;

/** Runs `fn`, failing when it takes longer than `ms`; returns its result. */
function within<T>(ms: number, what: string, fn: () => T): T {
	const t = performance.now();
	const out = fn();
	const took = performance.now() - t;
	assert.ok(took < ms, `${what} took ${Math.round(took)} ms (limit ${ms})`);
	return out;
}

function inside(doc: TextDocument, r: Range): boolean {
	const last = doc.positionAt(doc.getText().length);
	const ok = (p: Range['start']) => p.line >= 0 && p.character >= 0 && (p.line < last.line || (p.line === last.line && p.character <= last.character)) && p.character <= lineLength(doc, p.line);
	return ok(r.start) && ok(r.end) && doc.offsetAt(r.start) <= doc.offsetAt(r.end);
}

function lineLength(doc: TextDocument, line: number): number {
	const start = doc.offsetAt({ line, character: 0 });
	const next = line + 1 < doc.lineCount ? doc.offsetAt({ line: line + 1, character: 0 }) : doc.getText().length;
	return doc.getText().slice(start, next).replace(/\r?\n$|\r$/, '').length;
}

/** Checks a note the way an editor would: diagnostics, then hover and completion in the middle and at the end. */
function exercise(s: ILanguageService, text: string, ms: number, what: string): Diagnostic[] {
	const { doc } = note(text);
	return within(ms, what, () => {
		const diags = s.getDiagnostics(doc);
		for (const d of diags) assert.ok(inside(doc, d.range), `${what}: diagnostic range ${JSON.stringify(d.range)} inside the note`);
		for (const at of [Math.floor(text.length / 2), text.length]) {
			const h = s.getHover(doc, doc.positionAt(at));
			if (h?.range) assert.ok(inside(doc, h.range), `${what}: hover range inside the note`);
			s.getCompletions(doc, doc.positionAt(at));
		}
		return diags;
	});
}

describe('deep nesting', () => {
	test('10,000 nested blockquotes on one line: the sentence inside is still checked', () => {
		const prefix = '>'.repeat(10_000) + ' ';
		const diags = exercise(seededService(), prefix + WRONG, 5_000, 'blockquotes');
		const m = diags.find((d) => d.code === 'figure-mismatch');
		assert.ok(m, 'the wrong figure is found');
		assert.deepEqual(m.range, { start: { line: 0, character: prefix.length + WRONG.indexOf('$2 trillion') }, end: { line: 0, character: prefix.length + WRONG.indexOf(' on 30') } });
	});

	test('10,000 nested list items on one line, and 10,000 numbered ones', () => {
		exercise(seededService(), '- '.repeat(10_000) + WRONG, 5_000, 'bullets');
		exercise(seededService(), '1. '.repeat(10_000) + WRONG, 5_000, 'numbered');
	});

	test('lists nested by indentation, a level a line, stay linear (1,000 levels parse in well under a second or two)', () => {
		const text = Array.from({ length: 1_000 }, (_, i) => `${'  '.repeat(i)}- item ${i} costs $5 billion`).join('\n');
		const parsed = within(5_000, '1,000 indented levels', () => parseNote(text));
		assert.ok(parsed.paragraphs.length > 0);
	});

	test('10,000 blockquote levels, a level a line, within the note size limit', () => {
		// `>` markers past the kept depth are flattened, so this is linear too
		const text = Array.from({ length: 10_000 }, (_, i) => `${'>'.repeat(Math.min(i + 1, 40))} line ${i}`).join('\n');
		within(10_000, '10,000 quote lines', () => parseNote(text));
	});
});

describe('absurd content', () => {
	test('`[@` 100,000 times: no citation, no crash, completion still offers keys at the end', () => {
		const s = seededService();
		const text = '[@'.repeat(100_000);
		const diags = exercise(s, text, 10_000, '[@ x 100,000');
		assert.deepEqual(diags, []);
		const { doc } = note(text);
		assert.equal(s.getCompletions(doc, doc.positionAt(text.length)).items.length, KEYS.length);
	});

	test('a number with 10,000 digits is no figure: no false warning, no Infinity in a message', () => {
		const huge = '9'.repeat(10_000);
		assert.deepEqual(extractFigures(`$${huge} billion`), []);
		assert.deepEqual(extractFigures(`${huge}%`), []);
		const diags = exercise(seededService(), `Altman wants $${huge} billion [@${A}].`, 5_000, 'huge number');
		assert.deepEqual(diags.filter((d) => d.code !== 'unsupported-figure'), []);
		assert.ok(!diags.some((d) => /Infinity|NaN/.test(String(d.message))));
		// a long but finite one still is
		assert.equal(extractFigures(`$${'9'.repeat(200)} billion`).length, 1);
	});
});

describe('positions in UTF-16 code units', () => {
	const cases: Array<[string, string]> = [
		['emoji (surrogate pairs, ZWJ sequences)', '👩‍👩‍👧‍👦 🚀🚀 '],
		['combining marks', 'Cafe\u0301 na\u0308ive Z\u0335\u0321a\u0337lgo\u0334 '],
		['right-to-left text', 'שלום עליכם مرحبا بالعالم '],
		['astral CJK and math letters', '𠜎𠜱𝐀𝐁 '],
	];
	for (const [what, prefix] of cases) {
		test(`${what} before a figure: the diagnostic and the hover land on the figure`, () => {
			const s = seededService();
			const text = `# Title ${prefix}\n\n${prefix}${WRONG}\n`;
			const { doc } = note(text);
			const m = s.getDiagnostics(doc).find((d) => d.code === 'figure-mismatch');
			assert.ok(m, 'the wrong figure is found');
			assert.equal(doc.getText(m.range), '$2 trillion');
			const mid = { line: m.range.start.line, character: m.range.start.character + 3 };
			const h = s.getHover(doc, mid);
			assert.ok(h?.range, 'a hover on the figure');
			assert.equal(doc.getText(h.range), '$2 trillion');
		});
	}

	for (const [what, eol] of [['CRLF', '\r\n'], ['lone CR', '\r'], ['mixed', '\n\r\n\r']] as const) {
		test(`${what} line endings: ranges count lines as editors do`, () => {
			const s = seededService();
			const text = ['# Notes', '', 'Intro line.', '', WRONG, ''].join(eol);
			const { doc } = note(text);
			const m = s.getDiagnostics(doc).find((d) => d.code === 'figure-mismatch');
			assert.ok(m);
			assert.equal(doc.getText(m.range), '$2 trillion');
		});
	}
});

describe('groundedNotes.maxNoteBytes', () => {
	function small(limit: number): { s: ILanguageService; warnings: string[] } {
		const warnings: string[] = [];
		const s = createLanguageService({ logger: { info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) } });
		s.setFolders([FOLDER]);
		s.configure(readSettings({ maxNoteBytes: limit }).settings);
		for (const f of fs.readdirSync(SEEDS).sort()) s.setSource(`${FOLDER}/seeds/${f}`, fs.readFileSync(path.join(SEEDS, f), 'utf8'));
		return { s, warnings };
	}

	test('a note over the limit has its citations checked, not its figures, and the log says so once', () => {
		const { s, warnings } = small(2_000);
		const text = `${'Filler text without figures. '.repeat(100)}\n\n${WRONG} Also [@no-such-key].\n`;
		const doc = TextDocument.create(`${FOLDER}/notes/large.md`, 'markdown', 1, text);
		const first = s.getDiagnostics(doc);
		assert.deepEqual(first.map((d) => d.code), ['unknown-citation']);
		assert.equal(doc.getText(first[0]!.range), 'no-such-key');
		const again = TextDocument.update(doc, [{ text: `${text}More.\n` }], 2);
		s.getDiagnostics(again);
		s.getHover(again, { line: 2, character: 30 });
		assert.equal(warnings.filter((w) => /maxNoteBytes/.test(w)).length, 1, warnings.join('\n'));
	});

	test('under the limit the same note is checked whole; the limit counts UTF-8 bytes', () => {
		const { s } = small(100_000);
		const doc = TextDocument.create(`${FOLDER}/notes/ok.md`, 'markdown', 1, WRONG);
		assert.ok(s.getDiagnostics(doc).some((d) => d.code === 'figure-mismatch'));
		// 600 three-byte characters are 1,800 bytes: over a 1,000-byte limit though only 600 code units
		const { s: s2 } = small(1_000);
		const cjk = TextDocument.create(`${FOLDER}/notes/cjk.md`, 'markdown', 1, `${'漢'.repeat(600)}\n\n${WRONG}`);
		assert.ok(!s2.getDiagnostics(cjk).some((d) => d.code === 'figure-mismatch'));
	});

	test('the default is sane, and a bad value falls back to it with a message', () => {
		const { settings, problems } = readSettings({ maxNoteBytes: 'huge' });
		assert.equal(settings.maxNoteBytes, 500_000);
		assert.match(problems.join(' '), /maxNoteBytes/);
		const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default: unknown; markdownDescription?: string }> } } };
		const prop = pkg.contributes.configuration.properties['groundedNotes.maxNoteBytes'];
		assert.equal(prop?.default, settings.maxNoteBytes);
		assert.ok(prop?.markdownDescription);
	});

	test('a 50 MB single-line note is answered in bounded time (citations only)', () => {
		const s = seededService();
		const text = `${'x'.repeat(50_000_000)} [@no-such-key]`;
		const diags = exercise(s, text, 15_000, '50 MB line');
		assert.deepEqual(diags.map((d) => [d.code, d.range.start.character]), [['unknown-citation', 50_000_003]]);
	});
});
