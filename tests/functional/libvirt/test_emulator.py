# SPDX-License-Identifier: GPL-2.0-or-later
"""What pvdump-vm offers libvirt, checked without libvirt: the options of
libvirt's domain command line (accepted exactly when pvdump honours them),
the sclpconsole device, the secret object, and the probe answers, which
must agree with what the command line really accepts."""
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import wrapper  # noqa: E402
from qmp import VM  # noqa: E402

PVDUMP_VM = os.environ.get("PVDUMP_VM", "pvdump-vm")
BASE = ["-nodefaults", "-machine", "none"]


def run(*args):
    return wrapper.run(PVDUMP_VM, *args, "-version", capture_output=True,
                       text=True, timeout=20, stdin=subprocess.DEVNULL,
                       check=False)


def start(*args):
    """pvdump-vm -S with @args, which must fail during set-up (a
    pvdump-vm that starts is killed by the timeout, failing the test)."""
    return wrapper.run(PVDUMP_VM, *BASE, "-S", *args, capture_output=True,
                       text=True, timeout=20, stdin=subprocess.DEVNULL,
                       check=False)


class LibvirtOptions(unittest.TestCase):
    """libvirt's fixed options; the parser runs before -version exits."""

    def assert_error(self, args, message):
        r = run(*args)
        self.assertEqual((r.returncode, r.stderr), (1, f"pvdump-vm: {message}\n"))

    def test_accepted(self):
        for args in (["-uuid", "eb295104-4b7f-4786-9d48-e4ae0625767d"],
                     ["-display", "none"], ["-rtc", "base=utc"],
                     ["-boot", "strict=on"], ["-overcommit", "mem-lock=off"],
                     ["-msg", "timestamp=on"],
                     ["-audiodev", '{"id":"audio1","driver":"none"}'],
                     ["-name", "guest=g,debug-threads=on"],
                     ["-device", "sclpconsole,chardev=c,id=serial0"],
                     # what libvirt adds for <launchSecurity type='s390-pv'/>
                     ["-object", "s390-pv-guest,id=lsec0", "-machine",
                      "s390-ccw-virtio-7.2,usb=off,dump-guest-core=off,"
                      "confidential-guest-support=lsec0"]):
            r = run(*args)
            self.assertEqual((r.returncode, r.stderr), (0, ""), args)

    def test_refused_by_name(self):
        self.assert_error(["-uuid", "1234"],
                          "-uuid 1234: Fail to parse UUID string. Wrong format.")
        self.assert_error(["-display", "gtk"],
                          "-display gtk: Parameter 'type' does not accept value "
                          "'gtk' (pvdump has no display)")
        self.assert_error(["-rtc", "base=localtime"],
                          "-rtc base=localtime: Parameter 'base' does not accept "
                          "value 'localtime' (the TOD clock runs in UTC)")
        self.assert_error(["-overcommit", "mem-lock=on"],
                          "-overcommit mem-lock=on: Parameter 'mem-lock' does not "
                          "accept value 'on' (guest RAM is never locked)")
        self.assert_error(["-audiodev", "pa,id=a"],
                          "-audiodev pa,id=a: Parameter 'driver' does not accept "
                          "value 'pa' (pvdump has no sound devices)")
        self.assert_error(["-boot", "order=c"],
                          "-boot order=c: Invalid parameter 'order'")
        self.assert_error(["-device", "virtio-blk-ccw"],
                          "-device virtio-blk-ccw: 'virtio-blk-ccw' is not a "
                          "valid device model name")
        self.assert_error(["-sandbox", "on"], "-sandbox: invalid option")

    def test_msg_timestamp_prefixes_errors(self):
        r = wrapper.run(PVDUMP_VM, "-msg", "timestamp=on", "-m", "x",
                        capture_output=True, text=True, check=False)
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stderr, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z "
                         r"pvdump-vm: -m x: Invalid RAM size 'x'\n$")


class Devices(unittest.TestCase):
    def test_sclpconsole_needs_its_chardev(self):
        r = start("-device", "sclpconsole,chardev=nope")
        self.assertEqual((r.returncode, r.stderr), (1, (
            "pvdump-vm: -device sclpconsole,chardev=nope: Property "
            "'sclpconsole.chardev' can't find value 'nope'\n")))

    def test_one_console_only(self):
        r = start("-chardev", "pty,id=a", "-chardev", "pty,id=b",
                  "-device", "sclpconsole,chardev=a",
                  "-device", "sclpconsole,chardev=b")
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stderr.endswith(
            "pvdump-vm: -device sclpconsole,chardev=b: Multiple VT220 "
            "operator consoles are not supported\n"), r.stderr)

    def test_chardev_has_one_frontend(self):
        r = start("-chardev", "pty,id=a", "-device", "sclpconsole,chardev=a",
                  "-mon", "chardev=a,mode=control")
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stderr.endswith("Device 'a' is in use\n"), r.stderr)

    def test_secret_errors(self):
        for arg, msg in (
                ("secret,id=s", "Either 'file' or 'data' must be provided"),
                ("secret,id=s,data=x,file=/dev/null",
                 "'file' and 'data' are mutually exclusive"),
                ("secret,id=s,file=/nonexistent",
                 "Unable to read /nonexistent: Failed to open file "
                 "“/nonexistent”: No such file or directory"),
                ("secret,id=s,data=%%,format=base64",
                 "Unable to decode secret base64"),
                ("secret,id=s,data=x,keyid=k", "Invalid parameter 'keyid'")):
            r = start("-object", arg)
            self.assertEqual((r.returncode, r.stderr),
                             (1, f"pvdump-vm: -object {arg}: {msg}\n"))


