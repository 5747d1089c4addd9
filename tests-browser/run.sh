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
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# Relative paths, so pages (and screenshots) show testdata/…, not this machine's paths.
(cd "$root" && "$bin" --data "$work/data" ingest testdata/seeds/*.txt testdata/serve/xss.txt >/dev/null)
"$bin" --data "$work/data" serve --addr 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err" &
server=$!
for _ in $(seq 1 300); do
  grep -q '^listening on ' "$work/serve.out" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.err" >&2; exit 1; }
  sleep 0.1
done
url="$(sed -n 's/^listening on //p' "$work/serve.out" | head -1)"
[ -n "$url" ] || { echo "the server printed no address" >&2; cat "$work/serve.err" >&2; exit 1; }

shots="$root/target/screenshots"
rm -rf "$shots"
status=0
(cd "$here" && READOUT_URL="$url" SCREENSHOTS="$shots" node --test --test-concurrency=1 e2e.test.js) || status=$?

if [ "$status" -eq 0 ] && [ "$update_docs" -eq 1 ]; then
  mkdir -p "$root/docs/screenshots"
  for name in timeline-1280 event-1280 aligned-1280 document-1280 formulation-1280 search-1280 compare-1280 timeline-390 aligned-390; do
    if command -v pngquant >/dev/null; then
      pngquant --force --quality 60-90 --output "$root/docs/screenshots/$name.png" "$shots/$name.png"
    else
      cp "$shots/$name.png" "$root/docs/screenshots/$name.png"
    fi
  done
  echo "screenshots copied to docs/screenshots/"
fi
exit "$status"
