#!/usr/bin/env python3
"""Generate data/taiwan_vocab.tsv: which Taiwan-vocabulary reversals the
normalizer makes, and in which contexts.

Candidates: every entry of OpenCC's TWPhrasesRev.txt (Taiwan form -> mainland
form), the entries of TWPhrases.txt read backwards whose Taiwan form the
reverse file lacks, and the hand-written pairs
of data/taiwan_vocab_candidates.tsv. All forms are taken to simplified script
with readout's own character layer (the normalizer matches them after it).

Evidence: the mainland corpora (*.jsonl, field content; only paragraphs in
clean simplified script). For a pair (T, M):
  keep  = occurrences of T written in mainland text: there T is ordinary
          mainland usage and must never be changed;
  rev   = occurrences of M: a Taiwan-style converter turns these into T, and
          the reversal would restore them.
Rule:
  * keep == 0: reverse everywhere (in traditional-script context).
  * otherwise learn context patterns L_R (L = the 1-2 characters before, R =
    the 1-2 after, or one of each). Default "rev" with "keep" patterns that
    cover every keep occurrence and match no rev occurrence, when such a cover
    exists and keep occurrences are at most MAX_KEEP_SHARE of all; else default "keep" with
    "rev" patterns that match no keep occurrence and at least MIN_SUPPORT rev
    occurrences; an entry left with no such pattern is dropped. Either way no
    mainland occurrence of the corpora would be changed.
  * entries whose two sides are equal (OpenCC's blockers, 支持者 -> 支持者) stay,
    so the longest match keeps protecting what they protect.

Usage (from the crate directory, after `cargo build --release --example normalize_stdin`):
    python3 scripts/gen_taiwan_vocab.py [--holdout] > data/taiwan_vocab.tsv
--holdout leaves the 1978-2025 government work reports out of the evidence,
so that bench/normalize_eval.py can measure on text the rules never saw.
"""
import argparse
import collections
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CRATE = os.path.dirname(HERE)
DATA = os.path.join(CRATE, "data")
MIN_SUPPORT = 2
# Reverse by default only where the Taiwan form is at most this share of the
# two forms' mainland occurrences; a form mainland text writes more often
# than that is reversed only in the contexts learned for it.
MAX_KEEP_SHARE = 0.1


def simplify_all(binary, texts):
    data = "".join(json.dumps(t, ensure_ascii=False) + "\n" for t in texts)
    out = subprocess.run([binary, "chars"], input=data.encode(), capture_output=True, check=True).stdout
    return [json.loads(l) for l in out.decode().splitlines()]


def read_pairs(name):
    for line in open(os.path.join(DATA, name), encoding="utf-8"):
        if line.startswith("#") or "\t" not in line:
            continue
        k, v = line.rstrip("\n").split("\t", 1)
        yield k, v.split(" ")


def load_corpus(corpora, holdout):
    st = dict(read_pairs("STCharacters.txt"))
    simp_only = {k for k, vs in st.items() if len(k) == 1 and k not in vs}
    trad_side = {v for vs in st.values() for v in vs} - set(st)
    paras = []
    for path in sorted(glob.glob(os.path.join(corpora, "*.jsonl"))):
        for line in open(path, encoding="utf-8"):
            rec = json.loads(line)
            if holdout and "government_work_reports" in path and int(rec.get("year") or 0) >= 1978:
                continue
            for p in rec.get("content", "").split("\n"):
                # Paragraphs in simplified script by majority of evidence.
                if sum(c in simp_only for c in p) > sum(c in trad_side for c in p):
                    paras.append(p)
    return paras


def occurrences(paras, term):
    """Contexts (left two chars, right two chars) of each occurrence."""
    out = []
    n = len(term)
    for p in paras:
        # Paragraph limits are context too: "^" before, "$" after.
        p = "^" + p + "$"
        i = p.find(term)
        while i >= 0:
            out.append((p[max(0, i - 3):i], p[i + n:i + n + 3]))
            i = p.find(term, i + 1)
    return out


def features(ctx, width=2):
    """Context patterns of one occurrence: up to `width` characters on each side."""
    left, right = ctx
    f = set()
    for i in range(0, min(width, len(left)) + 1):
        for j in range(0, min(width, len(right)) + 1):
            if i or j:
                f.add(left[len(left) - i:] + "_" + right[:j])
    return f


def matches(pattern, ctx):
    l, r = pattern.split("_", 1)
    return ctx[0].endswith(l) and ctx[1].startswith(r)


