# SPDX-License-Identifier: GPL-2.0-or-later
"""Random s390x instruction sequences for the uvsim CPU oracle.

program(rng, family) returns (assembly source, body lines).  The program
loads GPRs from a data block, runs the body, logs the CC (and program mask)
after every body instruction with IPM, stores all GPRs, and writes the
register block, the CC log and a scratch area to stdout with the Linux
write system call (SVC 4) before exiting (SVC 1).

Register use: r12 = scratch area (the base of every storage operand),
r13 = output block, r11 = temporary of the harness (CC log, branch
targets, EXECUTE values).  Body instructions write only the data
registers below.
"""
import random

import genvec

DATA = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 15]
PAIRS = [0, 2, 4, 6, 8, 10, 14]
SCRATCH = 512
EDGE64 = [0, 1, 2, 0xffffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000,
          0x7fffffff, 0x80000000, 0xffffffff, 0xffffffff80000000,
          0x00000000ffff0000, 0x8000, 0xffff, 0x80, 0xff, 0xfffffffffffffffe]


class Gen:
    def __init__(self, rng):
        self.rng = rng
        self.nlabel = 0
        self.tail = []              # EXECUTE targets, after the exit

    def label(self):
        self.nlabel += 1
        return f".L{self.nlabel}"

    def r(self):
        return f"%r{self.rng.choice(DATA)}"

    def e(self):
        return f"%r{self.rng.choice(PAIRS)}"

    def imm(self, bits, signed):
        rng = self.rng
        edge = [0, 1, -1 & ((1 << bits) - 1), 1 << (bits - 1), (1 << (bits - 1)) - 1]
        v = rng.choice(edge) if rng.random() < 0.4 else rng.getrandbits(bits)
        if signed and v >= 1 << (bits - 1):
            v -= 1 << bits
        return str(v)

    def mem(self, size, align=1):
        off = self.rng.randrange(0, SCRATCH - size + 1)
        off -= off % align
        return f"{off}(%r12)"

    def rel(self, size):
        off = self.rng.randrange(0, SCRATCH - size + 1)
        return f"scratch+{off - off % max(size, 2)}"

    def shift(self):
        if self.rng.random() < 0.3:
            return f"{self.rng.randrange(4096)}({self.r()})"
        return str(self.rng.randrange(64))

    def mask(self):
        return str(self.rng.randrange(16))

    def fill(self, template):
        """Replaces each {X} placeholder of template."""
        out, i = [], 0
        while i < len(template):
            if template[i] != "{":
                out.append(template[i])
                i += 1
                continue
            j = template.index("}", i)
            out.append(self.operand(template[i + 1:j]))
            i = j + 1
        return "".join(out)

    def operand(self, k):
        table = {
            "R": self.r, "E": self.e, "M": self.mask, "SH": self.shift,
            "I8": lambda: self.imm(8, True), "U8": lambda: self.imm(8, False),
            "I16": lambda: self.imm(16, True), "U16": lambda: self.imm(16, False),
            "I32": lambda: self.imm(32, True), "U32": lambda: self.imm(32, False),
            "U6": lambda: str(self.rng.randrange(64)),
            "U7": lambda: str(self.rng.randrange(128)),
            "F": lambda: f"%f{self.rng.randrange(16)}",
            "A": lambda: f"{self.rng.randrange(4096)}({self.r()},{self.r()})",
            "LM": self.lm_range,
        }
        if k in table:
            return table[k]()
        if k[0] == "m":             # m4 = 4-byte storage operand, m8a = aligned
            size = int(k[1:].rstrip("a"))
            return self.mem(size, size if k.endswith("a") else 1)
        if k[0] == "l":             # l4 = relative-long operand of 4 bytes
            return self.rel(int(k[1:]))
        raise KeyError(k)

    def lm_range(self):
        """r1,r3 of a load multiple that leaves r11-r13 alone."""
        r1 = self.rng.randrange(0, 11)
        return f"%r{r1},%r{self.rng.randrange(r1, 11)}"


def rr(names, ops):
    return [f"{n} {ops}" for n in names.split()]


