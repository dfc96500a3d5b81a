/**
 * The language service: everything Grounded Notes knows, behind one facade. It takes plain texts
 * and positions and returns LSP data types; it does no I/O (sources come in through `setSource`)
 * and knows nothing of the connection.
 */
import type { CodeAction, CodeLens, CompletionList, Diagnostic, DocumentLink, Hover, Location, Position, Range, SymbolInformation } from 'vscode-languageserver-types';
import type { CheckSummary, Disagreement, PassageHit, ProvenanceItem, SourceEntity, SourceFigure, SourceSummary } from '../protocol';
import { DEFAULT_SETTINGS, type Settings } from './config';
import type { AliasTable } from './extract/entities';
import { citeAllKind, citeAllUncited, quickFixes } from './features/codeActions';
import { codeLenses } from './features/codeLens';
import { completeAt, type DeclaredKey } from './features/completion';
import { definitionAt } from './features/definition';
import { Code, computeDiagnostics } from './features/diagnostics';
import { findDisagreements } from './features/disagreements';
import { documentLinks } from './features/documentLinks';
import { hoverAt } from './features/hover';
import { provenanceOf } from './features/provenance';
import { referencesTo } from './features/references';
import { PassageSearch } from './features/search';
import { listSources, sourceDetails } from './features/sourcesView';
import { workspaceSymbols } from './features/workspaceSymbols';
import { bibliographyHover, bibliographyItems, bibliographyUris, citedKeys, referenceLine, type BibliographyEntry } from './features/bibliography';
import { referencesAction, referencesKind, referencesSectionRange } from './features/referencesSection';
import { cslDateToIso, parseBibliography, type CslItem } from './sources/bibtex';
import { keyOf } from './sources/source';
import { sidecarMetadata } from './sources/sidecar';
import { analyzeCitations, analyzeNote, SentenceMemo, type NoteAnalysis } from './notes/analysis';
import { readVerdicts, saveVerdicts, type NoteVerdicts, type SavedRead, type SavedVerdicts } from './notes/savedVerdicts';
import { LineIndex } from './positions';
import { Corpus, packedWords, type CorpusSnapshot, type SourceSnapshot } from './sources/corpus';
import type { SentenceWords } from './match/sentenceWords';
import type { PackedRecord, SourceRecord } from './sources/record';
import type { ParsedNote, Source, SourceMetadata } from './types';

export type { Settings } from './config';
export { DEFAULT_SETTINGS, readSettings, globProblem } from './config';
export { citeAllKind } from './features/codeActions';
export { Code } from './features/diagnostics';
export { referencesKind } from './features/referencesSection';
export type { CslItem } from './sources/bibtex';
export { htmlToText, isHtmlFile } from './sources/html';
export { pdfToText, isPdfFile } from './sources/pdf';
export { sidecarNames } from './sources/sidecar';
export { buildRecord, packRecord, unpackRecord, isPackedRecord, EXTRACTOR_VERSION, type SourceRecord, type PackedRecord } from './sources/record';
export type { SentenceWords } from './match/sentenceWords';
export type { CorpusSnapshot, SourceSnapshot } from './sources/corpus';
export type { SavedVerdicts } from './notes/savedVerdicts';

/** A corpus snapshot in parts: the whole corpus's, and each source's when asked for (valid until the corpus changes). */
export interface SnapshotParts {
	corpus: Omit<CorpusSnapshot, 'sources'>;
	count: number;
	source(i: number): SourceSnapshot;
}

/** A note as the service reads it: a URI, a version and its text (vscode-languageserver's TextDocument fits). */
export interface NoteDocument {
	readonly uri: string;
	readonly version: number;
	getText(): string;
}

/** Where the service reports what it cannot act on. */
export interface Logger {
	info(message: string): void;
	warn(message: string): void;
	error(message: string): void;
}

/** Lets a long request stop early when its client no longer wants the answer. */
export interface Cancellation {
	readonly isCancellationRequested: boolean;
}

/** Options of `createLanguageService`. */
export interface ServiceOptions {
	logger?: Logger;
	settings?: Settings;
}

