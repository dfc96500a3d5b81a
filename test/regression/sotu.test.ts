/**
 * The regression corpus on real text: the 233 State of the Union addresses as sources; sentences
 * copied into notes (with their citation, without one, cited to another speech) and with a figure
 * altered. The issue's bar: precision ≥ 0.95 and recall ≥ 0.9, here per kind of finding.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildClaims, score } from '../../bench/regression';
import { sotuSources } from '../../bench/sotu';
import { createLanguageService } from '../../server/src/service';

test('SOTU regression corpus: copied sentences stay quiet, altered and mis-cited figures are caught', () => {
	const sources = sotuSources();
	const service = createLanguageService();
	service.setFolders(['file:///ws']);
	service.setIndexing(true);
	for (const s of sources) service.setSource(`file:///ws/sources/${s.key}.md`, s.text);
	service.setIndexing(false);
	// seed 11, not the seed the thresholds were looked at with (7), so the bar is not fitted
	const claims = buildClaims(sources, 120, 11, true);
	const r = score(service, claims);
	const report = `precision ${r.precision.toFixed(3)}, recall ${r.recall.toFixed(3)}, ${JSON.stringify(r.byCode)}; misses:\n${r.misses.slice(0, 10).map((m) => `${m.claim.expect}: ${m.claim.text} -> ${m.got.join(' | ')}`).join('\n')}`;
	assert.ok(claims.filter((c) => c.expect === 'ok').length >= 200, 'enough quiet claims');
	assert.ok(r.precision >= 0.95, report);
	for (const [code, { expected, found }] of Object.entries(r.byCode)) assert.ok(found / expected >= 0.9, `${code}: ${report}`);
});
