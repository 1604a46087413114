# SPDX-License-Identifier: GPL-2.0-or-later
"""A dump keeps the VM still: stop, cont and system_reset (QMP and HMP)
are refused while a dump runs, in every phase, for ordinary and protected
guests; the guest always ends runnable and the next dump completes (and,
protected, decrypts).  Regression for a system_reset during a detached
protected dump into a slow reader, which used to tear the configuration
down under the open UV dump: the dump failed and the guest was wedged."""
import os
import threading
import unittest

import guest
from pv_dump_util import PvDumpTest, drain
from test_dump_util import start_vm

IN_PROGRESS = "There is a dump in process, please wait."
REFUSED = {"error": {"class": "GenericError", "desc": IN_PROGRESS}}
HMP_REFUSED = f"Error: {IN_PROGRESS}\r\n"
TIMEOUT = 120


def read_exactly(rfd, n):
    """Reads @n bytes of the dump from the pipe @rfd."""
    out = bytearray()
    while len(out) < n:
        chunk = os.read(rfd, min(1 << 20, n - len(out)))
        if not chunk:
            raise AssertionError(f"the dump ended after {len(out)} bytes")
        out += chunk
    return bytes(out)


def settle():
    """Gives the dump thread time to fill the pipe and block in its write."""
    threading.Event().wait(0.5)


class RunStateDuringDump:
    """The sweep, shared by ordinary and protected guests."""

    def assert_commands_refused(self):
        """Every run-state command, QMP and HMP, while the dump runs."""
        for cmd in ("stop", "cont", "system_reset"):
            self.assertEqual(self.qmp.cmd(cmd), REFUSED, cmd)
            self.assertEqual(self.qmp.hmp(cmd), HMP_REFUSED, cmd)
        self.assertEqual(self.qmp.ok("query-status")["status"], "save-vm")
        self.assertEqual(self.qmp.ok("query-dump")["status"], "active")

    def dump_with_commands(self, head, path):
        """A detached fd: dump; after @head bytes were read the commands
        are tried; then the rest is read into @path.  Returns its size."""
        rfd = self.start_fd_dump()
        data = read_exactly(rfd, head)
        settle()
        self.assert_commands_refused()
        with open(path, "wb") as f:
            f.write(data)
        reader = drain(rfd, path + ".rest")
        ev = self.qmp.wait_event("DUMP_COMPLETED", timeout=TIMEOUT)
        reader.join(TIMEOUT)
        os.close(rfd)
        with open(path, "ab") as f, open(path + ".rest", "rb") as rest:
            f.write(rest.read())
        self.assertEqual(ev["data"]["result"]["status"], "completed", ev)
        self.assertNotIn("RESET", [e["event"] for e in self.qmp.events])
        self.assert_runs()
        return os.path.getsize(path)

    def sweep(self, phases_of):
        """Phase 'before the first byte' first: it tells the dump's size,
        from which the later phases' positions follow."""
        size = self.dump_with_commands(0, self.vm.path("first.elf"))
        self.check_next(self.vm.path("first.elf"))
        for name, head in phases_of(size):
            with self.subTest(phase=name):
                path = self.vm.path(name + ".elf")
                self.assertEqual(self.dump_with_commands(head, path), size)
                self.check_next(path)
        # Afterwards every command works again.
        self.qmp.ok("stop")
        self.qmp.ok("cont")
        self.assert_runs()


