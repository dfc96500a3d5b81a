/**
 * The one place that touches the file system: finding source files by glob inside a workspace
 * folder, reading them safely, and watching them when the client cannot.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { glob } from 'tinyglobby';
import { URI } from 'vscode-uri';
import type { BibliographyWritten } from './protocol';
import { htmlToText, isHtmlFile, isPdfFile, pdfToText, sidecarNames, type ILanguageService, type NoteDocument } from './service';

/** Why a file was not indexed. */
export interface Skipped {
	uri: string;
	reason: string;
}

/** The outcome of reading one source file. */
export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

/** Options for listing sources. */
export interface ListOptions {
	followSymlinksOutside: boolean;
	maxSources: number;
}

/** Folders never searched for sources or notes. */
const IGNORED = ['**/node_modules/**', '**/.git/**'];

/** The file path of a `file:` URI, or undefined for other schemes. */
export function fsPathOf(uri: string): string | undefined {
	try {
		const u = URI.parse(uri);
		return u.scheme === 'file' ? u.fsPath : undefined;
	} catch {
		return undefined;
	}
}

/** Paths made into URIs, kept: indexing asks for the URI of each source several times, and making one costs ~15 µs. */
const uris = new Map<string, string>();
const MAX_URIS = 100_000;

/** A POSIX path that its `file:` URI spells as it is: nothing to encode, and not `//host/…`. */
const PLAIN_PATH = process.platform === 'win32' ? /(?!)/ : /^\/(?!\/)[A-Za-z0-9/._~-]*$/;

/** The `file:` URI of a path, as clients write it. */
export function uriOf(fsPath: string): string {
	let uri = uris.get(fsPath);
	if (uri === undefined) {
		if (uris.size >= MAX_URIS) uris.clear();
		// (the plain case without vscode-uri's character-by-character encoding: 2,330 sources took ~12 ms)
		uris.set(fsPath, (uri = PLAIN_PATH.test(fsPath) ? `file://${fsPath}` : URI.file(fsPath).toString()));
	}
	return uri;
}

/**
 * Source files matching the globs in a folder. Links, to files or folders, are not followed unless
 * allowed (groundedNotes.followSymlinksOutside): the glob then lists no link at all, so every file
 * it lists is inside the folder, and no real path is asked for (one per file was most of the
 * listing's time). A file made a link after it was listed is refused where it is read (see
 * `readSourceFile`'s `refuseLinks`).
 */
export async function listSources(folder: string, globs: readonly string[], options: ListOptions): Promise<{ files: string[]; skipped: Skipped[] }> {
	const skipped: Skipped[] = [];
	let found: string[];
	try {
		found = await glob([...globs], { cwd: folder, absolute: true, onlyFiles: true, ignore: IGNORED, followSymbolicLinks: options.followSymlinksOutside, dot: false });
	} catch (e) {
		return { files: [], skipped: [{ uri: uriOf(folder), reason: `the sources could not be listed: ${message(e)}` }] };
	}
	found.sort();
	const files: string[] = [];
	let over = 0;
	for (const f of found) {
		// whatever the glob (`..?(x)/`, braces), nothing outside the folder by its own path
		if (!isInside(folder, f)) skipped.push({ uri: uriOf(f), reason: 'it is outside the workspace folder' });
		else if (files.length >= options.maxSources) over++;
		else files.push(f);
	}
	// one entry for the lot: 100,000 files over the limit are one problem, not 100,000
	if (over) skipped.push({ uri: uriOf(folder), reason: `${over} more files match the source globs than groundedNotes.maxSources (${options.maxSources}) allows; they were not indexed` });
	return { files, skipped };
}

/** Markdown files of a folder that are not sources: the notes Check All Notes reads. */
export async function listNotes(folder: string, sourceGlobs: readonly string[]): Promise<string[]> {
	const notes = await glob(['**/*.{md,markdown}'], { cwd: folder, absolute: true, onlyFiles: true, ignore: [...IGNORED, ...sourceGlobs], followSymbolicLinks: false });
	return notes.sort();
}

