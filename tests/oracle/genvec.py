# SPDX-License-Identifier: GPL-2.0-or-later
"""Vector-facility (129) instruction families for the uvsim CPU oracle.

Each family is a list of functions g -> list of assembly lines (g is
gen.Gen).  Vector programs load all 32 vector registers from a data block
of random 128-bit values (element edges of every size) and store them
after the scratch area for the comparison.  Only forms whose result the
architecture defines are generated (no reserved element sizes).  The
vxeh family has the non-floating-point instructions of vector-enhancements
1 and 2 (135, 148), which uvcpu-run turns on as QEMU 7.2's user-mode CPU
has them.  Left out: VCKSM, whose end-around carry QEMU 7.2 computes
wrongly (tests/unit/test-uvcpu-vec.c checks the architected value).
"""


def v(g):
    return f"%v{g.rng.randrange(32)}"


def es(g, hi, lo=0):
    return g.rng.randrange(lo, hi + 1)


def vrange(g):
    v1 = g.rng.randrange(32)
    return f"%v{v1},%v{g.rng.randrange(v1, min(32, v1 + 16))}"


def elem_imm(g, size):
    return g.imm(8 * size if size < 4 else 16, True)


def _vload(g):
    rng = g.rng
    e = es(g, 3)
    n = 16 >> e
    return rng.choice([
        lambda: f"vl {v(g)},{g.mem(16)}",
        lambda: f"vst {v(g)},{g.mem(16)}",
        lambda: f"vlr {v(g)},{v(g)}",
        lambda: f"vlm {vrange(g)},{g.mem(256)}",
        lambda: f"vstm {vrange(g)},{g.mem(256)}",
        lambda: f"vlrep {v(g)},{g.mem(1 << e)},{e}",
        lambda: f"vllez {v(g)},{g.mem(1 << e)},{e}",
        lambda: f"vle{'bhfg'[e]} {v(g)},{g.mem(1 << e)},{rng.randrange(n)}",
        lambda: f"vste{'bhfg'[e]} {v(g)},{g.mem(1 << e)},{rng.randrange(n)}",
        lambda: f"vlei{'bhfg'[e]} {v(g)},{g.imm(16, True)},{rng.randrange(n)}",
        lambda: f"vlgv {g.r()},{v(g)},{g.shift()},{e}",
        lambda: f"vlvg {v(g)},{g.r()},{g.shift()},{e}",
        lambda: f"vlvgp {v(g)},{g.r()},{g.r()}",
        lambda: f"vll {v(g)},{g.r()},{g.mem(16)}",
        lambda: f"vstl {v(g)},{g.r()},{g.mem(16)}",
        lambda: f"vlbb {v(g)},{g.mem(16)},{rng.randrange(7)}",
        lambda: f"lcbb {g.r()},{g.mem(16)},{rng.randrange(7)}",
        lambda: f"vgbm {v(g)},{g.imm(16, False)}",
        lambda: f"vgm {v(g)},{rng.randrange(256)},{rng.randrange(256)},{e}",
        lambda: f"vrepi {v(g)},{g.imm(16, True)},{e}",
        lambda: f"vrep {v(g)},{v(g)},{rng.randrange(n)},{e}",
    ])()


def _vperm(g):
    rng = g.rng
    e3, e2 = es(g, 3), es(g, 2)
    return rng.choice([
        lambda: f"vperm {v(g)},{v(g)},{v(g)},{v(g)}",
        lambda: f"vpdi {v(g)},{v(g)},{v(g)},{rng.choice([0, 1, 4, 5])}",
        lambda: f"vmr{rng.choice('hl')} {v(g)},{v(g)},{v(g)},{e3}",
        lambda: f"vpk {v(g)},{v(g)},{v(g)},{es(g, 3, 1)}",
        lambda: f"vpk{rng.choice(['s', 'ls'])} {v(g)},{v(g)},{v(g)},"
                f"{es(g, 3, 1)},{rng.randrange(2)}",
        lambda: f"vup{rng.choice(['h', 'l', 'lh', 'll'])} {v(g)},{v(g)},{e2}",
        lambda: f"vsel {v(g)},{v(g)},{v(g)},{v(g)}",
        lambda: f"vseg {v(g)},{v(g)},{e2}",
        lambda: gather(g),
    ])()


