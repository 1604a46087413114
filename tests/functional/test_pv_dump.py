# SPDX-License-Identifier: GPL-2.0-or-later
"""Protected dumps on uvsim, end to end: the dump decrypts with
pvdump-decrypt and the CCK into exactly the guest's memory (as uvsim's
secure storage holds it) and every register of every vCPU, while the
encrypted dump holds no plaintext of a secure page.  1 and 8 vCPUs, 64 MiB
to 1 GiB, libvirt's fd/detach path and file dumps, progress reporting."""
import os
import unittest

from pv_dump_util import PvDumpTest, MIB, drain


class PvDump(PvDumpTest):
    def test_libvirt_fd_detach(self):
        """2 vCPUs, 64 MiB: stop, getfd + fd: + detach, DUMP_COMPLETED, cont."""
        self.boot(64, 2)
        self.qmp.ok("stop")
        path = self.dump_fd()
        self.assertEqual(os.stat(path).st_size, 0x4042B88 + 4096 + 35)
        enc = self.check_dump(path)
        self.assertEqual(enc.shnum, 4)
        self.assertEqual(self.section(enc, ".shstrtab"),
                         b"\0pv_mem_meta\0pv_compl\0\0\0\0.shstrtab\0")
        self.assertEqual(self.qmp.ok("query-dump"),
                         {"status": "completed", "completed": 64 * MIB,
                          "total": 64 * MIB})
        self.qmp.ok("cont")
        self.assert_runs()

    def test_eight_cpus_running_guest(self):
        """8 vCPUs, 256 MiB, dumped while running: paused for the dump,
        running again afterwards, and a second dump is exact too."""
        self.boot(256, 8)
        path, reply = self.dump_file("running.elf")
        self.assertEqual(reply, {"return": {}})
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)
        self.decrypt(path)
        self.assert_runs()
        self.qmp.ok("stop")
        path, reply = self.dump_file("paused.elf")
        self.assertEqual(reply, {"return": {}})
        self.check_dump(path)

    def test_one_cpu_1g(self):
        """1 vCPU, 1 GiB: mostly never-touched pages."""
        self.boot(1024, 1)
        self.qmp.ok("stop")
        path, reply = self.dump_file()
        self.assertEqual(reply, {"return": {}})
        self.check_dump(path)

    def test_exact_v1_sizes(self):
        """D8: a UV whose buffers are exactly the v1 structures."""
        self.boot(64, 1, accel=",pv-dump-cpu-len=1568,pv-dump-finalize-len=288")
        self.assertEqual(self.qmp.ok("query-pv")["dump-info"],
                         {"cpu-buffer-len": 1568, "mem-buffer-per-1m": 4096,
                          "finalize-len": 288})
        self.qmp.ok("stop")
        path, reply = self.dump_file()
        self.assertEqual(reply, {"return": {}})
        self.check_dump(path)

    def test_progress(self):
        """query-dump and HMP "info dump" while a protected dump waits on
        its reader, then completion."""
        self.boot(128, 2)
        rfd = self.start_fd_dump()
        os.read(rfd, 1 << 16)
        progress = self.qmp.ok("query-dump")
        self.assertEqual(progress["status"], "active")
        self.assertEqual(progress["total"], 128 * MIB)
        self.assertLess(progress["completed"], 128 * MIB)
        info = self.qmp.hmp("info dump")
        self.assertIn("Status: active", info)
        self.assertIn("Finished:", info)
        reader = drain(rfd)
        ev = self.qmp.wait_event("DUMP_COMPLETED", timeout=60)
        reader.join(60)
        os.close(rfd)
        self.assertEqual(ev["data"]["result"]["status"], "completed")
        self.assertIn("Status: completed", self.qmp.hmp("info dump"))
        self.assert_runs()


if __name__ == "__main__":
    unittest.main(verbosity=2)
