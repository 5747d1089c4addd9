#!/usr/bin/env python3
"""Archive scale, whole command, on this machine: `readout ingest` of the news broadcast's
dev archive (../shared/corpora/xwlb/days, 461 day files, ~12 MB) and of a x10 archive
made from it, against Python jieba merely segmenting the same text, in the same run.

The x10 archive: nine more copies of every day file, each copy distinct (its years
moved on by 2, 4, ... 18 in the file name, the dates of the text and the urls, and a
comment naming the copy), so it is ten times the days of the same broadcast, not ten
times each day.

Prints one line per measure and, with --check, exits 1 when a target of issue 12 is
missed:
  - fresh ingest of x1 >= 4 MB/s (the 12 MB archive in <= 3 s) and >= 3x faster than
    jieba segmenting the same text;
  - fresh ingest of x10 in <= 11x the time of x1 (cost linear in size);
  - one new day file into the x10 store <= 1 s;
  - peak memory <= 1 GiB for the x10 ingest and for serving the x10 store;
  - search p99 < 10 ms on the x10 store (readout-search's own latency, in process).
`readout derive` on x1 is timed too (after a schema change it must stay possible and
about as fast as a fresh ingest).

Build first: cargo build --release -p readout; jieba from PyPI (pip install jieba).

Usage: bench/archive_scale.py [--days ../shared/corpora/xwlb/days] [--copies 10]
                              [--readout target/release/readout] [--check] [--keep DIR]
"""

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def shift_years(text, by):
    """Every year 2000-2099 written as digits (in 2023年, /2023/01/, 20230101) moved on."""
    return re.sub(r"(?<![0-9])(20[0-9]{2})", lambda m: str(int(m.group(1)) + by), text)


def make_archive(days, out, copies):
    out.mkdir(parents=True)
    total = 0
    for f in sorted(days.glob("*.md")):
        text = f.read_text(encoding="utf-8")
        for c in range(copies):
            by = 2 * c
            name = shift_years(f.name, by)
            body = text if c == 0 else f"<!-- copy {c} -->\n" + shift_years(text, by)
            data = body.encode("utf-8")
            (out / name).write_bytes(data)
            total += len(data)
    return total


