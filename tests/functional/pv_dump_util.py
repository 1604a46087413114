# SPDX-License-Identifier: GPL-2.0-or-later
"""Helpers shared by the protected-dump tests (not a test itself): SE images
with and without dumping allowed, protected guests on uvsim, libvirt's way
of dumping (getfd + fd: + detach), decryption with pvdump-decrypt and the
comparison of the result with the guest's true memory and registers."""
import os
import struct
import threading

import qmp
import wrapper
from se_image_fixture import SeImageFixture
from test_dump_util import Elf, start_fd_dump

DECRYPT = os.environ["PVDUMP_DECRYPT"]
PAGE = 4096
MIB = 1 << 20
KERNEL_MAGIC = b"PVDUMP-PROTECTED-DUMP-KERNEL-01!"
CMDLINE = "pvdump.secret=DUMPTEST-4b1e77 root=/dev/pvda"
SECRETS = (KERNEL_MAGIC, b"DUMPTEST-4b1e77", b"PVDUMPWL")
PV_ARGS = ["-object", "s390-pv-guest,id=pv0",
           "-machine", "confidential-guest-support=pv0"]
NT_PRPSINFO, NT_PV_CPU = 3, 0x30e


def mix64(x):
    """accel/uvsim/workload.c's register function (splitmix64 finaliser)."""
    m = (1 << 64) - 1
    x = (x + 0x9e3779b97f4a7c15) & m
    x = ((x ^ (x >> 30)) * 0xbf58476d1ce4e5b9) & m
    x = ((x ^ (x >> 27)) * 0x94d049bb133111eb) & m
    return x ^ (x >> 31)


def drain(rfd, path=None):
    """Reads @rfd to EOF on a thread, into @path if given."""
    def run():
        out = open(path, "wb") if path else None
        for chunk in iter(lambda: os.read(rfd, 1 << 20), b""):
            if out:
                out.write(chunk)
        if out:
            out.close()
    t = threading.Thread(target=run)
    t.start()
    return t


