# SPDX-License-Identifier: GPL-2.0-or-later
"""pvdump-guest (guest/, docs/guest.md) booted on an emulator: the banner
names every CPU and the memory size, every CPU's counter grows, "stop", 'q'
and a signal quiesce (system_powerdown) stop all CPUs, upon which the
emulator exits with status 0; the ELF has the documented layout and symbol.

The assertions live in GuestTests; EmulatorGuestTest starts an emulator
binary with the same command line for both: QemuGuestTest on
qemu-system-s390x (the peer), PvdumpVmGuestTest on pvdump-vm.  Skips (exit
status 77) without the guest (no cross compiler); each class skips without
its emulator.  The TOD clock stands still while the machine is stopped."""
import os
import queue
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import qmp
import wrapper

GUEST_ELF = os.environ.get("PVDUMP_GUEST_ELF", "")
COUNTERS_ADDR = 0x8000
MAGIC = b"PVDUMPGU"
BANNER = re.compile(r"^pvdump guest: (\d+) CPUs, (\d+) MiB$")
TICK = re.compile(r"^pvdump guest: tick (\d+) counters((?: \d+:\d+)+)$")
FINAL = re.compile(r"^pvdump guest: final counters((?: \d+:\d+)+)$")
STOPPING = "pvdump guest: stopping"


def counters(pairs):
    """{cpu address: count} from " addr:count ..." of a status line."""
    return {int(a): int(c) for a, c in re.findall(r"(\d+):(\d+)", pairs)}


def readelf(*args):
    return subprocess.run(["readelf", "-W", *args, GUEST_ELF], check=True,
                          capture_output=True, text=True).stdout


