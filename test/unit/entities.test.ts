import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EntityIndex } from '../../server/src/service/extract/entities';
import type { Entity } from '../../server/src/service/types';

const SEEDS = path.resolve(__dirname, '../../seeds');
const seeds = new Map(fs.readdirSync(SEEDS).sort().map((f) => [f.replace(/\.txt$/, ''), fs.readFileSync(path.join(SEEDS, f), 'utf8')]));
const keys = [...seeds.keys()];

function seeded(order: string[] = keys): EntityIndex {
	const index = new EntityIndex();
	for (const k of order) index.addSource(k, seeds.get(k) as string);
	return index;
}

/** The entity a name resolves to, failing the test when there is none. */
function entity(index: EntityIndex, name: string): Entity {
	const e = index.get(name);
	assert.ok(e, `no entity for ${name}`);
	return e;
}

/** Mentions of a text as "written→entity id". */
function mentions(index: EntityIndex, text: string): string[] {
	return index.findMentions(text).map((m) => `${m.text}→${m.entityId}`);
}

/** An index over inline sources, one per argument. */
function indexOf(...texts: string[]): EntityIndex {
	const index = new EntityIndex();
	texts.forEach((t, i) => index.addSource(`s${i}`, t));
	return index;
}

test('seeds: Foxconn, Hon Hai and its legal names are one organization named Foxconn', () => {
	const index = seeded();
	const fox = entity(index, 'Foxconn');
	assert.equal(fox.id, 'foxconn');
	assert.equal(fox.name, 'Foxconn');
	assert.equal(fox.type, 'organization');
	for (const alias of ['Hon Hai', 'Hon Hai Precision Industry', 'Hon Hai Precision Industry Company', 'Hon Hai Technology Group']) {
		assert.ok(fox.aliases.includes(alias), `${alias} in ${fox.aliases.join(', ')}`);
		assert.equal(index.get(alias)?.id, 'foxconn', alias);
	}
	assert.deepEqual(index.sourcesOf('foxconn'), keys);
});

test('seeds: people are merged with their surnames and typed as people', () => {
	const index = seeded();
	for (const [full, surname] of [['Sam Altman', 'Altman'], ['Young Liu', 'Liu'], ['Steven Tseng', 'Tseng']]) {
		const e = entity(index, full);
		assert.equal(e.name, full);
		assert.equal(e.type, 'person', full);
		assert.ok(e.aliases.includes(surname), `${surname} in ${e.aliases.join(', ')}`);
		assert.deepEqual(mentions(index, `${surname} said so.`), [`${surname}→${e.id}`]);
	}
	// In the source, "Tseng added that ..." (a sentence start) is Steven Tseng.
	const tseng = index.mentionsIn(keys[2]).filter((m) => m.text === 'Tseng');
	assert.deepEqual(tseng.map((m) => m.entityId), ['steven tseng']);
});

test('seeds: U.S., US, United States and America are one place', () => {
	const index = seeded();
	const us = entity(index, 'United States');
	assert.equal(us.type, 'place');
	for (const name of ['U.S.', 'US', 'America', 'American', 'USA']) assert.equal(index.get(name)?.id, us.id, name);
	assert.deepEqual(mentions(index, 'U.S. output and US jobs in the United States and America.'), [
		'U.S.→united states', 'US→united states', 'United States→united states', 'America→united states',
	]);
});

test('seeds: organizations and places get their types', () => {
	const index = seeded();
	for (const name of ['OpenAI', 'Nvidia', 'Broadcom', 'Oracle', 'SoftBank', 'Alphabet', 'Intrinsic', 'AMD', 'Bloomberg Intelligence']) {
		assert.equal(entity(index, name).type, 'organization', name);
	}
	for (const name of ['Taiwan', 'Taipei', 'Ohio', 'Texas', 'Japan']) assert.equal(entity(index, name).type, 'place', name);
});

