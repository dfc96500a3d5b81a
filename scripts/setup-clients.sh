#!/usr/bin/env bash
# Installs the editors whose LSP clients test/clients/ drives: Neovim (0.7 on Debian 12) and Emacs
# with eglot. Idempotent: does nothing when they are there; updates the package lists only when
# something is missing. Needs root (or sudo) and Debian's package archive.
set -euo pipefail

PACKAGES=(neovim emacs-nox elpa-eglot)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "== editors for the client tests are installed ($(nvim --version | head -n1); $(emacs --version | head -n1))"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup-clients: need root to install ${missing[*]}" >&2
    exit 1
  fi
fi

echo "== installing ${missing[*]} (Debian packages, for test/clients)"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "== installed: $(nvim --version | head -n1); $(emacs --version | head -n1)"
