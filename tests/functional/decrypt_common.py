# SPDX-License-Identifier: GPL-2.0-or-later
"""Helpers for the pvdump-decrypt functional tests."""
import os
import shutil
import struct
import subprocess
import tempfile
import unittest

import pvvector
import wrapper

TOOL = os.environ.get("PVDUMP_DECRYPT", "pvdump-decrypt")


class DecryptTestCase(unittest.TestCase):
    def setUp(self):
        if not os.path.exists(os.path.join(pvvector.GOLDEN_DIR, "pv.elf")):
            self.skipTest("golden vector not found (set PV_GOLDEN_DIR)")
        self.dir = tempfile.mkdtemp(prefix="pvdec-")
        self.addCleanup(shutil.rmtree, self.dir)
        self.cck = os.path.join(pvvector.GOLDEN_DIR, "cck.bin")
        self.pv = os.path.join(pvvector.GOLDEN_DIR, "pv.elf")
        self.mem = pvvector.golden("mem.bin")

    def path(self, name):
        return os.path.join(self.dir, name)

    def run_tool(self, *args, stdin=None, key=None, fault=None, stdout=None):
        """Runs the tool; @fault is PVDUMP_FAULT for this run (builds with
        the fault layer), @stdout a file for its standard output (default:
        captured, as its standard error always is)."""
        cmd = ["--no-progress"]
        if key is not False:
            cmd += ["--key", key or self.cck]
        env = None if fault is None else dict(os.environ, PVDUMP_FAULT=fault)
        return wrapper.run(TOOL, *cmd, *args, input=stdin, env=env,
                           stdout=stdout or subprocess.PIPE,
                           stderr=subprocess.PIPE)

    def decrypt(self, dump, out="out.elf", **kw):
        r = self.run_tool(dump, "-o", self.path(out), **kw)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        with open(self.path(out), "rb") as f:
            return f.read()

    def assert_fails(self, args, message, status=1, stdin=None, key=None,
                     fault=None):
        """Runs with @args; checks status, the exact error line, no output."""
        before = set(os.listdir(self.dir))
        r = self.run_tool(*args, stdin=stdin, key=key, fault=fault)
        err = r.stderr.decode()
        self.assertEqual(r.returncode, status, err)
        self.assertIn(message, err)
        self.assertEqual(set(os.listdir(self.dir)), before,
                         "partial output left behind")
        return err


def loads(elf):
    """PT_LOADs of an ELF image as (paddr, filesz, memsz, data)."""
    d = pvvector.Dump(elf)
    return [(ph[4], ph[5], ph[6], bytes(elf[ph[2]:ph[2] + ph[5]]))
            for ph in d.phdrs() if ph[0] == pvvector.PT_LOAD]


def notes(elf):
    """All notes of an ELF image as (name, type, desc)."""
    d = pvvector.Dump(elf)
    out = []
    for ph in d.phdrs():
        if ph[0] != pvvector.PT_NOTE:
            continue
        pos, end = ph[2], ph[2] + ph[5]
        while pos < end:
            namesz, descsz, ntype = struct.unpack_from(">III", elf, pos)
            name = bytes(elf[pos + 12:pos + 12 + namesz]).rstrip(b"\0")
            desc_off = pos + 12 + (namesz + 3) // 4 * 4
            out.append((name, ntype, bytes(elf[desc_off:desc_off + descsz])))
            pos = desc_off + (descsz + 3) // 4 * 4
    return out
