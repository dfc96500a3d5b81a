import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, extensionReady, openNote } from './helpers';

describe('activation', () => {
	it('activates on a Markdown note, starts the server and indexes the five seeds', async () => {
		await openNote('notes/report.md');
		const api = await extensionReady();
		assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
		assert.equal(api.statusBar.last?.sources, 5);
		assert.match(api.statusBar.text, /^\$\(book\) 5 sources · \d+ figures$/);
		assert.ok((api.statusBar.last?.figures ?? 0) > 0, 'the seeds have figures');
	});
});
