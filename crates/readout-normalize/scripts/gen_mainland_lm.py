#!/usr/bin/env python3
"""Generate the data that reverses Taiwan-style vocabulary by context:

* data/taiwan_sites.tsv: the Taiwan-phrase sites and their candidates. A
  site is a form t that OpenCC's s2twp writes for some mainland form m (its
  TWPhrases.txt applied by s2twp itself to each mainland form alone), both in
  simplified script as readout's character layer gives them; plus readout's
  own candidate pairs (data/taiwan_vocab_candidates.tsv: Taiwan-style forms
  other converters write, such as 高品質 for 高质量) and the Taiwan forms of
  OpenCC's TWPhrasesRev.txt that mainland text never writes. The candidates
  of t are its mainland sources and, when mainland text writes t itself in a
  way s2twp leaves alone, t. Each candidate carries a count: how often
  mainland text, converted with s2twp, shows t for it (the training text is
  converted and each site traced back to what it was written from) and how
  often mainland text writes it (for the context model), and whether it is
  OpenCC's own choice (the first value of TWPhrasesRev.txt). Line:
  `t<TAB>seen<TAB>m1 n1 o1 r1<TAB>m2 n2 o2 r2...`, `seen` counting t as a
  site of mainland text as it is (0: a marker of Taiwan-style conversion;
  程式 occurs in mainland text only inside 方程式, a site of its own). A word OpenCC keeps as it is (its blockers,
  方程式) is a candidate for itself; one that holds a shorter site is a site
  of its own with that one candidate, so that the site inside it is not
  taken. Then, one a line with its
  count, the mainland forms s2twp always converts (`m<TAB>seen`): written in
  traditional text, they show the text was not converted in Taiwan style.

* data/mainland_lm.bin: a character 5-gram model of mainland text,
  interpolated Kneser-Ney, stored in backoff form and pruned to what the
  normalizer asks it: the n-grams that end within a candidate form or in the
  four characters after it and overlap the form (bigrams there whatever they
  overlap), where mainland text writes one, with their contexts; and every
  unigram. Then a context model for the sites with more than one candidate:
  for each candidate form, how many of its occurrences in mainland text have
  each character bigram within WINDOW characters before or after them.
  Layout (little-endian): b"RDLM", u32 version (2), u32 order, u32 window,
  u32 n-gram slots, u32 context slots, i32 unknown-character log-probability
  (times SCALE); then the n-gram slots, 6 bytes each (a 48-bit word: bits
  0-19 fingerprint, 20-33 -log p, 34-47 -log backoff, natural logarithms
  times SCALE), then the context slots, 4 bytes each (bits 0-23 fingerprint,
  24-31 the count as round(16 ln(1 + count))). Both are open-addressing
  tables with linear probing; fingerprint 0 is an empty slot. A key is a
  64-bit hash of its code points (`key_hash`, the same function as
  `src/lm.rs`): an n-gram's own, a context entry's the form's, code point 1,
  then the bigram. Its slot is the high half of the hash times the number of
  slots, its fingerprint the low bits (0 taken as 1). Paragraph start and end
  are the code points 2 and 3.

Training text: mainland simplified text of ../shared/corpora, the 新闻联播
day files up to --last (default 20230630; later days are held out for
bench/normalize_news_eval.py) and the work and congress reports. The texts
belong to their publishers; only counts derived from them are written.

Needs the PyPI package `opencc` (1.4.2) and readout's character layer, the
release example `normalize_stdin`. Deterministic: the same inputs give the
same files. Usage, from the repository root:
    cargo build --release -p readout-normalize --example normalize_stdin
    python3 crates/readout-normalize/scripts/gen_mainland_lm.py [--corpora DIR]
It takes a few minutes and about 4 GB of memory.
"""
import argparse
import bisect
import collections
import difflib
import json
import os
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CRATE = os.path.dirname(HERE)
DATA = os.path.join(CRATE, "data")
sys.path.insert(0, HERE)
from mainland_text import report_paragraphs, xwlb_items  # noqa: E402

ORDER = 5
WINDOW = 10
BOS, EOS = "\x02", "\x03"
SCALE = 500.0
LOAD = 0.8
MASK = (1 << 64) - 1


