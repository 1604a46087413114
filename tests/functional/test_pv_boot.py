# SPDX-License-Identifier: GPL-2.0-or-later
"""Protected guests boot on uvsim from images built by pvdump-mkimage:
the host mapping never holds plaintext of a secure page, shared pages are
plain, and every kind of bad input fails with the Ultravisor's rc/rrc, one
log line and a machine that stays manageable."""
import os
import struct
import subprocess
import time
import unittest

import qmp
import wrapper
from se_image_fixture import SeImageFixture, MKIMAGE, HOSTKEY

RAM = 64 << 20
PAYLOAD_MAGIC = b"PVDUMP-PAYLOAD-KERNEL-0123456789"
CMDLINE = "pvdump.secret=CMDLINE-7f3e9a root=/dev/pvda"
PV_ARGS = ["-object", "s390-pv-guest,id=pv0",
           "-machine", "confidential-guest-support=pv0"]
HDR_OFF = 0x12000          # tools/se-image-builder.c layout
IPIB_OFF = 0x13000
COMPS = IPIB_OFF + 0x88


class PvBootTest(SeImageFixture):
    HOST_KEYS = ("host", "other")
    PREFIX = "pvdump-pv-"
    KERNEL = PAYLOAD_MAGIC * 300                    # three pages
    CMDLINE = CMDLINE

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.image = cls.mkimage("good.img")
        with open(cls.image, "rb") as f:
            cls.good = f.read()

    def mutated(self, name, patch):
        data = bytearray(self.good)
        patch(data)
        path = self.path(name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def boot(self, image, *args, host_key="host", pv=True):
        accel = f"tcg,host-key={self.path(host_key + '.pem')}" if host_key else "tcg"
        vm = qmp.VM(args=["-kernel", image, *(PV_ARGS if pv else []), *args],
                    base_args=["-nodefaults", "-nographic", "-accel", accel,
                               "-m", str(RAM >> 20), "-smp", "2"])
        vm.launch()
        self.addCleanup(vm.shutdown)
        self.vm = vm
        self.qmp = vm.qmp()
        return vm.pv_booted(self.qmp)

    def memory(self, addr, size):
        path = self.vm.path("mem")
        self.qmp.ok("pmemsave", {"val": addr, "size": size, "filename": path})
        with open(path, "rb") as f:
            return f.read()

    def assert_refused(self, image, rc, rrc, cmd, **kw):
        info = self.boot(image, **kw)
        self.assertFalse(info["protected"])
        err = info["last-error"]
        self.assertEqual((err["command"], err["rc"], err["rrc"]), (cmd, rc, rrc), err)
        # The machine stays manageable and says why, once.
        self.assertEqual(self.qmp.ok("query-status")["status"], "running")
        self.assertEqual(self.vm.stderr().count("protected boot failed"), 1,
                         self.vm.stderr())

    def test_boot_protected_no_plaintext(self):
        info = self.boot(self.image)
        self.assertTrue(info["protected"])
        self.assertFalse(info["dump-allowed"])
        self.assertEqual(info["dump-info"], {"cpu-buffer-len": 4096,
                                             "mem-buffer-per-1m": 4096,
                                             "finalize-len": 4096})
        self.assertNotIn("last-error", info)
        time.sleep(0.2)
        ram = self.memory(0, RAM)
        for secret in (PAYLOAD_MAGIC, CMDLINE.encode(), b"CMDLINE-7f3e9a", b"PVDUMPWL"):
            self.assertNotIn(secret, ram)
        # The shared page is plain, and the guest keeps writing it.
        shared = RAM - (1 << 20)
        first = self.memory(shared, 24)
        self.assertEqual(first[:8], b"PVDUMPSH")
        time.sleep(0.1)
        later = self.memory(shared, 24)
        self.assertGreater(struct.unpack(">Q", later[16:])[0],
                           struct.unpack(">Q", first[16:])[0])
        self.assertIn("Protected: yes", self.qmp.hmp("info pv"))

    def test_reset_reboots_protected(self):
        self.boot(self.image)
        self.qmp.ok("system_reset")
        self.qmp.wait_event("RESET")
        self.assertTrue(self.vm.pv_booted(self.qmp)["protected"])
        self.assertNotIn(b"CMDLINE-7f3e9a", self.memory(0, RAM))

    def test_dump_allowed_flag(self):
        image = self.mkimage("dump.img", "--enable-dump")
        self.assertTrue(self.boot(image)["dump-allowed"])

    def test_default_host_key_in_state_dir(self):
        wrapper.run(HOSTKEY, check=True, stdout=subprocess.DEVNULL)
        state = os.environ["PVDUMP_STATE_DIR"]
        self.assertEqual(os.stat(os.path.join(state, "host-key.pem")).st_mode & 0o777, 0o600)
        wrapper.run(MKIMAGE, "-i", self.path("kernel"), "-o", self.path("def.img"),
                    "-k", os.path.join(state, "host-key.crt"), "--overwrite",
                    check=True)
        self.assertTrue(self.boot(self.path("def.img"), host_key=None)["protected"])

    def test_wrong_host_key(self):
        self.assert_refused(self.image, 0x108, 0x05, 2, host_key="other")

    def test_corrupted_header(self):
        def flip_sea(d):
            d[HDR_OFF + 0x1A0 + 80 + 5] ^= 1        # encrypted area
        self.assert_refused(self.mutated("sea.img", flip_sea), 0x108, 0x07, 2)

        def version(d):
            d[HDR_OFF + 0x0A] = 2
        self.assert_refused(self.mutated("ver.img", version), 0x104, 0x01, 2)

        def pcf(d):
            d[HDR_OFF + 0x38] = 0x80                  # an unknown PCF bit
        self.assert_refused(self.mutated("pcf.img", pcf), 0x106, 0x30, 2)

    def test_hostile_header_lengths(self):
        def no_slots(d):
            struct.pack_into(">Q", d, HDR_OFF + 0x20, 0)
        self.assert_refused(self.mutated("nks.img", no_slots), 0x10A, 0x40, 2)

        def huge_sea(d):
            struct.pack_into(">Q", d, HDR_OFF + 0x28, 1 << 62)
        self.assert_refused(self.mutated("seasz.img", huge_sea), 0x10A, 0x39, 2)

    def comp(self, data, i):
        return struct.unpack_from(">QQQ", data, COMPS + 24 * i)

    def test_wrong_digests(self):
        kernel = self.comp(self.good, 0)

        def cipher(d):
            d[kernel[1] + 100] ^= 0x55
        self.assert_refused(self.mutated("pld.img", cipher), 0x102, 0x1B, 4)

        def tweak(d):
            struct.pack_into(">Q", d, COMPS, kernel[0] ^ 1)
        self.assert_refused(self.mutated("tld.img", tweak), 0x102, 0x1C, 4)

        def pages(d):
            struct.pack_into(">Q", d, COMPS + 16, kernel[2] - 4096)
        self.assert_refused(self.mutated("nep.img", pages), 0x102, 0x1D, 4)

    def test_bad_ipl_block(self):
        def pbt(d):
            d[IPIB_OFF + 0x0C] = 2
        self.boot(self.mutated("pbt.img", pbt))
        info = self.qmp.ok("query-pv")
        self.assertFalse(info["protected"])
        self.assertNotIn("last-error", info)
        self.assertIn("response 0x0402", self.vm.stderr())

        def order(d):
            struct.pack_into(">Q", d, COMPS + 24, 0)     # prefixes not increasing
        self.boot(self.mutated("order.img", order))
        self.assertIn("response 0x0402", self.vm.stderr())

    def test_settings_rules(self):
        for args, message in (
                (["-cpu", "qemu,unpack=off"], "does not support Protected Virtualization"),
                (["-machine", "confidential-guest-support=nope"], "can't find value"),
        ):
            vm = qmp.VM(args=["-kernel", self.image, *PV_ARGS, *args], qmp=False)
            vm.launch()
            self.assertEqual(vm.wait(), 1)
            self.assertIn(message, vm.stderr())
            vm.shutdown()

    def test_no_unpack_facility_without_pv_object(self):
        info = self.boot(self.image, "-cpu", "qemu,unpack=off", pv=False)
        self.assertFalse(info["protected"])
        self.assertIn("unpack facility", self.vm.stderr())

    def test_initrd_append_ignored(self):
        self.boot(self.image, "-append", "ignored")
        self.assertIn("-initrd and -append are ignored", self.vm.stderr())

    def test_mkimage_files(self):
        cck = self.image + ".cck"
        self.assertEqual(os.path.getsize(cck), 32)
        self.assertEqual(os.stat(cck).st_mode & 0o777, 0o600)
        r = wrapper.run(MKIMAGE, "-i", self.path("kernel"), "-k",
                        self.path("host.crt"), "-o", self.image,
                        capture_output=True, text=True)
        self.assertEqual(r.returncode, 1)
        self.assertIn("--overwrite", r.stderr)
        r = wrapper.run(MKIMAGE, "-o", self.image, capture_output=True)
        self.assertEqual(r.returncode, 2)


if __name__ == "__main__":
    unittest.main(verbosity=2)
