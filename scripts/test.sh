#!/usr/bin/env bash
# Runs every test of the project on a fresh clone: installs what it needs from the project's own
# files, builds, then runs the unit, protocol and end-to-end (real VS Code) suites.
# Usage: bash scripts/test.sh            (everything)
#        GN_SKIP_E2E=1 bash scripts/test.sh   (no VS Code suites)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi

echo "== build (tsc -b type-checks client, server and tests; esbuild bundles)"
npm run build

echo "== unit tests (the language service, in memory)"
npm run test:unit

echo "== Debian packages the tests use (pandoc, chromium: scripts/setup-e2e.sh --debs-only)"
bash scripts/setup-e2e.sh --debs-only

echo "== protocol tests (the built server over stdio)"
npm run test:protocol

echo "== other editors' LSP clients (Neovim 0.7, Emacs eglot)"
bash scripts/setup-clients.sh
npm run test:clients

echo "== regression corpus (233 State of the Union addresses: precision and recall of the checker)"
npm run test:regression

if [ "${GN_SKIP_E2E:-}" = "1" ]; then
  echo "== end-to-end tests skipped (GN_SKIP_E2E=1)"
  exit 0
fi

echo "== end-to-end tests in a real VS Code (code-server + Chromium)"
npm run e2e
