#!/usr/bin/env python3
"""Seed evaluation: ingest the five seed files with the real `readout` binary and
check `docs --json`, `events --json` and `formulations --json` against the
hand-written gold (seeds/expected.json).

Every gold statement becomes one named check ("000-zh.script", "004a-zh.body_file"…).
The checks that held when the baseline was last recorded must still hold: a check
that held and now fails is a regression, and the script exits 1. New passes are
reported; record them with --update so they are guarded from then on.

Usage:
  bench/eval_seeds.py                      # seeds from testdata/seeds, readout via cargo
  bench/eval_seeds.py --seeds ../shared/seeds --readout target/debug/readout
  bench/eval_seeds.py --update             # record the current passes as the baseline
"""

import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "bench" / "eval_seeds.baseline.json"


def fold(text):
    """Every run of Unicode white space folded to one space, as the gold asks."""
    return re.sub(r"\s+", " ", text or "").strip()


def run_readout(readout, data, args):
    cmd = shlex.split(readout) + ["--data", str(data)] + args
    out = subprocess.run(cmd, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return out


def our_documents(readout, seeds_dir):
    files = sorted(Path(seeds_dir).glob("*.txt"))
    if not files:
        sys.exit(f"no seed files (*.txt) in {seeds_dir}")
    with tempfile.TemporaryDirectory(prefix="readout-seeds-") as data:
        out = run_readout(readout, data, ["ingest", "--json"] + [str(f) for f in files])
        if out.returncode not in (0, 1):
            sys.exit(f"readout ingest failed ({out.returncode}):\n{out.stderr}")
        summary = json.loads(out.stdout)
        out = run_readout(readout, data, ["docs", "--json"])
        if out.returncode != 0:
            sys.exit(f"readout docs failed ({out.returncode}):\n{out.stderr}")
        docs = json.loads(out.stdout)
        record = {}
        for what in ("events", "formulations"):
            out = run_readout(readout, data, [what, "--json"])
            # A readout without the command has no record: its checks fail, not the run.
            record[what] = json.loads(out.stdout) if out.returncode == 0 else []
        # `formulations --json` counts a formulation's events; the ids are in its history.
        for f in record["formulations"]:
            out = run_readout(readout, data, ["formulation", f["text"], "--json"])
            f["event_ids"] = ([e["id"] for e in json.loads(out.stdout).get("events", [])]
                              if out.returncode == 0 else [])
        return summary, docs, record


def match(gold_docs, docs):
    """Pairs each gold document with one of ours from the same file: the one whose
    body starts as the gold says, else the same language, else the next in order."""
    by_file = {}
    for d in docs:
        by_file.setdefault(Path(d["file"]).name, []).append(d)
    taken = set()
    pairs = {}
    for g in gold_docs:
        best, best_score = None, -1
        for d in by_file.get(g["file"], []):
            if d["id"] in taken:
                continue
            body = fold(" ".join(d["body"]))
            score = 0
            if g.get("body_starts") and body.startswith(fold(g["body_starts"])):
                score += 4
            if d["lang"] == g.get("lang"):
                score += 2
            if d["kind"] == g.get("kind"):
                score += 1
            if score > best_score:
                best, best_score = d, score
        if best is not None:
            taken.add(best["id"])
        pairs[g["id"]] = best
    return pairs


def checks(gold, seeds_dir, summary, docs, record=None):
    """Yields (name, holds, detail) for every statement of the gold."""
    gold_docs = gold["documents"]
    yield "all.ingested", not summary.get("rejected"), f"rejected: {summary.get('rejected')}"
    yield "all.document_count", len(docs) == len(gold_docs), f"{len(docs)} vs {len(gold_docs)}"
    pairs = match(gold_docs, docs)
    ours_to_gold = {d["id"]: gid for gid, d in pairs.items() if d}
    for g in gold_docs:
        gid, d = g["id"], pairs[g["id"]]
        yield f"{gid}.found", d is not None, "no document from this file left to match"
        if d is None:
            continue
        body = fold(" ".join(d["body"]))
        for field in ("kind", "lang", "script", "published", "source", "editor"):
            if field in g:
                yield f"{gid}.{field}", d.get(field) == g[field], f"{d.get(field)!r} vs {g[field]!r}"
        if "headlines" in g:
            ours = [fold(h) for h in d["headlines"]]
            want = [fold(h) for h in g["headlines"]]
            yield f"{gid}.headlines", ours == want, f"{ours} vs {want}"
            yield f"{gid}.title", fold(d.get("title")) in want if want else d.get("title") is None, repr(d.get("title"))
        if "boilerplate" in g:
            ours = [fold(b) for b in d.get("boilerplate", [])]
            want = [fold(b) for b in g["boilerplate"]]
            yield f"{gid}.boilerplate", ours == want, f"{ours} vs {want}"
        if "body_starts" in g:
            yield f"{gid}.body_starts", body.startswith(fold(g["body_starts"])), body[:60]
        if "body_ends" in g:
            yield f"{gid}.body_ends", body.endswith(fold(g["body_ends"])), body[-60:]
        if "body_paragraphs" in g:
            n = len(d["body"])
            yield f"{gid}.body_paragraphs", n == g["body_paragraphs"], f"{n} vs {g['body_paragraphs']}"
        if "body_file" in g:
            want = fold((Path(seeds_dir) / g["body_file"]).read_text(encoding="utf-8"))
            yield f"{gid}.body_file", body == want, first_difference(body, want)
        if "noise_removed_min" in g:
            n = d.get("removed") or 0
            yield f"{gid}.noise_removed", n >= g["noise_removed_min"], f"{n} < {g['noise_removed_min']}"
        # Filled by later stages (record, link, align): they fail until those land.
        if "translation_of" in g:
            ours = d.get("translation_of")
            want = g["translation_of"]
            got = ours_to_gold.get(ours) if ours else None
            yield f"{gid}.translation_of", got == want, f"{ours!r} ({got}) vs {want!r}"
        if "coverage_min" in g or "coverage_max" in g:
            c = d.get("coverage")
            ok = c is not None and c >= g.get("coverage_min", 0) and c <= g.get("coverage_max", 1)
            yield f"{gid}.coverage", ok, f"{c!r}"
    # Events: documents of one gold event share one event id, others do not.
    if any("event" in g for g in gold_docs):
        for g in gold_docs:
            d = pairs[g["id"]]
            if d is None or "event" not in g:
                continue
            ok = (d.get("event") is None) == (g["event"] is None)
            for h in gold_docs:
                e = pairs[h["id"]]
                if h is g or e is None or "event" not in h or g["event"] is None:
                    continue
                same_gold = h["event"] == g["event"]
                same_ours = d.get("event") is not None and d.get("event") == e.get("event")
                ok = ok and same_gold == same_ours
            yield f"{g['id']}.event", ok, f"{d.get('event')!r}"
    yield from record_checks(gold, pairs, record or {})


def record_checks(gold, pairs, record):
    """Checks of `events --json` and `formulations --json` against the gold events
    and formulations. Our event of a gold event is the one its first version is in."""
    events = {e["id"]: e for e in record.get("events", [])}
    ours_of_gold_doc = {gid: d["id"] for gid, d in pairs.items() if d}
    gold_of_our_doc = {v: k for k, v in ours_of_gold_doc.items()}
    doc_event = {d["id"]: d.get("event") for d in pairs.values() if d}
    gold_of_our_event = {}
    for g in gold["documents"]:
        d = pairs.get(g["id"])
        if d and d.get("event") and g.get("event"):
            gold_of_our_event.setdefault(d["event"], g["event"])
    for g in gold.get("events", []):
        name = g["id"]
        first = ours_of_gold_doc.get(g["versions"][0])
        e = events.get(doc_event.get(first)) if first else None
        yield f"{name}.found", e is not None, f"no event for {g['versions'][0]}"
        if e is None:
            continue
        yield f"{name}.kind", e.get("kind") == g["kind"], f"{e.get('kind')!r}"
        date = e.get("date") or {}
        want = {k: g["date"].get(k) for k in ("year", "month", "day")}
        got = {k: date.get(k) for k in ("year", "month", "day")}
        if "relative" in g["date"]:
            want["relative"], got["relative"] = g["date"]["relative"], date.get("relative")
        yield f"{name}.date", got == want, f"{got} vs {want}"
        for who in ("chair", "sender", "place"):
            if who in g:
                yield f"{name}.{who}", e.get(who) == g[who], f"{e.get(who)!r} vs {g[who]!r}"
        versions = sorted(gold_of_our_doc.get(v, v) for v in e.get("versions", []))
        yield f"{name}.versions", versions == sorted(g["versions"]), f"{versions}"
        for people in ("attendees", "speakers"):
            if people in g:
                names = [p.get("name") for p in e.get(people, [])]
                yield f"{name}.{people}", names == g[people], f"{names}"
        if "strategies" in g:
            # The gold names the strategies a report is about; a report may mention more.
            got = sorted(e.get("strategies", []))
            yield f"{name}.strategies", set(g["strategies"]) <= set(got), f"{got}"
        if "reviewed_any" in g:
            titles = [fold(r.get("title")) for r in e.get("reviewed", [])]
            ok = all(any(fold(t) in titles for t in accepted) for accepted in g["reviewed_any"])
            yield f"{name}.reviewed", ok, f"{titles}"
        if "mentioned_documents" in g:
            got = [fold(t) for t in e.get("mentioned_documents", [])]
            ok = all(fold(t) in got for t in g["mentioned_documents"])
            yield f"{name}.mentioned_documents", ok, f"{got}"
    formulations = {f["text"]: f for f in record.get("formulations", [])}
    for g in gold.get("formulations", []):
        f = formulations.get(g["text"])
        got = sorted({gold_of_our_event.get(e, e) for e in f["event_ids"]}) if f else None
        yield f"formulation.{g['text']}.events", got == sorted(g["events"]), f"{got}"


def first_difference(a, b):
    i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"differs at {i}: …{a[max(0, i - 20):i + 20]!r} vs …{b[max(0, i - 20):i + 20]!r}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", default=str(ROOT / "testdata" / "seeds"))
    ap.add_argument("--readout", default=os.environ.get("READOUT", "cargo run -q -p readout --"))
    ap.add_argument("--baseline", default=str(BASELINE))
    ap.add_argument("--update", action="store_true", help="record the current passes as the baseline")
    ap.add_argument("-v", "--verbose", action="store_true", help="show every check, not only changes")
    args = ap.parse_args()

    gold = json.loads((Path(args.seeds) / "expected.json").read_text(encoding="utf-8"))
    summary, docs, record = our_documents(args.readout, args.seeds)
    results = {}
    details = {}
    for name, holds, detail in checks(gold, args.seeds, summary, docs, record):
        results[name] = bool(holds)
        details[name] = detail

    baseline_path = Path(args.baseline)
    baseline = {}
    if baseline_path.exists():
        baseline = json.loads(baseline_path.read_text(encoding="utf-8"))["checks"]
    regressions = [n for n, held in baseline.items() if held and not results.get(n, False)]
    gains = [n for n, held in results.items() if held and not baseline.get(n, False)]

    for name in sorted(results):
        mark = "ok  " if results[name] else "FAIL"
        if args.verbose or name in regressions or name in gains:
            tag = " (regression)" if name in regressions else " (new)" if name in gains else ""
            print(f"  {mark} {name}{tag}" + ("" if results[name] else f": {details[name]}"))
    held = sum(results.values())
    print(f"seed evaluation: {held} of {len(results)} checks hold"
          f" (baseline {sum(baseline.values())}); {len(regressions)} regressed, {len(gains)} gained")

    if args.update:
        baseline_path.write_text(json.dumps({"checks": dict(sorted(results.items()))}, indent=1) + "\n",
                                 encoding="utf-8")
        print(f"baseline written to {baseline_path}")
        return 0
    if regressions:
        print("REGRESSION: checks that held before now fail:", ", ".join(regressions))
        return 1
    if gains:
        print("record the gains with: bench/eval_seeds.py --update")
    return 0


if __name__ == "__main__":
    sys.exit(main())
