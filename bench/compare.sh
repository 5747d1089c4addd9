#!/usr/bin/env bash
# readout against its PyPI anchors in one run on the same inputs: normalization vs
# OpenCC (t2s, tw2sp), segmentation vs jieba, MinHash vs datasketch, index build MB/s
# and search latency p50/p99 vs OpenCC + jieba + tantivy-py, plus ingest MB/s with peak
# RSS and alignment sentences/s. Prints one table with readout's ratio to each
# anchor (higher is faster). Inputs: ../shared/corpora when present, else testdata/seeds.
#
# Usage: bench/compare.sh [--rounds N] [--copies N]      (arguments go to compare_anchors.py)
# Env:   CARGO_TARGET_DIR  (default ./target)
#        BENCH_VENV        virtualenv for the anchors (default $CARGO_TARGET_DIR/bench-venv)
#
# The Rust side is release builds of: the readout binary, readout-normalize's
# normalize_throughput example and bench/rust-anchors (a tiny project of its own with path
# dependencies on the crates: segmentation, MinHash and alignment timings).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
VENV="${BENCH_VENV:-$CARGO_TARGET_DIR/bench-venv}"

if ! "$VENV/bin/python" -c "import opencc, jieba, datasketch, tantivy" 2>/dev/null; then
  echo "installing the anchors (opencc, jieba, datasketch, tantivy) into $VENV" >&2
  [[ -x "$VENV/bin/python" ]] || python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet opencc jieba datasketch
  # The search anchor; without it the index and search rows print readout alone.
  "$VENV/bin/pip" install --quiet tantivy==0.27.0 || echo "tantivy-py unavailable: no search anchor" >&2
fi

echo "building readout (release)" >&2
cargo build --quiet --release --manifest-path "$ROOT/Cargo.toml" -p readout --bin readout
cargo build --quiet --release --manifest-path "$ROOT/Cargo.toml" -p readout-normalize --example normalize_throughput
# rust-anchors resolves its dependencies from the workspace's lock file.
[[ -f "$ROOT/bench/rust-anchors/Cargo.lock" ]] || cp "$ROOT/Cargo.lock" "$ROOT/bench/rust-anchors/Cargo.lock"
cargo build --quiet --release --manifest-path "$ROOT/bench/rust-anchors/Cargo.toml"

exec "$VENV/bin/python" "$ROOT/bench/compare_anchors.py" \
  --readout-bin "$CARGO_TARGET_DIR/release/readout" \
  --normalize-bin "$CARGO_TARGET_DIR/release/examples/normalize_throughput" \
  --anchors-bin "$CARGO_TARGET_DIR/release/readout-anchors" \
  "$@"
