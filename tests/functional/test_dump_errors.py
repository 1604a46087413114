# SPDX-License-Identifier: GPL-2.0-or-later
"""dump-guest-memory refusals and failures: QEMU's validation order and
texts, full disk, a pipe whose reader exits, cancel.  After each failure
the status is 'failed', DUMP_COMPLETED carries the error, the VM runs
again if it ran before, no fd is left open and the next dump works."""
import os
import subprocess
import tempfile
import threading
import time
import unittest

from test_dump_util import Elf, dump, open_fds, start_fd_dump, start_vm


def err(desc):
    return {"error": {"class": "GenericError", "desc": desc}}


class Validation(unittest.TestCase):
    def setUp(self):
        self.vm, self.qmp = start_vm(self)

    def cmd(self, **args):
        a = {"paging": False, "protocol": "file:" + self.vm.path("d")}
        a.update(args)
        return self.qmp.cmd("dump-guest-memory", a)

    def test_messages(self):
        kdump = "kdump-compressed format doesn't support paging or filter"
        cases = [
            ({"format": "kdump-zlib", "paging": True}, kdump),
            ({"format": "kdump-raw-zstd", "begin": 0, "length": 4096}, kdump),
            ({"format": "win-dmp", "paging": True}, kdump),
            ({"begin": 0}, "Parameter 'length' is missing"),
            ({"length": 4096}, "Parameter 'begin' is missing"),
            ({"format": "win-dmp"}, "x86-64 Windows guest dump not built-in"),
            ({"protocol": "tcp:x"},
             "parameter 'protocol' must start with 'file:' or 'fd:'"),
            ({"protocol": "fd:nope"},
             "File descriptor named 'nope' has not been found"),
            ({"protocol": "file:/nonexistent/dir/d"},
             "Could not create '/nonexistent/dir/d': No such file or directory"),
            ({"begin": 0, "length": 0},
             "parameter 'length' expects a non-zero size"),
            ({"begin": 1 << 40, "length": 4096}, "dump: no guest memory to dump"),
            ({"threads": 0}, "Parameter 'threads' expects a number from 1 to 1024"),
        ]
        for args, desc in cases:
            self.assertEqual(self.cmd(**args), err(desc), args)
        # Rejected before the protocol is opened: no file was created.
        self.assertFalse(os.path.exists(self.vm.path("d-kdump")))
        self.assertEqual(self.qmp.ok("query-dump")["status"], "failed")
        self.assertFalse(any(e["event"] == "DUMP_COMPLETED"
                             for e in self.qmp.events))

    def test_refused_after_open_leaves_no_file(self):
        # Refused by the engine after the file was opened (issue 13 item 4):
        # the file this request created is removed; an existing one stays
        # (truncated, as QEMU does).
        self.assertEqual(self.cmd(begin=1 << 40, length=4096),
                         err("dump: no guest memory to dump"))
        self.assertFalse(os.path.exists(self.vm.path("d")))
        with open(self.vm.path("d"), "wb") as f:
            f.write(b"old")
        self.assertEqual(self.cmd(begin=1 << 40, length=4096),
                         err("dump: no guest memory to dump"))
        self.assertTrue(os.path.exists(self.vm.path("d")))

    def test_raw_needs_seekable_fd(self):
        rfd, wfd = os.pipe()
        self.addCleanup(os.close, rfd)
        self.qmp.ok("getfd", {"fdname": "p"}, fds=[wfd])
        os.close(wfd)
        self.assertEqual(self.cmd(protocol="fd:p", format="kdump-raw-lzo"),
                         err("kdump-raw formats require a seekable file"))
        self.assertEqual(os.read(rfd, 10), b"")   # the fd was closed

    def test_cancel_without_dump(self):
        self.assertEqual(self.qmp.cmd("dump-cancel"),
                         err("There is no dump in progress"))


