# SPDX-License-Identifier: GPL-2.0-or-later
"""Keys are wiped after use: pvdump-decrypt (on the golden vector) and
pvdump-mkimage run under gdb, which stops them at their exit_group system
call, after every destructor and atexit handler, and takes a core with
gcore.  The core must hold none of the customer communication key (raw or
hex), the HKDF pseudo-random key and dump key derived from it, the XTS
keys of the dump, nor, for mkimage, the image's XTS key, the header
protection key, the ECDH shared secret and key-encryption key.  Each key
is also searched for in 16-byte pieces, so a half copy (an AES key
schedule starts with the key itself) counts.  The expected values are
computed here from the golden CCK (HKDF-SHA512, docs/pv-dump-format.md) and
from the image with the host's private key."""
import hashlib
import hmac
import json
import os
import shutil
import struct
import subprocess
import tempfile
import unittest

import pvvector
import wrapper

DECRYPT = os.environ["PVDUMP_DECRYPT"]
MKIMAGE = os.environ["PVDUMP_MKIMAGE"]
HOSTKEY = os.environ["PVDUMP_HOSTKEY"]
GDB = shutil.which("gdb")
HKDF_INFO = b"IBM Z Ultravisor Dump"
COMPL_OFF = 0xFE0            # pv_compl in the golden pv.elf

try:
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.serialization import \
        load_pem_private_key
except ImportError:          # the mkimage half and the XTS keys need it
    AESGCM = None


