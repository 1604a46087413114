# SPDX-License-Identifier: GPL-2.0-or-later
"""Replays the QMP traffic libvirt 9.0 exchanged with pvdump-vm
(transcript.jsonl, recorded by test_libvirt.py) against pvdump-vm, without
libvirt: the probe, a domain's start and dumps, and the reconnection after
a libvirtd restart, with the processes set up the way libvirt sets them up
(-daemonize handshake; an inherited listening monitor socket).

pvdump-vm must give the recorded replies and events.  Values that depend
on the host or on timing are compared by shape (normalize()); lists that
grow whenever pvdump learns something new (commands, schema, types,
options) must contain what libvirt saw.
"""
import copy
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

import transcript  # noqa: E402
from domain import spin_image  # noqa: E402
from qmp import LineSocket  # noqa: E402

PVDUMP_VM = os.environ.get("PVDUMP_VM", "pvdump-vm")
TRANSCRIPT = os.path.join(HERE, "transcript.jsonl")
TIMEOUT = 30
DUMP_MAGICS = (b"\x7fELF", b"makedumpfile")
# Replies that list what pvdump has: libvirt's view must still be there.
GROWING = {"query-commands", "qom-list-types", "query-command-line-options"}


def test_only(entry):
    """The x-debug-* commands exist only in builds with the test hooks
    (--enable-fault-injection); libvirt never uses them."""
    return str(entry.get("name", "")).startswith("x-debug-")


def schema_names(entries):
    return {(e["name"], e["meta-type"]) for e in entries
            if e["meta-type"] in ("command", "event") and not test_only(e)}


def normalize(cmd, msg):
    """@msg without what legitimately differs between runs."""
    msg = copy.deepcopy(msg)
    msg.pop("timestamp", None)
    ret = msg.get("return")
    if cmd == "query-version":
        ret["package"] = "*"
    elif cmd == "query-kvm":
        ret["present"] = "*"                  # whether /dev/kvm opens here
    elif cmd == "query-cpus-fast":
        for cpu in ret:
            cpu["thread-id"] = 0
            if cpu["cpu-index"]:
                # The guest starts its other CPUs when it gets to it.
                cpu["cpu-state"] = "*"
    elif cmd == "query-chardev":
        for chr_ in ret:
            kind = chr_["filename"].split(":", 1)[0]
            chr_["filename"] = kind + ":*"
    elif cmd == "query-dump":
        ret["completed"] = "*"                # progress depends on timing
        ret["status"] = "*"
    elif cmd == "query-qmp-schema":
        msg["return"] = schema_names(ret)
    elif cmd in GROWING:
        msg["return"] = {str(sorted(e.items())) for e in ret
                         if not test_only(e)}
    return msg


class Replayer:
    """Talks to one pvdump-vm monitor the way the recorded libvirt did."""

    def __init__(self, test, sock):
        self.test = test
        self.mon = LineSocket(sock)
        self.drains = []
        self.early = []       # messages read ahead of the recorded order

    def read(self):
        return json.loads(self.mon.read_line(TIMEOUT))

    def next_like(self, recorded):
        """The next live reply, or the next live event of @recorded's
        name.  Events may overtake replies (a dump that ends before a
        query-dump is answered); libvirt takes them in any order, too."""
        def same(msg):
            return msg.get("event") == recorded.get("event")
        while True:
            for i, msg in enumerate(self.early):
                if same(msg):
                    return self.early.pop(i)
            msg = self.read()
            if same(msg):
                return msg
            self.early.append(msg)

    def pipe_fd(self):
        """A pipe's write end for getfd; its reader collects the dump."""
        rfd, wfd = os.pipe()
        out = bytearray()

        def drain():
            with os.fdopen(rfd, "rb") as f:
                while chunk := f.read(1 << 20):
                    out.extend(chunk)
        t = threading.Thread(target=drain, daemon=True)
        t.start()
        self.drains.append((t, out))
        return wfd

    def expect(self, cmd, recorded, got):
        rec, live = normalize(cmd, recorded), normalize(cmd, got)
        if cmd in GROWING or cmd == "query-qmp-schema":
            self.test.assertLessEqual(rec.pop("return"), live.pop("return"),
                                      cmd)
        self.test.assertEqual(live, rec, cmd)

    def replay(self, session, on_shutdown=None):
        """Sends the session's commands; checks replies and events."""
        cmd = None
        for d, msg, nfds in session.messages:
            if d == "C":
                cmd = msg["execute"]
                fds = [self.pipe_fd() for _ in range(nfds)]
                self.mon.send((json.dumps(msg) + "\r\n").encode(),
                              fds)
                for fd in fds:
                    os.close(fd)
                continue
            if msg.get("event") == "SHUTDOWN" and on_shutdown:
                on_shutdown()                 # what caused it: virsh destroy
            got = self.next_like(msg)
            self.expect(cmd if "event" not in msg else msg["event"], msg, got)
        self.test.assertEqual(self.early, [])
        self.check_dumps()

    def check_dumps(self):
        for t, out in self.drains:
            t.join(TIMEOUT)
            self.test.assertTrue(bytes(out[:12]).startswith(DUMP_MAGICS))
        self.drains = []