/** Everything Grounded Notes can tell about sources and notes. */
export interface ILanguageService {
	/** Sets the workspace folders; each has its own sources. A note reads the sources of its own folder. */
	setFolders(folderUris: readonly string[]): void;
	/** Replaces the settings of a workspace folder (of every folder without settings of its own when no folder is named). */
	configure(settings: Settings, folderUri?: string): void;
	/** The settings in force where no folder has its own. */
	readonly settings: Settings;
	/** The settings in force for a document or folder. */
	settingsFor(uri: string): Settings;
	/** Replaces the user's alias table for the folder (re-indexing its sources). */
	setAliases(folderUri: string, table: AliasTable | undefined): void;
	/** Indexes (or re-indexes) a source. */
	setSource(uri: string, text: string): Source;
	/**
	 * Indexes (or re-indexes) a source from its record (`buildRecord`, made by a worker or read
	 * from the cache) and its text; `words`: what `sourceWords` read of the packed record, if it
	 * was read beforehand (a merge is then two shorter slices of the main thread's time).
	 */
	setRecord(uri: string, text: string, record: SourceRecord, packed?: PackedRecord, words?: SentenceWords): Source;
	/** The content words of each sentence of a packed record, as `setRecord` reads them: to read in a turn of their own before it. */
	sourceWords(packed: PackedRecord, text: string): SentenceWords;
	/** The date a year-less date in an undated source at this URI is read against now (the `fallbackDate` of its record). */
	fallbackDateFor(uri: string): string | undefined;
	/** Undated sources read against an older fallback date than their folder's latest: to read again before indexing ends. */
	staleUndated(): Array<{ uri: string; fallbackDate: string | undefined }>;
	/**
	 * A workspace folder's corpus as a snapshot for a warm start, in parts (see
	 * `Corpus.snapshotParts`), with the URIs of its sources in order; undefined when the folder
	 * has no sources, or its corpus cannot be saved as it is.
	 */
	snapshot(folderUri: string): (SnapshotParts & { uris: string[] }) | undefined;
	/**
	 * Replaces a folder's corpus with the one a snapshot saved, given the texts of its sources
	 * (read again and found unchanged; their sidecars set already). Throws, changing nothing,
	 * when the snapshot does not fit (another version, another alias table).
	 */
	restore(folderUri: string, snapshot: CorpusSnapshot, texts: readonly string[]): void;
	/** The version of a folder's corpus (it changes with every change to its sources), or undefined when it has none. */
	corpusVersion(folderUri: string): number | undefined;
	/**
	 * What the given notes (those open, for the server) were judged against a folder's corpus as it
	 * is now, sentence by sentence, as plain data (undefined when none of them was): for the next
	 * start to read back with `restoreVerdicts` when it restores the same corpus (see savedVerdicts.ts).
	 */
	savedVerdicts(folderUri: string, noteUris: Iterable<string>): SavedVerdicts | undefined;
	/**
	 * Takes the verdicts `savedVerdicts` gave against the very corpus just restored, so that notes
	 * are not weighed again; a note read since keeps its own. Returns how many notes' verdicts
	 * were taken; throws, taking none, when they do not fit the corpus.
	 */
	restoreVerdicts(folderUri: string, saved: SavedVerdicts): number;
	/** Forgets a source. */
	deleteSource(uri: string): boolean;
	/** Whether a URI is an indexed source. */
	isSource(uri: string): boolean;
	/** Every indexed source's URI. */
	sourceUris(): string[];
	/** Marks indexing as under way (unknown citations are not reported meanwhile) or done. */
	setIndexing(indexing: boolean): void;
	/**
	 * Does at most about `budgetMs` of what the first check of a note after indexing would do at
	 * once (claim matching's postings tables, deriving the entities); true when nothing is left.
	 * For the server to call between turns of its event loop when indexing ends.
	 */
	prepare(budgetMs: number): boolean;
	/** Counts for the status bar. */
	counts(): { sources: number; figures: number; entities: number };

	getDiagnostics(doc: NoteDocument, token?: Cancellation): Diagnostic[];
	getCodeActions(doc: NoteDocument, range: Range, diagnostics: readonly Diagnostic[], only?: readonly string[]): CodeAction[];
	getHover(doc: NoteDocument, position: Position): Hover | null;
	getCompletions(doc: NoteDocument, position: Position): CompletionList;
	getDefinition(doc: NoteDocument, position: Position): Location[];
	getReferences(doc: NoteDocument, position: Position, notes: Iterable<NoteDocument>): Location[];
	getDocumentLinks(doc: NoteDocument): DocumentLink[];
	getWorkspaceSymbols(query: string): SymbolInformation[];
	getCodeLenses(doc: NoteDocument): CodeLens[];

