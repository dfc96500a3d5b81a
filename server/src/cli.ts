/**
 * `grounded-notes check [notes...]`: the language service without an editor. Reads the sources
 * and settings of a folder as the extension does, checks the notes and prints what it finds as
 * `file:line:col: severity code message` (or JSON), for scripts, CI and pre-commit hooks.
 * `grounded-notes bibliography [notes...]` writes the CSL-JSON bibliography that Pandoc reads.
 */
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService, readSettings, type ILanguageService, type Settings } from './service';
import { parseAliasFile } from './service/extract/entities';
import { exists, fsPathOf, listNotes, listSources, loadBibliographies, readSidecar, readSourceFile, readTextFile, uriOf, writeBibliographies } from './workspace';

const USAGE = `Usage: grounded-notes check [options] [notes...]
       grounded-notes bibliography [--all] [options] [notes...]

check         checks the figures and citations of Markdown notes against the sources; without
              notes, every Markdown file of the folder that is not a source
bibliography  writes the CSL-JSON bibliography (groundedNotes.bibliography.path, references.json
              by default) of the sources the notes cite, or of every source with --all

Options:
  --root DIR        the workspace folder (default: the current folder); its
                    .vscode/settings.json groundedNotes.* settings apply
  --sources GLOB    a glob of source documents relative to the root; repeat for more
                    (default: groundedNotes.sources, else seeds/** and sources/**)
  --format FORMAT   text (default) or json
  --all             bibliography: every source, not only the cited ones
  -h, --help        shows this help

Exit status: 0 when no note has a warning or an error, 1 when one has, 2 when the command is
wrong, 3 when something failed unexpectedly.`;

/** A mistake in how the command was called: exit status 2, with what is wrong and how to call it. */
class UsageError extends Error {}

const SEVERITY: Record<number, string> = { [DiagnosticSeverity.Error]: 'error', [DiagnosticSeverity.Warning]: 'warning', [DiagnosticSeverity.Information]: 'information', [DiagnosticSeverity.Hint]: 'hint' };

interface Options {
	command: 'check' | 'bibliography';
	root: string;
	sources: string[];
	format: 'text' | 'json';
	all: boolean;
	notes: string[];
}

function parseCommandLine(argv: string[]): Options | 'help' {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			strict: true,
			options: {
				root: { type: 'string' },
				sources: { type: 'string', multiple: true },
				format: { type: 'string' },
				all: { type: 'boolean' },
				help: { type: 'boolean', short: 'h' },
			},
		});
	} catch (e) {
		throw new UsageError(e instanceof Error ? e.message.split('\n')[0]! : String(e));
	}
	const { values, positionals } = parsed;
	if (values.help) return 'help';
	const [command, ...notes] = positionals;
	if (!command) throw new UsageError('no command given: say `check` or `bibliography`');
	if (command !== 'check' && command !== 'bibliography') throw new UsageError(`unknown command '${command}': say \`check\` or \`bibliography\``);
	const format = values.format ?? 'text';
	if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
	if (values.all && command !== 'bibliography') throw new UsageError('--all goes with `bibliography` only');
	if (values.root === '') throw new UsageError('--root needs a folder');
	return { command, root: path.resolve(values.root ?? '.'), sources: values.sources ?? [], format, all: !!values.all, notes };
}

/** The `groundedNotes.*` settings of a folder's `.vscode/settings.json` (JSON with comments), nested as the server receives them. */
export function settingsFromVscode(text: string): { raw: Record<string, unknown>; problems: string[] } {
	const errors: ParseError[] = [];
	const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
	const problems = errors.map((e) => `${printParseErrorCode(e.error)} at offset ${e.offset}`);
	const raw: Record<string, unknown> = {};
	if (!value || typeof value !== 'object' || Array.isArray(value)) return { raw, problems };
	for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
		if (key === 'groundedNotes' && v && typeof v === 'object' && !Array.isArray(v)) Object.assign(raw, v);
		if (!key.startsWith('groundedNotes.')) continue;
		// `groundedNotes.codeLens.enabled` → { codeLens: { enabled } }
		const parts = key.slice('groundedNotes.'.length).split('.');
		let at = raw;
		for (const p of parts.slice(0, -1)) {
			const next = at[p];
			at = (at[p] = next && typeof next === 'object' && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
		}
		at[parts[parts.length - 1]!] = v;
	}
	return { raw, problems };
}

