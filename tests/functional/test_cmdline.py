# SPDX-License-Identifier: GPL-2.0-or-later
"""pvdump-vm's command line: QEMU spellings, clear errors, exit codes."""
import os
import subprocess
import tempfile
import time
import unittest

import wrapper

VM = os.environ.get("PVDUMP_VM", "pvdump-vm")


def run(*args, timeout=20):
    return wrapper.run(VM, *args, capture_output=True, text=True,
                       timeout=timeout, stdin=subprocess.DEVNULL)


class CommandLineErrors(unittest.TestCase):
    def assert_error(self, args, message):
        r = run(*args)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(r.stderr, f"pvdump-vm: {message}\n")
        self.assertEqual(r.stdout, "")

    def test_unknown_option_is_named(self):
        self.assert_error(["-nodefaults", "-frobnicate"], "-frobnicate: invalid option")

    def test_missing_argument(self):
        self.assert_error(["-m"], "-m: requires an argument")

    def test_unknown_machine(self):
        self.assert_error(["-machine", "pc"],
                          'unsupported machine type: "pc"\n'
                          "Use -machine help to list supported machines")

    def test_unknown_machine_property(self):
        self.assert_error(["-machine", "s390-ccw-virtio,bogus=1"],
                          "-machine s390-ccw-virtio,bogus=1: Invalid parameter 'bogus'")

    def test_bad_memory_size(self):
        self.assert_error(["-m", "lots"], "-m lots: Invalid RAM size 'lots'")

    def test_memory_size_not_whole_mib(self):
        # QEMU 7.2's refusal, at start (-m 65538K used to boot).
        for size in ("65538K", "1025.5M", "1048580K"):
            with self.subTest(size=size):
                self.assert_error(["-nodefaults", "-m", size, "-S"],
                                  "ram size must be multiples of 1 MiB")

    def test_bad_accelerator(self):
        self.assert_error(["-accel", "hvf"], "-accel hvf: invalid accelerator hvf")

    def test_unimplemented_device_refused_by_name(self):
        self.assert_error(["-device", "virtio-blk-ccw"],
                          "-device virtio-blk-ccw: 'virtio-blk-ccw' is not a valid "
                          "device model name")

    def test_unknown_object_type(self):
        self.assert_error(["-nodefaults", "-object", "memory-backend-epc,id=x"],
                          "-object memory-backend-epc,id=x: invalid object type: "
                          "memory-backend-epc")

    def test_cgs_must_exist(self):
        self.assert_error(["-nodefaults", "-machine",
                           "s390-ccw-virtio,confidential-guest-support=pv0"],
                          "Property 'confidential-guest-support' can't find value 'pv0'")

    def test_unknown_cpu_feature(self):
        self.assert_error(["-nodefaults", "-cpu", "qemu,sparkle=on"],
                          "CPU model 'qemu': Invalid parameter 'sparkle'")

    def test_unimplemented_cpu_feature_refused_before_the_kernel(self):
        # QEMU 7.2's words; the missing kernel is never looked at.
        self.assert_error(["-nodefaults", "-kernel", "/nonexistent/k.elf",
                           "-cpu", "max,ctop=on"],
                          "Some features requested in the CPU model are not "
                          "available in the configuration: ctop  ")

    def test_smp_books_and_drawers_are_unexpected(self):
        # QEMU 7.2 has no books or drawers; it names books first.
        for smp, name in (("cpus=1,drawers=2,books=2,sockets=2,cores=16,maxcpus=128",
                           "books"), ("drawers=1", "drawers")):
            self.assert_error(["-nodefaults", "-kernel", "/nonexistent/k.elf",
                               "-smp", smp],
                              f"-smp {smp}: Parameter 'smp.{name}' is unexpected")

    def test_kvm_without_dev_kvm(self):
        if os.path.exists("/dev/kvm") and os.uname().machine == "s390x":
            self.skipTest("this host has a usable /dev/kvm")
        r = run("-nodefaults", "-accel", "kvm")
        self.assertEqual(r.returncode, 1)
        self.assertIn("use -accel tcg for the built-in simulator", r.stderr)

    def test_missing_kernel_file(self):
        r = run("-nodefaults", "-kernel", "/nonexistent/vmlinux")
        self.assertEqual(r.returncode, 1)
        self.assertIn("kernel: could not load '/nonexistent/vmlinux'", r.stderr)


class CommandLineInfo(unittest.TestCase):
    def test_version(self):
        r = run("-version")
        self.assertEqual(r.returncode, 0)
        self.assertTrue(r.stdout.startswith("pvdump-vm version "))

    def test_machine_help(self):
        r = run("-machine", "help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("s390-ccw-virtio-7.2", r.stdout)
        self.assertIn("(default)", r.stdout)


class Daemonize(unittest.TestCase):
    def test_daemonize_pidfile_and_failure_status(self):
        with tempfile.TemporaryDirectory() as d:
            pidfile = os.path.join(d, "vm.pid")
            sock = os.path.join(d, "qmp.sock")
            r = run("-S", "-no-user-config", "-nodefaults", "-nographic",
                    "-machine", "none,accel=kvm:tcg",
                    "-qmp", f"unix:{sock},server=on,wait=off",
                    "-pidfile", pidfile, "-daemonize")
            # The foreground process exits 0 only once the monitor listens.
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertTrue(os.path.exists(sock))
            pid = int(open(pidfile).read())
            # Never leave a daemon behind, even when the assertions fail.
            self.addCleanup(lambda: os.path.exists(f"/proc/{pid}") and os.kill(pid, 9))
            os.kill(pid, 15)
            for _ in range(100):
                if not os.path.exists(pidfile):
                    break
                time.sleep(0.05)
            self.assertFalse(os.path.exists(pidfile), "pidfile not removed on exit")
            # A failing child makes the foreground process fail too.
            r = run("-nodefaults", "-m", "64", "-kernel", "/nonexistent",
                    "-daemonize", "-pidfile", pidfile)
            self.assertEqual(r.returncode, 1)


if __name__ == "__main__":
    unittest.main()
