#!/usr/bin/env python3
"""Normalization of mainland news that the language model never saw, against OpenCC.

The held-out part of the 新闻联播 archive (../shared/corpora/xwlb/days, items
broadcast 2023-07-01..2023-12-31; the model in crates/readout-normalize/data is
built from the days up to 2023-06-30 and the report corpora) is converted with
OpenCC (PyPI `opencc`) to s2t(x) and s2twp(x). In one run it counts the
characters that differ from the mainland original x (character diff per
paragraph) for:

  harm     readout normalize(x)            OpenCC tw2sp(x)
  s2t      readout normalize(s2t(x))       OpenCC t2s(s2t(x))
  s2twp    readout normalize(s2twp(x))     OpenCC tw2sp(s2twp(x))

normalize runs on each item (its paragraphs joined by newlines: the document the
pipeline gives it), as the release example `normalize_stdin`. With --check it
exits 1 unless harm is 0, readout's s2twp errors are at most a fifth of OpenCC
tw2sp's and its s2t errors at most OpenCC t2s's.

Usage: python3 bench/normalize_news_eval.py [--check] [--show N] [--binary PATH]
"""
import argparse
import collections
import difflib
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRATE = os.path.join(ROOT, "crates", "readout-normalize")
sys.path.insert(0, os.path.join(CRATE, "scripts"))
sys.path.insert(0, os.path.join(ROOT, "bench"))

from mainland_text import xwlb_items  # noqa: E402
from normalize_eval import build_example, char_diff, ensure_opencc, readout  # noqa: E402


def diff_pairs(x, y):
    """The differing stretches of x and y, with two characters of context."""
    sm = difflib.SequenceMatcher(None, x, y, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op != "equal":
            yield x[max(0, i1 - 2):i2 + 2], y[max(0, j1 - 2):j2 + 2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--days", default=os.path.join(ROOT, "..", "shared", "corpora", "xwlb", "days"))
    ap.add_argument("--first", default="20230701", help="first held-out day (YYYYMMDD)")
    ap.add_argument("--last", default="20231231", help="last held-out day")
    ap.add_argument("--binary", help="prebuilt normalize_stdin example")
    ap.add_argument("--check", action="store_true", help="exit 1 unless the targets are met")
    ap.add_argument("--show", type=int, default=0, help="print the N most frequent differences of each readout row")
    args = ap.parse_args()

    t0 = time.time()
    opencc, version = ensure_opencc()
    conv = {name: opencc.OpenCC(name) for name in ["s2t", "s2twp", "t2s", "tw2sp"]}
    items = xwlb_items(args.days, args.first, args.last)
    paras = [p for _, _, ps in items for p in ps]
    print(f"opencc (PyPI) {version}")
    print(f"held out: xwlb {args.first}..{args.last}, {len(items)} items, {len(paras)} paragraphs, "
          f"{sum(map(len, paras))} characters")
    binary = args.binary or build_example()

    def per_item(texts):
        """readout normalize on each item, paragraphs back in order."""
        docs, k = [], 0
        for _, _, ps in items:
            docs.append("\n".join(texts[k:k + len(ps)]))
            k += len(ps)
        out = []
        for (_, _, ps), o in zip(items, readout(binary, "normalize", docs)):
            parts = o.split("\n")
            assert len(parts) == len(ps)
            out.extend(parts)
        return out

    s2t = [conv["s2t"].convert(p) for p in paras]
    s2twp = [conv["s2twp"].convert(p) for p in paras]
    rows = [
        ("harm", "readout normalize(x)", per_item(paras), "OpenCC  tw2sp(x)", [conv["tw2sp"].convert(p) for p in paras]),
        ("s2t", "readout normalize(s2t(x))", per_item(s2t), "OpenCC  t2s(s2t(x))", [conv["t2s"].convert(t) for t in s2t]),
        ("s2twp", "readout normalize(s2twp(x))", per_item(s2twp), "OpenCC  tw2sp(s2twp(x))", [conv["tw2sp"].convert(t) for t in s2twp]),
    ]
    print(f"{'':6} {'readout':>8} {'OpenCC':>8}   characters differing from x")
    got = {}
    for key, rname, routs, oname, oouts in rows:
        r = sum(char_diff(o, p) for o, p in zip(routs, paras))
        o = sum(char_diff(o, p) for o, p in zip(oouts, paras))
        got[key] = (r, o)
        print(f"{key:6} {r:>8} {o:>8}   {rname} / {oname}")
        if args.show:
            counts = collections.Counter()
            for out, p in zip(routs, paras):
                if out != p:
                    counts.update(diff_pairs(p, out))
            for (a, b), n in counts.most_common(args.show):
                print(f"         {n:>5}  {a} -> {b}")
    print(f"time: {time.time() - t0:.0f} s")
    if not args.check:
        return
    fails = []
    if got["harm"][0] != 0:
        fails.append(f"harm {got['harm'][0]} (must be 0)")
    if got["s2twp"][0] * 5 > got["s2twp"][1]:
        fails.append(f"s2twp {got['s2twp'][0]} > a fifth of OpenCC's {got['s2twp'][1]}")
    if got["s2t"][0] > got["s2t"][1]:
        fails.append(f"s2t {got['s2t'][0]} > OpenCC's {got['s2t'][1]}")
    if fails:
        print("normalize_news_eval: FAIL: " + "; ".join(fails))
        sys.exit(1)
    print("normalize_news_eval: targets met")


if __name__ == "__main__":
    main()
