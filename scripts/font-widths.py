#!/usr/bin/env python3
"""Prints the advance widths of Carlito (metric-compatible with Calibri) for src/core/layout/text.ts.

Usage: python3 scripts/font-widths.py [/usr/share/fonts/truetype/crosextra]
Reads each TTF's head, hhea, hmtx and cmap (format 4) tables; no libraries needed.
"""
import struct
import sys


def tables(data):
    n = struct.unpack(">H", data[4:6])[0]
    out = {}
    for i in range(n):
        tag, _, off, length = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
        out[tag.decode()] = (off, length)
    return out


def advance_widths(path):
    d = open(path, "rb").read()
    t = tables(d)
    h = t["hhea"][0]
    nh = struct.unpack(">H", d[h + 34 : h + 36])[0]
    hm = t["hmtx"][0]
    adv = [struct.unpack(">H", d[hm + 4 * i : hm + 4 * i + 2])[0] for i in range(nh)]
    c = t["cmap"][0]
    cmap = {}
    for i in range(struct.unpack(">H", d[c + 2 : c + 4])[0]):
        pid, eid, off = struct.unpack(">HHI", d[c + 4 + 8 * i : c + 12 + 8 * i])
        so = c + off
        if pid != 3 or eid != 1 or struct.unpack(">H", d[so : so + 2])[0] != 4:
            continue
        segx2 = struct.unpack(">H", d[so + 6 : so + 8])[0]
        seg = segx2 // 2
        ends = struct.unpack(">%dH" % seg, d[so + 14 : so + 14 + segx2])
        starts = struct.unpack(">%dH" % seg, d[so + 16 + segx2 : so + 16 + 2 * segx2])
        deltas = struct.unpack(">%dh" % seg, d[so + 16 + 2 * segx2 : so + 16 + 3 * segx2])
        roff_pos = so + 16 + 3 * segx2
        roffs = struct.unpack(">%dH" % seg, d[roff_pos : roff_pos + segx2])
        for s in range(seg):
            for cp in range(starts[s], ends[s] + 1):
                if cp == 0xFFFF:
                    continue
                if roffs[s] == 0:
                    g = (cp + deltas[s]) & 0xFFFF
                else:
                    a = roff_pos + 2 * s + roffs[s] + 2 * (cp - starts[s])
                    g = struct.unpack(">H", d[a : a + 2])[0]
                    if g:
                        g = (g + deltas[s]) & 0xFFFF
                cmap[cp] = g
    return lambda cp: adv[min(cmap[cp], nh - 1)] if cp in cmap else 0


folder = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/crosextra"
for style in ["Regular", "Bold", "Italic"]:
    width = advance_widths(f"{folder}/Carlito-{style}.ttf")
    codes = list(range(32, 127)) + list(range(160, 256))
    print(f'  {style.lower()}: "{",".join(str(width(cp)) for cp in codes)}",')
