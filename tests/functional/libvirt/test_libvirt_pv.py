# SPDX-License-Identifier: GPL-2.0-or-later
"""virsh dump of a protected (IBM Secure Execution) guest through Debian's
real libvirtd 9.0: the domain's <kernel> is an SE image; the dump
decrypts with pvdump-decrypt and the image's CCK and holds the guest's
command line, which the encrypted dump does not show.

libvirt 9.0 accepts <launchSecurity type='s390-pv'/> only when KVM runs
the guest on an SE-enabled host, never for type='qemu'; the simulator's
protected guest is therefore requested as libvirt would for
launchSecurity, through <qemu:commandline> (-object s390-pv-guest and
-machine confidential-guest-support).  The simulated host's key pair
lives in the state directory named by <qemu:env name='PVDUMP_STATE_DIR'/>
(docs/libvirt.md).  Skipped (exit 77) only when libvirt is not installed
or not root.
"""
import json
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

from domain import domain_xml  # noqa: E402
from libvirtd import Libvirtd, VirshError, missing  # noqa: E402
from secret_scan import files_under, leaks, read_cck_markers  # noqa: E402
from test_dump_util import Elf  # noqa: E402

PVDUMP_VM = os.path.abspath(os.environ.get("PVDUMP_VM", "pvdump-vm"))
MKIMAGE = os.environ.get("PVDUMP_MKIMAGE", "pvdump-mkimage")
HOSTKEY = os.environ.get("PVDUMP_HOSTKEY", "pvdump-hostkey")
DECRYPT = os.environ.get("PVDUMP_DECRYPT", "pvdump-decrypt")
NAME = "pvdump-protected"
MEM_MIB = 64
KERNEL_MAGIC = b"PVDUMP-LIBVIRT-PROTECTED-KERNEL!"
CMDLINE = "pvdump.secret=LIBVIRT-5e91c3 console=ttysclp0"
QEMU_NS = "http://libvirt.org/schemas/domain/qemu/1.0"


def run(*cmd):
    r = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if r.returncode:
        raise AssertionError(f"{cmd[0]} failed: {r.stderr}")
    return r


