#!/usr/bin/env bash
# `readout serve` under bounded load on loopback: 200 concurrent connections for 30 s,
# half on search routes (/api/search and /search, simplified, traditional and English
# queries), half on page routes (timeline, events, documents, formulations, a compare,
# the first page of /api/events and /api/docs), with
# wrk (Debian). Prints p50/p99 latency and requests/s per route group, the peak RSS of
# the ingest and of the server during the load, and FAILS on any error: a non-2xx
# response, a socket error or a timeout.
#
# The store: the seeds (testdata/seeds) plus a larger body, the reports of
# ../shared/corpora written one per file when that directory exists, else copies of
# the seeds each made distinct by a last line.
#
# Usage: bench/load.sh [--duration 30] [--connections 200] [--copies 1] [--debug]
#        (--debug: the debug build `cargo test` already made, where a release build
#        would cost CI too long; the figures are then no benchmark, the errors still count)
#        (--copies N: the corpora N times, each copy made distinct by a last line, for
#        the memory figures on a larger store)
# Env:   CARGO_TARGET_DIR (default ./target); LOAD_KEEP=1 keeps the temporary directory;
#        LOAD_CORPORA overrides ../shared/corpora (a missing directory: the seed copies).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
DURATION=30
CONNECTIONS=200
COPIES=1
PROFILE=release
while [[ $# -gt 0 ]]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --copies) COPIES="$2"; shift 2 ;;
    --debug) PROFILE=debug; shift ;;
    *) echo "usage: bench/load.sh [--duration S] [--connections N] [--copies N] [--debug]" >&2; exit 2 ;;
  esac
done

if ! command -v wrk >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "installing wrk (Debian)" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null \
      || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
  fi
  command -v wrk >/dev/null 2>&1 || { echo "load.sh: wrk is missing (apt-get install wrk)" >&2; exit 1; }
fi

echo "== building readout ($PROFILE)" >&2
if [[ "$PROFILE" == release ]]; then
  cargo build --quiet --release --manifest-path "$ROOT/Cargo.toml" -p readout --bin readout
else
  cargo build --quiet --manifest-path "$ROOT/Cargo.toml" -p readout --bin readout
fi
READOUT="$CARGO_TARGET_DIR/$PROFILE/readout"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/readout-load.XXXXXX")"
SERVER_PID=""
cleanup() {
  [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  [[ "${LOAD_KEEP:-}" == 1 ]] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT

# The input: the seeds plus the larger body.
mkdir -p "$WORK/in/seeds" "$WORK/in/body"
cp "$ROOT"/testdata/seeds/0*.txt "$WORK/in/seeds/"
CORPORA="${LOAD_CORPORA:-$ROOT/../shared/corpora}"
python3 - "$CORPORA" "$ROOT/testdata/seeds" "$WORK/in/body" "$COPIES" <<'PY'
import json, sys
from pathlib import Path
corpora, seeds, out = map(Path, sys.argv[1:4])
copies = int(sys.argv[4])
reports = []
for f in sorted(corpora.glob("*.jsonl")) if corpora.is_dir() else []:
    for line in f.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            reports.append(f"{r['title']}\n\n{r['content']}\n")
if copies > 1:
    reports = [f"{t}（{c}）\n" for c in range(copies) for t in reports]
label = "../shared/corpora"
if not reports:
    # No corpora: 16 copies of each seed, each with its own last line.
    label = "copies of the seeds"
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("0*.txt"))]
    reports = [f"{t}\n（第{c}份）\n" for c in range(16) for t in texts]
total = 0
for i, text in enumerate(reports):
    data = text.encode("utf-8")
    (out / f"report-{i:04}.txt").write_bytes(data)
    total += len(data)
print(f"input: testdata/seeds + {len(reports)} files from {label}, {total / 1e6:.1f} MB", file=sys.stderr)
PY
INPUT_MB=$(du -sb "$WORK/in" | awk '{printf "%.1f", $1 / 1e6}')

