# SPDX-License-Identifier: GPL-2.0-or-later
"""virsh dump through Debian's real libvirtd 9.0, with pvdump-vm as the
domain's <emulator>: probing, domain start, every dump variant libvirt
offers, domjobinfo, a libvirtd restart, and destroy.

Skipped only if libvirt is not installed (scripts/install-deps.sh check)
or the test does not run as root.  Set PVDUMP_LV_RECORD=FILE to write the
QMP traffic as a transcript (the checked-in one is transcript.jsonl).
"""
import os
import shlex
import stat
import subprocess
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

import transcript  # noqa: E402
from domain import domain_xml, spin_image  # noqa: E402
from libvirtd import VIRSH, Libvirtd, missing  # noqa: E402
from test_dump_util import Elf, kdump_read_all  # noqa: E402

PVDUMP_VM = os.path.abspath(os.environ.get("PVDUMP_VM", "pvdump-vm"))
MEM_MIB = 256
VCPUS = 2
KERNEL_ADDR = 0                         # a raw -kernel is loaded at 0 (QEMU)

DUMP_ARGS = {"paging": False, "protocol": "fd:dump", "detach": True}
# Like QEMU, the dump itself pauses a running guest while it reads RAM.
LIVE_EVENTS = ["STOP", "DUMP_COMPLETED", "RESUME"]
START_COMMANDS = [
    ("qmp_capabilities", None),
    ("query-migrate-capabilities", None),
    ("migrate-set-capabilities",
     {"capabilities": [{"capability": "events", "state": True}]}),
    ("query-chardev", None),
    ("query-cpus-fast", None),
    ("query-named-block-nodes", {"flat": True}),
    ("qom-list", {"path": "/machine/peripheral"}),
    ("query-block", None),
    ("cont", None),
]


def check_guest_memory(test, mem):
    """@mem is the whole RAM of the running spin guest."""
    test.assertEqual(len(mem), MEM_MIB << 20)
    with open(test.kernel, "rb") as f:
        kernel = f.read()
    test.assertEqual(mem[KERNEL_ADDR:KERNEL_ADDR + len(kernel)], kernel)
    # The spin guest writes nothing: the rest of RAM is as the machine
    # left it, zero at the top.
    test.assertEqual(mem[-4096:], bytes(4096))


