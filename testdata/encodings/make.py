#!/usr/bin/env python3
"""Writes the mixed-encoding fixtures of crates/readout/tests/bad_input.rs: one short
readout-like report per encoding, each different, so one ingest of this directory must
decode every one. Run from this directory: python3 make.py (Python's own codecs)."""

HANS = (
    "中共中央政治局召开会议 研究部署{topic}工作\n\n"
    "新华社北京{month}月{day}日电 中共中央政治局{month}月{day}日召开会议，分析研究{topic}工作。"
    "中共中央总书记习近平主持会议。\n\n"
    "会议指出，要坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念，加快构建新发展格局，"
    "着力推动高质量发展，统筹发展和安全。\n\n"
    "会议强调，要{stress}，扎实推进共同富裕，保持社会大局稳定。\n"
)
HANT = (
    "中共中央政治局召開會議 研究部署{topic}工作\n\n"
    "新華社北京{month}月{day}日電 中共中央政治局{month}月{day}日召開會議，分析研究{topic}工作。"
    "中共中央總書記習近平主持會議。\n\n"
    "會議指出，要堅持穩中求進工作總基調，完整、準確、全面貫徹新發展理念，加快構建新發展格局，"
    "著力推動高質量發展，統籌發展和安全。\n\n"
    "會議強調，要{stress}，紮實推進共同富裕，保持社會大局穩定。\n"
)
FILES = [
    ("utf8.txt", HANS, "utf-8", dict(topic="经济", month=4, day=28, stress="深化改革开放")),
    ("utf8-bom.txt", HANS, "utf-8-sig", dict(topic="农村", month=1, day=5, stress="全面推进乡村振兴")),
    ("utf16le.txt", HANS, "utf-16-le", dict(topic="生态", month=3, day=9, stress="守住生态红线")),
    ("utf16be.txt", HANT, "utf-16-be", dict(topic="外事", month=6, day=17, stress="維護國家主權")),
    ("gbk.txt", HANS, "gbk", dict(topic="教育", month=7, day=30, stress="办好人民满意的教育")),
    # A character outside GBK (U+20BB7), four bytes in GB18030.
    ("gb18030.txt", HANS, "gb18030", dict(topic="科技", month=9, day=12, stress="支持𠮷林科技创新")),
    ("big5.txt", HANT, "big5", dict(topic="文化", month=10, day=21, stress="繁榮發展文化事業")),
]
for name, template, codec, values in FILES:
    data = template.format(**values).encode(codec)
    if codec.startswith("utf-16"):
        data = ("\ufeff").encode(codec) + data  # with its byte order mark
    with open(name, "wb") as f:
        f.write(data)
