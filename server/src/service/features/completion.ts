/**
 * Completion in notes: citation keys after `[@`, `@` and `; @`; entity names as they are typed;
 * figures from the sources as a number or a claim's words are typed, with their citation.
 */
import fuzzysort from 'fuzzysort';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type TextEdit } from 'vscode-languageserver-types';
import { describeFigure } from '../extract/figures';
import { sentenceTerms } from '../match/context';
import { citationCompletionContext } from '../notes/completionContext';
import type { LineIndex } from '../positions';
import type { Corpus, FigureRef } from '../sources/corpus';
import type { Source } from '../types';
import { openingPassage, quoteFigure } from './quotes';

/** At most this many items: a longer list is noise. */
export const MAX_ITEMS = 50;

/** A key the note's own bibliography file declares, offered beside the sources' keys. */
export interface DeclaredKey {
	key: string;
	title: string;
	documentation: string;
}

/** The completions at an offset of a note. */
export function completeAt(text: string, offset: number, corpus: Corpus, lines: LineIndex, declared: readonly DeclaredKey[] = []): CompletionList {
	const ctx = citationCompletionContext(text, offset);
	if (ctx) return { isIncomplete: false, items: keyItems(corpus, ctx, lines, declared) };
	const items = [...figureItems(text, offset, corpus, lines), ...entityItems(text, offset, corpus, lines)];
	return { isIncomplete: true, items: items.slice(0, MAX_ITEMS) };
}

function keyItems(corpus: Corpus, ctx: NonNullable<ReturnType<typeof citationCompletionContext>>, lines: LineIndex, declared: readonly DeclaredKey[]): CompletionItem[] {
	const sources = corpus.all();
	const targets = sources.flatMap((s) => s.keys.map((key) => ({ key, title: s.meta.title, doc: () => docOf(s), search: `${key} ${s.meta.title}` })));
	const have = new Set(targets.map((t) => t.key));
	for (const d of declared) if (!have.has(d.key)) targets.push({ key: d.key, title: d.title, doc: () => d.documentation, search: `${d.key} ${d.title}` });
	const ranked = ctx.prefix
		? fuzzysort.go(ctx.prefix, targets, { key: 'search', limit: MAX_ITEMS, threshold: 0.2 }).map((r) => r.obj)
		: targets.sort((a, b) => a.key.localeCompare(b.key)).slice(0, MAX_ITEMS);
	const range = lines.range(ctx.replaceStart, ctx.replaceEnd);
	return ranked.map((t, i): CompletionItem => {
		const close = ctx.inGroup && !ctx.hasClosingBracket ? ']' : '';
		return {
			label: t.key,
			kind: CompletionItemKind.Reference,
			detail: t.title,
			documentation: { kind: 'markdown', value: t.doc() },
			filterText: t.search,
			sortText: String(i).padStart(4, '0'),
			textEdit: { range, newText: t.key + close },
		};
	});
}

function docOf(source: Source): string {
	const date = source.meta.date ? ` · ${source.meta.date}` : '';
	return `**${source.meta.title}**${date}\n\n${openingPassage(source)}`;
}

const NUMBER_PREFIX = /(?:(?:US)?[$€£¥]\s?|\b)\d[\d,]*(?:\.\d*)?$/;

