# SPDX-License-Identifier: GPL-2.0-or-later
"""The machine on uvsim: the project's guest (pvdump-guest) runs on every
vCPU, stop freezes registers and memory, cont resumes them, reset and the
loader behave as QEMU's do."""
import os
import re
import struct
import subprocess
import time
import unittest

import guest
import wrapper
from qmp import VM

RAM = 64 << 20
PAGE = 4096


def parse_registers(text):
    """{cpu index: {"PSW": (mask, addr), "R00": int, ...}} from info registers -a."""
    cpus = {}
    for block in re.split(r"\r?\nCPU#", text)[1:]:
        index, body = block.split("\r\n", 1)
        regs = {k: int(v, 16) for k, v in re.findall(r"([RVC]\d\d)=([0-9a-f]+)", body)}
        m = re.search(r"PSW=mask ([0-9a-f]{16}) addr ([0-9a-f]{16})", body)
        regs["PSW"] = (int(m.group(1), 16), int(m.group(2), 16))
        cpus[int(index)] = regs
    return cpus


class MachineTest(unittest.TestCase):
    def start(self, *args, smp=2):
        vm = VM(args=args, base_args=["-nodefaults", "-nographic", "-accel", "tcg",
                                      "-m", str(RAM >> 20), "-smp", str(smp)])
        vm.launch()
        self.addCleanup(vm.shutdown)
        self.vm = vm
        self.qmp = vm.qmp()
        return vm

    def registers(self):
        return parse_registers(self.qmp.hmp("info registers -a"))

    def memory(self, addr, size):
        path = self.vm.path(f"mem-{addr:x}")
        self.qmp.ok("pmemsave", {"val": addr, "size": size, "filename": path})
        with open(path, "rb") as f:
            data = f.read()
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)
        os.unlink(path)
        return data

    def counters(self):
        return guest.parse_counters(self.memory(guest.COUNTERS_ADDR,
                                                guest.COUNTERS_SIZE))

    def wait_for_progress(self, cpu, above, timeout=5):
        """Waits until CPU @cpu's counter in guest memory passes @above."""
        deadline = time.monotonic() + wrapper.scaled(timeout)
        while time.monotonic() < deadline:
            count = self.counters().get(cpu, 0)
            if count > above:
                return count
            time.sleep(0.02)
        self.fail(f"vCPU {cpu} made no progress beyond {above}")


class GuestTest(MachineTest):
    def start_guest(self, *args, smp=2):
        return self.start(*guest.kernel_args(), *args, smp=smp)

    def test_guest_runs_on_every_vcpu(self):
        self.start_guest(smp=3)
        self.assertEqual(self.qmp.ok("query-status")["status"], "running")
        for cpu in range(3):
            self.wait_for_progress(cpu, 1000)
        regs = self.registers()
        for cpu in (1, 2):
            # The counting loop keeps the CPU address in GR3 (docs/guest.md).
            self.assertEqual(regs[cpu]["R03"], cpu)
            self.assertEqual(regs[cpu]["PSW"][0] & ~0x0000300000000000,
                             0x0000000180000000)

    def test_stop_freezes_registers_and_memory_cont_resumes(self):
        self.start_guest()
        self.wait_for_progress(1, 1000)
        self.qmp.ok("stop")
        self.qmp.wait_event("STOP")
        self.assertEqual(self.qmp.ok("query-status"),
                         {"status": "paused", "singlestep": False, "running": False})
        regs = self.registers()
        counters = self.counters()
        time.sleep(0.3)
        self.assertEqual(self.registers(), regs)
        self.assertEqual(self.counters(), counters)
        # Registers and memory are one consistent snapshot.
        self.assertTrue(guest.counting_consistent(regs[1], counters[1]),
                        (regs[1], counters[1]))
        self.qmp.ok("cont")
        self.qmp.wait_event("RESUME")
        for cpu in (0, 1):
            self.wait_for_progress(cpu, counters[cpu])

    def test_start_paused_runs_nothing_until_cont(self):
        self.start_guest("-S")
        self.assertEqual(self.qmp.ok("query-status")["status"], "prelaunch")
        time.sleep(0.1)
        self.assertEqual(self.counters(), {})
        regs = self.registers()
        self.assertEqual(regs[0]["PSW"], (0x0000000180000000, 0x10000))
        self.assertEqual(regs[0]["C00"], 0xE0)
        self.assertEqual(regs[0]["C14"], 0xC2000000)
        self.qmp.ok("cont")
        self.qmp.wait_event("RESUME")
        self.wait_for_progress(0, 3)

    def test_system_reset(self):
        self.start_guest()
        self.wait_for_progress(1, 100000)
        self.qmp.ok("stop")
        self.qmp.ok("system_reset")
        ev = self.qmp.wait_event("RESET")
        self.assertEqual(ev["data"], {"guest": False, "reason": "host-qmp-system-reset"})
        # QEMU: a machine reset while not running waits in prelaunch.
        self.assertEqual(self.qmp.ok("query-status")["status"], "prelaunch")
        regs = self.registers()
        self.assertEqual(regs[0]["PSW"], (0x0000000180000000, 0x10000))
        self.assertEqual(regs[1]["R02"], 0)
        # The image was loaded again: its counters start over.
        self.assertEqual(self.counters(), {})
        self.qmp.ok("cont")
        # The guest boots again: CPU 1 is started anew and counts from 0.
        self.wait_for_progress(1, 0)

    def test_system_powerdown_quiesces_the_guest(self):
        self.start_guest(smp=2)
        self.wait_for_progress(1, 1000)
        self.qmp.ok("system_powerdown")
        self.assertEqual(self.qmp.wait_event("POWERDOWN")["event"], "POWERDOWN")
        # pvdump-guest stops every CPU on the SCLP signal-quiesce event:
        # the machine's "all CPUs stopped" shutdown, as QEMU's.
        ev = self.qmp.wait_event("SHUTDOWN")
        self.assertEqual(ev["data"], {"guest": True, "reason": "guest-shutdown"})
        self.assertEqual(self.vm.wait(), 0)

    def test_cpu_states(self):
        self.start_guest("-S", smp=2)
        states = [c["cpu-state"] for c in self.qmp.ok("query-cpus-fast")]
        # Only the IPL CPU operates after reset; the guest starts the others.
        self.assertEqual(states, ["operating", "stopped"])
        self.qmp.ok("cont")
        self.wait_for_progress(1, 2)
        self.qmp.ok("stop")
        # Pausing the VM does not change the architected CPU state (QEMU).
        states = [c["cpu-state"] for c in self.qmp.ok("query-cpus-fast")]
        self.assertEqual(states, ["operating", "operating"])

    def test_query_cpus_fast_threads_are_real(self):
        vm = self.start(smp=4)
        cpus = self.qmp.ok("query-cpus-fast")
        self.assertEqual([c["cpu-index"] for c in cpus], [0, 1, 2, 3])
        tasks = set(int(t) for t in os.listdir(f"/proc/{vm.pid}/task"))
        for c in cpus:
            self.assertIn(c["thread-id"], tasks)
            with open(f"/proc/{vm.pid}/task/{c['thread-id']}/comm") as f:
                self.assertEqual(f.read().strip(), f"CPU {c['cpu-index']}/KVM")