	listSources(): SourceSummary[];
	sourceDetails(key: string): { figures: SourceFigure[]; entities: SourceEntity[] } | undefined;
	searchPassages(query: string, limit?: number): PassageHit[];
	provenance(doc: NoteDocument, range: Range): ProvenanceItem[];
	disagreements(): Disagreement[];
	/** Diagnostics of many notes, counted. */
	checkAll(notes: Iterable<NoteDocument>): { summary: CheckSummary; diagnostics: Map<string, Diagnostic[]> };

	/** Sets (or with undefined clears) a source's sidecar metadata file (`<name>.json`, `<name>.bib`); returns what could not be read in it. */
	setSidecar(sourceUri: string, sidecar: { uri: string; text: string } | undefined): string[];
	/** The bibliography files a note's front matter names (`bibliography:`), as URIs. */
	bibliographiesOf(doc: NoteDocument): string[];
	/** Reads (or re-reads) a bibliography file (CSL-JSON or BibTeX); returns what could not be read in it. */
	setBibliography(uri: string, text: string): string[];
	/** Forgets a bibliography file. */
	deleteBibliography(uri: string): void;
	/** CSL-JSON items of the sources (and bibliography entries) the notes cite, or of every source when `notes` is undefined; `missing` lists cited keys nothing declares. */
	bibliography(notes: Iterable<NoteDocument> | undefined, folderUri?: string): { items: CslItem[]; missing: string[] };
}

const silent: Logger = { info() {}, warn() {}, error() {} };

/** Check All's summary of the diagnostics of many notes: how many notes, problems per code and per file. */
export function summarizeChecks(diagnostics: ReadonlyMap<string, readonly Diagnostic[]>): CheckSummary {
	const summary: CheckSummary = { notes: diagnostics.size, byCode: {}, files: [] };
	for (const [uri, list] of diagnostics) {
		for (const d of list) summary.byCode[String(d.code)] = (summary.byCode[String(d.code)] ?? 0) + 1;
		summary.files.push({ uri, problems: list.length });
	}
	return summary;
}

/** Up to this many figures, a hover finds the sources' disagreements itself (a few ms for the seed corpus). */
const HOVER_DISAGREEMENT_FIGURES = 200;

interface Cached {
	version: number;
	corpusVersion: number;
	/** Made while sources were being indexed (figures not weighed). */
	indexing: boolean;
	text: string;
	analysis: NoteAnalysis;
	lines: LineIndex;
}

/** The UTF-8 length of `text`, counted only as far as needed to tell whether it exceeds `limit`. */
function utf8Length(text: string, limit: number): number {
	if (text.length > limit || text.length * 3 <= limit) return text.length;
	let n = 0;
	for (let i = 0; i < text.length && n <= limit; i++) {
		const c = text.charCodeAt(i);
		// a surrogate pair is 4 bytes: 2 for each half
		n += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
	}
	return n;
}

/** Creates the language service. */
export function createLanguageService(options: ServiceOptions = {}): ILanguageService {
	return new LanguageService(options);
}

class LanguageService implements ILanguageService {
	settings: Settings;
	private readonly logger: Logger;
	private folders: string[] = [];
	private readonly corpora = new Map<string, Corpus>();
	private readonly aliases = new Map<string, AliasTable | undefined>();
	private readonly searches = new WeakMap<Corpus, PassageSearch>();
	private readonly cache = new Map<string, Cached>();
	/** Notes already logged as too large, so the log says it once per note. */
	private readonly largeNotes = new Set<string>();
	private readonly memos = new Map<string, SentenceMemo>();
	/** Notes' parses read back with their verdicts, by URI, until the note is first read (see `savedRead`). */
	private readonly savedReads = new Map<string, SavedRead>();
	private readonly disagreementCache = new WeakMap<Corpus, { version: number; list: Disagreement[] }>();
	private indexing = false;
	/** What each source's sidecar file declares, by the source's URI. */
	private readonly sidecars = new Map<string, Partial<SourceMetadata>>();
	/** The entries of each bibliography file a note names, by file URI, then key. */
	private readonly bibliographies = new Map<string, Map<string, BibliographyEntry>>();
	private readonly sidecarOf = (uri: string): Partial<SourceMetadata> | undefined => this.sidecars.get(uri);