/** Figures whose wording starts like the number being typed, ranked by how well their claim fits the sentence. */
function figureItems(text: string, offset: number, corpus: Corpus, lines: LineIndex): CompletionItem[] {
	const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
	const before = text.slice(lineStart, offset);
	const m = NUMBER_PREFIX.exec(before);
	if (!m) return [];
	const typed = m[0];
	const typedDigits = typed.replace(/^(?:US)?[$€£¥]\s?/, '').replace(/,/g, '');
	const currency = /^(?:US)?[$€£¥]/.test(typed) ? typed.replace(/^US/, '')[0] : undefined;
	const sentenceStart = Math.max(lineStart, ...['. ', '! ', '? '].map((p) => text.lastIndexOf(p, offset) + 2));
	const context = sentenceTerms(text, { start: sentenceStart, end: offset - typed.length }, corpus.entities.findMentions(text.slice(sentenceStart, offset - typed.length)).map((x) => ({ ...x, start: x.start + sentenceStart, end: x.end + sentenceStart })), []);
	const seen = new Map<string, { ref: FigureRef; score: number; keys: Set<string> }>();
	for (const source of corpus.all()) {
		for (const ref of corpus.figuresOf(source)) {
			const f = ref.figure;
			if (f.kind === 'date') continue;
			const written = f.text.replace(/^(?:US)?[$€£¥]\s?/, '').replace(/,/g, '');
			if (!written.startsWith(typedDigits)) continue;
			if (currency && !f.text.replace(/^US/, '').startsWith(currency)) continue;
			let score = 0;
			for (const t of corpus.sentenceTermsOf(ref)) if (context.has(t)) score += corpus.idf(t);
			const id = `${f.kind}|${f.unit}|${f.value}`;
			const prev = seen.get(id);
			if (prev) {
				prev.keys.add(source.key);
				if (score > prev.score) Object.assign(prev, { ref, score });
			} else seen.set(id, { ref, score, keys: new Set([source.key]) });
		}
	}
	const range = lines.range(offset - typed.length, offset);
	const rest = text.slice(offset, text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset));
	return [...seen.values()]
		.sort((a, b) => b.score - a.score || b.keys.size - a.keys.size)
		.slice(0, 20)
		.map(({ ref, keys }, i): CompletionItem => {
			const f = ref.figure;
			const key = ref.source.key;
			const about = quoteFigure(ref, 36);
			const count = `${keys.size} source${keys.size > 1 ? 's' : ''}`;
			const insert = f.text.replace(/\s+/g, ' ');
			const item: CompletionItem = {
				label: insert,
				kind: CompletionItemKind.Value,
				detail: `${count} · ${about}`,
				labelDetails: { description: count },
				documentation: { kind: 'markdown', value: `${describeFigure(f)} — \`${key}\`\n\n> ${quoteFigure(ref, 80, (s) => `**${s}**`)}` },
				filterText: insert,
				sortText: String(i).padStart(4, '0'),
				insertTextFormat: InsertTextFormat.PlainText,
			};
			// the citation goes before the end of the sentence when there is one; otherwise right after the figure
			const end = /[.!?](?=\s|$)/.exec(rest);
			if (text.slice(Math.max(0, offset - 400), offset + (end?.index ?? 0)).includes(`@${key}`)) {
				item.textEdit = { range, newText: insert };
			} else if (end) {
				item.textEdit = { range, newText: insert };
				const at = lines.position(offset + end.index);
				item.additionalTextEdits = [{ range: { start: at, end: at }, newText: ` [@${key}]` } satisfies TextEdit];
			} else {
				item.textEdit = { range, newText: `${insert} [@${key}]` };
			}
			return item;
		});
}

const NAME_PREFIX = /(?:\b\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}.'’-]*$/u;

/** Entity names and aliases starting like the capitalized words being typed. */
function entityItems(text: string, offset: number, corpus: Corpus, lines: LineIndex): CompletionItem[] {
	const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
	const before = text.slice(Math.max(lineStart, offset - 80), offset);
	const m = NAME_PREFIX.exec(before);
	if (!m || m[0].length < 2) return [];
	// try the longest run of capitalized words first ("Young L"), then shorter ones ("L")
	const words = m[0].split(/\s+/);
	for (let i = 0; i < words.length; i++) {
		const prefix = words.slice(i).join(' ');
		const entities = corpus.entities.complete(prefix, MAX_ITEMS);
		if (!entities.length) continue;
		const range = lines.range(offset - prefix.length, offset);
		return entities.map((e, j): CompletionItem => {
			const names = [e.name, ...e.aliases];
			const name = names.find((n) => n.toLowerCase().startsWith(prefix.toLowerCase())) ?? e.name;
			const n = corpus.entities.sourcesOf(e.id).length;
			return {
				label: name,
				kind: e.type === 'person' ? CompletionItemKind.Variable : e.type === 'place' ? CompletionItemKind.Module : CompletionItemKind.Class,
				detail: `${e.type} · ${n} source${n === 1 ? '' : 's'}${name !== e.name ? ` · ${e.name}` : ''}`,
				documentation: e.aliases.length ? `Also: ${e.aliases.join(', ')}` : undefined,
				filterText: name,
				sortText: `1${String(j).padStart(4, '0')}`,
				textEdit: { range, newText: name },
			};
		});
	}
	return [];
}
