# SPDX-License-Identifier: GPL-2.0-or-later
"""Concurrency and load: many QMP clients while detached dumps run, dump-cancel
at every point of a dump, stop/cont/quit and SIGTERM during a dump, clients
that vanish mid-command, for ordinary and protected guests.  Every reply is
matched to its request, every client gets its events, no fd is left open,
the next dump is exact, and a protected guest's UV dump is always completed.

PVDUMP_SANITIZED=1 (make check-asan) or a wrapper such as valgrind
(PVDUMP_TEST_WRAPPER) skips only the latency bound."""
import collections
import json
import os
import random
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import qmp
import wrapper
from pv_dump_util import PvDumpTest
import guest
from test_dump_util import (CONTENT_ADDR, PAGE, Elf, make_content, open_fds,
                            start_vm)

SANITIZED = os.environ.get("PVDUMP_SANITIZED") == "1" or bool(wrapper.WRAPPER)
CANCELLED = "dump cancelled"
NO_DUMP = {"error": {"class": "GenericError",
                     "desc": "There is no dump in progress"}}
IN_PROGRESS = {"error": {"class": "GenericError",
                         "desc": "There is a dump in process, please wait."}}
# What pvdump and uvsim print should a protected VM die with its UV dump open.
UV_OPEN = ("cannot run until its dump is completed", "dump still open",
           "discards the dump")
LONG = 120

# A reader process: copies stdin to argv[2] at up to argv[1] bytes/s (0: no
# limit), says "go" after the first chunk, and the byte count at EOF.  A
# process, not a thread: the test's latency loop keeps the GIL to itself.
SLOW_CAT = r"""
import os, sys, time
rate, n, t0 = float(sys.argv[1]), 0, time.monotonic()
with open(sys.argv[2], "wb") as out:
    for chunk in iter(lambda: os.read(0, 1 << 18), b""):
        out.write(chunk)
        if not n:
            os.write(1, b"go\n")
        n += len(chunk)
        if rate:
            time.sleep(max(0.0, t0 + n / rate - time.monotonic()))
os.write(1, b"%d\n" % n)
"""


class Drain:
    """Drains the pipe @rfd (closed here) into @path in a child process."""

    def __init__(self, rfd, path=os.devnull, rate=0):
        self.path = path
        self.proc = subprocess.Popen([sys.executable, "-c", SLOW_CAT,
                                      str(rate), path], stdin=rfd,
                                     stdout=subprocess.PIPE, bufsize=0)
        os.close(rfd)

    def started(self, timeout=LONG):
        """Waits for the first bytes of the dump."""
        fd = self.proc.stdout.fileno()
        if not select.select([fd], [], [], timeout)[0]:
            raise TimeoutError("the dump reader got nothing")
        line = os.read(fd, 3)
        if line != b"go\n":
            raise AssertionError(f"the dump reader saw EOF first: {line!r}")

    def finish(self, timeout=LONG):
        """Waits for EOF (every copy of the write end closed); the bytes."""
        out = self.proc.communicate(timeout=timeout)[0]
        n = int(out.split()[-1])
        if self.path == os.devnull:
            return n
        with open(self.path, "rb") as f:
            return f.read()


def pipe_fd(client, name="dump"):
    """A pipe whose write end @client hands to the VM as @name; the read end."""
    rfd, wfd = os.pipe()
    client.ok("getfd", {"fdname": name}, fds=[wfd])
    os.close(wfd)
    return rfd


def dump_args(fmt="elf", detach=True, protocol="fd:dump"):
    args = {"paging": False, "protocol": protocol, "format": fmt}
    if detach:
        args["detach"] = True
    return args


def request(name, args=None, rid=None):
    req = {"execute": name}
    if args is not None:
        req["arguments"] = args
    if rid is not None:
        req["id"] = rid
    return json.dumps(req).encode() + b"\r\n"


