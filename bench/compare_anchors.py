#!/usr/bin/env python3
"""readout side by side with its PyPI anchors, from one run on the same inputs.

Called by bench/compare.sh (which builds the Rust side and installs the anchors); prints
one table: what was measured, readout's figure, the anchor's, and readout's ratio.

  normalization   readout-normalize (normalize_throughput example) vs OpenCC t2s, tw2sp
  segmentation    readout's Chinese search tokens and raw jieba-rs vs jieba (PyPI)
  MinHash         readout_align::link::Signature vs datasketch.MinHash (128 permutations)
  index, search   readout-search (index build MB/s; query latency p50/p99, one query at a
                  time, top 10) vs OpenCC t2s + jieba + tantivy-py (whitespace tokens,
                  phrase queries) on the same documents and queries
  ingest          `readout ingest` into a fresh store: MB/s and peak RSS (/usr/bin/time -v)
  alignment       readout_align::Aligner sentences/s (no PyPI anchor)

Inputs: the government work reports of ../shared/corpora (or the seed files of
testdata/seeds when the corpora are absent); the ingest reads the corpora (or seeds)
written one report per file, --copies times with a distinguishing last line; the
alignment reads ../shared/align-gold/pol in place (or seed 000's two versions).
"""

import argparse
import importlib.metadata as md
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def best(rounds, f):
    """Best wall time of `rounds` calls of f after one untimed warm-up call."""
    f()
    t = float("inf")
    for _ in range(max(rounds, 1)):
        t0 = time.perf_counter()
        f()
        t = min(t, time.perf_counter() - t0)
    return t


def run(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"{' '.join(map(str, cmd))} failed:\n{out.stderr}")
    return out.stdout


def fields(line):
    """`mode k=v k=v` -> {k: v}."""
    return dict(kv.split("=", 1) for kv in line.split()[1:])


def load_reports(corpora, seeds):
    gov = corpora / "government_work_reports.jsonl"
    if gov.exists():
        docs = [json.loads(l) for l in gov.read_text(encoding="utf-8").splitlines() if l.strip()]
        all_reports = []
        for f in sorted(corpora.glob("*.jsonl")):
            all_reports += [json.loads(l) for l in f.read_text(encoding="utf-8").splitlines() if l.strip()]
        return (
            "government work reports",
            [d["content"] for d in docs],
            [f"{d['title']}\n\n{d['content']}\n" for d in all_reports],
        )
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("0*.txt"))]
    return "seed files (no ../shared/corpora)", texts, texts


def align_inputs(gold, seeds, work):
    pol = gold / "pol"
    if (pol / "src").is_dir():
        name = sorted(p.name for p in (pol / "src").iterdir())[0]
        return "align-gold pol", pol / "src" / name, pol / "tgt" / name
    # Seed 000: the traditional report, then its abridged English version.
    text = next(seeds.glob("000_*.txt")).read_text(encoding="utf-8")
    at = text.find("The Political Bureau")
    zh, en = text[:at], text[at:]
    split = lambda s, pat: [x.strip() for x in re.split(pat, s) if x.strip()]
    (work / "zh.txt").write_text("\n".join(split(zh, r"(?<=[。！？])")), encoding="utf-8")
    (work / "en.txt").write_text("\n".join(split(en, r"(?<=[.!?])\s+")), encoding="utf-8")
    return "seed 000 (no align-gold)", work / "zh.txt", work / "en.txt"


def minhash_python(docs, k=5, perms=128):
    from datasketch import MinHash

    def sig(text):
        # The characters readout's Signature compares: letters and digits lowercased.
        chars = "".join(c.lower() for c in text if c.isalnum())
        m = MinHash(num_perm=perms)
        m.update_batch([chars[i : i + k].encode() for i in range(len(chars) - k + 1)])
        return m

    return lambda: [sig(d) for d in docs]


def sample_queries(docs, s2t, n=400, seed=0x5EA):
    """`n` phrases of 2 to 8 Han characters cut from the documents; every other one in
    traditional characters (readout finds either script; the anchor converts first)."""
    import random

    rng = random.Random(seed)
    paras = [p for d in docs for p in d.splitlines() if len(p) > 12]
    out = []
    while len(out) < n:
        p = paras[rng.randrange(len(paras))]
        k = 2 + rng.randrange(7)
        s = rng.randrange(len(p) - k)
        ph = p[s : s + k]
        if all("\u4e00" <= c <= "\u9fff" for c in ph):
            out.append(s2t.convert(ph) if len(out) % 2 else ph)
    return out


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round((len(xs) - 1) * p))]


