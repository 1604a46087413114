#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""pvdump-decrypt's output rules (issue 13 item 2): a device, a FIFO or
standard output is written where it is, never renamed over; --force
replaces only a regular file; a symbolic link is followed; the input dump
is never the output, whatever its name."""
import os
import select
import stat
import subprocess
import time
import unittest

from decrypt_common import TOOL, DecryptTestCase

ENOSPC = "No space left on device"


class TestDecryptOutput(DecryptTestCase):
    def setUp(self):
        super().setUp()
        self.plain = self.decrypt(self.pv, out="reference.elf")
        os.unlink(self.path("reference.elf"))

    def input_copy(self):
        """The golden dump copied into the test directory."""
        src = self.path("dump.elf")
        with open(self.pv, "rb") as f, open(src, "wb") as g:
            g.write(f.read())
        return src

    def read_fifo_while(self, fifo, args):
        """Runs the tool with @args while reading @fifo; returns (result,
        bytes read).  The reader is open before the tool starts, so the
        tool's open() does not block, and EOF before the tool opened it
        does not end the read."""
        rfd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        data = bytearray()
        proc = subprocess.Popen([TOOL, "--no-progress", "--key", self.cck] +
                                args, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        try:
            while time.monotonic() < deadline:
                done = proc.poll() is not None
                select.select([rfd], [], [], 0.05)
                try:
                    chunk = os.read(rfd, 1 << 20)
                except BlockingIOError:
                    chunk = None
                if chunk:
                    data += chunk
                elif done:
                    break
        finally:
            os.close(rfd)
            out, err = proc.communicate(timeout=60)
        return proc.returncode, err.decode(), bytes(data)

    # --- devices and FIFOs: written in place ------------------------------
    def test_dev_full(self):
        """A character device is written, not replaced: ENOSPC, exit 1."""
        err = self.assert_fails([self.pv, "-o", "/dev/full"],
                                "cannot write to /dev/full at offset 0x0: " +
                                ENOSPC)
        self.assertNotIn("exists", err)
        self.assertTrue(stat.S_ISCHR(os.stat("/dev/full").st_mode))

    def test_fifo(self):
        fifo = self.path("fifo")
        os.mkfifo(fifo, 0o600)
        for extra in ([], ["--force"]):
            status, err, data = self.read_fifo_while(
                fifo, [self.pv, "-o", fifo] + extra)
            self.assertEqual(status, 0, err)
            self.assertEqual(data, self.plain)
            self.assertTrue(stat.S_ISFIFO(os.lstat(fifo).st_mode))
            self.assertEqual(sorted(os.listdir(self.dir)), ["fifo"])

    def test_stream_from_pipe_to_fifo_needs_seekable_output(self):
        fifo = self.path("fifo")
        os.mkfifo(fifo, 0o600)
        with open(self.pv, "rb") as f:
            self.assert_fails(["-", "-o", fifo], "decrypting it from a stream "
                              "needs a seekable output", stdin=f.read())
        self.assertTrue(stat.S_ISFIFO(os.lstat(fifo).st_mode))

    # --- symbolic links: followed -----------------------------------------
    def test_symlink_to_file_force(self):
        """--force replaces the file the link points to; the link stays."""
        os.mkdir(self.path("d"))
        target = self.path("d/target.elf")
        with open(target, "wb") as f:
            f.write(b"old")
        link = self.path("link.elf")
        os.symlink("d/target.elf", link)
        r = self.run_tool(self.pv, "--force", "-o", link)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        self.assertTrue(os.path.islink(link))
        self.assertEqual(os.readlink(link), "d/target.elf")
        with open(target, "rb") as f:
            self.assertEqual(f.read(), self.plain)
        self.assertEqual(sorted(os.listdir(self.path("d"))), ["target.elf"])
        self.assertEqual(os.stat(target).st_mode & 0o777, 0o600)

    def test_symlink_to_file_without_force(self):
        target = self.path("target.elf")
        with open(target, "wb") as f:
            f.write(b"keep")
        link = self.path("link.elf")
        os.symlink(target, link)
        self.assert_fails([self.pv, "-o", link], "output file '%s' exists "
                          "(use --force to overwrite it)" % link)
        self.assertTrue(os.path.islink(link))
        with open(target, "rb") as f:
            self.assertEqual(f.read(), b"keep")

    def test_dangling_symlink(self):
        link = self.path("link.elf")
        os.symlink(self.path("nowhere/x.elf"), link)
        for extra in ([], ["--force"]):
            self.assert_fails([self.pv, "-o", link] + extra,
                              "cannot use output '%s' (a symbolic link): No "
                              "such file or directory" % link)
            self.assertTrue(os.path.islink(link))

    def test_symlink_to_dev_full_force(self):
        link = self.path("full")
        os.symlink("/dev/full", link)
        self.assert_fails([self.pv, "--force", "-o", link],
                          "cannot write to %s at offset 0x0: %s" % (link, ENOSPC))
        self.assertEqual(os.readlink(link), "/dev/full")
        self.assertTrue(stat.S_ISCHR(os.stat("/dev/full").st_mode))

    # --- never the input --------------------------------------------------
    def assert_input_refused(self, src, out, extra=()):
        before = os.stat(src)
        self.assert_fails([src, "-o", out, "--force", *extra],
                          "output '%s' is the input dump: refusing to "
                          "overwrite it" % out)
        with open(src, "rb") as f, open(self.pv, "rb") as g:
            self.assertEqual(f.read(), g.read())
        self.assertEqual(os.stat(src).st_ino, before.st_ino)

    def test_input_is_output(self):
        src = self.input_copy()
        self.assert_input_refused(src, src)

    def test_input_is_output_by_another_name(self):
        src = self.input_copy()
        os.link(src, self.path("hardlink.elf"))
        os.symlink("dump.elf", self.path("symlink.elf"))
        self.assert_input_refused(src, self.path("hardlink.elf"))
        self.assert_input_refused(src, self.path("symlink.elf"))

    def test_stdout_is_input(self):
        src = self.input_copy()
        with open(src, "ab") as out:
            r = self.run_tool(src, "-o", "-", stdout=out)
        self.assertEqual(r.returncode, 1)
        self.assertIn("output 'standard output' is the input dump: refusing "
                      "to overwrite it", r.stderr.decode())
        with open(src, "rb") as f, open(self.pv, "rb") as g:
            self.assertEqual(f.read(), g.read())

    def test_directory(self):
        os.mkdir(self.path("d"))
        self.assert_fails([self.pv, "--force", "-o", self.path("d")],
                          "output '%s' is a directory" % self.path("d"))


if __name__ == "__main__":
    unittest.main()
