# SPDX-License-Identifier: GPL-2.0-or-later
"""pvdump-guest (guest/, docs/guest.md) for the machine tests: where it is,
and how to read its per-CPU counters.  Not a test itself."""
import os
import struct
import subprocess
import unittest

GUEST_ELF = os.environ.get("PVDUMP_GUEST_ELF", "")
COUNTERS_ADDR = 0x8000      # pvdump_guest_counters (guest/guest.lds)
COUNTERS_SIZE = 16 + 16 * 8
MAGIC = b"PVDUMPGU"


def require():
    """Skips the calling test when the guest was not built."""
    if not GUEST_ELF or not os.path.exists(GUEST_ELF):
        raise unittest.SkipTest("pvdump-guest not built (no s390x cross compiler)")


def kernel_args():
    require()
    return ["-kernel", GUEST_ELF]


def parse_counters(data):
    """{cpu address: counter} from the bytes at COUNTERS_ADDR."""
    if data[:8] != MAGIC:
        raise AssertionError(f"no pvdump-guest counters: {data[:8]!r}")
    version, ncpus = struct.unpack(">II", data[8:16])
    assert version == 1, version
    out = {}
    for i in range(ncpus):
        addr, count = struct.unpack(">QQ", data[16 + 16 * i:32 + 16 * i])
        out[addr] = count
    return out


def symbol(name):
    """The address of symbol @name in the guest ELF."""
    out = subprocess.run(["readelf", "-sW", GUEST_ELF], capture_output=True,
                         text=True, check=True).stdout
    for line in out.splitlines():
        f = line.split()
        if len(f) >= 8 and f[7] == name:
            return int(f[1], 16)
    raise KeyError(name)


def counting_consistent(regs, counter):
    """A secondary CPU in count_forever keeps its count in GR2 and stores
    it after each AGHI: at the STG (count_forever + 0xe) memory is one
    behind, anywhere else it equals GR2."""
    stg = symbol("count_forever") + 0xe
    return counter == regs["R02"] - (1 if regs["PSW"][1] == stg else 0)
