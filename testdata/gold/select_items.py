#!/usr/bin/env python3
"""Deterministic selection of the 250 gold items: 150 stratified by heading + 100 uniform random.

Usage: python3 select_items.py [/path/to/xwlb] > selection.jsonl
Each heading goes to the first stratum whose pattern matches (order matters); headings of
reaction/commentary/feature/announcement pieces are left out of the strata (the random set
covers them). Each stratum has its own seeded RNG, so changing one quota moves no other stratum;
the random set is a fixed seeded shuffle of all items, skipping those already chosen.
"""
import json, random, re, sys

CORPUS = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpora/xwlb"
SEED = 20240501
# (stratum, heading regex, quota; None = take all)
STRATA = [
    ("article", r"《求是》.*发表|习近平在.*发表署名文章", 9),
    ("politburo_study_session", r"政治局第.+次集体学习", None),
    ("democratic_life_meeting", r"民主生活会", None),
    ("standing_committee_meeting", r"政治局常务委员会召开", None),
    ("politburo_meeting", r"中共中央政治局召开会议", None),
    ("plenum", r"中国共产党第.+届中央(委员会|纪律检查委员会)第.+次全体会议公报|^习近平在.*中央纪委.次全会上", None),
    ("commission_meeting", r"中央(财经|全面深化改革|外事工作|国家安全|全面依法治国|网络安全和信息化|金融|科技|审计)委员会.*会议"
                           r"|中央军委.*会议|国务院.*委员会.*全体会议|首都规划建设委员会.*全体会议", None),
    ("plenum_other", r"[一二三四五六七]中全会在京", 3),
    ("state_council_executive_meeting", r"国务院常务会议", 9),
    ("phone_call", r"通电话|视频通话", 9),
    ("talks", r"会谈|会晤", 10),
    ("message", r"贺电|贺信|慰问电|唁电|回信|复信|致信", 11),
    ("foreign_meeting", r"会见", 10),
    ("inspection_tour", r"考察|调研|视察", 10),
    ("symposium", r"座谈会", 10),
    ("speech", r"讲话|致辞|贺词|演讲", 10),
    ("conference", r"大会|工作会议|开幕|闭幕", 11),
    ("other_event", r"仪式|典礼|签署.*令|植树|宣誓|颁授", 7),
]
EXCLUDE = (r"^【|反响|社论|评论|快评|综述|述评|解读|纪实|记事|微视频|单行本|国际人士|外国|多国|华侨华人|干部群众"
           r"|将(出席|访|赴|发表|于|对)|南极|北冰洋")

def main():
    items = [json.loads(l) for l in open(f"{CORPUS}/items.jsonl", encoding="utf-8")]
    buckets = {name: [] for name, _, _ in STRATA}
    for it in items:
        if re.search(EXCLUDE, it["heading"]):
            continue
        for name, pat, _ in STRATA:
            if re.search(pat, it["heading"]):
                buckets[name].append(it)
                break
    chosen, keys = [], set()
    for name, _, quota in STRATA:
        pool = buckets[name]
        if quota is not None and quota < len(pool):
            pool = random.Random(f"{SEED}-{name}").sample(pool, quota)
        for it in pool:
            chosen.append((it, "kind", name))
            keys.add((it["file"], it["item"]))
    print({n: len(b) for n, b in buckets.items()}, len(chosen), file=sys.stderr)
    assert len(chosen) == 150, len(chosen)
    order = random.Random(f"{SEED}-random").sample(items, len(items))
    for it in [it for it in order if (it["file"], it["item"]) not in keys][:100]:
        chosen.append((it, "random", None))
    for it, s, stratum in chosen:
        print(json.dumps({"file": it["file"], "item": it["item"], "heading": it["heading"],
                          "broadcast": it["broadcast"], "set": s, "stratum": stratum}, ensure_ascii=False))

if __name__ == "__main__":
    main()
