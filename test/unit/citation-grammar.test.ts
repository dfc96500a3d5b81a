/**
 * The citation grammar (syntaxes/citations.tmLanguage.json), run the way VS Code runs it: with
 * vscode-textmate and the Oniguruma regex engine, injected into VS Code's own Markdown grammar.
 * Those come from the project's dependencies or, failing that, from the code-server that
 * `npm run e2e:setup` installs (it ships VS Code's copies). Without either, only the JavaScript
 * checks of the regexes run, and the tokenizer tests are skipped, saying why.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, test } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');
const grammarPath = path.join(root, 'syntaxes/citations.tmLanguage.json');
const grammarJson = JSON.parse(fs.readFileSync(grammarPath, 'utf8')) as {
	scopeName: string;
	injectionSelector: string;
	repository: Record<string, { match?: string; begin?: string; end?: string }>;
};
const CITATION_KEY = 'entity.name.tag.reference.citation.markdown';
const LOCATOR = 'string.other.locator.citation.markdown';

// ---- the regexes alone, in JavaScript (whose syntax these Oniguruma patterns keep to) ----

function regex(rule: string): RegExp {
	const source = grammarJson.repository[rule]?.match ?? grammarJson.repository[rule]?.begin;
	assert.ok(source, `rule ${rule} has a pattern`);
	return new RegExp(source, 'gu');
}

function narrativeKeys(line: string): string[] {
	return [...line.matchAll(regex('narrative-citation'))].map((m) => m[3] ?? '');
}

describe('citation grammar: the regexes (JavaScript)', () => {
	test('every pattern compiles', () => {
		for (const [name, rule] of Object.entries(grammarJson.repository)) {
			for (const source of [rule.match, rule.begin, rule.end]) {
				if (source) assert.doesNotThrow(() => new RegExp(source, 'u'), `${name}: ${source}`);
			}
		}
	});

	test('narrative @key, without trailing punctuation, and not in e-mail addresses or URLs', () => {
		assert.deepEqual(narrativeKeys('As @doe99 says, and @smith:2004.b-c.'), ['doe99', 'smith:2004.b-c']);
		assert.deepEqual(narrativeKeys('Write to jane@example.com or see https://medium.com/@someone/post'), []);
		assert.deepEqual(narrativeKeys('Escaped \\@notakey, braced @{https://doi.org/10.1/x}'), ['{https://doi.org/10.1/x}']);
	});

	test('a bracketed group opens only when it holds a key and is not a link', () => {
		const opens = (line: string) => regex('citation-group').test(line);
		assert.ok(opens('costs $1.4 trillion [@000_dad698e8bbde9b79].'));
		assert.ok(opens('[see @doe99, p. 33; -@smith04]'));
		assert.ok(!opens('[a link](https://example.com/@user)'));
		assert.ok(!opens('[@ref]: https://example.com'));
		assert.ok(!opens('[mail jane@example.com]'));
	});

	test('an item takes its locator up to the next ; or ]', () => {
		const m = regex('citation-item').exec('see @doe99, pp. 33-35; @b');
		assert.equal(m?.[3], 'doe99');
		assert.equal(m?.[5], 'pp. 33-35');
	});
});

// ---- the grammar as VS Code runs it ----

/** The few vscode-textmate and vscode-oniguruma members used here (their types are not installed). */
interface TextMate {
	Registry: new (options: {
		onigLib: Promise<unknown>;
		loadGrammar(scopeName: string): Promise<unknown>;
		getInjections(scopeName: string): string[] | undefined;
	}) => { loadGrammar(scopeName: string): Promise<Grammar | null> };
	INITIAL: unknown;
	parseRawGrammar(content: string, filePath: string): unknown;
}
interface Grammar {
	tokenizeLine(line: string, state: unknown): { tokens: Array<{ startIndex: number; endIndex: number; scopes: string[] }>; ruleStack: unknown };
}
interface Oniguruma {
	loadWASM(data: ArrayBuffer): Promise<void>;
	createOnigScanner(patterns: string[]): unknown;
	createOnigString(s: string): unknown;
}

function findEngine(): { textmate: TextMate; oniguruma: Oniguruma; wasm: string; markdown?: string } | string {
	const vscodeDir = path.join(root, '.e2e/code-server/node_modules/code-server/lib/vscode');
	for (const from of [path.join(root, 'package.json'), path.join(vscodeDir, 'package.json')]) {
		const require = createRequire(from);
		try {
			const textmate = require('vscode-textmate') as TextMate;
			const oniguruma = require('vscode-oniguruma') as Oniguruma;
			const wasm = path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm');
			const markdown = path.join(vscodeDir, 'extensions/markdown-basics/syntaxes/markdown.tmLanguage.json');
			return { textmate, oniguruma, wasm, markdown: fs.existsSync(markdown) ? markdown : undefined };
		} catch {
			// try the next place
		}
	}
	return 'vscode-textmate and vscode-oniguruma are not installed (npm run e2e:setup brings VS Code\'s copies)';
}

/** A stand-in for VS Code's Markdown grammar when its file is not at hand: code spans and fences only. */
const STUB_MARKDOWN = JSON.stringify({
	scopeName: 'text.html.markdown',
	patterns: [
		{ begin: '^```', end: '^```', name: 'markup.fenced_code.block.markdown' },
		{ match: '`[^`]*`', name: 'markup.inline.raw.string.markdown' },
		{ match: '(\\[)[^\\]]*(\\])(\\()([^)]*)(\\))', captures: { 4: { name: 'markup.underline.link.markdown' } } },
	],
});

