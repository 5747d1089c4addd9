#!/usr/bin/env python3
"""Accuracy of readout's normalizer against OpenCC (PyPI `opencc`) on mainland text.

On the government work reports of 1978-2025 (records with year >= 1978 in
../shared/corpora/government_work_reports.jsonl, field content) it converts each paragraph x with OpenCC to s2t(x) and s2twp(x) and
counts the characters that differ from x (character diff per paragraph) for:

  OpenCC  t2s(s2t(x))      the character round trip
  OpenCC  tw2sp(s2twp(x))  the Taiwan-vocabulary round trip
  OpenCC  tw2sp(x)         what OpenCC does to mainland text
  readout normalize(x), normalize(s2t(x)), normalize(s2twp(x))
  readout chars_only(s2t(x)), chars_only(s2twp(x))

Differences are counted per paragraph. OpenCC converts without context;
normalize runs on each whole report (the document the pipeline gives it), or
on each paragraph alone with --per-paragraph. It also reports the pass rate of normalize on OpenCC's tw2sp cases (Taiwan
input, mainland expected output). Readout runs as the release example
`normalize_stdin` of crates/readout-normalize.

Usage: python3 bench/normalize_eval.py [--corpus PATH] [--min-year 1978] [--show N]
"""
import argparse
import difflib
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRATE = os.path.join(ROOT, "crates", "readout-normalize")


def ensure_opencc():
    try:
        import opencc  # noqa: F401
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "opencc"])
    import opencc
    import importlib.metadata as md

    return opencc, md.version("opencc")


def char_diff(a, b):
    """Characters that differ between a and b: position-wise when the lengths
    match, otherwise the larger side of each non-equal diff block."""
    if a == b:
        return 0
    if len(a) == len(b):
        return sum(1 for x, y in zip(a, b) if x != y)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")


def build_example():
    env = dict(os.environ)
    env.setdefault("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    subprocess.check_call(
        ["cargo", "build", "--quiet", "--release", "-p", "readout-normalize", "--example", "normalize_stdin"],
        cwd=ROOT,
        env=env,
    )
    return os.path.join(env["CARGO_TARGET_DIR"], "release", "examples", "normalize_stdin")


def readout_docs(binary, mode, docs, flat, per_paragraph):
    """Readout on whole reports (the context normalize decides by), or on
    each paragraph alone; returns the paragraphs in order."""
    if per_paragraph:
        return readout(binary, mode, flat)
    out, k = [], 0
    joined = []
    for d in docs:
        joined.append("\n".join(flat[k:k + len(d)]))
        k += len(d)
    for d, o in zip(docs, readout(binary, mode, joined)):
        parts = o.split("\n")
        assert len(parts) == len(d)
        out.extend(parts)
    return out


def readout(binary, mode, texts):
    data = "".join(json.dumps(t, ensure_ascii=False) + "\n" for t in texts)
    out = subprocess.run([binary, mode], input=data.encode(), capture_output=True, check=True).stdout
    res = [json.loads(l) for l in out.decode().splitlines()]
    assert len(res) == len(texts)
    return res


def load_cases(path):
    raw = open(path, encoding="utf-8").read()
    raw = re.sub(r",(\s*[}\]])", r"\1", raw)  # the file allows trailing commas
    return json.loads(raw)["cases"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpora", "government_work_reports.jsonl"))
    ap.add_argument("--min-year", type=int, default=1978)
    ap.add_argument("--show", type=int, default=0, help="print up to N differing paragraphs per readout row")
    ap.add_argument("--binary", help="prebuilt normalize_stdin example")
    ap.add_argument("--per-paragraph", action="store_true", help="run normalize on each paragraph alone instead of on whole reports")
    args = ap.parse_args()

    opencc, version = ensure_opencc()
    print(f"opencc (PyPI) {version}")
    conv = {name: opencc.OpenCC(name) for name in ["s2t", "s2twp", "t2s", "tw2sp"]}

    docs = []  # paragraph lists, one per report
    for line in open(args.corpus, encoding="utf-8"):
        rec = json.loads(line)
        if int(rec.get("year") or 0) < args.min_year:
            continue
        docs.append([p for p in rec["content"].split("\n") if p.strip()])
    paras = [p for d in docs for p in d]
    total = sum(len(p) for p in paras)
    print(f"corpus: {len(paras)} paragraphs, {total} characters (year >= {args.min_year})")

    s2t = [conv["s2t"].convert(p) for p in paras]
    s2twp = [conv["s2twp"].convert(p) for p in paras]
    binary = args.binary or build_example()

    rows = [
        ("OpenCC  t2s(s2t(x))", [conv["t2s"].convert(t) for t in s2t]),
        ("OpenCC  tw2sp(s2twp(x))", [conv["tw2sp"].convert(t) for t in s2twp]),
        ("OpenCC  tw2sp(x)", [conv["tw2sp"].convert(p) for p in paras]),
        ("readout normalize(x)", readout_docs(binary, "normalize", docs, paras, args.per_paragraph)),
        ("readout normalize(s2t(x))", readout_docs(binary, "normalize", docs, s2t, args.per_paragraph)),
        ("readout normalize(s2twp(x))", readout_docs(binary, "normalize", docs, s2twp, args.per_paragraph)),
        ("readout chars_only(s2t(x))", readout(binary, "chars", s2t)),
        ("readout chars_only(s2twp(x))", readout(binary, "chars", s2twp)),
    ]
    print(f"{'conversion':32} chars differing from x")
    for name, outs in rows:
        diffs = [char_diff(o, p) for o, p in zip(outs, paras)]
        print(f"{name:32} {sum(diffs):>8}")
        if args.show and name.startswith("readout"):
            shown = 0
            for o, p, d in zip(outs, paras, diffs):
                if d and shown < args.show:
                    sm = difflib.SequenceMatcher(None, p, o, autojunk=False)
                    for op, i1, i2, j1, j2 in sm.get_opcodes():
                        if op != "equal":
                            print(f"    {p[max(0, i1 - 6):i2 + 6]!s:30} -> {o[max(0, j1 - 6):j2 + 6]}")
                    shown += 1

    cases = load_cases(os.path.join(CRATE, "testdata", "opencc-testcases.json"))
    tw = [(c["input"], c["expected"]["tw2sp"]) for c in cases if "tw2sp" in c["expected"]]
    got = readout(binary, "normalize", [i for i, _ in tw])
    ok = sum(1 for g, (_, e) in zip(got, tw) if g == e)
    print(f"normalize on OpenCC tw2sp cases: {ok}/{len(tw)} pass ({100.0 * ok / len(tw):.1f}%)")
    if args.show:
        for g, (i, e) in zip(got, tw):
            if g != e:
                print(f"    {i} -> {g} (tw2sp: {e})")


if __name__ == "__main__":
    main()
