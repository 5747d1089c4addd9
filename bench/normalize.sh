#!/usr/bin/env bash
# Throughput of readout's normalizer against OpenCC's t2s (PyPI `opencc`) on the
# same text in the same run: the 1978-2025 government work reports, as they are
# (simplified), converted to traditional with OpenCC's s2t, converted to
# Taiwan style with OpenCC's s2twp, and as they are with a traditional character
# put in every 700 characters (mainland text quoting the odd traditional form).
# Prints MB/s of each and readout's ratio to OpenCC t2s on the same text.
#
# The machine may be shared, so the two sides are measured alternately, ROUNDS
# times (default 5), and each keeps its best: OpenCC converting the text in this
# process (best of 3 conversions per round), readout as the release example
# `normalize_throughput` (best of 5 timed conversions per round, after an
# untimed one that builds the tables). Needs ../shared/corpora. BIN=path uses a
# prebuilt normalize_throughput (say, of an earlier commit) instead of building.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CORPUS="${CORPUS:-$ROOT/../shared/corpora/government_work_reports.jsonl}"
ROUNDS="${ROUNDS:-5}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

python3 -c "import opencc" 2>/dev/null || python3 -m pip install --quiet opencc
if [ -z "${BIN:-}" ]; then
  cargo build --quiet --release -p readout-normalize --example normalize_throughput --manifest-path "$ROOT/Cargo.toml"
  BIN="$CARGO_TARGET_DIR/release/examples/normalize_throughput"
fi

python3 - "$CORPUS" "$WORK" <<'PY'
import json, sys, opencc
corpus, work = sys.argv[1], sys.argv[2]
text = "\n".join(json.loads(l)["content"] for l in open(corpus, encoding="utf-8") if int(json.loads(l).get("year") or 0) >= 1978)
open(f"{work}/hans.txt", "w", encoding="utf-8").write(text)
open(f"{work}/hant.txt", "w", encoding="utf-8").write(opencc.OpenCC("s2t").convert(text))
open(f"{work}/hant-tw.txt", "w", encoding="utf-8").write(opencc.OpenCC("s2twp").convert(text))
trad = "國為說們這個時會來對發後裡麼"
mixed = "".join(c + (trad[(i // 700) % len(trad)] if i % 700 == 350 else "") for i, c in enumerate(text))
open(f"{work}/hans-mixed.txt", "w", encoding="utf-8").write(mixed)
PY

python3 - "$WORK" "$BIN" "$ROUNDS" <<'PY'
import importlib.metadata as md, subprocess, sys, time, opencc
work, binary, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
modes = ["chars-opencc", "chars", "normalize"]
names = {"hant": "hant (s2t)", "hant-tw": "hant-tw (s2twp)", "hans": "hans", "hans-mixed": "hans-mixed (1 traditional char / 700)"}
print(f"opencc (PyPI) {md.version('opencc')}; best of {rounds} alternating rounds")
t2s = opencc.OpenCC("t2s")
texts = {n: open(f"{work}/{n}.txt", encoding="utf-8").read() for n in names}
best = {}
def keep(key, mbs):
    best[key] = max(best.get(key, 0.0), mbs)
for _ in range(rounds):
    for name, text in texts.items():
        size = len(text.encode())
        t2s.convert(text)
        for _ in range(3):
            t0 = time.perf_counter()
            t2s.convert(text)
            keep((name, "opencc"), size / (time.perf_counter() - t0) / 1e6)
        for mode in modes:
            out = subprocess.run([binary, f"{work}/{name}.txt", mode, "5"], capture_output=True, text=True, check=True).stdout.split()
            keep((name, mode), float(out[1]))
for name, text in texts.items():
    base = best[(name, "opencc")]
    print(f"{names[name]}: {len(text.encode()) / 1e6:.2f} MB")
    print(f"  OpenCC t2s                 {base:8.1f} MB/s")
    for mode in modes:
        mbs = best[(name, mode)]
        print(f"  readout {mode:18} {mbs:8.1f} MB/s  {mbs / base:5.2f}x OpenCC t2s")
PY