FAMILIES = {
    "load": (
        rr("lr lgr lgfr llgfr llgtr ltr ltgr ltgfr lbr lgbr lhr lghr llcr "
           "llgcr llhr llghr", "{R},{R}")
        + rr("l ly lgf lt ltgf llgf llgt", "{R},{m4}") + rr("lg ltg", "{R},{m8}")
        + rr("lb lgb llc llgc ic icy", "{R},{m1}") + rr("lh lhy lgh llh llgh", "{R},{m2}")
        + rr("lrl lgfrl llgfrl", "{R},{l4}") + rr("lgrl", "{R},{l8}")
        + rr("lhrl lghrl llhrl llghrl", "{R},{l2}")
        + rr("la lay", "{R},{A}") + rr("lhi lghi", "{R},{I16}") + rr("lgfi", "{R},{I32}")
        + rr("llihh llihl llilh llill iihh iihl iilh iill", "{R},{U16}")
        + rr("llihf llilf iihf iilf", "{R},{U32}")
        + rr("lm lmy", "{LM},{m64}") + rr("lmg", "{LM},{m128}")
        + rr("stm stmy", "{R},{R},{m64}") + rr("stmg", "{R},{R},{m128}")
        + rr("st sty", "{R},{m4}") + rr("stg", "{R},{m8}") + rr("sth sthy", "{R},{m2}")
        + rr("stc stcy", "{R},{m1}") + rr("strl", "{R},{l4}") + rr("stgrl", "{R},{l8}")
        + rr("sthrl", "{R},{l2}") + rr("mvhhi mvhi mvghi", "{m8},{I16}")
        + rr("icm icmy icmh stcm stcmy stcmh", "{R},{M},{m4}")
        + rr("ldgr", "{F},{R}") + rr("lgdr", "{R},{F}")
        + rr("locr locgr", "{R},{R},{M}") + rr("loc", "{R},{m4},{M}")
        + rr("locg", "{R},{m8},{M}") + rr("stoc", "{R},{m4},{M}")
        + rr("stocg", "{R},{m8},{M}") + rr("lochi locghi", "{R},{I16},{M}")),
    "arith": (
        rr("ar agr agfr alr algr algfr alcr alcgr sr sgr sgfr slr slgr slgfr "
           "slbr slbgr msr msgr msgfr lcr lcgr lcgfr lpr lpgr lpgfr lnr lngr "
           "lngfr", "{R},{R}")
        + rr("ark agrk alrk algrk srk sgrk slrk slgrk msrkc msgrkc", "{R},{R},{R}")
        + rr("a ay agf al aly algf alc s sy sgf sl sly slgf slb ms msy msc",
             "{R},{m4}")
        + rr("ag alg alcg sg slg slbg msg msgc", "{R},{m8}") + rr("msgf", "{R},{m4}")
        + rr("ah ahy sh shy mh mhy", "{R},{m2}")
        + rr("ahi aghi mhi mghi", "{R},{I16}") + rr("afi agfi msfi msgfi", "{R},{I32}")
        + rr("alfi algfi slfi slgfi", "{R},{U32}")
        + rr("ahik aghik alhsik alghsik", "{R},{R},{I16}")
        + rr("asi agsi alsi algsi", "{m8},{I8}")
        + rr("mr mlr mlgr", "{E},{R}") + rr("m mfy ml", "{E},{m4}")
        + rr("mlg mg", "{E},{m8}") + rr("mgrk", "{E},{R},{R}")
        + ["DIVIDE"] * 6),
    "logic": (
        rr("nr ngr or ogr xr xgr popcnt", "{R},{R}")
        + rr("nrk ngrk ork ogrk xrk xgrk", "{R},{R},{R}")
        + rr("n ny o oy x xy", "{R},{m4}") + rr("ng og xg", "{R},{m8}")
        + rr("nihh nihl nilh nill oihh oihl oilh oill tmhh tmhl tmlh tmll",
             "{R},{U16}")
        + rr("nihf nilf oihf oilf xihf xilf", "{R},{U32}")
        + rr("ni niy oi oiy xi xiy tm tmy", "{m1},{U8}") + rr("flogr", "{E},{R}")),
    "compare": (
        rr("cr cgr cgfr clr clgr clgfr", "{R},{R}")
        + rr("c cy cgf ch chy cgh cl cly clgf", "{R},{m4}")
        + rr("cg clg", "{R},{m8}") + rr("chi cghi", "{R},{I16}")
        + rr("cfi cgfi", "{R},{I32}") + rr("clfi clgfi", "{R},{U32}")
        + rr("crl cgfrl clrl clgfrl", "{R},{l4}") + rr("cgrl clgrl", "{R},{l8}")
        + rr("chrl cghrl clhrl clghrl", "{R},{l2}")
        + rr("chsi cghsi chhsi", "{m8},{I16}") + rr("clfhsi clghsi clhhsi", "{m8},{U16}")
        + rr("cli cliy", "{m1},{U8}") + rr("clm clmy clmh", "{R},{M},{m4}")),
    "shift": (
        rr("sll srl sla sra", "{R},{SH}")
        + rr("sllk srlk slak srak sllg srlg slag srag rll rllg", "{R},{R},{SH}")
        + rr("sldl srdl slda srda", "{E},{SH}")
        + rr("risbg risbgn", "{R},{R},{U8},{U8},{U6}")
        # Not the test-only form (I3 bit 0): QEMU 7.2 computes it from an
        # uninitialised value instead of R1 (fixed in later QEMU); the unit
        # tests cover it.
        + rr("rnsbg rosbg rxsbg", "{R},{R},{U7},{U8},{U6}")),
    "branch": ["BRANCH"],
    "storage": (
        rr("mvc clc nc oc xc", "SS") + rr("mvi mviy", "{m1},{U8}") + ["MVCL", "MVCLE"]),
    "misc": (["EXECUTE"] * 3 + rr("cs csy", "{R},{R},{m4a}") + rr("csg", "{R},{R},{m8a}")
             + rr("cds cdsy", "{E},{E},{m8a}") + rr("ts", "{m1}")
             + rr("laa laal lan lao lax", "{R},{R},{m4a}")
             + rr("laag laalg lang laog laxg", "{R},{R},{m8a}") + ["CS_EQUAL", "SPM"]),
}
# The vector families (genvec.py) after the scalar ones.
FAMILIES.update(genvec.FAMILIES)