def tantivy_anchor(docs, queries, work):
    """Index build MB/s and query latency (ms) of OpenCC t2s + jieba + tantivy-py."""
    import jieba
    import opencc
    import tantivy

    t2s = opencc.OpenCC("t2s")
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("zh", stored=False, tokenizer_name="ws", index_option="position")
    schema = sb.build()
    index = tantivy.Index(schema, path=str(work))
    index.register_tokenizer("ws", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
    bodies = [[p for p in d.splitlines() if p.strip()] for d in docs]
    nbytes = sum(len(p.encode()) + 1 for b in bodies for p in b)
    t0 = time.perf_counter()
    writer = index.writer(heap_size=96_000_000, num_threads=2)
    for body in bodies:
        seg = [" ".join(w for w in jieba.cut(t2s.convert(p), HMM=False) if w.strip()) for p in body]
        writer.add_document(tantivy.Document(zh=seg))
    writer.commit()
    writer.wait_merging_threads()
    build = time.perf_counter() - t0
    index.reload()
    searcher = index.searcher()

    def one(q):
        words = [w for w in jieba.cut(t2s.convert(q), HMM=False) if w.strip()]
        query = (tantivy.Query.term_query(schema, "zh", words[0]) if len(words) == 1
                 else tantivy.Query.phrase_query(schema, "zh", words))
        return searcher.search(query, limit=10, count=True).count

    for q in queries:  # untimed pass, as on the readout side
        one(q)
    ms = []
    for q in queries:
        t = time.perf_counter()
        one(q)
        ms.append((time.perf_counter() - t) * 1e3)
    return nbytes / build / 1e6, pct(ms, 0.5), pct(ms, 0.99)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--normalize-bin", required=True)
    ap.add_argument("--anchors-bin", required=True)
    ap.add_argument("--readout-bin", required=True)
    ap.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    ap.add_argument("--align-gold", default=str(ROOT.parent / "shared" / "align-gold"))
    ap.add_argument("--copies", type=int, default=3, help="copies of the corpora to ingest")
    ap.add_argument("--rounds", type=int, default=3, help="timed rounds (best is kept)")
    args = ap.parse_args()

    import jieba
    import opencc

    jieba.setLogLevel(60)
    seeds = ROOT / "testdata" / "seeds"
    rows = []  # (what, unit, readout, anchor name, anchor value)

    with tempfile.TemporaryDirectory(prefix="readout-compare-") as tmp:
        work = Path(tmp)
        label, docs, files = load_reports(Path(args.corpora), seeds)
        hans = "\n".join(docs)
        size = len(hans.encode())
        print(f"input: {label}: {len(docs)} documents, {size / 1e6:.2f} MB", file=sys.stderr)
        hant = opencc.OpenCC("s2t").convert(hans)
        tw = opencc.OpenCC("s2twp").convert(hans)
        for name, text in [("hans", hans), ("hant", hant), ("tw", tw)]:
            (work / f"{name}.txt").write_text(text, encoding="utf-8")
        (work / "docs.nul").write_text("\0".join(docs), encoding="utf-8")

        # Normalization: MB/s of the input text.
        def rd_norm(name, mode):
            out = run([args.normalize_bin, work / f"{name}.txt", mode, str(max(args.rounds, 3))])
            return float(out.split()[1])

        def cc(config, name):
            conv = opencc.OpenCC(config)
            text = (work / f"{name}.txt").read_text(encoding="utf-8")
            n = len(text.encode())
            return n / best(args.rounds, lambda: conv.convert(text)) / 1e6

        t2s_hant, t2s_hans, tw2sp_tw = cc("t2s", "hant"), cc("t2s", "hans"), cc("tw2sp", "tw")
        rows += [
            ("normalize: traditional (s2t) -> simplified, character layer as t2s", "MB/s",
             rd_norm("hant", "chars-opencc"), "OpenCC t2s", t2s_hant),
            ("normalize: traditional (s2t), character layer, every variant", "MB/s",
             rd_norm("hant", "chars"), "OpenCC t2s", t2s_hant),
            ("normalize: Taiwan-converted (s2twp), full normalize", "MB/s",
             rd_norm("tw", "normalize"), "OpenCC tw2sp", tw2sp_tw),
            ("normalize: mainland simplified, full normalize", "MB/s",
             rd_norm("hans", "normalize"), "OpenCC t2s", t2s_hans),
        ]

        # Segmentation: MB/s over the same documents, one call per document.
        seg = {l.split()[0]: fields(l) for l in run([args.anchors_bin, "segment", work / "docs.nul", str(args.rounds)]).splitlines()}
        jb_plain = size / best(args.rounds, lambda: [jieba.lcut(d, HMM=False) for d in docs]) / 1e6
        jb_hmm = size / best(args.rounds, lambda: [jieba.lcut(d) for d in docs]) / 1e6
        rows += [
            ("segment: readout search tokens (normalize + jieba-rs + formulations)", "MB/s",
             float(seg["segment-readout"]["mb_per_s"]), "jieba lcut HMM=False", jb_plain),
            ("segment: jieba-rs cut, no HMM (the segmenter readout uses)", "MB/s",
             float(seg["segment-jieba-rs"]["mb_per_s"]), "jieba lcut HMM=False", jb_plain),
            ("segment: jieba-rs cut with HMM", "MB/s",
             float(seg["segment-jieba-rs-hmm"]["mb_per_s"]), "jieba lcut (HMM)", jb_hmm),
        ]

        # Index build and search latency, same documents and queries on both sides.
        queries = sample_queries(docs, opencc.OpenCC("s2t"))
        (work / "queries.txt").write_text("\n".join(queries) + "\n", encoding="utf-8")
        ix = fields(run([args.anchors_bin, "index", work / "docs.nul", work / "queries.txt", work / "rd-index"]).strip())
        try:
            (work / "tv-index").mkdir()
            tv = tantivy_anchor(docs, queries, work / "tv-index")
        except ImportError:
            tv = (None, None, None)
        anchor = "OpenCC+jieba+tantivy-py" if tv[0] is not None else None
        rows += [
            (f"index build: {ix['docs']} documents, paragraph text, committed and merged", "MB/s",
             float(ix["mb_per_s"]), anchor, tv[0]),
            (f"search latency p50: {len(queries)} phrases (half traditional), top 10", "ms",
             float(ix["p50_ms"]), anchor, tv[1]),
            ("search latency p99: same queries", "ms", float(ix["p99_ms"]), anchor, tv[2]),
        ]

        # MinHash signatures: documents/s, 5-character shingles, 128 hashes.
        mh = fields(run([args.anchors_bin, "minhash", work / "docs.nul", str(args.rounds)]).strip())
        ds = len(docs) / best(args.rounds, minhash_python(docs))
        rows.append(("MinHash signatures, 5-char shingles, 128 hashes", "docs/s",
                     float(mh["docs_per_s"]), "datasketch MinHash", ds))

        # Ingest into a fresh store, peak RSS from /usr/bin/time -v.
        src = work / "in"
        src.mkdir()
        total = 0
        for c in range(args.copies):
            for i, text in enumerate(files):
                data = (text + f"（{c}）\n").encode("utf-8")
                (src / f"{c:02}-{i:04}.txt").write_bytes(data)
                total += len(data)
        cmd = ["/usr/bin/time", "-v", args.readout_bin, "--data", str(work / "data"), "ingest", "--json", str(src)]
        t0 = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True)
        secs = time.perf_counter() - t0
        if out.returncode not in (0, 1):
            sys.exit(f"ingest failed:\n{out.stderr}")
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", out.stderr).group(1))
        nfiles = args.copies * len(files)
        rows.append((f"ingest: {nfiles} files, {total / 1e6:.1f} MB, fresh store, whole command", "MB/s",
                     total / secs / 1e6, None, None))
        rows.append(("ingest: peak RSS", "MiB", rss / 1024, None, None))

        # Alignment: sentences (both sides) per second.
        alabel, zh, en = align_inputs(Path(args.align_gold), seeds, work)
        al = fields(run([args.anchors_bin, "align", zh, en, str(args.rounds)]).strip())
        rows.append((f"align: {alabel}, {al['zh']} zh + {al['en']} en sentences", "sents/s",
                     float(al["sents_per_s"]), None, None))

    versions = ", ".join(f"{p} {md.version(p)}" for p in ["opencc", "jieba", "datasketch", "tantivy"]
                         if _installed(p))
    print(f"\nreadout vs PyPI anchors ({versions}; input: {label}, {size / 1e6:.2f} MB; best of {args.rounds})")
    w = max(len(r[0]) for r in rows)
    print("(ratio: how many times faster readout is; for latencies, anchor / readout)")
    print(f"{'what':<{w}}  {'unit':<7} {'readout':>9}  {'anchor':<23} {'anchor':>9}  {'ratio':>6}")
    for what, unit, mine, name, theirs in rows:
        digits = 2 if unit == "ms" else 1
        if name is None:
            print(f"{what:<{w}}  {unit:<7} {mine:>9.{digits}f}  {'-':<23} {'-':>9}  {'-':>6}")
        else:
            ratio = theirs / mine if unit == "ms" else mine / theirs
            print(f"{what:<{w}}  {unit:<7} {mine:>9.{digits}f}  {name:<23} {theirs:>9.{digits}f}  {ratio:>5.2f}x")


def _installed(name):
    try:
        md.version(name)
        return True
    except md.PackageNotFoundError:
        return False


if __name__ == "__main__":
    main()
