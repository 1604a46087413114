#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Checks every opcode of insn-table.def against the GNU assembler.

Each row's mnemonic is assembled with dummy operands of its format by
s390x-linux-gnu-as; the opcode bits of the encoding must equal the row's
opcode.  Usage: check-table.py insn-table.def.  Exit 77 without binutils.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROW = re.compile(r"INSN\((\w+),\s*(0x[0-9a-f]+),\s*(\w+),")

# Dummy operands per format (registers, displacements, masks, labels).
OPERANDS = {
    "RR": "1,2", "RRE": "1,2", "RRF_A": "1,2,3", "RRF_C": "1,2,3",
    "RX": "1,0x10(2,3)", "RXY": "1,0x10(2,3)", "RS": "1,3,0x10(2)",
    "RS_B": "1,3,0x10(2)", "RSY": "1,3,0x10(2)", "RSY_B": "1,3,0x10(2)",
    "RSI": "1,3,.", "RI": "1,5", "RIL": "1,5", "RIE_B": "1,2,8,.",
    "RIE_C": "1,5,8,.", "RIE_D": "1,3,5", "RIE_E": "1,3,.",
    "RIE_F": "1,2,3,4,5", "RIE_G": "1,5,3", "RIS": "1,5,8,0x10(2)",
    "RRS": "1,2,8,0x10(3)", "S": "0x10(2)", "SI": "0x10(2),5",
    "SIY": "0x10(2),5", "SIL": "0x10(2),5", "SS_A": "0x10(5,2),0x20(3)",
    "I": "5", "E": "",
    "SS_B": "0x10(4,2),0x20(3,3)", "SS_C": "0x10(4,2),0x20(3),5",
    "SS_E": "1,3,0x10(2),0x20(3)", "SS_F": "0x10(2),0x20(5,3)",
    "SSF": "0x10(2),0x20(3),4", "RIE_A": "1,5,8", "RSL_A": "0x10(4,2)",
    "SMI": "8,.,0x10(2)", "MII": "8,.,.",
    "RRF_E": "1,5,2", "RRD": "1,3,2", "RXE": "1,0x10(2,3)",
    "RXF": "1,3,0x10(2,3)",
    "VRX": "1,0x10(2,3),0", "VRV": "1,0x10(2,3),0",
    "VRS_A": "1,3,0x10(2),0", "VRS_B": "1,3,0x10(2),0",
    "VRS_C": "1,3,0x10(2),0", "VRI_A": "1,5,0", "VRI_B": "1,2,3,0",
    "VRI_C": "1,3,5,0", "VRI_D": "1,2,3,4,0", "VRI_E": "1,2,5,3,0",
    "VRR_A": "1,2,0",
    "VRR_B": "1,2,3,0,0", "VRR_C": "1,2,3,0", "VRR_D": "1,2,3,4,0",
    "VRR_E": "1,2,3,4", "VRR_F": "1,2,3",
}

