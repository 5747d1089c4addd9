#!/usr/bin/env python3
"""Check xwlb_events.jsonl: schema, kinds, dates, set sizes, selection reproducibility,
agreement with meetings.json. Usage: python3 validate_gold.py [/path/to/xwlb]"""
import collections, datetime, json, os, subprocess, sys

CORPUS = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpora/xwlb"
HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"politburo_meeting", "standing_committee_meeting", "politburo_study_session",
         "democratic_life_meeting", "plenum", "commission_meeting", "state_council_executive_meeting",
         "symposium", "conference", "inspection_tour", "talks", "foreign_meeting", "phone_call",
         "message", "speech", "article", "other_event"}
FIELDS = ["file", "item", "heading", "broadcast", "set", "is_event", "kind", "date", "date_end",
          "chair", "sender", "lecturer", "speakers", "place", "reviewed", "notes"]
errs = []
def err(n, msg): errs.append(f"line {n}: {msg}")
def day(s): return datetime.date.fromisoformat(s)

rows = [json.loads(l) for l in open(os.path.join(HERE, "xwlb_events.jsonl"), encoding="utf-8")]
items = {(j["file"], j["item"]): j for j in map(json.loads, open(f"{CORPUS}/items.jsonl", encoding="utf-8"))}
seen = set()
for n, r in enumerate(rows, 1):
    if list(r) != FIELDS: err(n, f"fields {list(r)}")
    key = (r["file"], r["item"])
    if key in seen: err(n, "duplicate item")
    seen.add(key)
    it = items.get(key)
    if not it or it["heading"] != r["heading"] or it["broadcast"] != r["broadcast"]: err(n, "not in items.jsonl")
    if r["set"] not in ("kind", "random"): err(n, "set")
    if not isinstance(r["is_event"], bool): err(n, "is_event")
    for f in ("speakers", "reviewed"):
        if not isinstance(r[f], list) or not all(isinstance(x, str) and x for x in r[f]): err(n, f)
        if any("《" in x or "》" in x for x in r[f]): err(n, f + " has 《》")
    for f in ("chair", "sender", "lecturer", "place", "notes", "date", "date_end"):
        if r[f] is not None and (not isinstance(r[f], str) or not r[f]): err(n, f)
    if r["is_event"]:
        if r["kind"] not in KINDS: err(n, f"kind {r['kind']}")
    elif any([r["kind"], r["date"], r["date_end"], r["chair"], r["sender"], r["lecturer"], r["place"], r["speakers"], r["reviewed"]]):
        err(n, "non-event with event fields")
    bc = day(r["broadcast"])
    # a date after the broadcast is allowed only where the text states it and notes say so
    late_ok = "after the broadcast" in (r["notes"] or "").lower()
    if r["date"]:
        d = day(r["date"])
        if d > bc:
            if late_ok and (d - bc).days <= 2: print(f"note: line {n} date {r['date']} after broadcast {r['broadcast']} (as the text states)")
            else: err(n, "date after broadcast")
        if (bc - d).days > 40: err(n, f"date {d} far before broadcast")
    if r["date_end"]:
        if not r["date"] or not (day(r["date"]) < day(r["date_end"])): err(n, "date_end")
        elif day(r["date_end"]) > bc:
            if not late_ok: err(n, "date_end after broadcast")
            print(f"note: line {n} date_end {r['date_end']} after broadcast {r['broadcast']} (as the text states)")
    if r["sender"] and r["kind"] not in ("message", "article"): err(n, "sender on non-message")
    if r["lecturer"] and r["kind"] != "politburo_study_session": err(n, "lecturer")

# selection reproducible
out = subprocess.run([sys.executable, os.path.join(HERE, "select_items.py"), CORPUS],
                     capture_output=True, text=True, check=True).stdout
sel = [json.loads(l) for l in out.splitlines()]
if [(s["file"], s["item"], s["set"]) for s in sel] != [(r["file"], r["item"], r["set"]) for r in rows]:
    errs.append("select_items.py output differs from the gold file's items/order")

# meetings.json agreement
for m in json.load(open(f"{CORPUS}/meetings.json", encoding="utf-8")):
    r = next((r for r in rows if (r["file"], r["item"]) == (m["file"], m["item"])), None)
    if r and (r["kind"] != m["kind"] or r["date"] != m["date"]):
        errs.append(f"meetings.json disagrees on {m['file']}#{m['item']}")

sets = collections.Counter(r["set"] for r in rows)
print(f"{len(rows)} lines; sets {dict(sets)}")
if len(rows) != 250 or sets != {"kind": 150, "random": 100}: errs.append("expected 250 = 150 kind + 100 random")
for s in ("kind", "random"):
    rs = [r for r in rows if r["set"] == s]
    print(f"\n[{s}] is_event true {sum(r['is_event'] for r in rs)}, false {sum(not r['is_event'] for r in rs)}")
    for k, c in sorted(collections.Counter(r["kind"] for r in rs if r["is_event"]).items(), key=lambda x: -x[1]):
        print(f"  {k:34s}{c}")
allk = collections.Counter(r["kind"] for r in rows if r["is_event"])
print("\n[all] " + ", ".join(f"{k} {c}" for k, c in sorted(allk.items(), key=lambda x: -x[1])))
print(f"events without date: {sum(1 for r in rows if r['is_event'] and not r['date'])}; with notes: {sum(1 for r in rows if r['notes'])}")
print("\nERRORS:\n" + "\n".join(errs) if errs else "\nOK: no errors")
sys.exit(1 if errs else 0)