test('seeds: no entities from headlines, sentence starts, quoted titles or abbreviations', () => {
	const index = seeded();
	const names = new Set(index.all().flatMap((e) => [e.name, ...e.aliases]));
	const junk = [
		'Partners', 'Foxconn Partners', 'Build Next-Generation AI Hardware', 'Build', 'Hardware', 'Meeting', 'Growing Demand',
		'Massive Investments', 'Strategic Significance', 'Leave', 'Reply', 'Next-Generation', 'Forge Strategic Partnership',
		'The', 'While', 'Under', 'Today', 'Remember', 'However', 'Cabling', 'Networking', 'Power', 'Moreover', 'Through',
		'AI', 'GPT-5', 'HR', 'IT', 'Finance', 'Disservice', 'Software', 'Feedback', 'Written', 'Follow Us', 'Also Read',
		'Chinese', 'Taiwanese', 'November', 'Friday', 'CEO', 'Chairman', 'Artificial Intelligence',
	];
	for (const j of junk) assert.ok(!names.has(j), `junk entity "${j}"`);
	for (const e of index.all()) assert.ok(!/^(?:The|While|Under|A|In)\s/.test(e.name), `sentence start in "${e.name}"`);
});

test('seeds: entities do not depend on the order sources arrive in', () => {
	const summary = (i: EntityIndex) => i.all().map((e) => `${e.id}|${e.name}|${e.type}|${[...e.aliases].sort().join(';')}`).sort();
	const forward = summary(seeded());
	assert.deepEqual(summary(seeded([...keys].reverse())), forward);
	assert.deepEqual(summary(seeded([keys[3], keys[0], keys[4], keys[2], keys[1]])), forward);
});

test('removeSource forgets what a source taught; adding it back restores it', () => {
	const index = seeded();
	const before = index.all().map((e) => e.id).sort();
	index.removeSource(keys[2]);
	assert.equal(index.get('Steven Tseng'), undefined);
	assert.equal(index.get('SoftBank'), undefined);
	assert.deepEqual(index.sourcesOf('foxconn'), keys.filter((k) => k !== keys[2]));
	assert.ok(index.get('Foxconn'), 'Foxconn is still in other sources');
	index.removeSource(keys[4]);
	assert.ok(!entity(index, 'Foxconn').aliases.includes('Hon Hai Precision Industry Company'));
	index.addSource(keys[2], seeds.get(keys[2]) as string);
	index.addSource(keys[4], seeds.get(keys[4]) as string);
	assert.deepEqual(index.all().map((e) => e.id).sort(), before);
	assert.ok(entity(index, 'Foxconn').aliases.includes('Hon Hai Precision Industry Company'));
	assert.equal(entity(index, 'Tseng').id, 'steven tseng');
});

test('addSource on a changed source replaces what it taught', () => {
	const index = indexOf('Zorvex Labs signed a deal with Quillfield.');
	assert.ok(index.get('Quillfield'));
	index.addSource('s0', 'Zorvex Labs signed a deal with Brightmoor.');
	assert.equal(index.get('Quillfield'), undefined);
	assert.ok(index.get('Brightmoor'));
});

test('findMentions in a note finds known entities by any alias, and nothing else', () => {
	const index = seeded();
	assert.deepEqual(mentions(index, "Hon Hai makes most of Nvidia's AI servers"), ['Hon Hai→foxconn', 'Nvidia→nvidia']);
	assert.deepEqual(mentions(index, 'The Foxconn–OpenAI deal; Hon Hai Technology Group builds racks in Ohio.'), [
		'Foxconn→foxconn', 'OpenAI→openai', 'Hon Hai Technology Group→foxconn', 'Ohio→ohio',
	]);
	assert.deepEqual(mentions(index, 'Acme Quux said nothing about it. Us neither.'), []);
	const found = index.findMentions('Sam Altman met Young Liu.');
	assert.deepEqual(found.map((m) => [m.start, m.end]), [[0, 10], [15, 24]]);
});

