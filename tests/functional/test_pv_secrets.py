# SPDX-License-Identifier: GPL-2.0-or-later
"""Secrets of a protected guest never leave pvdump-vm: every byte the VM
produces while running one (dumps over file: and fd:, pmemsave output, its
stderr log, every QMP reply, event and greeting, HMP output over QMP and
over a readline socket) is scanned for the customer communication key (raw,
hex, base64) and the guest's plaintext markers (the payload's magic, its
command line, the workload's secure-page magic): zero hits.  The files that
hold or may hold secrets are created 0600.

The markers are shown to be present in the guest (the owner's decryption of
the same dump holds them), so a zero count means the scan looked at
something that had them to leak."""
import os
import stat
import unittest

import qmp
from secret_scan import read_cck_markers, leaks
from pv_dump_util import (PvDumpTest, PV_ARGS, KERNEL_MAGIC, CMDLINE, MIB,
                          DECRYPT)


class Tap:
    """A socket that keeps a copy of every byte received."""

    def __init__(self, sock, sink):
        self._sock = sock
        self._sink = sink

    def recv(self, n):
        data = self._sock.recv(n)
        self._sink.append(data)
        return data

    def __getattr__(self, name):
        return getattr(self._sock, name)


class PvSecrets(PvDumpTest):
    def setUp(self):
        self.markers = read_cck_markers(self.cck)
        self.markers.update({
            "payload magic": KERNEL_MAGIC,
            "command line": CMDLINE.encode(),
            "command-line secret": b"DUMPTEST-4b1e77",
            "workload magic": b"PVDUMPWL",
        })
        self.received = []           # raw monitor bytes, in arrival order

    def boot_tapped(self, mem_mib=64, smp=2):
        """A protected guest with a QMP and a readline HMP socket, both tapped."""
        self.mem, self.smp = mem_mib * MIB, smp
        self.vm = qmp.VM(args=["-kernel", self.image, *PV_ARGS],
                         base_args=["-nodefaults", "-nographic", "-accel",
                                    "tcg,host-key=" + self.path("host.pem"),
                                    "-m", str(mem_mib), "-smp", str(smp)])
        hmp_path = self.vm.path("hmp.sock")
        self.vm.args += ["-monitor", f"unix:{hmp_path},server=on,wait=off"]
        self.vm.launch()
        self.addCleanup(self.vm.shutdown)
        self.qmp = self.vm._track(qmp.QMPClient(
            Tap(qmp.connect_unix(self.vm.qmp_path), self.received)))
        self.hmp = self.vm._track(qmp.HMPClient(
            Tap(qmp.connect_unix(hmp_path), self.received)))
        self.assertTrue(self.vm.pv_booted(self.qmp)["protected"])
        self.wait_steps()

    def read(self, path):
        with open(path, "rb") as f:
            return f.read()

    def assert_mode_0600(self, path):
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600, path)

    def assert_clean(self, what, data):
        self.assertEqual(leaks(self.markers, data), [], f"found in {what}")

    def test_no_secret_in_anything_the_vm_produces(self):
        self.boot_tapped()
        outputs = {}

        # Monitors, running guest: state queries and HMP info commands.
        for name in ("query-pv", "query-status", "query-cpus-fast",
                     "query-dump-guest-memory-capability", "query-kvm"):
            self.qmp.ok(name)
        for line in ("info pv", "info registers", "info status", "info cpus"):
            self.qmp.hmp(line)
            self.hmp.cmd(line)

        # The host's view of all of guest memory.
        host_view = self.vm.path("host-view")
        self.qmp.ok("pmemsave", {"val": 0, "size": self.mem,
                                 "filename": host_view})
        self.assert_mode_0600(host_view)
        outputs["pmemsave"] = self.read(host_view)

        # A detached fd: dump of the running guest (libvirt; DUMP_COMPLETED).
        fd_dump = self.dump_fd("fd.elf")
        outputs["fd: dump"] = self.read(fd_dump)

        # A file: dump of the paused guest, then registers while paused.
        self.qmp.ok("stop")
        for line in ("info registers", "info pv"):
            self.qmp.hmp(line)
            self.hmp.cmd(line)
        path, reply = self.dump_file("file.elf")
        self.assertEqual(reply, {"return": {}})
        self.assert_mode_0600(path)
        outputs["file: dump"] = self.read(path)
        self.qmp.ok("query-dump")
        # A refused format and a failing destination put text in replies/log.
        self.assertIn("error", self.qmp.cmd("dump-guest-memory", {
            "paging": False, "protocol": "file:" + self.vm.path("k.kdump"),
            "format": "kdump-zlib"}))
        self.assertIn("error", self.qmp.cmd("dump-guest-memory", {
            "paging": False, "protocol": "file:/nonexistent/dir/d.elf"}))
        self.qmp.ok("cont")
        self.assert_runs()

        # Positive control: the owner's view of the same dump holds the
        # plaintext markers (the CCK is never in guest memory), so the scan
        # below looks at a guest that has them to leak.
        plain = self.read(self.decrypt(path))
        for name in ("payload magic", "workload magic", "command line"):
            self.assertIn(self.markers[name], plain, name)

        # Quit, then the log is complete.
        self.assertEqual(self.qmp.cmd("quit"), {"return": {}})
        self.assertEqual(self.vm.wait(), 0)
        outputs["stderr"] = self.read(self.vm.stderr_path)
        try:
            while self.qmp.pending(0.5):
                pass
        except EOFError:
            pass
        outputs["monitor bytes"] = b"".join(self.received)
        self.assertIn(b'"event": "DUMP_COMPLETED"', outputs["monitor bytes"])
        self.assertIn(b'"event": "SHUTDOWN"', outputs["monitor bytes"])
        self.assertEqual(outputs["monitor bytes"].count(b"Protected: yes"), 4)

        for what, data in outputs.items():
            self.assert_clean(what, data)

    def test_key_and_output_files_are_private(self):
        """The CCK of pvdump-mkimage, the host key's private half and the
        owner's decrypted dump are 0600."""
        self.assert_mode_0600(self.cck)
        self.assert_mode_0600(self.path("host.pem"))
        self.boot_tapped(64, 1)
        self.qmp.ok("stop")
        path, reply = self.dump_file()
        self.assertEqual(reply, {"return": {}})
        self.assert_mode_0600(path)
        self.assert_mode_0600(self.decrypt(path))
        # A new CCK file of mkimage --cck, too.
        self.mkimage("other.img", "--cck", self.path("other.cck"))
        self.assert_mode_0600(self.path("other.cck"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
