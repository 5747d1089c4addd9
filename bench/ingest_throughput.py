#!/usr/bin/env python3
"""Ingest throughput: how fast `readout ingest` reads a directory of real reports into a
fresh store, and how fast a second ingest of the same files (all unchanged) is.

The input is the mainland corpora (../shared/corpora/*.jsonl, one file per report:
title, blank line, content), copied `--copies` times with a distinguishing last line so
every copy is new content. Build first: cargo build --release -p readout

Usage: bench/ingest_throughput.py [--readout target/release/readout] [--copies 3]
"""

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd):
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    if out.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed:\n{out.stderr}")
    return elapsed, json.loads(out.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--readout", default=str(ROOT / "target" / "release" / "readout"))
    ap.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    ap.add_argument("--copies", type=int, default=3)
    args = ap.parse_args()

    reports = []
    for f in sorted(Path(args.corpora).glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            reports.append(f"{r['title']}\n\n{r['content']}\n")
    if not reports:
        sys.exit(f"no corpora in {args.corpora}")
    with tempfile.TemporaryDirectory(prefix="readout-bench-") as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        total = 0
        for c in range(args.copies):
            for i, text in enumerate(reports):
                data = (text + f"（{c}）\n").encode("utf-8")
                (src / f"{c:02}-{i:04}.txt").write_bytes(data)
                total += len(data)
        n = args.copies * len(reports)
        readout = shlex.split(args.readout)
        data = Path(tmp) / "data"
        first, s1 = timed(readout + ["--data", str(data), "ingest", "--json", str(src)])
        again, s2 = timed(readout + ["--data", str(data), "ingest", "--json", str(src)])
        mib = total / 2**20
        print(f"input: {n} files, {mib:.1f} MiB; {s1['documents']} documents; "
              f"{len(s1['rejected'])} rejected")
        print(f"first ingest: {first:.2f} s = {n / first:.0f} files/s, {mib / first:.2f} MiB/s")
        print(f"re-ingest (all unchanged: {s2['unchanged']}): {again:.2f} s = {n / again:.0f} files/s")


if __name__ == "__main__":
    main()
