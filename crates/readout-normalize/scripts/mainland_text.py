"""Mainland simplified text of ../shared/corpora, for the generators of this
directory and the evaluations in bench/.

* `xwlb_items(days, first, last)`: the items of the 新闻联播 day files
  (`corpora/xwlb/days/YYYYMMDD.md`) broadcast from `first` to `last` (YYYYMMDD,
  both included), each as `(day, heading, paragraphs)`; the paragraphs are the
  item's `<p>` blocks with their markup taken out.
* `report_paragraphs(corpora)`: the paragraphs of the work and congress reports
  (`*.jsonl`, field `content`) written in simplified script.

The texts belong to their publishers: read them in place, never copy them
into the repository.
"""
import glob
import html
import json
import os
import re

_P = re.compile(r"<p[^>]*>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _paragraphs(markup):
    out = []
    for block in _P.findall(markup):
        # A line break inside a block is a break in the text too.
        for part in re.split(r"<br\s*/?>", block):
            text = html.unescape(_TAG.sub("", part)).strip()
            if text:
                out.append(text)
    return out


def xwlb_items(days, first="00000000", last="99999999"):
    items = []
    for path in sorted(glob.glob(os.path.join(days, "*.md"))):
        day = os.path.basename(path)[:8]
        if not (first <= day <= last):
            continue
        text = open(path, encoding="utf-8").read()
        detail = text.split("## 详细新闻", 1)
        if len(detail) < 2:
            continue
        for section in re.split(r"^### ", detail[1], flags=re.M)[1:]:
            heading, _, body = section.partition("\n")
            paras = _paragraphs(body)
            if paras:
                items.append((day, heading.strip(), paras))
    return items


def _script_sets(data):
    simp_only, trad_side, keys = set(), set(), set()
    for line in open(os.path.join(data, "STCharacters.txt"), encoding="utf-8"):
        if line.startswith("#") or "\t" not in line:
            continue
        k, v = line.rstrip("\n").split("\t", 1)
        vs = v.split(" ")
        keys.add(k)
        trad_side.update(vs)
        if len(k) == 1 and k not in vs:
            simp_only.add(k)
    return simp_only, trad_side - keys


def report_paragraphs(corpora, data):
    """Paragraphs of the report corpora in simplified script (by a majority
    of script evidence: the corpora hold two old traditional reports)."""
    simp_only, trad_side = _script_sets(data)
    paras = []
    for path in sorted(glob.glob(os.path.join(corpora, "*.jsonl"))):
        for line in open(path, encoding="utf-8"):
            rec = json.loads(line)
            for p in rec.get("content", "").split("\n"):
                p = p.strip()
                if p and sum(c in simp_only for c in p) > sum(c in trad_side for c in p):
                    paras.append(p)
    return paras
