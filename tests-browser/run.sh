#!/usr/bin/env bash
# Runs the browser tests: builds readout, ingests the seeds (and the escaping fixture)
# into a temporary store, starts `readout serve` on a free port, runs the Node tests
# in headless Chromium, and stops the server. Screenshots go to target/screenshots/;
# with --update-docs the main ones are also copied to docs/screenshots/.
#
#   bash tests-browser/install.sh    # once: chromium, fonts, playwright-core
#   bash tests-browser/run.sh [--update-docs]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
update_docs=0
for arg in "$@"; do
  case "$arg" in
    --update-docs) update_docs=1 ;;
    *) echo "usage: $0 [--update-docs]" >&2; exit 2 ;;
  esac
done

[ -d "$here/node_modules/playwright-core" ] || { echo "run tests-browser/install.sh first" >&2; exit 2; }
command -v chromium >/dev/null || { echo "no chromium: run tests-browser/install.sh first" >&2; exit 2; }

target="${CARGO_TARGET_DIR:-$root/target}"
(cd "$root" && cargo build --quiet -p readout)
bin="$target/debug/readout"

work="$(mktemp -d)"
server=""
big=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [ -n "$big" ]; then kill "$big" 2>/dev/null || true; wait "$big" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# Relative paths, so pages (and screenshots) show testdata/…, not this machine's paths.
(cd "$root" && "$bin" --data "$work/data" ingest testdata/seeds/*.txt testdata/serve/xss.txt testdata/serve/economy-*.txt >/dev/null)
# A x10 archive of the two real day files of the news broadcast (testdata/xwlb), each
# copy with its years moved on (bench/archive_scale.py's scheme), for the page-size test:
# 280 documents, however many of their items the record takes for events.
mkdir -p "$work/big"
python3 - "$root/testdata/xwlb" "$work/big" <<'PY'
import re, sys
from pathlib import Path
src, out = Path(sys.argv[1]), Path(sys.argv[2])
shift = lambda t, by: re.sub(r"(?<![0-9])(20[0-9]{2})", lambda m: str(int(m.group(1)) + by), t)
for f in sorted(src.glob("[0-9]*.md")):  # the day files, not the README
    text = f.read_text(encoding="utf-8")
    for c in range(10):
        body = text if c == 0 else f"<!-- copy {c} -->\n" + shift(text, 2 * c)
        (out / shift(f.name, 2 * c)).write_text(body, encoding="utf-8")
PY
"$bin" --data "$work/bigdata" ingest "$work/big" >/dev/null || true
"$bin" --data "$work/bigdata" serve --addr 127.0.0.1:0 >"$work/big.out" 2>"$work/big.err" &
big=$!
"$bin" --data "$work/data" serve --addr 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err" &
server=$!
for _ in $(seq 1 300); do
  grep -q '^listening on ' "$work/serve.out" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
  sleep 0.1
done
url="$(sed -n 's/^listening on //p' "$work/serve.out" | head -1)"
[ -n "$url" ] || { echo "the server printed no address" >&2; cat "$work/serve.err" >&2; exit 1; }

for _ in $(seq 1 300); do grep -q '^listening on ' "$work/big.out" 2>/dev/null && break; sleep 0.1; done
big_url="$(sed -n 's/^listening on //p' "$work/big.out" | head -1)"

shots="$root/target/screenshots"
rm -rf "$shots"
status=0
(cd "$here" && READOUT_URL="$url" READOUT_BIG_URL="$big_url" SCREENSHOTS="$shots" node --test --test-concurrency=1 e2e.test.js) || status=$?

if [ "$status" -eq 0 ] && [ "$update_docs" -eq 1 ]; then
  mkdir -p "$root/docs/screenshots"
  for name in timeline-1280 event-1280 aligned-1280 document-1280 formulation-1280 search-1280 compare-1280 changed-1280 timeline-390 event-390 aligned-390; do
    if command -v pngquant >/dev/null; then
      pngquant --force --quality 60-90 --output "$root/docs/screenshots/$name.png" "$shots/$name.png"
    else
      cp "$shots/$name.png" "$root/docs/screenshots/$name.png"
    fi
  done
  echo "screenshots copied to docs/screenshots/"
fi
exit "$status"
