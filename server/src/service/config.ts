/** Settings (`groundedNotes.*`): their defaults, and reading what a client sends without trusting it. */
import { Code, type DiagnosticSettings, type SeveritySetting } from './features/diagnostics';

/** How much the server logs, least first. */
export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug'];

/** The settings the service works by. */
export interface Settings {
	/** Globs of source files, relative to each workspace folder. */
	sources: string[];
	/** Path of an alias file (JSON or YAML), relative to the workspace folder; empty for none. */
	aliases: string;
	/** Sources larger than this are skipped. */
	maxSourceBytes: number;
	/** Notes larger than this (UTF-8 bytes) have only their citations checked, not their figures. */
	maxNoteBytes: number;
	/** Severity per diagnostic code, or `off`. */
	diagnostics: DiagnosticSettings;
	/** Code lens above paragraphs with figures. */
	codeLens: boolean;
	/** Where the index cache lives; empty for the default. */
	cachePath: string;
	/** Whether source globs may follow symbolic links out of the workspace folder. */
	followSymlinksOutside: boolean;
	/** At most this many source files are indexed per folder. */
	maxSources: number;
	/** How much the server logs: `error`, `warn`, `info` or `debug`. */
	logLevel: LogLevel;
	/** The CSL-JSON bibliography Write Bibliography writes. */
	bibliography: BibliographySettings;
}

/** Where the CSL-JSON bibliography goes, and whether saving a note rewrites it. */
export interface BibliographySettings {
	/** Path relative to the workspace folder. */
	path: string;
	/** Rewrite it (for the cited sources) whenever a note is saved. */
	updateOnSave: boolean;
}

/** The defaults, as package.json declares them. */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
	sources: ['seeds/**/*.{txt,md,html,htm,pdf}', 'sources/**/*.{txt,md,html,htm,pdf}'],
	aliases: '',
	maxSourceBytes: 10_000_000,
	maxNoteBytes: 500_000,
	diagnostics: {},
	codeLens: true,
	cachePath: '',
	followSymlinksOutside: false,
	maxSources: 20_000,
	logLevel: 'info',
	bibliography: Object.freeze({ path: 'references.json', updateOnSave: false }),
});

const SEVERITIES = new Set<SeveritySetting>(['error', 'warning', 'information', 'hint', 'off']);
const CODES = new Set<string>(Object.values(Code));

