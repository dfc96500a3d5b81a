import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createLanguageService, DEFAULT_SETTINGS } from '../../server/src/service';
import { KEYS, note, seededService, seedTexts, serviceWith, textAt } from './util';

const [A, B, C, D] = KEYS as [string, string, string, string, string];
const msg = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

function check(text: string) {
	const { doc } = note(text);
	const diagnostics = seededService().getDiagnostics(doc);
	return { doc, diagnostics, loud: diagnostics.filter((d) => (d.severity ?? 1) <= 2), at: (d: Diagnostic) => textAt(doc, d.range) };
}

describe('figure checking on the seeds', () => {
	test('a figure the cited source states, worded differently, raises nothing', () => {
		for (const text of [
			`Altman plans to invest 1.4 trillion dollars to build 30 GW of computing power [@${A}].`,
			`The 30 gigawatts equal the power use of about 25 million American homes [@${A}].`,
			`Net profit in the July–September quarter reached $1.8 billion, a 17% rise [@${B}].`,
			`Foxconn's shares are up 25 percent this year [@${B}].`,
			`The Oracle contract is worth $300bn [@${C}].`,
			`The Broadcom chips add up to ten gigawatts [@${D}].`,
		]) {
			const { loud } = check(text);
			assert.deepEqual(loud.map((d) => msg(d)), [], text);
		}
	});

	test('a different value for the same claim is a figure-mismatch on the figure, naming the source value and quote', () => {
		const { diagnostics, at } = check(`Altman plans to invest $1.9 trillion to build 30 gigawatts of computing power [@${A}].`);
		const d = diagnostics.find((x) => x.code === 'figure-mismatch');
		assert.ok(d, JSON.stringify(diagnostics));
		assert.equal(at(d), '$1.9 trillion');
		assert.equal(d.severity, DiagnosticSeverity.Warning);
		assert.equal(d.source, 'grounded-notes');
		assert.match(msg(d), /^Sources say \$1\.4 trillion, not \$1\.9 trillion \(000_dad698e8bbde9b79: ".*\$1\.4 trillion.*"\)$/);
		assert.equal((d.data as { replacement: string }).replacement, '$1.4 trillion');
		assert.ok(d.relatedInformation?.[0]?.location.uri.endsWith(`${A}.txt`));
	});

	test('a figure split by emphasis (**$1.4** trillion) is read whole: right, it raises nothing; wrong, a mismatch without a fix that would break the markers', () => {
		for (const text of [
			`Altman plans to invest **$1.4** trillion to build 30 GW of computing power [@${A}].`,
			`Altman plans to invest $1.4 *trillion* to build 30 GW of computing power [@${A}].`,
			`Altman plans to invest __$1.4__ trillion to build **30** GW of computing power [@${A}].`,
		]) assert.deepEqual(check(text).loud.map((d) => msg(d)), [], text);
		const { diagnostics, at } = check(`Altman plans to invest **$1.9** trillion to build 30 GW of computing power [@${A}].`);
		const d = diagnostics.find((x) => x.code === 'figure-mismatch');
		assert.ok(d, JSON.stringify(diagnostics));
		assert.equal(at(d), '$1.9** trillion');
		assert.match(msg(d), /^Sources say \$1\.4 trillion, not \$1\.9 trillion /);
		assert.equal((d.data as { replacement?: string }).replacement, undefined);
	});

	test('a struck-out figure (~~$1.3 trillion~~) is what the writer took back: it is not checked, the figure after it is', () => {
		assert.deepEqual(check(`Altman plans to invest ~~$1.3 trillion~~ $1.4 trillion to build 30 GW of computing power [@${A}].`).loud.map((d) => msg(d)), []);
		const { diagnostics, at } = check(`Altman plans to invest ~~$1.4 trillion~~ $1.9 trillion to build 30 GW of computing power [@${A}].`);
		assert.deepEqual(diagnostics.filter((x) => x.code === 'figure-mismatch').map(at), ['$1.9 trillion']);
		// a citation struck out is not cited: the figure is then a sourced figure without one
		const uncited = check(`Altman plans to invest $1.4 trillion to build 30 GW of computing power ~~[@${A}]~~.`);
		assert.ok(uncited.diagnostics.some((x) => x.code === 'uncited-figure'), JSON.stringify(uncited.diagnostics));
	});

	test('a scale slip is caught (billion for trillion, 10x)', () => {
		const one = check(`Altman plans to invest $1.4 billion to build 30 gigawatts of computing power [@${A}].`);
		assert.equal(one.at(one.diagnostics.find((x) => x.code === 'figure-mismatch')!), '$1.4 billion');
		const two = check(`OpenAI signed a $3 billion deal with Oracle [@${C}].`);
		assert.ok(two.diagnostics.some((x) => x.code === 'figure-mismatch' && /\$300 billion/.test(msg(x))), JSON.stringify(two.diagnostics));
	});

	test('counts of the same thing disagree; the right figure of a sentence is quoted', () => {
		const homes = check(`That much power would supply some 40 million US homes [@${A}].`);
		const d = homes.diagnostics.find((x) => x.code === 'figure-mismatch');
		assert.ok(d, JSON.stringify(homes.diagnostics));
		assert.equal(homes.at(d), '40 million');
		assert.match(msg(d), /25 million/);
		const profit = check(`Foxconn's net profit for the period was $2.1 billion [@${B}].`);
		assert.match(msg(profit.diagnostics.find((x) => x.code === 'figure-mismatch')!), /Sources say \$1\.8 billion/);
	});

	test('the same number used for another claim is a mismatch (revenue given as the infrastructure sum)', () => {
		const { diagnostics, at } = check(`Altman said OpenAI's annualized revenue will surpass $1.4 trillion this year [@${B}].`);
		const d = diagnostics.find((x) => x.code === 'figure-mismatch');
		assert.ok(d, JSON.stringify(diagnostics));
		assert.equal(at(d), '$1.4 trillion');
		assert.match(msg(d), /\$20 billion/);
	});

	test('a figure the cited source lacks but another states is figure-not-in-cited-source, naming that source', () => {
		const { diagnostics, at } = check(`Altman expects annualized revenue above $20 billion this year [@${D}].`);
		const d = diagnostics.find((x) => x.code === 'figure-not-in-cited-source');
		assert.ok(d, JSON.stringify(diagnostics));
		assert.equal(at(d), '$20 billion');
		assert.equal(d.severity, DiagnosticSeverity.Warning);
		assert.match(msg(d), new RegExp(`@${B}`));
		assert.deepEqual((d.data as { keys: string[] }).keys, [B]);
	});

	test('a sourced figure without a citation is uncited-figure (information)', () => {
		const { diagnostics, at } = check('Stargate, with Oracle and SoftBank, is a $500 billion initiative.');
		const d = diagnostics.find((x) => x.code === 'uncited-figure');
		assert.ok(d, JSON.stringify(diagnostics));
		assert.equal(at(d), '$500 billion');
		assert.equal(d.severity, DiagnosticSeverity.Information);
		assert.deepEqual((d.data as { keys: string[] }).keys, [C]);
	});

	test('a figure no source states is unsupported-figure (hint), never a warning', () => {
		const { diagnostics, loud, at } = check('Foxconn runs 14 factories across Mexico.');
		assert.deepEqual(loud, []);
		const d = diagnostics.find((x) => x.code === 'unsupported-figure');
		assert.ok(d, JSON.stringify(diagnostics));
		assert.ok(at(d).startsWith('14'), at(d));
		assert.equal(d.severity, DiagnosticSeverity.Hint);
	});

	test('figures in code, and numbers in prose with no claim of the sources, raise no warning', () => {
		assert.deepEqual(check(`Run \`invest($9 trillion)\` in the notebook [@${A}].`).loud, []);
		assert.deepEqual(check('```\nOpenAI will invest $9 trillion [@x]\n```\n').diagnostics, []);
		assert.deepEqual(check(`Hon Hai builds most of Nvidia's AI servers [@${B}; @${C}].`).loud, []);
	});

	test('a narrative citation cites its sentence', () => {
		assert.deepEqual(check(`As @${B} reports, OpenAI's revenue should pass $20 billion this year.`).loud, []);
	});

	test('dates: the same period in other words is no mismatch', () => {
		assert.deepEqual(check(`Racks roll out from late 2026 and finish by 2029 [@${D}].`).loud, []);
	});
});

