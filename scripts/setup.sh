#!/usr/bin/env bash
# Installs everything the build and the browser tests need. Idempotent: when
# everything is already there it only checks versions and exits in seconds.
#
#   apt:    chromium chromium-driver firefox-esr fonts-wqy-microhei nginx g++   (only if missing;
#           nginx runs only inside tests/e2e/nginx.test.mjs: its own service is not started)
#   rustup: wasm32-unknown-unknown target
#   cargo:  wasm-bindgen-cli (= the `wasm-bindgen = "=X.Y.Z"` pin in Cargo.toml; its test
#           runner built with scripts/patches/tiny_http-0.12.0-task-pool.patch),
#           wasm-pack 0.15.1, geckodriver
#   npm:    npm ci / npm install when node_modules is missing or stale
#   pip:    Isso 0.14.0 in .venv-isso/ (the comment server of the e2e tests)
#
# `setup.sh --demo` (what `npm start` runs) installs only what building and serving the demo
# need: the Rust target and nightly source, wasm-bindgen-cli and the npm packages. The
# browsers, their drivers, nginx, wasm-pack and Isso are for the tests.
#
# Cargo-installed tools land in ${CARGO_HOME:-$HOME/.cargo}/bin; this script puts
# that directory on PATH for itself. Callers need it on PATH too.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in
  *":$CARGO_BIN:"*) ;;
  *) export PATH="$CARGO_BIN:$PATH" ;;
esac
export DEBIAN_FRONTEND=noninteractive

WASM_PACK_VERSION="0.15.1"
WASM_TARGET="wasm32-unknown-unknown"

MODE=all
case "${1:-}" in
  "") ;;
  --demo) MODE=demo ;;
  *) printf 'setup: unknown option %s (use --demo or nothing)\n' "$1" >&2; exit 2 ;;
esac

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: ERROR: %s\n' "$*" >&2; exit 1; }

command -v cargo >/dev/null 2>&1 || die "cargo not found (install Rust via rustup first)"
command -v rustup >/dev/null 2>&1 || die "rustup not found (install Rust via rustup first)"

# --- apt packages (tests only) ------------------------------------------------
if [ "$MODE" = all ]; then
# package -> a command it provides
apt_missing=()
for pair in chromium:chromium chromium-driver:chromedriver firefox-esr:firefox-esr; do
  pkg="${pair%%:*}" cmd="${pair##*:}"
  command -v "$cmd" >/dev/null 2>&1 || apt_missing+=("$pkg")
