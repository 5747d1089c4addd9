#!/usr/bin/env python3
"""Generates data/classes.rs, the clean stage's code point class table.

Inputs: the Unicode 16 property tables that regex-syntax 0.8 ships (ucd-generate output,
Unicode license), found in the local cargo registry, and Python's codecs for the East Asian
legacy character sets (GBK, Big5-HKSCS, CP932, CP949), which decide whether a symbol is
"native" to CJK typography. Run: python3 data/gen_classes.py > data/classes.rs
"""
import glob
import os
import re
import sys

ROOT = sorted(glob.glob(os.path.expanduser(
    "~/.cargo/registry/src/*/regex-syntax-0.8.*/src/unicode_tables")))[-1]

CHAR = r"'((?:\\u\{[0-9a-fA-F]+\}|\\.|[^'\\]))'"
PAIR = re.compile(r"\(" + CHAR + r",\s*" + CHAR + r"\)")


def lit(s):
    if s.startswith("\\u{"):
        return int(s[3:-1], 16)
    if s.startswith("\\"):
        return {"t": 9, "n": 10, "r": 13, "0": 0, "'": 39, "\\": 92, '"': 34}[s[1]]
    return ord(s)


def table(file, name):
    text = open(os.path.join(ROOT, file), encoding="utf-8").read()
    m = re.search(r"pub const " + name + r": &'static \[\(char, char\)\] =\s*&\[(.*?)\];", text, re.S)
    if not m:
        sys.exit("missing table " + name)
    return [(lit(a), lit(b)) for a, b in PAIR.findall(m.group(1))]


def cps(ranges):
    for a, b in ranges:
        yield from range(a, b + 1)


N = 0x110000
# Classes, in the order clean.rs expects them (see clean/classes.rs).
OTHER, LETTER, CJK, SPACE, NEWLINE, PICT_NATIVE, SYMBOL, HISTORIC, PICT_FOREIGN, \
    PICT_SMP, EMOJI_PRES, MODIFIER, REGIONAL, VS_EMOJI, VS_OTHER, ZWJ, TAG, KEYCAP, \
    INVISIBLE = range(19)
cls = bytearray(N)

gc = "general_category.rs"
for name in ("LETTER", "MARK", "NUMBER"):
    for cp in cps(table(gc, name)):
        cls[cp] = LETTER
for cp in cps(table(gc, "SPACE_SEPARATOR")):
    cls[cp] = SPACE
cls[9] = SPACE
for cp in (10, 11, 12, 13, 0x85, 0x2028, 0x2029):
    cls[cp] = NEWLINE

