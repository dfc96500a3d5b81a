/**
 * The LSP adapter: wires a connection to the language service. Handlers are thin: find the
 * document, hand it to the service, return what it says. Indexing runs in the background so that
 * requests are answered from what is indexed so far.
 */
import {
	CodeActionKind,
	DidChangeConfigurationNotification,
	DidChangeWatchedFilesNotification,
	FileChangeType,
	TextDocumentSyncKind,
	TextDocuments,
	type Connection,
	type InitializeParams,
	type InitializeResult,
	type WorkDoneProgressReporter,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CancellationToken, LSPErrorCodes, ResponseError, type Diagnostic } from 'vscode-languageserver';
import { FromServer, ToServer, type BibliographyWritten, type IndexStatus, type WireRange } from './protocol';
import { citeAllKind, createLanguageService, summarizeChecks, referencesKind, readSettings, unpackRecord, type ILanguageService, type Logger, type NoteDocument, type SavedVerdicts, type SentenceWords } from './service';
import { parseAliasFile } from './service/extract/entities';
import { LOG_LEVELS, layerSettings, type LogLevel } from './service/config';
import { warmUp, warmUpSteps } from './service/warmUp';
import { inliningLowered, moreBytesThan, restoreInlining } from './jit';
import { yieldToRequests } from './turns';
import { fileSize, fsPathOf, listNotes, listSources, loadBibliographies, matcherFor, readFileInFolder, readSourceFile, reallyInside, uriOf, watchFolder, writeBibliographies, type Skipped } from './workspace';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { Indexer, cacheRoot, entriesOf, folderCacheDir, type IndexJob, type IndexResult } from './indexer';

/** Metadata files watched beside the sources: sidecars and bibliographies. */
const METADATA_GLOB = '**/*.{json,bib}';
/** How long each slice of the work that ends indexing may keep requests waiting (see ILanguageService.prepare). */
const PREPARE_SLICE_MS = 8;
/**
 * How long the sources must be still before their snapshot is saved (see saveSnapshots): saving
 * keeps the main thread half busy for ~0.1 s (SOTU) to ~2 s (x10), in slices, and is better done
 * when the user is not editing sources.
 */
const SNAPSHOT_DELAY_MS = 5000;

/** What a server needs besides its connection (tests may pass their own). */
export interface ServerOptions {
	/** Milliseconds to wait after an edit before checking a note. */
	debounceMs?: number;
	/** Index sources on the main thread instead of a worker thread (also: GROUNDED_NOTES_INDEXER=main). */
	inProcessIndexing?: boolean;
	/**
	 * Log the phases of a start and of a full index (the listing, the first and last source merged,
	 * the tables made, ready) with the milliseconds since the process started, for timing them
	 * (bench/timeline.ts prints them); also: GROUNDED_NOTES_TRACE=1.
	 */
	trace?: boolean;
}

