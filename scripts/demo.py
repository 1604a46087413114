#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""pvdump demo: drive pvdump-vm on uvsim over QMP, then show the owner's tool.

    scripts/demo.py BUILDDIR
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "functional"))
sys.path.insert(0, os.path.dirname(__file__))
import qmp  # noqa: E402
import demo_pv_dump  # noqa: E402

RAM_MB = 256


def step(title):
    print(f"\n== {title}")


def cpu0_step(client):
    text = client.hmp("info registers")
    return int(re.search(r"R00=([0-9a-f]{16})", text).group(1), 16), text


def workload_counter(vm, client, cpu):
    path = vm.path("page")
    page = (RAM_MB << 20) - (cpu + 1) * 4096
    client.ok("pmemsave", {"val": page, "size": 24, "filename": path})
    with open(path, "rb") as f:
        data = f.read()
    return data[:8].decode(), struct.unpack(">Q", data[16:24])[0]


def drive_vm():
    vm = qmp.VM(base_args=["-nodefaults", "-nographic", "-accel", "tcg",
                           "-m", str(RAM_MB), "-smp", "2", "-name", "demo"])
    with vm:
        client = vm.qmp()
        step("QMP greeting and negotiation")
        print(client.greeting)
        print("query-version:", client.ok("query-version"))
        print("query-status: ", client.ok("query-status"))
        for cpu in client.ok("query-cpus-fast"):
            print(f"  vCPU {cpu['cpu-index']}: thread {cpu['thread-id']}, {cpu['cpu-state']}")

        step("the uvsim guest workload runs")
        first, _ = cpu0_step(client)
        time.sleep(0.3)
        second, text = cpu0_step(client)
        print("\n".join(text.strip().splitlines()[:4]))
        print(f"  vCPU 0 went from step {first} to step {second}")

        step("stop freezes registers and memory")
        client.ok("stop")
        print("event:", client.wait_event("STOP")["event"])
        a, _ = cpu0_step(client)
        time.sleep(0.3)
        b, _ = cpu0_step(client)
        magic, counter = workload_counter(vm, client, 0)
        print(f"  R00 {a} -> {b} after 300 ms; workload page {magic!r} counter {counter}")
        assert a == b == counter, "the paused machine changed"

        step("cont resumes")
        client.ok("cont")
        print("event:", client.wait_event("RESUME")["event"])
        time.sleep(0.3)
        c, _ = cpu0_step(client)
        print(f"  vCPU 0 is at step {c} (> {b})")
        assert c > b

        step("quit")
        client.cmd("quit")
        print("event:", client.wait_event("SHUTDOWN"))
        print("pvdump-vm exited with", vm.wait())


def protected_boot(build):
    """Build an SE image from a small payload, boot it, show it protected."""
    import tempfile
    step("a protected guest: pvdump-mkimage image booted on uvsim")
    work = tempfile.mkdtemp(prefix="pvdump-demo-pv-")
    os.environ["PVDUMP_STATE_DIR"] = os.path.join(work, "state")
    tools = os.path.join(build, "tools")
    subprocess.run([os.path.join(tools, "pvdump-hostkey"), "-o",
                    os.path.join(work, "host")], check=True)
    payload, secret = os.path.join(work, "payload"), "demo.secret=OPEN-SESAME"
    with open(payload, "wb") as f:
        f.write(b"PVDUMP-DEMO-PAYLOAD " * 200)
    with open(os.path.join(work, "parm"), "w") as f:
        f.write(secret)
    image = os.path.join(work, "se.img")
    subprocess.run([os.path.join(tools, "pvdump-mkimage"), "-i", payload,
                    "-p", os.path.join(work, "parm"), "-k",
                    os.path.join(work, "host.crt"), "-o", image], check=True)
    print(f"  built {image} ({os.path.getsize(image)} bytes), CCK in {image}.cck")
    vm = qmp.VM(args=["-kernel", image, "-object", "s390-pv-guest,id=pv0",
                      "-machine", "confidential-guest-support=pv0"],
                base_args=["-nodefaults", "-nographic", "-m", str(RAM_MB),
                           "-accel", f"tcg,host-key={work}/host.pem"])
    with vm:
        client = vm.qmp()
        print("  query-pv:", vm.pv_booted(client))
        print("  info pv:", client.hmp("info pv").strip().replace("\r\n", "; "))
        path = vm.path("ram")
        client.ok("pmemsave", {"val": 0, "size": RAM_MB << 20, "filename": path})
        with open(path, "rb") as f:
            ram = f.read()
        print(f"  host view of guest RAM: command line {'FOUND' if secret.encode() in ram else 'absent'}, "
              f"payload {'FOUND' if b'PVDUMP-DEMO-PAYLOAD' in ram else 'absent'} "
              f"(secure pages arrive encrypted)")
        client.cmd("quit")
    shutil.rmtree(work, ignore_errors=True)


def main():
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build")
    qmp.PVDUMP_VM = os.path.join(build, "pvdump-vm")
    drive_vm()
    protected_boot(build)
    demo_pv_dump.run(build, step)
    print("\ndemo finished")


if __name__ == "__main__":
    main()
