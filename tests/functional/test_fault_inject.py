"""Fault injection (builds with -Dfault_injection): the Nth write to the
dump fd, or the Nth PV ioctl, fails with a chosen errno, for every N a
dump issues.  After each fault the error is reported, the VM runs again,
no fd is left open, the UV dump is completed and the next dump works (and
decrypts, for a protected guest)."""
import errno
import os
import time
import unittest

from pv_dump_util import PvDumpTest, drain
from test_dump_util import dump, open_fds, start_vm

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


if __name__ == "__main__":
    unittest.main(verbosity=2)