/** Whether a path inside `folder` matches the source globs. */
export function matcherFor(folder: string, globs: readonly string[]): (fsPath: string) => boolean {
	const isMatch = picomatch([...globs], { dot: false });
	return (p) => {
		const rel = path.relative(folder, p);
		return !!rel && !rel.startsWith('..') && !path.isAbsolute(rel) && isMatch(rel.split(path.sep).join('/'));
	};
}

/**
 * Reads a source file as text, refusing what is too large, binary or not valid UTF-8/UTF-16.
 * `blocking`: with synchronous system calls, for the indexer worker, where nothing else waits on
 * the thread: reading, checking and caching 233 files took ~35 ms that way against ~200 ms with
 * promises (each of which costs a trip through the thread pool and back). `refuseLinks`: a link
 * in the file's place is not opened (groundedNotes.followSymlinksOutside off).
 */
export async function readSourceFile(fsPath: string, maxBytes: number, blocking = false, refuseLinks = false): Promise<ReadResult> {
	try {
		const flags = refuseLinks ? OPEN_FLAGS | NO_FOLLOW : OPEN_FLAGS;
		const buf = blocking ? readBytesNow(fsPath, maxBytes, flags) : await readBytes(fsPath, maxBytes, flags);
		if (!(buf instanceof Uint8Array)) return buf;
		// HTML and PDF become text here, the one place that reads files, by pure converters
		if (isPdfFile(fsPath)) return await convertPdf(buf);
		const read = decode(buf);
		return read.ok && isHtmlFile(fsPath) ? { ok: true, text: htmlToText(read.text) } : read;
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		if (code === 'EACCES' || code === 'EPERM') return { ok: false, reason: 'it cannot be read (permission denied)' };
		if (code === 'ENOENT') return { ok: false, reason: 'it no longer exists' };
		// a socket cannot be opened at all
		if (code === 'ENXIO' || code === 'EISDIR') return { ok: false, reason: 'it is not a regular file' };
		// (what opening a link with O_NOFOLLOW gives: macOS and BSD say EMLINK)
		if (refuseLinks && (code === 'ELOOP' || code === 'EMLINK')) return { ok: false, reason: 'it is a link, and links are not followed (groundedNotes.followSymlinksOutside allows them)' };
		return { ok: false, reason: `it cannot be read: ${message(e)}` };
	}
}

// non-blocking, so a FIFO (or a device) named like a source cannot hang the read forever
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);
/** Opening a link fails (not on Windows, which has no such flag: links there need privileges to make). */
const NO_FOLLOW = fs.constants.O_NOFOLLOW ?? 0;

/** Why a file with this status is not read, if it is not. */
function refusal(stat: fs.Stats, maxBytes: number): ReadResult | undefined {
	if (!stat.isFile()) return { ok: false, reason: 'it is not a regular file' };
	if (stat.size > maxBytes) return { ok: false, reason: `it is ${mb(stat.size)}, larger than groundedNotes.maxSourceBytes (${mb(maxBytes)})` };
	return undefined;
}

async function readBytes(fsPath: string, maxBytes: number, flags: number): Promise<Uint8Array | ReadResult> {
	const handle = await fsp.open(fsPath, flags);
	try {
		return refusal(await handle.stat(), maxBytes) ?? (await handle.readFile());
	} finally {
		await handle.close().catch(() => undefined);
	}
}

function readBytesNow(fsPath: string, maxBytes: number, flags: number): Uint8Array | ReadResult {
	const fd = fs.openSync(fsPath, flags);
	try {
		const stat = fs.fstatSync(fd);
		const refused = refusal(stat, maxBytes);
		if (refused) return refused;
		// (a file that says it is empty may still have something to read: /proc's do)
		if (stat.size === 0) return fs.readFileSync(fd);
		// the size is known: one buffer, read into until full (or the file turns out shorter)
		const buf = Buffer.allocUnsafe(stat.size);
		let n = 0;
		for (let got = 1; n < buf.length && got > 0; n += got) got = fs.readSync(fd, buf, n, buf.length - n, null);
		return buf.subarray(0, n);
	} finally {
		fs.closeSync(fd);
	}
}

