#!/usr/bin/env bash
# npm test: installs what is missing, then runs every test suite. Any failure fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

bash scripts/setup.sh

step() { printf '\n=== %s\n' "$*"; }

step "format, lints, the fuzz targets and doc links (cargo fmt --check, cargo clippy, cargo +nightly check of fuzz/, cargo doc)"
cargo fmt --check
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --target wasm32-unknown-unknown --lib -- -D warnings
# The smaller builds (scripts/build.mjs --without): each set of parts compiles cleanly.
for features in "" comments recommendations; do
  cargo clippy --quiet --target wasm32-unknown-unknown --lib --no-default-features --features "$features" -- -D warnings
done
# The fuzz targets (a workspace of their own, built by nightly as cargo-fuzz does) compile
# against today's core, so that they cannot rot between fuzzing runs (about a minute the
# first time, a second after).
cargo +nightly check --quiet --manifest-path fuzz/Cargo.toml --bins
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps
RUSTDOCFLAGS="-D warnings" cargo doc --quiet --no-deps --target wasm32-unknown-unknown --lib

step "native core tests (cargo test)"
cargo test --quiet

step "JSON Schema and sample data (node --test tests/schema)"
node --test tests/schema/

step "docs: field tables match the schemas, links resolve, names match the code (node --test tests/docs)"
node --test tests/docs/

step "build dist/ (npm run build), and the article-only build (--without comments,recommendations)"
node scripts/build.mjs
node scripts/build.mjs --without comments,recommendations --out target/variants/article

step "size budget (node --test tests/size)"
node --test tests/size/

step "npm package: generated types current, tsc on a typed consumer, npm pack contents (node --test tests/package)"
node --test tests/package/

step "browser tests in headless Chromium (wasm-pack test --chrome)"
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 wasm-pack test --mode no-install --headless --chrome -- --test '*'

if [ "${SKIP_FIREFOX:-}" != 1 ]; then
  step "browser tests in headless Firefox (wasm-pack test --firefox)"
  WASM_BINDGEN_TEST_TIMEOUT=120 wasm-pack test --mode no-install --headless --firefox -- --test '*'
fi

step "end-to-end tests in Chromium against real static servers (node --test tests/e2e)"
node --test --test-concurrency=1 $(ls tests/e2e/*.test.mjs | grep -v '/security-')

step "hostile input and faults in Chromium: script injection, malformed data, network faults, nothing lost, strict host pages (tests/e2e/security-*.test.mjs)"
node --test --test-concurrency=1 tests/e2e/security-*.test.mjs