# Mnemonics whose assembler syntax differs from their format's default.
SPECIAL = {
    "bcr": "8,2", "bc": "8,0x10(2,3)", "brc": "8,.", "brcl": "8,.",
    "spm": "1", "ipm": "1", "pfd": "1,0x10(2,3)",
    "loc": "1,0x10(2),3", "locg": "1,0x10(2),3", "stoc": "1,0x10(2),3",
    "stocg": "1,0x10(2),3", "sll": "1,0x10(2)", "srl": "1,0x10(2)",
    "sla": "1,0x10(2)", "sra": "1,0x10(2)", "sldl": "2,0x10(2)",
    "srdl": "2,0x10(2)", "slda": "2,0x10(2)", "srda": "2,0x10(2)",
    "mr": "2,4", "mlr": "2,4", "mlgr": "2,4", "dr": "2,4", "dlr": "2,4",
    "dlgr": "2,4", "dsgr": "2,4", "dsgfr": "2,4", "flogr": "2,4",
    "mvcl": "2,4", "mgrk": "2,4,6", "m": "2,0x10(2,3)", "mfy": "2,0x10(2,3)",
    "ml": "2,0x10(2,3)", "mlg": "2,0x10(2,3)", "mg": "2,0x10(2,3)",
    "d": "2,0x10(2,3)", "dl": "2,0x10(2,3)", "dlg": "2,0x10(2,3)",
    "dsg": "2,0x10(2,3)", "dsgf": "2,0x10(2,3)", "cds": "2,4,0x10(2)",
    "cdsy": "2,4,0x10(2)", "mvcle": "2,4,0x10(3)",
    "csch": "", "hsch": "", "rsch": "", "xsch": "", "sal": "", "rchp": "",
    "schm": "", "tprot": "0x10(2),0x20(3)", "ipte": "1,2", "idte": "1,3,2",
    "lcbb": "1,0x10(2,3),0", "sske": "1,2", "cdsg": "2,4,0x10(2)", "lpq": "2,0x10(2,3)",
    "stpq": "2,0x10(2,3)", "lpd": "2,0x10(1),0x20(2)", "lpdg": "2,0x10(1),0x20(2)",
    "csp": "2,4", "cspg": "2,4", "clcl": "2,4", "clcle": "2,4,0x10(3)",
    "locfh": "1,0x10(2),3", "stocfh": "1,0x10(2),3", "bic": "8,0x10(2,3)",
    "niai": "1,2", "ppa": "1,2,3", "mvclu": "2,4,0x10(3)", "clclu": "2,4,0x10(3)",
    "tre": "2,4", "cksm": "1,2", "troo": "2,4,1", "trot": "2,4,1", "trto": "2,4,1",
    "trtt": "2,4,1", "epsw": "1,2", "ptlb": "", "ipk": "", "stosm": "0x10(2),5", "stnsm": "0x10(2),5",
    "sske": "1,2", "epsw": "1,2", "cpsdr": "1,3,2", "ledbr": "1,2",
    "ldxbr": "1,4", "lexbr": "1,4", "cefbr": "1,2", "cdfbr": "1,2",
    "cxfbr": "1,2", "cegbr": "1,2", "cdgbr": "1,2", "cxgbr": "1,2",
    "celfbr": "1,5,2,0", "cdlfbr": "1,5,2,0", "cxlfbr": "1,5,2,0",
    "celgbr": "1,5,2,0", "cdlgbr": "1,5,2,0", "cxlgbr": "1,5,2,0",
    "clfebr": "1,5,2,0", "clfdbr": "1,5,2,0", "clfxbr": "1,5,4,0",
    "clgebr": "1,5,2,0", "clgdbr": "1,5,2,0", "clgxbr": "1,5,4,0",
    "lzxr": "4",  "lzer": "1", "lzdr": "1", "ptlb": "", "ipk": "", "stosm": "0x10(2),5", "stnsm": "0x10(2),5",
    "lxr": "0,4",
    "axbr": "0,4",
    "sxbr": "0,4",
    "mxbr": "0,4",
    "dxbr": "0,4",
    "sqxbr": "0,4",
    "cxbr": "0,4",
    "kxbr": "0,4",
    "ltxbr": "0,4",
    "lcxbr": "0,4",
    "lnxbr": "0,4",
    "lpxbr": "0,4",
    "fixbr": "0,5,4",
    "mxdbr": "0,2",
    "lxdbr": "0,2",
    "lxebr": "0,2",
    "mxdb": "0,0x10(2,3)",
    "lxdb": "0,0x10(2,3)",
    "lxeb": "0,0x10(2,3)",
    "tcxb": "0,0x10(2,3)",
    "ldxbr": "1,4",
    "lexbr": "1,4",
    "cxfbr": "0,2",
    "cxgbr": "0,2",
    "cfxbr": "1,5,4",
    "cgxbr": "1,5,4",
    "cxlfbr": "0,5,2,0",
    "cxlgbr": "0,5,2,0",
    "vll": "1,3,0x10(2)", "vstl": "1,3,0x10(2)", "vgbm": "1,5",
    "vsldb": "1,2,3,4", "vlr": "1,2", "vtm": "1,2", "vpks": "1,2,3,1,0",
    "vpkls": "1,2,3,1,0", "vn": "1,2,3", "vnc": "1,2,3", "vo": "1,2,3",
    "vx": "1,2,3", "vno": "1,2,3", "vnn": "1,2,3", "vnx": "1,2,3",
    "voc": "1,2,3", "vsl": "1,2,3", "vslb": "1,2,3", "vsra": "1,2,3",
    "vsrab": "1,2,3", "vsrl": "1,2,3", "vsrlb": "1,2,3", "vcksm": "1,2,3",
    "vistr": "1,2,0,0", "vstrc": "1,2,3,4,0,0",
    "sske": "1,2", "epsw": "1,2", "ptlb": "", "ipk": "", "stosm": "0x10(2),5", "stnsm": "0x10(2),5",
    "pckmo": "", "pcc": "",
    "selr": "1,2,3,8", "selgr": "1,2,3,8", "selfhr": "1,2,3,8",
    "popcnt": "1,2,8", "mvcrl": "0x10(2),0x20(3)", "vbperm": "1,2,3",
    "vmsl": "1,2,3,4,3,0", "vsld": "1,2,3,4", "vsrd": "1,2,3,4",
    "vfa": "1,2,3,3,0", "vfs": "1,2,3,3,0", "vfm": "1,2,3,3,0",
    "vfd": "1,2,3,3,0", "vfsq": "1,2,3,0", "vfma": "1,2,3,4,0,3",
    "vfms": "1,2,3,4,0,3", "vfnma": "1,2,3,4,0,3", "vfnms": "1,2,3,4,0,3",
    "vfce": "1,2,3,3,0,0", "vfch": "1,2,3,3,0,0", "vfche": "1,2,3,3,0,0",
    "wfc": "1,2,3,0", "wfk": "1,2,3,0",
    "vfpso": "1,2,3,0,0", "vfi": "1,2,3,0,0", "vfll": "1,2,2,0",
    "vflr": "1,2,3,0,0", "vcdg": "1,2,3,0,0", "vcdlg": "1,2,3,0,0",
    "vcgd": "1,2,3,0,0", "vclgd": "1,2,3,0,0", "vfmax": "1,2,3,3,0,0",
    "vfmin": "1,2,3,3,0,0",
}