def hkdf_sha512(ikm, salt, info, length):
    """RFC 5869: returns (PRK, OKM)."""
    prk = hmac.new(salt, ikm, hashlib.sha512).digest()
    okm, block = b"", b""
    for i in range((length + 63) // 64):
        block = hmac.new(prk, block + info + bytes([i + 1]),
                         hashlib.sha512).digest()
        okm += block
    return prk, okm[:length]


def asan_build(binary):
    with open(binary, "rb") as f:
        return b"__asan_init" in f.read()


class KeyWipe(unittest.TestCase):
    def setUp(self):
        if not GDB:
            self.skipTest("gdb is not installed")
        if wrapper.WRAPPER:
            self.skipTest("a wrapper (valgrind) would be the traced process")
        if os.environ.get("PVDUMP_SANITIZED") == "1":
            # gcore walks ASan's 15 TiB shadow mapping for minutes; the
            # plain build's run of this test is the one that counts.
            self.skipTest("gcore of an ASan process takes too long")
        self.dir = tempfile.mkdtemp(prefix="pvdump-wipe-")
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def core_at_exit(self, *argv):
        """Runs @argv under gdb up to exit_group; returns the core."""
        core = self.path("core")
        r = subprocess.run(
            [GDB, "-batch", "-nx", "-ex", "set pagination off",
             "-ex", "catch syscall exit_group", "-ex", "run",
             "-ex", "gcore " + core, "-ex", "kill", "--args", *argv],
            capture_output=True, text=True, timeout=300,
            stdin=subprocess.DEVNULL)
        out = r.stdout + r.stderr
        if "ptrace" in out and "Operation not permitted" in out:
            self.skipTest("ptrace is not permitted here")
        self.assertIn("call to syscall exit_group", out)
        self.assertIn("Saved corefile", out)
        self.assertNotIn("exited with code", out)
        with open(core, "rb") as f:
            data = f.read()
        os.unlink(core)
        return data

    def assert_no_keys(self, core, keys):
        """No key, and no 16-byte piece of one, is anywhere in @core."""
        self.assertGreater(len(core), 1 << 20)
        for name, key in keys.items():
            pieces = {key} | {key[i:i + 16] for i in range(0, len(key) - 15, 8)}
            for piece in pieces:
                self.assertEqual(core.count(piece), 0,
                                 f"{name} ({piece.hex()}) is in the core")

    # ------------------------------------------------------ pvdump-decrypt

    def golden_keys(self):
        cck = pvvector.golden("cck.bin")
        exp = pvvector.expected()
        seed = bytes.fromhex(exp["seed"])
        prk, dump_key = hkdf_sha512(cck, seed, HKDF_INFO, 32)
        self.assertEqual(dump_key.hex(), exp["dump_key"])
        keys = {"CCK": cck, "CCK hex": cck.hex().encode(),
                "CCK HEX": cck.hex().upper().encode(), "HKDF PRK": prk,
                "dump key": dump_key}
        if AESGCM:
            compl = pvvector.golden("pv.elf")[COMPL_OFF:COMPL_OFF + 288]
            plain = AESGCM(dump_key).decrypt(compl[80:92], compl[96:288],
                                             compl[:96])
            keys["XTS key1"], keys["XTS key2"] = plain[16:48], plain[48:80]
            self.assertEqual(keys["XTS key1"].hex(), exp["key1"])
            self.assertEqual(keys["XTS key2"].hex(), exp["key2"])
        else:
            keys["XTS key1"] = bytes.fromhex(exp["key1"])
            keys["XTS key2"] = bytes.fromhex(exp["key2"])
        return keys

    def test_decrypt(self):
        """Raw key file, all threads: the decrypted core is right, and no
        key is left in the process."""
        keys = self.golden_keys()
        out = self.path("plain.elf")
        core = self.core_at_exit(
            DECRYPT, "--no-progress", "-k", os.path.join(pvvector.GOLDEN_DIR,
                                                         "cck.bin"),
            "-o", out, os.path.join(pvvector.GOLDEN_DIR, "pv.elf"))
        self.assertTrue(os.path.getsize(out) > 4 << 20)
        with open(out, "rb") as f:
            self.assertIn(pvvector.golden("mem.bin")[:4096], f.read())
        self.assert_no_keys(core, keys)

    def test_decrypt_hex_key_verify(self):
        """A hex key file and --verify (another path through the key)."""
        keys = self.golden_keys()
        key = self.path("cck.hex")
        with open(key, "w") as f:
            f.write(keys["CCK hex"].decode() + "\n")
        core = self.core_at_exit(
            DECRYPT, "--no-progress", "-k", key, "--verify",
            os.path.join(pvvector.GOLDEN_DIR, "pv.elf"))
        self.assert_no_keys(core, keys)

    def test_decrypt_wrong_key(self):
        """The error path: a wrong CCK still derives (and must wipe) keys."""
        wrong = pvvector.golden("wrong_cck.bin")
        seed = bytes.fromhex(pvvector.expected()["seed"])
        prk, dump_key = hkdf_sha512(wrong, seed, HKDF_INFO, 32)
        core = self.core_at_exit(
            DECRYPT, "--no-progress", "-k",
            os.path.join(pvvector.GOLDEN_DIR, "wrong_cck.bin"), "--verify",
            os.path.join(pvvector.GOLDEN_DIR, "pv.elf"))
        self.assert_no_keys(core, {"CCK": wrong, "HKDF PRK": prk,
                                   "dump key": dump_key})

    # ------------------------------------------------------ pvdump-mkimage

    def image_keys(self, image, host_pem):
        """Opens the SE header of @image like the UV: every key in it."""
        with open(image, "rb") as f:
            img = f.read()
        with open(host_pem, "rb") as f:
            host = load_pem_private_key(f.read(), None)
        off = struct.unpack_from(">Q", img, 0xC000 + 8)[0]
        phs = struct.unpack_from(">I", img, off + 0xC)[0]
        hdr = img[off:off + phs]
        nks = struct.unpack_from(">Q", hdr, 0x20)[0]
        cust = ec.EllipticCurvePublicNumbers(
            int.from_bytes(hdr[0x40:0x90], "big"),
            int.from_bytes(hdr[0x90:0xE0], "big"), ec.SECP521R1()).public_key()
        z = host.exchange(ec.ECDH(), cust)
        kek = hashlib.sha256(z + b"\0\0\0\1").digest()
        slot = hdr[0x1A0:0x1A0 + 80]
        prot = AESGCM(kek).decrypt(bytes(12), slot[32:80], None)
        sea = 0x1A0 + nks * 80
        plain = AESGCM(prot).decrypt(hdr[0x10:0x1C], hdr[sea:sea + 128] +
                                     hdr[phs - 16:phs], hdr[:sea])
        return {"CCK": plain[:32], "image XTS key": plain[32:96],
                "header protection key": prot, "ECDH shared secret": z,
                "KEK": kek}

    def mkimage_core(self, *extra):
        wrapper.run(HOSTKEY, "-o", self.path("host"), check=True,
                    stdout=subprocess.DEVNULL)
        with open(self.path("kernel"), "wb") as f:
            f.write(os.urandom(3 * 4096))
        image = self.path("image")
        core = self.core_at_exit(MKIMAGE, "-i", self.path("kernel"), "-k",
                                 self.path("host.crt"), "-o", image,
                                 "--enable-dump", *extra)
        return core, self.image_keys(image, self.path("host.pem"))

    def test_mkimage_new_cck(self):
        """A CCK generated into IMAGE.cck."""
        if not AESGCM:
            self.skipTest("python3-cryptography is not installed")
        core, keys = self.mkimage_core()
        with open(self.path("image.cck"), "rb") as f:
            self.assertEqual(f.read(), keys["CCK"])
        self.assert_no_keys(core, keys)

    def test_mkimage_given_cck(self):
        """A CCK read from --cck FILE."""
        if not AESGCM:
            self.skipTest("python3-cryptography is not installed")
        cck = os.urandom(32)
        with open(self.path("my.cck"), "wb") as f:
            f.write(cck)
        core, keys = self.mkimage_core("--cck", self.path("my.cck"))
        self.assertEqual(keys["CCK"], cck)
        self.assert_no_keys(core, keys)


if __name__ == "__main__":
    unittest.main(verbosity=2)