class Failures(unittest.TestCase):
    """A running 128 MiB guest whose dumps fail in various ways."""

    def setUp(self):
        # 14 MiB of the content are not zero: more than the full disk's
        # 8 MiB, which a sparse file's holes would not fill.
        self.vm, self.qmp = start_vm(self, mem="128", paused=False,
                                     content_size=24 << 20)
        self.fds_before = open_fds(self.vm)

    def assert_recovered(self, ev, error):
        self.assertEqual(ev["data"]["result"]["status"], "failed")
        self.assertEqual(ev["data"]["error"], error)
        self.assertEqual(self.qmp.ok("query-dump")["status"], "failed")
        self.assertTrue(self.qmp.ok("query-status")["running"])
        self.assertEqual(open_fds(self.vm), self.fds_before)
        path = self.vm.path("next.elf")
        self.assertEqual(dump(self.qmp, path, "kdump-zstd"), {"return": {}})
        self.assertEqual(self.qmp.ok("query-dump")["status"], "completed")

    def full_disk(self):
        """An 8 MiB tmpfs (root only); returns its mount point."""
        mnt = tempfile.mkdtemp(prefix="pvdump-full-")
        self.addCleanup(os.rmdir, mnt)
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs",
                            mnt], capture_output=True)
        if r.returncode:
            self.skipTest("cannot mount a tmpfs: " + r.stderr.decode())
        self.addCleanup(subprocess.run, ["umount", mnt])
        return mnt

    def test_full_disk(self):
        mnt = self.full_disk()
        reply = dump(self.qmp, os.path.join(mnt, "d.elf"))
        self.assertEqual(reply, err("dump: failed to save memory: "
                                    "No space left on device"))
        self.assert_recovered(self.qmp.wait_event("DUMP_COMPLETED"),
                              reply["error"]["desc"])

    def test_full_disk_detached_progress(self):
        # Progress counts what reached the file (issue 13 item 4): the
        # guest bytes in the file when ENOSPC stopped the dump.
        path = os.path.join(self.full_disk(), "d.elf")
        self.assertEqual(dump(self.qmp, path, detach=True), {"return": {}})
        ev = self.qmp.wait_event("DUMP_COMPLETED")
        (_, mem_off, _), = Elf(path).loads()
        in_file = os.stat(path).st_size - mem_off
        self.assertGreater(in_file, 4 << 20)
        self.assertEqual(ev["data"]["result"]["completed"], in_file)
        self.assertEqual(self.qmp.ok("query-dump")["completed"], in_file)
        self.assert_recovered(ev, "dump: failed to save memory: "
                                  "No space left on device")

    def test_reader_exits(self):
        rfd = start_fd_dump(self.qmp)
        os.read(rfd, 4096)
        os.close(rfd)
        self.assert_recovered(self.qmp.wait_event("DUMP_COMPLETED"),
                              "dump: failed to save memory: Broken pipe")

    def test_monitor_answers_and_cancel(self):
        rfd = start_fd_dump(self.qmp)
        # The dump is blocked on the pipe; the monitor still answers.
        self.assertEqual(self.qmp.ok("query-dump")["status"], "active")
        self.assertEqual(self.qmp.ok("query-status")["status"], "save-vm")
        self.assertEqual(self.qmp.cmd("cont"),
                         err("There is a dump in process, please wait."))
        self.assertEqual(self.qmp.cmd("stop"),
                         err("There is a dump in process, please wait."))
        self.assertEqual(dump(self.qmp, self.vm.path("x")),
                         err("There is a dump in process, please wait."))
        self.assertIn("Finished:", self.qmp.hmp("info dump"))
        self.assertEqual(self.qmp.hmp("dump-cancel"), "")
        drain = threading.Thread(
            target=lambda: [None for _ in iter(lambda: os.read(rfd, 1 << 20),
                                               b"")])
        drain.start()
        ev = self.qmp.wait_event("DUMP_COMPLETED")
        drain.join(10)
        os.close(rfd)
        self.assertLess(ev["data"]["result"]["completed"], 128 << 20)
        self.assert_recovered(ev, "dump cancelled")

    def test_libvirt_sequence(self):
        """stop, getfd, detached fd: dump, DUMP_COMPLETED, cont at once."""
        self.qmp.ok("stop")
        rfd = start_fd_dump(self.qmp, "kdump-zlib")
        drain = threading.Thread(
            target=lambda: [None for _ in iter(lambda: os.read(rfd, 1 << 20),
                                               b"")])
        drain.start()
        ev = self.qmp.wait_event("DUMP_COMPLETED")
        self.assertEqual(ev["data"]["result"]["status"], "completed")
        self.assertEqual(self.qmp.cmd("cont"), {"return": {}})
        drain.join(10)          # EOF: pvdump closed its copy of the fd
        self.assertFalse(drain.is_alive())
        os.close(rfd)
        self.assertEqual(open_fds(self.vm), self.fds_before)

    def test_quit_during_dump(self):
        rfd = start_fd_dump(self.qmp)
        self.addCleanup(os.close, rfd)
        self.qmp.cmd("quit")
        self.assertEqual(self.vm.wait(), 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
