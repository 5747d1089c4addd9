#!/usr/bin/env python3
"""Whole-process `readout normalize` against OpenCC's t2s in-process, same text, same run.

The text: the 新闻联播 day files of ../shared/corpora/xwlb (their <p> paragraphs)
converted with OpenCC's s2t, cut to 1 MB and to 9 MB (UTF-8). OpenCC (PyPI
`opencc`) converts it in this process (best of 3 conversions per round; the
Python binding's own time, no process start). readout runs as a whole process,
`readout normalize < FILE > /dev/null`, started with posix_spawn (process start,
reading, normalizing, writing; best of 3 per round). The two sides alternate
for ROUNDS rounds and each keeps its best; the ratio is OpenCC's wall time
over readout's (CPU times are printed too: on a loaded machine a short process
waits for a core, which its wall time counts).

It also times the start of the binary alone: `readout normalize` on empty
input, `readout --version` (clap, no normalizer) and /bin/true (the cost of
starting any process from here), minimum and median of 200 runs each.

With --check it exits 1 unless readout is at least 3 times as fast as OpenCC
on both sizes.

Usage: python3 bench/normalize_process.py [--readout PATH] [--rounds 5] [--check]
(builds `cargo build --release -p readout` unless --readout is given).
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "crates", "readout-normalize", "scripts"))
sys.path.insert(0, os.path.join(ROOT, "bench"))

from mainland_text import xwlb_items  # noqa: E402
from normalize_eval import ensure_opencc  # noqa: E402


def spawn_time(argv, stdin_path, cpu=False):
    """Wall time of one run of `argv` with stdin from a file, stdout to
    /dev/null (and its CPU time, user and system, with `cpu`)."""
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, stdin_path, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
    ]
    t0 = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    dt = time.perf_counter() - t0
    if status != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({status})")
    return (dt, usage.ru_utime + usage.ru_stime) if cpu else dt


def cut(data, n):
    """The first `n` bytes of UTF-8 `data`, at a character boundary."""
    n = min(n, len(data))
    while 0 < n < len(data) and (data[n] & 0xC0) == 0x80:
        n -= 1
    return data[:n]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--days", default=os.path.join(ROOT, "..", "shared", "corpora", "xwlb", "days"))
    ap.add_argument("--readout", help="prebuilt release readout binary")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--check", action="store_true", help="exit 1 unless readout is >= 3x OpenCC t2s")
    args = ap.parse_args()

    opencc, version = ensure_opencc()
    binary = args.readout
    if not binary:
        env = dict(os.environ)
        env.setdefault("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
        subprocess.check_call(["cargo", "build", "--quiet", "--release", "-p", "readout"], cwd=ROOT, env=env)
        binary = os.path.join(env["CARGO_TARGET_DIR"], "release", "readout")
    t2s = opencc.OpenCC("t2s")
    text = "\n".join(p for _, _, ps in xwlb_items(args.days) for p in ps)
    data = opencc.OpenCC("s2t").convert(text).encode()
    work = tempfile.mkdtemp()
    files = {}
    for name, size in [("1 MB", 1_000_000), ("9 MB", 9_000_000)]:
        path = os.path.join(work, name.replace(" ", "") + ".txt")
        with open(path, "wb") as f:
            f.write(cut(data, size))
        files[name] = path
    empty = os.path.join(work, "empty.txt")
    open(empty, "wb").close()
    print(f"opencc (PyPI) {version}; readout {binary}; best of {args.rounds} alternating rounds")
    print(f"text: s2t of the xwlb day files ({len(data) / 1e6:.2f} MB in all), cut to 1 MB and 9 MB")

    best = {}
    texts = {name: open(path, encoding="utf-8").read() for name, path in files.items()}
    for _ in range(args.rounds):
        for name, path in files.items():
            t = texts[name]
            t2s.convert(t)
            for _ in range(3):
                t0, c0 = time.perf_counter(), time.thread_time()
                t2s.convert(t)
                dt, ct = time.perf_counter() - t0, time.thread_time() - c0
                best[(name, "opencc")] = min(best.get((name, "opencc"), 1e9), dt)
                best[(name, "opencc cpu")] = min(best.get((name, "opencc cpu"), 1e9), ct)
            for _ in range(3):
                dt, ct = spawn_time([binary, "normalize"], path, cpu=True)
                best[(name, "readout")] = min(best.get((name, "readout"), 1e9), dt)
                best[(name, "readout cpu")] = min(best.get((name, "readout cpu"), 1e9), ct)
    fails = []
    for name, path in files.items():
        size = os.path.getsize(path)
        o, r = best[(name, "opencc")], best[(name, "readout")]
        print(f"{name} ({size} bytes):")
        print(f"  OpenCC t2s, in-process               {o * 1e3:8.1f} ms  {size / o / 1e6:7.1f} MB/s")
        print(f"  readout normalize, whole process     {r * 1e3:8.1f} ms  {size / r / 1e6:7.1f} MB/s"
              f"  {o / r:5.2f}x OpenCC t2s")
        oc, rc = best[(name, "opencc cpu")], best[(name, "readout cpu")]
        print(f"  CPU time: OpenCC {oc * 1e3:.1f} ms (thread), readout {rc * 1e3:.1f} ms (process, "
              f"user + system; clock resolution permitting): {oc / max(rc, 1e-6):.2f}x")
        if o / r < 3:
            fails.append(f"{name}: {o / r:.2f}x < 3x")

    print("process start, 200 runs each (min / median):")
    for label, argv in [
        ("readout normalize, empty input", [binary, "normalize"]),
        ("readout --version", [binary, "--version"]),
        ("/bin/true", ["/bin/true"]),
    ]:
        ts = [spawn_time(argv, empty) for _ in range(200)]
        print(f"  {label:32} {min(ts) * 1e3:6.2f} / {statistics.median(ts) * 1e3:6.2f} ms")
    try:
        load = os.getloadavg()[0]
        print(f"load average {load:.1f} on {os.cpu_count()} cores")
    except OSError:
        pass
    if args.check:
        if fails:
            print("normalize_process: FAIL: " + "; ".join(fails))
            sys.exit(1)
        print("normalize_process: readout >= 3x OpenCC t2s on both sizes")


if __name__ == "__main__":
    main()
