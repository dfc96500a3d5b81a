/**
 * The server driven by Neovim's built-in LSP client (0.7: vim.lsp.start_client, as Debian ships it)
 * in headless mode: diagnostics, hover and completion on the seeds and a note with a wrong figure.
 * The Lua script writes what the client saw to a JSON file; an uncaught Lua error would leave
 * headless Neovim waiting, so the body runs under xpcall and everything under `timeout`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { A, COMPLETE_AT, editor, HOVER_AT, KEYS, readResult, run, SERVER, workspace, WRONG } from './editors';

const INIT_LUA = String.raw`
local out = { diagnostics = {}, hover = nil, completion = {} }
local function finish(code)
  local f = assert(io.open(vim.env.GN_OUT, 'w'))
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd(code == 0 and 'qall!' or (code .. 'cquit!'))
end

local ok, err = xpcall(function()
  local root = vim.env.GN_ROOT
  local id = vim.lsp.start_client({
    name = 'grounded-notes',
    cmd = { vim.env.GN_NODE, vim.env.GN_SERVER, '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'ws' } },
    init_options = { sources = { 'seeds/**/*.txt' } },
  })
  assert(id, 'the client did not start')
  vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/note.md'))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'markdown'
  assert(vim.lsp.buf_attach_client(buf, id), 'could not attach')
  out.server = vim.lsp.get_client_by_id(id).name

  -- diagnostics: wait for the mismatch (indexing may still be under way at first)
  local function mismatch()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.message:find('1.4 trillion', 1, true) then return d end
    end
  end
  local function indexed()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.message:find('no-such-source', 1, true) then return true end
    end
    return false
  end
  vim.wait(40000, function() return mismatch() ~= nil and indexed() end, 100)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(out.diagnostics, { lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity, message = d.message, code = d.code or lsp.code, source = d.source })
  end

  local uri = vim.uri_from_bufnr(buf)
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = ${HOVER_AT.line}, character = ${HOVER_AT.character} } }, 20000)
  for _, r in pairs(hover or {}) do
    if r.result then out.hover = r.result.contents end
    if r.err then out.hover_error = r.err.message end
  end

  local completion = vim.lsp.buf_request_sync(buf, 'textDocument/completion', { textDocument = { uri = uri }, position = { line = ${COMPLETE_AT.line}, character = ${COMPLETE_AT.character} }, context = { triggerKind = 2, triggerCharacter = '@' } }, 20000)
  for _, r in pairs(completion or {}) do
    local items = r.result and (r.result.items or r.result) or {}
    for _, item in ipairs(items) do table.insert(out.completion, item.label) end
  end

  vim.lsp.stop_client(id)
  vim.wait(3000, function() return vim.lsp.client_is_stopped(id) end, 50)
end, debug.traceback)

if not ok then out.error = tostring(err) end
finish(ok and 0 or 1)
`;

interface NvimResult {
	server: string;
	diagnostics: Array<{ lnum: number; col: number; end_col: number; severity: number; message: string; code?: string; source?: string }>;
	hover?: { kind: string; value: string };
	hover_error?: string;
	completion: string[];
	error?: string;
}

describe('Neovim (vim.lsp.start_client)', () => {
	// GN_NVIM picks another binary (a newer nvim, say)
	const command = process.env['GN_NVIM'] ?? 'nvim';
	const nvim = editor(command);
	test(`diagnostics, hover and completion in ${nvim.version || 'Neovim'}`, { skip: nvim.skip, timeout: 120_000 }, async (t) => {
		assert.ok(nvim.present, 'nvim is not installed: run bash scripts/setup-clients.sh (CI=true makes this a failure, not a skip)');
		assert.ok(fs.existsSync(SERVER), 'build the server first: npm run build');
		const dir = workspace();
		try {
			fs.writeFileSync(path.join(dir, 'init.lua'), INIT_LUA);
			const out = path.join(dir, 'out.json');
			const started = Date.now();
			const ran = await run(command, ['--headless', '-n', '-i', 'NONE', '-u', path.join(dir, 'init.lua')], {
				cwd: dir,
				env: { GN_ROOT: dir, GN_OUT: out, GN_NODE: process.execPath, GN_SERVER: SERVER, XDG_CACHE_HOME: path.join(dir, '.cache'), XDG_STATE_HOME: path.join(dir, '.state'), XDG_DATA_HOME: path.join(dir, '.data') },
				seconds: 60,
			});
			const r = readResult<NvimResult>(out, ran);
			t.diagnostic(`${nvim.version}: ${Date.now() - started} ms`);
			assert.equal(r.error, undefined, r.error);
			assert.equal(ran.code, 0, ran.stderr);
			assert.equal(r.server, 'grounded-notes');

			const mismatch = r.diagnostics.find((d) => d.code === 'figure-mismatch');
			assert.ok(mismatch, JSON.stringify(r.diagnostics));
			assert.deepEqual([mismatch.lnum, mismatch.col, mismatch.end_col], [0, WRONG.indexOf('$2 trillion'), WRONG.indexOf(' on 30')]);
			assert.equal(mismatch.severity, 2, 'a warning');
			assert.match(mismatch.message, /Sources say \$1\.4 trillion, not \$2 trillion/);
			assert.equal(mismatch.source, 'grounded-notes');

			assert.equal(r.hover_error, undefined);
			assert.match(r.hover?.value ?? '', /\$1\.4 trillion/);

			assert.deepEqual([...r.completion].sort(), KEYS);
			assert.ok(r.completion.includes(A));
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