@unittest.skipUnless(os.path.exists(TRANSCRIPT), "no transcript recorded")
class Replay(unittest.TestCase):
    def setUp(self):
        self.sessions = {}
        for s in transcript.read(TRANSCRIPT):
            self.sessions.setdefault(s.name, s)
        self.dir = tempfile.mkdtemp(prefix="pvdump-replay-")
        self.addCleanup(subprocess.run, ["rm", "-rf", self.dir], check=False)

    def path(self, name):
        return os.path.join(self.dir, name)

    def kill(self, pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def test_probe(self):
        """libvirt's probe: -daemonize returns once the socket listens."""
        sock = self.path("qmp.monitor")
        pidfile = self.path("qmp.pid")
        r = subprocess.run(
            [PVDUMP_VM, *self.sessions["probe"].argv,
             "-qmp", f"unix:{sock},server=on,wait=off", "-pidfile", pidfile,
             "-daemonize"], capture_output=True, text=True, timeout=TIMEOUT,
            check=False)
        if os.path.exists(pidfile):
            with open(pidfile, encoding="ascii") as f:
                pid = int(f.read())
            self.addCleanup(self.kill, pid)
        # accel=kvm:tcg may warn that KVM does not work here.
        self.assertEqual(r.returncode, 0, r.stderr)
        conn = socket.socket(socket.AF_UNIX)
        conn.connect(sock)
        rep = Replayer(self, conn)
        self.assertIn("QMP", rep.read())      # the greeting
        rep.replay(self.sessions["probe"])
        conn.close()
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + TIMEOUT
        while os.path.exists(f"/proc/{pid}") and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertEqual(os.path.exists(pidfile), False)

    def domain_argv(self, listen_fd):
        """The recorded domain command line, with this run's files."""
        secret = self.path("master-key.aes")
        with open(secret, "wb") as f:
            f.write(os.urandom(32))
        argv = []
        for arg in self.sessions["start"].argv:
            arg = arg.replace("@LVROOT@/spin.img",
                              spin_image(self.path("spin.img")))
            if arg.startswith("secret,"):
                arg = arg.rsplit("file=", 1)[0] + "file=" + secret
            if arg.startswith("socket,id=charmonitor,fd="):
                arg = f"socket,id=charmonitor,fd={listen_fd},server=on,wait=off"
            argv.append(arg)
        return argv

    def test_domain(self):
        """Start, every dump, libvirtd's reconnection, then SIGTERM."""
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(self.path("monitor.sock"))
        listener.listen()
        fd = listener.fileno()
        log = open(self.path("domain.log"), "wb")   # noqa: SIM115
        self.addCleanup(log.close)
        vm = subprocess.Popen([PVDUMP_VM, *self.domain_argv(fd)],
                              pass_fds=[fd], stdout=log, stderr=log)
        self.addCleanup(vm.kill)
        for name in ("start", "reconnect"):
            conn = socket.socket(socket.AF_UNIX)
            conn.connect(self.path("monitor.sock"))
            rep = Replayer(self, conn)
            self.assertIn("QMP", rep.read())
            rep.replay(self.sessions[name],
                       on_shutdown=lambda: vm.send_signal(signal.SIGTERM))
            conn.close()                      # libvirtd goes away
        self.assertEqual(vm.wait(TIMEOUT), 0)


if __name__ == "__main__":
    unittest.main(verbosity=2)