def key_hash(s):
    """64-bit hash of a string's code points (src/lm.rs computes the same)."""
    h = (0x243F6A8885A308D3 ^ len(s)) & MASK
    for c in s:
        h = ((h ^ ord(c)) * 0x9E3779B97F4A7C15) & MASK
        h ^= h >> 29
    h ^= h >> 32
    h = (h * 0xD6E8FEB86659FD93) & MASK
    h ^= h >> 32
    return h


def read_pairs(name):
    for line in open(os.path.join(DATA, name), encoding="utf-8"):
        if line.startswith("#") or "\t" not in line:
            continue
        k, v = line.rstrip("\n").split("\t", 1)
        yield k, [x for x in v.split(" ") if x]


def chars(binary, texts):
    """readout's character layer (chars_only) on each text."""
    data = "".join(json.dumps(t, ensure_ascii=False) + "\n" for t in texts)
    out = subprocess.run([binary, "chars"], input=data.encode(), capture_output=True, check=True).stdout
    res = [json.loads(line) for line in out.decode().splitlines()]
    assert len(res) == len(texts)
    return res


class Scanner:
    """Longest match of site keys, left to right (as src/taiwan.rs scans)."""

    def __init__(self, keys):
        self.keys = set(keys)
        self.maxlen = max(map(len, self.keys))

    def sites(self, s):
        i = 0
        while i < len(s):
            for k in range(min(self.maxlen, len(s) - i), 0, -1):
                if s[i:i + k] in self.keys:
                    yield i, i + k
                    i += k
                    break
            else:
                i += 1


def source_span(ops, starts, a, b):
    """Where q[a:b] came from in the original: the start, and possible ends
    (text the conversion dropped right after the site may belong to it)."""
    k = bisect.bisect_right(starts, a) - 1
    while k > 0 and ops[k - 1][1] == ops[k - 1][2] == a:
        k -= 1
    start, ends = None, []
    for op, i1, i2, j1, j2 in ops[k:]:
        if i1 > b:
            break
        if i1 <= a < i2 or i1 == i2 == a:
            s = j1 + (a - i1) if op == "equal" else j1
            start = s if start is None else min(start, s)
        if i1 < b <= i2:
            ends = [j1 + (b - i1) if op == "equal" else j2]
        elif i1 == i2 == b and ends:
            ends.append(j2)
    return start, ends


