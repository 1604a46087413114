# SPDX-License-Identifier: GPL-2.0-or-later
"""File descriptors passed over QMP (getfd/closefd with SCM_RIGHTS) and
the other ways a monitor socket comes to be: an inherited listening fd
(libvirt's -chardev socket,fd=N) and TCP."""
import json
import os
import socket
import subprocess
import tempfile
import time
import unittest

import wrapper
from qmp import PVDUMP_VM, VM, QMPClient, connect_unix


def generic(desc):
    return ('{"error": {"class": "GenericError", "desc": %s}}\r\n'
            % json.dumps(desc)).encode()


class FdPassing(unittest.TestCase):
    def setUp(self):
        self.vm = VM(["-S"]).launch()
        self.addCleanup(self.vm.shutdown)
        self.qmp = self.vm.qmp()
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def marker(self, name):
        """A file whose path identifies it in /proc/PID/fd; returns fd."""
        path = os.path.join(self.tmp.name, name)
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        self.addCleanup(os.close, fd)
        return fd, path

    def vm_has(self, path):
        return path in self.vm.fds().values()

    def getfd(self, client, name, fds):
        return client.send_line(
            '{"execute": "getfd", "arguments": {"fdname": "%s"}}' % name,
            fds)

    def test_getfd_then_closefd(self):
        fd, path = self.marker("dump")
        before = self.vm.fds()
        self.assertEqual(self.getfd(self.qmp, "dump", [fd]),
                         b'{"return": {}}\r\n')
        self.assertTrue(self.vm_has(path))
        self.assertEqual(len(self.vm.fds()), len(before) + 1)
        self.assertEqual(self.qmp.send_line(
            '{"execute": "closefd", "arguments": {"fdname": "dump"}}'),
            b'{"return": {}}\r\n')
        self.assertFalse(self.vm_has(path))
        self.assertEqual(self.vm.fds(), before)
        self.assertEqual(self.qmp.send_line(
            '{"execute": "closefd", "arguments": {"fdname": "dump"}}'),
            generic("File descriptor named 'dump' not found"))

    def test_getfd_without_fd(self):
        self.assertEqual(self.getfd(self.qmp, "dump", []),
                         generic("No file descriptor supplied via "
                                 "SCM_RIGHTS"))

    def test_same_name_replaces_and_closes_old(self):
        fd1, path1 = self.marker("one")
        fd2, path2 = self.marker("two")
        self.getfd(self.qmp, "x", [fd1])
        self.assertEqual(self.getfd(self.qmp, "x", [fd2]),
                         b'{"return": {}}\r\n')
        self.assertFalse(self.vm_has(path1))
        self.assertTrue(self.vm_has(path2))

    def test_name_starting_with_digit(self):
        fd, path = self.marker("digit")
        self.assertEqual(self.getfd(self.qmp, "1x", [fd]),
                         generic("Parameter 'fdname' expects a name not "
                                 "starting with a digit"))
        self.assertFalse(self.vm_has(path))

    def test_fds_belong_to_their_connection(self):
        fd, path = self.marker("mine")
        other = self.vm.qmp()
        self.getfd(self.qmp, "mine", [fd])
        self.assertEqual(other.send_line(
            '{"execute": "closefd", "arguments": {"fdname": "mine"}}'),
            generic("File descriptor named 'mine' not found"))
        self.assertTrue(self.vm_has(path))

    def test_disconnect_closes_named_and_unclaimed_fds(self):
        before = self.vm.fds()
        c = self.vm.qmp()
        fd1, path1 = self.marker("named")
        fd2, path2 = self.marker("unclaimed")
        self.getfd(c, "named", [fd1])
        # An fd sent with a command that does not take it.
        c.send_line('{"execute": "query-status"}', [fd2])
        self.assertTrue(self.vm_has(path1))
        self.assertTrue(self.vm_has(path2))
        c.close()
        deadline = time.monotonic() + 5
        while self.vm.fds() != before and time.monotonic() < deadline:
            time.sleep(0.02)
        self.assertEqual(self.vm.fds(), before)

    def test_fds_resent_with_a_split_command(self):
        # libvirt resends the fd with the rest of a partially sent command.
        fd1, path1 = self.marker("first")
        fd2, path2 = self.marker("second")
        cmd = b'{"execute": "getfd", "arguments": {"fdname": "d"}}\r\n'
        self.qmp.send(cmd[:10], [fd1])
        self.qmp.pending(0.1)
        self.qmp.send(cmd[10:], [fd2])
        self.assertEqual(self.qmp.read_reply_line(), b'{"return": {}}\r\n')
        self.assertFalse(self.vm_has(path1))
        self.assertTrue(self.vm_has(path2))


