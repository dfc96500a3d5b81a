// What a writer sees, in a real VS Code (code-server in headless Chromium, see shared/E2E.md §1):
// open notes/report.md, see the squiggle under a wrong figure, hover it and read the source's value
// and quote, find it in Problems, apply the quick fix, complete a citation key after `[@`, insert a
// citation found by typing "Stargate", and open the Sources view. Each step saves a screenshot to
// test-results/screenshots/. The extension is the packaged .vsix, installed as a user would.
//
//   node --test test/e2e/ui.test.mjs     (after npm run package and npm run e2e:setup)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
	checkPrerequisites,
	cleanUp,
	freshRunDir,
	installVsix,
	launchBrowser,
	makeSample,
	root,
	startCodeServer,
	workbenchUrl,
} from './codeServer.mjs';

const SHOTS = path.join(root, 'test-results/screenshots');
const REPORT = fs.readFileSync(path.join(root, 'sample/notes/report.md'), 'utf8');
const TIMEOUT = 30_000;

/** 1-based line and column of `needle` (plus `offset`) in the report as it is on disk. */
function lineColOf(needle, offset = 0, text = REPORT) {
	const at = text.indexOf(needle);
	assert.ok(at >= 0, `"${needle}" is in the report`);
	const before = text.slice(0, at + offset).split('\n');
	return { line: before.length, col: before.at(-1).length + 1 };
}

