#!/usr/bin/env bash
# Isso (the comment server the end-to-end tests run against), in a virtual environment
# at .venv-isso/ in the repository root.
#
#   bash scripts/isso.sh [install]      installs Isso $ISSO_VERSION when missing (idempotent;
#                                       about 0.1 s when already installed)
#   bash scripts/isso.sh run ORIGIN [PORT]
#                                       serves Isso on http://127.0.0.1:PORT (default 8081) for
#                                       the page origin ORIGIN (e.g. http://127.0.0.1:8080), with
#                                       a throw-away database; Ctrl-C ends it. For trying the
#                                       widget by hand; the tests use tests/e2e/isso.mjs.
#
# The install builds misaka (a C extension, no wheel on PyPI) with gcc: it needs a C compiler
# and Python's headers. On Debian, missing python3-venv / python3-dev / gcc are apt-installed.
# ISSO_PYTHON picks the interpreter (default: python3 on PATH).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv-isso"
ISSO_VERSION="0.14.0"
PYTHON="${ISSO_PYTHON:-python3}"

say() { printf 'isso: %s\n' "$*"; }
die() { printf 'isso: ERROR: %s\n' "$*" >&2; exit 1; }

installed() {
  [ -x "$VENV/bin/isso" ] && "$VENV/bin/python" - "$ISSO_VERSION" >/dev/null 2>&1 <<'EOF'
import sys
from importlib.metadata import version
import misaka, isso  # noqa: F401  (a broken build or interpreter fails here)
sys.exit(version("isso") != sys.argv[1])
EOF
}

apt_install() {
  local SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to apt-get install $*"
    SUDO="sudo -E"
  fi
  say "apt: installing $*"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

install() {
  if installed; then
    say "$ISSO_VERSION: ok (.venv-isso)"
    return
  fi
  # One install at a time per work tree (setup.sh may run twice at once).
  exec 9>"${TMPDIR:-/tmp}/isso-install-$(printf '%s' "$ROOT" | cksum | cut -d' ' -f1).lock"
  flock 9
  if installed; then
    say "$ISSO_VERSION: ok (.venv-isso)"
    return
  fi

  # What building the venv and misaka needs: python3 with venv + ensurepip, Python.h, gcc.
  local missing=()
  command -v "$PYTHON" >/dev/null 2>&1 || missing+=(python3)
  if ((${#missing[@]} == 0)); then
    "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
    "$PYTHON" -c 'import os, sys, sysconfig
sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
      >/dev/null 2>&1 || missing+=(python3-dev)
  else
    missing+=(python3-venv python3-dev)
  fi
  command -v gcc >/dev/null 2>&1 || missing+=(gcc libc6-dev)
  if ((${#missing[@]})); then
    command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get to install them"
    apt_install "${missing[@]}"
  fi

  local start=$SECONDS
  say "installing isso $ISSO_VERSION into .venv-isso (builds misaka with gcc; ~15-30 s)"
  rm -rf "$VENV"
  if ! { "$PYTHON" -m venv "$VENV" &&
         "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-input "isso==$ISSO_VERSION"; }; then
    rm -rf "$VENV"
    die "pip install isso==$ISSO_VERSION failed"
  fi
  installed || { rm -rf "$VENV"; die "isso installed but does not import"; }
  say "$ISSO_VERSION: installed in $((SECONDS - start)) s"
}

run() {
  local origin="${1:?usage: bash scripts/isso.sh run PAGE_ORIGIN [PORT]}" port="${2:-8081}"
  installed || install
  RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/isso-run-XXXXXX")" # global: the EXIT trap outlives run()
  trap 'rm -rf "$RUN_DIR"' EXIT
  local dir="$RUN_DIR"
  cat >"$dir/isso.cfg" <<EOF
[general]
dbpath = $dir/comments.db
host = $origin
[server]
listen = http://127.0.0.1:$port/
[guard]
enabled = false
[moderation]
enabled = false
EOF
  say "serving on http://127.0.0.1:$port/ for pages on $origin (database $dir/comments.db)"
  "$VENV/bin/isso" -c "$dir/isso.cfg" run
}

case "${1:-install}" in
  install) install ;;
  run) shift; run "$@" ;;
  *) die "usage: bash scripts/isso.sh [install | run PAGE_ORIGIN [PORT]]" ;;
esac