class MonitorSockets(unittest.TestCase):
    def test_inherited_listening_socket(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        path = os.path.join(tmp.name, "monitor.sock")
        lsock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        lsock.bind(path)
        lsock.listen(8)
        self.addCleanup(lsock.close)
        # libvirt connects before the emulator accepts: it waits in the
        # backlog.
        early = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        early.connect(path)
        fd = lsock.fileno()
        vm = VM(["-S", "-chardev",
                 f"socket,id=charmonitor,fd={fd},server=on,wait=off",
                 "-mon", "chardev=charmonitor,id=monitor,mode=control"],
                qmp=False, pass_fds=[fd]).launch()
        vm.qmp_path = path
        self.addCleanup(vm.shutdown)
        first = QMPClient(early)
        self.assertEqual(first.ok("query-chardev"), [
            {"frontend-open": True, "filename": f"unix:{path},server=on",
             "label": "charmonitor"}])
        first.close()
        # A restarted libvirtd connects again.
        for _ in range(3):
            again = QMPClient(connect_unix(path))
            self.assertEqual(again.ok("query-target"), {"arch": "s390x"})
            again.close()
        self.assertTrue(os.path.exists(path))

    def test_tcp_monitor(self):
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        vm = VM(["-S", "-qmp", f"tcp:127.0.0.1:{port},server=on,wait=off"],
                qmp=False).launch()
        self.addCleanup(vm.shutdown)
        for _ in range(500):
            try:
                sock = socket.create_connection(("127.0.0.1", port))
                break
            except ConnectionRefusedError:
                time.sleep(0.02)
        client = QMPClient(sock)
        self.addCleanup(client.close)
        self.assertEqual(client.ok("query-chardev"), [
            {"frontend-open": True,
             "filename": f"tcp:127.0.0.1:{port},server=on",
             "label": "compat_monitor0"}])
        self.assertEqual(client.send_line('{"execute": "quit"}'),
                         b'{"return": {}}\r\n')
        self.assertEqual(vm.wait(), 0)


class ChardevOptions(unittest.TestCase):
    def assert_chardev_error(self, opts, message):
        r = wrapper.run(PVDUMP_VM, "-nodefaults", "-S", "-accel", "tcg",
                        "-m", "64", "-chardev", opts,
                        "-mon", "chardev=x,mode=control",
                        capture_output=True, text=True, timeout=20,
                        stdin=subprocess.DEVNULL)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr, f"pvdump-vm: -chardev {opts}: {message}\n")

    def test_errors(self):
        with tempfile.TemporaryDirectory() as tmp:
            sock = os.path.join(tmp, "s")
            for opts, message in [
                (f"socket,id=x,path={sock},server=on,bogus=1",
                 "Invalid parameter 'bogus'"),
                (f"socket,path={sock},server=on", "Parameter 'id' is missing"),
                (f"socket,id=x,path={sock},server=maybe",
                 "Parameter 'server' expects 'on' or 'off'"),
                ("frob,id=x", "'frob' is not a valid char driver name"),
                (f"socket,id=x,path={sock}",
                 "chardev: socket: only server=on is supported"),
            ]:
                with self.subTest(opts=opts):
                    self.assert_chardev_error(opts, message)
                    self.assertFalse(os.path.exists(sock))

    def test_legacy_short_forms(self):
        vm = VM(["-S", "-chardev", "socket,id=m,path={},server,nowait",
                 "-mon", "chardev=m,mode=control"], qmp=False)
        vm.qmp_path = vm.path("m.sock")
        vm.args[vm.args.index("-chardev") + 1] = \
            vm.args[vm.args.index("-chardev") + 1].format(vm.qmp_path)
        vm.launch()
        self.addCleanup(vm.shutdown)
        self.assertEqual(vm.qmp().ok("query-target"), {"arch": "s390x"})
        self.assertEqual(vm.stderr(),
                         "pvdump-vm: warning: short-form boolean option "
                         "'server' deprecated\nPlease use server=on instead\n"
                         "pvdump-vm: warning: short-form boolean option "
                         "'nowait' deprecated\nPlease use wait=off instead\n")


if __name__ == "__main__":
    unittest.main(verbosity=2)
