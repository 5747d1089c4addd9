#!/usr/bin/env bash
# Search benchmarks of readout-search: index build throughput (MB/s of
# paragraph text, wall and per CPU-second) and single-query latency
# p50/p90/p99 (wall and thread CPU time) on an index of >= 100,000
# paragraphs generated from the government-report fixtures
# (crates/readout-search/testdata, made by bench/search_prep.py).
# Then, when the PyPI packages are installed (pip install tantivy==0.27.0
# jieba==0.42.1 opencc), the anchor bench/search_anchor.py on the same corpus.
#
# Usage: bench/search.sh [paragraphs] [queries] [--criterion]
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
PARAS="${1:-100000}"
QUERIES="${2:-2000}"
cargo build --release -q -p readout-search --example search_bench
QFILE="$(mktemp)"
trap 'rm -f "$QFILE"' EXIT
echo "== readout-search"
SEARCH_BENCH_QUERIES_OUT="$QFILE" "$CARGO_TARGET_DIR/release/examples/search_bench" "$PARAS" "$QUERIES"
if python3 -c "import tantivy, jieba, opencc" 2>/dev/null; then
  echo "== anchor"
  python3 bench/search_anchor.py "$PARAS" "$QUERIES" "$QFILE"
else
  echo "(anchor skipped: pip install tantivy==0.27.0 jieba==0.42.1 opencc)"
fi
if [[ "${3:-}" == "--criterion" ]]; then
  cargo bench -q -p readout-search --bench search
fi
