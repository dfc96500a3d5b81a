/** Find references of a citation key: every citation of it in the workspace's notes. */
import type { Location } from 'vscode-languageserver-types';
import { LineIndex } from '../positions';
import type { ParsedNote } from '../types';

/** A note as references need it. */
export interface NoteRef {
	uri: string;
	text: string;
	parsed: ParsedNote;
}

/** Every citation of `key` in the given notes. */
export function referencesTo(key: string, notes: Iterable<NoteRef>): Location[] {
	const out: Location[] = [];
	for (const n of notes) {
		const li = new LineIndex(n.text);
		for (const c of n.parsed.citations) if (c.key === key) out.push({ uri: n.uri, range: li.range(c.keyStart, c.keyEnd) });
	}
	return out;
}
