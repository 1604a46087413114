# SPDX-License-Identifier: GPL-2.0-or-later
"""The protected part of dump-bench: a protected guest of the benchmark's
size booted from an SE image whose kernel is the benchmark's first image
part (so its pages are secure), dumped as ELF; the same guest without
protection (that part loaded where stage3b puts the kernel, the same
workload running), dumped as plain ELF; and pvdump-decrypt on the
protected dump.  Each protected run boots a fresh guest, so that every
secure page is exported (encrypted by uvsim) during the timed dump."""
import os
import shutil
import subprocess
import tempfile
import time

KERNEL_ADDR = 0x10000                   # SE_KERNEL_ADDR: stage3b's target
PV_ARGS = ["-object", "s390-pv-guest,id=pv0",
           "-machine", "confidential-guest-support=pv0"]


def make_se_image(tools, work, kernel):
    """Host key, then an SE image with dumping allowed; returns (image, cck)."""
    env = dict(os.environ, PVDUMP_STATE_DIR=os.path.join(work, "state"))
    subprocess.run([os.path.join(tools, "pvdump-hostkey"), "-o",
                    os.path.join(work, "host")], check=True, env=env,
                   stdout=subprocess.DEVNULL)
    with open(os.path.join(work, "parm"), "w") as f:
        f.write("root=/dev/pvda pvdump.bench=1")
    image = os.path.join(work, "se.img")
    subprocess.run([os.path.join(tools, "pvdump-mkimage"), "-i", kernel, "-p",
                    os.path.join(work, "parm"), "-k", os.path.join(work, "host.crt"),
                    "-o", image, "--enable-dump", "--overwrite"], check=True,
                   stderr=subprocess.DEVNULL)
    return image, image + ".cck"


def boot(vm, work, image, kernel, mem, pv, QMP):
    sock = os.path.join(work, "pv.sock")
    guest = (["-kernel", image] + PV_ARGS if pv else
             ["-device", f"loader,file={kernel},addr={KERNEL_ADDR}"])
    argv = [vm, "-nodefaults", "-nographic", "-m", mem, "-smp", "2",
            "-accel", f"tcg,host-key={work}/host.pem",
            "-qmp", f"unix:{sock},server=on,wait=off"] + guest
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    qmp = QMP(sock)
    while pv and not qmp.cmd("query-pv")["return"]["protected"]:
        time.sleep(0.05)
    time.sleep(0.5)                     # the workload runs
    qmp.cmd("stop")
    return proc, qmp


def one_dump(vm, work, image, kernel, mem, pv, out, QMP, timed_dump):
    proc, qmp = boot(vm, work, image, kernel, mem, pv, QMP)
    try:
        os.unlink(out) if os.path.exists(out) else None
        result = timed_dump(qmp, proc.pid, out, "elf", keep=pv)
        qmp.cmd("quit")
    finally:
        proc.wait(60)
    return result


def decrypt_speed(tools, dump, cck, outdir, size):
    out = os.path.join(outdir, "pv.plain")
    os.sync()
    t = time.monotonic()
    subprocess.run([os.path.join(tools, "pvdump-decrypt"), "--no-progress", "-f",
                    "-k", cck, "-o", out, dump], check=True)
    dt = time.monotonic() - t
    os.unlink(out)
    return size / dt / 1e6


def run(vm, kernel, outdir, size, repeat, QMP, timed_dump):
    """Rows (label, format, MB/s, output bytes, extra RSS KiB) and decrypt MB/s."""
    tools = os.path.join(os.path.dirname(os.path.abspath(vm)), "tools")
    work = tempfile.mkdtemp(prefix="dump-bench-pv-")
    image, cck = make_se_image(tools, work, kernel)
    mem = f"{size >> 20}M"
    dump = os.path.join(outdir, "pv.elf")
    rows = []
    for label, pv in (("plain", False), ("protected", True)):
        runs = [one_dump(vm, work, image, kernel, mem, pv, dump, QMP, timed_dump)
                for _ in range(repeat)]
        print(f"# same guest, {label} elf: " +
              " ".join(f"{size / r[0] / 1e6:.0f}" for r in runs) + " MB/s", flush=True)
        dt, osize, _, disk = min(runs)
        rows.append((f"uvsim-{label}", "elf", size / dt / 1e6, osize,
                     max(r[2] for r in runs), disk, dt))
    dec = decrypt_speed(tools, dump, cck, outdir, size)
    os.unlink(dump)
    shutil.rmtree(work, ignore_errors=True)
    return rows, dec