const engine = findEngine();

describe('citation grammar: tokenized by vscode-textmate into Markdown', { skip: typeof engine === 'string' ? engine : false }, () => {
	let grammar: Grammar;

	/** Scopes of each line's tokens, lines tokenized in order (so fenced blocks carry over). */
	async function tokenize(text: string): Promise<Array<Array<{ text: string; scopes: string[] }>>> {
		if (!grammar) {
			if (typeof engine === 'string') throw new Error(engine);
			const { textmate, oniguruma, wasm, markdown } = engine;
			const onigLib = oniguruma.loadWASM(fs.readFileSync(wasm).buffer as ArrayBuffer).then(() => ({
				createOnigScanner: (patterns: string[]) => oniguruma.createOnigScanner(patterns),
				createOnigString: (s: string) => oniguruma.createOnigString(s),
			}));
			const registry = new textmate.Registry({
				onigLib,
				async loadGrammar(scopeName) {
					if (scopeName === grammarJson.scopeName) return textmate.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath);
					if (scopeName === 'text.html.markdown') {
						return markdown
							? textmate.parseRawGrammar(fs.readFileSync(markdown, 'utf8'), markdown)
							: textmate.parseRawGrammar(STUB_MARKDOWN, 'markdown.json');
					}
					return null;
				},
				getInjections: (scopeName) => (scopeName === 'text.html.markdown' ? [grammarJson.scopeName] : undefined),
			});
			const loaded = await registry.loadGrammar('text.html.markdown');
			assert.ok(loaded, 'the Markdown grammar loads');
			grammar = loaded;
		}
		let state = engine && typeof engine !== 'string' ? engine.textmate.INITIAL : undefined;
		return text.split('\n').map((line) => {
			const result = grammar.tokenizeLine(line, state);
			state = result.ruleStack;
			return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
		});
	}

	/** The scopes of the token that holds `needle` (its first occurrence) in a one-line text. */
	async function scopesOf(line: string, needle: string): Promise<string[]> {
		const [tokens] = await tokenize(line);
		const at = line.indexOf(needle);
		assert.ok(at >= 0, `"${needle}" is in the line`);
		let offset = 0;
		for (const t of tokens ?? []) {
			if (at >= offset && at < offset + t.text.length) return t.scopes;
			offset += t.text.length;
		}
		assert.fail(`no token at "${needle}"`);
	}

	function hasCitation(lines: Array<Array<{ scopes: string[] }>>): boolean {
		return lines.some((tokens) => tokens.some((t) => t.scopes.some((s) => s.includes('citation'))));
	}

	test('a bracketed citation: brackets, key, and the words of the sentence left alone', async () => {
		const line = 'Altman plans to invest $1.4 trillion [@000_dad698e8bbde9b79].';
		assert.ok((await scopesOf(line, '000_dad')).includes(CITATION_KEY));
		assert.ok((await scopesOf(line, '[@')).includes('punctuation.definition.citation.begin.markdown'));
		assert.ok((await scopesOf(line, '].')).includes('punctuation.definition.citation.end.markdown'));
		assert.ok(!(await scopesOf(line, 'trillion')).some((s) => s.includes('citation')));
	});

	test('a group with prefix, locators, separators and a suppressed author', async () => {
		const line = 'Profits rose [see @doe99, pp. 33-35; -@smith04, ¶ 4].';
		assert.ok((await scopesOf(line, 'doe99')).includes(CITATION_KEY));
		assert.ok((await scopesOf(line, 'pp. 33')).includes(LOCATOR));
		assert.ok((await scopesOf(line, '; ')).includes('punctuation.separator.citation.markdown'));
		assert.ok((await scopesOf(line, '-@')).includes('keyword.operator.suppress-author.citation.markdown'));
		assert.ok((await scopesOf(line, 'smith04')).includes(CITATION_KEY));
		assert.ok((await scopesOf(line, '¶ 4')).includes(LOCATOR));
		const see = await scopesOf(line, 'see');
		assert.ok(see.includes('meta.citation.group.markdown') && !see.includes(CITATION_KEY));
	});

	test('a narrative citation with a locator', async () => {
		const line = 'As @foxconn-2025 [p. 3] reports, profits rose.';
		assert.ok((await scopesOf(line, 'foxconn-2025')).includes(CITATION_KEY));
		assert.ok((await scopesOf(line, 'p. 3')).includes(LOCATOR));
		assert.ok(!(await scopesOf(line, 'reports')).some((s) => s.includes('citation')));
	});

	test('no citation in e-mail addresses, code spans, fenced code or link targets', async () => {
		assert.ok(!hasCitation(await tokenize('Feedback: aihubblog@gmail.com.')));
		assert.ok(!hasCitation(await tokenize('Type `[@key]` to cite.')));
		assert.ok(!hasCitation(await tokenize('```\nconst cite = "[@000_dad698e8bbde9b79]";\n```')));
		assert.ok(!hasCitation(await tokenize('See [the post](https://medium.com/@someone/post).')));
	});

	test('after a fenced block, citations are highlighted again', async () => {
		const lines = await tokenize('```\n@inside\n```\nOutside [@000_dad698e8bbde9b79].');
		assert.ok(!hasCitation(lines.slice(0, 3)));
		assert.ok(hasCitation(lines.slice(3)));
	});
});