def site_table(binary, opencc, paras):
    s2twp = opencc.OpenCC("s2twp")
    t2s = opencc.OpenCC("t2s")
    sources = collections.defaultdict(set)
    tw = list(read_pairs("TWPhrases.txt"))
    mainland = [t2s.convert(m) for m, _ in tw]
    written = chars(binary, [s2twp.convert(m) for m in mainland])
    # Words OpenCC keeps as they are (its blockers: 方程式, 软体动物).
    kept = set()
    for m, t in zip(mainland, written):
        if t != m:
            sources[t].add(m)
        else:
            kept.add(m)
    for line in open(os.path.join(DATA, "taiwan_vocab_candidates.tsv"), encoding="utf-8"):
        line = line.rstrip("\n")
        if line and not line.startswith("#") and "\t" in line:
            t, m = line.split("\t")
            if t != m:
                sources[t].add(m)
    # A key that s2twp writes back as itself may be written for itself.
    keys = sorted(sources)
    itself = {k for k, back in zip(keys, chars(binary, [s2twp.convert(k) for k in keys])) if back == k}
    blockers = set()
    text = "\n".join(paras)
    # Taiwan forms of the reverse dictionary that mainland text never writes.
    rev = list(read_pairs("TWPhrasesRev.txt"))
    rev_t = chars(binary, [t for t, _ in rev])
    rev_m = chars(binary, [ms[0] for _, ms in rev])
    for t, m in zip(rev_t, rev_m):
        if t != m and t not in sources and t not in text:
            sources[t].add(m)
    # OpenCC's choice for each Taiwan form (the first value of its reverse
    # dictionary), the form itself included: a weak prior where mainland
    # text shows nothing.
    # Where the reverse dictionary has no entry, OpenCC keeps the form.
    preferred = {t: m for t, m in zip(rev_t, rev_m)}
    # A word OpenCC keeps is written for itself (mainland writes 调色盘,
    # though the corpora may not show it); and one that holds a site is a
    # site of its own, kept, so the site inside it is not taken (方程式).
    for m in sorted(kept):
        if m in sources:
            itself.add(m)
            blockers.add(m)
        elif any(k in m for k in sources if len(k) < len(m)):
            sources[m] = set()
            itself.add(m)
            blockers.add(m)

    # Mainland text through s2twp and the character layer: each site traced
    # back to what it was written from.
    scan = Scanner(sources)
    converted = chars(binary, [s2twp.convert(p) for p in paras])
    counts = collections.defaultdict(collections.Counter)
    for p, q in zip(paras, converted):
        ops = starts = None
        for a, b in scan.sites(q):
            t = q[a:b]
            if p == q:
                counts[t][t] += 1
                continue
            if ops is None:
                ops = difflib.SequenceMatcher(None, q, p, autojunk=False).get_opcodes()
                starts = [o[1] for o in ops]
            start, ends = source_span(ops, starts, a, b)
            if start is None:
                continue
            ok = {t} | sources[t] if t in itself else sources[t]
            src = [p[start:e] for e in ends if p[start:e] in ok]
            if not src:
                src = [m for m in ok if p.startswith(m, start)]
            if src:
                counts[t][max(src, key=lambda m: (len(m), m))] += 1
    # How often each site occurs in mainland text as it is (scanned as the
    # normalizer scans): 0 for a form mainland text never writes, or only
    # inside a longer word that is a site of its own (程式 in 方程式).
    seen = collections.Counter()
    for p in paras:
        for a, b in scan.sites(p):
            seen[p[a:b]] += 1
    table = {}
    for t in sorted(sources):
        cands = {m: counts[t][m] for m in sources[t]}
        if t in itself and (counts[t][t] > 0 or t in blockers):
            cands[t] = counts[t][t]
        ranked = sorted(cands.items(), key=lambda mc: (-mc[1], mc[0]))
        table[t] = (seen[t], [(m, n, int(preferred.get(t, t) == m)) for m, n in ranked])
    # Mainland forms that s2twp always converts: written in traditional
    # text, they show it was not converted in Taiwan style.
    converted_text = "\n".join(converted)
    away = []
    for m in sorted(set(mainland)):
        if m not in table and m in text and m not in converted_text:
            away.append((m, text.count(m)))
    return table, away


def count_ngrams(paras):
    cnt = [None] + [collections.Counter() for _ in range(ORDER)]
    for p in paras:
        s = BOS + p + EOS
        n_s = len(s)
        for n in range(1, ORDER + 1):
            c = cnt[n]
            for i in range(n_s - n + 1):
                c[s[i:i + n]] += 1
    return cnt


def relevant(paras, forms):
    """The n-grams the normalizer may ask for: those ending within a
    candidate form or in the ORDER-1 characters after it, where mainland
    text writes one, that overlap the form (or are bigrams); with their
    prefixes (the contexts)."""
    maxlen = max(map(len, forms))
    keep = set()
    for p in paras:
        s = BOS + p + EOS
        n_s = len(s)
        # For each end position, the earliest start an n-gram ending there
        # may have and still be asked for.
        reach = [-1] * n_s
        for i in range(1, n_s - 1):
            for k in range(min(maxlen, n_s - 1 - i), 0, -1):
                if s[i:i + k] in forms:
                    for j in range(i, min(i + k + ORDER - 1, n_s)):
                        reach[j] = max(reach[j], min(j, i + k - 1))
        for j in range(n_s):
            if reach[j] >= 0:
                for a in range(max(0, j - ORDER + 1), j):
                    if a <= reach[j] or j - a < 2:
                        keep.add(s[a:j + 1])
    closed = set(keep)
    for g in keep:
        for n in range(2, len(g)):
            closed.add(g[:n])
    return closed