test('complete: prefix of a name or alias, then fuzzy', () => {
	const index = seeded();
	assert.equal(index.complete('Young L')[0]?.name, 'Young Liu');
	assert.equal(index.complete('hon')[0]?.name, 'Foxconn');
	assert.equal(index.complete('Tse')[0]?.name, 'Steven Tseng');
	assert.ok(index.complete('Fxcn').some((e) => e.name === 'Foxconn'));
	assert.ok(index.complete('', 3).length === 3);
});

test('titles split a span: organization before, person after', () => {
	const index = indexOf(
		'Zorvex CEO Mara Quist said demand was strong. Brightmoor Chairman Ilse Vandenberg agreed. ' +
			'Kestrel Research analyst Tomas Ferreira was cautious.',
	);
	const found = index.findMentions('Zorvex CEO Mara Quist, Brightmoor Chairman Ilse Vandenberg and Kestrel Research analyst Tomas Ferreira');
	assert.deepEqual(found.map((m) => m.text), ['Zorvex', 'Mara Quist', 'Brightmoor', 'Ilse Vandenberg', 'Kestrel Research', 'Tomas Ferreira']);
	for (const org of ['Zorvex', 'Brightmoor', 'Kestrel Research']) assert.equal(entity(index, org).type, 'organization', org);
	for (const person of ['Mara Quist', 'Ilse Vandenberg', 'Tomas Ferreira']) assert.equal(entity(index, person).type, 'person', person);
});

test('three-word titles ("Chief Executive Officer") stand before a person\'s name, not in it', () => {
	const index = indexOf(
		'Revenue rose, Zorvex Chief Executive Officer Mara Quist told reporters, and Chief Financial Officer Ilse Vandenberg agreed. ' +
			'Later, Chief Information Officer Tomas Ferreira said the systems held.',
	);
	for (const person of ['Mara Quist', 'Ilse Vandenberg', 'Tomas Ferreira']) assert.equal(entity(index, person).type, 'person', person);
	for (const junk of ['Officer Mara Quist', 'Officer Ilse Vandenberg', 'Officer Tomas Ferreira', 'Officer']) assert.equal(index.get(junk), undefined, junk);
	assert.equal(entity(index, 'Zorvex').type, 'organization');
});

test('a person "of" where they work or come from is two names ("Jane Smith of Goldman Sachs")', () => {
	const index = indexOf(
		'Prof. Alan Turing-Smith of the University of Manchester spoke first. Mara Quist of Zorvex Labs disagreed, ' +
			'and Senator Chuck Grassley of Iowa asked questions.',
	);
	assert.equal(entity(index, 'Alan Turing-Smith').type, 'person');
	assert.equal(entity(index, 'University of Manchester').type, 'organization');
	assert.equal(entity(index, 'Mara Quist').type, 'person');
	assert.ok(index.get('Zorvex Labs'), 'Zorvex Labs');
	assert.equal(entity(index, 'Chuck Grassley').type, 'person');
	for (const joined of ['Alan Turing-Smith of the University of Manchester', 'Mara Quist of Zorvex Labs', 'Chuck Grassley of Iowa']) {
		assert.equal(index.get(joined), undefined, joined);
	}
});

test('a name before ", <place>" and a stop or a dash is a place within it ("COLUMBUS, Ohio –"); a list of places is not', () => {
	const index = indexOf(
		'COLUMBUS, Ohio – Zorvex will build a plant near Columbus. Talks in Brackwater, Texas, ended. ' +
			'Officials from Zorvex, Texas and Ohio met; Quillon, Arizona and Nevada objected.',
	);
	assert.equal(entity(index, 'Columbus').type, 'place');
	assert.equal(entity(index, 'Brackwater').type, 'place');
	assert.notEqual(index.get('Zorvex')?.type, 'place');
	assert.notEqual(index.get('Quillon')?.type, 'place');
});

