# SPDX-License-Identifier: GPL-2.0-or-later
"""How a guest ends: every CPU stopped with SIGP is a guest shutdown; a
disabled wait is a GUEST_PANICKED (QEMU's s390x rules), except at 0xfff.
The guests are a few hand-assembled instructions at 0x10000 of a raw image."""
import os
import struct
import tempfile
import unittest

import qmp

ENTRY = 0x10000

STOP_SELF = bytes.fromhex(
    "b2120200"          # stap  0x200
    "48300200"          # lh    %r3,0x200
    "ae030005"          # sigp  %r0,%r3,5 (stop)
    "a7f40000")         # j     .


def wait_at(addr):
    """LPSWE of a disabled-wait PSW at 0x300 whose address is @addr."""
    return bytes.fromhex("b2b20300" "a7f40000"), (0x0002000180000000, addr)


class GuestExit(unittest.TestCase):
    def image(self, code, psw_at_0x300=None):
        data = bytearray(ENTRY + len(code))
        data[ENTRY:] = code
        if psw_at_0x300:
            data[0x300:0x310] = struct.pack(">QQ", *psw_at_0x300)
        fd, path = tempfile.mkstemp(suffix=".bin")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        self.addCleanup(os.unlink, path)
        return path

    def start(self, path, *extra):
        vm = qmp.VM(args=["-kernel", path, *extra]).launch()
        self.addCleanup(vm.shutdown)
        return vm

    def test_all_cpus_stopped_is_a_shutdown(self):
        vm = self.start(self.image(STOP_SELF), "-S")
        c = vm.qmp()
        c.cmd("cont")
        ev = c.wait_event("SHUTDOWN")
        self.assertEqual(ev["data"], {"guest": True, "reason": "guest-shutdown"})
        self.assertEqual(vm.proc.wait(30), 0)

    def test_disabled_wait_panics(self):
        code, psw = wait_at(0x1234)
        vm = self.start(self.image(code, psw), "-S", "-no-shutdown")
        c = vm.qmp()
        c.cmd("cont")
        ev = c.wait_event("GUEST_PANICKED")
        self.assertEqual(ev["data"], {
            "action": "pause",
            "info": {"type": "s390", "core": 0, "psw-mask": psw[0],
                     "psw-addr": 0x1234, "reason": "disabled-wait"}})
        self.assertEqual(c.cmd("query-status")["return"]["status"], "guest-panicked")
        # The monitor keeps answering; the machine stays there until reset.
        self.assertEqual(c.cmd("query-status")["return"]["running"], False)

    def test_disabled_wait_at_0xfff_is_a_shutdown(self):
        code, psw = wait_at(0xfff)
        vm = self.start(self.image(code, psw), "-S")
        c = vm.qmp()
        c.cmd("cont")
        ev = c.wait_event("SHUTDOWN")
        self.assertEqual(ev["data"], {"guest": True, "reason": "guest-shutdown"})


if __name__ == "__main__":
    unittest.main()
