/**
 * Entity recognition reads compromise's lexicon from lexicon.generated.ts, not from compromise,
 * whose lexicon took ~130 ms of every start-up to build. These tests hold that table to compromise
 * as installed: every word gets the facts compromise's tags give it, and the file is what
 * `node scripts/lexicon.mjs` would write now (so upgrading compromise cannot leave it stale).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import nlp from 'compromise/two';
import { CORPORATE_SUFFIXES, type WordInfo, isOrgWord, isPlaceWord, wordInfo, wordInfoOf } from '../../server/src/service/extract/entityWords';

const root = path.resolve(import.meta.dirname, '../..');

/** scripts/lexicon-core.mjs: the derivation the script writes the file with. */
interface LexiconCore {
	GENERATED_PATH: string;
	flagsOf(tags: readonly string[]): number;
	lexiconModuleText(): string;
}

async function lexiconCore(): Promise<LexiconCore> {
	// a plain ES module shared with the script; typed here, as the test project checks TypeScript only
	return (await import(pathToFileURL(path.join(root, 'scripts/lexicon-core.mjs')).href)) as LexiconCore;
}

const model = nlp.model() as {
	one: { lexicon: Record<string, string | string[]> };
	two: { orgWords: Record<string, true>; placeWords: Record<string, true> };
};
const LEXICON = model.one.lexicon;
const ORG_WORDS = model.two.orgWords;
const PLACE_WORDS = model.two.placeWords;

/** Words outside the lexicon, some of them Object.prototype's own names. */
const OTHER_WORDS = ['constructor', 'tostring', 'toString', '__proto__', 'hasownproperty', 'valueof', 'british', 'japanese', 'foxconn', 'hon hai', 'establish', ''];

test('lexicon.generated.ts is what `node scripts/lexicon.mjs` writes from compromise as installed', async () => {
	const core = await lexiconCore();
	const committed = fs.readFileSync(path.join(root, core.GENERATED_PATH), 'utf8');
	// not assert.equal: its diff of a 225 KB string says less than this
	assert.ok(committed === core.lexiconModuleText(), `${core.GENERATED_PATH} is not what compromise's lexicon gives now: run \`node scripts/lexicon.mjs\``);
});

test('every word gets the facts that compromise tags it with (wordInfo, isOrgWord, isPlaceWord)', async () => {
	const core = await lexiconCore();
	const words = new Set([...Object.keys(LEXICON), ...Object.keys(ORG_WORDS), ...Object.keys(PLACE_WORDS), ...OTHER_WORDS]);
	assert.ok(words.size > 20000, `compromise's lexicon holds ${words.size} words`);
	const wrong: string[] = [];
	for (const word of words) {
		const raw = Object.hasOwn(LEXICON, word) ? LEXICON[word] : undefined;
		const tags = raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw;
		const expected = wordInfoOf(word, tags.length ? core.flagsOf(tags) : undefined);
		const org = ORG_WORDS[word] === true;
		const place = PLACE_WORDS[word] === true && !org;
		if (!isDeepStrictEqual(wordInfo(word), expected)) wrong.push(`wordInfo(${JSON.stringify(word)}): ${JSON.stringify(wordInfo(word))}, compromise: ${JSON.stringify(expected)}`);
		// the corporate suffixes are org words too, compromise's or not
		if (isOrgWord(word) !== (org || CORPORATE_SUFFIXES.has(word))) wrong.push(`isOrgWord(${JSON.stringify(word)})`);
		if (isPlaceWord(word) !== place) wrong.push(`isPlaceWord(${JSON.stringify(word)})`);
	}
	assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} words differ from compromise's lexicon: run \`node scripts/lexicon.mjs\``);
});

test('words outside the lexicon: names of Object.prototype are not words, -ish and -ese adjectives are demonyms', () => {
	const none: WordInfo = { closed: false, date: false, common: false, demonym: false, place: false, org: false, firstName: false, lastName: false };
	assert.deepEqual(wordInfo('constructor'), none);
	assert.deepEqual(wordInfo('__proto__'), none);
	assert.equal(isOrgWord('constructor'), false);
	assert.equal(isPlaceWord('constructor'), false);
	assert.deepEqual(wordInfo('british'), { ...none, demonym: true });
	assert.deepEqual(wordInfo('japanese'), { ...none, demonym: true });
	assert.deepEqual(wordInfo('foxconn'), none);
});

test('words in the lexicon: what entity recognition relies on', () => {
	assert.equal(wordInfo('paris').place, true);
	assert.equal(wordInfo('john').firstName, true);
	assert.equal(wordInfo('smith').lastName, true);
	assert.deepEqual([wordInfo('november').date, wordInfo('november').common], [true, true]);
	assert.deepEqual([wordInfo('however').closed, wordInfo('the').closed, wordInfo('jan').date], [true, true, true]);
	assert.equal(isOrgWord('university'), true);
	assert.equal(isPlaceWord('river'), true);
	assert.equal(isPlaceWord('university'), false);
});
