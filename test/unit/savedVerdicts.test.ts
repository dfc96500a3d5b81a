/**
 * A note's verdicts saved at the end of one session and read back by the next, which restores the
 * same corpus from its snapshot: the note then shows what it showed (diagnostics, hovers, quick
 * fixes) without being weighed again, until a source changes. Verdicts that do not fit the
 * corpus are refused whole.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as v8 from 'node:v8';
import { createLanguageService, type CorpusSnapshot, type ILanguageService, type SavedVerdicts } from '../../server/src/service';
import { FOLDER, note, seedTexts } from './util';

const uri = (key: string) => `${FOLDER}/sources/${key}.md`;
const seeds = [...seedTexts()].map(([key, text]) => ({ key, text }));

const make = (): ILanguageService => {
	const s = createLanguageService();
	s.setFolders([FOLDER]);
	return s;
};

/** A service that read the seeds one by one, and one restored from its snapshot (after a trip through the serializer, as from the file). */
function pair(): { cold: ILanguageService; warm: () => ILanguageService } {
	const cold = make();
	for (const s of seeds) cold.setSource(uri(s.key), s.text);
	const parts = cold.snapshot(FOLDER)!;
	const corpus = v8.serialize(parts.corpus);
	const sources = Array.from({ length: parts.count }, (_, i) => v8.serialize(parts.source(i)));
	const texts = parts.uris.map((u) => seeds.find((s) => uri(s.key) === u)!.text);
	return {
		cold,
		warm: () => {
			const w = make();
			w.restore(FOLDER, { ...(v8.deserialize(corpus) as CorpusSnapshot), sources: sources.map((b) => v8.deserialize(b) as CorpusSnapshot['sources'][number]) }, texts);
			return w;
		},
	};
}

const { doc } = note(
	[
		`Altman plans to invest $1.9 trillion in 30 gigawatts of computing power [@${seeds[0]!.key}].`,
		'',
		'Stargate is a $500 billion initiative, and Foxconn said it would spend $10 billion.',
	].join('\n'),
);

/** Through the serializer, as the file goes. */
const trip = (saved: SavedVerdicts | undefined): SavedVerdicts => {
	assert.ok(saved, 'verdicts to save');
	return v8.deserialize(v8.serialize(saved)) as SavedVerdicts;
};

/** Every verdict of a kind made into "unsupported": what weighing the note never gives. */
function edited(saved: SavedVerdicts, kind: string): number {
	let n = 0;
	for (const note of saved.notes) {
		for (const [, claims] of note.sentences) {
			for (const c of claims) if (c.verdict.kind === kind) (c.verdict = { kind: 'unsupported', figure: c.verdict.figure, cited: true }), n++;
		}
	}
	return n;
}

const codes = (s: ILanguageService) => s.getDiagnostics(doc).map((d) => d.code);

