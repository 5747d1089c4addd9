#!/usr/bin/env python3
"""Generate data/mainland_variant_blockers.txt: words in which a character
that the Taiwan/Hong Kong variant step converts keeps its own reading in
mainland writing, so that the step must leave it alone.

The character layer reads Taiwan-style forms: Taiwan writes 著 for both
zhù (著作) and zhe/zháo (mainland 着), so the variant step turns 著 into 着
except inside the words OpenCC lists (著作, 顯著, 名著, ...). Traditional
text written from mainland text keeps 著 in words OpenCC does not list
(卓著, 見微知著), and the step would spoil them.

Characters considered: those of data/mainland_shared_chars.txt (converted by
the layer, written by mainland text) that a single-character variant entry
converts, X -> Y, where Y simplifies to M != X.

Evidence: the mainland corpora (*.jsonl, field content; paragraphs in
simplified script). Each occurrence of X is explained when X forms a known
word with a neighbour: an OpenCC variant phrase that keeps X, or a word
already learned. For an unexplained occurrence the candidates are the
two-character words aX and Xb with a CJK neighbour; a candidate is dropped
when mainland text ever writes it with M instead (then Taiwan text writing
it with X may mean M). The candidate with the most unexplained occurrences
(at least MIN_COUNT) is learned, and the occurrences it explains are set
aside, until no candidate is left: so 什么 is learned before the 么是 of
什么是, which it explains.

Output: one word per line in traditional script (every traditional form of
the neighbour, from STCharacters.txt), tab, the same word (a blocker).

Usage, from the crate directory:
    python3 scripts/gen_variant_blockers.py [--holdout] > data/mainland_variant_blockers.txt
--holdout leaves the 1978-2025 government work reports out of the evidence,
so that bench/normalize_eval.py can measure on text the list never saw.
"""
import argparse
import collections
import glob
import json
import os

MIN_COUNT = 1
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")


def load(name):
    d = {}
    for line in open(os.path.join(DATA, name), encoding="utf-8"):
        if line.startswith("#") or "\t" not in line:
            continue
        k, v = line.rstrip("\n").split("\t", 1)
        d.setdefault(k, [x for x in v.split(" ") if x])
    return d


def is_cjk(c):
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or c >= "\U00020000"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", default="/work/shared/corpora")
    ap.add_argument("--holdout", action="store_true")
    args = ap.parse_args()

    ts = {}
    for f in ["TSCharactersExt.txt", "TSCharacters.txt"]:
        for k, vs in load(f).items():
            ts.setdefault(k, vs[0])
    variants = {}
    for f in ["TWVariantsRev.txt", "HKVariantsRev.txt"]:
        for k, vs in load(f).items():
            variants.setdefault(k, vs[0])
    st = load("STCharacters.txt")
    simp_only = {k for k, vs in st.items() if len(k) == 1 and k not in vs}
    trad_side = {v for vs in st.values() for v in vs} - set(st)

    shared = [l.split("\t")[0] for l in open(os.path.join(DATA, "mainland_shared_chars.txt"), encoding="utf-8")
              if not l.startswith("#") and l.strip()]
    targets = {}  # X -> M, the mainland form of what the variant step makes of X
    for x in shared:
        y = variants.get(x)
        if y and y != x:
            m = "".join(ts.get(c, c) for c in y)
            if m != x:
                targets[x] = m

    known = set()
    for f in ["TWVariantsRevPhrases.txt", "HKVariantsRevPhrases.txt"]:
        for k, vs in load(f).items():
            for x in targets:
                if x in k and x in vs[0]:
                    known.add("".join(ts.get(c, c) for c in k))

    paras = []
    for path in sorted(glob.glob(os.path.join(args.corpora, "*.jsonl"))):
        for line in open(path, encoding="utf-8"):
            rec = json.loads(line)
            if args.holdout and "government_work_reports" in path and int(rec.get("year") or 0) >= 1978:
                continue
            for p in rec.get("content", "").split("\n"):
                if sum(c in simp_only for c in p) > sum(c in trad_side for c in p):
                    paras.append(p)
    text = "\n".join(paras)

    learned = {}  # word -> its character X
    for x, m in targets.items():
        occ = [i for i, c in enumerate(text) if c == x]
        words = set(known)
        while True:
            counts = collections.Counter()
            for i in occ:
                left = text[i - 1:i + 1] if i > 0 else ""
                right = text[i:i + 2]
                if left in words or right in words:
                    continue
                for w in (left, right):
                    if len(w) == 2 and all(is_cjk(c) for c in w) and w.replace(x, m) not in text:
                        counts[w] += 1
            best = max(counts.items(), key=lambda kv: (kv[1], kv[0]), default=None)
            if best is None or best[1] < MIN_COUNT:
                break
            words.add(best[0])
        for w in sorted(words - known):
            learned[w] = x

    print("# Words in which a character the variant step converts keeps its mainland")
    print("# reading (traditional forms; each a blocker: key and value are the same).")
    print("# Generated by scripts/gen_variant_blockers.py%s from the mainland corpora;" % (" --holdout" if args.holdout else ""))
    print("# do not edit by hand.")
    out = set()
    for w, x in learned.items():
        forms = [[c] if c == x else sorted(set([c] + st.get(c, []))) for c in w]
        for a in forms[0]:
            for b in forms[1]:
                out.add(a + b)
    for w in sorted(out):
        print(f"{w}\t{w}")


if __name__ == "__main__":
    main()
