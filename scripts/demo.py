#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""pvdump demo: drive pvdump-vm on uvsim over QMP, then show the owner's tool.

    scripts/demo.py BUILDDIR
"""
import os
import re
import shutil
import queue
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "functional"))
sys.path.insert(0, os.path.dirname(__file__))
import qmp  # noqa: E402
import guest  # noqa: E402
import demo_pv_dump  # noqa: E402

RAM_MB = 256


def step(title):
    print(f"\n== {title}")


class Console:
    """The guest's SCLP VT220 console: a unix socket chardev, read by a
    thread into a queue of lines; what the demo types goes back in."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX)
        deadline = time.monotonic() + 10
        while True:
            try:
                self.sock.connect(path)
                break
            except (FileNotFoundError, ConnectionRefusedError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self.lines = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for raw in self.sock.makefile("rb"):
            self.lines.put(raw.decode(errors="replace").rstrip("\r\n"))
        self.lines.put(None)

    def expect(self, prefix, timeout=30):
        """Prints console lines until one starts with @prefix; returns it."""
        deadline = time.monotonic() + timeout
        while True:
            line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if line is None:
                raise RuntimeError(f"console closed before {prefix!r}")
            print("  console|", line)
            if line.startswith(prefix):
                return line

    def quiet(self, seconds):
        """True if the guest printed nothing for @seconds."""
        try:
            line = self.lines.get(timeout=seconds)
        except queue.Empty:
            return True
        print("  console|", line)
        return False

    def type(self, text):
        self.sock.sendall(text.encode())


def guest_counters(vm, client):
    """{cpu: counter} read from guest memory with pmemsave."""
    path = vm.path("counters")
    client.ok("pmemsave", {"val": guest.COUNTERS_ADDR, "size": guest.COUNTERS_SIZE,
                           "filename": path})
    with open(path, "rb") as f:
        return guest.parse_counters(f.read())


def show_dump(build, path, counters):
    """readelf and gdb-multiarch read the dump of the stopped guest."""
    elf = os.path.join(build, "guest", "pvdump-guest.elf")
    notes = subprocess.run(["readelf", "-n", path], capture_output=True,
                           text=True, check=True).stdout
    print(f"  readelf -n: {notes.count('NT_PRSTATUS')} NT_PRSTATUS notes, "
          f"{notes.count('NT_S390_PREFIX')} NT_S390_PREFIX, ...")
    phdrs = subprocess.run(["readelf", "-lW", path], capture_output=True,
                           text=True, check=True).stdout
    for line in phdrs.splitlines():
        if line.strip().startswith("LOAD"):
            print("  readelf -l: ", " ".join(line.split()))
    gdb = subprocess.run(
        ["gdb-multiarch", "-nx", "-batch", "-ex", "set architecture s390:64-bit",
         "-ex", f"file {elf}", "-ex", f"core-file {path}",
         "-ex", "print/x pvdump_guest_counters.cpu[1]",
         "-ex", "thread apply 2 info registers r2 r3 pswa"],
        capture_output=True, text=True)
    for line in gdb.stdout.splitlines():
        if re.match(r"^(\$1|r2|r3|pswa|Thread)", line.strip()):
            print("  gdb|", line.strip())
    m = re.search(r"counter = (0x[0-9a-f]+)", gdb.stdout)
    assert m and int(m.group(1), 16) == counters[1], gdb.stdout + gdb.stderr
    print(f"  gdb shows CPU 1's counter {int(m.group(1), 16)}, as pmemsave did")


def drive_vm(build):
    elf = os.path.join(build, "guest", "pvdump-guest.elf")
    if not os.path.exists(elf):
        sys.exit("demo: build/guest/pvdump-guest.elf is missing "
                 "(apt-get install gcc-s390x-linux-gnu binutils-s390x-linux-gnu)")
    vm = qmp.VM(args=["-kernel", elf, "-chardev",
                      "socket,id=con0,path=@CONSOLE@,server=on,wait=off",
                      "-device", "sclpconsole,chardev=con0", "-S"],
                base_args=["-nodefaults", "-nographic", "-accel", "tcg",
                           "-m", str(RAM_MB), "-smp", "2", "-name", "demo"])
    vm.args = [a.replace("@CONSOLE@", vm.path("console.sock")) for a in vm.args]
    with vm:
        client = vm.qmp()
        step("pvdump-guest (guest/) boots on uvsim's CPU; its SCLP console")
        # -S: the console is connected before the guest prints its banner.
        con = Console(vm.path("console.sock"))
        print("  query-status:", client.ok("query-status")["status"])
        client.ok("cont")
        con.expect("pvdump guest: 2 CPUs")
        con.expect("pvdump guest: tick 2")
        for cpu in client.ok("query-cpus-fast"):
            print(f"  vCPU {cpu['cpu-index']}: thread {cpu['thread-id']}, "
                  f"{cpu['cpu-state']}")

        step("stop freezes registers and memory")
        client.ok("stop")
        print("  event:", client.wait_event("STOP")["event"])
        a = guest_counters(vm, client)
        quiet = con.quiet(1.2)
        b = guest_counters(vm, client)
        print(f"  counters {a} -> {b} after 1.2 s; console quiet: {quiet}")
        assert a == b and quiet, "the paused machine changed"

        step("a plain ELF dump of the stopped guest, read by readelf and gdb")
        path = vm.path("guest.elf")
        client.ok("dump-guest-memory", {"paging": False, "protocol": f"file:{path}"})
        print(f"  {path}: {os.path.getsize(path)} bytes, mode "
              f"{os.stat(path).st_mode & 0o777:o}")
        show_dump(build, path, b)

        step("cont resumes")
        client.ok("cont")
        print("  event:", client.wait_event("RESUME")["event"])
        con.expect("pvdump guest: tick")
        c = guest_counters(vm, client)
        print(f"  CPU 1 counts on: {b[1]} -> {c[1]}")
        assert c[1] > b[1]

        step("typing 'stop' on the console stops the guest")
        con.type("stop\n")
        con.expect("pvdump guest: stopping")
        print("  event:", client.wait_event("SHUTDOWN")["data"])
        print("  pvdump-vm exited with", vm.wait())


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
    drive_vm(build)
    protected_boot(build)
    demo_pv_dump.run(build, step)
    print("\ndemo finished")


if __name__ == "__main__":
    main()