class Ordinary(RunStateDuringDump, PvDumpTest):
    """A running ordinary guest (pvdump-guest counting on every vCPU)."""

    def setUp(self):
        self.vm, self.qmp = start_vm(self, mem=32, smp=2, paused=False,
                                     guest=True)
        self.mem = 32 << 20

    def steps(self):
        """vCPU 1's counter, from pvdump-guest's counters in guest memory."""
        path = self.vm.path("counters")
        self.qmp.ok("pmemsave", {"val": guest.COUNTERS_ADDR,
                                 "size": guest.COUNTERS_SIZE, "filename": path})
        with open(path, "rb") as f:
            return guest.parse_counters(f.read()).get(1, 0)

    def check_next(self, path):
        """The dump is an ELF of the whole RAM; so is the next one."""
        with open(path, "rb") as f:
            self.assertEqual(f.read(4), b"\x7fELF")
        self.qmp.ok("stop")
        self.assertGreater(os.path.getsize(self.dump_fd("next.elf")), self.mem)
        self.qmp.ok("cont")
        self.assert_runs()

    def test_sweep(self):
        self.sweep(lambda size: [("memory", 1 << 20)])

    def test_powerdown_waits_for_the_dump(self):
        """system_powerdown is accepted during a dump (as QEMU's): the
        signal quiesce waits in the paused machine, the dump completes,
        then the guest quiesces and the machine shuts down."""
        rfd = self.start_fd_dump()
        data = read_exactly(rfd, 1 << 20)
        settle()
        self.assertEqual(self.qmp.cmd("system_powerdown"), {"return": {}})
        self.qmp.wait_event("POWERDOWN")
        self.assertEqual(self.qmp.ok("query-dump")["status"], "active")
        self.assertEqual(self.qmp.ok("query-status")["status"], "save-vm")
        path = self.vm.path("powerdown.elf")
        reader = drain(rfd, path)
        ev = self.qmp.wait_event("DUMP_COMPLETED", timeout=TIMEOUT)
        reader.join(TIMEOUT)
        os.close(rfd)
        self.assertEqual(ev["data"]["result"]["status"], "completed", ev)
        self.assertEqual(data[:4], b"\x7fELF")
        self.assertGreater(len(data) + os.path.getsize(path), self.mem)
        ev = self.qmp.wait_event("SHUTDOWN", timeout=TIMEOUT)
        self.assertEqual(ev["data"], {"guest": True, "reason": "guest-shutdown"})


class Protected(RunStateDuringDump, PvDumpTest):
    """A running protected guest: the UV dump is completed every time."""

    def setUp(self):
        self.boot(32, 2)

    def check_next(self, path):
        """@path decrypts; the guest runs; the next dump is exact."""
        self.decrypt(path)
        self.assertFalse(self.qmp.ok("query-pv")["dump-incomplete"])
        self.qmp.ok("stop")
        self.check_dump(self.dump_fd("next.elf"))
        self.qmp.ok("cont")
        self.assert_runs()

    def test_sweep(self):
        # In the sections: between CONFIG_STOR_STATE and DUMP_COMPLETE.
        self.sweep(lambda size: [("memory", 1 << 20),
                                 ("sections", size - (128 << 10))])

    def test_system_reset_mid_dump(self):
        """The reported case: a detached dump into a slow reader, then
        system_reset after 0.5 s."""
        rfd = self.start_fd_dump()
        settle()
        self.assertEqual(self.qmp.cmd("system_reset"), REFUSED)
        path = self.vm.path("reset.elf")
        reader = drain(rfd, path)
        ev = self.qmp.wait_event("DUMP_COMPLETED", timeout=TIMEOUT)
        reader.join(TIMEOUT)
        os.close(rfd)
        self.assertEqual(ev["data"], {"result": {
            "status": "completed", "completed": self.mem,
            "total": self.mem}})
        self.decrypt(path)
        self.assertEqual(self.qmp.cmd("cont"), {"return": {}})
        self.assert_runs()
        self.qmp.ok("stop")
        self.check_dump(self.dump_fd("second.elf"))
        self.qmp.ok("cont")
        self.assert_runs()
        # Outside a dump the reset works: the guest re-IPLs protected.
        self.qmp.ok("system_reset")
        self.qmp.wait_event("RESET")
        # stage3a runs once the VM runs again: wait for the boot to finish.
        self.assertTrue(self.vm.pv_booted(self.qmp)["protected"])
        self.wait_steps()


if __name__ == "__main__":
    unittest.main(verbosity=2)
