# SPDX-License-Identifier: GPL-2.0-or-later
"""The test fixture every protected-guest test starts from (not a test
itself): a private directory with uvsim host keys made by pvdump-hostkey,
a kernel and a parameter file, and SE images built from them by
pvdump-mkimage."""
import os
import shutil
import subprocess
import tempfile
import unittest

import wrapper

MKIMAGE = os.environ["PVDUMP_MKIMAGE"]
HOSTKEY = os.environ["PVDUMP_HOSTKEY"]


class SeImageFixture(unittest.TestCase):
    """Subclasses set KERNEL (the kernel file's bytes) and CMDLINE, and may
    set HOST_KEYS (key pair names, the first is the default) and PREFIX."""
    HOST_KEYS = ("host",)
    PREFIX = "pvdump-se-"
    KERNEL = b""
    CMDLINE = ""

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix=cls.PREFIX)
        os.environ["PVDUMP_STATE_DIR"] = os.path.join(cls.dir, "state")
        for name in cls.HOST_KEYS:
            wrapper.run(HOSTKEY, "-o", cls.path(name), check=True,
                        stdout=subprocess.DEVNULL)
        with open(cls.path("kernel"), "wb") as f:
            f.write(cls.KERNEL)
        with open(cls.path("parm"), "w") as f:
            f.write(cls.CMDLINE + "\n")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    @classmethod
    def path(cls, name):
        return os.path.join(cls.dir, name)

    @classmethod
    def mkimage(cls, name, *extra, key=None):
        """An SE image @name for host key @key (default: the first)."""
        out = cls.path(name)
        wrapper.run(MKIMAGE, "-i", cls.path("kernel"), "-p", cls.path("parm"),
                    "-k", cls.path((key or cls.HOST_KEYS[0]) + ".crt"),
                    "-o", out, "--overwrite", *extra, check=True,
                    stderr=subprocess.DEVNULL)
        return out
