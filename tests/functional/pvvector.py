# SPDX-License-Identifier: GPL-2.0-or-later
"""Golden protected-dump vector and mutations of it (docs/pv-dump-format.md).

Shared by the pvdump-decrypt functional tests, the fuzz seed generator and
the benchmark: everything here edits the big-endian ELF fields explicitly.
"""
import json
import os
import struct

GOLDEN_DIR = os.environ.get(
    "PV_GOLDEN_DIR",
    os.path.join(os.path.dirname(os.path.abspath(__file__)),
                 "..", "..", "..", "shared", "testdata", "pv-golden"))

PT_LOAD, PT_NOTE = 1, 4
EHDR, PHDR, SHDR = 64, 56, 64
PAGE = 4096
# Offsets in the golden pv.elf (docs/pv-dump-format.md "Golden test vector").
COMPL_OFF = 0xFE0
CPU_DESC_OFF = (0xB0 + 356 + 20, 0xB0 + 1944 + 356 + 20)
META_OFF = 0x1120
LOAD_OFF = 0x6000


def golden(name):
    with open(os.path.join(GOLDEN_DIR, name), "rb") as f:
        return f.read()


def expected():
    with open(os.path.join(GOLDEN_DIR, "expected.json")) as f:
        return json.load(f)


class Dump:
    """A mutable ELF dump with accessors for its headers."""

    def __init__(self, data=None):
        self.b = bytearray(golden("pv.elf") if data is None else data)

    def u(self, fmt, off):
        return struct.unpack_from(">" + fmt, self.b, off)[0]

    def put(self, fmt, off, val):
        struct.pack_into(">" + fmt, self.b, off, val)

    @property
    def phoff(self):
        return self.u("Q", 32)

    @property
    def shoff(self):
        return self.u("Q", 40)

    def phdrs(self):
        """List of [type, flags, offset, vaddr, paddr, filesz, memsz, align]."""
        n = self.u("H", 56)
        return [list(struct.unpack_from(">IIQQQQQQ", self.b, self.phoff + i * PHDR))
                for i in range(n)]

    def set_phdrs(self, phdrs):
        """Writes a new program header table at the end of the file."""
        off = len(self.b)
        for ph in phdrs:
            self.b += struct.pack(">IIQQQQQQ", *ph)
        self.put("Q", 32, off)
        self.put("H", 56, len(phdrs))

    def append(self, data):
        off = len(self.b)
        self.b += data
        return off

    def shdr_off(self, idx):
        return self.shoff + idx * SHDR

    def section(self, name):
        """Index of section @name (bytes) in the golden layout."""
        strtab = self.u("Q", self.shdr_off(self.u("H", 62)) + 24)
        for i in range(1, self.u("H", 60)):
            n = self.u("I", self.shdr_off(i))
            if self.b[strtab + n:].split(b"\0")[0] == name:
                return i
        raise KeyError(name)

    def set_section(self, name, offset=None, size=None):
        sh = self.shdr_off(self.section(name))
        if offset is not None:
            self.put("Q", sh + 24, offset)
        if size is not None:
            self.put("Q", sh + 32, size)

    def flip(self, off, bit=0):
        self.b[off] ^= 1 << bit

    def write(self, path):
        with open(path, "wb") as f:
            f.write(self.b)
        return path


def note(name, ntype, desc):
    nb = name + b"\0"
    pad = lambda x: x + b"\0" * (-len(x) % 4)
    return struct.pack(">III", len(nb), len(desc), ntype) + pad(nb) + pad(desc)
