#!/usr/bin/env bash
# Fuzzes the functional core: every cargo-fuzz target in fuzz/fuzz_targets, one after the
# other, each for a bounded time. Not part of `npm test`; run it with `npm run fuzz`.
#
#   npm run fuzz                          every target, FUZZ_SECONDS (default 30) each
#   FUZZ_SECONDS=300 npm run fuzz         longer runs
#   npm run fuzz -- article url           only these targets
#
# Installs what is missing: the nightly toolchain (minimal profile) and cargo-fuzz.
# Each target grows its corpus in fuzz/corpus/<target> (committed; run `cargo +nightly
# fuzz cmin --sanitizer none <target> -- -max_len=4096` in fuzz/ when it gets large) and
# also reads the repository's sample documents and fixtures as seeds. A crash leaves its input in fuzz/artifacts/<target>/;
# reproduce it with `cargo +nightly fuzz run --sanitizer none <target> <file>` in fuzz/,
# then turn it into a regression test of the main crate (tests/*.rs or a unit test).
# Exits non-zero when any target crashed, after running them all.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in
  *":$CARGO_BIN:"*) ;;
  *) export PATH="$CARGO_BIN:$PATH" ;;
esac

SECONDS_PER_TARGET="${FUZZ_SECONDS:-30}"
say() { printf 'fuzz: %s\n' "$*"; }
die() { printf 'fuzz: ERROR: %s\n' "$*" >&2; exit 1; }

[[ "$SECONDS_PER_TARGET" =~ ^[0-9]+$ ]] && ((SECONDS_PER_TARGET > 0)) \
  || die "FUZZ_SECONDS must be a whole number of seconds (got \"$SECONDS_PER_TARGET\")"
command -v rustup >/dev/null 2>&1 || die "rustup not found (install Rust via rustup first)"

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  say "installing the nightly toolchain (cargo-fuzz needs it)"
  rustup toolchain install nightly --profile minimal
fi
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  say "installing cargo-fuzz"
  cargo install cargo-fuzz --locked || cargo install cargo-fuzz
fi

cd "$ROOT/fuzz"
if (($#)); then
  targets=("$@")
else
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
((${#targets[@]})) || die "no fuzz targets found"

# Seeds besides the corpus: the repository's own documents, read but never written.
seeds_of() {
  case "$1" in
    article) echo "$ROOT/www/data/articles $ROOT/www/data/errors $ROOT/tests/fixtures/valid $ROOT/tests/fixtures/invalid" ;;
    feed) echo "$ROOT/www/data/feeds $ROOT/tests/fixtures/feed/valid $ROOT/tests/fixtures/feed/invalid" ;;
    thread) echo "$ROOT/www/data/comments $ROOT/tests/fixtures/comments/valid $ROOT/tests/fixtures/comments/invalid" ;;
    *) echo "" ;;
  esac
}
dict_of() {
  case "$1" in
    article | feed | thread | backend_replies | storage) echo "dict/json.dict" ;;
    url) echo "dict/url.dict" ;;
    datetime) echo "dict/datetime.dict" ;;
    *) echo "" ;;
  esac
}

# Optimised, with debug assertions and overflow checks; no sanitizer (the crate has no
# unsafe code), which doubles the executions per second.
BUILD=(--sanitizer none)
say "building ${#targets[@]} targets"
if (($#)); then
  for target in "${targets[@]}"; do
    cargo +nightly fuzz build "${BUILD[@]}" "$target"
  done
else
  cargo +nightly fuzz build "${BUILD[@]}"
fi

failed=()
summary=()
for target in "${targets[@]}"; do
  corpus="corpus/$target"
  artifacts="artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  read -r -a seeds <<<"$(seeds_of "$target")"
  args=(-max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048
    -print_final_stats=1 -artifact_prefix="$artifacts/")
  dict="$(dict_of "$target")"
  [[ -n "$dict" ]] && args+=(-dict="$dict")
  # Inputs of up to 4 KiB: every contract fixture fits, and the committed corpus stays small.
  args+=(-max_len=4096)
  log="$(mktemp)"
  say "$target: ${SECONDS_PER_TARGET}s"
  status=0
  cargo +nightly fuzz run "${BUILD[@]}" "$target" "$corpus" "${seeds[@]}" -- "${args[@]}" \
    >"$log" 2>&1 || status=$?
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)"
  if ((status == 0)); then
    summary+=("$(printf '%-16s %12s runs  ok' "$target" "${runs:-?}")")
  else
    failed+=("$target")
    summary+=("$(printf '%-16s %12s runs  CRASH (see %s)' "$target" "${runs:-?}" "fuzz/$artifacts")")
    grep -E 'panicked at|^Error|SUMMARY|Test unit written|assertion' "$log" | head -n 20 >&2 || true
  fi
  rm -f "$log"
done

say "corpus: $(du -sh corpus | cut -f1) in fuzz/corpus"
printf '%s\n' "${summary[@]}"
if ((${#failed[@]})); then
  die "crashes in: ${failed[*]}"
fi
