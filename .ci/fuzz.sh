#!/usr/bin/env bash
# CI's fuzz step: every cargo-fuzz target in fuzz/ (decode, clean, layout, segment, read,
# normalize, record, align) replays its known crashes (fuzz/regressions/<target>/) and
# then fuzzes from its committed seed corpus, within one time budget for the whole step:
# installing cargo-fuzz when missing and building the targets come out of the budget, the
# rest is shared by the targets (at most a minute each). Fails on any panic, hang
# (an input running over 10 s), out-of-memory (2 GB) or a failed regression.
#
# Usage: .ci/fuzz.sh            Env: FUZZ_BUDGET total seconds (default 720)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
# The targets are built in fuzz/target (fuzz/ is its own workspace, with its own lock
# file); a CARGO_TARGET_DIR from the environment would move them where bench/fuzz.sh
# does not look.
unset CARGO_TARGET_DIR
FUZZ_BUDGET="${FUZZ_BUDGET:-720}" FUZZ_JOBS=1 bash bench/fuzz.sh