class ProtectedVirshDump(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        reason = missing()
        if reason:
            raise unittest.SkipTest(reason)
        cls.lv = Libvirtd()
        cls.addClassCleanup(cls.lv.cleanup,
                            keep=bool(os.environ.get("PVDUMP_KEEP_LVROOT")))
        cls.lv.start()
        state = cls.lv.path("pv-host")
        os.makedirs(state)
        run(HOSTKEY, "-o", os.path.join(state, "host-key"))
        kernel, parm = cls.lv.path("kernel"), cls.lv.path("parm")
        with open(kernel, "wb") as f:
            f.write(KERNEL_MAGIC * 128)
        with open(parm, "w", encoding="ascii") as f:
            f.write(CMDLINE + "\n")
        cls.image = cls.lv.path("se.img")
        run(MKIMAGE, "-i", kernel, "-p", parm, "-k",
            os.path.join(state, "host-key.crt"), "-o", cls.image,
            "--enable-dump")
        xml = domain_xml(NAME, PVDUMP_VM, cls.image, mem_mib=MEM_MIB,
                         vcpus=2)
        xml = xml.replace("<domain type='qemu'>",
                          f"<domain type='qemu' xmlns:qemu='{QEMU_NS}'>")
        xml = xml.replace("</domain>", (
            "  <qemu:commandline>\n"
            "    <qemu:arg value='-object'/>\n"
            "    <qemu:arg value='s390-pv-guest,id=lsec0'/>\n"
            "    <qemu:arg value='-machine'/>\n"
            "    <qemu:arg value='confidential-guest-support=lsec0'/>\n"
            f"    <qemu:env name='PVDUMP_STATE_DIR' value='{state}'/>\n"
            "  </qemu:commandline>\n</domain>"))
        path = cls.lv.path(NAME + ".xml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(xml)
        cls.lv.virsh("define", path)
        cls.lv.virsh("start", NAME)

    def test_command_line(self):
        with open(self.lv.path(f"var/log/libvirt/qemu/{NAME}.log"),
                  encoding="utf-8") as f:
            log = f.read()
        self.assertIn("-object s390-pv-guest,id=lsec0", log)
        self.assertIn("-machine confidential-guest-support=lsec0", log)

    def test_guest_is_protected(self):
        out = self.lv.virsh("qemu-monitor-command", NAME,
                            '{"execute":"query-pv"}')
        reply = json.loads(out)["return"]
        self.assertEqual((reply["protected"], reply["dump-allowed"]),
                         (True, True))

    def test_dump_decrypts(self):
        path = self.lv.path("pv.elf")
        self.lv.virsh("dump", "--memory-only", NAME, path)
        self.assertEqual(self.lv.virsh("domstate", NAME).strip(), "running")
        with open(path, "rb") as f:
            enc = f.read()
        self.assertNotIn(CMDLINE.encode(), enc)
        self.assertNotIn(KERNEL_MAGIC, enc)
        plain = path + ".plain"
        run(DECRYPT, "-k", self.image + ".cck", "-o", plain, "-f",
            "--no-progress", path)
        paddr, mem = Elf(plain).memory()
        self.assertEqual((paddr, len(mem)), (0, MEM_MIB << 20))
        self.assertIn(CMDLINE.encode(), mem)
        self.assertIn(KERNEL_MAGIC * 128, mem)

    def test_kdump_refused(self):
        with self.assertRaises(VirshError) as ctx:
            self.lv.virsh("dump", "--memory-only", "--format", "kdump-zlib",
                          NAME, self.lv.path("pv.kdump"))
        self.assertEqual(str(ctx.exception), (
            "error: Failed to core dump domain 'pvdump-protected' to "
            f"{self.lv.path('pv.kdump')}\n"
            "error: internal error: unable to execute QEMU command "
            "'dump-guest-memory': dump of a protected guest requires "
            "format 'elf'"))
        self.assertEqual(os.path.exists(self.lv.path("pv.kdump")), False)
        self.assertEqual(self.lv.virsh("domstate", NAME).strip(), "running")

    def test_no_secret_in_libvirt_output(self):
        """Nothing libvirt keeps or prints about the protected guest holds
        its CCK or plaintext: its daemon log (monitor traffic at debug
        level), the domain log, its state and config directories, virsh's
        answers and the encrypted dump."""
        markers = read_cck_markers(self.image + ".cck")
        markers.update({"payload magic": KERNEL_MAGIC,
                        "command line": CMDLINE.encode(),
                        "workload magic": b"PVDUMPWL"})
        dump = self.lv.path("scan.elf")
        self.lv.virsh("dump", "--memory-only", NAME, dump)
        answers = [self.lv.virsh(*cmd).encode() for cmd in (
            ("dominfo", NAME), ("domjobinfo", NAME, "--completed"),
            ("dumpxml", NAME),
            ("qemu-monitor-command", NAME, "--hmp", "info registers"),
            ("qemu-monitor-command", NAME, "--hmp", "info pv"),
            ("qemu-monitor-command", NAME, '{"execute":"query-pv"}'))]
        outputs = {"virsh answers": b"".join(answers),
                   "dump": self.read(dump)}
        for sub in ("var", "run", "etc-libvirt"):
            for path in files_under(self.lv.path(sub)):
                outputs[path] = self.read(path)
        outputs[self.lv.log] = self.read(self.lv.log)
        # Positive controls: the scan saw the monitor traffic of the dump
        # and the registers, and the marker is in the owner's plaintext.
        self.assertIn(b"dump-guest-memory", outputs[self.lv.log])
        self.assertIn(b"Protected: yes", outputs["virsh answers"])
        plain = dump + ".plain"
        run(DECRYPT, "-k", self.image + ".cck", "-o", plain, "-f",
            "--no-progress", dump)
        self.assertIn(CMDLINE.encode(), self.read(plain))
        found = {what: leaks(markers, data) for what, data in outputs.items()}
        self.assertEqual({k: v for k, v in found.items() if v}, {})
        self.assertGreater(len(outputs), 5)

    @staticmethod
    def read(path):
        with open(path, "rb") as f:
            return f.read()


if __name__ == "__main__":
    if missing():
        print(f"SKIP: {missing()}")
        sys.exit(77)
    unittest.main(verbosity=2)
