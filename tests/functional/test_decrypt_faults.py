#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""pvdump-decrypt under fault injection (builds with -Dfault_injection):
the Nth write (site output-write) or fsync (output-fsync) of its output
fails with a chosen errno, for every N of a decryption of the golden
vector.  A failure exits 1 with its exact message and leaves neither the
output nor the temporary file behind (except a failed directory fsync,
after which the complete file stays); EINTR is retried into the same
bytes.  The number of hits per run comes from the counters the layer
prints at exit."""
import errno
import hashlib
import os
import re
import unittest

import wrapper

wrapper.skip_without_test_hooks("fault injection (PVDUMP_FAULT)")

import pvvector  # noqa: E402
from decrypt_common import DecryptTestCase  # noqa: E402

MiB = 1 << 20
CHUNK = MiB                 # tools/decrypt-engine.c: CHUNK_PAGES pages
PAGE = 4096
STATS = re.compile(r"pvdump-decrypt: fault-inject: output-write=(\d+) "
                   r"output-fsync=(\d+) injected=(\d+)$")
NOFAULT = "output-write:0:EIO"  # arms nothing, but prints the counters


def nonzero_runs(data, off, size):
    """The offsets of the writes of @size bytes of @data at @off into a new
    file: zero pages (4 KiB from @off) nothing was written to stay holes
    (tools/output-file.c), each run of other pages is one write."""
    runs, prev_zero = [], True
    for page in range(off, off + size, PAGE):
        zero = not any(data[page:min(page + PAGE, off + size)])
        if not zero and prev_zero:
            runs.append(page)
        prev_zero = zero
    return runs


def write_offsets(elf, in_place=False, holes=False, cipher=None):
    """The offset of each output write decrypting to @elf: the ELF head,
    then each PT_LOAD in 1 MiB chunks; in place (stdin whose sections follow
    the memory) the ciphertext @cipher is copied first, in the same chunks.
    With @holes (a new file) a first write of a chunk leaves out its zero
    pages; a write over what was copied before is whole."""
    chunks = [(ph[2] + off, min(CHUNK, ph[5] - off))
              for ph in pvvector.Dump(elf).phdrs()
              if ph[0] == pvvector.PT_LOAD
              for off in range(0, ph[5], CHUNK)]
    whole = [off for off, _ in chunks]
    if not holes:
        return (whole if in_place else []) + [0] + whole
    if in_place:
        return ([w for off, size in chunks
                 for w in nonzero_runs(cipher, off, size)] + [0] + whole)
    return [0] + [w for off, size in chunks
                  for w in nonzero_runs(elf, off, size)]


class DecryptFaults(DecryptTestCase):
    def setUp(self):
        super().setUp()
        self.out = self.path("out.elf")
        self.input_id = self.input_state()
        self.ref, self.hits = self.clean_run([self.pv, "-o", self.out])
        os.unlink(self.out)
        self.injected = 0
        self.addCleanup(lambda: print(f"\n{self._testMethodName}: "
                                      f"{self.injected} faults injected",
                                      flush=True))

    def input_state(self):
        st = os.stat(self.pv)
        with open(self.pv, "rb") as f:
            return st.st_size, st.st_mtime_ns, hashlib.sha256(f.read()).digest()

    def stats(self, r):
        """The counters of the exit line, the last of @r's stderr."""
        err = r if isinstance(r, str) else r.stderr.decode()
        m = STATS.fullmatch(err.splitlines()[-1])
        self.assertIsNotNone(m, err)
        return tuple(int(g) for g in m.groups())

    def clean_run(self, args, stdin=None):
        """Decrypts without a fault: the output bytes and (writes, fsyncs)."""
        r = self.run_tool(*args, stdin=stdin, fault=NOFAULT)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        writes, syncs, injected = self.stats(r)
        self.assertEqual(injected, 0)
        if args[-1] == "-":
            return r.stdout, (writes, syncs)
        with open(args[-1], "rb") as f:
            return f.read(), (writes, syncs)

    def fails(self, args, spec, message, stdin=None):
        """One failing run with PVDUMP_FAULT=@spec: status 1, exactly the
        error line @message and the counters, nothing left in self.dir,
        the input untouched; returns the result."""
        self.injected += 1
        err = self.assert_fails(args, message, stdin=stdin, fault=spec)
        lines = err.splitlines()
        self.assertEqual(lines[:-1], ["pvdump-decrypt: " + message], err)
        self.assertEqual(self.stats(err)[2], 1)
        self.assertEqual(os.listdir(self.dir), [])
        self.assertEqual(self.input_state(), self.input_id)
        return err

    def sweep_writes(self, args, names, offsets, target, stdin=None):
        """For each write N and each errno of @names, a failing run."""
        self.assertEqual(len(offsets), self.hits[0])
        for n, off in enumerate(offsets, 1):
            for name in names:
                with self.subTest(n=n, errno=name):
                    text = os.strerror(getattr(errno, name))
                    err = self.fails(args, f"output-write:{n}:{name}",
                                     f"cannot write to {target} at offset "
                                     f"{off:#x}: {text}", stdin=stdin)
                    self.assertEqual(self.stats(err), (n, 0, 1))

    def test_every_write(self):
        """ENOSPC and EIO at each write of a decryption to a file."""
        self.sweep_writes([self.pv, "-o", self.out], ("ENOSPC", "EIO"),
                          write_offsets(self.ref, holes=True), self.out)

    def test_every_write_threads(self):
        """Same with -j 2: the workers only decrypt, the main thread writes
        in order, so the writes and their offsets are the same."""
        args = [self.pv, "-j", "2", "-o", self.out]
        self.assertEqual(self.clean_run(args), (self.ref, self.hits))
        os.unlink(self.out)
        self.sweep_writes(args, ("ENOSPC",),
                          write_offsets(self.ref, holes=True), self.out)

    def test_every_write_in_place(self):
        """Standard input whose sections follow the memory: the ciphertext
        is copied into the output first and decrypted there."""
        args = ["-", "-o", self.out]
        stdin = pvvector.golden("pv.elf")
        data, self.hits = self.clean_run(args, stdin)
        self.assertEqual(data, self.ref)
        os.unlink(self.out)
        self.sweep_writes(args, ("ENOSPC",),
                          write_offsets(self.ref, True, True, stdin),
                          self.out, stdin)

    def test_file_fsync(self):
        """fsync of the temporary file (hit 1): nothing is left."""
        self.assertEqual(self.hits[1], 2)
        self.fails([self.pv, "-o", self.out], "output-fsync:1:EIO",
                   f"cannot write '{self.out}': {os.strerror(errno.EIO)}")

    def test_dir_fsync(self):
        """fsync of the directory after the rename (hit 2): an error, but
        the complete file stays in place (docs/pvdump-decrypt.1)."""
        self.injected += 1
        r = self.run_tool(self.pv, "-o", self.out, fault="output-fsync:2:EIO")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr.decode().splitlines()[:-1], [
            f"pvdump-decrypt: '{self.out}' is complete, but may not survive "
            f"a crash: cannot sync its directory: {os.strerror(errno.EIO)}"])
        self.assertEqual(self.stats(r), (self.hits[0], 2, 1))
        self.assertEqual(os.listdir(self.dir), ["out.elf"])
        self.assertEqual(os.stat(self.out).st_mode & 0o777, 0o600)
        with open(self.out, "rb") as f:
            self.assertTrue(f.read() == self.ref)
        self.assertEqual(self.input_state(), self.input_id)

    def test_eintr_everywhere(self):
        """EINTR at any write or fsync is retried: same bytes, exit 0."""
        writes, syncs = self.hits
        specs = [("output-write", n) for n in range(1, writes + 1)] + \
                [("output-fsync", n) for n in range(1, syncs + 1)]
        for site, n in specs:
            with self.subTest(site=site, n=n):
                self.injected += 1
                r = self.run_tool(self.pv, "-o", self.out,
                                  fault=f"{site}:{n}:EINTR")
                self.assertEqual(r.returncode, 0, r.stderr.decode())
                retried = (writes + (site == "output-write"),
                           syncs + (site == "output-fsync"), 1)
                self.assertEqual(self.stats(r), retried)
                with open(self.out, "rb") as f:
                    self.assertTrue(f.read() == self.ref)
                os.unlink(self.out)

    def test_stdout_pipe(self):
        """-o - into a pipe: no fsync; a failed write stops the output
        right before its offset; EINTR is retried."""
        data, (writes, syncs) = self.clean_run([self.pv, "-o", "-"])
        self.assertTrue(data == self.ref)
        self.assertEqual((writes, syncs), (len(write_offsets(self.ref)), 0))
        offsets = write_offsets(self.ref)
        for n in (1, len(offsets) // 2 + 1, len(offsets)):
            with self.subTest(n=n):
                off = offsets[n - 1]
                self.injected += 1
                r = self.run_tool(self.pv, "-o", "-",
                                  fault=f"output-write:{n}:EPIPE")
                self.assertEqual(r.returncode, 1)
                self.assertEqual(r.stderr.decode().splitlines()[:-1], [
                    f"pvdump-decrypt: cannot write to standard output at "
                    f"offset {off:#x}: {os.strerror(errno.EPIPE)}"])
                self.assertTrue(r.stdout == self.ref[:off])
                self.injected += 1
                r = self.run_tool(self.pv, "-o", "-",
                                  fault=f"output-write:{n}:EINTR")
                self.assertEqual(r.returncode, 0, r.stderr.decode())
                self.assertTrue(r.stdout == self.ref)

    def test_stdout_file_fsync(self):
        """-o - redirected to a regular file: it is fsynced; a failure is
        an error (the file is the caller's: it stays)."""
        with open(self.path("redirect"), "wb") as f:
            self.injected += 1
            r = self.run_tool(self.pv, "-o", "-", stdout=f,
                              fault="output-fsync:1:EIO")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr.decode().splitlines()[:-1], [
            "pvdump-decrypt: cannot write to standard output: "
            + os.strerror(errno.EIO)])
        self.assertEqual(self.stats(r), (len(write_offsets(self.ref)), 1, 1))

    def test_bad_spec(self):
        r = self.run_tool(self.pv, "-o", self.out, fault="output-sync:1:EIO")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr.decode(), "pvdump-decrypt: PVDUMP_FAULT: "
                         "unknown fault site 'output-sync' (dump-write, "
                         "pv-ioctl, output-write, output-fsync)\n")
        self.assertEqual(os.listdir(self.dir), [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