# Ingest (with its derive and index build), peak RSS from the kernel's accounting of
# the child (ru_maxrss, KiB).
echo "== ingest" >&2
read -r INGEST_SECS INGEST_RSS_KB < <(python3 - "$READOUT" "$WORK/data" "$WORK/in" <<'PY'
import resource, subprocess, sys, time
readout, data, src = sys.argv[1:]
t0 = time.perf_counter()
r = subprocess.run([readout, "--data", data, "ingest", "--json", src],
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
secs = time.perf_counter() - t0
if r.returncode != 0:
    sys.exit(f"ingest failed ({r.returncode}):\n{r.stderr}")
print(f"{secs:.1f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
PY
)

echo "== serve" >&2
"$READOUT" --data "$WORK/data" serve --addr 127.0.0.1:0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVER_PID=$!
for _ in $(seq 100); do
  grep -q "^listening on" "$WORK/serve.out" 2>/dev/null && break
  sleep 0.1
done
BASE=$(sed -n 's/^listening on //p' "$WORK/serve.out" | head -1)
[[ -n "$BASE" ]] || { echo "load.sh: the server did not start:"; cat "$WORK/serve.err"; exit 1; }

# URLs of each group, from the server's own API (ids and texts percent-encoded).
python3 - "$BASE" "$WORK" <<'PY'
import json, sys, urllib.parse, urllib.request
base, work = sys.argv[1:]
get = lambda p: json.load(urllib.request.urlopen(base + p, timeout=30))
q = lambda s: urllib.parse.quote(s, safe="")
# Every list answer is one page: {items, total, next}.
events = get("/api/events")["items"]
docs = get("/api/docs")["items"]
forms = get("/api/formulations?limit=20")["items"]
if not events or not docs or not forms:
    sys.exit(f"load.sh: the store lacks events ({len(events)}), documents ({len(docs)}) or formulations ({len(forms)})")
queries = ["高质量发展", "共同富裕", "長江經濟帶", "習近平", "改革开放 -经济",
           "全面深化改革", "Yangtze River", "economic work", "政治局 会议", "科技创新"]
search = [f"/api/search?q={q(s)}" for s in queries]
search += [f"/search?q={q(s)}" for s in queries[:4]]
search += [f"/api/search?q={q(queries[0])}&lang=zh&limit=20", f"/api/search?q={q(queries[2])}&script=Hant"]
pages = ["/", "/docs", "/formulations", "/api/events", "/api/docs"]
pages += [f"/events/{q(e['id'])}" for e in events[:4]]
if len(events) >= 2:
    pages.append(f"/compare?a={q(events[0]['id'])}&b={q(events[1]['id'])}")
pages += [f"/docs/{q(d['id'])}" for d in docs[:4]]
pages += [f"/formulations/{q(f['text'])}" for f in forms[:3]]
for name, paths in [("search", search), ("pages", pages)]:
    with open(f"{work}/{name}.urls", "w") as f:
        f.write("\n".join(paths) + "\n")
    # Every URL answers 200 before the load starts.
    for p in paths:
        urllib.request.urlopen(base + p, timeout=60).read()
PY

# wrk's script: rotate the group's URLs; count non-2xx answers per thread; print one
# machine-readable line at the end.
cat >"$WORK/rotate.lua" <<'LUA'
local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(paths, line) end
  end
  n = id
  non2xx = 0
end
function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("non2xx") end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d secs=%.3f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d connect=%d read=%d write=%d timeout=%d status=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3, bad,
    e.connect, e.read, e.write, e.timeout, e.status))
end
LUA

HALF=$((CONNECTIONS / 2))
echo "== load: $CONNECTIONS connections ($HALF search, $((CONNECTIONS - HALF)) pages) for ${DURATION}s on $BASE" >&2
wrk -t2 -c"$HALF" -d"${DURATION}s" --timeout 10s -s "$WORK/rotate.lua" "$BASE" -- "$WORK/search.urls" >"$WORK/search.wrk" 2>&1 &
W1=$!
wrk -t2 -c"$((CONNECTIONS - HALF))" -d"${DURATION}s" --timeout 10s -s "$WORK/rotate.lua" "$BASE" -- "$WORK/pages.urls" >"$WORK/pages.wrk" 2>&1 &
W2=$!
wait "$W1" "$W2" || true
SERVE_HWM_KB=$(awk '/^VmHWM/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null || echo 0)
ALIVE=yes
kill -0 "$SERVER_PID" 2>/dev/null || ALIVE=no
HEALTH=$(python3 -c 'import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1] + "/healthz", timeout=10).status)' "$BASE" 2>/dev/null || echo none)

python3 - "$WORK" "$CONNECTIONS" "$DURATION" "$INPUT_MB" "$INGEST_SECS" "$INGEST_RSS_KB" "$SERVE_HWM_KB" "$ALIVE" "$HEALTH" "$PROFILE" <<'PY'
import re, sys
work, conns, dur, input_mb, ingest_secs, ingest_kb, serve_kb, alive, health, profile = sys.argv[1:]
fails = []
print(f"\nreadout serve ({profile} build) under load: {conns} connections for {dur} s (wrk, loopback)")
print(f"{'group':<8} {'urls':>4} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}  errors")
for group in ["search", "pages"]:
    text = open(f"{work}/{group}.wrk").read()
    m = re.search(r"^RESULT (.*)$", text, re.M)
    if not m:
        fails.append(f"{group}: wrk printed no result:\n{text}")
        continue
    r = {k: float(v) for k, v in (kv.split("=") for kv in m.group(1).split())}
    errs = {k: int(r[k]) for k in ["non2xx", "connect", "read", "write", "timeout", "status"] if r[k]}
    urls = sum(1 for l in open(f"{work}/{group}.urls") if l.strip())
    print(f"{group:<8} {urls:>4} {int(r['requests']):>9} {r['requests'] / r['secs']:>8.0f} "
          f"{r['p50_ms']:>8.1f} {r['p99_ms']:>8.1f} {r['max_ms']:>8.1f}  {errs or 0}")
    if errs:
        fails.append(f"{group}: errors {errs}")
    if r["requests"] == 0:
        fails.append(f"{group}: no requests completed")
print(f"ingest: {input_mb} MB in {ingest_secs} s, peak RSS {int(ingest_kb) / 1024:.0f} MiB")
print(f"serve: peak RSS during the load {int(serve_kb) / 1024:.0f} MiB")
if alive != "yes" or health != "200":
    fails.append(f"the server is not up after the load (alive={alive}, /healthz {health})")
if fails:
    print("load.sh: FAIL: " + "; ".join(fails))
    sys.exit(1)
print("load.sh: no errors")
PY
