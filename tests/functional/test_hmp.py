# SPDX-License-Identifier: GPL-2.0-or-later
"""HMP: the readline monitor on -monitor unix:/-mon, and through QMP's
human-monitor-command (QEMU 7.2 texts, "\\r\\n" line ends)."""
import os
import re
import unittest

import wrapper
from qmp import PVDUMP_VM, VM

BANNER = (b"QEMU 7.2.0 monitor - type 'help' for more information\r\n"
          b"(qemu) ")

HELP_INFO = ("info cpus  -- show infos for each CPU\r\n"
             "info registers [-a|vcpu] -- show the cpu registers (-a: show "
             "register info for all cpus; vcpu: specific vCPU to query; show "
             "the current CPU's registers if omitted)\r\n"
             "info status  -- show the current VM status (running|paused)"
             "\r\n")


class HMPOverSocket(unittest.TestCase):
    def setUp(self):
        self.vm = VM(["-S", "-monitor", "unix:{},server=on,wait=off"])
        self.hmp_path = self.vm.path("hmp.sock")
        self.vm.args[-1] = self.vm.args[-1].format(self.hmp_path)
        self.vm.launch()
        self.addCleanup(self.vm.shutdown)
        self.hmp = self.vm.hmp(self.hmp_path)

    def test_banner(self):
        self.assertEqual(self.hmp.banner, BANNER)

    def test_info_status_follows_stop_and_cont(self):
        self.assertEqual(self.hmp.cmd("info status"),
                         b"VM status: paused (prelaunch)\r\n")
        self.assertEqual(self.hmp.cmd("cont"), b"")
        self.assertEqual(self.hmp.cmd("info status"),
                         b"VM status: running\r\n")
        self.assertEqual(self.hmp.cmd("stop"), b"")
        self.assertEqual(self.hmp.cmd("info status"),
                         b"VM status: paused\r\n")
        qmp = self.vm.qmp()
        self.assertEqual(qmp.ok("query-status")["status"], "paused")

    def test_unknown_commands(self):
        self.assertEqual(self.hmp.cmd("frobnicate now"),
                         b"unknown command: 'frobnicate'\r\n")
        self.assertEqual(self.hmp.cmd("info frob"),
                         b"unknown command: 'info frob'\r\n")
        self.assertEqual(self.hmp.cmd("help frob"),
                         b"unknown command: 'frob'\r\n")
        self.assertEqual(self.hmp.cmd(""), b"")

    def test_help(self):
        # Other commands join the tables over time: check ours, and order.
        info = self.hmp.cmd("info").decode()
        self.assertEqual(self.hmp.cmd("help info").decode(), info)
        lines = info.splitlines(keepends=True)
        self.assertEqual(lines, sorted(lines))
        for line in HELP_INFO.splitlines(keepends=True):
            self.assertIn(line, lines)
        self.assertEqual(self.hmp.cmd("help info status"),
                         b"info status  -- show the current VM status "
                         b"(running|paused)\r\n")
        self.assertEqual(self.hmp.cmd("help q"),
                         b"quit|q  -- quit the emulator\r\n")
        # (Multi-line help texts continue on lines starting with a tab.)
        names = [line.split(b" ")[0] for line in
                 self.hmp.cmd("help").splitlines()
                 if line and not line.startswith(b"\t")]
        self.assertEqual(names, sorted(names))
        self.assertLessEqual({b"cont|c", b"cpu", b"help|?", b"info",
                              b"quit|q", b"stop|s", b"system_reset"},
                             set(names))

    def test_argument_errors(self):
        self.assertEqual(self.hmp.cmd("stop now"),
                         b"stop|s: extraneous characters at the end of "
                         b"line\r\n"
                         b'Try "help stop" for more information\r\n')
        self.assertEqual(self.hmp.cmd("info registers -x"),
                         b"registers: unsupported option -x\r\n"
                         b'Try "help info registers" for more '
                         b"information\r\n")
        self.assertEqual(self.hmp.cmd("info registers 7"),
                         b"CPU#7 not available\r\n")
        self.assertEqual(self.hmp.cmd("cpu 9"), b"invalid CPU index\r\n")

    def test_empty_number_keeps_the_prompt(self):
        """Regression (fuzz-hmp-line): an empty begin/length word printed
        "invalid char '\\0'", cutting the reply and the prompt at the NUL."""
        dump = self.vm.path("never.elf")
        self.assertEqual(self.hmp.cmd(f'dump-guest-memory {dump} ""'),
                         b"unexpected end of expression\r\n")
        self.assertEqual(self.vm.qmp().ok("human-monitor-command", {
            "command-line": f'dump-guest-memory {dump} 0 ""'}),
            "unexpected end of expression\r\n")
        self.assertFalse(os.path.exists(dump))
        self.assertEqual(self.hmp.cmd("info status"),
                         b"VM status: paused (prelaunch)\r\n")

    def test_info_cpus_and_current_cpu(self):
        tids = self.vm.qmp().ok("query-cpus-fast")
        t0, t1 = tids[0]["thread-id"], tids[1]["thread-id"]
        self.assertEqual(self.hmp.cmd("info cpus").decode(),
                         f"* CPU #0: thread_id={t0}\r\n"
                         f"  CPU #1: thread_id={t1}\r\n")
        self.assertEqual(self.hmp.cmd("cpu 1"), b"")
        self.assertEqual(self.hmp.cmd("info cpus").decode(),
                         f"  CPU #0: thread_id={t0}\r\n"
                         f"* CPU #1: thread_id={t1}\r\n")
        self.assertTrue(self.hmp.cmd("info registers").startswith(
            b"\r\nCPU#1\r\nPSW=mask "))

    def test_info_registers(self):
        one = self.hmp.cmd("info registers")
        self.assertTrue(one.startswith(b"\r\nCPU#0\r\nPSW=mask "), one)
        self.assertNotIn(b"\nCPU#1\r\n", one)
        every = self.hmp.cmd("info registers -a")
        self.assertEqual(re.findall(rb"\r\nCPU#(\d)\r\n", every),
                         [b"0", b"1"])
        self.assertEqual(self.hmp.cmd("info registers 1"),
                         every[every.index(b"\r\nCPU#1\r\n"):])

    def test_two_hmp_clients_and_quit(self):
        other = self.vm.hmp(self.hmp_path)
        self.assertEqual(other.cmd("info status"),
                         b"VM status: paused (prelaunch)\r\n")
        self.hmp.send(b"quit\r\n")
        self.assertEqual(self.vm.wait(), 0)
        self.assertFalse(os.path.exists(self.hmp_path))


