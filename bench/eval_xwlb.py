#!/usr/bin/env python3
"""Reader evaluation on a real archive: the dev archive of news-broadcast day files
(../shared/corpora/xwlb: days/*.md and items.jsonl, one line per item with its heading,
url, broadcast date and number of non-empty <p> blocks).

`readout read --jsonl` reads every day file; each item of items.jsonl must be one
document of its file, in order, whose
  - title is the item's heading (white space folded),
  - url is the item's link (null where the file has none),
  - published is the broadcast date, read from the url or the path,
  - body is the item's <p> blocks, one paragraph each, in order (the blocks' text is
    taken from the day file here, tags stripped and references decoded, and compared
    with white space folded).
Besides: no document is made of a link line, and every summary section ("## 新闻摘要")
that lists items is one document of kind `digest`.

Prints each measure; with --check exits 1 when a share is under --min (0.99) or when a
link-line document or a missing digest appears.

Usage: bench/eval_xwlb.py [--corpus ../shared/corpora/xwlb] [--readout target/release/readout]
                          [--check] [--show N]
"""

import argparse
import html
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fold(s):
    s = re.sub(r"[\u200b-\u200f\u2060\ufeff]", "", s or "")
    return re.sub(r"\s+", " ", s).strip()


def p_blocks(section):
    """The text of each non-empty <p> block of one item section of a day file."""
    out = []
    for m in re.finditer(r"<p\b[^>]*>(.*?)</p>", section, re.S | re.I):
        text = re.sub(r"<[^>]+>", "", m.group(1))
        text = fold(html.unescape(text))
        if text:
            out.append(text)
    return out


def item_sections(md):
    """Each `### ` item section of a day file, in order."""
    parts = re.split(r"^### ", md, flags=re.M)
    return parts[1:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpora" / "xwlb"))
    ap.add_argument("--readout", default=str(ROOT / "target" / "release" / "readout"))
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--min", type=float, default=0.99)
    ap.add_argument("--show", type=int, default=5)
    a = ap.parse_args()
    corpus = Path(a.corpus)
    days = corpus / "days"
    items = [json.loads(l) for l in open(corpus / "items.jsonl", encoding="utf-8")]

    out = subprocess.run([a.readout, "read", "--jsonl", str(days)], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"readout read failed ({out.returncode}):\n{out.stderr[:2000]}")
    docs_by_file = defaultdict(list)
    for line in out.stdout.splitlines():
        d = json.loads(line)
        docs_by_file[Path(d["file"]).name].append(d)

    checks = defaultdict(int)
    failures = defaultdict(list)
    items_by_file = defaultdict(list)
    for it in items:
        items_by_file[it["file"]].append(it)
    for file, its in items_by_file.items():
        md = (days / file).read_text(encoding="utf-8")
        sections = item_sections(md)
        articles = [d for d in docs_by_file[file] if d["kind"] == "article"]
        by_title = {}
        for d in articles:
            by_title.setdefault(fold(d["title"]), d)
        for it in its:
            want = fold(it["heading"])
            d = by_title.get(want)
            checks["item"] += 1
            if d is None:
                failures["document"].append(f"{file} #{it['item']}: no document titled {want!r}")
                continue
            checks["document"] += 1
            if d.get("url") == it["url"]:
                checks["url"] += 1
            else:
                failures["url"].append(f"{file} #{it['item']}: url {d.get('url')!r} != {it['url']!r}")
            pub = (d.get("published") or "")[:10]
            if pub == it["broadcast"] and d.get("published_from") in ("url", "path"):
                checks["published"] += 1
            else:
                failures["published"].append(
                    f"{file} #{it['item']}: published {d.get('published')!r} from {d.get('published_from')!r}")
            want_body = p_blocks(sections[it["item"]]) if it["item"] < len(sections) else None
            got_body = [fold(p) for p in d["body"]]
            if want_body is not None and len(want_body) != it["paragraphs"]:
                print(f"note: {file} #{it['item']}: {len(want_body)} <p> blocks here, "
                      f"{it['paragraphs']} in items.jsonl", file=sys.stderr)
            if got_body == want_body:
                checks["body"] += 1
            else:
                diff = next((i for i, (x, y) in enumerate(zip(got_body, want_body or [])) if x != y),
                            min(len(got_body), len(want_body or [])))
                g = got_body[diff][:60] if diff < len(got_body) else None
                w = (want_body or [])[diff][:60] if diff < len(want_body or []) else None
                failures["body"].append(
                    f"{file} #{it['item']}: {len(got_body)} paragraphs, want {it['paragraphs']}; "
                    f"first difference at {diff}: {g!r} vs {w!r}")

    link_docs = []
    digests_missing = []
    summaries = 0
    for file in sorted(p.name for p in days.glob("*.md")):
        docs = docs_by_file.get(file, [])
        for d in docs:
            text = fold(" ".join([d.get("title") or ""] + d["body"]))
            if re.fullmatch(r"(查看原文|\[查看原文\]\(.*\)|https?://\S+)", text):
                link_docs.append(f"{file}: {d['id']} {text[:80]!r}")
        md = (days / file).read_text(encoding="utf-8")
        summary = re.search(r"^## 新闻摘要\n(.*?)^## ", md, re.M | re.S)
        if summary and re.search(r"^\d+\.", summary.group(1), re.M):
            summaries += 1
            if sum(1 for d in docs if d["kind"] == "digest") != 1:
                digests_missing.append(f"{file}: {[d['kind'] for d in docs].count('digest')} digests")

    n = checks["item"]
    kinds = defaultdict(int)
    for docs in docs_by_file.values():
        for d in docs:
            kinds[d["kind"]] += 1
    print(f"dev archive: {len(docs_by_file)} files, {n} items, documents by kind: {dict(kinds)}")
    shares = {}
    for key in ("document", "url", "published", "body"):
        shares[key] = checks[key] / n if n else 0.0
        print(f"  {key:10} {checks[key]:6d}/{n}  {100 * shares[key]:6.2f}%")
    print(f"  link-line documents: {len(link_docs)}")
    print(f"  summary sections: {summaries}, not one digest: {len(digests_missing)}")
    for key, fs in failures.items():
        for f in fs[: a.show]:
            print(f"    {key}: {f}")
    for f in (link_docs + digests_missing)[: a.show]:
        print(f"    {f}")
    if a.check:
        bad = [k for k, v in shares.items() if v < a.min]
        if bad or link_docs or digests_missing:
            print(f"eval_xwlb: FAIL ({', '.join(bad) or 'link lines or digests'})")
            sys.exit(1)
        print("eval_xwlb: ok")


if __name__ == "__main__":
    main()
