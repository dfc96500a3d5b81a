#!/usr/bin/env bash
# `npm start`: builds and packages the extension, then opens the sample workspace in VS Code with
# the packaged extension installed, as a user would have it.
#   - with a `code` command (a desktop VS Code): code --install-extension + code <sample>;
#   - otherwise: code-server 4.100.3 (installed by scripts/setup-e2e.sh) on 127.0.0.1, in the
#     foreground (Ctrl+C stops it), with a fresh extensions folder holding only this extension.
# Options: --fresh rebuilds the sample workspace (discarding edits to it); --no-build uses the .vsix
# already packaged; GN_PORT (default 8080).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
fresh=0
build=1
for arg in "$@"; do
	case "$arg" in
	--fresh) fresh=1 ;;
	--no-build) build=0 ;;
	*) echo "usage: npm start [-- --fresh] [-- --no-build]" >&2; exit 2 ;;
	esac
done

if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
	echo "start: installing dependencies (npm ci)"
	npm ci --no-audit --no-fund
fi

version="$(node -p "require('./package.json').version")"
name="$(node -p "require('./package.json').name")"
vsix="$root/$name-$version.vsix"
if [[ $build -eq 1 || ! -f "$vsix" ]]; then
	echo "start: building and packaging $(basename "$vsix")"
	npm run --silent package
fi

sample="$root/.e2e/sample"
if [[ $fresh -eq 1 || ! -f "$sample/notes/report.md" ]]; then
	node scripts/make-sample.mjs "$sample" >/dev/null
fi
echo "start: sample workspace $sample"

# A desktop VS Code, unless `code` is code-server's own wrapper.
if command -v code >/dev/null 2>&1 && ! code --version 2>/dev/null | grep -qi code-server; then
	code --install-extension "$vsix" --force
	exec code "$sample"
fi

bash scripts/setup-e2e.sh
state="$root/.e2e/start"
rm -rf "$state/extensions"
mkdir -p "$state/extensions" "$state/user-data/User" "$state/config"
settings="$state/user-data/User/settings.json"
[[ -f "$settings" ]] || cat >"$settings" <<'JSON'
{
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false
}
JSON
bin="$root/.e2e/code-server/node_modules/.bin/code-server"
export XDG_CONFIG_HOME="$state/config" XDG_DATA_HOME="$state/data"
"$bin" --install-extension "$vsix" --extensions-dir "$state/extensions" --user-data-dir "$state/user-data" --force >/dev/null
port="${GN_PORT:-8080}"
url="http://127.0.0.1:$port/?folder=$(node -p 'encodeURIComponent(process.argv[1])' "$sample")"
echo
echo "start: Grounded Notes in VS Code (code-server) at:"
echo "  $url"
echo "  (open notes/report.md; Ctrl+C here stops the server)"
echo
exec "$bin" --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check \
	--disable-workspace-trust --user-data-dir "$state/user-data" --extensions-dir "$state/extensions" "$sample"