done
# A C++ compiler: npm test compiles the fuzz targets, and libfuzzer-sys builds libFuzzer (C++).
command -v c++ >/dev/null 2>&1 || apt_missing+=(g++)
# A CJK font, so that headless screenshots of the Chinese demo show text, not boxes.
fc-list :lang=zh 2>/dev/null | grep -q . || apt_missing+=(fonts-wqy-microhei)
# Debian's nginx, for the end-to-end test of docs/deploy/nginx.conf (/usr/sbin is not on
# every user's PATH).
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || apt_missing+=(nginx)
if ((${#apt_missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to apt-get install ${apt_missing[*]}"
    SUDO="sudo -E"
  fi
  # Installing nginx would start its service on port 80 (and fail the install when that port
  # is taken): a policy-rc.d forbids starting services during this install, and goes after it.
  policy=/usr/sbin/policy-rc.d
  created_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod 755 "$policy"
    created_policy=1
    trap '$SUDO rm -f "$policy"' EXIT
  fi
  say "apt: installing ${apt_missing[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${apt_missing[@]}" >/dev/null
  if [ -n "$created_policy" ]; then
    $SUDO rm -f "$policy"
    trap - EXIT
  fi
fi
say "nginx: $( { /usr/sbin/nginx -v || nginx -v; } 2>&1 | head -n1)"
say "chromium: $(chromium --version 2>/dev/null | head -n1)"
say "chromedriver: $(chromedriver --version 2>/dev/null | head -n1 | cut -d' ' -f1-2)"
say "firefox: $(firefox-esr --version 2>/dev/null | head -n1)"
fi

# --- rust target -----------------------------------------------------------
if rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
  say "rust target $WASM_TARGET: ok"
else
  say "rust target $WASM_TARGET: adding"
  rustup target add "$WASM_TARGET"
fi

# --- nightly with the standard library's source -----------------------------
# The shipped wasm is built by nightly with std rebuilt for size (scripts/build.mjs).
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  say "rust nightly: installing (minimal, with rust-src)"
  rustup toolchain install nightly --profile minimal --component rust-src
elif ! rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src'; then
  say "rust nightly rust-src: adding"
  rustup component add rust-src --toolchain nightly
else
  say "rust nightly with rust-src: ok"
fi

# --- wasm-bindgen-cli, pinned to the crate's wasm-bindgen ------------------
# Accepts  wasm-bindgen = "=X.Y.Z"  or  wasm-bindgen = { version = "=X.Y.Z", ... }
wb_version=""
if [ -f Cargo.toml ]; then
  wb_version="$(sed -nE 's/^[[:space:]]*wasm-bindgen[[:space:]]*=[[:space:]]*(\{[^}]*version[[:space:]]*=[[:space:]]*)?"=[[:space:]]*([0-9]+\.[0-9]+\.[0-9]+)".*/\2/p' Cargo.toml | head -n1)"
fi
if [ -z "$wb_version" ] && [ -f Cargo.lock ]; then
  wb_version="$(awk '$0=="name = \"wasm-bindgen\"" {getline; gsub(/[^0-9.]/, ""); print; exit}' Cargo.lock)"
  [ -n "$wb_version" ] && say "warning: no wasm-bindgen = \"=X.Y.Z\" pin in Cargo.toml; using Cargo.lock's $wb_version"
fi
[ -n "$wb_version" ] || die "cannot find the wasm-bindgen version (expected wasm-bindgen = \"=X.Y.Z\" in Cargo.toml)"

# The test runner's HTTP server, tiny_http 0.12.0, is built with the fix in
# scripts/patches/tiny_http-0.12.0-task-pool.patch (without it a test page now and then never
# loads); a marker file beside cargo's binaries says the installed runner has it.
TINY_HTTP_PATCH="scripts/patches/tiny_http-0.12.0-task-pool.patch"
runner_marker="${CARGO_HOME:-$HOME/.cargo}/.article-widget-runner-$wb_version-$(sha256sum "$TINY_HTTP_PATCH" | cut -c1-12)"
have_wb=""
if command -v wasm-bindgen >/dev/null 2>&1 && command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
  have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')"
fi
if [ "$have_wb" = "$wb_version" ] && [ -f "$runner_marker" ]; then
  say "wasm-bindgen-cli $wb_version (test runner with the tiny_http fix): ok"
else
  say "wasm-bindgen-cli: have '${have_wb:-none}', need $wb_version with the tiny_http fix; cargo install (a few minutes)"
  patched="$(mktemp -d)"
  # tiny_http's source from crates.io (cargo vendor of a throwaway crate), then the fix.
  cargo new --quiet --lib --vcs none "$patched/fetch"
  echo 'tiny_http = "=0.12.0"' >> "$patched/fetch/Cargo.toml"
  (cd "$patched/fetch" && cargo vendor --quiet "$patched/vendor" >/dev/null)
  (cd "$patched/vendor/tiny_http" && git apply -p1 "$OLDPWD/$TINY_HTTP_PATCH")
  # no default features: drops the TLS stack (the test runner only talks to
  # a local webdriver over plain http).
  cargo install wasm-bindgen-cli --version "$wb_version" --no-default-features --force \
    --config "patch.crates-io.tiny_http.path=\"$patched/vendor/tiny_http\""
  rm -rf "$patched"
  touch "$runner_marker"
fi

# --- wasm-pack and geckodriver (tests only) ---------------------------------------
if [ "$MODE" = all ]; then
have_wp=""
command -v wasm-pack >/dev/null 2>&1 && have_wp="$(wasm-pack --version 2>/dev/null | awk '{print $2}')"
if [ "$have_wp" = "$WASM_PACK_VERSION" ]; then
  say "wasm-pack $WASM_PACK_VERSION: ok"
else
  say "wasm-pack: have '${have_wp:-none}', need $WASM_PACK_VERSION; cargo install (a few minutes)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked --force
fi

# --- geckodriver -------------------------------------------------------------
if command -v geckodriver >/dev/null 2>&1; then
  say "geckodriver: ok ($(geckodriver --version 2>/dev/null | head -n1))"
else
  say "geckodriver: cargo install (a few minutes)"
  cargo install geckodriver --locked || cargo install geckodriver
fi
fi

# --- npm -----------------------------------------------------------------------
# npm writes node_modules/.package-lock.json last (after package-lock.json), so
# it is the stamp of a finished install; fall back to the directory itself.
nm_stamp=node_modules
[ -f node_modules/.package-lock.json ] && nm_stamp=node_modules/.package-lock.json
if [ -f package.json ]; then
  if [ -f package-lock.json ]; then
    if [ ! -d node_modules ] || [ package-lock.json -nt "$nm_stamp" ]; then
      say "npm ci"
      npm ci --no-audit --no-fund
      touch node_modules
    else
      say "node_modules: ok"
    fi
  elif [ ! -d node_modules ]; then
    say "npm install (no package-lock.json)"
    npm install --no-audit --no-fund
    touch node_modules
  else
    say "node_modules: ok"
  fi
fi

# --- Isso (comment server of the e2e tests) in .venv-isso/ -----------------------
# python3 -m venv + pip install isso==0.14.0 (builds misaka with gcc); ~0.1 s when present.
[ "$MODE" = all ] && bash "$ROOT/scripts/isso.sh" install

say "done (cargo tools in $CARGO_BIN; put it on PATH)"