def kneser_ney(cnt, keep):
    """Interpolated Kneser-Ney in backoff form for the n-grams in `keep` and
    every unigram: {ngram: (log p, log backoff)} and the unknown log p."""
    import math

    followers = [None] + [collections.Counter() for _ in range(ORDER)]
    cont = [None] + [collections.Counter() for _ in range(ORDER)]
    for n in range(2, ORDER + 1):
        f, c = followers[n - 1], cont[n - 1]
        for g in cnt[n]:
            f[g[:-1]] += 1
            c[g[1:]] += 1
    cont_ctx = [None] + [collections.Counter() for _ in range(ORDER)]
    for n in range(2, ORDER + 1):
        cc = cont_ctx[n - 1]
        for g, v in cont[n].items():
            cc[g[:-1]] += v
    disc = {}
    for n in range(2, ORDER + 1):
        for kind, src in (("raw", cnt[n]), ("cont", cont[n])):
            hist = collections.Counter(v for v in src.values() if v <= 2)
            n1, n2 = hist[1], hist[2]
            disc[(n, kind)] = n1 / (n1 + 2 * n2) if n1 + n2 else 0.75
    vocab = len(cnt[1]) + 1000
    total1 = sum(cont[1].values())

    def raw(h):
        # Top order, and histories from a paragraph start (nothing precedes
        # them, so they have no continuation counts): raw counts.
        return len(h) == ORDER - 1 or h.startswith(BOS)

    memo = {}

    def prob(h, w):
        key = h + "\x00" + w
        r = memo.get(key)
        if r is not None:
            return r
        if not h:
            r = (cont[1].get(w, 0) + 0.5) / (total1 + 0.5 * vocab)
        else:
            n = len(h) + 1
            if raw(h):
                ctx, num, d = cnt[n - 1].get(h, 0), cnt[n].get(h + w, 0), disc[(n, "raw")]
            else:
                ctx, num, d = cont_ctx[n - 1].get(h, 0), cont[n].get(h + w, 0), disc[(n, "cont")]
            lower = prob(h[1:], w)
            if ctx == 0:
                r = lower
            else:
                r = (max(num - d, 0) + d * followers[n - 1][h] * lower) / ctx
        memo[key] = r
        return r

    def backoff(h):
        n = len(h) + 1
        if n > ORDER:
            return 1.0
        if raw(h):
            ctx, d = cnt[n - 1].get(h, 0), disc[(n, "raw")]
        else:
            ctx, d = cont_ctx[n - 1].get(h, 0), disc[(n, "cont")]
        return d * followers[n - 1][h] / ctx if ctx and followers[n - 1][h] else 1.0

    model = {}
    for g in sorted(set(cnt[1]) | keep):
        if g == BOS:
            model[g] = (-99.0, math.log(backoff(g)))
            continue
        model[g] = (math.log(prob(g[:-1], g[-1])), math.log(backoff(g)))
    unknown = math.log(0.5 / (total1 + 0.5 * vocab))
    return model, unknown


def context_counts(paras, forms):
    """For each form, in how many of its occurrences each character bigram
    occurs within WINDOW characters before or after it; and the number of
    occurrences."""
    maxlen = max(map(len, forms))
    pairs, occ = collections.Counter(), collections.Counter()
    for p in paras:
        for i in range(len(p)):
            for k in range(1, min(maxlen, len(p) - i) + 1):
                m = p[i:i + k]
                if m in forms:
                    occ[m] += 1
                    left, right = p[max(0, i - WINDOW):i], p[i + k:i + k + WINDOW]
                    bigrams = {left[j:j + 2] for j in range(len(left) - 1)}
                    bigrams |= {right[j:j + 2] for j in range(len(right) - 1)}
                    for b in bigrams:
                        pairs[m + "\x01" + b] += 1
    return pairs, occ


def open_addressing(entries, fp_bits):
    """Slots for (key, value) pairs: [(fingerprint, value) or None]."""
    slots = int(len(entries) / LOAD) + 1
    table = [None] * slots
    placed = []
    for key, value in sorted(entries.items()):
        h = key_hash(key)
        i = (h * slots) >> 64
        fp = (h & ((1 << fp_bits) - 1)) or 1
        while table[i] is not None:
            i = (i + 1) % slots
        table[i] = (fp, value)
        placed.append(((h * slots) >> 64, fp, i))
    # Every key is found where it was put: no key with its fingerprint sits
    # earlier in its probe run (checked, not assumed).
    for home, fp, at in placed:
        i = home
        while table[i][0] != fp:
            i = (i + 1) % slots
        assert i == at, "fingerprint clash; change the hash"
    return table


