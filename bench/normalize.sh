#!/usr/bin/env bash
# Throughput of readout's normalizer against OpenCC's t2s (PyPI `opencc`) on the
# same text in the same run: the 1978-2025 government work reports, as they are
# (simplified) and converted to traditional with OpenCC's s2t. Prints MB/s of
# each and readout's ratio to OpenCC t2s. Needs ../shared/corpora.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CORPUS="${CORPUS:-$ROOT/../shared/corpora/government_work_reports.jsonl}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

python3 -c "import opencc" 2>/dev/null || python3 -m pip install --quiet opencc
cargo build --quiet --release -p readout-normalize --example normalize_throughput --manifest-path "$ROOT/Cargo.toml"
BIN="$CARGO_TARGET_DIR/release/examples/normalize_throughput"

python3 - "$CORPUS" "$WORK" <<'PY'
import json, sys, opencc
corpus, work = sys.argv[1], sys.argv[2]
text = "\n".join(json.loads(l)["content"] for l in open(corpus, encoding="utf-8") if int(json.loads(l).get("year") or 0) >= 1978)
open(f"{work}/hans.txt", "w", encoding="utf-8").write(text)
open(f"{work}/hant.txt", "w", encoding="utf-8").write(opencc.OpenCC("s2t").convert(text))
PY

python3 - "$WORK" "$BIN" <<'PY'
import importlib.metadata as md, subprocess, sys, time, opencc
work, binary = sys.argv[1], sys.argv[2]
print(f"opencc (PyPI) {md.version('opencc')}")
t2s = opencc.OpenCC("t2s")
for name in ["hant", "hans"]:
    text = open(f"{work}/{name}.txt", encoding="utf-8").read()
    size = len(text.encode())
    t2s.convert(text)
    best = min((lambda t0: (t2s.convert(text), time.perf_counter() - t0)[1])(time.perf_counter()) for _ in range(5))
    base = size / best / 1e6
    print(f"{name}: {size / 1e6:.2f} MB")
    print(f"  OpenCC t2s                 {base:8.1f} MB/s")
    for mode in ["chars-opencc", "chars", "normalize"]:
        out = subprocess.run([binary, f"{work}/{name}.txt", mode, "10"], capture_output=True, text=True, check=True).stdout.split()
        mbs = float(out[1])
        print(f"  readout {mode:18} {mbs:8.1f} MB/s  {mbs / base:5.2f}x OpenCC t2s")
PY
