/**
 * The server driven by Emacs' eglot (Debian's emacs-nox + elpa-eglot) in batch mode: diagnostics
 * through flymake, hover and completion through eglot's own requests, on the seeds and a note with a
 * wrong figure. `emacs --batch -l probe.el`, not `-Q`, which would hide Debian's eglot.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { A, COMPLETE_AT, editor, HOVER_AT, KEYS, readResult, run, SERVER, workspace, WRONG } from './editors';

const PROBE_EL = String.raw`
(require 'eglot)
(require 'json)
(require 'flymake)

(defvar gn-result nil)
(defun gn-put (key value) (push (cons key value) gn-result))
(defun gn-finish (code)
  (with-temp-file (getenv "GN_OUT") (insert (json-encode gn-result)))
  (kill-emacs code))

(defun gn-wait (pred seconds)
  "Runs the event loop until PRED is true or SECONDS pass."
  (let ((end (+ (float-time) seconds)))
    (while (and (not (funcall pred)) (< (float-time) end))
      (accept-process-output nil 0.1))
    (funcall pred)))

(condition-case err
    (let* ((root (file-name-as-directory (getenv "GN_ROOT")))
           (eglot-sync-connect 30)
           (eglot-connect-timeout 30)
           (eglot-autoshutdown nil)
           server)
      (find-file (concat root "note.md"))
      (text-mode)
      (setq server (eglot '(text-mode) (cons 'transient root) 'eglot-lsp-server
                          (list (getenv "GN_NODE") (getenv "GN_SERVER") "--stdio"
                                :initializationOptions '(:sources ["seeds/**/*.txt"]))
                          "markdown"))
      (gn-put 'server (plist-get (eglot--server-info server) :name))
      (gn-wait (lambda () (eglot-managed-p)) 10)
      ;; diagnostics: flymake asks eglot's backend, which hands over what the server published
      (flymake-mode 1)
      (gn-wait (lambda ()
                 (flymake-start)
                 (accept-process-output nil 0.2)
                 (and (seq-some (lambda (d) (string-match-p "1\\.4 trillion" (flymake-diagnostic-text d)))
                                (flymake-diagnostics))
                      ;; unknown keys are reported once every source is indexed
                      (seq-some (lambda (d) (string-match-p "no-such-source" (flymake-diagnostic-text d)))
                                (flymake-diagnostics))))
               40)
      (gn-put 'diagnostics
              (vconcat
               (mapcar (lambda (d)
                         (save-excursion
                           (goto-char (flymake-diagnostic-beg d))
                           (list (cons 'line (1- (line-number-at-pos)))
                                 (cons 'col (current-column))
                                 (cons 'length (- (flymake-diagnostic-end d) (flymake-diagnostic-beg d)))
                                 (cons 'type (symbol-name (flymake-diagnostic-type d)))
                                 (cons 'text (flymake-diagnostic-text d)))))
                       (flymake-diagnostics))))
      ;; hover, at a position eglot computes itself (UTF-16 columns)
      (goto-char (point-min))
      (forward-line ${HOVER_AT.line})
      (forward-char ${HOVER_AT.character})
      (let ((hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams))))
        (gn-put 'hover (plist-get (plist-get hover :contents) :value)))
      ;; completion through eglot's completion-at-point function
      (goto-char (point-min))
      (forward-line ${COMPLETE_AT.line})
      (forward-char ${COMPLETE_AT.character})
      (let* ((capf (eglot-completion-at-point))
             (table (nth 2 capf)))
        (gn-put 'completion (vconcat (all-completions "" table))))
      (ignore-errors (eglot-shutdown server nil 5))
      (gn-finish 0))
  (error (gn-put 'error (format "%S" err)) (gn-finish 1)))
`;

interface EmacsResult {
	server: string;
	diagnostics: Array<{ line: number; col: number; length: number; type: string; text: string }>;
	hover?: string;
	completion: string[];
	error?: string;
}

describe('Emacs (eglot)', () => {
	// GN_EMACS picks another binary (a newer emacs, say)
	const command = process.env['GN_EMACS'] ?? 'emacs';
	// eglot is a package of its own on Emacs 28: no eglot, no test
	const emacs = editor(command, ['--batch', '--eval', "(progn (require 'eglot) (princ (format \"GNU Emacs %s, eglot\" emacs-version)))"]);
	test(`diagnostics, hover and completion in ${emacs.version || 'Emacs with eglot'}`, { skip: emacs.skip, timeout: 120_000 }, async (t) => {
		assert.ok(emacs.present, 'emacs with eglot is not installed: run bash scripts/setup-clients.sh (CI=true makes this a failure, not a skip)');
		assert.ok(fs.existsSync(SERVER), 'build the server first: npm run build');
		const dir = workspace();
		try {
			fs.writeFileSync(path.join(dir, 'probe.el'), PROBE_EL);
			const out = path.join(dir, 'out.json');
			const started = Date.now();
			const ran = await run(command, ['--batch', '-l', path.join(dir, 'probe.el')], {
				cwd: dir,
				env: { GN_ROOT: dir, GN_OUT: out, GN_NODE: process.execPath, GN_SERVER: SERVER, XDG_CACHE_HOME: path.join(dir, '.cache'), HOME: dir },
				seconds: 60,
			});
			const r = readResult<EmacsResult>(out, ran);
			t.diagnostic(`${emacs.version}: ${Date.now() - started} ms`);
			assert.equal(r.error, undefined, `${r.error}\n${ran.stderr.slice(-2000)}`);
			assert.equal(ran.code, 0, ran.stderr.slice(-2000));
			assert.equal(r.server, 'grounded-notes-ls');
			// the server asks eglot for nothing it cannot do (a dynamic registration eglot lacks warns the user)
			assert.doesNotMatch(ran.stderr, /unsupported capability/);

			const mismatch = r.diagnostics.find((d) => /1\.4 trillion/.test(d.text));
			assert.ok(mismatch, JSON.stringify(r.diagnostics));
			assert.deepEqual([mismatch.line, mismatch.col, mismatch.length], [0, WRONG.indexOf('$2 trillion'), '$2 trillion'.length]);
			assert.equal(mismatch.type, 'eglot-warning');
			assert.match(mismatch.text, /Sources say \$1\.4 trillion, not \$2 trillion/);

			assert.match(r.hover ?? '', /\$1\.4 trillion/);

			assert.deepEqual([...r.completion].sort(), KEYS);
			assert.ok(r.completion.includes(A));
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