	constructor(options: ServiceOptions) {
		this.logger = options.logger ?? silent;
		this.settings = options.settings ?? { ...DEFAULT_SETTINGS };
	}

	setFolders(folderUris: readonly string[]): void {
		this.folders = folderUris.map((u) => (u.endsWith('/') ? u : `${u}/`)).sort((a, b) => b.length - a.length);
	}

	private readonly folderSettings = new Map<string, Settings>();

	configure(settings: Settings, folderUri?: string): void {
		if (folderUri) this.folderSettings.set(folderUri.endsWith('/') ? folderUri : `${folderUri}/`, settings);
		else this.settings = settings;
		this.cache.clear();
		this.memos.clear();
	}

	setAliases(folderUri: string, table: AliasTable | undefined): void {
		const folder = this.folderKey(folderUri);
		this.aliases.set(folder, table);
		const old = this.corpora.get(folder);
		if (!old) return;
		// entities are learned while indexing: a new alias table means reading the sources again
		const fresh = new Corpus(table, this.sidecarOf);
		for (const s of old.all()) fresh.set(s.uri, s.text);
		this.corpora.set(folder, fresh);
		this.cache.clear();
	}

	settingsFor(uri: string): Settings {
		const u = uri.endsWith('/') || this.folders.includes(`${uri}/`) ? (uri.endsWith('/') ? uri : `${uri}/`) : uri;
		return this.folderSettings.get(this.folderOf(u)) ?? this.settings;
	}

	/** The workspace folder a folder's URI (with or without its final slash) names or lies in ('' when none): its corpus's key. */
	private folderKey(folderUri: string): string {
		return this.folderOf(folderUri.endsWith('/') ? folderUri : `${folderUri}/`);
	}

	/** The workspace folder a URI belongs to ('' when none). */
	private folderOf(uri: string): string {
		return this.folders.find((f) => uri.startsWith(f)) ?? '';
	}

	private corpusFor(uri: string): Corpus {
		const folder = this.folderOf(uri);
		let c = this.corpora.get(folder);
		if (!c) {
			// a note outside every folder with sources reads the only corpus there is, if one
			if (!this.corpora.size || folder) {
				this.corpora.set(folder, (c = new Corpus(this.aliases.get(folder), this.sidecarOf)));
				if (this.indexing) c.batch(true);
			}
			else c = this.corpora.values().next().value!;
		}
		return c;
	}

	setSource(uri: string, text: string): Source {
		return this.corpusFor(uri).set(uri, text);
	}

	setRecord(uri: string, text: string, record: SourceRecord, packed?: PackedRecord, words?: SentenceWords): Source {
		return record.uri === uri ? this.corpusFor(uri).setRecord(record, text, packed, words) : this.setSource(uri, text);
	}

	sourceWords(packed: PackedRecord, text: string): SentenceWords {
		return packedWords(packed, text);
	}

	snapshot(folderUri: string): (SnapshotParts & { uris: string[] }) | undefined {
		const corpus = this.corpora.get(this.folderKey(folderUri));
		const parts = corpus?.snapshotParts();
		return parts && { ...parts, uris: corpus!.all().map((s) => s.uri) };
	}

	corpusVersion(folderUri: string): number | undefined {
		return this.corpora.get(this.folderKey(folderUri))?.version;
	}

	savedVerdicts(folderUri: string, noteUris: Iterable<string>): SavedVerdicts | undefined {
		const corpus = this.corpora.get(this.folderKey(folderUri));
		if (!corpus) return undefined;
		const notes: NoteVerdicts[] = [];
		for (const uri of new Set(noteUris)) {
			const memo = this.memos.get(uri);
			// (a corpus version is never reused, by any corpus: a memo of this one's version was judged against it)
			if (memo?.corpusVersion !== corpus.version) continue;
			const hit = this.cache.get(uri);
			notes.push({ uri, sentences: memo.entries(), ...(hit ? { read: { text: hit.text, parsed: hit.analysis.parsed } } : {}) });
		}
		return notes.length ? saveVerdicts(notes) : undefined;
	}

