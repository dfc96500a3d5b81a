#!/usr/bin/env bash
# Installs what the end-to-end tests need to run a real VS Code here (see shared/E2E.md §1):
# Debian's chromium and ripgrep plus code-server 4.100.3 (VS Code 1.100) in .e2e/code-server.
# Idempotent: a second run only checks. These machines reach npm and Debian's packages only, so
# @vscode/ripgrep is handed Debian's rg through its download cache instead of fetching its own.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${GN_CODE_SERVER_DIR:-$root/.e2e/code-server}"
version=4.100.3
# pandoc: test/protocol/pandoc.test.ts renders a note with the bibliography the server writes
debs=(libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config ripgrep chromium pandoc)

missing=()
for p in "${debs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
	echo "setup-e2e: installing Debian packages: ${missing[*]}"
	sudo_=""
	[[ $(id -u) -ne 0 ]] && sudo_="sudo"
	$sudo_ apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# `--debs-only`: the Debian packages alone (scripts/test.sh, before the protocol tests that use pandoc)
[[ "${1:-}" == "--debs-only" ]] && exit 0

bin="$dir/node_modules/.bin/code-server"
installed=""
[[ -f "$dir/node_modules/code-server/package.json" ]] &&
	installed="$(node -p "require('$dir/node_modules/code-server/package.json').version")"
if [[ "$installed" != "$version" || ! -x "$bin" ]]; then
	echo "setup-e2e: installing code-server $version into $dir"
	# @vscode/ripgrep 1.15.11's postinstall looks in this cache before it downloads.
	cache=/tmp/vscode-ripgrep-cache-1.15.11
	pack="$(mktemp -d)"
	mkdir -p "$cache"
	cp /usr/bin/rg "$pack/rg"
	tar czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$pack" rg
	rm -rf "$pack"
	mkdir -p "$dir"
	[[ -f "$dir/package.json" ]] || echo '{ "name": "gn-code-server", "private": true }' >"$dir/package.json"
	npm_config_yes=true npm_config_unsafe_perm=true npm install --no-audit --no-fund --loglevel=error \
		--prefix "$dir" "code-server@$version"
fi

# (`code-server --version` would write a default config into ~/.config: read the package instead.)
echo "setup-e2e: code-server $(node -p "require('$dir/node_modules/code-server/package.json').version") in $dir"
echo "setup-e2e: $(/usr/bin/chromium --version 2>/dev/null)"