test('a legislator\'s party and state ("(D-N.Y.)", "(R-Texas)") is not a name', () => {
	const index = indexOf('“It’s done,” said Gov. Kathy Hochul (D-N.Y.). Sen. Mara Quist (R-Texas) and Rep. Ilse Vandenberg (I-Vt.) agreed.');
	for (const person of ['Kathy Hochul', 'Mara Quist', 'Ilse Vandenberg']) assert.equal(entity(index, person).type, 'person', person);
	for (const junk of ['D-N.Y', 'D-N.Y.', 'R-Texas', 'I-Vt', 'I-Vt.']) assert.equal(index.get(junk), undefined, junk);
});

test('names with "of" stay whole where they are not a person\'s: one word before it, an organization\'s word, a plain word', () => {
	const index = indexOf(
		'Catherine of Aragon wrote to the Albert Einstein College of Medicine. The Virginia Bill of Rights was read aloud, ' +
			'and the Bank of England and the Gulf of Mexico were named.',
	);
	for (const whole of ['Catherine of Aragon', 'Albert Einstein College of Medicine', 'Virginia Bill of Rights']) assert.ok(index.get(whole), whole);
	assert.equal(index.get('Virginia Bill'), undefined);
	// the head word before "of" gives the type
	assert.equal(entity(index, 'Bank of England').type, 'organization');
	assert.equal(entity(index, 'Albert Einstein College of Medicine').type, 'organization');
	assert.equal(entity(index, 'Gulf of Mexico').type, 'place');
});

test('a title\'s plural stands before names too ("Senators Quist and Vandenberg")', () => {
	const index = indexOf('Senators Quist and Vandenberg voted no; Governors Ferreira and Lindqvist said yes. Quist, Vandenberg, Ferreira and Lindqvist all spoke.');
	for (const person of ['Quist', 'Vandenberg', 'Ferreira', 'Lindqvist']) assert.ok(index.get(person), person);
	for (const junk of ['Senators Quist', 'Governors Ferreira']) assert.equal(index.get(junk), undefined, junk);
});

test('a word after a list marker at a line\'s start ("3) Summary.", "(b) Outlook.") starts a sentence: no entity by its capital alone', () => {
	const index = indexOf('Annual report\n\n3) Summary. Zorvex sales rose 5%.\n\n(b) Outlook. Prices will rise, Zorvex said.\n', 'Zorvex (ZRVX) Shares rose; Zorvex and Brightmoor compete.\n');
	for (const junk of ['Summary', 'Outlook']) assert.equal(index.get(junk), undefined, junk);
	assert.ok(index.get('Zorvex'));
	assert.ok(index.get('Brightmoor'));
});

test('alias phrases merge names, whatever the names', () => {
	const cases: Array<[string, string, string]> = [
		['Velmora Group, also known as Velmo, expanded.', 'Velmora Group', 'Velmo'],
		['Pyrecrest—also known as Pyre Dynamics—grew.', 'Pyrecrest', 'Pyre Dynamics'],
		['Tanaglo, legally known as Tanaglo Kogyo Kabushiki, said so.', 'Tanaglo', 'Tanaglo Kogyo Kabushiki'],
		['Oskarby Vinter Holdings, better known as Oskarby, agreed.', 'Oskarby', 'Oskarby Vinter Holdings'],
		['Lunetra Semiconductor Manufacturing Company (Lunetra) reported.', 'Lunetra', 'Lunetra Semiconductor Manufacturing Company'],
		['The Office of Zonal Planning (OZP) objected.', 'Office of Zonal Planning', 'OZP'],
	];
	for (const [text, a, b] of cases) {
		const index = indexOf(text, `${a} and ${b} were both cited by analysts in a report on ${a}.`);
		assert.equal(index.get(a)?.id, index.get(b)?.id, text);
		assert.ok(index.get(a), text);
	}
});

