# SPDX-License-Identifier: GPL-2.0-or-later
"""dump-guest-memory against its real consumers: readelf, eu-readelf,
gdb-multiarch, libkdumpfile and makedumpfile, for every format, through
files and pipes, filtered and whole, with one and several vCPUs."""
import os
import re
import struct
import threading
import time
import unittest

import guest as guest_module
from test_dump_util import (CONTENT_ADDR, PAGE, Elf, dump, kdump_read_all,
                            kdump_read_pages, run, start_vm)

KDUMP = ["zlib", "lzo", "snappy", "zstd"]


class DumpFormats(unittest.TestCase):
    """A paused 64 MiB guest: every format holds exactly guest memory."""

    def setUp(self):
        self.vm, self.qmp = start_vm(self)

    def elf(self, name="dump.elf", **args):
        path = self.vm.path(name)
        self.assertEqual(dump(self.qmp, path, **args), {"return": {}})
        return path

    def test_elf_headers(self):
        e = Elf(self.elf())
        self.assertEqual(e.ident[:7], b"\x7fELF\x02\x02\x01")
        self.assertEqual((e.type, e.machine, e.ehsize), (4, 22, 64))
        self.assertEqual((e.phentsize, e.shentsize), (56, 64))
        self.assertEqual((e.phnum, e.shnum, e.shstrndx), (2, 2, 1))
        # The .shstrtab header is big-endian too (docs/decisions.md D3).
        name, stype, _, _, off, size = e.shdrs[1][:6]
        self.assertEqual((name, stype, size), (1, 3, 11))
        self.assertEqual(e.data[off:], b"\0.shstrtab\0")
        self.assertEqual(e.loads(), [(0, 0x130 + 1240 * 2, 64 << 20)])
        self.assertEqual(os.stat(self.vm.path("dump.elf")).st_mode & 0o777,
                         0o600)

    def test_elf_content_and_notes(self):
        e = Elf(self.elf())
        _, mem = e.memory()
        self.assertEqual(mem[CONTENT_ADDR:CONTENT_ADDR + len(self.content)],
                         self.content)
        notes = e.notes()
        self.assertEqual(len(notes), 20)
        self.assertEqual([(n, t) for n, t, _ in notes[:3]],
                         [("CORE", 1), ("CORE", 2), ("LINUX", 0x305)])
        pids = [struct.unpack(">I", d[32:36])[0]
                for n, t, d in notes if t == 1]
        self.assertEqual(pids, [1, 2])

    def test_readelf_accepts(self):
        path = self.elf()
        for tool in (["readelf", "-a", "-W"], ["eu-readelf", "-a"]):
            r = run(tool + [path])
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(r.stderr, "", tool)
            self.assertNotRegex(r.stdout.lower(), "warning|invalid|error")

    def test_libkdumpfile_reads_every_page(self):
        ref = Elf(self.elf()).memory()[1]
        self.assertEqual(kdump_read_all(self.vm.path("dump.elf"), len(ref)),
                         ref)
        for comp in KDUMP:
            path = self.vm.path("raw-" + comp)
            self.assertEqual(dump(self.qmp, path, "kdump-raw-" + comp),
                             {"return": {}})
            self.assertEqual(kdump_read_all(path, len(ref)), ref, comp)

    def test_makedumpfile_reassembles_flattened(self):
        for comp in KDUMP:
            flat, raw = self.vm.path("flat-" + comp), self.vm.path("raw")
            self.assertEqual(dump(self.qmp, flat, "kdump-" + comp),
                             {"return": {}})
            self.assertEqual(dump(self.qmp, raw, "kdump-raw-" + comp),
                             {"return": {}})
            out = self.vm.path("reassembled-" + comp)
            with open(flat, "rb") as f:
                r = run(["makedumpfile", "-R", out], stdin=f)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            mem = kdump_read_all(raw, 64 << 20)
            self.assertEqual(kdump_read_all(out, 64 << 20), mem, comp)
            os.unlink(out)

    def test_kdump_excludes_zero_pages(self):
        # As makedumpfile -d 1: exactly the all-zero pages are left out
        # (libkdumpfile: "excluded"), every other page is there; the
        # flattened stream reassembles to the raw file.
        ref = Elf(self.elf()).memory()[1]
        zero = bytes(PAGE)
        expect = [None if ref[a:a + PAGE] == zero else ref[a:a + PAGE]
                  for a in range(0, len(ref), PAGE)]
        self.assertTrue(0 < expect.count(None) < len(expect))
        raw, flat = self.vm.path("x.raw"), self.vm.path("x.flat")
        for path, fmt in ((raw, "kdump-raw-zlib"), (flat, "kdump-zlib")):
            self.assertEqual(dump(self.qmp, path, fmt,
                                  **{"exclude-zero-pages": True}),
                             {"return": {}})
            q = self.qmp.ok("query-dump")
            self.assertEqual(q["completed"], q["total"])
        self.assertEqual(kdump_read_pages(raw, len(ref)), expect)
        out = self.vm.path("reassembled")
        with open(flat, "rb") as f:
            r = run(["makedumpfile", "-R", out], stdin=f)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        with open(out, "rb") as a, open(raw, "rb") as b:
            self.assertEqual(a.read(), b.read())
        # 24 bytes per page less than a dump that keeps them.
        full = self.vm.path("full.raw")
        dump(self.qmp, full, "kdump-raw-zlib")
        self.assertEqual(os.path.getsize(full) - os.path.getsize(raw),
                         24 * expect.count(None))
        self.assertEqual(self.qmp.cmd("dump-guest-memory", {
            "paging": False, "protocol": "file:" + self.vm.path("e"),
            "exclude-zero-pages": True}), {"error": {
                "class": "GenericError",
                "desc": "parameter 'exclude-zero-pages' needs a "
                        "kdump-compressed format"}})
        hmp = self.vm.path("hmp.flat")
        self.assertEqual(self.qmp.hmp(f"dump-guest-memory -x -z {hmp}"), "")
        with open(flat, "rb") as a, open(hmp, "rb") as b:
            self.assertEqual(a.read(), b.read())

    def test_zstd_smaller_than_zlib(self):
        sizes = {}
        for comp in ("zlib", "zstd"):
            path = self.vm.path(comp)
            dump(self.qmp, path, "kdump-" + comp)
            sizes[comp] = os.path.getsize(path)
        self.assertLess(sizes["zstd"], sizes["zlib"])

    def test_threads_do_not_change_bytes(self):
        outs = []
        for threads in (1, 3):
            path = self.vm.path(f"t{threads}")
            self.assertEqual(dump(self.qmp, path, "kdump-zlib", threads=threads),
                             {"return": {}})
            with open(path, "rb") as f:
                outs.append(f.read())
        self.assertEqual(outs[0], outs[1])

    def pipe_dump(self, fmt):
        """Dumps through a pipe passed with getfd, as libvirt does."""
        rfd, wfd = os.pipe()
        chunks = []
        reader = threading.Thread(
            target=lambda: chunks.extend(iter(lambda: os.read(rfd, 1 << 20),
                                              b"")))
        reader.start()
        self.assertEqual(self.qmp.cmd("getfd", {"fdname": "dump"}, fds=[wfd]),
                         {"return": {}})
        os.close(wfd)
        args = {"paging": False, "protocol": "fd:dump", "detach": True}
        if fmt != "elf":
            args["format"] = fmt
        self.assertEqual(self.qmp.cmd("dump-guest-memory", args),
                         {"return": {}})
        ev = self.qmp.wait_event("DUMP_COMPLETED", timeout=60)
        self.assertEqual(ev["data"]["result"]["status"], "completed")
        reader.join(60)
        os.close(rfd)
        return b"".join(chunks)

    def test_pipe_equals_file(self):
        for fmt in ("elf", "kdump-zlib", "kdump-zstd"):
            path = self.vm.path("file-" + fmt)
            dump(self.qmp, path, fmt)
            with open(path, "rb") as f:
                self.assertEqual(self.pipe_dump(fmt), f.read(), fmt)

    def test_elf_file_is_sparse(self):
        # Untouched guest pages become holes of a file; it reads back as
        # the pipe's bytes, zeros included.
        path = self.elf("sparse.elf")
        st = os.stat(path)
        self.assertGreater(st.st_size, 64 << 20)
        self.assertLess(st.st_blocks * 512, 8 << 20)
        with open(path, "rb") as f:
            self.assertEqual(f.read(), self.pipe_dump("elf"))

    def test_fd_file_with_old_contents_gets_real_zeros(self):
        # A file passed by fd that holds data ahead of its offset (or is
        # in append mode) must not keep that data where the guest's zero
        # pages belong: real zeros are written there.
        ref = self.pipe_dump("elf")
        for mode, flags in (("old", os.O_WRONLY),
                            ("append", os.O_WRONLY | os.O_APPEND)):
            path = self.vm.path("fd-" + mode)
            with open(path, "wb") as f:
                f.write(b"\xa5" * (len(ref) + 4096 if mode == "old" else 0))
            fd = os.open(path, flags)
            try:
                self.qmp.ok("getfd", {"fdname": "f"}, fds=[fd])
            finally:
                os.close(fd)
            self.assertEqual(self.qmp.cmd("dump-guest-memory", {
                "paging": False, "protocol": "fd:f", "format": "elf"}),
                {"return": {}})
            with open(path, "rb") as f:
                data = f.read()
            self.assertEqual(data[:len(ref)], ref, mode)
            if mode == "old":
                self.assertEqual(data[len(ref):], b"\xa5" * 4096)
            self.assertGreater(os.stat(path).st_blocks * 512, 64 << 20, mode)

    def test_detached_dump_logs_nothing(self):
        # Regression: a successful detached dump propagated a NULL GError,
        # and GLib printed a CRITICAL into the emulator's log.
        self.pipe_dump("elf")
        self.assertEqual(self.qmp.ok("query-dump")["status"], "completed")
        self.assertNotIn("CRITICAL", self.vm.stderr())
        self.assertNotIn("WARNING", self.vm.stderr())

    def test_filter(self):
        begin, length = CONTENT_ADDR + 0x1234, 0x23456
        e = Elf(self.elf(begin=begin, length=length))
        paddr, mem = e.memory()
        self.assertEqual(paddr, begin)
        self.assertEqual(mem, self.content[0x1234:0x1234 + length])
        # Past the end of RAM: cut at the end.
        e = Elf(self.elf(begin=(64 << 20) - PAGE, length=1 << 30))
        self.assertEqual(e.loads()[0][2], PAGE)
        q = self.qmp.ok("query-dump")
        self.assertEqual((q["completed"], q["total"]), (PAGE, PAGE))

    def test_hmp(self):
        path = self.vm.path("hmp.kdump")
        self.assertEqual(self.qmp.hmp(f"dump-guest-memory -Z -R {path}"), "")
        with open(path, "rb") as f:
            self.assertEqual(f.read(8), b"KDUMP   ")
        self.assertEqual(self.qmp.hmp("info dump"), "Status: completed\r\n")
        path = self.vm.path("hmp.elf")
        self.assertEqual(
            self.qmp.hmp(f"dump-guest-memory -p {path} {CONTENT_ADDR} 4096"), "")
        self.assertEqual(Elf(path).memory()[1], self.content[:PAGE])
        self.assertEqual(self.qmp.hmp(f"dump-guest-memory -z -l {path}"),
                         "only one of '-z|-l|-s|-Z' can be set\r\n")
        self.assertEqual(self.qmp.hmp(f"dump-guest-memory {path} 0"),
                         "Error: Parameter 'length' is missing\r\n")