/** Starts serving Grounded Notes on a connection. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
	const debounceMs = options.debounceMs ?? 30;
	const tracing = options.trace ?? process.env['GROUNDED_NOTES_TRACE'] === '1';
	const trace = (what: string) => {
		if (tracing) connection.console.log(`trace ${Math.round(performance.now())} ms: ${what}`);
	};
	const documents = new TextDocuments(TextDocument);
	// the log level is a setting; until settings are read, everything but debug is logged
	const logs = (level: LogLevel) => LOG_LEVELS.indexOf(level) <= LOG_LEVELS.indexOf(service?.settings.logLevel ?? 'info');
	const logger: Logger = {
		info: (m) => logs('info') && connection.console.info(m),
		warn: (m) => logs('warn') && connection.console.warn(m),
		error: (m) => connection.console.error(m),
	};
	const service: ILanguageService = createLanguageService({ logger });
	let folders: string[] = [];
	let canConfigure = false;
	let canRegisterConfiguration = false;
	let canWatch = false;
	let canProgress = false;
	let canFolders = false;
	let canRefreshLenses = false;
	let initOptions: unknown;
	let status: IndexStatus = { state: 'indexing', indexed: 0, total: 0, sources: 0, figures: 0, entities: 0, skipped: [] };
	const stopWatching: Array<() => void> = [];
	/** When the note reader's code is warmed up (`warmUp`): at `initialize`, or once the first indexing ends. */
	let noteWarmUp: 'at initialize' | 'after indexing' | 'done' = 'at initialize';
	const reported = new Set<string>();

	connection.onInitialize((params: InitializeParams): InitializeResult => {
		trace('initialize received');
		folders = (params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : [])).filter((u) => fsPathOf(u));
		if (!folders.length && params.rootPath) folders = [uriOf(params.rootPath)];
		service.setFolders(folders);
		// indexing from now, as the status says: a request between this answer and the listing is
		// answered as one while indexing (figures found, not weighed against no sources at all)
		if (folders.length) service.setIndexing(true);
		canConfigure = !!params.capabilities.workspace?.configuration;
		canRegisterConfiguration = !!params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
		canWatch = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
		canProgress = !!params.capabilities.window?.workDoneProgress;
		canFolders = !!params.capabilities.workspace?.workspaceFolders;
		canRefreshLenses = !!params.capabilities.workspace?.codeLens?.refreshSupport;
		initOptions = params.initializationOptions;
		const opts = initOptions && typeof initOptions === 'object' ? (initOptions as Record<string, unknown>) : {};
		const fromInit = readSettings(opts['settings'] ?? opts);
		service.configure(fromInit.settings);
		// the indexer worker starts loading now, while the client and server finish their handshake,
		// and the note reader's code is run once meanwhile, not on the first request about a note;
		// unless every folder has a snapshot to restore: on two cores the worker's start slowed the
		// restore down, and so did the note warm-up, which then waits until the index is ready (should
		// a snapshot not fit after all, the worker starts with the first run)
		if (!folders.length || !folders.every((f) => indexerOf().hasSnapshot(folderCacheDirOf(f)))) {
			indexerOf().warmUp();
			warmUp();
		} else {
			noteWarmUp = 'after indexing';
			// read in the thread pool meanwhile, the main thread then decodes it (see restoreSnapshots)
			for (const f of folders) indexerOf().prefetchSnapshot(folderCacheDirOf(f));
		}
		trace('initialize answered');
		return {
			capabilities: {
				textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
				hoverProvider: true,
				completionProvider: { triggerCharacters: ['@', ';', '$', '.'], resolveProvider: false },
				codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, citeAllKind, referencesKind] },
				definitionProvider: true,
				referencesProvider: true,
				documentLinkProvider: { resolveProvider: false },
				workspaceSymbolProvider: true,
				codeLensProvider: { resolveProvider: false },
				workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
			},
			serverInfo: { name: 'grounded-notes-ls', version: '0.1.0' },
		};
	});

	connection.onInitialized(async () => {
		if (canFolders) {
			connection.workspace.onDidChangeWorkspaceFolders((e) => {
				const removed = new Set(e.removed.map((f) => f.uri));
				folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)];
				service.setFolders(folders);
				void watch().then(() => reindexAll());
			});
		}
		// only where the client can take it: eglot, for one, warns the user about a registration it does not support
		if (canConfigure && canRegisterConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'groundedNotes' }).catch(() => undefined);
		await loadSettings();
		await watch();
		await reindexAll();
	});

	/** Reads the settings of every folder (each may have its own), falling back to initializationOptions. */
	async function loadSettings(): Promise<void> {
		const opts = initOptions && typeof initOptions === 'object' ? (initOptions as Record<string, unknown>) : {};
		const fallback = opts['settings'] ?? opts;
		let fromClient: unknown[] = [];
		if (canConfigure) {
			try {
				const items = [{ section: 'groundedNotes' }, ...folders.map((f) => ({ section: 'groundedNotes', scopeUri: f }))];
				fromClient = (await connection.workspace.getConfiguration(items)) as unknown[];
			} catch {
				fromClient = [];
			}
		}
		const problems = new Set<string>();
		const read = (raw: unknown) => {
			const r = readSettings(raw);
			for (const p of r.problems) problems.add(p);
			return r.settings;
		};
		// each answer key by key over the one before it: initializationOptions, the client's, the folder's
		const global = layerSettings(fallback, fromClient[0]);
		service.configure(read(global));
		for (let i = 0; i < folders.length; i++) service.configure(read(layerSettings(global, fromClient[i + 1])), folders[i]);
		for (const p of problems) logger.warn(p);
		const list = [...problems];
		if (list.length) warnOnce(`settings:${list.join('|')}`, `Grounded Notes: ${list[0]}${list.length > 1 ? ` (and ${list.length - 1} more; see the log)` : ''}`);
		await loadAliases();
	}

	const aliasTexts = new Map<string, string>();
	async function loadAliases(): Promise<void> {
		for (const folder of folders) {
			const settings = service.settingsFor(folder);
			let table: ReturnType<typeof parseAliasFile>['table'] | undefined;
			if (settings.aliases) {
				const root = fsPathOf(folder)!;
				const file = path.resolve(root, settings.aliases);
				const read = await readFileInFolder(root, file);
				if (read.ok) {
					const parsed = parseAliasFile(read.text, file);
					for (const e of parsed.errors) warnOnce(`aliases:${file}:${e}`, `Grounded Notes: ${settings.aliases}: ${e}`);
					table = parsed.table;
				} else warnOnce(`aliases:${file}`, `Grounded Notes: the alias file ${settings.aliases} was not read because ${read.reason}.`);
			}
			// a new alias table means reading the folder's sources again: only when it changed
			const id = JSON.stringify(table ?? null);
			if (aliasTexts.get(folder) === id) continue;
			aliasTexts.set(folder, id);
			service.setAliases(folder, table);
		}
	}

	function warnOnce(id: string, message: string): void {
		logger.warn(message);
		if (reported.has(id)) return;
		reported.add(id);
		void connection.window.showWarningMessage(message);
	}

	let registration: { dispose(): void } | undefined;
	async function watch(): Promise<void> {
		for (const stop of stopWatching.splice(0)) stop();
		registration?.dispose();
		registration = undefined;
		if (canWatch) {
			// sources, and the metadata files beside them and bibliographies notes name (.json, .bib)
			const watchers = folders.flatMap((f) => [...service.settingsFor(f).sources, METADATA_GLOB].map((g) => ({ globPattern: { baseUri: f, pattern: g } })));
			try {
				registration = await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
				return;
			} catch {
				// fall through to our own watcher
			}
		}
		for (const folder of folders) {
			const root = fsPathOf(folder)!;
			const matches = matcherFor(root, [...service.settingsFor(folder).sources, METADATA_GLOB]);
			stopWatching.push(watchFolder(root, matches, (p) => onFileChanged(uriOf(p)), (m) => logger.warn(m)));
		}
	}

	// --- indexing

	let indexRun = 0;
	let progress: WorkDoneProgressReporter | undefined;
	let indexer: Indexer | undefined;
	// GROUNDED_NOTES_INDEXER: `main` indexes on the main thread, a path names another worker bundle (tests, benchmarks)
	const indexerEnv = process.env['GROUNDED_NOTES_INDEXER'];
	// a source's words are read a turn before its merge (see `applyResult`)
	const preparedWords = new WeakMap<IndexResult, SentenceWords>();
	const prepare = (r: IndexResult) => {
		if (r.kind === 'indexed') preparedWords.set(r, service.sourceWords(r.record, r.text));
	};
	const indexerOf = () => (indexer ??= new Indexer({ logger, prepare, inProcess: options.inProcessIndexing ?? indexerEnv === 'main', ...(indexerEnv && indexerEnv !== 'main' ? { workerFile: indexerEnv } : {}) }));
	/** The sidecar metadata file of each source that has one, as read (a snapshot keeps them). */
	const sidecarFiles = new Map<string, { uri: string; text: string }>();
	/** The content hash of what the index holds for each source: a file with the same hash is not read again. */
	const indexedHashes = new Map<string, string>();

	/** Cache directories by folder, setting and storage (a hash each: worked out once, not per file). */
	const cacheDirByFolder = new Map<string, string>();
	/** The workspace folder a URI is in. */
	const folderOfUri = (uri: string) => folders.find((f) => uri.startsWith(f.endsWith('/') ? f : `${f}/`));
	/** The index cache directory of the folder a URI is in. */
	const cacheDirOf = (uri: string) => {
		const folder = folderOfUri(uri);
		return folder === undefined ? undefined : folderCacheDirOf(folder);
	};
	/** The index cache directory of a workspace folder (per folder: its own settings may move it). */
	function folderCacheDirOf(folder: string): string {
		const opts = initOptions && typeof initOptions === 'object' ? (initOptions as Record<string, unknown>) : {};
		const storage = typeof opts['storagePath'] === 'string' && opts['storagePath'] ? opts['storagePath'] : undefined;
		const setting = service.settingsFor(folder).cachePath;
		const key = `${folder}\0${setting}\0${storage ?? ''}`;
		let dir = cacheDirByFolder.get(key);
		if (dir === undefined) cacheDirByFolder.set(key, (dir = folderCacheDir(cacheRoot(setting, fsPathOf(folder), storage), folder)));
		return dir;
	}

	function jobFor(file: string, fallbackDate: string | undefined): IndexJob {
		const uri = uriOf(file);
		const settings = service.settingsFor(uri);
		const job: IndexJob = { uri, path: file, maxBytes: settings.maxSourceBytes };
		if (!settings.followSymlinksOutside) job.refuseLinks = true;
		if (fallbackDate !== undefined) job.fallbackDate = fallbackDate;
		const known = service.isSource(uri) ? indexedHashes.get(uri) : undefined;
		if (known) job.known = known;
		const cacheDir = cacheDirOf(uri);
		if (cacheDir) job.cacheDir = cacheDir;
		return job;
	}

	/** Gives the service a source's sidecar file as read (none: undefined), logging what it cannot read in it; kept for the snapshot. */
	function setSidecar(uri: string, sidecar: { uri: string; text: string } | undefined): void {
		for (const e of service.setSidecar(uri, sidecar)) logger.warn(`The metadata beside ${fsPathOf(uri)}: ${e}.`);
		if (sidecar) sidecarFiles.set(uri, sidecar);
		else sidecarFiles.delete(uri);
	}

	/** Merges what the indexer made of one file into the index; returns whether the file has vanished. */
	function applyResult(r: IndexResult, skipped: Skipped[]): boolean {
		if (r.kind === 'indexed') {
			try {
				setSidecar(r.uri, r.sidecar);
				service.setRecord(r.uri, r.text, unpackRecord(r.record, r.text), r.record, preparedWords.get(r));
				indexedHashes.set(r.uri, r.hash);
			} catch (e) {
				skipped.push({ uri: r.uri, reason: `indexing it failed: ${e instanceof Error ? e.message : String(e)}` });
			}
		} else if (r.kind === 'failed') skipped.push({ uri: r.uri, reason: r.reason });
		else if (r.kind === 'skipped') {
			// a source that was readable before and is not now must not linger in the index
			service.deleteSource(r.uri);
			indexedHashes.delete(r.uri);
			if (r.reason === 'it no longer exists') return true;
			skipped.push({ uri: r.uri, reason: r.reason });
		}
		return false;
	}

	function publishStatus(): void {
		const c = service.counts();
		status = { ...status, ...c };
		// a copy: the message is written later, and `status` changes meanwhile
		void connection.sendNotification(FromServer.status, { ...status });
		if (status.state === 'ready') {
			for (const resolve of indexedWaiters.splice(0)) resolve();
			scheduleSnapshots();
		}
	}

	/** Waiters for the sources to be indexed (Check All checks figures against all of them). */
	const indexedWaiters: Array<() => void> = [];
	function whenIndexed(): Promise<void> {
		return status.state === 'ready' ? Promise.resolve() : new Promise((resolve) => indexedWaiters.push(resolve));
	}

	/** Reads every source of every folder, a file at a time so that requests are answered meanwhile. */
	async function reindexAll(): Promise<IndexStatus> {
		const run = ++indexRun;
		service.setIndexing(true);
		const skipped: Skipped[] = [];
		const files: string[] = [];
		for (const folder of folders) {
			const settings = service.settingsFor(folder);
			const listed = await listSources(fsPathOf(folder)!, settings.sources, settings);
			files.push(...listed.files);
			skipped.push(...listed.skipped);
		}
		trace(`sources listed (${files.length})`);
		const stale = () => run !== indexRun;
		// (listing 2,330 files, then restoring or making their jobs, were one stretch of up to ~100 ms on a slow host)
		await yieldToRequests();
		if (stale()) return status;
		const keep = new Set(files.map(uriOf));
		for (const uri of service.sourceUris()) if (!keep.has(uri)) service.deleteSource(uri);
		status = { state: 'indexing', indexed: 0, total: files.length, sources: 0, figures: 0, entities: 0, skipped: [] };
		progress?.done();
		progress = canProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
		progress?.begin('Grounded Notes: indexing sources', 0, `0/${files.length}`, false);
		publishStatus();
		let lastReport = Date.now();
		let vanished = 0;
		// the worker reads and extracts; each result is merged here as it comes, requests in between
		const used = new Set<string>();
		// how each source was indexed, the last time in this run (an undated one may be read twice)
		const how = new Map<string, 'extracted' | 'cached' | 'unchanged' | 'snapshot'>();
		// a warm start: a folder whose snapshot fits its files is restored whole, not merged file by file
		await Promise.all(folders.map((f) => indexerOf().snapshotPrefetched(folderCacheDirOf(f))));
		if (stale()) return status;
		const { restored, recheck } = restoreSnapshots(files, used, how);
		indexerOf().forgetPrefetched();
		status.indexed += restored.size - recheck.size;
		// (listing, restoring and making the jobs were ~40 ms at a stretch for 2,330 files)
		await yieldToRequests();
		if (stale()) return status;
		// restored sources read again that turned out unchanged
		let rechecked = 0;
		const onResult = (r: IndexResult) => {
			if (applyResult(r, skipped)) vanished++;
			if (r.kind === 'indexed' || r.kind === 'unchanged') for (const k of r.keep) used.add(k);
			if (r.kind === 'indexed') how.set(r.uri, r.cached ? 'cached' : 'extracted');
			else if (r.kind === 'unchanged' && how.get(r.uri) === 'snapshot') {
				rechecked++;
				// its snapshot had no stamp it could trust for the file: saved again (stamped anew), the next start need not read it
				const folder = folderOfUri(r.uri);
				if (folder !== undefined) snapshotsOnDisk.delete(folder);
			} else if (r.kind === 'unchanged') how.set(r.uri, 'unchanged');
			// a restored source whose file cannot be read now is gone from the index
			else if (r.kind === 'skipped') how.delete(r.uri);
		};
		// a source indexed already is read against the date it was (so an unchanged one stays unchanged); a new one against none yet
		const toIndex = files.filter((f) => !restored.has(uriOf(f)) || recheck.has(uriOf(f)));
		// a long first index runs faster with V8's inlining (see jit.ts)
		if (inliningLowered() && moreBytesThan(fileSize, toIndex)) restoreInlining();
		trace(`${toIndex.length} sources to read (${restored.size - recheck.size} restored)`);
		let merged = 0;
		await indexerOf().run(toIndex.map((f) => jobFor(f, service.isSource(uriOf(f)) ? service.fallbackDateFor(uriOf(f)) : undefined)), (r) => {
			onResult(r);
			if (++merged === 1) trace('first source merged');
			status.indexed++;
			if (Date.now() - lastReport > 200) {
				lastReport = Date.now();
				progress?.report(Math.round((status.indexed / files.length) * 100), `${status.indexed}/${files.length}`);
				publishStatus();
			}
		}, stale);
		if (stale()) return status;
		if (merged) trace(`last source merged (${merged})`);
		// sources without a date of their own are read again against the latest date the others give
		const redate = service.staleUndated().filter((u) => fsPathOf(u.uri));
		if (redate.length) await indexerOf().run(redate.map((u) => jobFor(fsPathOf(u.uri)!, u.fallbackDate)), onResult, stale);
		if (stale()) return status;
		const cacheDirs = new Set(files.map((f) => cacheDirOf(uriOf(f))).filter((d): d is string => !!d));
		for (const dir of cacheDirs) indexerOf().prune(dir, used);
		// what the first check of a note would do in one go, done in slices with requests in between
		// (still indexing meanwhile: a hover says so rather than judge the note on half a table)
		while (!service.prepare(PREPARE_SLICE_MS)) {
			await yieldToRequests();
			if (stale()) return status;
		}
		trace('tables made');
		service.setIndexing(false);
		restoreInlining();
		status.state = 'ready';
		status.skipped = skipped;
		const count = (k: string) => [...how.values()].filter((v) => v === k).length;
		if (vanished) logger.info(`${vanished} sources were deleted or renamed while being indexed.`);
		reportSkipped(skipped);
		progress?.done();
		progress = undefined;
		publishStatus();
		if (noteWarmUp === 'after indexing') {
			noteWarmUp = 'done';
			// the first steps before the notes are checked (they are checked 0 ms from now): they then
			// run warm code; the rest a step at a time, requests answered in between
			const steps = warmUpSteps();
			setImmediate(async () => {
				try {
					for (const step of steps.splice(0, 2)) step();
					for (const step of steps) {
						await yieldToRequests();
						step();
					}
				} catch (e) {
					// an optimization only: the first request about a note runs cold code
					logger.warn(`The note warm-up failed: ${e instanceof Error ? e.message : String(e)}`);
				}
			});
		}
		logger.info(`Indexed ${status.sources} sources (${status.figures} figures, ${status.entities} entities)${skipped.length ? `; skipped ${skipped.length}` : ''}: ${count('snapshot') ? `${count('snapshot')} restored from the index snapshot (${count('snapshot') - rechecked} known unchanged by their size and times, ${rechecked} read again to tell), ` : ''}${count('extracted')} read and extracted, ${count('cached')} from the index cache, ${count('unchanged')} unchanged (${indexerOf().onWorker ? 'on a worker thread' : 'on the main thread'}).`);
		revalidateAll();
		return status;
	}

	/**
	 * Restores each folder that has no sources indexed yet from its snapshot (the whole merged
	 * index, saved by `saveSnapshots`), then forgets the sources whose files are gone (see
	 * `Indexer.restore`). Returns the URIs restored (the other files are indexed one by one), and
	 * those of them to index again all the same (`recheck`: their files' stamps are not the saved
	 * ones; when their content hash is the same they are left as restored).
	 */
	function restoreSnapshots(files: readonly string[], used: Set<string>, how: Map<string, string>): { restored: Set<string>; recheck: Set<string> } {
		const restored = new Set<string>();
		const recheck = new Set<string>();
		const indexed = service.sourceUris();
		const byFolder = new Map<string, string[]>();
		for (const f of files) {
			const folder = folderOfUri(uriOf(f));
			if (folder === undefined) continue;
			const list = byFolder.get(folder);
			if (list) list.push(f);
			else byFolder.set(folder, [f]);
		}
		for (const [folder, group] of byFolder) {
			const prefix = folder.endsWith('/') ? folder : `${folder}/`;
			if (indexed.some((u) => u.startsWith(prefix))) continue;
			const r = indexerOf().restore(folderCacheDirOf(folder), () => group.map((f) => jobFor(f, undefined)));
			if (!r.ok) {
				logger.info(`The index snapshot of ${fsPathOf(folder)} was not used: ${r.reason}.`);
				continue;
			}
			try {
				r.uris.forEach((uri, i) => {
					if (r.sidecars[i]) setSidecar(uri, r.sidecars[i]);
				});
				service.restore(folder, r.snapshot, r.texts);
			} catch (e) {
				logger.warn(`The index snapshot of ${fsPathOf(folder)} cannot be used (${e instanceof Error ? e.message : String(e)}); indexing its sources one by one.`);
				continue;
			}
			snapshotsOnDisk.set(folder, { version: service.corpusVersion(folder), id: r.id });
			restoreVerdicts(folder, r.id);
			r.uris.forEach((uri, i) => {
				if (r.removed.has(uri)) return;
				const key = r.keys[i]!;
				indexedHashes.set(uri, key);
				how.set(uri, 'snapshot');
				restored.add(uri);
				if (r.unsure.has(uri)) recheck.add(uri);
				else for (const entry of entriesOf(key)) used.add(entry);
			});
			// (the corpus then differs from the snapshot on disk: a new one is saved once indexing ends)
			for (const uri of r.removed) {
				service.deleteSource(uri);
				setSidecar(uri, undefined);
			}
			if (r.removed.size || r.unsure.size) logger.info(`The index snapshot of ${fsPathOf(folder)} is used for ${r.uris.length - r.removed.size - r.unsure.size} of its ${r.uris.length} sources as they are; ${r.unsure.size} are read again to tell whether they changed, ${r.removed.size} are gone.`);
		}
		return { restored, recheck };
	}

	/**
	 * Each folder's snapshot on disk (saved, or restored from): the corpus version it is of (an
	 * unchanged corpus is not saved again) and which save it is (`SnapshotHeader.id`: the notes'
	 * verdicts are saved against it).
	 */
	const snapshotsOnDisk = new Map<string, { version: number | undefined; id: string }>();

	/**
	 * Takes what the notes were judged against the snapshot just restored, as the last session
	 * saved it (see saveVerdicts): a note open then is not weighed again. Any change to the sources
	 * after the restore (a file changed since, one gone) makes them stale, and the notes are weighed.
	 */
	function restoreVerdicts(folder: string, snapshotId: string): void {
		const read = indexerOf().verdicts(folderCacheDirOf(folder), snapshotId);
		if (!read.ok) {
			logger.info(`The notes' verdicts of the last session were not used: ${read.reason}.`);
			return;
		}
		try {
			const notes = service.restoreVerdicts(folder, read.verdicts as SavedVerdicts);
			logger.info(`Took the verdicts the last session saved for ${notes} note${notes === 1 ? '' : 's'}.`);
		} catch (e) {
			logger.info(`The notes' verdicts of the last session do not fit the index snapshot (${e instanceof Error ? e.message : String(e)}); the notes are weighed again.`);
		}
	}

	/**
	 * Saves what the open notes were judged against each folder's corpus, beside its snapshot, when
	 * the corpus is the snapshot's (else the next start could not use them): for the next start to
	 * take (see restoreVerdicts). At shutdown, once the snapshots are saved. Only the open notes:
	 * those an editor opens again at its next start (a Check All's hundreds of notes would be read
	 * back before the index is ready).
	 */
	function saveVerdicts(): void {
		for (const folder of folders) {
			const onDisk = snapshotsOnDisk.get(folder);
			const version = service.corpusVersion(folder);
			if (!onDisk || version === undefined || onDisk.version !== version) continue;
			const saved = service.savedVerdicts(folder, documents.all().map((d) => d.uri));
			if (saved && indexerOf().saveVerdicts(folderCacheDirOf(folder), onDisk.id, saved)) logger.info(`Saved the verdicts of ${saved.notes.length} note${saved.notes.length === 1 ? '' : 's'} against the index snapshot of ${fsPathOf(folder)}.`);
		}
	}
	let snapshotTimer: NodeJS.Timeout | undefined;

	/** Saves the snapshot of each folder whose sources changed since, once they have been still for a while. */
	function scheduleSnapshots(): void {
		if (snapshotTimer) clearTimeout(snapshotTimer);
		snapshotTimer = setTimeout(() => {
			snapshotTimer = undefined;
			void saveSnapshots();
		}, SNAPSHOT_DELAY_MS);
		snapshotTimer.unref();
	}

	let saving: Promise<void> | undefined;
	/**
	 * Saves each folder's whole merged index as its snapshot, for the next start to restore in one
	 * go (see `restoreSnapshots`): serialized here in slices of `PREPARE_SLICE_MS` with requests
	 * in between, written by the worker. Not while indexing (the index is partial); given up when
	 * the folder's sources change meanwhile (it is scheduled again then).
	 */
	function saveSnapshots(budgetMs = PREPARE_SLICE_MS): Promise<void> {
		saving ??= saveEach(budgetMs).finally(() => (saving = undefined));
		return saving;
	}

	async function saveEach(budgetMs: number): Promise<void> {
		for (const folder of folders) {
			if (status.state !== 'ready') return;
			const version = service.corpusVersion(folder);
			if (version === undefined || snapshotsOnDisk.get(folder)?.version === version) continue;
			const started = performance.now();
			const parts = service.snapshot(folder);
			const keys = parts?.uris.map((u) => indexedHashes.get(u));
			if (!parts || !keys || keys.some((k) => k === undefined)) continue;
			const header = { id: randomUUID(), uris: parts.uris, keys: keys as string[], sidecars: parts.uris.map((u) => sidecarFiles.get(u)) };
			const jobs = parts.uris.map((u) => jobFor(fsPathOf(u)!, undefined));
			const stale = () => status.state !== 'ready' || service.corpusVersion(folder) !== version;
			const bytes = await indexerOf().saveSnapshot(folderCacheDirOf(folder), header, jobs, parts, stale, budgetMs);
			if (bytes === undefined) continue;
			snapshotsOnDisk.set(folder, { version, id: header.id });
			logger.info(`Saved the index snapshot of ${fsPathOf(folder)} (${parts.uris.length} sources, ${(bytes / 2 ** 20).toFixed(1)} MB without their texts) in ${Math.round(performance.now() - started)} ms.`);
		}
	}

	function reportSkipped(skipped: Skipped[]): void {
		// the log names each file, up to a point: 10,000 binary files are not 10,000 lines
		const LOGGED = 50;
		for (const s of skipped.slice(0, LOGGED)) logger.warn(`Skipped source ${s.uri}: ${s.reason}.`);
		if (skipped.length > LOGGED) logger.warn(`Skipped ${skipped.length - LOGGED} more sources (groundedNotes/status lists them all).`);
		const fresh = skipped.filter((s) => !reported.has(`skip:${s.uri}:${s.reason}`));
		for (const s of fresh) reported.add(`skip:${s.uri}:${s.reason}`);
		// one notification for the lot, never one per file
		if (fresh.length === 1) void connection.window.showWarningMessage(`Grounded Notes skipped ${decodeURIComponent(fresh[0]!.uri.slice(fresh[0]!.uri.lastIndexOf('/') + 1))}: ${fresh[0]!.reason}.`);
		else if (fresh.length > 1) void connection.window.showWarningMessage(`Grounded Notes skipped ${fresh.length} sources that could not be read; the log names each and why.`);
	}

	const pendingSources = new Set<string>();
	let sourceTimer: NodeJS.Timeout | undefined;
	/**
	 * Re-indexes a changed source after `delayMs` without further changes: our own watcher reports
	 * one write as several events, so it waits 30 ms; a client's notification (or a save) comes
	 * once per change, already gathered by the client, so only the changes of the same moment are
	 * taken together.
	 */
	function scheduleSourceChange(uri: string, delayMs = 1): void {
		pendingSources.add(uri);
		if (sourceTimer) clearTimeout(sourceTimer);
		sourceTimer = setTimeout(() => void applySourceChanges(), delayMs);
	}

	async function applySourceChanges(): Promise<void> {
		const uris = [...pendingSources];
		pendingSources.clear();
		const skipped: Skipped[] = [];
		const jobs: IndexJob[] = [];
		let changed = false;
		// whether a folder lies really inside its workspace folder, asked once per folder of the batch
		// (a change of many sources is mostly files of one folder: each asked for its realpaths)
		const inside = new Map<string, Promise<boolean>>();
		const reallyInsideOnce = (root: string, dir: string) => {
			const key = `${root}\0${dir}`;
			let answer = inside.get(key);
			if (!answer) inside.set(key, (answer = reallyInside([root], dir)));
			return answer;
		};
		for (const uri of uris) {
			const file = fsPathOf(uri);
			if (!file) continue;
			const folder = folderOfUri(uri);
			const settings = service.settingsFor(uri);
			const root = folder === undefined ? undefined : fsPathOf(folder);
			if (!root || !matcherFor(root, settings.sources)(file)) continue;
			// a file reached through a linked folder: the listing never follows one (the read refuses a linked file itself)
			if (!settings.followSymlinksOutside && !(await reallyInsideOnce(root, path.dirname(file)))) {
				if (service.deleteSource(uri)) changed = true;
				skipped.push({ uri, reason: 'it lies in a linked folder, and links out of the workspace folder are not followed (groundedNotes.followSymlinksOutside allows them)' });
				continue;
			}
			jobs.push(jobFor(file, service.fallbackDateFor(uri)));
		}
		await indexerOf().run(jobs, (r) => {
			changed ||= r.kind !== 'unchanged';
			if (r.kind === 'skipped' && r.reason === 'it no longer exists') {
				service.deleteSource(r.uri);
				indexedHashes.delete(r.uri);
			} else applyResult(r, skipped);
		});
		// (a refused file is reported even when nothing indexed changed)
		reportSkipped(skipped);
		if (!changed) return;
		publishStatus();
		revalidateAll();
	}

	connection.onDidChangeWatchedFiles((params) => {
		for (const change of params.changes) {
			if (onMetadataChanged(change.uri)) continue;
			if (change.type === FileChangeType.Deleted) {
				if (service.deleteSource(change.uri)) {
					publishStatus();
					revalidateAll();
				}
			} else scheduleSourceChange(change.uri);
		}
	});

	connection.onDidChangeConfiguration(async () => {
		const indexing = () => JSON.stringify(folders.map((f) => service.settingsFor(f)).map((x) => [x.sources, x.maxSourceBytes, x.followSymlinksOutside, x.maxSources]));
		const before = indexing();
		await loadSettings();
		const after = indexing();
		if (before !== after) {
			await watch();
			void reindexAll();
		} else revalidateAll();
	});

	// --- notes

	const isNote = (doc: TextDocument) => !service.isSource(doc.uri);
	const timers = new Map<string, NodeJS.Timeout>();

	function scheduleValidation(doc: TextDocument, delay = debounceMs): void {
		const t = timers.get(doc.uri);
		if (t) clearTimeout(t);
		timers.set(doc.uri, setTimeout(() => {
			timers.delete(doc.uri);
			// the keys of the bibliography files the note names are known keys: read them first
			void readBibliographies(doc).then(() => validate(doc.uri));
		}, delay));
	}

	function validate(uri: string): void {
		const doc = documents.get(uri);
		if (!doc) return;
		// a note is checked once its sources are indexed (every note is then); until then what it showed stands
		if (status.state === 'indexing' && isNote(doc)) return;
		if (!isNote(doc)) {
			void connection.sendDiagnostics({ uri, diagnostics: [] });
			return;
		}
		const version = doc.version;
		try {
			const diagnostics = service.getDiagnostics(doc);
			// never publish for a version the editor has moved past
			if (documents.get(uri)?.version !== version) return;
			void connection.sendDiagnostics({ uri, version, diagnostics });
			refreshLenses();
		} catch (e) {
			logger.error(`Checking ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
		}
	}

	// code lenses count what the diagnostics say: ask the client to fetch them again, at most every 300 ms
	let lensTimer: NodeJS.Timeout | undefined;
	function refreshLenses(): void {
		if (!canRefreshLenses || lensTimer) return;
		lensTimer = setTimeout(() => {
			lensTimer = undefined;
			void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
		}, 300);
	}

	function revalidateAll(): void {
		for (const doc of documents.all()) scheduleValidation(doc, 0);
	}

	documents.onDidOpen((e) => scheduleValidation(e.document, 0));
	documents.onDidChangeContent((e) => scheduleValidation(e.document));
	documents.onDidSave((e) => {
		if (service.isSource(e.document.uri)) scheduleSourceChange(e.document.uri);
		else if (isNote(e.document)) void onNoteSaved(e.document);
	});

	// --- bibliographies

	/** A file changed on disk (from our own watcher, which cannot tell a deletion from a change). */
	function onFileChanged(uri: string): void {
		if (!onMetadataChanged(uri)) scheduleSourceChange(uri, 30);
	}

	/**
	 * A bibliography a note names, or the metadata file beside a source, changed: read the
	 * bibliography again (or the source with its metadata) and check the notes again. True when the
	 * file was one of those.
	 */
	function onMetadataChanged(uri: string): boolean {
		if (!/\.(json|bib)$/i.test(uri)) return false;
		let handled = false;
		if (loadedBibliographies.has(uri)) {
			handled = true;
			loadedBibliographies.delete(uri);
			service.deleteBibliography(uri);
			void Promise.all(documents.all().map((d) => readBibliographies(d))).then(() => revalidateAll());
		}
		const stem = uri.replace(/\.(json|bib)$/i, '');
		for (const source of service.sourceUris()) {
			if (source.replace(/\.[^./]+$/, '') === stem) {
				handled = true;
				scheduleSourceChange(source);
			}
		}
		return handled;
	}

	const loadedBibliographies = new Set<string>();
	async function readBibliographies(doc: TextDocument, reread = false): Promise<void> {
		if (!isNote(doc)) return;
		const problems = await loadBibliographies(service, doc, folders.map((f) => fsPathOf(f)!), loadedBibliographies, reread).catch((e: unknown) => [String(e)]);
		for (const p of problems) warnOnce(`bib:${p}`, `Grounded Notes: ${p}.`);
	}

	async function onNoteSaved(doc: TextDocument): Promise<void> {
		await readBibliographies(doc, true);
		scheduleValidation(doc, 0);
		if (service.settingsFor(doc.uri).bibliography.updateOnSave) await writeBibliography('cited');
	}

	async function writeBibliography(scope: 'cited' | 'all', noteUris?: readonly string[], token?: CancellationToken): Promise<BibliographyWritten> {
		let notes: NoteDocument[] = noteUris?.length ? noteUris.map((u) => documents.get(u)).filter((d): d is TextDocument => !!d) : await allNotes(token);
		if (noteUris?.length && notes.length < noteUris.length) notes = (await allNotes(token)).filter((n) => noteUris.includes(n.uri));
		for (const n of notes) await readBibliographies(n as TextDocument);
		const { problems, ...written } = await writeBibliographies(service, folders, notes, scope === 'all');
		for (const p of problems) warnOnce(`bibw:${p}`, `Grounded Notes: ${p}.`);
		logger.info(`Wrote ${written.files.map((f) => `${f.uri} (${f.entries} entries)`).join(', ') || 'no bibliography'}${written.missing.length ? `; no source has ${written.missing.join(', ')}` : ''}.`);
		return written;
	}
	documents.onDidClose((e) => {
		const t = timers.get(e.document.uri);
		if (t) clearTimeout(t);
		void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
	});

	const note = (uri: string): TextDocument | undefined => {
		const d = documents.get(uri);
		return d && isNote(d) ? d : undefined;
	};

	connection.onHover((p) => {
		const d = note(p.textDocument.uri);
		return d ? service.getHover(d, p.position) : null;
	});
	connection.onCompletion((p) => {
		const d = note(p.textDocument.uri);
		return d ? service.getCompletions(d, p.position) : null;
	});
	connection.onCodeAction((p) => {
		const d = note(p.textDocument.uri);
		return d ? service.getCodeActions(d, p.range, p.context.diagnostics, p.context.only) : null;
	});
	connection.onDefinition((p) => {
		const d = note(p.textDocument.uri);
		return d ? service.getDefinition(d, p.position) : null;
	});
	connection.onReferences(async (p, token) => {
		const d = note(p.textDocument.uri);
		return d ? service.getReferences(d, p.position, await allNotes(token)) : null;
	});
	connection.onDocumentLinks((p) => {
		const d = note(p.textDocument.uri);
		return d ? service.getDocumentLinks(d) : null;
	});
	connection.onWorkspaceSymbol((p) => service.getWorkspaceSymbols(p.query));
	connection.onCodeLens((p) => {
		const d = note(p.textDocument.uri);
		return d ? service.getCodeLenses(d) : null;
	});

	/** Every note of the workspace: open ones as the editor has them, the rest from disk. */
	async function allNotes(token?: CancellationToken): Promise<NoteDocument[]> {
		const out = new Map<string, NoteDocument>();
		for (const d of documents.all()) if (isNote(d) && d.languageId === 'markdown') out.set(d.uri, d);
		for (const folder of folders) {
			const settings = service.settingsFor(folder);
			for (const file of await listNotes(fsPathOf(folder)!, settings.sources)) {
				if (token?.isCancellationRequested) break;
				const uri = uriOf(file);
				if (out.has(uri) || service.isSource(uri)) continue;
				const read = await readSourceFile(file, settings.maxSourceBytes);
				if (read.ok) out.set(uri, TextDocument.create(uri, 'markdown', 0, read.text));
			}
		}
		return [...out.values()];
	}

	// --- Grounded Notes' own requests

	connection.onRequest(ToServer.sources, () => service.listSources());
	connection.onRequest(ToServer.sourceDetails, (p: { key: string }) => service.sourceDetails(p?.key) ?? null);
	connection.onRequest(ToServer.searchPassages, (p: { query: string; limit?: number }) => service.searchPassages(String(p?.query ?? ''), p?.limit));
	connection.onRequest(ToServer.provenance, (p: { uri: string; range: WireRange }) => {
		const d = note(p.uri);
		return d ? service.provenance(d, p.range) : [];
	});
	connection.onRequest(ToServer.disagreements, () => service.disagreements());
	connection.onRequest(ToServer.status, () => status);
	connection.onRequest(ToServer.reindex, () => reindexAll());
	connection.onRequest(ToServer.checkAll, async (p: unknown, t?: CancellationToken) => {
		// sent without params, the request's handler is given the token first
		const token = t ?? (CancellationToken.is(p) ? p : CancellationToken.None);
		await whenIndexed();
		const notes = await allNotes(token);
		const diagnostics = new Map<string, Diagnostic[]>();
		const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'Check All Notes was cancelled.');
		for (const n of notes) {
			// a note at a time, letting other requests in, and stopping when the client no longer wants it
			if (token.isCancellationRequested) throw cancelled();
			diagnostics.set(n.uri, service.getDiagnostics(n));
			await yieldToRequests();
		}
		// cancelled while the last note was checked: nothing is published
		if (token.isCancellationRequested) throw cancelled();
		const summary = summarizeChecks(diagnostics);
		logger.info(`Checked ${summary.notes} notes: ${Object.entries(summary.byCode).map(([c, k]) => `${k} ${c}`).join(', ') || 'nothing to report'}.`);
		for (const [uri, list] of diagnostics) {
			// an open note was checked as it is now (its document is live): say which version that is
			const open = documents.get(uri);
			void connection.sendDiagnostics(open ? { uri, version: open.version, diagnostics: list } : { uri, diagnostics: list });
		}
		return summary;
	});

	const scopeOf = (p: unknown): 'cited' | 'all' => (p && typeof p === 'object' && (p as { scope?: unknown }).scope === 'all' ? 'all' : 'cited');
	const notesOf = (p: unknown): string[] | undefined => {
		const n = p && typeof p === 'object' ? (p as { notes?: unknown }).notes : undefined;
		return Array.isArray(n) ? n.filter((x): x is string => typeof x === 'string') : undefined;
	};
	connection.onRequest(ToServer.writeBibliography, (p: unknown, t?: CancellationToken) => {
		const params = CancellationToken.is(p) ? undefined : p;
		return writeBibliography(scopeOf(params), notesOf(params), t ?? (CancellationToken.is(p) ? p : CancellationToken.None));
	});

	connection.onShutdown(async () => {
		for (const stop of stopWatching.splice(0)) stop();
		for (const t of timers.values()) clearTimeout(t);
		// the snapshot of what changed since the last one, for the next start; then the worker
		// writes it and the cache entries it held back before the server exits
		if (snapshotTimer) clearTimeout(snapshotTimer);
		if (indexer) {
			// one under way is finished first; then what changed since is saved in one go (nothing waits for it now)
			await saving;
			await saveSnapshots(Infinity);
			saveVerdicts();
		}
		await indexer?.dispose();
	});

	documents.listen(connection);
	connection.listen();
}
