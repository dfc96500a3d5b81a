/**
 * The regression corpus: real sentences from the sources, copied into notes with their citation
 * (these must stay quiet) and with one figure altered (these must be caught). It measures the
 * checker's precision and recall on text it was not tuned on.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { extractFigures } from '../server/src/service/extract/figures';
import { splitSentences } from '../server/src/service/extract/sentences';
import type { ILanguageService } from '../server/src/service';
import { prng } from './sotu';

/** One line of a regression note. */
export interface RegressionClaim {
	text: string;
	/** `ok`: no warning or error; otherwise the code expected on `at`. */
	expect: 'ok' | 'figure-mismatch' | 'figure-not-in-cited-source';
	at?: string;
	key: string;
}

/** A figure's number changed so that no rounding can excuse it (×1.5, ÷2, or a scale word swapped). */
export function alterFigure(text: string, pick: number): string | undefined {
	const m = /\d[\d,]*(?:\.\d+)?/.exec(text);
	if (!m) return undefined;
	const raw = m[0];
	const n = Number(raw.replace(/,/g, ''));
	if (!Number.isFinite(n) || n === 0) return undefined;
	const decimals = raw.includes('.') ? raw.split('.')[1]!.length : 0;
	const scale = /\b(thousand|million|billion|trillion)\b/i.exec(text);
	let out: string;
	if (scale && pick < 0.25) {
		const next: Record<string, string> = { thousand: 'million', million: 'billion', billion: 'million', trillion: 'billion' };
		return text.replace(scale[0], next[scale[0].toLowerCase()]!);
	}
	const factor = pick < 0.6 ? 1.5 : 0.5;
	let v = n * factor;
	v = decimals ? Number(v.toFixed(decimals)) : Math.round(v);
	if (v === n) v = n + 3;
	out = decimals ? v.toFixed(decimals) : String(v);
	if (raw.includes(',')) out = Number(out).toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
	return text.slice(0, m.index) + out + text.slice(m.index + raw.length);
}

/**
 * Claims from sentences of the given sources that hold exactly one non-date figure, chosen with a
 * fixed seed: `count` copied with their citation and `count` with one figure altered; with
 * `hard`, also `count` copied without a citation (quiet: information only) and `count` cited to
 * another source (figure-not-in-cited-source).
 */
export function buildClaims(sources: Array<{ key: string; text: string }>, count: number, seed = 7, hard = false): RegressionClaim[] {
	const rand = prng(seed);
	const pool: Array<{ key: string; sentence: string; figure: string }> = [];
	for (const s of sources) {
		const body = s.text.replace(/^---[\s\S]*?---\n/, '');
		for (const para of body.split(/\n\n+/)) {
			if (para.startsWith('#')) continue;
			for (const sent of splitSentences(para)) {
				const sentence = para.slice(sent.start, sent.end);
				if (sentence.length < 40 || sentence.length > 300 || /[[\]@`*_<>]/.test(sentence)) continue;
				const figures = extractFigures(sentence).filter((f) => f.kind !== 'date');
				if (figures.length !== 1) continue;
				pool.push({ key: s.key, sentence, figure: figures[0]!.text });
			}
		}
	}
	const claims: RegressionClaim[] = [];
	const used = new Set<number>();
	const keys = sources.map((s) => s.key);
	const want = hard ? 4 * count : 2 * count;
	const n = (e: RegressionClaim['expect'], cited = true) => claims.filter((c) => c.expect === e && (e !== 'ok' || c.text.includes('[@') === cited)).length;
	while (claims.length < want && used.size < pool.length) {
		const i = Math.floor(rand() * pool.length);
		if (used.has(i)) continue;
		used.add(i);
		const p = pool[i]!;
		const cite = (s: string, key = p.key) => s.replace(/([.!?]["”’)]?)$/, ` [@${key}]$1`).replace(/^(?!.*\[@)(.*)$/, `$1 [@${key}]`);
		if (n('ok') < count) claims.push({ text: cite(p.sentence), expect: 'ok', key: p.key });
		const altered = alterFigure(p.figure, rand());
		if (altered && altered !== p.figure && n('figure-mismatch') < count) {
			claims.push({ text: cite(p.sentence.replace(p.figure, altered)), expect: 'figure-mismatch', at: altered, key: p.key });
		}
		if (!hard) continue;
		if (n('ok', false) < count) claims.push({ text: p.sentence, expect: 'ok', key: p.key });
		const other = keys[Math.floor(rand() * keys.length)]!;
		if (other !== p.key && n('figure-not-in-cited-source') < count) claims.push({ text: cite(p.sentence, other), expect: 'figure-not-in-cited-source', at: p.figure, key: other });
	}
	return claims;
}

/** Scores the service on the claims, as ../shared/eval does: precision, recall, and the misses. */
export function score(service: ILanguageService, claims: RegressionClaim[]) {
	let tp = 0;
	let fp = 0;
	const misses: Array<{ claim: RegressionClaim; got: string[] }> = [];
	claims.forEach((claim, i) => {
		const doc = TextDocument.create(`file:///ws/notes/regression-${i}.md`, 'markdown', 1, claim.text);
		const diags = service.getDiagnostics(doc);
		const loud = diags.filter((d) => (d.severity ?? 1) <= 2);
		if (claim.expect === 'ok') {
			fp += loud.length;
			if (loud.length) misses.push({ claim, got: loud.map((d) => `${d.code}: ${d.message}`) });
			return;
		}
		const s = claim.text.indexOf(claim.at!);
		const hit = diags.some((d) => d.code === claim.expect && d.range.start.character < s + claim.at!.length && d.range.end.character > s);
		if (hit) tp++;
		else misses.push({ claim, got: diags.map((d) => `${d.code}: ${d.message}`) });
	});
	const expected = claims.filter((c) => c.expect !== 'ok').length;
	const byCode: Record<string, { expected: number; found: number }> = {};
	for (const c of claims) if (c.expect !== 'ok') (byCode[c.expect] ??= { expected: 0, found: 0 }).expected++;
	for (const c of claims) if (c.expect !== 'ok' && !misses.some((m) => m.claim === c)) byCode[c.expect]!.found++;
	return { tp, fp, expected, precision: tp + fp ? tp / (tp + fp) : 0, recall: expected ? tp / expected : 1, byCode, misses };
}
