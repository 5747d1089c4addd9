#!/usr/bin/env bash
# Throughput of the reader (decode + clean + layout + segment + identify), in MB/s per
# core: builds the criterion bench `read` of readout-text in release mode and runs it on
# the government work reports (../shared/corpora when present, else the seed files) and
# on the same reports salted with emoji. Goal: >= 50 MB/s on both.
#
# Usage: bench/reader.sh [criterion filter]   (e.g. bench/reader.sh read/)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
filter="${1:-}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
cargo bench -p readout-text --bench read -- ${filter:+"$filter"} 2>&1 | tee "$log" >/dev/null
# The bench measures thread CPU time and reports decimal MB/s; print the middle
# estimate of each benchmark.
awk '
  /^[a-z]+\/[^ ]+/ && !/thrpt/ { name = $1 }
  /thrpt:/ && name != "" {
    line = $0; sub(/.*thrpt: *\[/, "", line); sub(/\].*/, "", line)
    n = split(line, f, " ")
    v = f[3]; u = f[4]
    if (u == "GB/s") v *= 1000
    printf "%-32s %8.1f MB/s (per core, CPU time)\n", name, v
    name = ""
  }
  /files, .* bytes/ { print }
' "$log"
