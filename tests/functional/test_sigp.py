# SPDX-License-Identifier: GPL-2.0-or-later
"""SIGP orders user space completes, on CPUs in states the kernel cannot
finish them in.  The guests are hand-assembled code at 0x10000 of a raw
image (as test_guest_exit.py); CPU 0 drives CPU 1 and, when every check
held, stops itself, which is a guest shutdown; a failed check is a
disabled wait at 0xbad (GUEST_PANICKED), a hang the test's timeout."""
import os
import struct
import tempfile
import unittest

import qmp

ENTRY = 0x10000
WAIT_ADDR = 0x2222
DISABLED_WAIT = 0x0002000180000000
ESAME_64 = 0x0000000180000000


def stop_disabled_wait(order):
    """CPU 0: restart CPU 1, which sets the byte at 0x400 and loads the
    disabled-wait PSW at 0x300; give it time to get there, send @order
    (5 STOP, 9 STOP AND STORE STATUS) until accepted, SENSE CPU 1 until
    it is stopped, compare the PSW address at 0x1308 (STORE STATUS's
    PSW) with 0x408, then stop itself."""
    return bytes.fromhex(
        "a7390001"          # lghi  %r3,1
        "ae030006"          # sigp  %r0,%r3,6 (restart)
        "95010400"          # 1: cli 0x400,1
        "a774fffe"          # jne   1b
        "a55e0010"          # llilh %r5,16
        "a7560000"          # 2: brct %r5,2b
        f"ae0300{order:02x}"  # 3: sigp %r0,%r3,order
        "a724fffe"          # jh    3b (cc 2, busy)
        "ae430001"          # 4: sigp %r4,%r3,1 (sense)
        "a7410040"          # tmll  %r4,0x40 (stopped)
        "a784fffc"          # jz    4b
        "e37013080104"      # lg    %r7,0x1308
        "e37004080020"      # cg    %r7,0x408
        "a774000a"          # jne   5f
        "b2120200"          # stap  0x200
        "48300200"          # lh    %r3,0x200
        "ae030005"          # sigp  %r0,%r3,5 (stop self)
        "a7f40000"          # j     .
        "b2b20310"          # 5: lpswe 0x310 (disabled wait at 0xbad)
        "a7f40000")         # j     .


CPU1_CODE = bytes.fromhex(
    "92010400"              # mvi   0x400,1
    "b2b20300"              # lpswe 0x300 (disabled wait at WAIT_ADDR)
    "a7f40000")             # j     .


class SigpStop(unittest.TestCase):
    def image(self, order, preset_status):
        data = bytearray(ENTRY + 0x200)
        code = stop_disabled_wait(order)
        data[ENTRY:ENTRY + len(code)] = code
        data[ENTRY + 0x100:ENTRY + 0x100 + len(CPU1_CODE)] = CPU1_CODE
        data[0x1a0:0x1b0] = struct.pack(">QQ", ESAME_64, ENTRY + 0x100)
        data[0x300:0x310] = struct.pack(">QQ", DISABLED_WAIT, WAIT_ADDR)
        data[0x310:0x320] = struct.pack(">QQ", DISABLED_WAIT, 0xbad)
        data[0x408:0x410] = struct.pack(">Q", WAIT_ADDR)
        if preset_status:
            data[0x1308:0x1310] = struct.pack(">Q", WAIT_ADDR)
        fd, path = tempfile.mkstemp(suffix=".bin")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        self.addCleanup(os.unlink, path)
        return path

    def run_guest(self, path):
        vm = qmp.VM(args=["-kernel", path, "-smp", "2", "-S"]).launch()
        self.addCleanup(vm.shutdown)
        c = vm.qmp()
        c.cmd("cont")
        ev = c.wait_event("SHUTDOWN", timeout=20)
        self.assertEqual(ev["data"], {"guest": True, "reason": "guest-shutdown"})
        self.assertEqual(vm.proc.wait(30), 0)

    def test_stop_of_cpu_in_disabled_wait(self):
        # QEMU's sigp_stop: a CPU halted in a disabled wait is stopped at once.
        self.run_guest(self.image(5, preset_status=True))

    def test_stop_and_store_status_of_cpu_in_disabled_wait(self):
        # The status is stored at 0x1200 with the wait PSW (0x1300).
        self.run_guest(self.image(9, preset_status=False))


if __name__ == "__main__":
    unittest.main()