def gather(g):
    """VGEx/VSCEx with an index element set to a scratch offset first."""
    rng = g.rng
    size = rng.choice([4, 8])
    idx = rng.randrange(16 // size)
    vi, off = rng.randrange(32), g.rng.randrange(0, 512 - size + 1)
    op = rng.choice(["vge", "vsce"]) + ("f" if size == 4 else "g")
    return [f"vlei{'f' if size == 4 else 'g'} %v{vi},{off},{idx}",
            f"{op} {v(g)},0(%v{vi},%r12),{idx}"]


def _vint(g):
    rng = g.rng
    e3, e4 = es(g, 3), es(g, 4)
    return rng.choice([
        lambda: f"{rng.choice(['va', 'vs', 'vacc', 'vscbi'])} {v(g)},{v(g)},{v(g)},{e4}",
        lambda: f"{rng.choice(['vac', 'vaccc', 'vsbi', 'vsbcbi'])} "
                f"{v(g)},{v(g)},{v(g)},{v(g)},4",
        lambda: f"{rng.choice(['vn', 'vnc', 'vo', 'vx', 'vno'])} {v(g)},{v(g)},{v(g)}",
        lambda: f"{rng.choice(['vavg', 'vavgl', 'vmx', 'vmxl', 'vmn', 'vmnl'])} "
                f"{v(g)},{v(g)},{v(g)},{e3}",
        lambda: f"{rng.choice(['vceq', 'vch', 'vchl'])} {v(g)},{v(g)},{v(g)},"
                f"{e3},{rng.randrange(2)}",
        lambda: f"{rng.choice(['vec', 'vecl'])} {v(g)},{v(g)},{e3}",
        lambda: f"vtm {v(g)},{v(g)}",
        lambda: f"{rng.choice(['vlc', 'vlp', 'vclz', 'vctz'])} {v(g)},{v(g)},{e3}",
        lambda: f"vpopct {v(g)},{v(g)},0",
    ])()


def _vmul(g):
    rng = g.rng
    e2 = es(g, 2)
    return rng.choice([
        lambda: f"{rng.choice(['vml', 'vmh', 'vmlh', 'vme', 'vmle', 'vmo', 'vmlo'])} "
                f"{v(g)},{v(g)},{v(g)},{e2}",
        lambda: f"{rng.choice(['vmal', 'vmah', 'vmalh', 'vmae', 'vmale', 'vmao', 'vmalo'])} "
                f"{v(g)},{v(g)},{v(g)},{v(g)},{e2}",
        lambda: f"vgfm {v(g)},{v(g)},{v(g)},{es(g, 3)}",
        lambda: f"vgfma {v(g)},{v(g)},{v(g)},{v(g)},{es(g, 3)}",
        lambda: f"vsum {v(g)},{v(g)},{v(g)},{es(g, 1)}",
        lambda: f"vsumg {v(g)},{v(g)},{v(g)},{es(g, 2, 1)}",
        lambda: f"vsumq {v(g)},{v(g)},{v(g)},{es(g, 3, 2)}",
    ])()


def _vshift(g):
    rng = g.rng
    e3 = es(g, 3)
    return rng.choice([
        lambda: f"{rng.choice(['vesl', 'vesra', 'vesrl', 'verll'])} "
                f"{v(g)},{v(g)},{g.shift()},{e3}",
        lambda: f"{rng.choice(['veslv', 'vesrav', 'vesrlv', 'verllv'])} "
                f"{v(g)},{v(g)},{v(g)},{e3}",
        lambda: f"verim {v(g)},{v(g)},{v(g)},{rng.randrange(256)},{e3}",
        lambda: f"{rng.choice(['vsl', 'vslb', 'vsra', 'vsrab', 'vsrl', 'vsrlb'])} "
                f"{v(g)},{v(g)},{v(g)}",
        lambda: f"vsldb {v(g)},{v(g)},{v(g)},{rng.randrange(16)}",
    ])()


def _vstring(g):
    rng = g.rng
    e2 = es(g, 2)
    return rng.choice([
        lambda: f"vfae {v(g)},{v(g)},{v(g)},{e2},{rng.randrange(16)}",
        lambda: f"{rng.choice(['vfee', 'vfene'])} {v(g)},{v(g)},{v(g)},{e2},"
                f"{rng.randrange(4)}",
        lambda: f"vistr {v(g)},{v(g)},{e2},{rng.randrange(2)}",
        lambda: f"vstrc {v(g)},{v(g)},{v(g)},{v(g)},{e2},{rng.randrange(16)}",
    ])()


def _vxeh(g):
    rng = g.rng
    e = es(g, 3, 1)
    n = 16 >> e
    return rng.choice([
        lambda: f"vbperm {v(g)},{v(g)},{v(g)}",
        lambda: f"vmsl {v(g)},{v(g)},{v(g)},{v(g)},3,{rng.choice([0, 4, 8, 12])}",
        lambda: f"vpopct {v(g)},{v(g)},{es(g, 3)}",
        lambda: f"vllez {v(g)},{g.mem(4)},6",
        lambda: f"{rng.choice(['vlbr', 'vstbr'])} {v(g)},{g.mem(16)},{es(g, 4, 1)}",
        lambda: f"{rng.choice(['vler', 'vster'])} {v(g)},{g.mem(16)},{e}",
        lambda: f"vlbrrep {v(g)},{g.mem(1 << e)},{e}",
        lambda: f"vllebrz {v(g)},{g.mem(4)},{rng.choice([1, 2, 3, 6])}",
        lambda: f"{rng.choice(['vlebr', 'vstebr'])}{'hfg'[e - 1]} "
                f"{v(g)},{g.mem(1 << e)},{rng.randrange(n)}",
        lambda: f"{rng.choice(['vsld', 'vsrd'])} {v(g)},{v(g)},{v(g)},{rng.randrange(8)}",
        lambda: vstrs(g),
    ])()


def vstrs(g):
    """VSTRS, mostly on a needle cut from the haystack so that full and
    partial matches occur; with ZS, the haystack sometimes made free of
    zero bytes so that its matches are not cut short."""
    rng = g.rng
    hay, ndl, lv, one = rng.sample(range(32), 4)
    e = es(g, 2)
    zs = rng.random() < 0.4
    lines = []
    if rng.random() < 0.7:
        lines.append(f"vsldb %v{ndl},%v{hay},%v{hay},{rng.randrange(16)}")
    if rng.random() < 0.8:
        lines.append(f"vrepib %v{lv},{rng.randrange(20)}")
    if zs and rng.random() < 0.5:
        lines += [f"vrepib %v{one},1", f"vo %v{hay},%v{hay},%v{one}"]
    dst = rng.randrange(32)
    return lines + [f"vstrs %v{dst},%v{hay},%v{ndl},%v{lv},{e},{2 if zs else 0}"]


def _lines(fn):
    def item(g):
        out = fn(g)
        return out if isinstance(out, list) else [out]
    return [item]


FAMILIES = {
    "vload": _lines(_vload),
    "vperm": _lines(_vperm),
    "vint": _lines(_vint),
    "vmul": _lines(_vmul),
    "vshift": _lines(_vshift),
    "vstring": _lines(_vstring),
    "vxeh": _lines(_vxeh),
}


def value128(rng):
    """A 128-bit value made of edge or random elements of one size."""
    size = rng.choice([1, 2, 4, 8, 16])
    bits = 8 * size
    edges = [0, 1, (1 << bits) - 1, 1 << (bits - 1), (1 << (bits - 1)) - 1,
             (1 << bits) - 2]
    val = 0
    for _ in range(16 // size):
        e = rng.choice(edges) if rng.random() < 0.4 else rng.getrandbits(bits)
        val = (val << bits) | e
    return val


def vr_data(rng, value=value128):
    """The data block and the load / store lines of the 32 registers,
    each a value(rng)."""
    data = [".balign 16", "vregs_in:"]
    for _ in range(32):
        x = value(rng)
        data += [f".quad {x >> 64:#x}", f".quad {x & ((1 << 64) - 1):#x}"]
    load = ["larl %r11,vregs_in", "vlm %v0,%v15,0(%r11)",
            "vlm %v16,%v31,256(%r11)"]
    return data, load