class HMPThroughQMP(unittest.TestCase):
    def setUp(self):
        self.vm = VM(["-S"]).launch()
        self.addCleanup(self.vm.shutdown)
        self.qmp = self.vm.qmp()

    def test_human_monitor_command(self):
        self.assertEqual(self.qmp.send_line(
            '{"execute": "human-monitor-command", "arguments": '
            '{"command-line": "info status"}, "id": 3}'),
            b'{"return": "VM status: paused (prelaunch)\\r\\n", "id": 3}\r\n')
        self.assertEqual(self.qmp.hmp("nope"),
                         "unknown command: 'nope'\r\n")
        self.assertEqual(self.qmp.hmp("cont"), "")
        self.assertEqual(self.qmp.wait_event("RESUME")["event"], "RESUME")
        self.assertEqual(self.qmp.hmp("info status"),
                         "VM status: running\r\n")

    def test_cpu_index(self):
        reply = self.qmp.ok("human-monitor-command",
                            {"command-line": "info cpus", "cpu-index": 1})
        self.assertEqual([line[:8] for line in reply.splitlines()],
                         ["  CPU #0", "* CPU #1"])
        self.assertTrue(self.qmp.ok(
            "human-monitor-command",
            {"command-line": "info registers", "cpu-index": 1})
            .startswith("\r\nCPU#1\r\n"))


class HMPOnMon(unittest.TestCase):
    def test_mon_readline_mode(self):
        vm = VM(["-S", "-chardev", "socket,id=h,path={},server=on,wait=off",
                 "-mon", "chardev=h,mode=readline"])
        path = vm.path("h.sock")
        vm.args[vm.args.index("-chardev") + 1] = \
            vm.args[vm.args.index("-chardev") + 1].format(path)
        vm.launch()
        self.addCleanup(vm.shutdown)
        hmp = vm.hmp(path)
        self.assertEqual(hmp.banner, BANNER)
        self.assertEqual(hmp.cmd("info status"),
                         b"VM status: paused (prelaunch)\r\n")
        self.assertEqual(vm.qmp().ok("query-chardev"), [
            {"frontend-open": True, "filename": f"unix:{path},server=on",
             "label": "h"},
            {"frontend-open": True,
             "filename": f"unix:{vm.qmp_path},server=on",
             "label": "compat_monitor0"}])


class HMPOnStdioAndPty(unittest.TestCase):
    def test_monitor_stdio(self):
        r = wrapper.run(PVDUMP_VM, *VM.BASE_ARGS, "-S", "-monitor", "stdio",
                        input=b"info status\nquit\n", capture_output=True,
                        timeout=20)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, BANNER +
                         b"VM status: paused (prelaunch)\r\n(qemu) (qemu) ")

    def test_monitor_pty(self):
        vm = VM(["-S", "-chardev", "pty,id=p", "-mon",
                 "chardev=p,mode=readline"]).launch()
        self.addCleanup(vm.shutdown)
        (chardev,) = [c for c in vm.qmp().ok("query-chardev")
                      if c["label"] == "p"]
        self.assertTrue(chardev["filename"].startswith("pty:/dev/pts/"))
        tty = chardev["filename"][4:]
        self.assertIn(f"char device redirected to {tty} (label p)\n",
                      vm.stderr())
        fd = os.open(tty, os.O_RDWR | os.O_NOCTTY)
        self.addCleanup(os.close, fd)
        out = b""
        while not out.endswith(b"(qemu) "):
            out += os.read(fd, 4096)
        self.assertEqual(out, BANNER)
        os.write(fd, b"info status\r")
        out = b""
        while not out.endswith(b"(qemu) "):
            out += os.read(fd, 4096)
        self.assertEqual(out, b"VM status: paused (prelaunch)\r\n(qemu) ")


if __name__ == "__main__":
    unittest.main(verbosity=2)