CC_SETTERS = ["ltgr {R},{R}", "chi {R},{I16}", "clgr {R},{R}", "tmll {R},{U16}"]


def load64(reg, value):
    return [f"llihf {reg},{value >> 32}", f"iilf {reg},{value & 0xffffffff}"]


def special(g, kind):
    """The multi-instruction constructs, as a list of lines."""
    rng = g.rng
    if kind == "SS":
        raise AssertionError
    if kind == "DIVIDE":
        return divide(g)
    if kind == "BRANCH":
        return branch(g)
    if kind == "MVCL":
        d, s = rng.randrange(0, 256), rng.randrange(0, 256)
        dl, sl = rng.randrange(0, 256), rng.randrange(0, 256)
        return [f"la %r2,{d}(%r12)", f"lgfi %r3,{dl}", f"la %r4,{s}(%r12)",
                f"iilf %r5,{(rng.getrandbits(8) << 24) | sl}", "mvcl %r2,%r4"]
    if kind == "MVCLE":
        lab = g.label()
        d, s = rng.randrange(0, 256), rng.randrange(0, 256)
        return [f"la %r2,{d}(%r12)", f"lghi %r3,{rng.randrange(0, 256)}",
                f"la %r4,{s}(%r12)", f"lghi %r5,{rng.randrange(0, 256)}",
                f"{lab}: mvcle %r2,%r4,{rng.getrandbits(8)}", f"jo {lab}"]
    if kind == "EXECUTE":
        return execute(g)
    if kind == "CS_EQUAL":
        m = g.mem(8, 8)
        return [f"lg %r4,{m}", f"csg %r4,{g.r()},{m}"]
    if kind == "SPM":
        # The fixed-point-overflow mask bit stays off: the program would trap.
        return [f"iilf %r11,{rng.getrandbits(32) & ~0x08000000}", "spm %r11"]
    raise KeyError(kind)


def divide(g):
    rng = g.rng
    kind = rng.choice(["dr", "d", "dlr", "dl", "dlgr", "dlg", "dsgr", "dsg",
                       "dsgfr", "dsgf"])
    while True:
        hi, lo = rng.choice(EDGE64 + [rng.getrandbits(64)]), rng.getrandbits(64)
        div = rng.choice([1, 2, 3, 0xffffffff, 0x7fffffff, 7, rng.getrandbits(32),
                          rng.getrandbits(64)])
        if kind in ("dr", "d", "dsgfr", "dsgf"):
            div &= 0xffffffff
        if kind in ("dlgr", "dlg", "dsgr", "dsg") or div == 0:
            pass
        if divide_ok(kind, hi, lo, div):
            break
    lines = load64("%r2", hi) + load64("%r3", lo) + load64("%r4", div)
    if kind.endswith("r"):
        return lines + [f"{kind} %r2,%r4"]
    size = 8 if kind in ("dlg", "dsg") else 4
    return lines + [f"{'stg' if size == 8 else 'st'} %r4,0(%r12)", f"{kind} %r2,0(%r12)"]