/** Decodes file bytes: UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused. */
export function decode(buf: Uint8Array): ReadResult {
	if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(buf.subarray(2)) };
	if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(buf.subarray(2)) };
	const head = buf.subarray(0, 8192);
	if (head.includes(0)) return { ok: false, reason: 'it looks binary (it holds NUL bytes)' };
	try {
		// the BOM is not part of the text an editor shows, so positions are counted without it
		return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf) };
	} catch {
		return { ok: false, reason: 'it is not valid UTF-8 (save it as UTF-8)' };
	}
}

async function convertPdf(buf: Uint8Array): Promise<ReadResult> {
	try {
		return { ok: true, text: await pdfToText(buf) };
	} catch (e) {
		return { ok: false, reason: `its text cannot be read as a PDF: ${message(e)}` };
	}
}

/** The sidecar metadata file beside a source (`report.json` or `report.bib` for `report.pdf`), if there is one. */
export async function readSidecar(sourcePath: string, blocking = false): Promise<{ uri: string; text: string } | undefined> {
	for (const name of sidecarNames(path.basename(sourcePath))) {
		const p = path.join(path.dirname(sourcePath), name);
		// most sources have none: `blocking` looks without a round trip through the thread pool (see readSourceFile)
		if (p === sourcePath || !(blocking ? fs.existsSync(p) : await exists(p))) continue;
		// metadata "beside" a source that is a link elsewhere (`report.json -> ~/.ssh/...`) is not beside it
		const link = await fsp.lstat(p).then((st) => st.isSymbolicLink(), () => false);
		if (link && !isInside(await realpathOr(path.dirname(p)), await realTarget(p))) continue;
		const read = await readTextFile(p, 1_000_000);
		if (read.ok) return { uri: uriOf(p), text: read.text };
	}
	return undefined;
}

/** How long before a stamp is taken a file must have last changed for its stamp to be trusted (coarse file-system clocks tick every 2 s). */
const RACY_MS = 2000;

/**
 * What a source file and its sidecar files look like on disk, to tell later, without reading them,
 * that they have not changed: for each, its size, inode, and modification and change times in
 * nanoseconds ('-' for a sidecar that is not there). Any write to a file moves its change time,
 * which no program can set back, so an unchanged stamp means unchanged bytes, except for a write
 * made in the same tick of the file system's clock as the stamp: a file changed less than
 * `RACY_MS` before `now` gets no stamp (undefined), and is read and hashed instead (git's "racily
 * clean" entries). Taken before the file is read, so that a change made while it is read gives
 * another stamp. Undefined too when the file is not a regular file or cannot be looked at.
 */
export function fileStamp(sourcePath: string, now = Date.now()): string | undefined {
	try {
		const own = statStamp(sourcePath, now);
		if (own === undefined || own === '-') return undefined;
		const parts = [own];
		for (const name of sidecarNames(path.basename(sourcePath))) {
			const p = path.join(path.dirname(sourcePath), name);
			if (p === sourcePath) continue;
			const s = statStamp(p, now);
			if (s === undefined) return undefined;
			parts.push(s);
		}
		return parts.join('|');
	} catch {
		return undefined;
	}
}

/** One file's part of a `fileStamp`: '-' when it is not there, undefined when it is not a regular file or changed less than `RACY_MS` before `now` (throws when it cannot be looked at). */
export function statStamp(p: string, now = Date.now()): string | undefined {
	const st = fs.statSync(p, { bigint: true, throwIfNoEntry: false });
	if (!st) return '-';
	if (!st.isFile() || Number(st.ctimeMs) > now - RACY_MS || Number(st.mtimeMs) > now - RACY_MS) return undefined;
	return `${st.size}:${st.ino}:${st.mtimeNs}:${st.ctimeNs}`;
}

