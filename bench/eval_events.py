#!/usr/bin/env python3
"""The record of a real archive, scored against gold labelled by reading.

Ingests the news broadcast's dev archive (../shared/corpora/xwlb/days) into a fresh
store with the real `readout` binary, then scores every item of each gold field by field:
testdata/gold/xwlb_events.jsonl (250 items, 150 chosen across the event kinds and 100 at
random, labelled by reading; the rules were written while looking at it) and
testdata/gold/xwlb_events_heldout.jsonl (160 other items, 60 by kind and 100 at random,
labelled afterwards by someone who never saw the rules: the honest figure).

  is_event   the item's document reports an event (precision and recall)
  kind       the event's kind
  date       the event's full date (and its end, for a range)
  who        the chair, or for a message or an article the sender
  lecturer   the study session's lecturer
  speakers   people who spoke (by name, as a set)
  place      where the activity happened (one name contains the other)
  reviewed   documents a meeting reviewed (titles, one containing the other)

and the 25 Politburo meetings, Standing Committee meetings and study sessions of
../shared/corpora/xwlb/meetings.json: one event each, with the right kind, full date,
chair and (study sessions) lecturer.

Precision counts what readout gave that was right; recall what the gold holds that
readout found. With --check the run fails when a measure falls below the baseline
recorded in bench/eval_events.baseline.json, per gold (--update records the current figures).

Usage: bench/eval_events.py [--corpus ../shared/corpora/xwlb] [--readout target/release/readout]
                            [--gold FILE]... [--check] [--update] [--show N]
"""

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "bench" / "eval_events.baseline.json"


def fold(s):
    s = re.sub(r"[\u200b-\u200f\u2060\ufeff]", "", s or "")
    return re.sub(r"\s+", " ", s).strip()


def bare(s):
    return re.sub(r"[《》〈〉\s“”\"]", "", s or "")


def run(readout, data, args):
    out = subprocess.run([readout, "--data", str(data)] + args, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"readout {' '.join(args)} failed ({out.returncode}):\n{out.stderr[-2000:]}")
    return out.stdout


class Score:
    def __init__(self):
        self.tp = 0  # right values given
        self.given = 0  # values given
        self.gold = 0  # values in the gold
        self.found = 0  # gold values found

    def p(self):
        return self.tp / self.given if self.given else 1.0

    def r(self):
        return self.found / self.gold if self.gold else 1.0


def event_date(e):
    d = e.get("date") or {}
    if d.get("year") and d.get("month") and d.get("day"):
        return f"{d['year']:04}-{d['month']:02}-{d['day']:02}"
    return None


def event_end(e):
    d = (e.get("date") or {}).get("end") or None
    if isinstance(d, dict) and d.get("year") and d.get("month") and d.get("day"):
        return f"{d['year']:04}-{d['month']:02}-{d['day']:02}"
    return None