class LargeGuestTest(unittest.TestCase):
    def test_terabyte_guest_runs_in_little_memory(self):
        # Guest RAM is mapped MAP_NORESERVE: a 1 TiB guest starts, runs
        # pvdump-guest, with untouched memory unbacked.
        vm = VM(args=[*guest.kernel_args()],
                base_args=["-nodefaults", "-nographic", "-m", "1T"])
        vm.launch()
        self.addCleanup(vm.shutdown)
        qmp = vm.qmp()
        self.assertEqual(qmp.ok("query-status")["status"], "running")
        if wrapper.WRAPPER:
            return      # valgrind's own memory is not the VM's
        with open(f"/proc/{vm.pid}/status") as f:
            rss = int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1))
        self.assertLess(rss, 256 << 10)


class LoaderTest(MachineTest):
    def write(self, name, data):
        path = os.path.join(self.tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def setUp(self):
        import tempfile
        self.tmp = tempfile.mkdtemp(prefix="pvdump-loader-")
        self.addCleanup(lambda: __import__("shutil").rmtree(self.tmp))

    def test_device_loader_places_files(self):
        blob = os.urandom(3 * PAGE + 123)
        f = self.write("blob", blob)
        self.start("-S", "-device", f"loader,file={f},addr=0x200000",
                   "-device", '{"driver":"loader","file":"%s","addr":1048576}' % f)
        self.assertEqual(self.memory(0x200000, len(blob)), blob)
        self.assertEqual(self.memory(0x100000, len(blob)), blob)

    def test_kernel_initrd_append(self):
        # QEMU loads a raw image at 0 and enters it at 0x10000, where a
        # Linux image has its "S390EP" parameter-area marker at +8.
        kernel = bytearray(0x11000)
        kernel[0x10008:0x1000E] = b"S390EP"
        kernel[0x100] = 0x5A
        initrd = os.urandom(5000)
        k = self.write("kernel", bytes(kernel))
        i = self.write("initrd", initrd)
        self.start("-S", "-kernel", k, "-initrd", i, "-append", "console=ttyS0 pvdump=1")
        self.assertEqual(self.memory(0x10000, 14)[8:], b"S390EP")
        self.assertEqual(self.memory(0x100, 1), b"\x5a")
        self.assertEqual(self.memory(0x800000, len(initrd)), initrd)
        start, size = struct.unpack(">QQ", self.memory(0x10408, 16))
        self.assertEqual((start, size), (0x800000, len(initrd)))
        self.assertEqual(self.memory(0x10480, 23), b"console=ttyS0 pvdump=1\0")
        self.assertEqual(self.registers()[0]["PSW"], (0x0000000180000000, 0x10000))

    def elf(self, entry, segments):
        """A big-endian s390x ELF64 EXEC: @segments are (paddr, data, memsz)."""
        phoff, data_off = 64, 64 + 56 * len(segments)
        eh = (b"\x7fELF\x02\x02\x01" + bytes(9) +
              struct.pack(">HHIQQQIHHHHHH", 2, 22, 1, entry, phoff, 0, 0, 64, 56,
                          len(segments), 64, 0, 0))
        phdrs, blobs = b"", b""
        for paddr, data, memsz in segments:
            phdrs += struct.pack(">IIQQQQQQ", 1, 7, data_off + len(blobs), paddr,
                                 paddr, len(data), memsz, 0x1000)
            blobs += data
        return self.write("kernel.elf", eh + phdrs + blobs)

    def test_kernel_elf_linux_layout(self):
        # kvm-unit-tests' layout: lowcore at 0, text at 0x10000 (the entry),
        # data+BSS above; QEMU loads PT_LOADs at p_paddr, zeroes the BSS and,
        # since the entry is 0x10000, fills the initrd and cmdline slots.
        k = self.elf(0x10000, [(0x0, b"\x00\x08\x00\x00\x80\x01\x00\x00", 8),
                               (0x10000, b"\xa7\xf4\x00\x00" + bytes(0x600), 0x604),
                               (0x1b000, b"\x11" * 16, 0x2000)])
        initrd = os.urandom(3000)
        i = self.write("initrd", initrd)
        self.start("-S", "-device", "loader,file=%s,addr=0x1b010" % i,
                   "-kernel", k, "-initrd", i, "-append", "test 123")
        self.assertEqual(self.memory(0x0, 8), bytes.fromhex("0008000080010000"))
        self.assertEqual(self.memory(0x10000, 4), bytes.fromhex("a7f40000"))
        self.assertEqual(self.memory(0x800000, len(initrd)), initrd)
        self.assertEqual(struct.unpack(">QQ", self.memory(0x10408, 16)),
                         (0x800000, 3000))
        self.assertEqual(self.memory(0x10480, 9), b"test 123\0")
        self.assertEqual(self.registers()[0]["PSW"], (0x0000000180000000, 0x10000))
        # -device loader runs after -kernel: it overwrites the BSS at 0x1b010.
        self.assertEqual(self.memory(0x1b000, 0x20), b"\x11" * 16 + initrd[:16])

    def test_kernel_elf_bss_and_empty_cmdline(self):
        k = self.elf(0x10000, [(0x10000, bytes(0x500), 0x500),
                               (0x20000, b"\x22" * 8, 0x1000)])
        self.start("-S", "-kernel", k)
        # A reset loads the image again, the same way.
        self.qmp.hmp("system_reset")
        self.assertEqual(self.memory(0x20000, 16), b"\x22" * 8 + bytes(8))
        self.assertEqual(self.memory(0x10480, 1), b"\0")
        self.assertEqual(self.registers()[0]["PSW"], (0x0000000180000000, 0x10000))

    def test_kernel_elf_other_entry(self):
        # Not a Linux layout: entered at its ELF entry, no parameters written.
        k = self.elf(0x20000, [(0x10000, b"\x33" * 0x500, 0x500),
                               (0x20000, b"\x07\x07", 2)])
        i = self.write("initrd", b"abc")
        self.start("-S", "-kernel", k, "-initrd", i, "-append", "x")
        self.assertEqual(self.memory(0x10408, 16), b"\x33" * 16)
        self.assertEqual(self.memory(0x10480, 2), b"\x33\x33")
        self.assertEqual(self.memory(0x800000, 3), b"abc")
        self.assertEqual(self.registers()[0]["PSW"], (0x0000000180000000, 0x20000))

    def test_kernel_elf_errors(self):
        k = self.elf(0x10000, [(RAM - 0x100, bytes(16), 0x1000)])
        r = wrapper.run(os.environ.get("PVDUMP_VM", "pvdump-vm"), "-nodefaults",
                        "-accel", "tcg", "-m", str(RAM >> 20), "-kernel", k,
                        capture_output=True, text=True, timeout=20,
                        stdin=subprocess.DEVNULL)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr, "pvdump-vm: kernel '%s': ELF segment 0x%x+0x1000 "
                         "is outside guest memory\n" % (k, RAM - 0x100))

    def test_pmemsave_errors(self):
        self.start("-S")
        r = self.qmp.cmd("pmemsave", {"val": RAM - 16, "size": 32,
                                      "filename": self.vm.path("x")})
        self.assertEqual(r["error"]["desc"],
                         "guest address range 0x3fffff0+0x20 is outside guest "
                         "memory (0x4000000 bytes)")
        self.assertFalse(os.path.exists(self.vm.path("x")))
        r = self.qmp.cmd("pmemsave", {"val": 0, "size": 16,
                                      "filename": "/nonexistent/dir/x"})
        self.assertEqual(r["error"]["desc"],
                         "Could not open '/nonexistent/dir/x': No such file or directory")
        self.assertEqual(self.qmp.ok("query-status")["status"], "prelaunch")


if __name__ == "__main__":
    unittest.main()
