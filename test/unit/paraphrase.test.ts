/**
 * Paraphrased claims about the seeds, written apart from the development claims: the same value in
 * other words must stay quiet; another value for the same claim must be a warning on that figure.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KEYS, note, seededService } from './util';

const [A, B, C, D] = KEYS as [string, string, string, string, string];

const cases: Array<[string, string]> = [
 [`Foxconn's profit in the third quarter rose 17% [@${B}].`, 'ok'],
 [`Foxconn's profit in the third quarter rose 27% [@${B}].`, '27%'],
 [`OpenAI committed $1 trillion to infrastructure deals in 2025 [@${C}].`, 'ok'],
 [`OpenAI committed $2 trillion to infrastructure deals in 2025 [@${C}].`, '$2 trillion'],
 [`Broadcom will help deploy 12 gigawatts of accelerators [@${D}].`, '12 gigawatts'],
 [`Deployment of the racks begins in late 2026 [@${D}].`, 'ok'],
 [`Deployment of the racks begins in early 2027 [@${D}].`, 'early 2027'],
 [`Shares of Hon Hai have climbed 25% this year [@${B}].`, 'ok'],
 [`Shares of Hon Hai have climbed 40% this year [@${B}].`, '40%'],
 [`The Stargate initiative is a $600 billion project [@${C}].`, '$600 billion'],
 [`The partnership was announced on November 22, 2025 [@${A}].`, 'November 22, 2025'],
 [`The 30 GW plan equals the power use of 25 million homes [@${A}].`, 'ok'],
 [`Altman's plan: $1.4 trillion for 30 gigawatts [@${A}; @${B}].`, 'ok'],
 [`Oracle's deal with OpenAI is worth $300 billion, and Stargate $500 billion [@${C}].`, 'ok'],
 [`Oracle's deal with OpenAI is worth $300 billion, and Stargate $700 billion [@${C}].`, '$700 billion'],
 [`OpenAI expects annualized revenue of $20 billion this year [@${B}].`, 'ok'],
 [`OpenAI expects annualized revenue of $25 billion this year [@${B}].`, '$25 billion'],
 [`The racks will be deployed by the end of 2029 [@${D}].`, 'ok'],
 [`Sam Altman said the company would invest 1.4 trillion dollars [@${A}].`, 'ok'],
 [`Sam Altman said the company would invest 1.2 trillion dollars [@${A}].`, '1.2 trillion dollars'],
];

for (const [text, expected] of cases) {
	test(`${expected === 'ok' ? 'quiet' : `warns on ${expected}`}: ${text}`, () => {
		const n = note(text);
		const loud = seededService().getDiagnostics(n.doc).filter((d) => (d.severity ?? 1) <= 2);
		const spans = loud.map((d) => `${d.code}@${n.doc.getText(d.range)}`);
		if (expected === 'ok') assert.deepEqual(spans, []);
		else assert.ok(loud.some((d) => d.code === 'figure-mismatch' && n.doc.getText(d.range) === expected), spans.join(', '));
	});
}