# Not known to binutils 2.40 by name: emitted as raw words.
RAW = {"servc": ".long 0xb2200012", "chsc": ".long 0xb25f0012",
       "sthyi": ".long 0xb2560024", "essa": ".long 0xb9ab0012"}


def opcode_of(code):
    """The table-style opcode of an encoded instruction."""
    b0 = code[0]
    if b0 in (0xa5, 0xa7, 0xc0, 0xc2, 0xc4, 0xc6, 0xc8, 0xcc):
        return (b0 << 4) | (code[1] & 0xf)
    if b0 in (0x01, 0xb2, 0xb3, 0xb9, 0xe5):
        return (b0 << 8) | code[1]
    if b0 in (0xe3, 0xe6, 0xe7, 0xeb, 0xec, 0xed):
        return (b0 << 8) | code[5]
    return b0


def main():
    if not shutil.which("s390x-linux-gnu-as"):
        print("check-table: skipped, no s390x-linux-gnu-as")
        return 77
    rows = []
    with open(sys.argv[1]) as f:
        for line in f:
            m = ROW.match(line)
            if m:
                rows.append((m.group(1).lower(), int(m.group(2), 16), m.group(3)))
    lines = []
    for name, _, fmt in rows:
        lines.append(RAW.get(name) or f"{name} {SPECIAL.get(name, OPERANDS[fmt])}")
    with tempfile.TemporaryDirectory() as tmp:
        src, obj = os.path.join(tmp, "t.s"), os.path.join(tmp, "t.o")
        with open(src, "w") as f:
            f.write(".text\n.machine z15\n" + "\n".join(lines) + "\n")
        subprocess.run(["s390x-linux-gnu-as", src, "-o", obj], check=True)
        dump = subprocess.run(["s390x-linux-gnu-objdump", "-d", obj], check=True,
                              capture_output=True, text=True).stdout
    codes = [bytes.fromhex(m.group(1).replace(" ", ""))
             for m in re.finditer(r"^\s+[0-9a-f]+:\s+((?:[0-9a-f]{2} )+)", dump, re.M)]
    # The assembler pads the section with NOPR (07 07) after 2-byte insns.
    while len(codes) > len(rows) and codes[-1] == b"\x07\x07":
        codes.pop()
    bad = 0
    for (name, opc, _), code in zip(rows, codes):
        if opcode_of(code) != opc:
            print(f"{name}: table {opc:#x}, assembler {code.hex()}")
            bad += 1
    if len(codes) != len(rows):
        print(f"{len(rows)} rows but {len(codes)} instructions assembled")
        bad += 1
    print(f"check-table: {len(rows)} rows, {bad} mismatches")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