def s32(v):
    v &= 0xffffffff
    return v - (1 << 32) if v >> 31 else v


def s64(v):
    v &= (1 << 64) - 1
    return v - (1 << 64) if v >> 63 else v


def divide_ok(kind, hi, lo, div):
    """Whether the division would not raise a fixed-point-divide exception."""
    if kind in ("dr", "d"):
        n, dv = s64(((hi & 0xffffffff) << 32) | (lo & 0xffffffff)), s32(div)
        if dv == 0:
            return False
        q = abs(n) // abs(dv) * (1 if (n < 0) == (dv < 0) else -1)
        return -(1 << 31) <= q < (1 << 31)
    if kind in ("dlr", "dl"):
        n, dv = ((hi & 0xffffffff) << 32) | (lo & 0xffffffff), div & 0xffffffff
        return dv != 0 and n // dv < (1 << 32)
    if kind in ("dlgr", "dlg"):
        n, dv = (hi << 64) | lo, div
        return dv != 0 and n // dv < (1 << 64)
    dv = s32(div) if kind in ("dsgfr", "dsgf") else s64(div)
    return dv != 0 and not (s64(lo) == -(1 << 63) and dv == -1)


def alu(g):
    """A harmless instruction for the inside of a branch construct."""
    return g.fill(g.rng.choice(["ahi {R},{I16}", "xgr {R},{R}", "lghi {R},{I16}",
                                "agr {R},{R}", "sll {R},{SH}"]))


def branch(g):
    rng = g.rng
    lab = g.label()
    kind = rng.randrange(9)
    if kind == 0:
        op = rng.choice(["brc", "brcl"])
        return [g.fill("chi {R},{I16}"), f"{op} {g.mask()},{lab}", alu(g), f"{lab}:"]
    if kind == 1:
        op = rng.choice(["bc", "bcr"])
        target = "0(%r11)" if op == "bc" else "%r11"
        return [f"larl %r11,{lab}", g.fill("cgr {R},{R}"), f"{op} {g.mask()},{target}",
                alu(g), f"{lab}:"]
    if kind == 2:
        op = rng.choice(["balr", "basr", "bal", "bas"])
        target = "%r11" if op.endswith("r") else "0(%r11)"
        return [f"larl %r11,{lab}", f"{op} {g.r()},{target}", alu(g), f"{lab}:"]
    if kind == 3:
        return [f"{rng.choice(['bras', 'brasl'])} {g.r()},{lab}", alu(g), f"{lab}:"]
    if kind == 4:
        ctr = rng.choice(DATA)
        others = [r for r in DATA if r != ctr]
        body = f"ahi %r{rng.choice(others)},{rng.randrange(-100, 100)}"
        op = rng.choice(["brct", "brctg", "bct", "bctg", "bctr", "bctgr"])
        top = [f"lghi %r{ctr},{rng.randrange(1, 6)}"]
        if op in ("brct", "brctg"):
            return top + [f"{lab}: {body}", f"{op} %r{ctr},{lab}"]
        target = {"bct": "0(%r11)", "bctg": "0(%r11)"}.get(op, "%r11")
        return top + [f"larl %r11,{lab}", f"{lab}: {body}", f"{op} %r{ctr},{target}"]
    if kind == 5:
        op = rng.choice(["crj", "cgrj", "clrj", "clgrj"])
        return [f"{op} {g.r()},{g.r()},{g.mask()},{lab}", alu(g), f"{lab}:"]
    if kind == 6:
        op = rng.choice(["cij", "cgij"])
        imm = g.imm(8, True)
        if rng.random() < 0.5:
            op, imm = "cl" + op[1:], g.imm(8, False)
        return [f"{op} {g.r()},{imm},{g.mask()},{lab}", alu(g), f"{lab}:"]
    if kind == 7:
        op = rng.choice(["crb", "cgrb", "clrb", "clgrb", "cib", "cgib", "clib", "clgib"])
        second = g.r() if op.endswith("rb") else g.imm(8, not op.startswith("cl"))
        return [f"larl %r11,{lab}", f"{op} {g.r()},{second},{g.mask()},0(%r11)",
                alu(g), f"{lab}:"]
    op = rng.choice(["brxh", "brxle", "brxhg", "brxlg", "bxh", "bxle", "bxhg", "bxleg"])
    target = lab if op.startswith("br") else "0(%r11)"
    return [f"larl %r11,{lab}", f"{op} {g.r()},{g.r()},{target}", alu(g), f"{lab}:"]