def read_all(rfd, limit=None):
    """Reads @rfd to EOF (or @limit bytes)."""
    out = bytearray()
    while limit is None or len(out) < limit:
        chunk = os.read(rfd, 1 << 20 if limit is None
                        else min(1 << 20, limit - len(out)))
        if not chunk:
            break
        out += chunk
    return bytes(out)


def elf_size(mem_mib, smp):
    """An ordinary ELF dump: headers, ten notes per CPU, RAM, .shstrtab."""
    return 0x130 + 1240 * smp + (mem_mib << 20) + 11


def percentile(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1,
                             int(len(sorted_values) * p))]


class ConcurrencyTest(unittest.TestCase):
    """Checks shared by the scenarios."""

    def check_snapshot(self, path, smp=2):
        """@path is one consistent snapshot of the running pvdump-guest: the
        loaded content, and every secondary CPU's counting registers (GR2,
        GR3, PSW address in its prstatus note) as its counter in memory says."""
        e = Elf(path)
        _, mem = e.memory()
        self.assertEqual(mem[CONTENT_ADDR:CONTENT_ADDR + len(self.content)],
                         self.content)
        counters = guest.parse_counters(
            mem[guest.COUNTERS_ADDR:][:guest.COUNTERS_SIZE])
        notes = e.notes()
        for cpu in range(1, smp):
            pswa, r2, r3 = (int.from_bytes(notes[10 * cpu][2][o:o + 8], "big")
                            for o in (120, 144, 152))
            self.assertEqual(r3, cpu)
            self.assertTrue(guest.counting_consistent(
                {"R02": r2, "PSW": (0, pswa)}, counters[cpu]), f"CPU {cpu}")

    def check_exit(self, vm, stderr_has=()):
        """The VM exits 0, reports no open UV dump, and what @stderr_has."""
        self.assertEqual(vm.wait(LONG), 0, vm.stderr())
        err = vm.stderr()
        for text in UV_OPEN + ("Sanitizer", "CRITICAL"):
            self.assertNotIn(text, err)
        for text in stderr_has:
            self.assertIn(text, err)

    def last_events(self, client):
        """Every event @client gets until the VM closes the connection."""
        while True:
            try:
                client.read_reply_line()
            except EOFError:
                return [e["event"] for e in client.events]


# ------------------------------------------------------------------ load

QUERIES = ("query-dump", "query-status", "query-cpus-fast", "query-pv",
           "query-dump", "query-version", "query-dump")


class LoadClient:
    """A QMP connection driven by the test's select loop: it sends batches
    of 1-4 requests with unique ids in one write, the next batch once every
    reply is in, and checks each reply against the oldest request open."""

    def __init__(self, vm, n):
        self.qmp = vm.qmp()
        self.n = n
        self.seq = 0
        self.open = collections.deque()     # (id, command), oldest first
        self.sent, self.answered = [], []
        self.events, self.failures = [], []
        self.done = False
        self.latency = collections.defaultdict(list)    # command -> [s]

    def fileno(self):
        return self.qmp.sock.fileno()

    def send_batch(self):
        batch = []
        for _ in range(1 + self.seq % 4):
            name = QUERIES[(self.seq + self.n) % len(QUERIES)]
            rid = f"c{self.n}-{self.seq}"
            self.seq += 1
            batch.append(request(name, rid=rid))
            self.open.append((rid, name))
            self.sent.append(rid)
        self.t_sent = time.monotonic()
        self.qmp.send(b"".join(batch))

    def readable(self):
        data = self.qmp.sock.recv(1 << 16)
        if not data:
            raise EOFError(f"client {self.n}: connection closed")
        now = time.monotonic()
        self.qmp.buf += data
        while b"\n" in self.qmp.buf:
            msg = json.loads(self.qmp.read_line())
            if "event" in msg:
                self.events.append(msg["event"])
                continue
            rid, name = self.open.popleft() if self.open else (None, None)
            self.answered.append(msg.get("id"))
            if msg.get("id") != rid or "return" not in msg:
                self.failures.append((rid, msg))
            self.latency[name].append(now - self.t_sent)