class VirshDump(unittest.TestCase):
    """One libvirtd and one running domain for every test."""

    NAME = "pvdump-plain"

    @classmethod
    def setUpClass(cls):
        reason = missing()
        if reason:
            raise unittest.SkipTest(reason)
        cls.lv = Libvirtd()
        cls.addClassCleanup(cls.finish)
        cls.lv.start()
        cls.kernel = spin_image(cls.lv.path("spin.img"))
        cls.define(cls.NAME, domain_xml(cls.NAME, PVDUMP_VM, cls.kernel,
                                        mem_mib=MEM_MIB, vcpus=VCPUS))
        cls.lv.virsh("start", cls.NAME)

    @classmethod
    def define(cls, name, xml):
        path = cls.lv.path(name + ".xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(xml)
        cls.lv.virsh("define", path)

    @classmethod
    def finish(cls):
        record = os.environ.get("PVDUMP_LV_RECORD")
        if record and os.path.exists(cls.lv.log):
            cls.record(record)
        cls.lv.cleanup(keep=bool(os.environ.get("PVDUMP_KEEP_LVROOT")))

    @classmethod
    def record(cls, path):
        sessions = transcript.parse_log(cls.lv.log)
        probe = [s for s in sessions if ("query-version", None) in
                 s.commands()][:1]
        domain = [s for s in sessions if s.commands()[1:2] ==
                  [("query-migrate-capabilities", None)]]
        for s in probe:
            s.name = "probe"
            s.argv = ["-S", "-no-user-config", "-nodefaults", "-nographic",
                      "-machine", "none,accel=kvm:tcg"]
        for i, s in enumerate(domain):
            s.name = "start" if i == 0 else "reconnect"
            # Host paths of this run become placeholders.
            s.argv = [a.replace(cls.lv.root, "@LVROOT@")
                      for a in cls.domain_argv(cls.NAME)]
        transcript.write(path, probe + domain)

    @classmethod
    def domain_argv(cls, name):
        """The emulator's arguments libvirt logged for @name's last start."""
        with open(cls.lv.path(f"var/log/libvirt/qemu/{name}.log"),
                  encoding="utf-8") as f:
            text = f.read().rsplit(PVDUMP_VM + " \\\n", 1)[1]
        # One "-option value \" per line; the last line has no backslash.
        lines = text.split("\n")
        end = next(i for i, line in enumerate(lines)
                   if not line.endswith(" \\"))
        return shlex.split(" ".join(line.rstrip(" \\")
                                    for line in lines[:end + 1]))

    # ------------------------------------------------------------ helpers

    def domain_session(self):
        """The monitor session of the running domain, as logged so far."""
        sessions = transcript.parse_log(self.lv.log)
        return [s for s in sessions if s.commands()[1:2] ==
                [("query-migrate-capabilities", None)]][-1]

    def virsh_traffic(self, *args, until=None, timeout=10):
        """Runs virsh; returns (commands, events) it caused on the monitor.
        @until(commands) waits for traffic libvirt sends asynchronously
        after virsh returned (e.g. its RESET handler's device refresh)."""
        before = len(self.domain_session().messages)
        self.lv.virsh(*args)
        deadline = time.monotonic() + timeout
        while True:
            s = self.domain_session()
            s.messages = s.messages[before:]
            if until is None or until(s.commands()) or time.monotonic() > deadline:
                return s.commands(), s.events()
            time.sleep(0.1)

    def dump(self, *opts, name="dump", until=None):
        path = self.lv.path(name)
        cmds, events = self.virsh_traffic("dump", "--memory-only", *opts,
                                          self.NAME, path, until=until)
        self.assertEqual(os.stat(path).st_size > 0, True)
        self.assertEqual(self.lv.virsh("domstate", self.NAME).strip(),
                         "running")
        return path, cmds, events

    # ------------------------------------------------------------ tests

    def test_probe(self):
        caps = self.lv.virsh("domcapabilities", "--emulatorbin", PVDUMP_VM,
                             "--arch", "s390x", "--virttype", "qemu")
        for line in ("<path>" + PVDUMP_VM + "</path>",
                     "<domain>qemu</domain>",
                     "<machine>s390-ccw-virtio-7.2</machine>",
                     "<arch>s390x</arch>"):
            self.assertIn(line, caps)
        probe = next(s for s in transcript.parse_log(self.lv.log)
                     if ("query-version", None) in s.commands())
        errors = {m["error"]["class"] for d, m, _ in probe.messages
                  if d == "S" and "error" in m}
        # Only the classes libvirt tolerates (device-list-properties,
        # query-tpm-*); never one for qom-list-properties.
        self.assertEqual(errors, {"DeviceNotFound", "CommandNotFound"})

    def test_start(self):
        start = [s for s in transcript.parse_log(self.lv.log)
                 if s.commands()[1:2] == [("query-migrate-capabilities",
                                           None)]][0]
        start.messages = start.messages[:2 * len(START_COMMANDS) + 1]
        self.assertEqual(start.commands(), START_COMMANDS)
        self.assertEqual(start.events(), ["RESUME"])
        argv = " ".join(self.domain_argv(self.NAME))
        for opt in ("-device sclpconsole,chardev=charserial0,id=serial0",
                    "-chardev pty,id=charserial0",
                    "-mon chardev=charmonitor,id=monitor,mode=control"):
            self.assertIn(opt, argv)
        tty = self.lv.virsh("ttyconsole", self.NAME).strip()
        self.assertRegex(tty, r"^/dev/pts/\d+$")
        self.assertTrue(stat.S_ISCHR(os.stat(tty).st_mode))

    def test_dump_elf(self):
        path, cmds, events = self.dump()
        self.assertEqual(cmds, [("stop", None),
                                ("getfd", {"fdname": "dump"}),
                                ("dump-guest-memory", DUMP_ARGS),
                                ("cont", None)])
        self.assertEqual(events, ["STOP", "DUMP_COMPLETED", "RESUME"])
        elf = Elf(path)
        self.assertEqual((elf.type, elf.machine), (4, 22))
        prstatus = [n for n in elf.notes() if n[:2] == ("CORE", 1)]
        self.assertEqual(len(prstatus), VCPUS)
        check_guest_memory(self, elf.memory()[1])

    def check_kdump(self, fmt):
        path, cmds, events = self.dump("--format", fmt, name=fmt)
        self.assertEqual(cmds, [
            ("stop", None), ("query-dump-guest-memory-capability", None),
            ("getfd", {"fdname": "dump"}),
            ("dump-guest-memory", {"paging": False, "protocol": "fd:dump",
                                   "format": fmt, "detach": True}),
            ("cont", None)])
        self.assertEqual(events, ["STOP", "DUMP_COMPLETED", "RESUME"])
        with open(path, "rb") as f:
            self.assertEqual(f.read(16), b"makedumpfile\0\0\0\0")
        # libvirt's pipe gets the flattened format: reassemble it.
        with open(path, "rb") as f:
            r = subprocess.run(["makedumpfile", "-R", path + ".raw"], stdin=f,
                               capture_output=True, check=False)
        self.assertEqual(r.returncode, 0, r.stderr)
        check_guest_memory(self, kdump_read_all(path + ".raw", MEM_MIB << 20))

    def test_dump_kdump_zlib(self):
        self.check_kdump("kdump-zlib")

    def test_dump_kdump_lzo(self):
        self.check_kdump("kdump-lzo")

    def test_dump_kdump_snappy(self):
        self.check_kdump("kdump-snappy")

    def test_dump_bypass_cache(self):
        """O_DIRECT only changes libvirt's side of the pipe."""
        path, cmds, _ = self.dump("--bypass-cache", name="direct")
        self.assertEqual(cmds[1:3], [("getfd", {"fdname": "dump"}),
                                     ("dump-guest-memory", DUMP_ARGS)])
        check_guest_memory(self, Elf(path).memory()[1])

    def test_suspend_resume(self):
        cmds, events = self.virsh_traffic("suspend", self.NAME)
        self.assertEqual((cmds, events), ([("stop", None)], ["STOP"]))
        self.assertEqual(self.lv.virsh("domstate", self.NAME).strip(),
                         "paused")
        cmds, events = self.virsh_traffic("resume", self.NAME)
        self.assertEqual((cmds, events), ([("cont", None)], ["RESUME"]))

    def test_dump_live(self):
        path, cmds, events = self.dump("--live")
        # No stop; libvirt 9.0 still sends cont because the domain ran.
        self.assertEqual(cmds, [("getfd", {"fdname": "dump"}),
                                ("dump-guest-memory", DUMP_ARGS),
                                ("cont", None)])
        self.assertEqual(events, LIVE_EVENTS)
        check_guest_memory(self, Elf(path).memory()[1])

    def test_dump_reset(self):
        # Regression: libvirt's post-RESET query-block may arrive after virsh
        # returned; the test read the log too early under load.
        _, cmds, events = self.dump(
            "--reset", until=lambda c: ("query-block", None) in c)
        self.assertEqual(cmds[:4], [("stop", None),
                                    ("getfd", {"fdname": "dump"}),
                                    ("dump-guest-memory", DUMP_ARGS),
                                    ("system_reset", None)])
        # libvirt's RESET handler refreshes devices while the job resumes.
        self.assertEqual(sorted(cmds[4:], key=str), [
            ("cont", None), ("qom-list", {"path": "/machine/peripheral"}),
            ("query-block", None)])
        self.assertEqual(events, ["STOP", "DUMP_COMPLETED", "RESET", "RESUME"])

    def test_domjobinfo(self):
        """A FIFO as the target holds the dump back while domjobinfo runs."""
        fifo = self.lv.path("dump.fifo")
        os.mkfifo(fifo, 0o600)
        virsh = subprocess.Popen(
            [VIRSH, "-q", "-c", self.lv.uri, "dump", "--memory-only",
             self.NAME, fifo], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True)
        try:
            with open(fifo, "rb") as f:
                head = f.read(1 << 20)
                info = self.wait_jobinfo()
                data = head + f.read()
        finally:
            out, err = virsh.communicate(timeout=60)
        self.assertEqual((virsh.returncode, err), (0, ""))
        self.assertEqual(info["Job type"], "Unbounded")
        self.assertEqual(info["Operation"], "Dump")
        self.assertEqual(info["Memory total"], f"{MEM_MIB:.3f} MiB")
        self.assertEqual(len(data) > MEM_MIB << 20, True)
        self.assertEqual(data[:4], b"\x7fELF")

    def wait_jobinfo(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            out = self.lv.virsh("domjobinfo", self.NAME)
            info = dict(line.split(":", 1) for line in out.splitlines()
                        if ":" in line)
            info = {k.strip(): v.strip() for k, v in info.items()}
            if info.get("Job type") != "None":
                return info
            time.sleep(0.05)
        raise TimeoutError("domjobinfo never showed the dump")

    def test_reconnect(self):
        """libvirtd restarts; the domain keeps running and still dumps."""
        pid = self.domain_pid()
        self.lv.restart()
        self.assertEqual(self.lv.virsh("domstate", self.NAME).strip(),
                         "running")
        self.assertEqual(self.domain_pid(), pid)
        cmds = self.domain_session().commands()
        self.assertEqual(cmds[:3], [("qmp_capabilities", None),
                                    ("query-migrate-capabilities", None),
                                    ("query-status", None)])
        path, cmds, _ = self.dump(name="after-restart")
        self.assertEqual(cmds[-2:], [("dump-guest-memory", DUMP_ARGS),
                                     ("cont", None)])
        check_guest_memory(self, Elf(path).memory()[1])

    def domain_pid(self):
        with open(self.lv.path(f"run/libvirt/qemu/{self.NAME}.pid"),
                  encoding="ascii") as f:
            return int(f.read())

    def test_zz_destroy(self):
        """Last: virsh destroy ends the emulator with SIGTERM."""
        pid = self.domain_pid()
        _, events = self.virsh_traffic("destroy", self.NAME)
        deadline = time.monotonic() + 10
        while os.path.exists(f"/proc/{pid}") and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertEqual(os.path.exists(f"/proc/{pid}"), False)
        self.assertEqual(self.lv.virsh("domstate", self.NAME).strip(),
                         "shut off")
        with open(self.lv.path(f"var/log/libvirt/qemu/{self.NAME}.log"),
                  encoding="utf-8") as f:
            self.assertIn("shutting down, reason=destroyed", f.read())


if __name__ == "__main__":
    if missing():
        print(f"SKIP: {missing()}")
        sys.exit(77)                          # meson's "skipped"
    unittest.main(verbosity=2)
