#!/usr/bin/env python3
"""Writes testdata/seeds/formulations.opencc.tsv: every formulation of the seeds'
gold (expected.json) as written (simplified) and as OpenCC converts it to traditional
characters (s2t) and to Taiwan characters and vocabulary (s2twp). The search test
crates/readout/tests/search_seeds.rs queries each spelling. Needs pip's opencc."""
import json
import pathlib

import opencc

root = pathlib.Path(__file__).resolve().parent.parent
gold = json.loads((root / "testdata/seeds/expected.json").read_text(encoding="utf-8"))
s2t, s2twp = opencc.OpenCC("s2t"), opencc.OpenCC("s2twp")
lines = ["# simplified\ts2t\ts2twp (OpenCC %s)" % getattr(opencc, "__version__", "")]
for f in gold["formulations"]:
    t = f["text"]
    lines.append("\t".join([t, s2t.convert(t), s2twp.convert(t)]))
out = root / "testdata/seeds/formulations.opencc.tsv"
out.write_text("\n".join(lines) + "\n", encoding="utf-8")
print(f"wrote {out} ({len(lines) - 1} formulations)")