/** The size in bytes a stamp made by `fileStamp` gives its source file. */
export function stampedSize(stamp: string): number {
	return Number(stamp.slice(0, stamp.indexOf(':')));
}

/** Writes a text file (the bibliography), creating its folder; the reason when it cannot. */
export async function writeTextFile(fsPath: string, text: string): Promise<{ ok: true } | { ok: false; reason: string }> {
	try {
		await fsp.mkdir(path.dirname(fsPath), { recursive: true });
		await fsp.writeFile(fsPath, text, 'utf8');
		return { ok: true };
	} catch (e) {
		return { ok: false, reason: message(e) };
	}
}

/**
 * Reads into the service the bibliography files a note names in its front matter (each once, or
 * again when `reread`), only inside the workspace folders; returns what could not be read.
 */
export async function loadBibliographies(service: ILanguageService, doc: NoteDocument, folderPaths: readonly string[], loaded: Set<string>, reread = false): Promise<string[]> {
	const problems: string[] = [];
	for (const uri of service.bibliographiesOf(doc)) {
		if (loaded.has(uri) && !reread) continue;
		loaded.add(uri);
		const file = fsPathOf(uri);
		const name = file ? path.basename(file) : uri;
		if (!file || (folderPaths.length && !folderPaths.some((f) => isInside(f, file)))) {
			problems.push(`the bibliography ${name} is outside the workspace folder: it is not read`);
			continue;
		}
		if (folderPaths.length && !service.settingsFor(doc.uri).followSymlinksOutside && !(await reallyInside(folderPaths, file))) {
			problems.push(`the bibliography ${name} links out of the workspace folder: it is not read (groundedNotes.followSymlinksOutside allows it)`);
			continue;
		}
		const read = await readTextFile(file);
		if (!read.ok) {
			service.deleteBibliography(uri);
			problems.push(`the bibliography ${name} was not read because ${read.reason}`);
			continue;
		}
		for (const e of service.setBibliography(uri, read.text)) problems.push(`${name}: ${e}`);
	}
	return problems;
}

/**
 * Writes the CSL-JSON bibliography (groundedNotes.bibliography.path) of each folder: the sources
 * its notes cite, or every source for `all`.
 */
export async function writeBibliographies(service: ILanguageService, folderUris: readonly string[], notes: readonly NoteDocument[], all: boolean): Promise<BibliographyWritten & { problems: string[] }> {
	const out: BibliographyWritten & { problems: string[] } = { files: [], missing: [], problems: [] };
	for (const folder of folderUris) {
		const root = fsPathOf(folder);
		if (!root) continue;
		const prefix = folder.endsWith('/') ? folder : `${folder}/`;
		const own = notes.filter((n) => n.uri.startsWith(prefix) || folderUris.length === 1);
		const { items, missing } = service.bibliography(all ? undefined : own, folder);
		out.missing.push(...missing.filter((m) => !out.missing.includes(m)));
		const file = path.resolve(root, service.settingsFor(folder).bibliography.path);
		// a link (or a linked folder) on the way would have the write land outside: never write through one
		if (!isInside(root, file) || !(await reallyInside([root], file))) {
			out.problems.push(`groundedNotes.bibliography.path leads out of the workspace folder ${root}`);
			continue;
		}
		const written = await writeTextFile(file, `${JSON.stringify(items, null, 2)}\n`);
		if (written.ok) out.files.push({ uri: uriOf(file), entries: items.length });
		else out.problems.push(`${file} cannot be written: ${written.reason}`);
	}
	return out;
}