	restoreVerdicts(folderUri: string, saved: SavedVerdicts): number {
		const corpus = this.corpora.get(this.folderKey(folderUri));
		if (!corpus) return 0;
		let taken = 0;
		for (const [uri, { sentences, read }] of readVerdicts(corpus, saved)) {
			if (this.memos.get(uri)?.corpusVersion === corpus.version) continue;
			this.memos.set(uri, SentenceMemo.of(corpus.version, sentences));
			if (read) this.savedReads.set(uri, read);
			taken++;
		}
		return taken;
	}

	restore(folderUri: string, snapshot: CorpusSnapshot, texts: readonly string[]): void {
		const folder = this.folderKey(folderUri);
		const corpus = Corpus.restore(snapshot, texts, this.aliases.get(folder), this.sidecarOf);
		if (this.indexing) corpus.batch(true);
		this.corpora.set(folder, corpus);
		this.cache.clear();
	}

	fallbackDateFor(uri: string): string | undefined {
		return this.corpora.get(this.folderOf(uri))?.fallbackDate();
	}

	staleUndated(): Array<{ uri: string; fallbackDate: string | undefined }> {
		return [...this.corpora.values()].flatMap((c) => c.staleUndated());
	}

	deleteSource(uri: string): boolean {
		return this.corpora.get(this.folderOf(uri))?.delete(uri) ?? false;
	}

	isSource(uri: string): boolean {
		return !!this.corpora.get(this.folderOf(uri))?.get(uri);
	}

	sourceUris(): string[] {
		return [...this.corpora.values()].flatMap((c) => c.all().map((s) => s.uri));
	}

	setIndexing(indexing: boolean): void {
		this.indexing = indexing;
		for (const c of this.corpora.values()) c.batch(indexing);
	}

	prepare(budgetMs: number): boolean {
		for (const c of this.corpora.values()) if (!c.preparePostings(budgetMs) || !c.entities.prepare(budgetMs)) return false;
		return true;
	}

	counts(): { sources: number; figures: number; entities: number } {
		let sources = 0;
		let figures = 0;
		let entities = 0;
		for (const c of this.corpora.values()) {
			sources += c.all().length;
			figures += c.figureCount();
			// while indexing, entities are not derived for a count (it costs a pass over every name): the last count stands
			if (!this.indexing) this.entityCounts.set(c, c.entities.all().length);
			entities += this.entityCounts.get(c) ?? 0;
		}
		return { sources, figures, entities };
	}

	private readonly entityCounts = new WeakMap<Corpus, number>();

	private analysis(doc: NoteDocument, token?: Cancellation): Cached {
		const corpus = this.corpusFor(doc.uri);
		const hit = this.cache.get(doc.uri);
		const text = doc.getText();
		// while sources are being indexed the corpus changes with every file: a note not edited since
		// is answered from what it was last read against (it is read again once indexing is done).
		// What was read while indexing (figures found, not weighed) never stands afterwards, even
		// against the same corpus (a warm start's: restored whole, then the note read, then indexing ends)
		const current = hit && hit.version === doc.version && hit.text === text && (this.indexing ? hit.indexing || hit.corpusVersion === corpus.version : !hit.indexing && hit.corpusVersion === corpus.version);
		if (current) return hit;
		let memo = this.memos.get(doc.uri);
		if (!memo) this.memos.set(doc.uri, (memo = new SentenceMemo()));
		if (this.memos.size > 200) this.memos.delete(this.memos.keys().next().value!);
		const limit = this.settingsFor(doc.uri).maxNoteBytes;
		const large = utf8Length(text, limit) > limit;
		if (large && !this.largeNotes.has(doc.uri)) {
			this.largeNotes.add(doc.uri);
			this.logger.warn(`${doc.uri} is larger than groundedNotes.maxNoteBytes (${limit} bytes): only its citations are checked, not its figures.`);
		}
		// the parse depends on the text alone: a note re-read after a source changed is not parsed
		// again, nor is one opened with the text it had when the last session saved its verdicts
		const parsed = large ? undefined : hit && hit.text === text ? hit.analysis.parsed : this.savedRead(doc.uri, text);
		// while sources are being indexed, figures are found but not weighed (see analyzeNote)
		const analysis = large ? analyzeCitations(corpus, text) : analyzeNote(corpus, text, () => token?.isCancellationRequested ?? false, memo, parsed, !this.indexing);
		const entry: Cached = { version: doc.version, corpusVersion: corpus.version, indexing: this.indexing, text, analysis, lines: new LineIndex(text) };
		// a cancelled analysis is partial: never keep it
		if (!token?.isCancellationRequested) this.cache.set(doc.uri, entry);
		if (this.cache.size > 500) this.cache.delete(this.cache.keys().next().value!);
		return entry;
	}