class PvDumpTest(SeImageFixture):
    """A host key, two SE images (dump allowed or not) and their CCK."""
    PREFIX = "pvdump-pvd-"
    KERNEL = KERNEL_MAGIC * 384                     # three pages
    CMDLINE = CMDLINE

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.image = cls.mkimage("dump.img", "--enable-dump")
        cls.nodump_image = cls.mkimage("nodump.img")
        cls.cck = cls.image + ".cck"

    def boot(self, mem_mib=64, smp=2, image=None, accel=""):
        """A running protected guest whose workload has started."""
        self.mem = mem_mib * MIB
        self.smp = smp
        self.vm = qmp.VM(args=["-kernel", image or self.image, *PV_ARGS],
                         base_args=["-nodefaults", "-nographic", "-accel",
                                    "tcg,host-key=" + self.path("host.pem") + accel,
                                    "-m", str(mem_mib), "-smp", str(smp)])
        self.vm.launch()
        self.addCleanup(self.vm.shutdown)
        self.qmp = self.vm.qmp()
        self.assertTrue(self.vm.pv_booted(self.qmp)["protected"])
        self.wait_steps()

    def steps(self):
        """vCPU 0's workload step counter, from the shared page."""
        path = self.vm.path("shared")
        self.qmp.ok("pmemsave", {"val": self.mem - MIB, "size": 24,
                                 "filename": path})
        with open(path, "rb") as f:
            head = f.read()
        return struct.unpack(">Q", head[16:24])[0] if head[:8] == b"PVDUMPSH" else 0

    def wait_steps(self, more=20):
        """Waits until the guest has run @more further workload steps."""
        start = self.steps()
        for _ in range(500):
            if self.steps() >= start + more:
                return
            self.vm_sleep()
        self.fail("the protected guest does not run")

    @staticmethod
    def vm_sleep():
        threading.Event().wait(0.01)

    def dump_file(self, name="dump.elf", **args):
        path = self.vm.path(name)
        a = {"paging": False, "protocol": "file:" + path}
        a.update(args)
        # A synchronous dump answers when it is written: 1 GiB of first-touch
        # guest memory takes ~10 s on a loaded 2-core CI machine.
        return path, self.qmp.cmd("dump-guest-memory", a, timeout=120)

    def start_fd_dump(self, fmt="elf"):
        """libvirt: getfd, then a detached dump into fd:NAME; returns the reader."""
        return start_fd_dump(self.qmp, fmt)

    def dump_fd(self, name="dump.elf"):
        """The whole libvirt sequence, waiting for DUMP_COMPLETED."""
        path = self.vm.path(name)
        rfd = self.start_fd_dump()
        reader = drain(rfd, path)
        ev = self.qmp.wait_event("DUMP_COMPLETED", timeout=120)
        reader.join(120)
        os.close(rfd)
        self.assertEqual(ev["data"]["result"]["status"], "completed", ev)
        return path

    def decrypt(self, path):
        out = path + ".plain"
        r = wrapper.run(DECRYPT, "-k", self.cck, "-o", out, "-f",
                        "--no-progress", path, capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        return out

    def truth(self):
        """The guest's own memory, read from uvsim's secure storage."""
        if not wrapper.TEST_HOOKS:
            self.skipTest("x-debug-guest-memsave: " + wrapper.NO_HOOKS)
        path = self.vm.path("truth")
        # Up to 1 GiB decrypted and written: minutes on a loaded machine.
        self.qmp.ok("x-debug-guest-memsave", {"val": 0, "size": self.mem,
                                              "filename": path}, timeout=120)
        with open(path, "rb") as f:
            return f.read()

    def check_dump(self, path):
        """Decrypts @path and compares it with the paused guest."""
        enc = Elf(path)
        plain = Elf(self.decrypt(path))
        truth = self.truth()
        paddr, mem = plain.memory()
        self.assertEqual(paddr, 0)
        self.assertTrue(mem == truth, "decrypted memory differs from the guest's")
        self.check_no_plaintext(enc, truth)
        self.check_registers(enc, plain, truth)
        return enc

    def check_no_plaintext(self, enc, truth):
        """No secure page's plaintext is in the encrypted dump."""
        _, mem = enc.memory()
        for secret in SECRETS:
            self.assertNotIn(secret, enc.data)
        meta = self.section(enc, "pv_mem_meta")
        states = {"enc": 0, "zero": 0, "plain": 0}
        for i in range(len(mem) // PAGE):
            comp = meta[i * 16:i * 16 + 16]
            page = slice(i * PAGE, (i + 1) * PAGE)
            if comp[:4] != b"\xff" * 4:
                states["enc"] += 1
                self.assertNotEqual(mem[page], truth[page], f"page {i} is plain")
            else:
                states["zero" if comp[15] & 1 else "plain"] += 1
        # Secure, never-touched and shared pages all occur.
        self.assertTrue(all(states.values()), states)

    def check_registers(self, enc, plain, truth):
        """Every register of every vCPU: the hypervisor's notes show nothing
        of a secure CPU (the UV hides it), while the decrypted CPU state
        holds the workload's values, with R00 equal to the step counter in
        the vCPU's own secure page of the guest's true memory."""
        ordinary = [n for n in enc.notes() if n[1] != NT_PV_CPU]
        decrypted = [n for n in plain.notes() if n[1] != NT_PRPSINFO]
        self.assertEqual(len([n for n in enc.notes() if n[1] == NT_PV_CPU]),
                         self.smp)
        self.assertEqual(len(ordinary), 10 * self.smp)
        self.assertEqual(len(decrypted), 10 * self.smp)
        for cpu in range(self.smp):
            hidden = struct.unpack(">16Q", ordinary[10 * cpu][2][128:256])
            self.assertEqual(hidden, (0,) * 16, f"CPU {cpu} leaks its GPRs")
            gprs = struct.unpack(">16Q", decrypted[10 * cpu][2][128:256])
            step = gprs[0]
            page = len(truth) - (cpu + 1) * 4096
            self.assertEqual(truth[page:page + 8], b"PVDUMPWL")
            self.assertEqual(struct.unpack(">Q", truth[page + 16:page + 24])[0],
                             step)
            self.assertEqual(gprs[1], cpu)
            for i in range(2, 16):
                self.assertEqual(gprs[i], mix64(step ^ cpu << 56 ^ i << 48))

    @staticmethod
    def section(elf, name):
        names = elf.shdrs[elf.shstrndx]
        strtab = elf.data[names[4]:names[4] + names[5]]
        for sh in elf.shdrs:
            if strtab[sh[0]:].split(b"\0")[0] == name.encode():
                return elf.data[sh[4]:sh[4] + sh[5]]
        raise AssertionError(f"no section {name}")

    def assert_runs(self):
        """The guest runs again after a dump."""
        self.assertTrue(self.qmp.ok("query-status")["running"])
        self.wait_steps(5)
