# SPDX-License-Identifier: GPL-2.0-or-later
"""Fault injection (builds with -Dfault_injection): the Nth write to the
dump fd, or the Nth PV ioctl, fails with a chosen errno, for every N a
dump issues.  After each fault the error is reported, the VM runs again,
no fd is left open, the UV dump is completed and the next dump works (and
decrypts, for a protected guest)."""
import errno
import os
import time
import unittest

import wrapper

wrapper.skip_without_test_hooks("fault injection (x-debug-fault-inject)")

from pv_dump_util import PvDumpTest, drain  # noqa: E402
from test_dump_util import dump, open_fds, start_vm  # noqa: E402

ERRNOS = ("ENOSPC", "EIO", "EPIPE", "EDQUOT")


def stats(qmp):
    return qmp.ok("x-debug-fault-stats")


class Sweep:
    """Mixin: one failing dump per N, checked by the caller's recovered()."""

    def dump_sync(self, path, fmt="elf"):
        """A synchronous dump; returns its error text or None.  A failure
        in dump_init() is only the command's error (QEMU: no event);
        later ones also come as DUMP_COMPLETED, before the reply."""
        reply = dump(self.qmp, path, fmt)
        status = self.qmp.ok("query-dump")["status"]
        evs = [e for e in self.qmp.events if e["event"] == "DUMP_COMPLETED"]
        self.qmp.events.clear()
        self.assertLessEqual(len(evs), 1)
        if "error" in reply:
            self.assertEqual(status, "failed")
            if evs:
                self.assertEqual(evs[0]["data"].get("error"),
                                 reply["error"]["desc"])
            return reply["error"]["desc"]
        self.assertEqual(len(evs), 1, reply)
        if "error" in evs[0]["data"]:
            self.assertEqual(status, "failed")
            self.assertEqual(evs[0]["data"]["result"]["status"], "failed")
            return evs[0]["data"]["error"]
        self.assertEqual(status, "completed")
        return None

    def dump_pipe(self, path, fmt="elf"):
        """libvirt's way: getfd, a detached dump into a pipe, the event."""
        rfd, wfd = os.pipe()
        self.qmp.ok("getfd", {"fdname": "dump"}, fds=[wfd])
        os.close(wfd)
        reader = drain(rfd, path)
        try:
            reply = self.qmp.cmd("dump-guest-memory", {
                "paging": False, "protocol": "fd:dump", "format": fmt,
                "detach": True})
            if "error" in reply:
                self.qmp.cmd("closefd", {"fdname": "dump"})
                self.assertEqual(self.qmp.ok("query-dump")["status"], "failed")
                self.assertFalse([e for e in self.qmp.events
                                  if e["event"] == "DUMP_COMPLETED"])
                return reply["error"]["desc"]
            ev = self.qmp.wait_event("DUMP_COMPLETED", timeout=60)
        finally:
            reader.join(60)
            os.close(rfd)
        status = self.qmp.ok("query-dump")["status"]
        self.assertEqual(ev["data"]["result"]["status"], status)
        if "error" in ev["data"]:
            self.assertEqual(status, "failed")
            return ev["data"]["error"]
        self.assertEqual(status, "completed")
        return None

    def count(self, site, fmt="elf", dumper=None):
        """How many hits of @site one clean dump makes."""
        before = stats(self.qmp)[site]
        self.assertIsNone((dumper or self.dump_sync)(self.vm.path("count"), fmt))
        return stats(self.qmp)[site] - before

    def sweep(self, site, fmt, check_next, pipe=False):
        """Fails the Nth hit of @site for every N of one dump; returns the
        number of faults injected.  Into a pipe, a write may be partial or
        meet a full pipe (EAGAIN), so the count varies from dump to dump:
        there N runs over the first and last 8 and 16 points between, and
        an N past the end of that dump is not an error (N <= 8 always
        lands: every dump here makes more than 8 write calls)."""
        dumper = self.dump_pipe if pipe else self.dump_sync
        hits = self.count(site, fmt, dumper)
        self.assertGreater(hits, 0)
        ns = range(1, hits + 1)
        if pipe and hits > 32:
            ns = sorted(set(list(range(1, 9)) + list(range(hits - 7, hits + 1))
                            + list(range(9, hits - 7, (hits - 16) // 16 + 1))))
        fds = open_fds(self.vm)
        injected = stats(self.qmp)["injected"]
        for n in ns:
            name = ERRNOS[n % len(ERRNOS)]
            self.qmp.ok("x-debug-fault-inject", {"spec": f"{site}:{n}:{name}"})
            error = dumper(self.vm.path("fail"), fmt)
            with self.subTest(site=site, fmt=fmt, n=n):
                if error is None and pipe and n > 8:
                    self.assertEqual(stats(self.qmp)["injected"], injected)
                    self.qmp.ok("x-debug-fault-inject", {"spec": f"{site}:0:EIO"})
                    continue
                self.assertIsNotNone(error, f"fault {n}/{hits} not reported")
                self.assertIn(os.strerror(getattr(errno, name)), error)
                injected += 1
                self.assertEqual(stats(self.qmp)["injected"], injected)
                self.assertTrue(self.qmp.ok("query-status")["running"])
                self.assertEqual(open_fds(self.vm), fds)
                check_next(n, hits)
                self.assertEqual(open_fds(self.vm), fds)
        self.quit_clean()
        return injected

    def quit_clean(self):
        """quit: exit status 0, no sanitizer report (an ASan build's leak
        check runs here)."""
        self.qmp.cmd("quit")
        self.assertEqual(self.vm.wait(60), 0, self.vm.stderr())
        self.assertNotIn("Sanitizer", self.vm.stderr())


class PlainSweep(Sweep, unittest.TestCase):
    """A running 64 MiB guest."""

    def setUp(self):
        self.vm, self.qmp = start_vm(self, mem="64", paused=False)

    def next_ok(self, fmt):
        def check(n, hits):
            self.assertIsNone(self.dump_sync(self.vm.path("next"), fmt))
        return check

    def test_elf_writes(self):
        n = self.sweep("dump-write", "elf", self.next_ok("elf"))
        print(f"\nelf: {n} faults injected", flush=True)

    def test_kdump_writes(self):
        n = self.sweep("dump-write", "kdump-zlib", self.next_ok("kdump-zlib"))
        print(f"\nkdump-zlib: {n} faults injected", flush=True)

    def test_kdump_pipe_writes(self):
        """kdump-zlib into a pipe (flattened format), detached."""
        n = self.sweep("dump-write", "kdump-zlib", self.next_ok("kdump-zlib"),
                       pipe=True)
        print(f"\nkdump-zlib, pipe: {n} faults injected", flush=True)

    def test_retried_errnos(self):
        """EINTR and EAGAIN at any write are retried: same dump, no error."""
        self.qmp.ok("stop")
        hits = self.count("dump-write", "kdump-zlib")
        with open(self.vm.path("count"), "rb") as f:
            ref = f.read()
        for n in range(1, hits + 1):
            for name in ("EINTR", "EAGAIN"):
                self.qmp.ok("x-debug-fault-inject",
                            {"spec": f"dump-write:{n}:{name}"})
                self.assertIsNone(self.dump_sync(self.vm.path("d"), "kdump-zlib"))
                with open(self.vm.path("d"), "rb") as f:
                    self.assertTrue(f.read() == ref, f"{name} at write {n}")
        self.assertEqual(self.qmp.ok("x-debug-fault-stats")["injected"],
                         2 * hits)
        self.quit_clean()

    def test_env(self):
        """PVDUMP_FAULT arms at start; the counters print at exit."""
        self.vm.shutdown()
        os.environ["PVDUMP_FAULT"] = "dump-write:2:ENOSPC,pv-ioctl:1:EIO"
        try:
            self.vm, self.qmp = start_vm(self, mem="64", paused=False)
        finally:
            del os.environ["PVDUMP_FAULT"]
        self.assertIn("No space left on device",
                      self.dump_sync(self.vm.path("d")))
        self.assertIsNone(self.dump_sync(self.vm.path("d")))
        self.quit_clean()
        self.assertRegex(self.vm.stderr(), r"pvdump-vm: fault-inject: "
                         r"dump-write=\d+ pv-ioctl=0 injected=1\n")

    def test_bad_spec(self):
        for spec in ("nope:1:EIO", "dump-write:x:EIO", "dump-write:1:EWHAT",
                     "dump-write:1"):
            r = self.qmp.cmd("x-debug-fault-inject", {"spec": spec})
            self.assertIn("error", r, spec)


class PvSweep(Sweep, PvDumpTest):
    """A running protected 64 MiB guest; after every fault the next dump
    is decrypted and compared with the (paused) guest."""

    def setUp(self):
        self.boot(64, 2)

    def next_ok(self, n, hits):
        self.assert_runs()
        self.qmp.ok("stop")
        self.check_dump(self.dump_fd("next.elf"))
        self.qmp.ok("cont")
        self.assert_runs()

    def test_elf_writes(self):
        n = self.sweep("dump-write", "elf", self.next_ok)
        print(f"\npv elf: {n} faults injected", flush=True)

    def test_pipe_writes(self):
        """libvirt's detached fd: dump into a pipe."""
        n = self.sweep("dump-write", "elf", self.next_ok, pipe=True)
        print(f"\npv elf, pipe: {n} faults injected", flush=True)

    def test_pv_ioctls(self):
        n = self.sweep("pv-ioctl", "elf", self.next_ok)
        print(f"\npv ioctls: {n} faults injected", flush=True)


# The abort path's message when the UV dump stays open (hw/s390x/pv-boot.c).
STUCK = ("the protected guest cannot run until its dump is completed: "
         "KVM_PV_DUMP DUMP_COMPLETE failed: {} (UV rc 0x0 rrc 0x0)")


class PvAbortSweep(Sweep, PvDumpTest):
    """For each PV ioctl N of a protected dump after DUMP_INIT, a fault
    there and more on the DUMP_COMPLETE calls that follow (hits N+1...)."""

    def setUp(self):
        self.boot(64, 2)
        self.hits = self.count("pv-ioctl")
        self.assertEqual(self.hits, 3 + self.smp)   # INIT, CPUs, STOR, COMPLETE
        self.fds = open_fds(self.vm)
        self.injected = stats(self.qmp)["injected"]
        self.addCleanup(lambda: print(f"\npv abort, {self._testMethodName}: "
                                      f"{self.injected} faults injected",
                                      flush=True))
        self.errors = {}
        for n in range(2, self.hits + 1):           # a failed INIT has no abort
            self.errors[n] = self.failing_dump(n, "EIO", ())
            self.assertTrue(self.qmp.ok("query-status")["running"])

    def failing_dump(self, n, first, then, left=0):
        """Arms @first at ioctl @n and @then on the following ones; a dump
        fails and leaves @left of them for later: returns its error."""
        specs = [f"pv-ioctl:{n}:{first}"] + [
            f"pv-ioctl:{n + 1 + i}:{e}" for i, e in enumerate(then)]
        self.qmp.ok("x-debug-fault-inject", {"spec": ",".join(specs)})
        error = self.dump_sync(self.vm.path("fail"))
        self.assertIsNotNone(error)
        self.assertIn(os.strerror(getattr(errno, first)), error)
        self.injected += len(specs) - left
        self.assertEqual(stats(self.qmp)["injected"], self.injected)
        self.assertEqual(open_fds(self.vm), self.fds)
        return error

    def incomplete(self):
        info = self.qmp.ok("query-pv")
        hmp = "Dump incomplete: the guest cannot run until the Ultravisor's " \
              "dump is completed ('cont' retries)" in self.qmp.hmp("info pv")
        self.assertEqual(info["dump-incomplete"], hmp)
        return info["dump-incomplete"]

    def assert_stuck(self, name):
        """The guest is paused and cannot run."""
        self.assertEqual(self.qmp.ok("query-status"),
                         {"status": "paused", "singlestep": False,
                          "running": False})
        self.assertTrue(self.incomplete())
        steps = self.steps()
        self.vm_sleep()
        self.assertEqual(self.steps(), steps)

    def check_recovered(self):
        """Running, nothing pending, and a fresh dump decrypts."""
        self.assertFalse(self.incomplete())
        self.next_ok()
        self.assertEqual(open_fds(self.vm), self.fds)

    def next_ok(self):
        self.assert_runs()
        self.qmp.ok("stop")
        self.check_dump(self.dump_fd("next.elf"))
        self.qmp.ok("cont")
        self.assert_runs()

    def test_transient(self):
        """Retried within the dump: its own error only, the guest runs.
        ENOMEM/EAGAIN are tried 5 times in all, EINTR and EFAULT at once."""
        cases = [(e,) for e in ("EINTR", "EAGAIN", "ENOMEM", "EFAULT")]
        cases += [("ENOMEM",) * 4, ("EFAULT", "EAGAIN", "EINTR", "ENOMEM")]
        for n, error in self.errors.items():
            for then in cases:
                with self.subTest(n=n, then=then):
                    self.assertEqual(self.failing_dump(n, "EIO", then), error)
                    self.assertTrue(self.qmp.ok("query-status")["running"])
                    self.assertFalse(self.incomplete())
            self.check_recovered()
        self.quit_clean()

    def test_persistent(self):
        """The UV dump stays open: the dump says why, the guest stays
        paused; k - 1 faults remain for the retries of cont/dump."""
        for n, error in self.errors.items():
            for k, name in ((1, "EIO"), (2, "EIO"), (3, "EPERM")):
                with self.subTest(n=n, k=k):
                    self.persistent(n, error, k, name)
        self.quit_clean()

    def persistent(self, n, error, k, name):
        stuck = STUCK.format(os.strerror(getattr(errno, name)))
        self.assertEqual(self.failing_dump(n, "EIO", (name,) * k, k - 1),
                         f"{error}; {stuck}")
        self.assert_stuck(name)
        self.injected += k - 1      # each retry below meets one
        if k >= 2:
            # cont retries once and fails: still paused.
            self.assertEqual(self.qmp.cmd("cont"),
                             {"error": {"class": "GenericError", "desc": stuck}})
            self.assert_stuck(name)
        if k >= 3:
            # The next dump retries before DUMP_INIT: the command's error only.
            reply = dump(self.qmp, self.vm.path("refused"))
            self.assertEqual(reply["error"]["desc"], stuck)
            self.assertFalse([e for e in self.qmp.events
                              if e["event"] == "DUMP_COMPLETED"])
            self.assert_stuck(name)
        self.assertEqual(stats(self.qmp)["injected"], self.injected)
        if k == 2:
            # A dump of the paused guest completes the UV dump first.
            self.check_dump(self.dump_fd("after.elf"))
            self.assertFalse(self.incomplete())
            self.assertFalse(self.qmp.ok("query-status")["running"])
        self.qmp.ok("cont")
        self.check_recovered()

    def test_paused_guest(self):
        """A guest paused before the dump stays paused; cont completes."""
        self.qmp.ok("stop")
        error = self.errors[3]
        self.assertEqual(self.failing_dump(3, "EIO", ("EIO",)),
                         f"{error}; {STUCK.format(os.strerror(errno.EIO))}")
        self.assert_stuck("EIO")
        self.qmp.ok("cont")
        self.check_recovered()
        self.quit_clean()

    def test_quit_while_incomplete(self):
        """Teardown retries the completion; its failure is only a warning."""
        self.failing_dump(4, "EIO", ("EIO", "EIO"), 1)
        self.assert_stuck("EIO")
        self.quit_clean()
        self.assertIn(STUCK.format(os.strerror(errno.EIO)) +
                      " (the Ultravisor discards it with the VM)",
                      self.vm.stderr())


if __name__ == "__main__":
    unittest.main(verbosity=2)