describe('unknown citations', () => {
	test('an unknown key is an error on the key, naming the closest keys', () => {
		const { diagnostics, at } = check('First reported by a wire service [@bloomberg-2025].');
		assert.equal(diagnostics.length, 1);
		const d = diagnostics[0]!;
		assert.equal(d.code, 'unknown-citation');
		assert.equal(d.severity, DiagnosticSeverity.Error);
		assert.equal(at(d), 'bloomberg-2025');
		assert.match(msg(d), /No source has the citation key 'bloomberg-2025'\. Did you mean @/);
	});

	test('a mistyped key suggests the key it resembles first', () => {
		const typo = `${A.slice(0, -1)}x`;
		const { diagnostics } = check(`As said [@${typo}].`);
		assert.equal((diagnostics[0]!.data as { suggestions: string[] }).suggestions[0], A);
	});

	test('no unknown-citation while sources are still being indexed', () => {
		const s = createLanguageService();
		s.setIndexing(true);
		assert.deepEqual(s.getDiagnostics(note('See [@later-key].').doc), []);
	});

	test('a note read while indexing, after the last source came in, is read again once indexing ends', () => {
		// as at a warm start: the snapshot restored (the corpus complete), the note opened and read
		// before the server leaves indexing mode; what it found then (figures, not weighed) must not
		// stand as the note's diagnostics afterwards
		const s = serviceWith(Object.fromEntries(seedTexts()));
		s.setIndexing(true);
		const { doc } = note(`Altman plans to invest $1.9 trillion to build 30 gigawatts of computing power [@${A}].`);
		assert.deepEqual(s.getDiagnostics(doc), [], 'nothing is said while indexing');
		s.setIndexing(false);
		const codes = s.getDiagnostics(doc).map((d) => d.code);
		assert.ok(codes.includes('figure-mismatch'), `diagnostics once indexing ended: ${codes.join(', ') || 'none'}`);
	});
});

describe('diagnostic settings', () => {
	test('a code can be turned off or given another severity', () => {
		const s = seededService();
		const text = `Altman plans to invest $1.9 trillion to build 30 gigawatts of computing power [@${A}]. See [@nokey].`;
		try {
			s.configure({ ...DEFAULT_SETTINGS, diagnostics: { 'figure-mismatch': 'off', 'unknown-citation': 'warning' } });
			const d = s.getDiagnostics(note(text).doc);
			assert.ok(!d.some((x) => x.code === 'figure-mismatch'));
			assert.equal(d.find((x) => x.code === 'unknown-citation')?.severity, DiagnosticSeverity.Warning);
		} finally {
			s.configure({ ...DEFAULT_SETTINGS });
		}
	});
});