def names(people):
    return [p["name"] if isinstance(p, dict) else p for p in people or []]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpora" / "xwlb"))
    ap.add_argument("--readout", default=str(ROOT / "target" / "release" / "readout"))
    ap.add_argument("--gold", action="append",
                    help="gold file (repeatable; default: the dev gold and the held-out gold)")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--show", type=int, default=0, help="print N misses per field")
    ap.add_argument("--data", help="an existing store of the corpus (skips the ingest)")
    a = ap.parse_args()
    corpus = Path(a.corpus)
    golds = a.gold or [str(ROOT / "testdata" / "gold" / "xwlb_events.jsonl"),
                       str(ROOT / "testdata" / "gold" / "xwlb_events_heldout.jsonl")]
    meetings = json.load(open(corpus / "meetings.json", encoding="utf-8"))

    with tempfile.TemporaryDirectory(prefix="readout-events-") as tmp:
        data = Path(a.data) if a.data else Path(tmp) / "data"
        if not a.data:
            run(a.readout, data, ["ingest", "--json", str(corpus / "days")])
        docs = json.loads(run(a.readout, data, ["docs", "--json"]))
        events = {e["id"]: e for e in json.loads(run(a.readout, data, ["events", "--json"]))}
        discovered = json.loads(run(a.readout, data,
                                    ["formulations", "--discover", "--top", "50", "--json"]))

    base = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}
    worse = []
    for gpath in golds:
        name = Path(gpath).stem
        gold = [json.loads(l) for l in open(gpath, encoding="utf-8")]
        print(f"== {name}")
        current = score(gold, docs, events, meetings, a.show)
        if a.update:
            base[name] = current
        worse += [f"{name} {k}: {current.get(k)} < {v}" for k, v in base.get(name, {}).items()
                  if current.get(k, 0) + 1e-9 < v]
    print("== discovered formulations (top 50 of `formulations --discover`)")
    current = score_discovered(discovered, corpus / "days")
    if a.update:
        base["discovered"] = current
    worse += [f"discovered {k}: {current.get(k)} < {v}"
              for k, v in base.get("discovered", {}).items() if current.get(k, 0) + 1e-9 < v]
    if a.update:
        BASELINE.write_text(json.dumps(base, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"baseline recorded in {BASELINE}")
    if a.check:
        if worse:
            print("eval_events: REGRESSION: " + "; ".join(worse))
            sys.exit(1)
        print("eval_events: no regression against the baseline")


# What the issue found in the top of the old list: a source's credit and programme names,
# a digest's heading, a compilation's title.
NAMED_BOILERPLATE = ["央视网消息", "新闻联播", "本期节目主要内容", "国内联播快讯", "联播快讯", "央视网"]


def frame_lines(days):
    """Each line of the raw day files as (text, framed): framed where the page frames
    a report rather than reports: a heading, a digest's block, a line's credit before
    its first colon (央视网消息（新闻联播）：), the 【】 tags of a series."""
    out = []
    for f in sorted(Path(days).glob("*")):
        digest = False
        for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
            line = re.sub(r"<[^>]*>", "", line).strip()
            if not line:
                continue
            if line.startswith("#"):
                digest = "摘要" in line or "主要内容" in line
                out.append((line, None))
                continue
            if "本期节目主要内容" in line:
                digest = True
            out.append((line, "digest" if digest else ""))
    return out


def frame_share(phrase, lines):
    total = framed = 0
    for line, kind in lines:
        n = line.count(phrase)
        if not n:
            continue
        total += n
        if kind is None or kind == "digest":
            framed += n
            continue
        colon = line.find("：")
        if 0 <= colon <= 20:
            framed += line[:colon].count(phrase)
        framed += sum(m.count(phrase) for m in re.findall(r"【[^】]*】", line))
    return framed / total if total else 0.0


def score_discovered(found, days):
    """A phrase of the top 50 is boilerplate when the issue named it, or when most of
    its occurrences in the raw pages stand in the frame (headings, digests, credits)."""
    lines = frame_lines(days)
    bad = []
    for f in found:
        t = f["text"]
        share = frame_share(t, lines)
        if any(b in t for b in NAMED_BOILERPLATE) or share > 0.5:
            bad.append(f"{t} ({share:.2f})")
    n = len(found)
    clean = round((n - len(bad)) / n, 3) if n else 0.0
    print(f"  listed {n}, boilerplate {len(bad)}: {', '.join(bad) or '-'}")
    print(f"  top 10: {' '.join(f['text'] for f in found[:10])}")
    return {"top50_listed": min(n, 50) / 50, "top50_clean": clean}


def score(gold, docs, events, meetings, show):
    by_file = defaultdict(list)
    for d in docs:
        by_file[Path(d["file"]).name].append(d)

    def doc_of(file, heading):
        want = fold(heading)
        for d in by_file.get(file, []):
            if d["kind"] == "article" and fold(d.get("title")) == want:
                return d
        return None

    fields = {k: Score() for k in
              ["is_event", "kind", "date", "who", "lecturer", "speakers", "place", "reviewed"]}
    misses = defaultdict(list)
    missing_docs = 0
    for g in gold:
        d = doc_of(g["file"], g["heading"])
        if d is None:
            missing_docs += 1
            misses["document"].append(g["heading"])
        e = events.get(d["event"]) if d and d.get("event") else None
        s = fields["is_event"]
        s.given += e is not None
        s.gold += g["is_event"]
        s.tp += bool(e is not None and g["is_event"])
        s.found += bool(e is not None and g["is_event"])
        tag = f"{g['file']} #{g['item']} {g['heading'][:40]}"
        if bool(e) != g["is_event"]:
            misses["is_event"].append(f"{tag}: gold {g['is_event']}, ours {bool(e)}")
        if not g["is_event"]:
            continue
        # Each field: gold value vs ours, for gold events.
        def one(field, want, got, same=lambda x, y: x == y):
            s = fields[field]
            if got is not None:
                s.given += 1
            if want is not None:
                s.gold += 1
            if want is not None and got is not None and same(want, got):
                s.tp += 1
                s.found += 1
            elif want is not None or got is not None:
                misses[field].append(f"{tag}: gold {want!r}, ours {got!r}")

        # The gold's "other_event" is readout's "other" (an activity of no listed kind), its
        # "article" readout's "published_article" (apart from the document kind).
        one("kind", {"other_event": "other", "article": "published_article"}.get(g["kind"], g["kind"]), e and e["kind"])
        want_date = g["date"]
        got_date = e and event_date(e)
        if g.get("date_end"):
            one("date", (want_date, g["date_end"]), e and (got_date, event_end(e)) if got_date else None)
        else:
            one("date", want_date, got_date)
        who = g["chair"] or g["sender"]
        got_who = e and (e.get("chair") or e.get("sender"))
        one("who", who, got_who)
        one("lecturer", g.get("lecturer"), e and (e.get("lecturer") or {}).get("name") if e and e.get("lecturer") else None)
        one("place", g.get("place"), e and e.get("place"),
            lambda x, y: bare(x) in bare(y) or bare(y) in bare(x))
        for field, want_list, got_list, same in [
            # Who spoke: readout keeps those who spoke in turn (发言) and those who gave a
            # speech (讲话, 致辞) apart; the gold has one list.
            ("speakers", g.get("speakers") or [],
             list(dict.fromkeys(names(e and e.get("speakers")) + names(e and e.get("speeches")))),
             lambda x, y: x == y),
            ("reviewed", g.get("reviewed") or [], [r["title"] for r in (e and e.get("reviewed")) or []],
             lambda x, y: bare(x) in bare(y) or bare(y) in bare(x)),
        ]:
            s = fields[field]
            s.gold += len(want_list)
            s.given += len(got_list)
            s.tp += sum(1 for x in got_list if any(same(w, x) for w in want_list))
            found = sum(1 for w in want_list if any(same(w, x) for x in got_list))
            s.found += found
            if found < len(want_list) or len(got_list) > found:
                misses[field].append(f"{tag}: gold {want_list}, ours {got_list}")

    # The Politburo meetings of the archive: one event each, right kind, date, chair,
    # lecturer.
    gold_by_item = {(g["file"], g["item"]): g for g in gold}
    meeting_ok = 0
    for m in meetings:
        d = doc_of(m["file"], m["heading"])
        e = events.get(d["event"]) if d and d.get("event") else None
        g = gold_by_item.get((m["file"], m["item"]), {})
        problems = []
        if e is None:
            problems.append("no event")
        else:
            if e["kind"] != m["kind"]:
                problems.append(f"kind {e['kind']}")
            if m["date"] and event_date(e) != m["date"]:
                problems.append(f"date {event_date(e)} (gold {m['date']})")
            if g.get("chair") and e.get("chair") != g["chair"]:
                problems.append(f"chair {e.get('chair')!r}")
            lect = (e.get("lecturer") or {}).get("name") if e.get("lecturer") else None
            if g.get("lecturer") and lect != g["lecturer"]:
                problems.append(f"lecturer {lect!r} (gold {g['lecturer']!r})")
            same_kind_day = [x for x in events.values()
                             if x["kind"] == m["kind"] and event_date(x) == m["date"]]
            if m["date"] and len(same_kind_day) != 1:
                problems.append(f"{len(same_kind_day)} events of its kind that day")
        if problems:
            misses["meetings"].append(f"{m['file']} {m['heading'][:40]}: {'; '.join(problems)}")
        else:
            meeting_ok += 1

    n_events = len(events)
    print(f"gold: {len(gold)} items ({sum(g['is_event'] for g in gold)} events); "
          f"store: {len(docs)} documents, {n_events} events; items without their document: {missing_docs}")
    current = {}
    print(f"{'field':10} {'precision':>10} {'recall':>8}   (given / gold)")
    for k, s in fields.items():
        print(f"{k:10} {s.p():10.3f} {s.r():8.3f}   ({s.given} / {s.gold})")
        current[f"{k}.precision"] = round(s.p(), 3)
        current[f"{k}.recall"] = round(s.r(), 3)
    print(f"Politburo meetings and study sessions (meetings.json): {meeting_ok}/{len(meetings)} "
          f"one event each with kind, date, chair and lecturer right")
    current["meetings"] = meeting_ok
    for k, ms in misses.items():
        for m in ms[:show]:
            print(f"  miss {k}: {m}")
    return current


if __name__ == "__main__":
    main()