	/** The parse of a note read back with its verdicts (see `restoreVerdicts`), if it was of this text; asked once. */
	private savedRead(uri: string, text: string): ParsedNote | undefined {
		const read = this.savedReads.get(uri);
		if (!read) return undefined;
		this.savedReads.delete(uri);
		return read.text === text ? read.parsed : undefined;
	}

	getDiagnostics(doc: NoteDocument, token?: Cancellation): Diagnostic[] {
		const { analysis, lines } = this.analysis(doc, token);
		const corpus = this.corpusFor(doc.uri);
		// a note resolves citations in its own folder first, then in the other folders
		const elsewhere = analysis.unknown.length && this.corpora.size > 1 ? [...this.corpora.values()].filter((c) => c !== corpus) : [];
		let unknown = elsewhere.length ? analysis.unknown.filter((c) => !elsewhere.some((o) => o.byKey(c.key))) : analysis.unknown;
		// keys the note's own bibliography files declare are known too
		const declared = unknown.length ? this.declaredEntries(analysis.parsed, doc.uri) : undefined;
		if (declared?.size) unknown = unknown.filter((c) => !declared.has(c.key));
		const diagnostics = computeDiagnostics({ ...analysis, unknown }, corpus, lines, this.settingsFor(doc.uri).diagnostics, this.indexing);
		// a References section lists sources: its titles and dates are not claims
		const refs = referencesSectionRange(analysis.text);
		if (!refs) return diagnostics;
		return diagnostics.filter((d) => d.code === Code.unknownCitation || lines.offset(d.range.start) < refs.start || lines.offset(d.range.start) >= refs.end);
	}

	getCodeActions(doc: NoteDocument, _range: Range, diagnostics: readonly Diagnostic[], only?: readonly string[]): CodeAction[] {
		const wants = (kind: string) => !only?.length || only.some((o) => kind === o || kind.startsWith(`${o}.`));
		const out: CodeAction[] = [];
		if (wants('quickfix')) out.push(...quickFixes(doc.uri, diagnostics));
		if (wants(citeAllKind)) {
			const all = this.getDiagnostics(doc);
			const a = citeAllUncited(doc.uri, all);
			if (a) out.push(a);
		}
		// listed only when asked for by kind (the Source Action menu, or on save), never as a quick fix
		if (only?.some((o) => referencesKind === o || referencesKind.startsWith(`${o}.`))) {
			const a = this.referencesAction(doc);
			if (a) out.push(a);
		}
		return out;
	}

	getHover(doc: NoteDocument, position: Position): Hover | null {
		const { analysis, lines } = this.analysis(doc);
		const bib = this.bibliographyHover(doc, analysis, lines, position);
		if (bib) return bib;
		return hoverAt(analysis, this.corpusFor(doc.uri), lines, lines.offset(position), () => this.hoverDisagreements());
	}

	/**
	 * Disagreements for a hover: those already found, or found now when that is cheap. Finding them
	 * compares figures pairwise (about a minute for the 17,500 figures of the SOTU corpus): a hover
	 * must not wait for that, nor must it during indexing, when every file changes the corpus.
	 */
	private hoverDisagreements(): Disagreement[] {
		const out: Disagreement[] = [];
		for (const c of this.corpora.values()) {
			const hit = this.disagreementCache.get(c);
			if (hit && (hit.version === c.version || this.indexing)) out.push(...hit.list);
			else if (!this.indexing && c.figureCount() <= HOVER_DISAGREEMENT_FIGURES) {
				const list = findDisagreements(c);
				this.disagreementCache.set(c, { version: c.version, list });
				out.push(...list);
			}
		}
		return out;
	}