def execute(g):
    """EXECUTE / EXECUTE RELATIVE LONG of targets placed after the exit."""
    rng = g.rng
    lab = g.label()
    kind = rng.randrange(3)
    if kind == 0:       # an RR target whose registers come from R1
        regs = rng.choice(DATA) << 4 | rng.choice(DATA)
        g.tail.append(f"{lab}: {rng.choice(['lr', 'ar', 'xr', 'sr', 'alr'])} %r0,%r0")
        value = regs
    elif kind == 1:     # MVC / CLC / XC with the length from R1
        g.tail.append(f"{lab}: {rng.choice(['mvc', 'clc', 'xc', 'oc'])} "
                      f"{rng.randrange(256)}(1,%r12),{rng.randrange(256)}(%r12)")
        value = rng.getrandbits(8)
    else:               # R1 = 0: the target as it is
        g.tail.append(f"{lab}: " + g.fill(rng.choice(["ahi {R},{I16}", "mvi {m1},{U8}",
                                                      "tmll {R},{U16}"])))
        value = None
    if value is None:
        return [f"exrl %r0,{lab}"]
    if rng.random() < 0.5:
        return [f"lghi %r11,{value}", f"exrl %r11,{lab}"]
    return [f"lghi %r11,{value}", f"larl %r1,{lab}", f"ex %r11,0(%r1)"]


def body_lines(g, family, count):
    lines = []
    for _ in range(count):
        t = g.rng.choice(FAMILIES[family])
        if callable(t):
            lines.append(t(g))
        elif t.endswith(" SS"):
            l = g.rng.randrange(256)
            d1, d2 = g.rng.randrange(0, SCRATCH - l), g.rng.randrange(0, SCRATCH - l)
            lines.append([f"{t.split()[0]} {d1}({l + 1},%r12),{d2}(%r12)"])
        elif t[0].isupper():
            lines.append(special(g, t))
        else:
            lines.append([g.fill(t)])
    return lines


def value64(rng):
    return rng.choice(EDGE64) if rng.random() < 0.35 else rng.getrandbits(64)


def program(rng, family, count=16):
    g = Gen(rng)
    vector = family in genvec.FAMILIES
    groups = body_lines(g, family, count)
    body = []
    for i, group in enumerate(groups):
        body += group
        body += ["ipm %r11", f"st %r11,{136 + 4 * i}(%r13)"]
    regs = [value64(rng) for _ in range(16)]
    scratch = bytes(rng.choice([0, 0xff, 0x80, 0x7f, rng.getrandbits(8)])
                    if rng.random() < 0.3 else rng.getrandbits(8)
                    for _ in range(SCRATCH))
    out_size = 136 + 4 * count + SCRATCH + (512 if vector else 0)
    vdata, vload = genvec.vr_data(rng) if vector else ([], [])
    src = [".machine z14", ".text", ".globl _start", "_start:"] + vload
    src += ["larl %r13,regs_in", "lmg %r0,%r15,0(%r13)",
            "larl %r12,scratch", "larl %r13,outbuf",
            g.fill(rng.choice(CC_SETTERS))]
    src += body
    if vector:
        # The vector registers after the scratch area.
        src += [f"vstm %v0,%v15,{SCRATCH}(%r12)",
                f"vstm %v16,%v31,{SCRATCH + 256}(%r12)"]
    src += ["stmg %r0,%r15,0(%r13)", "ipm %r0", "st %r0,128(%r13)",
            "lghi %r2,1", "lgr %r3,%r13", f"lghi %r4,{out_size}", "svc 4",
            "lghi %r2,0", "svc 1"]
    src += g.tail
    src += [".data", ".balign 8", "regs_in:"]
    src += [f".quad {v:#x}" for v in regs]
    src += [".balign 8", "outbuf:", f".space {136 + 4 * count}", "scratch:"]
    src += [".byte " + ",".join(str(b) for b in scratch[i:i + 32])
            for i in range(0, SCRATCH, 32)]
    if vector:
        src += [".space 512"] + vdata
    return "\n".join(src) + "\n", [l for grp in groups for l in grp]
