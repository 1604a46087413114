# SPDX-License-Identifier: GPL-2.0-or-later
"""Vector floating-point instruction families for the uvsim CPU oracle.

vfp: facility 129, the long format, full vectors and single elements (W
forms); vfp135: the short and extended formats and the instructions of
vector-enhancements 1 (135); vfp148: the 32-bit conversions of
vector-enhancements 2 (148).  uvcpu-run installs 135 and 148 for them.
The programs start with a random FPC (trap masks on in one of four,
rounding mode) and the vector registers hold FP elements (NaNs,
infinities, subnormals, signed zeros, edges) of the short, long or
extended format; SRNM(B), SFPC and LFPC lines change the rounding mode
and masks in between.  gen.program() stores the FPC with the registers.
"""


def v(g):
    return f"%v{g.rng.randrange(32)}"


def single(g):
    """The M field with S (single element) or not."""
    return g.rng.choice([0, 8])


def rmode(g):
    """An M field rounding mode (0: the FPC's)."""
    return g.rng.choice([0, 1, 3, 4, 5, 6, 7])


def xxc(g):
    """S; not the inexact-suppression control (XxC): QEMU 7.2 still sets
    the inexact flag under it, where the PoP suppresses the exception (the
    unit tests cover it)."""
    return g.rng.choice([0, 8])


def fpc_line(g):
    import gen
    return gen.special(g, g.rng.choice(["SRNM", "FPC"]))


def no_snan(rng, fmt):
    """An element of format @fmt (2 short, 3 long) that is not an SNaN."""
    import gen
    while True:
        x = gen.fpr_value(rng) >> (32 if fmt == 2 else 0)
        exp, quiet = (x >> 23 & 0xff, x >> 22 & 1) if fmt == 2 else \
            (x >> 52 & 0x7ff, x >> 51 & 1)
        if exp != (0xff if fmt == 2 else 0x7ff) or quiet or \
                not x & ((1 << (22 if fmt == 2 else 51)) - 1):
            return x


def fma(g, fmt, s, ops):
    """A multiply and add on operands without SNaNs: where a QNaN and an
    SNaN meet QEMU 7.2 takes the first NaN, where the PoP puts SNaNs
    first (the unit tests cover it)."""
    rng = g.rng
    regs = rng.sample(range(32), 3)
    es = 2 if fmt == 2 else 3
    lines = []
    for r in regs:
        for i in range(16 >> es):
            x = no_snan(rng, fmt)
            lines += [f"llihf %r11,{x >> 32}", f"iilf %r11,{x & 0xffffffff}"] \
                if es == 3 else [f"iilf %r11,{x}"]
            lines.append(f"vlvg{'fg'[es - 2]} %v{r},%r11,{i}")
    a, b, c = (f"%v{r}" for r in regs)
    return lines + [f"{rng.choice(ops)} {v(g)},{a},{b},{c},{s},{fmt}"]


def arith(g, fmt, s):
    rng = g.rng
    return rng.choice([
        lambda: f"{rng.choice(['vfa', 'vfs', 'vfm', 'vfd'])} "
                f"{v(g)},{v(g)},{v(g)},{fmt},{s}",
        lambda: f"vfsq {v(g)},{v(g)},{fmt},{s}",
        lambda: f"{rng.choice(['vfce', 'vfch', 'vfche'])} {v(g)},{v(g)},{v(g)},"
                f"{fmt},{s},{rng.randrange(2)}",
        lambda: f"{rng.choice(['wfc', 'wfk'])} {v(g)},{v(g)},{fmt},0",
        lambda: f"vftci {v(g)},{v(g)},{rng.randrange(4096)},{fmt},{s}",
        lambda: f"vfpso {v(g)},{v(g)},{fmt},{s},{rng.randrange(3)}",
        lambda: f"vfi {v(g)},{v(g)},{fmt},{s},{rmode(g)}",
    ])()


def _vfp(g):
    rng = g.rng
    if rng.random() < 0.12:
        return fpc_line(g)
    if rng.random() < 0.1:
        return fma(g, 3, single(g), ["vfma", "vfms"])
    if rng.random() < 0.7:
        return [arith(g, 3, single(g))]
    return [rng.choice([
        lambda: f"vfll {v(g)},{v(g)},2,{single(g)}",
        lambda: f"vflr {v(g)},{v(g)},3,{xxc(g)},{rmode(g)}",
        lambda: f"{rng.choice(['vcdg', 'vcdlg', 'vcgd', 'vclgd'])} "
                f"{v(g)},{v(g)},3,{xxc(g)},{rmode(g)}",
    ])()]


def _vfp135(g):
    rng = g.rng
    fmt = rng.choice([2, 2, 3, 4])
    s = 8 if fmt == 4 else single(g)
    if rng.random() < 0.1:
        return fpc_line(g)
    if rng.random() < 0.1 and fmt != 4:
        return fma(g, fmt, s, ["vfma", "vfms", "vfnma", "vfnms"])
    if rng.random() < 0.5:
        return [arith(g, fmt, s)]
    return [rng.choice([
        lambda: f"{rng.choice(['vfmax', 'vfmin'])} {v(g)},{v(g)},{v(g)},{fmt},{s},"
                f"{rng.choice([0, 1, 2, 3, 4, 8, 9, 10, 11, 12])}",
        lambda: f"{rng.choice(['vfce', 'vfch', 'vfche'])} {v(g)},{v(g)},{v(g)},"
                f"{fmt},{s | 4},{rng.randrange(2)}",
        lambda: f"vfll {v(g)},{v(g)},3,8",
        lambda: f"vflr {v(g)},{v(g)},4,8,{rmode(g)}",
    ])()]


def _vfp148(g):
    rng = g.rng
    if rng.random() < 0.12:
        return fpc_line(g)
    return [f"{rng.choice(['vcdg', 'vcdlg', 'vcgd', 'vclgd'])} "
            f"{v(g)},{v(g)},2,{single(g)},{rmode(g)}"]


FAMILIES = {
    "vfp": [_vfp],
    "vfp135": [_vfp135],
    "vfp148": [_vfp148],
}


# Extended-format edges: zeros, infinities, QNaN, SNaN, the smallest
# subnormal and normal, the largest finite, 1, 1.5.
EDGE_X = [0, 1 << 127, 0x7fff << 112, 0xffff << 112, 0x7fff8 << 108,
          0x7fff << 112 | 1, 1, 1 << 112, (0x7fff << 112) - 1,
          0x3fff << 112, 0x3fff8 << 108]


def fp_value128(rng):
    """A 128-bit value of short or long FP elements (gen.EDGE_E/D), or an
    extended one."""
    import gen
    if rng.random() < 0.15:
        return rng.choice(EDGE_X) if rng.random() < 0.5 else \
            rng.getrandbits(1) << 127 | rng.randrange(0x3f00, 0x4100) << 112 \
            | rng.getrandbits(112)
    size = rng.choice([4, 8])
    val = 0
    for _ in range(16 // size):
        k = rng.random()
        if size == 8:
            e = gen.fpr_value(rng)
        elif k < 0.4:
            e = rng.choice(gen.EDGE_E)
        elif k < 0.7:   # a modest exponent, so that results stay finite
            e = rng.getrandbits(1) << 31 | rng.randrange(0x70, 0x90) << 23 \
                | rng.getrandbits(23)
        else:
            e = rng.getrandbits(32)
        val = (val << (8 * size)) | e
    return val