class Load(ConcurrencyTest):
    """8 clients query in a tight loop while a detached ELF dump of 1 GiB and
    a kdump-zlib dump (compression threads) run for about 2 s each."""

    CLIENTS = 8

    def setUp(self):
        tmp = tempfile.TemporaryDirectory(prefix="pvdump-load-")
        self.addCleanup(tmp.cleanup)
        blob = os.path.join(tmp.name, "blob")     # pages to compress
        make_content(blob, 32 << 20, seed=2)
        self.vm, self.control = start_vm(
            self, mem=1024, paused=False,
            extra=["-device", f"loader,file={blob},addr=0x8000000"])
        self.clients = [LoadClient(self.vm, n) for n in range(self.CLIENTS)]

    def pump(self, until, timeout=LONG):
        """Runs the clients until until() holds."""
        deadline = time.monotonic() + timeout
        while not until():
            self.assertLess(time.monotonic(), deadline, "load timed out")
            for c in self.clients:
                if not c.open and not c.done:
                    c.send_batch()
            for c in select.select(self.clients, [], [], 1.0)[0]:
                c.readable()

    def dump_under_load(self, fmt, rate, nth):
        """One detached dump drained at @rate bytes/s; the bytes written."""
        drain = Drain(pipe_fd(self.control), rate=rate)
        t0 = time.monotonic()
        self.assertEqual(self.control.cmd("dump-guest-memory", dump_args(fmt)),
                         {"return": {}})
        self.pump(lambda: all(c.events.count("DUMP_COMPLETED") >= nth
                              for c in self.clients))
        took = time.monotonic() - t0
        ev = self.control.wait_event("DUMP_COMPLETED")
        self.assertEqual(ev["data"]["result"]["status"], "completed", ev)
        size = drain.finish()
        print(f"  {fmt}: {size} bytes in {took:.2f} s", flush=True)
        self.assertGreater(took, 1.0, "the dump was too short to load")
        return size

    def test_queries_during_dumps(self):
        self.assertEqual(self.dump_under_load("elf", 512 << 20, 1),
                         elf_size(1024, 2))
        self.assertGreater(self.dump_under_load("kdump-zlib", 6 << 20, 2),
                           8 << 20)
        for c in self.clients:
            c.done = True
        self.pump(lambda: not any(c.open for c in self.clients))
        for c in self.clients:
            self.assertEqual(c.failures, [], f"client {c.n}")
            self.assertEqual(c.answered, c.sent, f"client {c.n}")
            self.assertEqual(c.events, ["STOP", "DUMP_COMPLETED", "RESUME"] * 2,
                             f"client {c.n}")
        self.assertTrue(self.control.ok("query-status")["running"])
        self.report_latency()

    def report_latency(self):
        lat = sorted(x for c in self.clients for x in c.latency["query-dump"])
        total = sum(len(c.sent) for c in self.clients)
        p50, p99 = percentile(lat, 0.5), percentile(lat, 0.99)
        print(f"  {total} requests from {self.CLIENTS} clients, "
              f"{len(lat)} query-dump: latency p50 {p50 * 1e3:.3f} ms, "
              f"p99 {p99 * 1e3:.3f} ms, max {lat[-1] * 1e3:.3f} ms"
              f"{' (sanitized build: not checked)' if SANITIZED else ''}",
              flush=True)
        self.assertGreater(len(lat), 1000)
        if not SANITIZED:
            self.assertLess(p99, 0.010)


# --------------------------------------------------------------- cancel

