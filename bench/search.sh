#!/usr/bin/env bash
# Search benchmarks of readout-search: index build throughput (MB/s of
# paragraph text) and single-query latency p50/p90/p99 on an index of
# >= 100,000 paragraphs generated from the government-report fixtures
# (crates/readout-search/testdata, made by bench/search_prep.py).
#
# Usage: bench/search.sh [paragraphs] [queries] [--criterion]
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
PARAS="${1:-100000}"
QUERIES="${2:-2000}"
cargo build --release -q -p readout-search --example search_bench
"$CARGO_TARGET_DIR/release/examples/search_bench" "$PARAS" "$QUERIES"
if [[ "${3:-}" == "--criterion" ]]; then
  cargo bench -q -p readout-search --bench search
fi