describe('a writer checks a report in VS Code', { timeout: 5 * 60_000 }, () => {
	let server;
	let browser;
	let page;

	const shot = async (name) => {
		await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
	};
	/** The editor's visible text (VS Code renders spaces as U+00A0). */
	const editorText = async () =>
		(await page.locator('.editor-instance .view-lines .view-line').allTextContents()).join('\n').replace(/\u00a0/g, ' ');
	const waitForEditorText = (pattern) =>
		page.waitForFunction(
			(source) => {
				const text = [...document.querySelectorAll('.editor-instance .view-lines .view-line')]
					.map((l) => l.textContent)
					.join('\n')
					.replace(/\u00a0/g, ' ');
				return new RegExp(source).test(text);
			},
			pattern.source,
			{ timeout: TIMEOUT },
		);
	/**
	 * Where `text` is drawn in the editor. Monaco draws a line as a few spans (long runs are split),
	 * with spaces as U+00A0, so the text is found across the line's text nodes and measured with a Range.
	 */
	const textRect = (text) =>
		page.evaluate((wanted) => {
			for (const line of document.querySelectorAll('.editor-instance .view-lines .view-line')) {
				const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
				const nodes = [];
				let all = '';
				for (let n = walker.nextNode(); n; n = walker.nextNode()) {
					nodes.push({ node: n, start: all.length });
					all += n.textContent.replace(/\u00a0/g, ' ');
				}
				const at = all.indexOf(wanted);
				if (at < 0) continue;
				const locate = (offset) => {
					const hit = nodes.findLast((x) => x.start <= offset);
					return [hit.node, offset - hit.start];
				};
				const range = document.createRange();
				range.setStart(...locate(at));
				range.setEnd(...locate(at + wanted.length));
				const r = range.getBoundingClientRect();
				return { left: r.left, right: r.right, top: r.top, height: r.height };
			}
			return null;
		}, text);
	/** Whether a squiggle of the kind (`warning`, `error`, `info`) lies under `text`. */
	const squiggleUnder = async (text, kind = 'warning') => {
		const word = await textRect(text);
		if (!word) return false;
		return page.evaluate(
			([w, selector]) =>
				[...document.querySelectorAll(selector)].some((s) => {
					const r = s.getBoundingClientRect();
					return r.left < w.right && r.right > w.left && Math.abs(r.top - w.top) < w.height;
				}),
			[word, `.squiggly-${kind}`],
		);
	};
	/** Closes whatever widget is open and puts the keyboard back in the editor. */
	const focusEditor = async () => {
		await page.keyboard.press('Escape');
		await page.keyboard.press('Escape');
		await page.keyboard.press('Control+1');
		await page.locator('.editor-instance .monaco-editor.focused').first().waitFor({ timeout: TIMEOUT });
	};
	/** Waits until a widget has finished its fade-in, so that a screenshot shows it as a user sees it. */
	const settled = async (locator) => {
		await locator.evaluate((el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished)));
		await page.waitForFunction(
			(el) => {
				for (let e = el; e; e = e.parentElement) if (Number(getComputedStyle(e).opacity) < 1) return false;
				return true;
			},
			await locator.elementHandle(),
			{ timeout: TIMEOUT },
		);
	};
	const gotoLine = async ({ line, col }) => {
		await page.keyboard.press('Control+G');
		const input = page.locator('.quick-input-widget input');
		await input.waitFor({ state: 'visible' });
		await input.fill(`:${line}:${col}`);
		await page.keyboard.press('Enter');
		await input.waitFor({ state: 'hidden' });
	};
	const runCommand = async (title) => {
		await page.keyboard.press('Control+Shift+P');
		const input = page.locator('.quick-input-widget input');
		await input.waitFor({ state: 'visible' });
		await input.fill(`>${title}`);
		await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
		await page.keyboard.press('Enter');
	};

	/** A step of the story: on failure, a screenshot of the screen as it was then. */
	const step = (title, body) =>
		it(title, async () => {
			try {
				await body();
			} catch (error) {
				const name = `FAILED-${title.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
				await shot(name).catch(() => {});
				throw new Error(`${error.message}\n(screenshot: test-results/screenshots/${name}.png)`, { cause: error });
			}
		});

	before(async () => {
		checkPrerequisites();
		fs.mkdirSync(SHOTS, { recursive: true });
		const runDir = freshRunDir('ui');
		const workspace = makeSample(path.join(runDir, 'workspace'));
		const extensionsDir = path.join(runDir, 'extensions');
		installVsix(extensionsDir, path.join(runDir, 'user-data'));
		server = await startCodeServer({ runDir, workspace, extensionsDir });
		browser = await launchBrowser();
		page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
		await page.goto(workbenchUrl(server, workspace));
		await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
		await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
	});

	after(async () => {
		await cleanUp(browser, server);
	});

	step('opens notes/report.md and sees a squiggle under the wrong figure', async () => {
		await page.keyboard.press('Control+P');
		const input = page.locator('.quick-input-widget input');
		await input.waitFor({ state: 'visible' });
		await input.fill('report.md');
		await page.locator('.quick-input-list .monaco-list-row', { hasText: 'report.md' }).first().waitFor();
		await page.keyboard.press('Enter');
		await waitForEditorText(/OpenAI and Foxconn: what the coverage says/);
		// The status bar tells when the sources are indexed.
		await page.locator('.statusbar-item', { hasText: /5 sources · \d+ figures/ }).waitFor({ timeout: 60_000 });
		await page.locator('.squiggly-warning').first().waitFor({ timeout: TIMEOUT });
		// the squiggle is under "$2 trillion": its box overlaps the text's box (compared until they
		// agree: code lenses that arrive after the squiggles move the lines while they are measured)
		const deadline = Date.now() + TIMEOUT;
		while (!(await squiggleUnder('$2 trillion'))) {
			assert.ok(Date.now() < deadline, 'a warning squiggle lies under "$2 trillion"');
			await page.waitForTimeout(50);
		}
		await shot('01-report-with-squiggles');
	});

	step('hovers the wrong figure and reads the source\'s value and quote', async () => {
		await gotoLine(lineColOf('$2 trillion', 2));
		await page.keyboard.press('Control+K');
		await page.keyboard.press('Control+I');
		const hover = page.locator('.monaco-hover:not(.hidden)');
		// Both parts: the problem, and the extension's provenance (which names the source's title).
		const shown = hover.filter({ hasText: '1.4 trillion' }).filter({ hasText: 'Foxconn Partners with OpenAI' }).first();
		await shown.waitFor({ timeout: TIMEOUT });
		await settled(shown);
		const text = await shown.innerText();
		await shot('02-hover-on-wrong-figure');
		assert.match(text, /1\.4 trillion/);
		assert.match(text, /30 gigawatts of computing power/);
		await focusEditor();
	});

	step('finds the problem in the Problems panel', async () => {
		await page.keyboard.press('Control+Shift+M');
		const row = page.locator('.markers-panel .monaco-list-row', { hasText: '1.4 trillion' });
		await row.first().waitFor({ timeout: TIMEOUT });
		await shot('03-problems-panel');
		const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
		assert.ok(rows.some((r) => /bloomberg-2025/.test(r)), 'the unknown citation is listed too');
		await page.keyboard.press('Control+Shift+M'); // hide the panel again
		await focusEditor();
	});

	step('applies the quick fix and sees the corrected figure', async () => {
		await focusEditor();
		await gotoLine(lineColOf('$2 trillion', 2));
		await page.keyboard.press('Control+.');
		const fix = page.locator('.action-widget .monaco-list-row.action', { hasText: '1.4 trillion' }).first();
		await fix.waitFor({ timeout: TIMEOUT });
		await settled(page.locator('.action-widget').first());
		await shot('04-quick-fix-menu');
		// Keyboard, as a writer would: move to the fix, then Enter.
		for (let i = 0; i < 10 && !(await fix.evaluate((el) => el.classList.contains('focused'))); i++) await page.keyboard.press('ArrowDown');
		await page.keyboard.press('Enter');
		await waitForEditorText(/invest \$1\.4 trillion to develop/);
		// The note is checked again: the corrected figure loses its squiggle.
		const deadline = Date.now() + TIMEOUT;
		while (await squiggleUnder('$1.4 trillion')) {
			assert.ok(Date.now() < deadline, 'the squiggle under the corrected figure goes away');
			await page.waitForTimeout(50);
		}
		await page.locator('.codelens-decoration', { hasText: /sourced/ }).first().waitFor({ timeout: TIMEOUT });
		await shot('05-figure-fixed');
		assert.doesNotMatch(await editorText(), /\$2 trillion/);
	});

	step('types `[@` and picks a source key from the completion list', async () => {
		await focusEditor();
		await gotoLine(lineColOf('deal with Oracle.', 'deal with Oracle.'.length));
		await page.keyboard.type(' [@', { delay: 20 });
		const rows = page.locator('.suggest-widget.visible .monaco-list-row');
		await rows.filter({ hasText: '000_dad698e8bbde9b79' }).first().waitFor({ timeout: TIMEOUT });
		const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
		await shot('06-completion-after-bracket-at');
		assert.ok(labels.some((l) => l.includes('000_dad698e8bbde9b79')), `seed keys are offered (got ${labels.join(' | ')})`);
		await page.keyboard.type('002', { delay: 20 });
		await page.locator('.suggest-widget.visible .monaco-list-row.focused', { hasText: '002_825c13959571626a' }).waitFor({ timeout: TIMEOUT });
		await page.keyboard.press('Enter');
		await waitForEditorText(/deal with Oracle\. \[@002_825c13959571626a/);
		await shot('07-completion-accepted');
	});

	step('runs Insert Citation… and finds a passage by typing "Stargate"', async () => {
		await focusEditor();
		await page.keyboard.press('Control+End');
		await page.keyboard.press('Enter');
		await page.keyboard.type('The Stargate initiative involves Oracle and SoftBank', { delay: 5 });
		await runCommand('Grounded Notes: Insert Citation');
		const input = page.locator('.quick-input-widget input');
		await input.waitFor({ state: 'visible' });
		await page.keyboard.type('Stargate', { delay: 20 });
		const first = page.locator('.quick-input-list .monaco-list-row[data-index="0"]', { hasText: '002_825c13959571626a' });
		await first.filter({ hasText: 'Stargate' }).waitFor({ timeout: TIMEOUT });
		await page.locator('.quick-input-widget .quick-input-progress').waitFor({ state: 'hidden' }).catch(() => {});
		await shot('08-insert-citation-stargate');
		await page.keyboard.press('Enter');
		await waitForEditorText(/SoftBank \[@002_825c13959571626a[^\]]*\]/);
		await shot('09-citation-inserted');
	});

	step('opens the Sources view from the status bar, and a figure of a source', async () => {
		await focusEditor();
		// Make room: fold the Explorer's folder tree, as a writer might.
		await page.locator('.pane-header', { hasText: /^workspace/i }).first().click();
		await page.locator('.statusbar-item', { hasText: /5 sources/ }).first().click();
		const rows = page.locator('.pane-body .monaco-list-row');
		const source = rows.filter({ hasText: 'Foxconn Partners with OpenAI' }).first();
		await source.waitFor({ timeout: TIMEOUT });
		await source.click();
		const figures = rows.filter({ hasText: 'Figures' }).first();
		await figures.waitFor({ timeout: TIMEOUT });
		await figures.click();
		const figure = rows.filter({ hasText: '$1.4 trillion' }).first();
		await figure.waitFor({ timeout: TIMEOUT });
		await shot('10-sources-view');
		await figure.click();
		await page.locator('.tab.active', { hasText: '000_dad698e8bbde9b79.txt' }).waitFor({ timeout: TIMEOUT });
		await page.waitForFunction(() => document.querySelector('.editor-instance .monaco-editor.focused .selected-text, .editor-instance .monaco-editor .selected-text') !== null, null, { timeout: TIMEOUT });
		await shot('11-source-opened-at-figure');
	});
});