	getCompletions(doc: NoteDocument, position: Position): CompletionList {
		const text = doc.getText();
		const lines = new LineIndex(text);
		// keys of the note's own bibliography files, when its front matter names any
		const declared: DeclaredKey[] = [];
		if (this.bibliographies.size && /^\s*bibliography\s*:/m.test(text.slice(0, 4096))) {
			for (const [key, e] of this.declaredEntries(this.analysis(doc).analysis.parsed, doc.uri)) {
				const date = cslDateToIso(e.item['issued']);
				const title = typeof e.item['title'] === 'string' ? e.item['title'] : key;
				declared.push({ key, title, documentation: `**${title}**${date ? ` · ${date}` : ''}\n\nfrom ${e.uri.slice(e.uri.lastIndexOf('/') + 1)}` });
			}
		}
		return completeAt(text, lines.offset(position), this.corpusFor(doc.uri), lines, declared);
	}

	getDefinition(doc: NoteDocument, position: Position): Location[] {
		const { analysis, lines } = this.analysis(doc);
		return definitionAt(analysis, this.corpusFor(doc.uri), lines.offset(position));
	}

	getReferences(doc: NoteDocument, position: Position, notes: Iterable<NoteDocument>): Location[] {
		const { analysis, lines } = this.analysis(doc);
		const offset = lines.offset(position);
		const c = analysis.parsed.citations.find((x) => offset >= x.start && offset <= x.end);
		if (!c) return [];
		const parsed = [...notes].map((n) => {
			const a = this.analysis(n).analysis;
			return { uri: n.uri, text: a.text, parsed: a.parsed };
		});
		return referencesTo(c.key, parsed);
	}

	getDocumentLinks(doc: NoteDocument): DocumentLink[] {
		const { analysis, lines } = this.analysis(doc);
		return documentLinks(analysis, this.corpusFor(doc.uri), lines);
	}

	getWorkspaceSymbols(query: string): SymbolInformation[] {
		return workspaceSymbols(this.corpora.values(), query);
	}

	getCodeLenses(doc: NoteDocument): CodeLens[] {
		if (!this.settingsFor(doc.uri).codeLens) return [];
		const { analysis, lines } = this.analysis(doc);
		return codeLenses(analysis, lines);
	}

	listSources(): SourceSummary[] {
		return listSources(this.corpora.values());
	}

	sourceDetails(key: string): { figures: SourceFigure[]; entities: SourceEntity[] } | undefined {
		for (const c of this.corpora.values()) {
			const d = sourceDetails(c, key);
			if (d) return d;
		}
		return undefined;
	}

	private searchOf(corpus: Corpus): PassageSearch {
		let s = this.searches.get(corpus);
		if (!s) this.searches.set(corpus, (s = new PassageSearch(corpus)));
		return s;
	}

	searchPassages(query: string, limit = 30): PassageHit[] {
		return [...this.corpora.values()].flatMap((c) => this.searchOf(c).search(query, limit)).slice(0, limit);
	}

	provenance(doc: NoteDocument, range: Range): ProvenanceItem[] {
		const { analysis, lines } = this.analysis(doc);
		const corpus = this.corpusFor(doc.uri);
		return provenanceOf(analysis, this.searchOf(corpus), lines.offset(range.start), lines.offset(range.end));
	}

	disagreements(): Disagreement[] {
		const out: Disagreement[] = [];
		for (const c of this.corpora.values()) {
			let hit = this.disagreementCache.get(c);
			if (!hit || hit.version !== c.version) this.disagreementCache.set(c, (hit = { version: c.version, list: findDisagreements(c) }));
			out.push(...hit.list);
		}
		return out;
	}

	checkAll(notes: Iterable<NoteDocument>): { summary: CheckSummary; diagnostics: Map<string, Diagnostic[]> } {
		const diagnostics = new Map<string, Diagnostic[]>();
		for (const n of notes) diagnostics.set(n.uri, this.getDiagnostics(n));
		return { summary: summarizeChecks(diagnostics), diagnostics };
	}

