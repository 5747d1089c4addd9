#!/usr/bin/env python3
"""Prepares the cross-script search fixtures of crates/readout-search/testdata/.

Takes the paragraphs of two government work reports (public-domain mainland
government text) from the shared corpus, and writes them with their OpenCC
conversions, so `cargo test` needs neither Python nor the shared corpus:

  gov_reports.hans.tsv  simplified, as published
  gov_reports.hant.tsv  OpenCC s2t   (character conversion)
  gov_reports.tw.tsv    OpenCC s2twp (Taiwan characters and vocabulary)

One paragraph a line: `year<TAB>paragraph`; line i of each file is the same
paragraph. Needs `pip install opencc` (OpenCC 1.x, Apache-2.0).

Usage: python3 bench/search_prep.py [path/to/government_work_reports.jsonl]
"""
import json
import os
import re
import sys

import opencc

YEARS = ("2025", "2014")
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "crates", "readout-search", "testdata")
DEFAULT = os.path.join(HERE, "..", "..", "shared", "corpora", "government_work_reports.jsonl")
INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff]")


def paragraphs(content):
    for line in content.split("\n"):
        line = INVISIBLE.sub("", line).strip().strip("\u3000").strip()
        line = line.replace("\t", " ")
        if len(line) >= 8:
            yield line


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    rows = []
    with open(src, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            year = str(d.get("year") or "")
            if year in YEARS and "政府工作报告" in d.get("title", ""):
                rows.extend((year, p) for p in paragraphs(d["content"]))
    os.makedirs(OUT, exist_ok=True)
    for name, conv in (("hans", None), ("hant", "s2t"), ("tw", "s2twp")):
        cc = opencc.OpenCC(conv + ".json") if conv else None
        path = os.path.join(OUT, "gov_reports.%s.tsv" % name)
        with open(path, "w", encoding="utf-8") as out:
            for year, p in rows:
                text = cc.convert(p) if cc else p
                out.write("%s\t%s\n" % (year, text))
        print("%s: %d paragraphs, %d bytes" % (path, len(rows), os.path.getsize(path)))


if __name__ == "__main__":
    main()