class CancelRaces(ConcurrencyTest):
    """dump-cancel at every point of ELF and kdump-zlib dumps of a paused
    64 MiB guest, whose dumps are therefore byte-identical: in the same
    write as dump-guest-memory, after a random number of bytes, at a random
    time, after DUMP_COMPLETED."""

    ROUNDS = 32
    FORMATS = ("elf", "kdump-zlib")

    def setUp(self):
        self.vm, self.qmp = start_vm(self)
        self.fds = open_fds(self.vm)
        self.ref = {fmt: self.pipe_dump(fmt) for fmt in self.FORMATS}

    def pipe_dump(self, fmt):
        """A whole detached dump through a pipe."""
        rfd = pipe_fd(self.qmp)
        self.assertEqual(self.qmp.cmd("dump-guest-memory", dump_args(fmt)),
                         {"return": {}})
        data = read_all(rfd)
        os.close(rfd)
        ev = self.qmp.wait_event("DUMP_COMPLETED")
        self.assertEqual(ev["data"]["result"]["status"], "completed", ev)
        return data

    def cancel_round(self, fmt, mode, rnd):
        """One dump cancelled as @mode says: (bytes, cancel reply, event)."""
        rfd = pipe_fd(self.qmp)
        self.addCleanup(os.close, rfd)
        if mode == "same-write":
            self.qmp.send(request("dump-guest-memory", dump_args(fmt)) +
                          request("dump-cancel"))
            self.assertEqual(json.loads(self.qmp.read_reply_line()),
                             {"return": {}})
            reply = json.loads(self.qmp.read_reply_line())
            return read_all(rfd), reply, None
        self.assertEqual(self.qmp.cmd("dump-guest-memory", dump_args(fmt)),
                         {"return": {}})
        if mode == "after-bytes":
            head = read_all(rfd, rnd.randrange(len(self.ref[fmt]) // 2))
            reply = self.qmp.cmd("dump-cancel")
            return head + read_all(rfd), reply, None
        if mode == "after-event":
            data = read_all(rfd)
            ev = self.qmp.wait_event("DUMP_COMPLETED")
            return data, self.qmp.cmd("dump-cancel"), ev
        # "random-time": a reader at full speed, a cancel at any moment.
        got = []
        reader = threading.Thread(target=lambda: got.append(read_all(rfd)))
        reader.start()
        threading.Event().wait(rnd.uniform(0, 0.05))
        reply = self.qmp.cmd("dump-cancel")
        reader.join(LONG)
        return got[0], reply, None

    def check_round(self, fmt, mode, data, reply, ev):
        """Exactly one DUMP_COMPLETED; a cancel that came in time fails the
        dump with a prefix of the true bytes, otherwise they are all there."""
        ev = ev or self.qmp.wait_event("DUMP_COMPLETED")
        ref = self.ref[fmt]
        status = ev["data"]["result"]["status"]
        self.assertEqual(self.qmp.ok("query-dump")["status"], status)
        self.assertNotIn("DUMP_COMPLETED",
                         [e["event"] for e in self.qmp.events])
        if mode in ("same-write", "after-bytes"):
            self.assertEqual((reply, status), ({"return": {}}, "failed"))
        elif mode == "after-event":
            self.assertEqual((reply, status), (NO_DUMP, "completed"))
        if status == "failed":
            self.assertEqual(ev["data"]["error"], CANCELLED)
            self.assertEqual(data, ref[:len(data)], "not a prefix")
        else:
            self.assertIn(reply, ({"return": {}}, NO_DUMP))
            self.assertEqual(data, ref)
        self.assertEqual(open_fds(self.vm), self.fds)
        return status

    def test_cancel_anywhere(self):
        seed = int(os.environ.get("PVDUMP_TEST_SEED", time.time_ns()))
        rnd = random.Random(seed)
        modes = ("same-write", "after-bytes", "random-time", "after-event")
        seen = collections.Counter()
        for i in range(self.ROUNDS):
            fmt, mode = self.FORMATS[i % 2], modes[i // 2 % len(modes)]
            with self.subTest(round=i, fmt=fmt, mode=mode, seed=seed):
                result = self.cancel_round(fmt, mode, rnd)
                seen[mode, self.check_round(fmt, mode, *result)] += 1
        print(f"  {self.ROUNDS} rounds (seed {seed}): "
              + ", ".join(f"{m} {s} {n}" for (m, s), n in sorted(seen.items())),
              flush=True)
        # The next dumps are exact, through a pipe and to a file.
        for fmt in self.FORMATS:
            self.assertEqual(self.pipe_dump(fmt), self.ref[fmt], fmt)
        path = self.vm.path("final.elf")
        self.assertEqual(self.qmp.cmd("dump-guest-memory", dump_args(
            detach=False, protocol="file:" + path)), {"return": {}})
        with open(path, "rb") as f:
            self.assertEqual(f.read(), self.ref["elf"])


# ------------------------------------------------- stop, cont, quit, SIGTERM

def send_quit(vm, client):
    client.send(request("quit"))


def send_sigterm(vm, client):
    os.kill(vm.pid, signal.SIGTERM)


class Lifecycle(ConcurrencyTest):
    """stop/cont during a detached dump; quit and SIGTERM during detached
    and synchronous dumps of a paused guest, whose bytes are known."""

    def test_stop_cont_during_dump(self):
        """Refused while the dump runs (it holds the VM paused), from two
        clients in a loop; the dump completes as one consistent snapshot."""
        vm, qmp_a = start_vm(self, mem=256, paused=False, guest=True)
        qmp_b = vm.qmp()
        drain = Drain(pipe_fd(qmp_a), vm.path("d.elf"), rate=128 << 20)
        self.assertEqual(qmp_a.cmd("dump-guest-memory", dump_args()),
                         {"return": {}})
        drain.started()
        refused = 0
        while qmp_a.ok("query-dump")["status"] == "active":
            for c in (qmp_a, qmp_b):
                # The dump may end before either command: then it works.
                stop, cont = c.cmd("stop"), c.cmd("cont")
                self.assertIn(stop, (IN_PROGRESS, {"return": {}}))
                self.assertIn(cont, (stop, {"return": {}}))
                refused += stop == IN_PROGRESS
        self.assertGreater(refused, 10)
        drain.finish()
        self.check_snapshot(drain.path)
        for c in (qmp_a, qmp_b):
            ev = c.wait_event("DUMP_COMPLETED")
            self.assertEqual(ev["data"]["result"]["status"], "completed")
        self.assertTrue(qmp_a.ok("query-status")["running"])

    def paused_vm(self):
        """A paused guest and its true ELF dump."""
        vm, client = start_vm(self)
        rfd = pipe_fd(client)
        client.ok("dump-guest-memory", dump_args())
        ref = read_all(rfd)
        os.close(rfd)
        client.wait_event("DUMP_COMPLETED")
        return vm, client, ref

    def exit_mid_detached_dump(self, how, *stderr_has):
        """The dump is cancelled at exit: clients get SHUTDOWN and the
        failed DUMP_COMPLETED, the pipe is closed after a prefix."""
        vm, client, ref = self.paused_vm()
        rfd = pipe_fd(client)
        client.ok("dump-guest-memory", dump_args())
        head = read_all(rfd, 1 << 20)
        self.assertIn("pipe:", "".join(vm.fds().values()))
        how(vm, client)
        events = self.last_events(client)
        data = head + read_all(rfd)         # EOF: the VM's end is closed
        os.close(rfd)
        self.assertEqual(events, ["SHUTDOWN", "DUMP_COMPLETED"])
        ev = client.events[1]["data"]
        self.assertEqual((ev["result"]["status"], ev["error"]),
                         ("failed", CANCELLED))
        self.assertLess(len(data), len(ref))
        self.assertEqual(data, ref[:len(data)])
        self.check_exit(vm, stderr_has)
        return client.events[0]["data"]

    def test_quit_mid_dump(self):
        self.assertEqual(self.exit_mid_detached_dump(send_quit),
                         {"guest": False, "reason": "host-qmp-quit"})

    def test_sigterm_mid_dump(self):
        self.assertEqual(
            self.exit_mid_detached_dump(send_sigterm,
                                        "terminating on signal 15"),
            {"guest": False, "reason": "host-signal"})

    def test_sigterm_mid_sync_dump(self):
        """A synchronous dump holds the main loop, as in QEMU: SIGTERM is
        acted on when it ends, so the dump completes and then the VM exits."""
        vm, client, ref = self.paused_vm()
        drain = Drain(pipe_fd(client), vm.path("d.elf"), rate=32 << 20)
        client.send(request("dump-guest-memory", dump_args(detach=False)))
        drain.started()
        os.kill(vm.pid, signal.SIGTERM)
        self.assertEqual(json.loads(client.read_reply_line(LONG)),
                         {"return": {}})
        self.assertEqual(self.last_events(client),
                         ["DUMP_COMPLETED", "SHUTDOWN"])
        self.assertEqual(drain.finish(), ref)
        self.check_exit(vm, ["terminating on signal 15"])


# ---------------------------------------------------------- disconnects

class Disconnect(ConcurrencyTest):
    """Clients that go away mid-command, mid-request or while events flow:
    the VM runs on, the others get their replies, no fd is left behind."""

    def setUp(self):
        self.vm, self.qmp = start_vm(self, mem=256, paused=False, guest=True)
        self.fds = self.vm.fds()

    def assert_unharmed(self):
        self.assertTrue(self.qmp.ok("query-status")["running"])
        self.assertTrue(self.vm.qmp().ok("query-status")["running"])
        self.vm.clients.pop().close()
        # A dead connection is destroyed from the main loop a little later.
        deadline = time.monotonic() + qmp.TIMEOUT
        while self.vm.fds() != self.fds and time.monotonic() < deadline:
            self.qmp.ok("query-status")
        self.assertEqual(self.vm.fds(), self.fds)
        self.assertIsNone(self.vm.proc.poll())

    def test_close_during_sync_dump(self):
        gone = self.vm.qmp()
        drain = Drain(pipe_fd(gone), self.vm.path("d.elf"), rate=128 << 20)
        gone.send(request("dump-guest-memory", dump_args(detach=False)))
        drain.started()
        gone.close()
        # The main loop is in the dump: this waits for its end.
        self.qmp.send(request("query-dump", rid="after"))
        self.assertEqual(json.loads(self.qmp.read_reply_line(LONG))["id"],
                         "after")
        ev = self.qmp.wait_event("DUMP_COMPLETED")
        self.assertEqual(ev["data"]["result"]["status"], "completed")
        drain.finish()
        self.check_snapshot(drain.path)
        self.assert_unharmed()

    def test_half_requests(self):
        halves = [(b'{"execute": "query-sta', True, ()),
                  (b'{"execute": "qmp_capabilities"}\r\n{"execute":', False, ()),
                  (b'{"execute": "getfd", "arguments": {"fdname": "x"', True,
                   "fd"),
                  (b'{"execute": "getfd", "arguments": {"fdname": "y"}}', True,
                   "fd"),
                  (b"\xff" * 70000, True, ())]
        for data, negotiate, fds in halves:
            c = qmp.QMPClient(qmp.connect_unix(self.vm.qmp_path), negotiate)
            if fds:
                rfd, wfd = os.pipe()
                c.send(data, [wfd])
                os.close(rfd)
                os.close(wfd)
            else:
                c.send(data)
            c.close()
            self.assertTrue(self.qmp.ok("query-status")["running"], data[:30])
        self.assert_unharmed()

    def test_close_while_events_flow(self):
        """Eight clients leave, after reading some events or none, while
        stop/cont pairs and a detached dump broadcast events."""
        sinks = [self.vm.qmp() for _ in range(8)]
        drain = Drain(pipe_fd(self.qmp), rate=256 << 20)
        self.qmp.ok("dump-guest-memory", dump_args())
        drain.started()
        for i, sink in enumerate(sinks):
            if i % 2:
                sink.pending(0.01)
            sink.close()
            if i == 4:
                drain.finish()
                self.qmp.wait_event("DUMP_COMPLETED")
            if i >= 4:
                self.qmp.ok("stop")
                self.qmp.ok("cont")
        self.assert_unharmed()
        self.assertEqual(drain.proc.returncode, 0)


# ------------------------------------------------------- protected guest

class Protected(PvDumpTest, ConcurrencyTest):
    """The same races for a protected guest: whatever ends the dump, the UV
    dump is completed, so the guest runs on (or the VM exits cleanly) and
    the next dump decrypts exactly."""

    SIZE = 0x4042B88 + 4096 + 35        # 64 MiB, 2 vCPUs (test_pv_dump)

    def assert_uv_dump_closed(self):
        self.assertFalse(self.qmp.ok("query-pv").get("dump-incomplete", False))
        self.assertNotIn("dump", self.vm.stderr())

    def test_cancel_anywhere(self):
        self.boot(64, 2)
        # In the request's write, in memory, in the sections (between
        # CONFIG_STOR_STATE and DUMP_COMPLETE), after the end.
        for point in (0, 1 << 20, self.SIZE - (128 << 10), None):
            with self.subTest(point=point):
                rfd = pipe_fd(self.qmp)
                if point == 0:
                    self.qmp.send(request("dump-guest-memory", dump_args()) +
                                  request("dump-cancel"))
                    self.qmp.read_reply_line()
                    reply = json.loads(self.qmp.read_reply_line())
                else:
                    self.qmp.ok("dump-guest-memory", dump_args())
                    read_all(rfd, point)
                    reply = self.qmp.cmd("dump-cancel")
                read_all(rfd)
                os.close(rfd)
                ev = self.qmp.wait_event("DUMP_COMPLETED", LONG)["data"]
                if point is None:
                    self.assertEqual(reply, NO_DUMP)
                    self.assertEqual(ev["result"]["status"], "completed")
                else:
                    self.assertEqual(reply, {"return": {}})
                    self.assertEqual(ev["error"], CANCELLED)
                self.assert_runs()
                self.assert_uv_dump_closed()
        self.qmp.ok("stop")
        self.check_dump(self.dump_fd())
        self.qmp.ok("cont")
        self.assert_runs()

    def exit_mid_dump(self, how, *stderr_has):
        self.boot(64, 2)
        rfd = pipe_fd(self.qmp)
        self.qmp.ok("dump-guest-memory", dump_args())
        read_all(rfd, 1 << 20)
        how(self.vm, self.qmp)
        events = self.last_events(self.qmp)
        read_all(rfd)
        os.close(rfd)
        self.check_exit(self.vm, stderr_has)
        self.assertEqual(events[-2:], ["SHUTDOWN", "DUMP_COMPLETED"])
        self.assertEqual(self.qmp.events[-1]["data"]["error"], CANCELLED)

    def test_quit_mid_dump(self):
        self.exit_mid_dump(send_quit)

    def test_sigterm_mid_dump(self):
        self.exit_mid_dump(send_sigterm, "terminating on signal 15")

    def test_sigterm_mid_sync_dump(self):
        """The dump completes first, and decrypts."""
        self.boot(64, 2)
        path = self.vm.path("d.elf")
        drain = Drain(pipe_fd(self.qmp), path, rate=32 << 20)
        self.qmp.send(request("dump-guest-memory", dump_args(detach=False)))
        drain.started()
        send_sigterm(self.vm, self.qmp)
        self.assertEqual(json.loads(self.qmp.read_reply_line(LONG)),
                         {"return": {}})
        self.assertEqual(len(drain.finish()), self.SIZE)
        self.check_exit(self.vm, ["terminating on signal 15"])
        self.decrypt(path)


if __name__ == "__main__":
    unittest.main(verbosity=2)
