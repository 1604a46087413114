#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""pvdump-decrypt on the golden vector and on valid variants of it."""
import os
import struct
import subprocess
import unittest

import pvvector
from decrypt_common import DecryptTestCase, loads, notes

NT_PRSTATUS, NT_FPREGSET, NT_PRPSINFO = 1, 2, 3


class TestDecryptGolden(DecryptTestCase):
    def test_memory_equals_mem_bin(self):
        out = self.decrypt(self.pv)
        self.assertEqual(loads(out), [(0, len(self.mem), len(self.mem), self.mem)])

    def test_zero_pages_are_holes(self):
        # 131 of mem.bin's 1024 pages are zero: a new output file leaves
        # them as holes and still reads back as mem.bin.
        out = self.decrypt(self.pv)
        self.assertEqual(loads(out)[0][3], self.mem)
        st = os.stat(self.path("out.elf"))
        self.assertEqual(st.st_size, len(out))
        self.assertLessEqual(st.st_blocks * 512, st.st_size - 100 * 4096)

    def test_registers_match_expected_json(self):
        out = self.decrypt(self.pv)
        exp = pvvector.expected()["cpus"]
        n = notes(out)
        self.assertEqual(n[0][:2], (b"CORE", NT_PRPSINFO))
        per_cpu = [n[1 + 10 * i:11 + 10 * i] for i in range(len(exp))]
        self.assertEqual(len(n), 1 + 10 * len(exp))
        for i, (cpu, ns) in enumerate(zip(exp, per_cpu)):
            types = [t for _, t, _ in ns]
            self.assertEqual(types, [1, 2, 0x305, 0x304, 0x301, 0x302, 0x303,
                                     0x309, 0x30A, 0x30B])
            pr, fp = ns[0][2], ns[1][2]
            self.assertEqual(struct.unpack_from(">I", pr, 32)[0], i + 1)
            self.assertEqual(list(struct.unpack_from(">2Q", pr, 112)), cpu["psw"])
            self.assertEqual(list(struct.unpack_from(">16Q", pr, 128)), cpu["gprs"])
            self.assertEqual(list(struct.unpack_from(">16I", pr, 256)), cpu["acrs"])
            vrs = bytes.fromhex(cpu["vrs"])
            self.assertEqual(struct.unpack_from(">I", fp, 0)[0], cpu["fpc"])
            self.assertEqual(fp[8:], b"".join(vrs[16 * k:16 * k + 8] for k in range(16)))
            vals = {t: d for _, t, d in ns}
            self.assertEqual(struct.unpack(">I", vals[0x305])[0], cpu["prefix"])
            self.assertEqual(list(struct.unpack(">16Q", vals[0x304])), cpu["ctrs"])
            self.assertEqual(struct.unpack(">Q", vals[0x301])[0], cpu["timer"])
            self.assertEqual(struct.unpack(">Q", vals[0x302])[0], cpu["todcmp"])
            self.assertEqual(struct.unpack(">I", vals[0x303])[0], cpu["todpreg"])
            self.assertEqual(vals[0x309], b"".join(vrs[16 * k + 8:16 * k + 16]
                                                   for k in range(16)))
            self.assertEqual(vals[0x30A], vrs[256:])
            self.assertEqual(list(struct.unpack(">4Q", vals[0x30B])),
                             [0, cpu["gsd"], cpu["gssm"], cpu["gs_epl_a"]])

    def test_gdb_registers(self):
        out = self.path("out.elf")
        self.decrypt(self.pv)
        exp = pvvector.expected()["cpus"]
        r = subprocess.run(["gdb-multiarch", "-nx", "-batch",
                            "-ex", "set architecture s390:64-bit",
                            "-ex", "core-file " + out,
                            "-ex", "info registers",
                            "-ex", "thread 2", "-ex", "info registers"],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        blocks = r.stdout.split("[Switching to thread 2")
        self.assertEqual(len(blocks), 2, r.stdout)
        for cpu, text in zip(exp, blocks):
            regs = {}
            for line in text.splitlines():
                f = line.split()
                if len(f) >= 2 and f[1].startswith("0x"):
                    regs[f[0]] = int(f[1], 16)
            self.assertEqual(regs["pswm"], cpu["psw"][0])
            self.assertEqual(regs["pswa"], cpu["psw"][1])
            for k in range(16):
                self.assertEqual(regs["r%d" % k], cpu["gprs"][k])

    def test_libkdumpfile_reads_pages(self):
        out = self.path("out.elf")
        self.decrypt(self.pv)
        script = (
            "import kdumpfile, sys\n"
            "k = kdumpfile.kdumpfile(sys.argv[1])\n"
            "assert k.attr['arch.name'] == 's390x', k.attr['arch.name']\n"
            "mem = open(sys.argv[2], 'rb').read()\n"
            "for p in range(0, len(mem) // 4096, 7):\n"
            "    d = k.read(kdumpfile.KDUMP_MACHPHYSADDR, p * 4096, 4096)\n"
            "    assert d == mem[p * 4096:(p + 1) * 4096], p\n"
            "print('ok')\n")
        r = subprocess.run(["/usr/bin/python3", "-c", script, out,
                            os.path.join(pvvector.GOLDEN_DIR, "mem.bin")],
                           capture_output=True, text=True)
        if "No module named 'kdumpfile'" in r.stderr:
            self.skipTest("libkdumpfile python module not installed")
        self.assertEqual(r.stdout.strip(), "ok", r.stderr)

    def test_threads_give_identical_output(self):
        r1 = self.run_tool(self.pv, "-j", "1", "-o", self.path("j1.elf"))
        r4 = self.run_tool(self.pv, "-j", "4", "-o", self.path("j4.elf"))
        self.assertEqual((r1.returncode, r4.returncode), (0, 0))
        with open(self.path("j1.elf"), "rb") as a, open(self.path("j4.elf"), "rb") as b:
            self.assertEqual(a.read(), b.read())

    def test_hex_key_file(self):
        for text in (pvvector.expected()["cck"], pvvector.expected()["cck"] + "\n"):
            with open(self.path("cck.hex"), "w") as f:
                f.write(text)
            out = self.decrypt(self.pv, "hex.elf", key=self.path("cck.hex"))
            self.assertEqual(loads(out)[0][3], self.mem)
            os.unlink(self.path("hex.elf"))

    def test_stdout(self):
        r = self.run_tool(self.pv, "-o", "-")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, self.decrypt(self.pv))

    def test_stdin_pipe_sections_after_memory(self):
        # The golden section headers follow the memory: in-place decryption.
        r = self.run_tool("-", "-o", self.path("pipe.elf"),
                          stdin=pvvector.golden("pv.elf"))
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(self.path("pipe.elf"), "rb") as f:
            self.assertEqual(f.read(), self.decrypt(self.pv))

    def test_stdin_pipe_to_stdout_streams(self):
        # Section headers moved into the padding before the memory: every
        # piece of metadata precedes memory, so pipe-to-pipe works.
        d = pvvector.Dump()
        d.b[0x5200:0x5300] = d.b[d.shoff:d.shoff + 256]
        d.put("Q", 40, 0x5200)
        r = self.run_tool("-", "-o", "-", stdin=bytes(d.b))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, self.decrypt(self.pv))

    def test_info(self):
        r = self.run_tool("--info", self.pv)
        self.assertEqual(r.returncode, 0, r.stderr)
        out = r.stdout.decode()
        self.assertIn("CPU count            : 2", out)
        self.assertIn("Page states          : 889 encrypted, 131 zero, 4 shared, 0 invalid", out)
        self.assertIn("Memory               : 4.0 MiB (4194304 bytes)", out)
        self.assertIn("(state may contain partial instruction results)", out)
        self.assertNotIn(pvvector.expected()["cck"], out)

    def test_verify(self):
        r = self.run_tool("--verify", self.pv)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(b"verified: completion data, 2 CPUs, 1024 page states", r.stdout)