class Probe(unittest.TestCase):
    """Introspection agrees with the command line."""

    def setUp(self):
        self.vm = VM(["-chardev", "pty,id=charserial0",
                      "-device", "sclpconsole,chardev=charserial0,id=serial0",
                      "-object", "secret,id=masterKey0,data=abc"])
        self.vm.launch()
        self.addCleanup(self.vm.shutdown)
        self.qmp = self.vm.qmp()

    def ret(self, cmd, args=None):
        reply = self.qmp.cmd(cmd, args)
        self.assertIn("return", reply, reply)
        return reply["return"]

    def test_types(self):
        types = {t["name"]: t.get("parent") for t in self.ret("qom-list-types")}
        self.assertEqual(types, {
            "tcg-accel": "accel", "kvm-accel": "accel",
            "s390-ccw-virtio-7.2-machine": "machine", "none-machine": "machine",
            "s390-pv-guest": "confidential-guest-support",
            "secret": "secret_common", "loader": "device",
            "diag288": "device",
            "qemu-s390x-cpu": "s390x-cpu", "max-s390x-cpu": "s390x-cpu",
            "host-s390x-cpu": "s390x-cpu", "z15-s390x-cpu": "s390x-cpu",
            "z16-s390x-cpu": "s390x-cpu",
            "sclpconsole": "sclp-event", "sclplmconsole": "sclp-event"})
        devices = self.ret("qom-list-types", {"implements": "device",
                                               "abstract": True})
        self.assertEqual(devices, [
            {"name": "device", "abstract": True, "parent": "object"},
            {"name": "sclp-event", "abstract": True, "parent": "device"},
            {"name": "cpu", "abstract": True, "parent": "device"},
            {"name": "s390x-cpu", "abstract": True, "parent": "cpu"},
            {"name": "loader", "parent": "device"},
            {"name": "sclpconsole", "parent": "sclp-event"},
            {"name": "sclplmconsole", "parent": "sclp-event"},
            {"name": "diag288", "parent": "device"},
            {"name": "qemu-s390x-cpu", "parent": "s390x-cpu"},
            {"name": "max-s390x-cpu", "parent": "s390x-cpu"},
            {"name": "host-s390x-cpu", "parent": "s390x-cpu"},
            {"name": "z15-s390x-cpu", "parent": "s390x-cpu"},
            {"name": "z16-s390x-cpu", "parent": "s390x-cpu"}])

    def test_properties(self):
        self.assertEqual(self.ret("device-list-properties",
                                  {"typename": "sclpconsole"}),
                         [{"name": "chardev", "type": "str", "description":
                           "ID of a chardev to use as a backend"}])
        self.assertEqual(self.qmp.cmd("device-list-properties",
                                      {"typename": "virtio-blk-ccw"})["error"],
                         {"class": "DeviceNotFound",
                          "desc": "Device 'virtio-blk-ccw' not found"})
        # Never an error (libvirt 9.0 would crash on one).
        self.assertEqual(self.ret("qom-list-properties",
                                  {"typename": "memory-backend-file"}), [])

    def test_machine_properties_are_accepted(self):
        values = {"str": "tcg", "bool": "off", "uint32": "2",
                  "link<confidential-guest-support>": "pv0"}
        props = self.ret("qom-list-properties", {"typename": "none-machine"})
        self.assertEqual([p["name"] for p in props], [
            "accel", "confidential-guest-support", "dump-guest-core",
            "dump-threads", "usb"])
        for p in props:
            r = run("-machine", f"none,{p['name']}={values[p['type']]}")
            self.assertEqual((r.returncode, r.stderr), (0, ""), p)

    def test_command_line_options_are_the_table(self):
        opts = [o["option"] for o in self.ret("query-command-line-options")]
        for opt in ("machine", "device", "object", "chardev", "uuid", "rtc",
                    "audiodev", "msg"):
            self.assertIn(opt, opts)
        self.assertNotIn("M", opts)           # an alias
        self.assertNotIn("S", opts)           # takes no parameters
        self.assertNotIn("sandbox", opts)     # would make libvirt use it
        helps = wrapper.run(PVDUMP_VM, "-help", capture_output=True,
                            text=True, check=True).stdout.splitlines()
        listed = [h.split()[0][1:] for h in helps if h.startswith("-")]
        for opt in opts:
            self.assertIn(opt, listed)

    def test_composition_tree(self):
        self.assertEqual(self.ret("qom-list", {"path": "/machine/peripheral"}),
                         [{"name": "type", "type": "string"},
                          {"name": "serial0", "type": "child<sclpconsole>"}])
        self.assertEqual(self.ret("qom-list", {"path": "/objects"}),
                         [{"name": "type", "type": "string"},
                          {"name": "masterKey0", "type": "child<secret>"}])
        chardevs = self.ret("query-chardev")
        pty = next(c for c in chardevs if c["label"] == "charserial0")
        self.assertRegex(pty["filename"], r"^pty:/dev/pts/\d+$")
        self.assertEqual(pty["frontend-open"], True)

    def test_start_queries(self):
        self.assertEqual(self.ret("query-named-block-nodes", {"flat": True}), [])
        self.assertEqual(self.ret("query-block"), [])
        self.assertEqual(self.ret("query-jobs"), [])
        self.assertEqual(self.ret("query-migrate-capabilities"),
                         [{"capability": "events", "state": False}])
        self.ret("migrate-set-capabilities", {"capabilities": [
            {"capability": "events", "state": True}]})
        self.assertEqual(self.ret("query-migrate-capabilities"),
                         [{"capability": "events", "state": True}])


if __name__ == "__main__":
    unittest.main(verbosity=2)
