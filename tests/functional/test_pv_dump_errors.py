# SPDX-License-Identifier: GPL-2.0-or-later
"""Protected dumps that must not happen (D1, D2) and protected dumps that
fail after DUMP_INIT - closed pipe, full disk, dump-cancel, monitor client
gone, machine quit: each time the Ultravisor dump is completed, the guest
runs again, and the next dump succeeds and decrypts."""
import os
import unittest

import wrapper
from pv_dump_util import PvDumpTest, drain


def err(desc):
    return {"error": {"class": "GenericError", "desc": desc}}


class PvDumpRefused(PvDumpTest):
    def test_d1_format_and_filter(self):
        self.boot()
        _, reply = self.dump_file(format="kdump-zlib")
        self.assertEqual(reply, err("dump of a protected guest requires format 'elf'"))
        _, reply = self.dump_file(begin=0, length=1 << 20)
        self.assertEqual(reply, err("dump of a protected guest cannot be filtered"))
        self.assertFalse(os.path.exists(self.vm.path("dump.elf")))
        self.assertEqual(self.qmp.ok("query-dump")["status"], "none")
        path, reply = self.dump_file(paging=True)
        self.assertEqual(reply, {"return": {}})
        self.decrypt(path)

    def test_d2_dumping_not_allowed(self):
        self.boot(image=self.nodump_image)
        self.assertFalse(self.qmp.ok("query-pv")["dump-allowed"])
        path, reply = self.dump_file()
        self.assertIn("the protected guest does not allow dumping "
                      "(Ultravisor rc 0x106, rrc 0x22)", reply["error"]["desc"])
        # A refused request creates no file (issue 13 item 4).
        self.assertFalse(os.path.exists(path))
        self.assert_runs()


class PvDumpSizes(PvDumpTest):
    def test_bad_buffer_size(self):
        r = wrapper.run(os.environ["PVDUMP_VM"], "-nodefaults", "-nographic",
                        "-accel", "tcg,pv-dump-finalize-len=287",
                        capture_output=True, text=True, timeout=30)
        self.assertEqual(r.returncode, 1)
        self.assertIn("-accel tcg,pv-dump-finalize-len=287: must be between "
                      "288 and 65536", r.stderr)


class PvDumpFailures(PvDumpTest):
    """After INIT: the UV dump is completed whatever went wrong."""

    def setUp(self):
        self.boot(64, 2)

    def assert_recovered(self, error):
        ev = self.qmp.wait_event("DUMP_COMPLETED", timeout=60)
        self.assertEqual(ev["data"]["result"]["status"], "failed")
        self.assertEqual(ev["data"]["error"], error)
        self.dump_again()

    def dump_again(self):
        self.assertEqual(self.qmp.ok("query-dump")["status"], "failed")
        self.assert_runs()
        self.qmp.ok("stop")
        self.check_dump(self.dump_fd("again.elf"))
        self.qmp.ok("cont")
        self.assert_runs()

    def test_closed_pipe(self):
        rfd = self.start_fd_dump()
        os.read(rfd, 4096)
        os.close(rfd)
        self.assert_recovered("dump: failed to save memory: Broken pipe")

    def test_full_disk(self):
        reply = self.qmp.cmd("dump-guest-memory", {
            "paging": False, "protocol": "file:/dev/full"})
        self.assertEqual(reply, err("dump: failed to write elf header: "
                                    "No space left on device"))
        self.assert_recovered(reply["error"]["desc"])

    def test_cancel(self):
        rfd = self.start_fd_dump()
        os.read(rfd, 4096)
        self.assertEqual(self.qmp.ok("query-status")["status"], "save-vm")
        self.qmp.ok("dump-cancel")
        reader = drain(rfd)
        self.assert_recovered("dump cancelled")
        reader.join(10)
        os.close(rfd)

    def test_client_gone(self):
        """libvirt's connection and its reader vanish mid-dump."""
        rfd = self.start_fd_dump()
        os.read(rfd, 4096)
        self.qmp.close()
        os.close(rfd)
        self.qmp = self.vm.qmp()
        for _ in range(500):
            if self.qmp.ok("query-dump")["status"] != "active":
                break
            self.vm_sleep()
        # A fresh client, without the failed dump's event queued.
        self.qmp.close()
        self.qmp = self.vm.qmp()
        self.dump_again()

    def test_quit_during_dump(self):
        rfd = self.start_fd_dump()
        self.addCleanup(os.close, rfd)
        self.qmp.cmd("quit")
        self.assertEqual(self.vm.wait(), 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
