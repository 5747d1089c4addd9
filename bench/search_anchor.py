#!/usr/bin/env python3
"""Anchor for bench/search.sh: the same generated corpus indexed the way a
Python stack would, with PyPI tools side by side with readout-search:

  OpenCC t2s (traditional -> simplified, characters only; no offset map),
  jieba 0.42 segmentation (Python), tantivy-py 0.27 with a whitespace
  tokenizer over the segmented text; queries converted and segmented the
  same way and run as phrase queries, top 10 with a total count.

It does less than readout-search (no Taiwan vocabulary, no bigram fallback,
no highlights in the original script, no facets), so its figures are a
floor for the work, not a like-for-like rival.

Usage: python3 bench/search_anchor.py [paragraphs] [queries] [query-file]
(query-file: the phrases search_bench wrote; those with operators are skipped)
Needs: pip install tantivy==0.27.0 jieba==0.42.1 opencc
"""
import logging
import os
import random
import sys
import tempfile
import time

import jieba
import opencc
import tantivy

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "crates", "readout-search", "testdata")


def load(name):
    with open(os.path.join(DATA, "gov_reports.%s.tsv" % name), encoding="utf-8") as f:
        return [l.rstrip("\n").split("\t", 1)[-1] for l in f]


def vary(p, k):
    parts = p.split("。")
    sentences = [s + "。" for s in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    n = len(sentences)
    return "".join(sentences[(i + k) % n] for i in range(n)) if n else p


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round((len(xs) - 1) * p))]


def main():
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    n_queries = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    t2s = opencc.OpenCC("t2s.json")
    versions = [load("hans"), load("hant"), load("tw")]

    docs, paragraphs, nbytes, copy = [], 0, 0, 0
    while paragraphs < target:
        for paras in versions:
            for c in range(0, len(paras), 10):
                body = [vary(p, copy) for p in paras[c : c + 10]]
                paragraphs += len(body)
                nbytes += sum(len(p.encode()) + 1 for p in body)
                docs.append(body)
        copy += 1

    sb = tantivy.SchemaBuilder()
    sb.add_text_field("zh", stored=False, tokenizer_name="ws", index_option="position")
    schema = sb.build()
    tmp = tempfile.mkdtemp()
    index = tantivy.Index(schema, path=tmp)
    index.register_tokenizer("ws", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())

    t = time.perf_counter()
    cpu = time.process_time()
    writer = index.writer(heap_size=96_000_000, num_threads=2)
    for body in docs:
        seg = [" ".join(w for w in jieba.cut(t2s.convert(p), HMM=False) if w.strip()) for p in body]
        writer.add_document(tantivy.Document(zh=seg))
    writer.commit()
    build = time.perf_counter() - t
    build_cpu = time.process_time() - cpu
    writer.wait_merging_threads()
    index.reload()
    print("anchor (OpenCC t2s + jieba + tantivy-py): %d documents, %d paragraphs, %.1f MB" % (len(docs), paragraphs, nbytes / 1e6))
    print("  build: %.1f s (%.2f MB/s wall, %.2f MB per CPU-second of the process)" % (build, nbytes / 1e6 / build, nbytes / 1e6 / build_cpu))

    rng = random.Random(0xBE7C11)
    queries = []
    if len(sys.argv) > 3:
        with open(sys.argv[3], encoding="utf-8") as f:
            queries = [l.strip() for l in f if l.strip() and " " not in l.strip()]
    while len(queries) < n_queries and len(sys.argv) <= 3:
        paras = versions[rng.randrange(3)]
        chars = paras[rng.randrange(len(paras))]
        n = 2 + rng.randrange(7)
        if len(chars) <= n:
            continue
        s = rng.randrange(len(chars) - n)
        ph = chars[s : s + n]
        if all("\u4e00" <= ch <= "\u9fff" for ch in ph):
            queries.append(ph)
    searcher = index.searcher()
    times, total = [], 0
    for q in queries:
        t = time.perf_counter()
        words = [w for w in jieba.cut(t2s.convert(q), HMM=False) if w.strip()]
        query = (
            tantivy.Query.term_query(schema, "zh", words[0])
            if len(words) == 1
            else tantivy.Query.phrase_query(schema, "zh", words)
        )
        r = searcher.search(query, limit=10, count=True)
        total += r.count
        times.append((time.perf_counter() - t) * 1e3)
    print(
        "  search: %d queries, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, mean %.1f matching documents"
        % (len(times), pct(times, 0.5), pct(times, 0.9), pct(times, 0.99), total / len(times))
    )


if __name__ == "__main__":
    main()