test('a legal suffix after a comma is part of the name ("Co., Ltd.", "Apple, Inc."), not a name of its own', () => {
	const index = indexOf(
		'Velnor Precision Industry Co., Ltd., better known as Velnor, makes servers. Quistar, Inc. buys them.',
		'Velnor and Quistar signed a deal; Velnor Precision Industry Co. Ltd. said so.',
	);
	const v = entity(index, 'Velnor');
	assert.equal(index.get('Velnor Precision Industry Co., Ltd.')?.id, v.id);
	assert.equal(index.get('Velnor Precision Industry Co. Ltd.')?.id, v.id);
	assert.equal(index.get('Quistar, Inc.')?.id, entity(index, 'Quistar').id);
	assert.equal(index.get('Ltd.'), undefined);
	assert.deepEqual(mentions(index, 'Velnor Precision Industry Co., Ltd. grew.'), [`Velnor Precision Industry Co., Ltd.→${v.id}`]);
	// a comma before any other word still ends a name
	assert.deepEqual(mentions(index, 'Velnor, Quistar and others grew.'), [`Velnor→${v.id}`, `Quistar→${entity(index, 'Quistar').id}`]);
});

test('an organization name is the same as its longer legal name with a corporate suffix', () => {
	const index = indexOf(
		'Quantrel Precision Industry Co. reported results. Analysts expect Quantrel to grow, and Quantrel Technology Group said so.',
		'Brimworth Holdings and Brimworth Inc. are one company, and Brimworth makes servers for Quantrel.',
	);
	const q = entity(index, 'Quantrel');
	assert.equal(q.type, 'organization');
	assert.equal(index.get('Quantrel Precision Industry Co.')?.id, q.id);
	assert.equal(index.get('Quantrel Technology Group')?.id, q.id);
	assert.equal(index.get('Brimworth Holdings')?.id, index.get('Brimworth Inc.')?.id);
});

test('a company named with an industry word and no legal suffix is known by its first words too ("Northwind Traders", "Northwind")', () => {
	const index = indexOf('Northwind Traders reported sales of $2 billion. For 2024, analysts said, Northwind expects more; Zorvex Labs and Zorvex agreed.');
	const n = entity(index, 'Northwind Traders');
	assert.equal(n.type, 'organization');
	assert.equal(index.get('Northwind')?.id, n.id);
	assert.equal(index.get('Zorvex')?.id, entity(index, 'Zorvex Labs').id);
});

test('a company\'s short form at a sentence\'s start names it in a text that names it in full, not elsewhere', () => {
	const index = indexOf('Zorvex Labs opened a plant in 2024. Zorvex said sales rose.', 'Zorvex said nothing.');
	const labs = entity(index, 'Zorvex Labs');
	assert.deepEqual(index.mentionsIn('s0').map((m) => `${m.text}→${m.entityId}`), [`Zorvex Labs→${labs.id}`, `Zorvex→${labs.id}`]);
	// another text that never names the company: a capital at a sentence's start is no evidence
	assert.deepEqual(index.mentionsIn('s1'), []);
});

test('an acronym in parentheses after a name is its alias when the words give its letters in order, each word its first', () => {
	const index = indexOf(
		'Quarterly report: Northwind Traders (NWT) grew. The Federal Bureau of Investigation (FBI) and the Brimworth Holding Group (BHG) ' +
			'were told; the Kestrel Research Institute (KX) and Quantrel Systems (QSYSX) were not.',
	);
	assert.equal(index.get('NWT')?.id, entity(index, 'Northwind Traders').id);
	assert.equal(index.get('FBI')?.id, entity(index, 'Federal Bureau of Investigation').id);
	assert.equal(index.get('BHG')?.id, entity(index, 'Brimworth Holding Group').id);
	assert.notEqual(index.get('KX')?.id, entity(index, 'Kestrel Research Institute').id);
	assert.notEqual(index.get('QSYSX')?.id, entity(index, 'Quantrel Systems').id);
});