sc = "script.rs"
for name in ("HAN", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO"):
    for cp in cps(table(sc, name)):
        cls[cp] = CJK
cjk_blocks = [(0x2E80, 0x2FDF), (0x2FF0, 0x2FFF), (0x3001, 0x303F), (0x3190, 0x319F),
              (0x31C0, 0x31EF), (0x3200, 0x33FF), (0x4DC0, 0x4DFF), (0xFE10, 0xFE1F),
              (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x16FE0, 0x16FFF), (0x1AFF0, 0x1B16F),
              (0x1F200, 0x1F2FF)]
for a, b in cjk_blocks:
    for cp in range(a, b + 1):
        cls[cp] = CJK


def native(cp):
    ch = chr(cp)
    for enc in ("gbk", "big5hkscs", "cp932", "cp949"):
        try:
            ch.encode(enc)
            return True
        except UnicodeError:
            pass
    return False


# Letters of historic or rare scripts: foreign wherever they touch other writing.
historic = [(0x1680, 0x16FF), (0x2C00, 0x2C5F), (0x2C80, 0x2CFF), (0x10000, 0x16FDF), (0x17000, 0x1AFEF),
            (0x1B170, 0x1BFFF), (0x1E000, 0x1E8DF)]
for a, b in historic:
    for cp in range(a, b + 1):
        if cls[cp] in (LETTER, CJK):
            cls[cp] = HISTORIC

# Symbol blocks whose symbols are decoration, not writing: foreign next to CJK text
# unless a CJK legacy character set has them.
symbol_blocks = [(0x2190, 0x21FF), (0x2300, 0x23FF), (0x2400, 0x245F), (0x25A0, 0x25FF),
                 (0x2600, 0x26FF), (0x2700, 0x27BF), (0x27F0, 0x27FF), (0x2800, 0x28FF),
                 (0x2900, 0x297F), (0x2B00, 0x2BFF), (0x1D000, 0x1D24F), (0x1D300, 0x1D35F),
                 (0x1F000, 0x1F1FF), (0x1F200, 0x1F2FF), (0x1F650, 0x1F67F),
                 (0x1F700, 0x1F8FF), (0x1FA00, 0x1FA6F), (0x1FB00, 0x1FBFF)]
symbolic = set(cps(table(gc, "OTHER_SYMBOL"))) | set(cps(table(gc, "MATH_SYMBOL")))
symbolic |= set(cps(table(gc, "MODIFIER_SYMBOL")))
for a, b in symbol_blocks:
    for cp in range(a, b + 1):
        if cp in symbolic and not native(cp):
            cls[cp] = SYMBOL

pb = "property_bool.rs"
presentation = set(cps(table(pb, "EMOJI_PRESENTATION")))
# Pictographs that are letters or punctuation first: never treated as emoji.
protected = {0xA9, 0xAE, 0x203C, 0x2049, 0x2122, 0x2139, 0x24C2}
for cp in cps(table(pb, "EXTENDED_PICTOGRAPHIC")):
    if cp in protected:
        continue
    if cp in presentation:
        cls[cp] = EMOJI_PRES
    elif cp > 0xFFFF:
        cls[cp] = PICT_SMP
    elif native(cp) or 0x3000 <= cp <= 0x32FF:
        cls[cp] = PICT_NATIVE
    else:
        cls[cp] = PICT_FOREIGN
for cp in presentation:
    if cls[cp] not in (EMOJI_PRES,) and cp > 0x2000 and cp not in protected:
        if not (0x1F1E6 <= cp <= 0x1F1FF or 0x1F3FB <= cp <= 0x1F3FF):
            cls[cp] = EMOJI_PRES
# Everything else in the emoji pictograph blocks is a pictograph too, assigned or not.
for a, b in [(0x1F300, 0x1F64F), (0x1F680, 0x1F6FF), (0x1F900, 0x1F9FF), (0x1FA70, 0x1FAFF)]:
    for cp in range(a, b + 1):
        if cls[cp] not in (EMOJI_PRES, PICT_SMP):
            cls[cp] = PICT_SMP
for cp in cps(table(pb, "EMOJI_MODIFIER")):
    cls[cp] = MODIFIER
for cp in cps(table(pb, "REGIONAL_INDICATOR")):
    cls[cp] = REGIONAL

cls[0xFE0E] = cls[0xFE0F] = VS_EMOJI
for cp in list(range(0xFE00, 0xFE0E)) + list(range(0xE0100, 0xE01F0)):
    cls[cp] = VS_OTHER
cls[0x200D] = ZWJ
for cp in range(0xE0020, 0xE0080):
    cls[cp] = TAG
cls[0x20E3] = KEYCAP
invisible = [0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180E, 0x200B, 0x200C,
             0x200E, 0x200F, 0x3164, 0xFEFF, 0xFFA0, 0xE0001]
invisible += list(range(0x202A, 0x202F)) + list(range(0x2060, 0x2065))
invisible += list(range(0x2066, 0x2070)) + list(range(0xFFF9, 0xFFFC))
invisible += list(range(0x1BCA0, 0x1BCA4)) + list(range(0x1D173, 0x1D17B))
invisible += [c for c in range(0x00, 0x20) if c not in (9, 10, 11, 12, 13)]
invisible += [c for c in range(0x7F, 0xA0) if c != 0x85]
for cp in invisible:
    cls[cp] = INVISIBLE

SHIFT = 7
BS = 1 << SHIFT
blocks = {}
stage1 = []
stage2 = bytearray()
for i in range(0, N, BS):
    blk = bytes(cls[i:i + BS])
    if blk not in blocks:
        blocks[blk] = len(blocks)
        stage2 += blk
    stage1.append(blocks[blk])


def rows(vals, per):
    out = []
    for i in range(0, len(vals), per):
        out.append("    " + " ".join("%d," % v for v in vals[i:i + per]))
    return "\n".join(out)


print("// Generated by data/gen_classes.py from Unicode 16 data; do not edit by hand.")
print("// Two-stage table: STAGE2[STAGE1[cp >> %d] << %d | (cp & %d)] is the class." % (SHIFT, SHIFT, BS - 1))
print("pub(crate) const SHIFT: u32 = %d;" % SHIFT)
print("pub(crate) static STAGE1: [u16; %d] = [\n%s\n];" % (len(stage1), rows(stage1, 24)))
print("pub(crate) static STAGE2: [u8; %d] = [\n%s\n];" % (len(stage2), rows(list(stage2), 32)))