def mag(x, bits):
    """-x times SCALE, rounded, in 0..2^bits-1."""
    return max(0, min((1 << bits) - 1, int(round(-x * SCALE))))


def write_model(path, model, unknown, pairs):
    import math

    grams = open_addressing(model, 20)
    ctx = open_addressing({k: min(255, int(round(16 * math.log1p(v)))) for k, v in pairs.items()}, 24)
    with open(path, "wb") as f:
        f.write(b"RDLM" + struct.pack("<IIIIIi", 2, ORDER, WINDOW, len(grams), len(ctx), -mag(unknown, 31)))
        for e in grams:
            word = 0 if e is None else e[0] | mag(e[1][0], 14) << 20 | mag(e[1][1], 14) << 34
            f.write(word.to_bytes(6, "little"))
        for e in ctx:
            f.write(struct.pack("<I", 0 if e is None else e[0] | e[1] << 24))
    return len(grams), len(ctx)


def main():
    ap = argparse.ArgumentParser()
    root = os.path.dirname(os.path.dirname(CRATE))
    ap.add_argument("--corpora", default=os.path.join(root, "..", "shared", "corpora"))
    ap.add_argument("--last", default="20230630", help="last 新闻联播 day of the training text")
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(root, "target"))
    ap.add_argument("--binary", default=os.path.join(target, "release", "examples", "normalize_stdin"))
    ap.add_argument("--out", default=DATA)
    args = ap.parse_args()
    import opencc

    items = xwlb_items(os.path.join(args.corpora, "xwlb", "days"), "00000000", args.last)
    paras = [p for _, _, ps in items for p in ps] + report_paragraphs(args.corpora, DATA)
    print(f"training text: {len(paras)} paragraphs, {sum(map(len, paras))} characters", file=sys.stderr)

    table, away = site_table(args.binary, opencc, paras)
    print(f"sites: {len(table)}; forms converted away: {len(away)}", file=sys.stderr)
    # The context model serves the sites with a choice.
    choices = {m for _, cands in table.values() if len(cands) > 1 for m, _, _ in cands}
    pairs, occ = context_counts(paras, choices)
    with open(os.path.join(args.out, "taiwan_sites.tsv"), "w", encoding="utf-8") as f:
        f.write("# Taiwan-phrase sites and their mainland candidates, one site a line:\n")
        f.write("# t<TAB>seen<TAB>m count occurrences preferred<TAB>... (see scripts/gen_mainland_lm.py);\n")
        f.write("# then the mainland forms s2twp always converts: m<TAB>seen.\n")
        f.write("# Generated by scripts/gen_mainland_lm.py from OpenCC's TWPhrases.txt and\n")
        f.write("# TWPhrasesRev.txt (Apache-2.0), data/taiwan_vocab_candidates.tsv and counts of\n")
        f.write(f"# mainland text (新闻联播 to {args.last}, work and congress reports). Do not edit.\n")
        for t, (seen, cands) in table.items():
            f.write(f"{t}\t{seen}" + "".join(f"\t{m} {n} {occ[m]} {r}" for m, n, r in cands) + "\n")
        for m, seen in away:
            f.write(f"{m}\t{seen}\n")

    forms = {m for _, cands in table.values() for m, _, _ in cands}
    cnt = count_ngrams(paras)
    keep = relevant(paras, forms)
    print(f"n-grams: {[len(c) for c in cnt[1:]]}; kept: {len(keep)}", file=sys.stderr)
    model, unknown = kneser_ney(cnt, keep)
    del cnt
    slots = write_model(os.path.join(args.out, "mainland_lm.bin"), model, unknown, pairs)
    print(f"model: {len(model)} n-grams in {slots[0]} slots, {len(pairs)} context counts in {slots[1]}", file=sys.stderr)


if __name__ == "__main__":
    main()