test('"A and B (AB)" is one name with its acronym when the acronym takes letters from both; function words may give a letter or none', () => {
	const index = indexOf(
		'The Securities and Exchange Commission (SEC) sued. The SEC said the Food and Drug Administration (FDA) and the Department of Energy (DOE) agreed. ' +
			'Johnson & Johnson (J&J) did too, and Nvidia and Advanced Micro Devices (AMD) fell. The Department of Health and Human Services (HHS) ' +
			'and the Department of Housing and Urban Development (HUD) wrote to the Office of Personnel Management (OPM).',
	);
	const sec = entity(index, 'Securities and Exchange Commission');
	assert.equal(index.get('SEC')?.id, sec.id);
	assert.deepEqual(mentions(index, 'Later the SEC agreed.'), [`SEC→${sec.id}`]);
	assert.equal(index.get('FDA')?.id, entity(index, 'Food and Drug Administration').id);
	assert.equal(index.get('DOE')?.id, entity(index, 'Department of Energy').id);
	assert.equal(index.get('J&J')?.id, entity(index, 'Johnson & Johnson').id);
	// the acronym is the second name's alone: two names
	assert.equal(index.get('AMD')?.id, entity(index, 'Advanced Micro Devices').id);
	assert.notEqual(entity(index, 'Nvidia').id, entity(index, 'Advanced Micro Devices').id);
	// a department's acronym may leave out "Department of"
	assert.equal(index.get('HHS')?.id, entity(index, 'Department of Health and Human Services').id);
	assert.equal(index.get('HUD')?.id, entity(index, 'Department of Housing and Urban Development').id);
	assert.equal(index.get('OPM')?.id, entity(index, 'Office of Personnel Management').id);
	assert.equal(index.get('Securities'), undefined);
	assert.equal(index.get('Exchange Commission'), undefined);
});

test('prefix merging does not swallow places or words: Taiwan is not Taiwan Semiconductor Manufacturing Company', () => {
	const index = indexOf('Taiwan Semiconductor Manufacturing Company makes chips in Taiwan. Taiwan exports them.');
	assert.notEqual(index.get('Taiwan')?.id, index.get('Taiwan Semiconductor Manufacturing Company')?.id);
	assert.equal(entity(index, 'Taiwan').type, 'place');
});

test('a surname joins the full name only in the source that named the person', () => {
	const index = indexOf(
		'Lena Marlowe, chief executive of Zorvex, spoke first. Marlowe said margins would rise.',
		'Analyst Peter Marlowe disagreed. Marlowe said margins would fall.',
	);
	const lena = index.mentionsIn('s0').filter((m) => m.text === 'Marlowe');
	const peter = index.mentionsIn('s1').filter((m) => m.text === 'Marlowe');
	assert.deepEqual(lena.map((m) => m.entityId), ['lena marlowe']);
	assert.deepEqual(peter.map((m) => m.entityId), ['peter marlowe']);
	// In a note "Marlowe" could be either: no guess.
	assert.deepEqual(mentions(index, 'Marlowe was right.'), []);
});

test('sentence-initial words and Title Case headlines are not entities; known names in them are', () => {
	const index = indexOf(
		'Zorvex Partners with Quillfield to Build Next-Generation Widget Hardware\n\n' +
			'While demand grew, Zorvex said it would expand. Under the deal Quillfield pays. The plan is set. Meanwhile Quillfield hired.',
	);
	assert.deepEqual(index.all().map((e) => e.name).sort(), ['Quillfield', 'Zorvex']);
	const headline = index.mentionsIn('s0').filter((m) => m.start < 80).map((m) => m.text);
	assert.deepEqual(headline, ['Zorvex', 'Quillfield']);
});

test('abbreviations and demonyms are not people or places', () => {
	const index = indexOf('Zorvex hired AI researchers and HR staff; IT costs rose. GPT-5 launched. Chinese and Taiwanese buyers came to Zorvex.');
	assert.deepEqual(index.all().map((e) => e.name), ['Zorvex']);
});

test('ids are stable: the canonical name lower-cased, and every alias resolves', () => {
	const index = seeded();
	for (const e of index.all()) {
		assert.equal(e.id, e.name.toLowerCase());
		for (const a of e.aliases) assert.equal(index.get(a)?.id, e.id, `${a} of ${e.name}`);
	}
});
