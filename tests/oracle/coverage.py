#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Which instructions of real s390x code uvsim's interpreter lacks.

Disassembles every given file with s390x-linux-gnu-objdump (ELF: its code
sections; anything else: as a raw 64-bit image with --raw), keys each
instruction by its opcode exactly as decode.c does, and subtracts the rows
of insn-table.def.  Prints the missing opcodes with their counts (per file
and in total), the FP/vector ones (BFP, HFP, DFP, vector: other families)
apart, most used first.

Usage: coverage.py [--table insn-table.def] [--raw FILE]... [ELF]...
"""
import argparse
import collections
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TABLE = os.path.join(HERE, "../../accel/uvsim/cpu/insn-table.def")
ROW = re.compile(r"INSN\((\w+),\s*(0x[0-9a-f]+),")
LINE = re.compile(r"^\s*[0-9a-f]+:\s+((?:[0-9a-f]{2} )+)\s*(\S+)", re.M)

BYTE1 = (0x01, 0xb2, 0xb3, 0xb9, 0xe5)
NIBBLE1 = (0xa5, 0xa7, 0xc0, 0xc2, 0xc4, 0xc6, 0xc8, 0xcc)
BYTE5 = (0xe3, 0xe6, 0xe7, 0xeb, 0xec, 0xed)

# FP-control and DFP-conversion opcodes outside the B3/ED/E7 blocks.
FP_OTHER = {0xb299, 0xb29c, 0xb29d, 0xb2b8, 0xb2b9}


def opcode_of(code):
    """The table-style opcode (0xNN, 0xNNM, 0xNNMM) of encoded @code."""
    b0 = code[0]
    if b0 in NIBBLE1:
        return (b0 << 4) | (code[1] & 0xf)
    if b0 in BYTE1:
        return (b0 << 8) | code[1]
    if b0 in BYTE5:
        return (b0 << 8) | code[5]
    return b0


def is_fp_or_vector(opc):
    """BFP, HFP, DFP and vector instructions: not this script's families."""
    b0 = opc >> 8 if opc > 0xfff else (opc >> 4 if opc > 0xff else opc)
    if 0x20 <= b0 <= 0x3f or 0x60 <= b0 <= 0x7f:
        return True            # HFP RR/RX and the FP loads/stores LD, STD ...
    if b0 in (0xb3, 0xe6, 0xe7, 0xed) or opc in FP_OTHER:
        return True
    return 0xb941 <= opc <= 0xb95b   # DFP <-> fixed conversions


def table_opcodes(path):
    with open(path) as f:
        return {int(m.group(2), 16) for m in map(ROW.match, f) if m}


def disassemble(path, raw):
    cmd = ["s390x-linux-gnu-objdump", "-d", path]
    if raw:
        cmd = ["s390x-linux-gnu-objdump", "-D", "-b", "binary",
               "-m", "s390:64-bit", path]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    for m in LINE.finditer(out):
        mnem = m.group(2)
        if mnem.startswith((".", "(bad)")):
            continue
        yield opcode_of(bytes.fromhex(m.group(1).replace(" ", ""))), mnem


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--table", default=DEFAULT_TABLE)
    ap.add_argument("--raw", action="append", default=[],
                    help="a raw 64-bit code image (e.g. a decompressed kernel)")
    ap.add_argument("--all", action="store_true",
                    help="list the FP/vector opcodes one by one too")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    have = table_opcodes(args.table)
    total = collections.Counter()
    names = collections.defaultdict(collections.Counter)
    users = collections.defaultdict(set)
    known = 0
    for path, raw in [(f, False) for f in args.files] + [(f, True) for f in args.raw]:
        for opc, mnem in disassemble(path, raw):
            if opc in have:
                known += 1
                continue
            total[opc] += 1
            names[opc][mnem] += 1
            users[opc].add(os.path.basename(path))
    missing = [o for o in total if not is_fp_or_vector(o)]
    fpv = [o for o in total if is_fp_or_vector(o)]
    print(f"instructions in the table: {known}; missing: "
          f"{sum(total[o] for o in missing)} (general/system, "
          f"{len(missing)} opcodes) + {sum(total[o] for o in fpv)} "
          f"(FP/vector, {len(fpv)} opcodes)")
    print(f"{'opcode':>7} {'count':>7} {'files':>5}  mnemonics (as objdump "
          "prints them)")
    for group, title in ((missing, "general/system"), (fpv, "FP/vector")):
        if group is fpv and not args.all:
            break
        print(f"-- {title}")
        for opc in sorted(group, key=lambda o: (-total[o], o)):
            mn = ",".join(n for n, _ in names[opc].most_common(3))
            print(f"{opc:#7x} {total[opc]:7d} {len(users[opc]):5d}  {mn}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