/** Writes progress on one stderr line, only when a person is watching it. */
function progress(): { show(text: string): void; done(): void } {
	const tty = !!process.stderr.isTTY;
	let shown = false;
	return {
		show(text) {
			if (!tty) return;
			process.stderr.write(`\r\x1b[K${text}`);
			shown = true;
		},
		done() {
			if (tty && shown) process.stderr.write('\r\x1b[K');
		},
	};
}

function warn(message: string): void {
	process.stderr.write(`grounded-notes: ${message}\n`);
}

async function loadSettings(opts: Options): Promise<Settings> {
	const file = path.join(opts.root, '.vscode', 'settings.json');
	let raw: Record<string, unknown> = {};
	if (await exists(file)) {
		const read = await readTextFile(file);
		if (read.ok) {
			const parsed = settingsFromVscode(read.text);
			for (const p of parsed.problems) warn(`${path.relative(process.cwd(), file) || file}: ${p}`);
			raw = parsed.raw;
		} else warn(`${file} was not read because ${read.reason}`);
	}
	if (opts.sources.length) raw['sources'] = opts.sources;
	const { settings, problems } = readSettings(raw);
	for (const p of problems) warn(p);
	if (opts.sources.length && settings.sources.join('\n') !== opts.sources.join('\n')) throw new UsageError('--sources takes globs relative to the root, without `..`');
	return settings;
}

async function indexSources(service: ILanguageService, opts: Options, settings: Settings): Promise<void> {
	const rootUri = uriOf(opts.root);
	if (settings.aliases) {
		const file = path.resolve(opts.root, settings.aliases);
		const read = await readTextFile(file);
		if (read.ok) {
			const { table, errors } = parseAliasFile(read.text, file);
			for (const e of errors) warn(`${settings.aliases}: ${e}`);
			service.setAliases(rootUri, table);
		} else warn(`the alias file ${settings.aliases} was not read because ${read.reason}`);
	}
	const { files, skipped } = await listSources(opts.root, settings.sources, settings);
	const bar = progress();
	service.setIndexing(true);
	for (let i = 0; i < files.length; i++) {
		const file = files[i]!;
		bar.show(`Indexing sources ${i + 1}/${files.length}: ${path.relative(opts.root, file)}`);
		const read = await readSourceFile(file, settings.maxSourceBytes, false, !settings.followSymlinksOutside);
		if (!read.ok) {
			skipped.push({ uri: uriOf(file), reason: read.reason });
			continue;
		}
		for (const e of service.setSidecar(uriOf(file), await readSidecar(file))) warn(`the metadata beside ${path.relative(process.cwd(), file)}: ${e}`);
		service.setSource(uriOf(file), read.text);
	}
	service.setIndexing(false);
	bar.done();
	for (const s of skipped) warn(`skipped ${display(fsPathOf(s.uri) ?? s.uri)}: ${s.reason}`);
	if (!files.length) warn(`no sources match ${settings.sources.join(', ')} in ${opts.root}`);
}

async function readNotes(service: ILanguageService, opts: Options, settings: Settings): Promise<TextDocument[]> {
	const files = opts.notes.length ? opts.notes.map((n) => path.resolve(n)) : await listNotes(opts.root, settings.sources);
	const notes: TextDocument[] = [];
	const loaded = new Set<string>();
	for (const file of files) {
		const uri = uriOf(file);
		if (service.isSource(uri)) {
			if (opts.notes.length) warn(`${display(file)} is a source, not a note: it is not checked`);
			continue;
		}
		const read = await readSourceFile(file, settings.maxSourceBytes);
		if (!read.ok) {
			if (opts.notes.length) throw new UsageError(`the note ${display(file)} cannot be read: ${read.reason}`);
			warn(`skipped the note ${display(file)}: ${read.reason}`);
			continue;
		}
		const doc = TextDocument.create(uri, 'markdown', 1, read.text);
		for (const p of await loadBibliographies(service, doc, [opts.root], loaded)) warn(`${display(file)}: ${p}`);
		notes.push(doc);
	}
	return notes;
}

