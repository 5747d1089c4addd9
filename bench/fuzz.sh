#!/usr/bin/env bash
# Fuzzes readout's pure stages with cargo-fuzz (libFuzzer): each target in fuzz/ runs for
# a bounded time from its committed seed corpus (fuzz/corpus/<target>/), after replaying
# the known crashing inputs in fuzz/regressions/<target>/. Fails if any input panics,
# hangs (-timeout) or runs out of memory. Prints one summary line per target.
#
# Usage: bench/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 60 s, all targets)
# Env:   FUZZ_JOBS=N   parallel libFuzzer workers per target (default 1)
#        FUZZ_MAX_LEN  largest generated input in bytes (default 8192)
#        FUZZ_BUDGET=S one time budget in seconds for the whole run, installing and
#                      building included: the time left after the build is shared by the
#                      targets (10 to 60 s each) instead of SECONDS_PER_TARGET (CI uses it)
#
# cargo-fuzz needs nightly features; on a stable toolchain RUSTC_BOOTSTRAP=1 enables them.
# Targets are built in release mode with debug assertions and overflow checks and without
# a sanitizer (the fuzzed crates have no unsafe code), which is about twice as fast.
# New inputs found while fuzzing go to fuzz/target/corpus-work/, not the committed corpus;
# crashing inputs to fuzz/artifacts/<target>/. All targets share the dictionary
# fuzz/dict/report.dict (layout, boilerplate, meeting words, markup, salting, encodings).
set -uo pipefail
cd "$(dirname "$0")/../fuzz"
export RUSTC_BOOTSTRAP=1
# The binaries are looked for in fuzz/target (fuzz/ is its own workspace).
unset CARGO_TARGET_DIR
began=$(date +%s)

SECS="${1:-60}"
shift || true
ALL=(decode clean layout segment read feed normalize record align)
TARGETS=("$@")
[[ ${#TARGETS[@]} -eq 0 ]] && TARGETS=("${ALL[@]}")
JOBS="${FUZZ_JOBS:-1}"
MAX_LEN="${FUZZ_MAX_LEN:-8192}"

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked || { echo "cannot install cargo-fuzz" >&2; exit 2; }
fi
echo "building fuzz targets ($(cargo fuzz --version))" >&2
if ! cargo fuzz build -a -s none >/dev/null 2>build.log; then
  cat build.log >&2
  echo "fuzz build failed" >&2
  exit 2
fi
rm -f build.log
BIN=target/x86_64-unknown-linux-gnu/release
if [[ -n "${FUZZ_BUDGET:-}" ]]; then
  # About 3 s per target go to starting libFuzzer, loading the corpus and replaying.
  left=$(( FUZZ_BUDGET - ($(date +%s) - began) ))
  SECS=$(( left / ${#TARGETS[@]} - 3 ))
  (( SECS > 60 )) && SECS=60
  (( SECS < 10 )) && SECS=10
  echo "built in $(( $(date +%s) - began )) s; fuzzing ${#TARGETS[@]} targets for $SECS s each" >&2
fi

failed=0
summary=()
for t in "${TARGETS[@]}"; do
  log="target/fuzz-$t.log"
  mkdir -p "artifacts/$t" "target/corpus-work/$t"
  # Known crashes first: each file in regressions/<target>/ must now run clean.
  reg="ok"
  shopt -s nullglob
  regs=(regressions/"$t"/*)
  shopt -u nullglob
  if [[ ${#regs[@]} -gt 0 ]]; then
    if ! "$BIN/$t" -timeout=10 "${regs[@]}" >"target/fuzz-$t-regressions.log" 2>&1; then
      reg="FAIL ($(grep -m1 -o "panicked at [^:]*:[0-9]*:[0-9]*" "target/fuzz-$t-regressions.log" || echo see target/fuzz-$t-regressions.log))"
      failed=1
    fi
  fi
  start=$(date +%s)
  par=()
  [[ "$JOBS" -gt 1 ]] && par=(-jobs="$JOBS" -workers="$JOBS")
  cargo fuzz run -a -s none "$t" "target/corpus-work/$t" "corpus/$t" -- \
    -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -max_len="$MAX_LEN" \
    -dict=dict/report.dict -print_final_stats=1 -artifact_prefix="artifacts/$t/" "${par[@]}" >"$log" 2>&1
  rc=$?
  took=$(( $(date +%s) - start ))
  runs=$(grep -o "stat::number_of_executed_units: *[0-9]*" "$log" | awk '{s += $2} END {print s + 0}')
  cov=$(grep -o "cov: [0-9]*" "$log" | tail -1 | awk '{print $2}')
  if [[ $rc -eq 0 ]]; then
    result="ok"
  else
    failed=1
    art=$(grep -o "artifacts/$t/[a-z]*-[0-9a-f]*" "$log" | tail -1)
    why=$(grep -m1 -o "panicked at [^:]*:[0-9]*:[0-9]*\|ERROR: libFuzzer: [a-z-]*" "$log")
    result="CRASH ${why:-exit $rc} ${art:+-> fuzz/$art} (log fuzz/$log)"
  fi
  summary+=("$(printf '%-10s %4ss %10s runs  cov %-6s regressions %s  fuzz %s' "$t" "$took" "$runs" "${cov:-?}" "$reg" "$result")")
done

echo
echo "fuzz summary (${SECS}s per target, max_len $MAX_LEN)"
printf '%s\n' "${summary[@]}"
exit $failed