def greedy_cover(targets, others, min_support, width):
    """Patterns (up to `width` characters a side) matching no `others`
    context, chosen greedily to cover `targets`. Returns (patterns, uncovered)."""
    others = list(others)
    feats = {}
    for c in set(targets):
        fs = features(c, width)
        feats[c] = {f for f in fs if not any(matches(f, o) for o in others)} if len(others) < 4000 else fs - set().union(*(features(o, width) for o in others))
    chosen = []
    remaining = list(targets)
    while remaining:
        counts = collections.Counter()
        for c in remaining:
            for f in feats[c]:
                counts[f] += 1
        if not counts:
            break
        # Most covered first; then the shorter (more general) pattern.
        f, n = max(counts.items(), key=lambda kv: (kv[1], -len(kv[0]), kv[0]))
        if n < min_support:
            break
        chosen.append(f)
        remaining = [c for c in remaining if not matches(f, c)]
    return sorted(chosen), len(remaining)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", default="/work/shared/corpora")
    ap.add_argument("--binary", default=os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(CRATE, "..", "..", "target")), "release", "examples", "normalize_stdin"))
    ap.add_argument("--holdout", action="store_true")
    args = ap.parse_args()

    raw = []  # (taiwan, [mainland...], source)
    for k, vs in read_pairs("TWPhrasesRev.txt"):
        raw.append((k, vs, "opencc"))
    rev_keys = {k for k, _, _ in raw}
    for k, vs in read_pairs("TWPhrases.txt"):
        for v in vs:
            # The curated reverse file decides for the forms it has.
            if v not in rev_keys:
                raw.append((v, [k], "opencc-fwd"))
    forbidden = set()
    for line in open(os.path.join(DATA, "taiwan_vocab_candidates.tsv"), encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("#") or not line:
            continue
        if line.startswith("!"):
            forbidden.add(line[1:])
            continue
        k, v = line.split("\t")
        raw.append((k, [v], "readout"))
    flat = [t for k, vs, _ in raw for t in [k] + vs]
    simp = dict(zip(flat, simplify_all(args.binary, flat)))

    pairs = collections.OrderedDict()  # taiwan -> [mainland alternatives], first is the output
    for k, vs, src in raw:
        t = simp[k]
        ms = [simp[v] for v in vs]
        if t in pairs:
            pairs[t].extend(m for m in ms if m not in pairs[t])
        else:
            pairs[t] = ms

    paras = load_corpus(args.corpora, args.holdout)
    print("# Taiwan-vocabulary reversals: taiwan<TAB>mainland<TAB>default<TAB>patterns<TAB>mainland")
    print("# count (occurrences of the mainland form in the corpora, which a Taiwan-style")
    print("# conversion would turn into the Taiwan form).")
    print("# Generated by scripts/gen_taiwan_vocab.py%s from OpenCC's TWPhrasesRev.txt/" % (" --holdout" if args.holdout else ""))
    print("# TWPhrases.txt (Apache-2.0) and data/taiwan_vocab_candidates.tsv, with evidence from")
    print("# %d paragraphs of mainland corpora. Do not edit by hand." % len(paras))
    stats = collections.Counter()
    for t, ms in sorted(pairs.items()):
        # Of several mainland forms, output the one mainland text writes most.
        # (A pair listing the Taiwan form itself is a blocker: it stays one.)
        m = t if t in ms else max(ms, key=lambda alt: (len(occurrences(paras, alt)), -ms.index(alt)))
        if not t or any(c in "\t\n" for c in t + m):
            continue
        if t == m:
            print(f"{t}\t{m}\trev\t\t0")
            stats["blocker"] += 1
            continue
        if t in forbidden or m in ("",):
            stats["forbidden"] += 1
            continue
        keep = occurrences(paras, t)
        rev = [c for alt in ms if alt != t for c in occurrences(paras, alt)]
        if not keep:
            print(f"{t}\t{m}\trev\t\t{len(rev)}")
            stats["always"] += 1
            continue
        if len(keep) <= MAX_KEEP_SHARE * (len(keep) + len(rev)):
            # Protecting patterns may be specific: they only ever keep.
            pats, left = greedy_cover(keep, rev, 1, 3)
            if left == 0:
                print(f"{t}\t{m}\trev\t{' '.join(pats)}\t{len(rev)}")
                stats["rev-except"] += 1
                continue
        pats, _ = greedy_cover(rev, keep, MIN_SUPPORT, 2)
        if pats:
            print(f"{t}\t{m}\tkeep\t{' '.join(pats)}\t{len(rev)}")
            stats["keep-except"] += 1
        else:
            stats["dropped"] += 1
            print(f"# dropped {t} -> {m}: keep {len(keep)}, rev {len(rev)}", file=sys.stderr)
    print(f"# {dict(stats)}", file=sys.stderr)


if __name__ == "__main__":
    main()
