#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes the fuzz seed corpus: the golden vector shrunk to 4 pages of
memory (about 21 KB instead of 4 MiB) and a few mutations of it.

Usage: make-seeds.py OUTDIR   (PV_GOLDEN_DIR selects the vector)
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "functional"))
import pvvector  # noqa: E402

PAGES = 4


def small():
    """Golden vector with PAGES pages, table, section headers and memory
    moved close together; still authenticates with the golden key."""
    g = pvvector.Dump()
    d = pvvector.Dump(g.b[:0x1200])
    d.b += g.b[g.shoff:g.shoff + 4 * 64]            # section headers at 0x1200
    d.put("Q", 40, 0x1200)
    meta = d.append(g.b[pvvector.META_OFF:pvvector.META_OFF + PAGES * 16])
    d.set_section(b"pv_mem_meta", offset=meta, size=PAGES * 16)
    mem = d.append(g.b[pvvector.LOAD_OFF:pvvector.LOAD_OFF + PAGES * 4096])
    d.put("Q", 64 + 56 + 8, mem)                    # PT_LOAD (phdr 1)
    d.put("Q", 64 + 56 + 32, PAGES * 4096)
    d.put("Q", 64 + 56 + 40, PAGES * 4096)
    return d


def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    seeds = {"small": small()}
    d = small()
    note, load = d.phdrs()
    half = load[5] // 2
    d.set_phdrs([note, [1, 7, load[2] + half, half, half, half, half, 0],
                 [1, 7, load[2], 0, 0, half, half, 0]])
    seeds["two-loads"] = d
    d = small()
    d.put("B", d.u("Q", d.shdr_off(d.section(b"pv_mem_meta")) + 24) + 15, 0x04)
    seeds["invalid-state"] = d
    d = small()
    d.flip(pvvector.COMPL_OFF + 272)
    seeds["bad-compl-tag"] = d
    d = small()
    d.flip(pvvector.CPU_DESC_OFF[1] + 1560)
    seeds["bad-cpu-tag"] = d
    d = small()
    d.put("I", 0xB0 + 4, 0x10000)
    seeds["note-overrun"] = d
    d = small()
    d.set_section(b"pv_mem_meta", size=2 * 16)
    seeds["short-table"] = d
    for name, dump in seeds.items():
        dump.write(os.path.join(outdir, name + ".elf"))


if __name__ == "__main__":
    main(sys.argv[1])