class Guest:
    """A running emulator: its console lines come through a queue."""

    def __init__(self, argv):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.lines = queue.Queue()
        self.seen = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for raw in self.proc.stdout:
            self.lines.put(raw.decode(errors="replace").rstrip("\r\n"))
        self.lines.put(None)

    def expect(self, pattern, timeout=30):
        """The match of the next console line that matches @pattern."""
        deadline = time.monotonic() + wrapper.scaled(timeout)
        while True:
            try:
                line = self.lines.get(timeout=max(0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no line matching {pattern.pattern!r} "
                                     f"within {timeout} s; saw {self.seen}")
            if line is None:
                raise AssertionError(f"console ended before {pattern.pattern!r};"
                                     f" saw {self.seen}")
            self.seen.append(line)
            m = pattern.match(line)
            if m:
                return m

    def send(self, text):
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def wait(self, timeout=30):
        """The emulator's exit status, which must come within @timeout."""
        return self.proc.wait(timeout=wrapper.scaled(timeout))

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdin.close()
        self.proc.stdout.close()
        self.proc.stderr.close()


class GuestTests:
    """The assertions; mixed into a unittest.TestCase with emulator_argv."""

    def emulator_argv(self, smp, mem_mib, extra=()):
        """The command line booting GUEST_ELF with its SCLP console on stdio."""
        raise NotImplementedError

    def boot(self, smp, mem_mib, extra=()):
        guest = Guest(self.emulator_argv(smp, mem_mib, extra))
        self.addCleanup(guest.kill)
        m = guest.expect(BANNER)
        self.assertEqual((int(m.group(1)), int(m.group(2))), (smp, mem_mib))
        return guest

    def assert_counting(self, guest, smp, ticks=3):
        """@ticks consecutive status lines: CPU addresses 0..@smp-1, every
        counter larger than in the line before."""
        last = None
        for i in range(ticks):
            m = guest.expect(TICK)
            now = counters(m.group(2))
            self.assertEqual(sorted(now), list(range(smp)))
            if last is not None:
                self.assertEqual(int(m.group(1)), last_tick + 1)
                for cpu in now:
                    self.assertGreater(now[cpu], last[cpu], f"CPU {cpu}")
            last, last_tick = now, int(m.group(1))
        return last

    def assert_stops(self, guest, last):
        final = counters(guest.expect(FINAL).group(1))
        for cpu in final:
            self.assertGreaterEqual(final[cpu], last[cpu], f"CPU {cpu}")
        guest.expect(re.compile("^" + STOPPING + "$"))
        self.assertEqual(guest.wait(), 0)

    def test_four_cpus_stop(self):
        guest = self.boot(4, 128)
        last = self.assert_counting(guest, 4)
        guest.send("stop\n")
        self.assert_stops(guest, last)

    def test_one_cpu_512m_q(self):
        guest = self.boot(1, 512)
        last = self.assert_counting(guest, 1, ticks=2)
        guest.send("q")
        self.assert_stops(guest, last)

    def test_other_input_is_ignored(self):
        guest = self.boot(2, 128)
        guest.send("stopp\nhello\n")
        self.assert_counting(guest, 2, ticks=3)
        guest.send("stop\r")
        self.assert_stops(guest, {0: 0, 1: 0})

    def qmp_session(self, sock_path):
        """A negotiated QMP client on the emulator's socket."""
        client = qmp.QMPClient(qmp.connect_unix(sock_path))
        self.addCleanup(client.close)
        return client

    def test_tod_clock_stands_still_while_stopped(self):
        """The guest prints a tick per second of its TOD clock: after a
        3 s stop the next two ticks are still about a second apart (QEMU
        and KVM keep the TOD still while the machine is stopped)."""
        sock_path = os.path.join(self.tmp, "qmp.sock")
        guest = self.boot(1, 128, ["-qmp", f"unix:{sock_path},server=on,wait=off"])
        client = self.qmp_session(sock_path)
        guest.expect(TICK)
        client.ok("stop")
        time.sleep(3)
        client.ok("cont")
        first = int(guest.expect(TICK).group(1))
        t0 = time.monotonic()
        second = int(guest.expect(TICK).group(1))
        self.assertEqual(second, first + 1)
        self.assertGreater(time.monotonic() - t0, 0.5)

    def test_signal_quiesce(self):
        sock_path = os.path.join(self.tmp, "qmp.sock")
        guest = self.boot(2, 128, ["-qmp", f"unix:{sock_path},server=on,wait=off"])
        last = self.assert_counting(guest, 2, ticks=1)
        self.qmp_session(sock_path).ok("system_powerdown")
        guest.expect(re.compile("^pvdump guest: signal quiesce$"))
        self.assert_stops(guest, last)


class GuestElfTest(unittest.TestCase):
    """The image layout docs/guest.md promises, read with readelf."""

    def test_layout(self):
        self.assertIn("Entry point address:               0x10000",
                      readelf("-h"))
        loads = re.findall(r"LOAD\s+(0x[0-9a-f]+) (0x[0-9a-f]+)", readelf("-l"))
        self.assertEqual(int(loads[0][1], 16), 0)
        with open(GUEST_ELF, "rb") as f:
            f.seek(int(loads[0][0], 16))
            low = f.read(0x200)
        # the short IPL PSW, and the restart new PSW entering at 0x10000
        self.assertEqual(low[:8], bytes.fromhex("0008000080010000"))
        self.assertEqual(struct.unpack(">QQ", low[0x1a0:0x1b0]),
                         (0x0000000180000000, 0x10000))
        # external, SVC, program, machine-check, I/O new PSWs: 64-bit, set
        for off in range(0x1b0, 0x200, 16):
            mask, addr = struct.unpack(">QQ", low[off:off + 16])
            self.assertEqual(mask, 0x0000000180000000, hex(off))
            self.assertGreater(addr, 0x10000, hex(off))

    def test_counters_symbol(self):
        syms = re.findall(r"([0-9a-f]{16})\s+(\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+\S+\s+"
                          r"pvdump_guest_counters$", readelf("-s"), re.M)
        self.assertEqual(syms, [("%016x" % COUNTERS_ADDR, str(16 + 248 * 16))])
        sec = re.search(r"\.counters\s+PROGBITS\s+([0-9a-f]+) ([0-9a-f]+)",
                        readelf("-S"))
        self.assertEqual(int(sec.group(1), 16), COUNTERS_ADDR)
        with open(GUEST_ELF, "rb") as f:
            f.seek(int(sec.group(2), 16))
            head = f.read(16)
        self.assertEqual(head[:8], MAGIC)
        self.assertEqual(struct.unpack(">II", head[8:]), (1, 0))


def guest_machine_args(smp, mem_mib, extra=()):
    """The command line after the binary: GUEST_ELF with its SCLP console
    on stdio, the same for QEMU and pvdump-vm."""
    return ["-nodefaults", "-nographic", "-machine", "s390-ccw-virtio,accel=tcg",
            "-chardev", "stdio,id=con0", "-device", "sclpconsole,chardev=con0",
            "-kernel", GUEST_ELF, "-smp", str(smp), "-m", str(mem_mib), *extra]


class EmulatorGuestTest(GuestTests):
    """GuestTests on the emulator binary EMULATOR (skipped if unset)."""

    EMULATOR = None
    WRAPPED = True          # under the test wrapper (valgrind), as pvdump-vm

    def setUp(self):
        if not self.EMULATOR:
            self.skipTest(f"no emulator for {type(self).__name__}")
        self.tmp = tempfile.mkdtemp(prefix="pvdump-guest-")
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def emulator_argv(self, smp, mem_mib, extra=()):
        args = guest_machine_args(smp, mem_mib, extra)
        if self.WRAPPED:
            return wrapper.argv(self.EMULATOR, *args)
        return [self.EMULATOR, *args]


class QemuGuestTest(EmulatorGuestTest, unittest.TestCase):
    """The peer: QEMU 7.2 TCG."""

    EMULATOR = shutil.which("qemu-system-s390x")
    WRAPPED = False


class PvdumpVmGuestTest(EmulatorGuestTest, unittest.TestCase):
    """pvdump-vm on uvsim: the same command line as QEMU's."""

    EMULATOR = os.environ.get("PVDUMP_VM", "")


if __name__ == "__main__":
    if not GUEST_ELF or not os.path.exists(GUEST_ELF):
        print("SKIP: pvdump-guest is not built (no s390x-linux-gnu-gcc; "
              "apt-get install gcc-s390x-linux-gnu)", flush=True)
        sys.exit(77)
    unittest.main()