	// --- bibliographies and sidecar metadata

	setSidecar(sourceUri: string, sidecar: { uri: string; text: string } | undefined): string[] {
		const before = JSON.stringify(this.sidecars.get(sourceUri) ?? null);
		let errors: string[] = [];
		if (sidecar) {
			const read = sidecarMetadata(sidecar.uri, sidecar.text, keyOf(sourceUri));
			errors = read.errors;
			if (read.meta) this.sidecars.set(sourceUri, read.meta);
			else this.sidecars.delete(sourceUri);
		} else this.sidecars.delete(sourceUri);
		// re-index an indexed source whose sidecar changed
		const source = this.corpora.get(this.folderOf(sourceUri))?.get(sourceUri);
		if (source && JSON.stringify(this.sidecars.get(sourceUri) ?? null) !== before) this.setSource(sourceUri, source.text);
		return errors;
	}

	bibliographiesOf(doc: NoteDocument): string[] {
		return bibliographyUris(this.analysis(doc).analysis.parsed, doc.uri);
	}

	setBibliography(uri: string, text: string): string[] {
		const { items, errors } = parseBibliography(uri, text);
		const entries = new Map<string, BibliographyEntry>();
		for (const item of items) if (!entries.has(item.id)) entries.set(item.id, { uri, item });
		this.bibliographies.set(uri, entries);
		this.cache.clear();
		return errors;
	}

	deleteBibliography(uri: string): void {
		if (this.bibliographies.delete(uri)) this.cache.clear();
	}

	bibliography(notes: Iterable<NoteDocument> | undefined, folderUri?: string): { items: CslItem[]; missing: string[] } {
		const corpus = folderUri ? this.corpusFor(folderUri.endsWith('/') ? folderUri : `${folderUri}/`) : this.corpora.values().next().value;
		if (!corpus) return { items: [], missing: [] };
		if (!notes) return { items: bibliographyItems(corpus, new Map(), undefined), missing: [] };
		const keys: string[] = [];
		const known = new Map<string, BibliographyEntry>();
		for (const n of notes) {
			const { parsed } = this.analysis(n).analysis;
			keys.push(...citedKeys(parsed));
			for (const [k, e] of this.declaredEntries(parsed, n.uri)) if (!known.has(k)) known.set(k, e);
		}
		const cited = [...new Set(keys)];
		const items = bibliographyItems(corpus, known, cited);
		const ids = new Set(items.map((i) => i.id));
		return { items, missing: cited.filter((k) => !ids.has(k)) };
	}

	/** The entries of the bibliography files a note names, by key (the first file to declare a key wins). */
	private declaredEntries(parsed: NoteAnalysis['parsed'], noteUri: string): Map<string, BibliographyEntry> {
		const out = new Map<string, BibliographyEntry>();
		for (const uri of bibliographyUris(parsed, noteUri)) for (const [k, e] of this.bibliographies.get(uri) ?? []) if (!out.has(k)) out.set(k, e);
		return out;
	}

	/** The hover of a citation whose key no source has but a bibliography file of the note declares. */
	private bibliographyHover(doc: NoteDocument, analysis: NoteAnalysis, lines: LineIndex, position: Position): Hover | null {
		const offset = lines.offset(position);
		const c = analysis.parsed.citations.find((x) => offset >= x.start && offset <= x.end);
		if (!c || this.corpusFor(doc.uri).byKey(c.key)) return null;
		const entry = this.declaredEntries(analysis.parsed, doc.uri).get(c.key);
		return entry ? { contents: { kind: 'markdown', value: bibliographyHover(c.key, entry) }, range: lines.range(c.keyStart, c.keyEnd) } : null;
	}

	/** "Add/Update the References section" for a note, if the section is missing or out of date. */
	private referencesAction(doc: NoteDocument): CodeAction | undefined {
		const { analysis, lines } = this.analysis(doc);
		const corpus = this.corpusFor(doc.uri);
		const declared = this.declaredEntries(analysis.parsed, doc.uri);
		const items = bibliographyItems(corpus, declared, citedKeys(analysis.parsed));
		return referencesAction(doc.uri, analysis.text, lines, items.map((i) => ({ key: i.id, ...referenceLine(i) })));
	}
}