/** A path as the user would type it: relative to the current folder when inside it. */
function display(file: string): string {
	const rel = path.relative(process.cwd(), file);
	return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

function report(notes: readonly TextDocument[], results: Map<string, Diagnostic[]>, format: 'text' | 'json'): number {
	const counts: Record<string, number> = { error: 0, warning: 0, information: 0, hint: 0 };
	const byCode: Record<string, number> = {};
	const out: Array<{ file: string; uri: string; diagnostics: Array<Record<string, unknown>> }> = [];
	for (const doc of notes) {
		const file = display(fsPathOf(doc.uri) ?? doc.uri);
		const list = [...(results.get(doc.uri) ?? [])].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
		const entries = list.map((d) => {
			const severity = SEVERITY[d.severity ?? DiagnosticSeverity.Error] ?? 'error';
			counts[severity] = (counts[severity] ?? 0) + 1;
			byCode[String(d.code)] = (byCode[String(d.code)] ?? 0) + 1;
			return { line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1, severity, code: String(d.code ?? ''), message: typeof d.message === 'string' ? d.message : d.message.value };
		});
		out.push({ file, uri: doc.uri, diagnostics: entries });
	}
	if (format === 'json') {
		process.stdout.write(`${JSON.stringify({ notes: out, summary: { notes: notes.length, ...counts, byCode } }, null, 2)}\n`);
	} else {
		const lines = out.flatMap((n) => n.diagnostics.map((d) => `${n.file}:${d['line']}:${d['column']}: ${d['severity']} ${d['code']} ${String(d['message']).replace(/\s*\n\s*/g, ' ')}`));
		if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
		const total = Object.values(counts).reduce((a, b) => a + b, 0);
		const parts = Object.entries(counts).filter(([, n]) => n).map(([s, n]) => `${n} ${s}${n > 1 && s !== 'information' ? 's' : ''}`);
		process.stderr.write(`${total ? `${total} problem${total > 1 ? 's' : ''} (${parts.join(', ')})` : 'No problems'} in ${notes.length} note${notes.length === 1 ? '' : 's'}.\n`);
	}
	return counts['error']! + counts['warning']! > 0 ? 1 : 0;
}

/** Runs the command line; resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
	let opts: Options | 'help';
	try {
		opts = parseCommandLine(argv);
		if (opts === 'help') {
			process.stdout.write(`${USAGE}\n`);
			return 0;
		}
		if (!(await exists(opts.root))) throw new UsageError(`the root folder ${opts.root} does not exist`);
		const settings = await loadSettings(opts);
		const service = createLanguageService({ settings });
		service.setFolders([uriOf(opts.root)]);
		service.configure(settings);
		await indexSources(service, opts, settings);
		const notes = await readNotes(service, opts, settings);
		if (opts.command === 'bibliography') {
			const { problems, files, missing } = await writeBibliographies(service, [uriOf(opts.root)], notes, opts.all);
			for (const p of problems) warn(p);
			if (opts.format === 'json') process.stdout.write(`${JSON.stringify({ files, missing }, null, 2)}\n`);
			else for (const f of files) process.stdout.write(`Wrote ${display(fsPathOf(f.uri) ?? f.uri)} (${f.entries} entr${f.entries === 1 ? 'y' : 'ies'}).\n`);
			if (missing.length) warn(`no source or bibliography declares ${missing.map((k) => `@${k}`).join(', ')}`);
			return problems.length ? 1 : 0;
		}
		const { diagnostics } = service.checkAll(notes);
		return report(notes, diagnostics, opts.format);
	} catch (e) {
		if (e instanceof UsageError) {
			process.stderr.write(`grounded-notes: ${e.message}\n\n${USAGE}\n`);
			return 2;
		}
		throw e;
	}
}

if (require.main === module) {
	main(process.argv.slice(2)).then(
		(code) => {
			process.exitCode = code;
		},
		(e: unknown) => {
			process.stderr.write(`grounded-notes: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
			process.exitCode = 3;
		},
	);
}
