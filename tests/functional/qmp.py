# SPDX-License-Identifier: GPL-2.0-or-later
"""A small QMP/HMP client library for pvdump's functional tests.

Standard library only (runs under /usr/bin/python3).  Typical use:

    with VM(["-S"]) as vm:
        qmp = vm.qmp()                  # connected and negotiated
        self.assertEqual(qmp.cmd("query-status")["return"]["status"],
                         "prelaunch")
        line = qmp.send_line(b'{"execute": "nope"}')   # raw reply bytes

The VM runs "$PVDUMP_VM -nodefaults -nographic -accel tcg -m 64 -smp 2
-qmp unix:SOCK,server=on,wait=off [extra args]" in a private directory
and is quit (or killed) on exit.
"""
import array
import json
import os
import select
import shutil
import socket
import subprocess
import tempfile
import time

from wrapper import argv, scaled

PVDUMP_VM = os.environ.get("PVDUMP_VM", "pvdump-vm")
# Every wait below is scaled() for slow wrappers such as valgrind.
TIMEOUT = 10.0


class ProtocolError(Exception):
    """The peer sent something QMP does not allow."""


class LineSocket:
    """A stream socket read line by line (lines end in CRLF)."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = b""

    def send(self, data, fds=()):
        """Sends @data in one sendmsg, with @fds as SCM_RIGHTS."""
        anc = []
        if fds:
            anc = [(socket.SOL_SOCKET, socket.SCM_RIGHTS,
                    array.array("i", fds).tobytes())]
        sent = self.sock.sendmsg([data], anc)
        if sent < len(data):
            self.sock.sendall(data[sent:])

    def _fill(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([self.sock], [], [], left)[0]:
            raise TimeoutError("no data from the monitor")
        data = self.sock.recv(65536)
        if not data:
            raise EOFError("the monitor closed the connection")
        self.buf += data

    def read_until(self, sep, timeout=TIMEOUT):
        """Returns the bytes up to and including @sep."""
        deadline = time.monotonic() + scaled(timeout)
        while sep not in self.buf:
            self._fill(deadline)
        i = self.buf.index(sep) + len(sep)
        out, self.buf = self.buf[:i], self.buf[i:]
        return out

    def read_line(self, timeout=TIMEOUT):
        """One line, which must end in CRLF (returned with it)."""
        line = self.read_until(b"\n", timeout)
        if not line.endswith(b"\r\n"):
            raise ProtocolError(f"line not terminated by CRLF: {line!r}")
        return line

    def pending(self, timeout=0.2):
        """Whatever arrives within @timeout (b"" if nothing)."""
        try:
            self._fill(time.monotonic() + scaled(timeout))
        except TimeoutError:
            pass
        out, self.buf = self.buf, b""
        return out

    def close(self):
        self.sock.close()


def connect_unix(path, timeout=TIMEOUT):
    deadline = time.monotonic() + scaled(timeout)
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(path)
            return sock
        except (FileNotFoundError, ConnectionRefusedError):
            sock.close()
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


class QMPClient(LineSocket):
    """One QMP connection.  Events seen while waiting for replies are
    kept in .events, in arrival order."""

    def __init__(self, sock, negotiate=True):
        super().__init__(sock)
        self.events = []
        self.greeting = json.loads(self.read_line())
        if negotiate:
            reply = self.cmd("qmp_capabilities")
            if reply != {"return": {}}:
                raise ProtocolError(f"negotiation failed: {reply}")

    def read_msg(self, timeout=TIMEOUT):
        """The next line, parsed."""
        return json.loads(self.read_line(timeout))

    def send_line(self, text, fds=(), timeout=TIMEOUT):
        """Sends @text (+CRLF) and returns the raw reply line, skipping
        (and recording) events."""
        if isinstance(text, str):
            text = text.encode()
        self.send(text + b"\r\n", fds)
        return self.read_reply_line(timeout)

    def read_reply_line(self, timeout=TIMEOUT):
        while True:
            line = self.read_line(timeout)
            msg = json.loads(line)
            if "event" in msg:
                self.events.append(msg)
                continue
            return line

    def cmd(self, name, args=None, id=None, fds=(), timeout=TIMEOUT):
        """Executes @name and returns the reply dict (waiting @timeout s)."""
        req = {"execute": name}
        if args is not None:
            req["arguments"] = args
        if id is not None:
            req["id"] = id
        return json.loads(self.send_line(json.dumps(req), fds, timeout))

    def ok(self, name, args=None, **kw):
        """Executes @name, which must succeed; returns its 'return'."""
        reply = self.cmd(name, args, **kw)
        if "return" not in reply:
            raise ProtocolError(f"{name} failed: {reply}")
        return reply["return"]

    def hmp(self, command_line):
        return self.ok("human-monitor-command",
                       {"command-line": command_line})

    def wait_event(self, name, timeout=TIMEOUT):
        """Returns (and removes) the first event @name, waiting for it."""
        deadline = time.monotonic() + scaled(timeout)
        while True:
            for ev in self.events:
                if ev["event"] == name:
                    self.events.remove(ev)
                    return ev
            msg = self.read_msg(max(0.0, deadline - time.monotonic()))
            if "event" not in msg:
                raise ProtocolError(f"unexpected reply {msg}")
            self.events.append(msg)


PROMPT = b"(qemu) "


class HMPClient(LineSocket):
    """One readline-mode (HMP) connection."""

    def __init__(self, sock):
        super().__init__(sock)
        self.banner = self.read_until(PROMPT)

    def cmd(self, line):
        """Runs @line and returns its output (bytes, without the prompt)."""
        self.send(line.encode() + b"\r\n")
        return self.read_until(PROMPT)[:-len(PROMPT)]


class VM:
    """A pvdump-vm process with a QMP unix socket."""

    BASE_ARGS = ["-nodefaults", "-nographic", "-accel", "tcg", "-m", "64",
                 "-smp", "2"]

    def __init__(self, args=(), qmp=True, pass_fds=(), base_args=None):
        self.dir = tempfile.mkdtemp(prefix="pvdump-test-")
        self.qmp_path = os.path.join(self.dir, "qmp.sock")
        self.args = list(self.BASE_ARGS if base_args is None else base_args)
        if qmp:
            self.args += ["-qmp", f"unix:{self.qmp_path},server=on,wait=off"]
        self.args += list(args)
        self.pass_fds = pass_fds
        self.proc = None
        self.clients = []
        self.stderr_path = os.path.join(self.dir, "stderr")

    def path(self, name):
        return os.path.join(self.dir, name)

    def launch(self):
        self._stderr = open(self.stderr_path, "wb")
        self.proc = subprocess.Popen(argv(PVDUMP_VM, *self.args),
                                     stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL,
                                     stderr=self._stderr,
                                     pass_fds=self.pass_fds)
        return self

    @property
    def pid(self):
        return self.proc.pid

    def stderr(self):
        with open(self.stderr_path, "rb") as f:
            return f.read().decode(errors="replace")

    def _track(self, client):
        self.clients.append(client)
        return client

    def qmp(self, negotiate=True, path=None):
        """A new QMP connection (closed by shutdown())."""
        return self._track(QMPClient(connect_unix(path or self.qmp_path),
                                     negotiate))

    def hmp(self, path):
        """A new HMP connection to the unix socket @path."""
        return self._track(HMPClient(connect_unix(path)))

    def pv_booted(self, qmp, timeout=TIMEOUT):
        """query-pv once the protected boot is over.  The IPL CPU runs the
        SE image's stage3a after the VM starts (on uvsim as on real KVM), so
        right after a launch or a reset the boot may still be under way.  It
        is over when the guest is protected, when the protected boot failed
        (last-error), or when stage3a gave up (its "SE image boot:" line)."""
        deadline = time.monotonic() + scaled(timeout)
        while True:
            info = qmp.ok("query-pv")
            if (info["protected"] or "last-error" in info or
                    "SE image boot:" in self.stderr() or
                    time.monotonic() > deadline):
                return info
            time.sleep(0.01)

    def fds(self):
        """The process's open fds: {fd: target of /proc/PID/fd/N}."""
        out = {}
        d = f"/proc/{self.pid}/fd"
        for name in os.listdir(d):
            try:
                out[int(name)] = os.readlink(os.path.join(d, name))
            except FileNotFoundError:
                pass
        return out

    def wait(self, timeout=TIMEOUT):
        return self.proc.wait(scaled(timeout))

    def shutdown(self):
        """Quits the VM (kills it if it does not answer); closes clients."""
        if self.proc and self.proc.poll() is None:
            try:
                if not os.path.exists(self.qmp_path):
                    raise FileNotFoundError(self.qmp_path)
                self.qmp().cmd("quit")
                self.proc.wait(scaled(TIMEOUT))
            except Exception:
                self.proc.kill()
                self.proc.wait()
        for client in self.clients:
            client.close()
        if self.proc:
            self._stderr.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self.launch()

    def __exit__(self, *exc):
        self.shutdown()
