/**
 * Prints the checker's precision and recall on the SOTU regression corpus: real sentences copied
 * into notes with their citation (must stay quiet) and with one figure altered (must be caught).
 * Usage: npx tsx bench/regression-run.ts [--speeches N] [--claims N] [--seed S] [--misses]
 */
import { createLanguageService } from '../server/src/service';
import { buildClaims, score } from './regression';
import { sotuSources } from './sotu';

const arg = (name: string, dflt: number) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const speeches = arg('speeches', 233);
const count = arg('claims', 300);
const seed = arg('seed', 7);

const all = sotuSources();
const sources = all.slice(all.length - speeches);
const t0 = performance.now();
const service = createLanguageService();
service.setFolders(['file:///ws']);
service.setIndexing(true);
for (const s of sources) service.setSource(`file:///ws/sources/${s.key}.md`, s.text);
service.setIndexing(false);
const t1 = performance.now();
const claims = buildClaims(sources, count, seed, process.argv.includes('--hard'));
const r = score(service, claims);
const t2 = performance.now();
console.log(`SOTU regression: ${sources.length} speeches indexed in ${((t1 - t0) / 1000).toFixed(2)} s; ${claims.length} claims checked in ${((t2 - t1) / 1000).toFixed(2)} s`);
console.log(`precision ${r.precision.toFixed(3)} recall ${r.recall.toFixed(3)} (tp ${r.tp}, fp ${r.fp}, ${r.expected} findings expected) ${JSON.stringify(r.byCode)}`);
if (process.argv.includes('--misses')) for (const m of r.misses) console.log(`- [${m.claim.expect}${m.claim.at ? ` at ${m.claim.at}` : ''}] ${m.claim.text}\n    got: ${m.got.join(' | ') || 'nothing'}`);