/** Why a source glob is refused, or undefined when it is fine: sources stay inside their folder. */
export function globProblem(glob: string): string | undefined {
	if (!glob.trim()) return 'it is empty';
	if (/^(?:[a-z]:)?[\\/]/i.test(glob) || /^~/.test(glob)) return 'it is absolute; give a path relative to the workspace folder';
	// also inside braces and extglobs: `{..,x}/`, `..?(x)/` climb out as surely as `../`
	if (glob.split(/[\\/{},|()]/).some((seg) => seg === '..' || /^\.\.[?*+@![]/.test(seg))) return "it leaves the workspace folder with '..'";
	if (/[{,|(][ \t]*(?:[a-z]:)?[\\/]/i.test(glob)) return 'it is absolute; give a path relative to the workspace folder';
	return undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The settings of two places, key by key: `over` (a client's answer to workspace/configuration)
 * on top of `base` (its initializationOptions), the nested objects (`diagnostics`,
 * `bibliography`) key by key too. A client with no settings of ours answers null or `{}`: `base`
 * then stands, where `{}` had put every setting back to its default.
 */
export function layerSettings(base: unknown, over: unknown): unknown {
	if (over === undefined || over === null) return base;
	if (!isRecord(over) || !isRecord(base)) return over;
	const out: Record<string, unknown> = { ...base, ...over };
	for (const key of ['diagnostics', 'bibliography']) {
		const b = base[key];
		const o = over[key];
		if (isRecord(b) && isRecord(o)) out[key] = { ...b, ...o };
	}
	return out;
}

/** Reads settings from whatever a client sent (`groundedNotes` section or initializationOptions); bad values fall back to defaults with a message each. */
export function readSettings(raw: unknown): { settings: Settings; problems: string[] } {
	const problems: string[] = [];
	const s: Settings = { ...DEFAULT_SETTINGS, diagnostics: {} };
	if (raw === null || raw === undefined) return { settings: s, problems };
	if (!isRecord(raw)) {
		problems.push(`groundedNotes settings should be an object; using the defaults.`);
		return { settings: s, problems };
	}
	const r = raw;
	if (r['sources'] !== undefined) {
		const list = typeof r['sources'] === 'string' ? [r['sources']] : r['sources'];
		if (Array.isArray(list) && list.every((g) => typeof g === 'string')) {
			const ok: string[] = [];
			for (const g of list as string[]) {
				const why = globProblem(g);
				if (why) problems.push(`groundedNotes.sources: ignoring '${g}' because ${why}.`);
				else ok.push(g);
			}
			if (ok.length) s.sources = ok;
			else if (list.length) problems.push(`groundedNotes.sources has no usable glob; using the default ${JSON.stringify(DEFAULT_SETTINGS.sources)}.`);
		} else problems.push(`groundedNotes.sources should be a list of globs such as ["sources/**/*.md"]; using the default.`);
	}
	if (r['aliases'] !== undefined) {
		if (typeof r['aliases'] === 'string') s.aliases = r['aliases'];
		else problems.push('groundedNotes.aliases should be the path of a JSON or YAML file; ignoring it.');
	}
	const num = (name: 'maxSourceBytes' | 'maxNoteBytes' | 'maxSources', min: number) => {
		const v = r[name];
		if (v === undefined) return;
		if (typeof v === 'number' && Number.isFinite(v) && v >= min) s[name] = Math.floor(v);
		else problems.push(`groundedNotes.${name} should be a number of at least ${min}; using ${DEFAULT_SETTINGS[name]}.`);
	};
	num('maxSourceBytes', 1);
	num('maxNoteBytes', 1);
	num('maxSources', 1);
	const diags = r['diagnostics'];
	if (diags !== undefined) {
		if (isRecord(diags)) {
			for (const [code, sev] of Object.entries(diags)) {
				if (!CODES.has(code)) problems.push(`groundedNotes.diagnostics: unknown code '${code}' (known: ${[...CODES].join(', ')}).`);
				else if (typeof sev === 'string' && SEVERITIES.has(sev as SeveritySetting)) s.diagnostics[code as Code] = sev as SeveritySetting;
				else problems.push(`groundedNotes.diagnostics.${code} should be one of error, warning, information, hint, off.`);
			}
		} else problems.push('groundedNotes.diagnostics should map codes to severities; using the defaults.');
	}
	const codeLens = r['codeLens'];
	if (codeLens !== undefined) {
		const enabled = typeof codeLens === 'object' && codeLens ? (codeLens as Record<string, unknown>)['enabled'] : codeLens;
		if (typeof enabled === 'boolean') s.codeLens = enabled;
		else problems.push('groundedNotes.codeLens.enabled should be true or false.');
	}
	if (typeof r['cachePath'] === 'string') s.cachePath = r['cachePath'];
	if (typeof r['followSymlinksOutside'] === 'boolean') s.followSymlinksOutside = r['followSymlinksOutside'];
	if (r['logLevel'] !== undefined) {
		if (typeof r['logLevel'] === 'string' && LOG_LEVELS.includes(r['logLevel'] as LogLevel)) s.logLevel = r['logLevel'] as LogLevel;
		else problems.push(`groundedNotes.logLevel should be one of ${LOG_LEVELS.join(', ')}; using info.`);
	}
	const bib = r['bibliography'];
	if (bib !== undefined) {
		const b = isRecord(bib) ? bib : {};
		const path = b['path'];
		if (typeof path === 'string' && path.trim() && !globProblem(path)) s.bibliography = { ...s.bibliography, path: path.trim() };
		else if (path !== undefined) problems.push(`groundedNotes.bibliography.path should be a path inside the workspace folder such as "references.json"; using ${DEFAULT_SETTINGS.bibliography.path}.`);
		if (typeof b['updateOnSave'] === 'boolean') s.bibliography = { ...s.bibliography, updateOnSave: b['updateOnSave'] };
		else if (b['updateOnSave'] !== undefined) problems.push('groundedNotes.bibliography.updateOnSave should be true or false.');
	}
	return { settings: s, problems };
}
