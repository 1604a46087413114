# SPDX-License-Identifier: GPL-2.0-or-later
"""Vector floating-point instruction families for the uvsim CPU oracle.

vfp: facility 129, the long format, full vectors and single elements (W
forms); vfp135: the short and extended formats and the instructions of
vector-enhancements 1 (135); vfp148: the 32-bit conversions of
vector-enhancements 2 (148).  The programs start with a random FPC (trap
masks on in one of four, rounding mode) and the vector registers hold FP
elements (NaNs, infinities, subnormals, signed zeros, edges) of the short
or long format; SRNMB and SFPC lines change the rounding mode and masks
in between.  gen.program() stores the FPC with the registers.
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


def arith(g, fmt, s):
    rng = g.rng
    return rng.choice([
        lambda: f"{rng.choice(['vfa', 'vfs', 'vfm', 'vfd'])} "
                f"{v(g)},{v(g)},{v(g)},{fmt},{s}",
        lambda: f"vfsq {v(g)},{v(g)},{fmt},{s}",
        lambda: f"{rng.choice(['vfma', 'vfms'])} {v(g)},{v(g)},{v(g)},{v(g)},{s},{fmt}",
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
    if rng.random() < 0.7:
        return [arith(g, 3, single(g))]
    return [rng.choice([
        lambda: f"vfll {v(g)},{v(g)},2,{single(g)}",
        lambda: f"vflr {v(g)},{v(g)},3,{xxc(g)},{rmode(g)}",
        lambda: f"{rng.choice(['vcdg', 'vcdlg', 'vcgd', 'vclgd'])} "
                f"{v(g)},{v(g)},3,{xxc(g)},{rmode(g)}",
    ])()]


FAMILIES = {
    "vfp": [_vfp],
}


def fp_value128(rng):
    """A 128-bit value of short or long FP elements (gen.EDGE_E/D)."""
    import gen
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
