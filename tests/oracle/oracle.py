#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Differential oracle: uvsim's CPU interpreter against qemu-s390x.

Generates seeded random programs per instruction family (gen.py),
assembles and links them with binutils-s390x-linux-gnu, runs each under
qemu-s390x-static and under uvcpu-run, and compares their output (all
GPRs, the CC log, the final CC and program mask, the scratch storage) and
exit status byte for byte.  On a mismatch it prints the program's body and
the first differing field, and fails.

    oracle.py --runner BUILD/tests/oracle/uvcpu-run [--seed N] [--count N]
              [--jobs N] [--families a,b] [--keep DIR]

The meson test runs --seed 1 --count 276 (12 per family); a long run is e.g.
--seed $RANDOM --count 20000.  Exit status 77 (skip) when the cross
binutils or qemu-s390x-static are missing.
"""
import argparse
import concurrent.futures
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402

TOOLS = ["s390x-linux-gnu-as", "s390x-linux-gnu-ld", "qemu-s390x-static"]


def build(workdir, name, src):
    s, o, elf = (os.path.join(workdir, name + ext) for ext in (".s", ".o", ".elf"))
    with open(s, "w") as f:
        f.write(src)
    subprocess.run(["s390x-linux-gnu-as", "-march=z15", s, "-o", o], check=True,
                   capture_output=True)
    subprocess.run(["s390x-linux-gnu-ld", "-static", o, "-o", elf], check=True,
                   capture_output=True)
    return elf


# QEMU 7.2's user mode lacks the vector-processing exception (program
# interruption 0x1B, an IEEE trap of a vector FP instruction): it exits
# with status 1 where Linux sends SIGFPE, as uvcpu-run does.
QEMU_VXC_EXIT = b"Unhandled program exception: 0x1b"


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, timeout=30)
    if p.returncode == 1 and p.stderr.startswith(QEMU_VXC_EXIT):
        return -signal.SIGFPE, p.stdout
    return p.returncode, p.stdout


def describe(a, b, count):
    """The first differing field of two output blocks."""
    for i in range(min(len(a), len(b))):
        if a[i] != b[i]:
            break
    else:
        return f"output lengths {len(a)} / {len(b)}"
    if i < 128:
        r = i // 8
        return (f"r{r}: qemu {a[r*8:r*8+8].hex()} uvcpu {b[r*8:r*8+8].hex()}")
    if i < 136:
        return f"final IPM word: qemu {a[128:132].hex()} uvcpu {b[128:132].hex()}"
    if i < 136 + 4 * count:
        k = (i - 136) // 4
        return (f"CC log after body item {k}: qemu {a[136+4*k:140+4*k].hex()} "
                f"uvcpu {b[136+4*k:140+4*k].hex()}")
    off = i - 136 - 4 * count
    if off >= gen.SCRATCH:
        vr = (off - gen.SCRATCH) // 16
        base = 136 + 4 * count + gen.SCRATCH + 16 * vr
        return (f"v{vr}: qemu {a[base:base+16].hex()} "
                f"uvcpu {b[base:base+16].hex()}")
    return f"scratch+{off}: qemu {a[i:i+8].hex()} uvcpu {b[i:i+8].hex()}"


def one(args, workdir, index):
    rng = random.Random(f"{args.seed}-{index}")
    family = args.families[index % len(args.families)]
    src, body = gen.program(rng, family, args.length)
    name = f"t{index:05d}-{family}"
    try:
        elf = build(workdir, name, src)
    except subprocess.CalledProcessError as e:
        return f"BUILD FAILED for {name}:\n{e.stderr.decode()}"
    q = run(["qemu-s390x-static", elf])
    u = run([args.runner, elf])
    if q == u:
        return None
    msg = [f"MISMATCH in program {name} (seed {args.seed}, family {family}):",
           f"  exit status qemu {q[0]} uvcpu {u[0]}",
           "  " + describe(q[1], u[1], args.length), "  body:"]
    msg += ["    " + line for line in body]
    return "\n".join(msg)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runner", required=True)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--count", type=int, default=240)
    ap.add_argument("--length", type=int, default=16)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--families", default=",".join(gen.FAMILIES))
    ap.add_argument("--keep", help="keep the programs in this directory")
    ap.add_argument("--max-failures", type=int, default=5)
    args = ap.parse_args()
    args.families = args.families.split(",")
    missing = [t for t in TOOLS if not shutil.which(t)]
    if missing:
        print("oracle: skipped, missing " + " ".join(missing))
        return 77
    workdir = args.keep or tempfile.mkdtemp(prefix="uvcpu-oracle-")
    os.makedirs(workdir, exist_ok=True)
    failures = []
    try:
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as ex:
            for res in ex.map(lambda i: one(args, workdir, i), range(args.count)):
                if res:
                    failures.append(res)
                    if len(failures) <= args.max_failures:
                        print(res)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"oracle: {args.count} programs x {args.length} body items, "
          f"families {','.join(args.families)}, seed {args.seed}: "
          f"{len(failures)} mismatches")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