describe('saved verdicts', () => {
	test('read back by a service restored from the same snapshot, the note shows the same: diagnostics, hovers, quick fixes', () => {
		const { cold, warm } = pair();
		const diagnostics = cold.getDiagnostics(doc);
		assert.ok(diagnostics.some((d) => d.code === 'figure-mismatch'), JSON.stringify(diagnostics));
		const saved = trip(cold.savedVerdicts(FOLDER, [doc.uri]));
		assert.equal(saved.notes.length, 1);
		assert.equal(saved.notes[0]!.uri, doc.uri);
		const w = warm();
		assert.equal(w.restoreVerdicts(FOLDER, saved), 1);
		assert.deepEqual(w.getDiagnostics(doc), diagnostics);
		for (let line = 0; line < doc.lineCount; line += 2) {
			for (let character = 0; character < 90; character += 2) {
				const position = { line, character };
				assert.deepEqual(w.getHover(doc, position), cold.getHover(doc, position), `hover at ${line}:${character}`);
			}
		}
		const range = { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } };
		assert.deepEqual(w.getCodeActions(doc, range, diagnostics), cold.getCodeActions(doc, range, diagnostics));
	});

	test('what the note shows is what was read back, not weighed again; until a source changes', () => {
		const { cold, warm } = pair();
		cold.getDiagnostics(doc);
		const saved = trip(cold.savedVerdicts(FOLDER, [doc.uri]));
		assert.ok(edited(saved, 'mismatch') > 0);
		const w = warm();
		w.restoreVerdicts(FOLDER, saved);
		assert.ok(!codes(w).includes('figure-mismatch'), 'the edited verdict shows: the note was not weighed again');
		// a source changed: the verdicts are of another corpus, and the note is weighed
		w.setSource(uri('added'), 'A source added later says nothing of Altman.');
		assert.ok(codes(w).includes('figure-mismatch'));
	});

	test("the note's parse comes back with its verdicts, used when the note opens with the same text", () => {
		const { cold, warm } = pair();
		const diagnostics = cold.getDiagnostics(doc);
		const saved = trip(cold.savedVerdicts(FOLDER, [doc.uri]));
		const read = saved.notes[0]!.read;
		assert.ok(read);
		assert.equal(read.text, doc.getText());
		// the parse read back is what the note is read as: without its first paragraph, that paragraph's findings go
		read.parsed.paragraphs.shift();
		const w = warm();
		w.restoreVerdicts(FOLDER, saved);
		const shown = w.getDiagnostics(doc);
		assert.ok(shown.length < diagnostics.length && shown.every((d) => d.range.start.line > 0), JSON.stringify(shown));
		// another text is parsed anew
		const w2 = warm();
		w2.restoreVerdicts(FOLDER, saved);
		const edited = { uri: doc.uri, version: 2, getText: () => `${doc.getText()}\n` };
		assert.deepEqual(w2.getDiagnostics(edited), cold.getDiagnostics(edited));
	});

	test('a note read since the restore keeps its own verdicts', () => {
		const { cold, warm } = pair();
		cold.getDiagnostics(doc);
		const saved = trip(cold.savedVerdicts(FOLDER, [doc.uri]));
		edited(saved, 'mismatch');
		const w = warm();
		const own = w.getDiagnostics(doc);
		assert.equal(w.restoreVerdicts(FOLDER, saved), 0);
		assert.deepEqual(w.getDiagnostics({ uri: doc.uri, version: doc.version + 1, getText: () => doc.getText() }), own);
	});

	test('only the notes asked for, and only verdicts of the corpus as it is, are saved', () => {
		const { cold } = pair();
		assert.equal(cold.savedVerdicts(FOLDER, [doc.uri]), undefined, 'no note read yet');
		cold.getDiagnostics(doc);
		const other = { uri: `${FOLDER}/notes/closed.md`, version: 1, getText: () => doc.getText() };
		cold.getDiagnostics(other);
		assert.deepEqual(cold.savedVerdicts(FOLDER, [doc.uri, `${FOLDER}/notes/never-read.md`])?.notes.map((n) => n.uri), [doc.uri]);
		assert.equal(cold.savedVerdicts(FOLDER, []), undefined);
		cold.setSource(uri('added'), 'A source added later.');
		assert.equal(cold.savedVerdicts(FOLDER, [doc.uri]), undefined, "the note's verdicts are of the corpus before the change");
	});

	test('verdicts that do not fit the corpus are refused whole: a source it lacks, a figure its source lacks, data of another shape', () => {
		const { cold, warm } = pair();
		cold.getDiagnostics(doc);
		const other = { uri: `${FOLDER}/notes/other.md`, version: 1, getText: () => doc.getText() };
		cold.getDiagnostics(other);
		const saved = trip(cold.savedVerdicts(FOLDER, [doc.uri, other.uri]));
		assert.equal(saved.notes.length, 2);
		const refused = (change: (s: SavedVerdicts) => unknown, message: RegExp) => {
			const s = trip(saved);
			change(s);
			const w = warm();
			assert.throws(() => w.restoreVerdicts(FOLDER, s), message);
			// none taken: both notes are weighed afresh
			assert.deepEqual(w.getDiagnostics(doc), cold.getDiagnostics(doc));
		};
		refused((s) => (s.sources[0] = uri('gone')), /no source/);
		refused((s) => {
			for (const n of s.notes) for (const [, claims] of n.sentences) for (const c of claims) for (const e of c.evidence) e[1] = 99999;
		}, /a figure the sources lack/);
		refused((s) => ((s.notes[1]!.sentences.find(([, c]) => c.length)![1][0] as { input: unknown }).input = {}), /another shape/);
		refused((s) => ((s as { sources: unknown }).sources = 'none'), /not saved verdicts/);
		refused((s) => ((s.notes[0]!.read as { parsed: unknown }).parsed = { paragraphs: 'none' }), /a reading of another shape/);
	});
});