/** Watches a folder for changes to files matching the globs (for clients that cannot watch). */
export function watchFolder(folder: string, matches: (fsPath: string) => boolean, onChange: (fsPath: string) => void, onError: (message: string) => void): () => void {
	try {
		const w = fs.watch(folder, { recursive: true, persistent: false }, (_event, name) => {
			if (!name) return;
			const p = path.join(folder, name.toString());
			if (matches(p)) onChange(p);
		});
		w.on('error', (e) => onError(`Watching ${folder} stopped: ${message(e)}`));
		return () => w.close();
	} catch (e) {
		onError(`Cannot watch ${folder} for changes (${message(e)}); use Reindex Sources after changing sources.`);
		return () => undefined;
	}
}

/** Whether a file exists. */
export async function exists(fsPath: string): Promise<boolean> {
	try {
		await fsp.access(fsPath);
		return true;
	} catch {
		return false;
	}
}

/** Reads a small text file that a setting names (the alias file), refusing one that is not really inside the folder. */
export async function readFileInFolder(folder: string, fsPath: string, maxBytes = 5_000_000): Promise<ReadResult> {
	if (!(await reallyInside([folder], fsPath))) return { ok: false, reason: 'it is outside the workspace folder (name a file inside it)' };
	return readSourceFile(fsPath, maxBytes);
}

/** Reads a small text file (alias file, settings), or undefined with the reason. */
export async function readTextFile(fsPath: string, maxBytes = 5_000_000): Promise<ReadResult> {
	return readSourceFile(fsPath, maxBytes);
}

async function realpathOr(p: string): Promise<string> {
	try {
		return await fsp.realpath(p);
	} catch {
		return p;
	}
}

/** The real path of `p`, links resolved, even when it (or the target of a link) does not exist yet. */
async function realTarget(p: string, depth = 0): Promise<string> {
	try {
		return await fsp.realpath(p);
	} catch {
		// missing, or a link to something missing: resolve by hand
	}
	try {
		if (depth < 40 && (await fsp.lstat(p)).isSymbolicLink()) return await realTarget(path.resolve(path.dirname(p), await fsp.readlink(p)), depth + 1);
	} catch {
		// does not exist
	}
	const up = path.dirname(p);
	return up === p ? p : path.join(await realTarget(up, depth + 1), path.basename(p));
}

/** Whether `p`, links resolved, lies inside one of the folders (links resolved too). */
export async function reallyInside(folders: readonly string[], p: string): Promise<boolean> {
	const real = await realTarget(p);
	for (const f of folders) if (isInside(await realpathOr(f), real)) return true;
	return false;
}

export function isInside(root: string, p: string): boolean {
	// the usual case, a plain path below a plain root, without path.relative's normalizing of both
	// (~5 µs a call; listing a folder asks twice per file, 2,330 files at a stretch for the x10 corpus)
	if (p.length > root.length + 1 && p.startsWith(root) && p[root.length] === path.sep && isResolved(root) && isPlain(p, root.length + 1)) return true;
	const rel = path.relative(root, p);
	// ("..notes.md" is a file inside)
	return rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/** The last root asked about, and whether it is a resolved path (as path.resolve gives it). */
let lastRoot: { path: string; resolved: boolean } | undefined;
function isResolved(root: string): boolean {
	if (lastRoot?.path !== root) lastRoot = { path: root, resolved: root === path.resolve(root) };
	return lastRoot.resolved;
}

/** Whether `p` from `from` on is plain: no empty, `.` or `..` part (nor a separator of the other platform, on Windows). */
function isPlain(p: string, from: number): boolean {
	let partStart = from;
	for (let i = from; i <= p.length; i++) {
		const c = p[i];
		if (c === '/' || c === '\\') {
			if (c !== path.sep) return false;
		} else if (i < p.length) continue;
		const part = i - partStart;
		if (part === 0 || (part === 1 && p[partStart] === '.') || (part === 2 && p[partStart] === '.' && p[partStart + 1] === '.')) return false;
		partStart = i + 1;
	}
	return true;
}

function mb(n: number): string {
	return n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)} MB` : `${Math.ceil(n / 1000)} kB`;
}

function message(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

/** A file's size in bytes (throws when it cannot be read). */
export function fileSize(file: string): number {
	return fs.statSync(file).size;
}