class DumpShapes(unittest.TestCase):
    """Guest sizes that are not a multiple of 1 MiB, one vCPU."""

    def test_odd_size_one_cpu(self):
        vm, qmp = start_vm(self, mem="65M", smp=1)
        size = 65 << 20
        path = vm.path("d.elf")
        self.assertEqual(dump(qmp, path), {"return": {}})
        e = Elf(path)
        # One CPU: one PT_LOAD right behind the ten notes.
        self.assertEqual(e.loads(), [(0, 0x130 + 1240, size)])
        self.assertEqual(len(e.notes()), 10)
        raw = vm.path("d.kdump")
        self.assertEqual(dump(qmp, raw, "kdump-raw-lzo"), {"return": {}})
        self.assertEqual(kdump_read_all(raw, size), e.memory()[1])


class DumpRegisters(unittest.TestCase):
    """gdb shows the registers pvdump-guest left in each vCPU."""

    def test_gdb_registers(self):
        vm, qmp = start_vm(self, mem="64", smp=4, paused=False, guest=True)
        time.sleep(0.3)
        path = vm.path("run.elf")
        self.assertEqual(dump(qmp, path), {"return": {}})
        self.assertTrue(qmp.ok("query-status")["running"])
        _, mem = Elf(path).memory()
        counters = guest_module.parse_counters(
            mem[guest_module.COUNTERS_ADDR:][:guest_module.COUNTERS_SIZE])
        gdb = run(["gdb-multiarch", "-nx", "-batch",
                   "-ex", "set architecture s390:64-bit",
                   "-ex", f"core-file {path}",
                   "-ex", "thread apply all info registers r2 r3 pswa"])
        regs = re.findall(r"r2\s+(0x[0-9a-f]+).*\n\s*r3\s+(0x[0-9a-f]+).*\n"
                          r"\s*pswa\s+(0x[0-9a-f]+)", gdb.stdout)
        self.assertEqual(len(regs), 4, gdb.stdout + gdb.stderr)
        loop = guest_module.symbol("count_forever")
        secondaries = {}
        for r2, r3, pswa in regs:
            if loop <= int(pswa, 16) < loop + 0x18:     # not CPU 0's main loop
                secondaries[int(r3, 16)] = {"R02": int(r2, 16),
                                            "PSW": (0, int(pswa, 16))}
        self.assertEqual(sorted(secondaries), [1, 2, 3])
        # CPUs 1-3 count in GR2 with their address in GR3 (docs/guest.md);
        # the dump holds their registers and counters from one instant.
        for cpu in (1, 2, 3):
            self.assertGreater(counters[cpu], 0)
            self.assertTrue(guest_module.counting_consistent(
                secondaries[cpu], counters[cpu]), (cpu, secondaries[cpu], counters[cpu]))


if __name__ == "__main__":
    unittest.main(verbosity=2)