def run(cmd, **kw):
    """Runs a command, returns (wall seconds, peak RSS in KiB, CPU seconds, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL, **kw)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode not in (0, 1):
        sys.exit(f"{' '.join(map(str, cmd))} failed ({out.returncode}):\n{out.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, after.ru_maxrss, cpu, out.stdout


def peak_rss(cmd):
    """Peak RSS (KiB) of one command alone, by /usr/bin/time when present."""
    if shutil.which("/usr/bin/time") is None:
        return None
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True)
    try:
        return int(out.stderr.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None


def jieba_seconds(days):
    import jieba  # noqa: PLC0415

    jieba.setLogLevel(60)
    jieba.initialize()
    text = "".join(f.read_text(encoding="utf-8") for f in sorted(days.glob("*.md")))
    t = time.perf_counter()
    n = sum(1 for _ in jieba.cut(text))
    return time.perf_counter() - t, n


def serve_rss(readout, data, queries):
    """Peak RSS of `readout serve` on a store after pages and searches were asked of it."""
    port = 18000 + os.getpid() % 1000
    p = subprocess.Popen([readout, "--data", str(data), "serve", "--addr", f"127.0.0.1:{port}"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).read()
                break
            except Exception:
                time.sleep(0.1)
        for path in ["/", "/api/events", "/formulations"] + [
                "/api/search?q=" + urllib.parse.quote(q) for q in queries]:
            try:
                urllib.request.urlopen(base + path, timeout=60).read()
            except Exception:
                pass
        with open(f"/proc/{p.pid}/status") as s:
            for line in s:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    finally:
        p.terminate()
        p.wait()
    return None


def search_p99(readout, data, queries, rounds=5):
    """p50/p99 of a search through the HTTP API of a running `readout serve` (the whole
    request: parsing, the index, the page of hits and their events as JSON)."""
    port = 19000 + os.getpid() % 1000
    p = subprocess.Popen([readout, "--data", str(data), "serve", "--addr", f"127.0.0.1:{port}"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times = []
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).read()
                break
            except Exception:
                time.sleep(0.1)
        for q in queries:  # warm up
            urllib.request.urlopen(base + "/api/search?q=" + urllib.parse.quote(q), timeout=60).read()
        for _ in range(rounds):
            for q in queries:
                t = time.perf_counter()
                urllib.request.urlopen(base + "/api/search?q=" + urllib.parse.quote(q), timeout=60).read()
                times.append(time.perf_counter() - t)
    finally:
        p.terminate()
        p.wait()
    times.sort()
    pick = lambda f: times[min(len(times) - 1, int(f * len(times)))] * 1000  # noqa: E731
    return pick(0.5), pick(0.99)


def main():
    import urllib.parse  # noqa: F401,PLC0415

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--days", default=str(ROOT.parent / "shared" / "corpora" / "xwlb" / "days"))
    ap.add_argument("--readout", default=str(ROOT / "target" / "release" / "readout"))
    ap.add_argument("--copies", type=int, default=10)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--keep", help="keep the archives and stores in this directory")
    a = ap.parse_args()
    days = Path(a.days)
    readout = a.readout
    tmp = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="readout-scale-"))
    fails = []
    try:
        x1 = tmp / "x1"
        xn = tmp / f"x{a.copies}"
        size1 = make_archive(days, x1, 1)
        sizen = make_archive(days, xn, a.copies)
        # The new day: the last day of the x10 archive moved a day on, as a new file.
        last = sorted(xn.glob("*.md"))[-1]
        new_day = tmp / "new" / (last.stem[:-2] + "31" + last.suffix)
        new_day.parent.mkdir()
        new_day.write_text("<!-- a new day -->\n" + last.read_text(encoding="utf-8"), encoding="utf-8")
        print(f"x1: {len(list(x1.glob('*.md')))} files, {size1 / 1e6:.1f} MB; "
              f"x{a.copies}: {len(list(xn.glob('*.md')))} files, {sizen / 1e6:.1f} MB")

        jieba_s, words = jieba_seconds(x1)
        print(f"jieba (Python) segmenting x1: {jieba_s:.2f} s ({size1 / 1e6 / jieba_s:.2f} MB/s, {words} words)")

        d1 = tmp / "data1"
        wall1, _, cpu1, _ = run([readout, "--data", str(d1), "ingest", "--json", str(x1)])
        print(f"ingest x1, fresh: {wall1:.2f} s wall, {cpu1:.2f} s CPU, {size1 / 1e6 / wall1:.2f} MB/s, "
              f"{jieba_s / wall1:.2f}x jieba")
        if size1 / 1e6 / wall1 < 4 or jieba_s / wall1 < 3:
            fails.append("x1 ingest under 4 MB/s or 3x jieba")
        walld, _, cpud, _ = run([readout, "--data", str(d1), "derive", "--json"])
        print(f"derive x1 (everything again): {walld:.2f} s wall, {cpud:.2f} s CPU ({walld / wall1:.2f}x the fresh ingest)")

        dn = tmp / "datan"
        rssn = peak_rss([readout, "--data", str(dn), "ingest", "--json", str(xn)])
        shutil.rmtree(dn)
        walln, _, cpun, _ = run([readout, "--data", str(dn), "ingest", "--json", str(xn)])
        print(f"ingest x{a.copies}, fresh: {walln:.2f} s wall, {cpun:.2f} s CPU, {sizen / 1e6 / walln:.2f} MB/s, "
              f"{walln / wall1:.2f}x the time of x1; peak RSS {rssn / 1024 if rssn else float('nan'):.0f} MiB")
        if walln > 11 * wall1:
            fails.append(f"x{a.copies} took {walln / wall1:.1f}x x1")
        if rssn and rssn > 1024 * 1024:
            fails.append(f"x{a.copies} ingest peak RSS {rssn / 1024:.0f} MiB")

        walld1, _, _, out = run([readout, "--data", str(dn), "ingest", "--json", str(new_day)])
        summary = json.loads(out)
        print(f"one new day into the x{a.copies} store: {walld1:.2f} s wall "
              f"({summary['documents']} documents, {summary['derived']['linked']} linked)")
        if walld1 > 1.0:
            fails.append(f"a new day took {walld1:.2f} s")

        queries = ["中共中央政治局", "高质量发展", "習近平", "新质生产力", "乡村振兴", "Yangtze", "会见"]
        p50, p99 = search_p99(readout, dn, queries)
        print(f"search on x{a.copies} through the API (whole request): p50 {p50:.1f} ms, p99 {p99:.1f} ms")
        if p99 >= 10:
            fails.append(f"search p99 {p99:.1f} ms")
        rss = serve_rss(readout, dn, queries)
        print(f"serve x{a.copies}: peak RSS {rss / 1024 if rss else float('nan'):.0f} MiB")
        if rss and rss > 1024 * 1024:
            fails.append(f"serve peak RSS {rss / 1024:.0f} MiB")
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    if a.check:
        if fails:
            print("archive_scale: FAIL: " + "; ".join(fails))
            sys.exit(1)
        print("archive_scale: ok")


if __name__ == "__main__":
    main()
