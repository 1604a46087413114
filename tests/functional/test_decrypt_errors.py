#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""pvdump-decrypt on bad input: one test per case, each checking the exact
message, the exit status and that no output file is left behind."""
import os
import struct
import unittest

import pvvector
from decrypt_common import DecryptTestCase

COMPL_TAG = pvvector.COMPL_OFF + 272
CPU2_DESC = pvvector.CPU_DESC_OFF[1]
GCM = "Verifying the GCM tag failed"
WRONG_KEY = ("pv_compl (offset 0xfe0): Unable to decrypt completion configuration "
             "data (wrong key or tampered completion data): " + GCM)


class TestDecryptErrors(DecryptTestCase):
    def fails(self, edit, message, *extra):
        """Decrypts the golden vector changed by @edit; DUMP in @message
        stands for the input path.  The input lives outside self.dir, which
        must stay empty."""
        d = pvvector.Dump()
        edit(d)
        src = d.write(self.dir + ".in")
        self.addCleanup(os.unlink, src)
        return self.assert_fails([src, "-o", self.path("out.elf")] + list(extra),
                                 message.replace("DUMP", src))

    # --- keys -------------------------------------------------------------
    def test_wrong_key(self):
        wrong = os.path.join(pvvector.GOLDEN_DIR, "wrong_cck.bin")
        self.assert_fails([self.pv, "-o", self.path("o")], WRONG_KEY, key=wrong)

    def test_short_key(self):
        key = self.path("k31")
        with open(key, "wb") as f:
            f.write(pvvector.golden("cck.bin")[:31])
        self.assert_fails([self.pv, "-o", self.path("o")],
                          "key file '%s': wrong key size: expected 32 bytes or "
                          "64 hex digits, got 31 bytes" % key, key=key)

    def test_missing_key_file(self):
        self.assert_fails([self.pv, "-o", self.path("o")],
                          "Cannot read key: '/nonexistent': No such file or directory",
                          key="/nonexistent")

    def test_no_key_is_usage_error(self):
        self.assert_fails([self.pv, "-o", self.path("o")],
                          "No key for dump decryption provided", status=2, key=False)

    def test_key_never_printed(self):
        err = self.assert_fails([self.pv, "-o", self.path("o")], GCM,
                                key=os.path.join(pvvector.GOLDEN_DIR, "wrong_cck.bin"))
        for k in ("cck", "dump_key", "key1", "key2"):
            self.assertNotIn(pvvector.expected()[k], err)

    # --- authentication ---------------------------------------------------
    def test_tampered_compl_tag(self):
        self.fails(lambda d: d.flip(COMPL_TAG), WRONG_KEY)

    def test_tampered_compl_seed(self):
        self.fails(lambda d: d.flip(pvvector.COMPL_OFF + 20), WRONG_KEY)

    def test_tampered_compl_ciphertext(self):
        self.fails(lambda d: d.flip(pvvector.COMPL_OFF + 150), WRONG_KEY)

    def test_tampered_cpu_note(self):
        self.fails(lambda d: d.flip(CPU2_DESC + 1552 + 5),
                   "CPU 2 (note 3, descriptor at offset 0x9c0): Unable to "
                   "authenticate confidential CPU data (dump probably "
                   "corrupted): " + GCM)

    def test_tampered_cpu_register(self):
        self.fails(lambda d: d.flip(CPU2_DESC + 40),
                   "CPU 2 (note 3, descriptor at offset 0x9c0): Unable to "
                   "authenticate confidential CPU data")

    # --- versions and sizes -----------------------------------------------
    def test_unsupported_compl_version(self):
        self.fails(lambda d: d.put("I", pvvector.COMPL_OFF, 2),
                   "pv_compl (offset 0xfe0): Unsupported completion data "
                   "version 2 (expected 1)")

    def test_wrong_compl_length(self):
        self.fails(lambda d: d.put("I", pvvector.COMPL_OFF + 4, 0x121),
                   "pv_compl (offset 0xfe0): Incorrect completion configuration "
                   "data length 289 (expected 288)")

    def test_unsupported_cpu_version(self):
        self.fails(lambda d: d.put("I", pvvector.CPU_DESC_OFF[0], 2),
                   "CPU 1 (note 1, descriptor at offset 0x228): Wrong "
                   "NT_S390_PV_CPU_DATA version (2)")

    def test_cpu_note_too_small(self):
        self.fails(lambda d: d.put("I", pvvector.CPU_DESC_OFF[0] - 16, 1564),
                   "note 1 (NT_S390_PV_CPU_DATA at offset 0x228): descriptor "
                   "size 1564 out of range (1568..4096)")

    def test_compl_size_out_of_range(self):
        self.fails(lambda d: d.set_section(b"pv_compl", size=5000),
                   "section 2 (pv_compl): size 5000 out of range (288..4096)")

    def test_mem_meta_size_not_multiple(self):
        self.fails(lambda d: d.set_section(b"pv_mem_meta", size=16383),
                   "section 3 (pv_mem_meta): size 16383 is not a non-zero "
                   "multiple of 16")

    # --- truncation and out-of-file objects -------------------------------
    def test_truncated_memory(self):
        self.fails(lambda d: d.b.__delitem__(slice(0x300000, None)),
                   "PT_LOAD (program header 1): data at 0x6000+0x400000 lies "
                   "outside the file (size 0x300000)")

    def test_truncated_header(self):
        self.fails(lambda d: d.b.__delitem__(slice(40, None)),
                   "DUMP is not an ELF file: 40 bytes is too short for an ELF header")

    def test_section_headers_outside_file(self):
        self.fails(lambda d: d.b.__delitem__(slice(d.shoff + 100, None)),
                   "section header table (offset 0x406000, 0x100 bytes) extends "
                   "past the end of the dump (size 0x406064)")

    def test_mem_meta_outside_file(self):
        self.fails(lambda d: d.set_section(b"pv_mem_meta", offset=0x500000),
                   "section 3 (pv_mem_meta) at 0x500000+0x4000 lies outside "
                   "the file (size 0x406100)")

    def test_note_segment_outside_file(self):
        def edit(d):
            note, load = d.phdrs()
            note[2] = 0x4000000000
            d.set_phdrs([note, load])
        self.fails(edit, "PT_NOTE (program header 0) (offset 0x4000000000, "
                   "0xf30 bytes) extends past the end of the dump")

    def test_note_past_segment(self):
        self.fails(lambda d: d.put("I", 0xB0 + 4, 0x10000),
                   "note 0 at offset 0xb0 (type 0x1, namesz 5, descsz 65536) "
                   "extends past the end of its PT_NOTE segment")

    def test_short_storage_state_table(self):
        self.fails(lambda d: d.set_section(b"pv_mem_meta", size=257 * 16),
                   "pv_mem_meta is too short: it has 257 storage-state entries, "
                   "PT_LOAD (program header 1, GPA 0x0) needs entries up to "
                   "index 1023 (no state for GPA 0x101000)")

    # --- page states -------------------------------------------------------
    def test_invalid_state_mapped_only(self):
        self.fails(lambda d: d.put("B", pvvector.META_OFF + 5 * 16 + 15, 0x04),
                   "Invalid page state at page index 0x5 (GPA 0x5000, PT_LOAD "
                   "program header 1): component ffffffff000000000000000000000004")

    def test_invalid_state_reserved_bit(self):
        self.fails(lambda d: d.put("B", pvvector.META_OFF + 10 * 16 + 15, 0x82),
                   "Invalid page state at page index 0xa (GPA 0xa000, PT_LOAD "
                   "program header 1): component ffffffff000000000000000000000082")

    def test_invalid_state_zero_and_shared(self):
        self.fails(lambda d: d.put("B", pvvector.META_OFF + 5 * 16 + 15, 0x03),
                   "Invalid page state at page index 0x5")

    def test_invalid_state_info_and_verify(self):
        d = pvvector.Dump()
        d.put("B", pvvector.META_OFF + 5 * 16 + 15, 0x04)
        src = d.write(self.path("states.elf"))
        r = self.run_tool("--info", src)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(b"889 encrypted, 130 zero, 4 shared, 1 invalid", r.stdout)
        self.assert_fails(["--verify", src], "Invalid page state at page index 0x5")

    # --- not a (protected) s390x dump --------------------------------------
    def test_not_elf(self):
        self.fails(lambda d: d.b.__setitem__(slice(0, 4), b"JUNK"),
                   "DUMP is not an ELF file (no ELF magic at offset 0)")

    def test_not_s390x(self):
        self.fails(lambda d: d.put("H", 18, 62),
                   "DUMP is not an s390x (64 bit) dump: EI_CLASS 2, EI_DATA 2, "
                   "e_machine 62 (expected 2, 2, 22)")

    def test_little_endian(self):
        self.fails(lambda d: d.b.__setitem__(5, 1),
                   "DUMP is not an s390x (64 bit) dump: EI_CLASS 2, EI_DATA 1")

    def test_not_core(self):
        self.fails(lambda d: d.put("H", 16, 2),
                   "DUMP is not an ELF core dump: e_type 2, e_version 1 (expected 4, 1)")

    def test_no_pv_compl(self):
        self.fails(lambda d: d.b.__setitem__(slice(0x110B, 0x110F), b"xxxx"),
                   "DUMP is not a protected dump: it has no pv_compl section")

    def test_no_mem_meta(self):
        self.fails(lambda d: d.b.__setitem__(slice(0x1114, 0x1118), b"xxxx"),
                   "DUMP has no pv_mem_meta section: the dump cannot be processed "
                   "(it is not complete)")

    def test_bad_shstrndx(self):
        self.fails(lambda d: d.put("H", 62, 9),
                   "e_shstrndx 9 is not a valid section index (e_shnum 4)")

    def test_overlapping_loads(self):
        def edit(d):
            note, load = d.phdrs()
            d.set_phdrs([note, load, list(load)])
        self.fails(edit, "PT_LOAD (program header 2) overlaps PT_LOAD "
                   "(program header 1) in guest memory at 0x0")

    def test_unaligned_load(self):
        def edit(d):
            note, load = d.phdrs()
            load[5] -= 1
            d.set_phdrs([note, load])
        self.fails(edit, "PT_LOAD (program header 1): p_paddr 0x0 / p_filesz "
                   "0x3fffff are not page aligned or wrap")

    # --- output and usage ----------------------------------------------------
    def test_output_exists(self):
        out = self.path("exists.elf")
        with open(out, "wb") as f:
            f.write(b"keep")
        self.assert_fails([self.pv, "-o", out],
                          "output file '%s' exists (use --force to overwrite it)" % out)
        with open(out, "rb") as f:
            self.assertEqual(f.read(), b"keep")

    def test_missing_dump(self):
        self.assert_fails(["/nonexistent.elf", "-o", self.path("o")],
                          "cannot open dump '/nonexistent.elf': No such file or directory")

    def test_usage_errors(self):
        for args in ([self.pv], ["--info", self.pv, "-o", self.path("o")],
                     ["--info", "--verify", self.pv], [self.pv, self.pv, "-o", "x"],
                     ["--bogus", self.pv]):
            self.assert_fails(args, "pvdump-decrypt: ", status=2)

    def test_pipe_to_stdout_needs_sections_first(self):
        self.assert_fails(["-", "-o", "-"], "the sections of standard input "
                          "follow its memory: decrypting it from a stream needs "
                          "a seekable output (-o FILE, not -o -)",
                          stdin=pvvector.golden("pv.elf"))

    def test_truncated_pipe(self):
        self.assert_fails(["-", "-o", self.path("o")],
                          "standard input ends at offset 0x200000, inside guest "
                          "memory (expected data up to 0x206000)",
                          stdin=pvvector.golden("pv.elf")[:0x200000])


if __name__ == "__main__":
    unittest.main()