class TestDecryptVariants(DecryptTestCase):
    """Valid dumps that differ from the golden layout."""

    def test_two_loads_reversed(self):
        d = pvvector.Dump()
        note, load = d.phdrs()
        half = load[5] // 2
        hi = [1, 7, load[2] + half, half, half, half, half, 0x1000]
        lo = [1, 7, load[2], 0, 0, half, half, 0x1000]
        d.set_phdrs([note, hi, lo])
        out = self.decrypt(d.write(self.path("two.elf")))
        self.assertEqual(loads(out), [(0, half, half, self.mem[:half]),
                                      (half, half, half, self.mem[half:])])

    def test_loads_with_gap_indexed_by_address(self):
        d = pvvector.Dump()
        note, load = d.phdrs()
        a = [1, 7, load[2], 0, 0, 0x100000, 0x100000, 0]
        b = [1, 7, load[2] + 0x200000, 0x200000, 0x200000, 0x200000, 0x200000, 0]
        d.set_phdrs([note, a, b])
        out = self.decrypt(d.write(self.path("gap.elf")))
        self.assertEqual([l[3] for l in loads(out)],
                         [self.mem[:0x100000], self.mem[0x200000:]])

    def test_load_at_1mib_indexes_relative(self):
        d = pvvector.Dump()
        note, load = d.phdrs()
        load[3] = load[4] = 0x100000
        d.set_phdrs([note, load])
        out = self.decrypt(d.write(self.path("moved.elf")))
        self.assertEqual(loads(out), [(0x100000, len(self.mem), len(self.mem), self.mem)])

    def test_memsz_tail_and_unknown_note(self):
        d = pvvector.Dump()
        note, load = d.phdrs()
        load[6] += 0x10000
        extra = pvvector.note(b"LINUX", 0x4242, b"abcd")
        off = d.append(extra)
        d.set_phdrs([note, load, [4, 0, off, 0, 0, len(extra), len(extra), 0]])
        out = self.decrypt(d.write(self.path("tail.elf")))
        self.assertEqual(loads(out), [(0, len(self.mem), len(self.mem) + 0x10000, self.mem)])

    def test_larger_buffers(self):
        # D8: 4096-byte pv_compl; zero padding after the v1 structure.
        d = pvvector.Dump()
        compl = bytes(d.b[0xFE0:0xFE0 + 288]) + bytes(4096 - 288)
        d.set_section(b"pv_compl", offset=d.append(compl), size=4096)
        out = self.decrypt(d.write(self.path("big.elf")))
        self.assertEqual(loads(out)[0][3], self.mem)

    def test_force_overwrites(self):
        with open(self.path("out.elf"), "wb") as f:
            f.write(b"old")
        r = self.run_tool(self.pv, "--force", "-o", self.path("out.elf"))
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(self.path("out.elf"), "rb") as f:
            self.assertEqual(loads(f.read())[0][3], self.mem)
        self.assertEqual(os.listdir(self.dir), ["out.elf"])
        self.assertEqual(os.stat(self.path("out.elf")).st_mode & 0o777, 0o600)


if __name__ == "__main__":
    unittest.main()
