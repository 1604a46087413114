# SPDX-License-Identifier: GPL-2.0-or-later
"""The protected-dump part of the demo (scripts/demo.py): an SE image with
dumping allowed boots on uvsim, its workload runs, it is dumped through QMP
the way libvirt does it (getfd + fd: + detach, waiting for DUMP_COMPLETED),
and the owner decrypts the dump with pvdump-decrypt and the CCK."""
import hashlib
import os
import re
import shutil
import struct
import subprocess
import tempfile
import threading
import time

import qmp

RAM_MB = 256
SECRET = "demo.secret=DUMP-ME-IF-YOU-CAN"


def load(path):
    """(memory of the single PT_LOAD, [(type, desc)] notes) of a BE ELF64 core."""
    with open(path, "rb") as f:
        d = f.read()
    phoff, phnum = struct.unpack(">Q", d[32:40])[0], struct.unpack(">H", d[56:58])[0]
    mem, notes = None, []
    for i in range(phnum):
        p_type, _, off, _, _, size, _, _ = struct.unpack(
            ">IIQQQQQQ", d[phoff + 56 * i:phoff + 56 * i + 56])
        if p_type == 1:
            mem = d[off:off + size]
        elif p_type == 4:
            pos = off
            while pos < off + size:
                namesz, descsz, ntype = struct.unpack(">III", d[pos:pos + 12])
                pos += 12 + ((namesz + 3) & ~3)
                notes.append((ntype, d[pos:pos + descsz]))
                pos += (descsz + 3) & ~3
    return d, mem, notes


def libvirt_dump(client, path):
    """getfd, dump-guest-memory fd:NAME detach=true, read the pipe, wait."""
    rfd, wfd = os.pipe()
    client.ok("getfd", {"fdname": "dump"}, fds=[wfd])
    os.close(wfd)
    client.ok("dump-guest-memory", {"paging": False, "protocol": "fd:dump",
                                    "detach": True})

    def copy():
        with open(path, "wb") as out:
            for chunk in iter(lambda: os.read(rfd, 1 << 20), b""):
                out.write(chunk)
    reader = threading.Thread(target=copy)
    start = time.monotonic()
    reader.start()
    event = client.wait_event("DUMP_COMPLETED", timeout=120)
    reader.join()
    os.close(rfd)
    return event, time.monotonic() - start


def registers(client, cpu):
    """GPRs 0-15 of @cpu as "info registers" shows the hypervisor's view
    (all zero for a secure CPU: its state belongs to the Ultravisor)."""
    text = client.hmp(f"info registers {cpu}")
    return [int(v, 16) for v in re.findall(r"R\d\d=([0-9a-f]{16})", text)]


def run(build, step):
    step("dumping a protected guest: QMP like libvirt, decrypted by the owner")
    work = tempfile.mkdtemp(prefix="pvdump-demo-pvd-")
    os.environ["PVDUMP_STATE_DIR"] = os.path.join(work, "state")
    tools = os.path.join(build, "tools")
    subprocess.run([os.path.join(tools, "pvdump-hostkey"), "-o",
                    os.path.join(work, "host")], check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(work, "kernel"), "wb") as f:
        f.write(b"PVDUMP-DEMO-KERNEL " * 400)
    with open(os.path.join(work, "parm"), "w") as f:
        f.write(SECRET)
    image = os.path.join(work, "se.img")
    subprocess.run([os.path.join(tools, "pvdump-mkimage"), "-i",
                    os.path.join(work, "kernel"), "-p", os.path.join(work, "parm"),
                    "-k", os.path.join(work, "host.crt"), "-o", image,
                    "--enable-dump"], check=True)
    vm = qmp.VM(args=["-kernel", image, "-object", "s390-pv-guest,id=pv0",
                      "-machine", "confidential-guest-support=pv0"],
                base_args=["-nodefaults", "-nographic", "-m", str(RAM_MB), "-smp", "2",
                           "-accel", f"tcg,host-key={work}/host.pem"])
    with vm:
        client = vm.qmp()
        print("  query-pv:", vm.pv_booted(client))
        time.sleep(0.5)                  # let the workload run
        client.ok("stop")                # a consistent picture to compare with
        dump = os.path.join(work, "guest.elf")
        event, secs = libvirt_dump(client, dump)
        print(f"  DUMP_COMPLETED: {event['data']['result']} in {secs:.2f} s")
        truth = vm.path("truth")
        client.ok("x-debug-guest-memsave", {"val": 0, "size": RAM_MB << 20,
                                            "filename": truth})
        with open(truth, "rb") as f:
            truth = f.read()
        regs = [registers(client, cpu) for cpu in range(2)]
        client.ok("cont")
        print("  guest after the dump:", client.ok("query-status")["status"])
        client.cmd("quit")
    plain = dump + ".plain"
    decrypt = os.path.join(tools, "pvdump-decrypt")
    subprocess.run([decrypt, "--key", image + ".cck", "--info", dump], check=True)
    subprocess.run([decrypt, "--no-progress", "-k",
                    image + ".cck", "-o", plain, dump], check=True)
    enc_data, _, _ = load(dump)
    _, mem, notes = load(plain)
    found = lambda data: "FOUND" if SECRET.encode() in data else "absent"
    print(f"  command line: encrypted dump {found(enc_data)}, decrypted dump {found(mem)}")
    print(f"  sha256 decrypted memory {hashlib.sha256(mem).hexdigest()[:16]}…, "
          f"guest memory {hashlib.sha256(truth).hexdigest()[:16]}…: "
          f"{'equal' if mem == truth else 'DIFFERENT'}")
    prstatus = [desc for ntype, desc in notes if ntype == 1]
    for cpu, desc in enumerate(prstatus):
        gprs = list(struct.unpack(">16Q", desc[128:256]))
        page = len(truth) - (cpu + 1) * 4096
        counter = struct.unpack(">Q", truth[page + 16:page + 24])[0]
        hidden = "hidden" if not any(regs[cpu]) else "VISIBLE"
        print(f"  CPU {cpu}: host's view of its GPRs {hidden}; decrypted R00 = "
              f"{gprs[0]}, the step counter in its secure page = {counter}: "
              f"{'equal' if gprs[0] == counter else 'DIFFERENT'}")
    wrong_key(decrypt, image + ".cck", dump)
    shutil.rmtree(work, ignore_errors=True)


def wrong_key(decrypt, cck, dump):
    """The dump authenticates only with the owner's key: the CCK with every
    bit flipped is refused."""
    with open(cck, "rb") as f:
        wrong = bytes(b ^ 0xff for b in f.read())
    path = cck + ".wrong"
    with open(path, "wb") as f:
        f.write(wrong)
    bad = subprocess.run([decrypt, "--key", path, "--verify", dump],
                         capture_output=True, text=True)
    print(f"  with the wrong key: exit {bad.returncode}: {bad.stderr.strip()}")
