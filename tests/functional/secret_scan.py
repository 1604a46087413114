# SPDX-License-Identifier: GPL-2.0-or-later
"""What a protected guest's secrets look like when they leak, and the scan
for them: the customer communication key in every spelling a log or reply
could use (raw, hex in both cases, base64) and the guest's plaintext
markers.  Shared by the tests of pvdump-vm's own output (test_pv_secrets)
and of libvirt's logs (libvirt/test_libvirt_pv)."""
import base64
import os
import stat


def cck_markers(cck):
    """{name: bytes} of the spellings of the 32-byte CCK @cck."""
    if len(cck) != 32:
        raise ValueError(f"a CCK has 32 bytes, not {len(cck)}")
    return {
        "CCK": cck,
        "CCK hex": cck.hex().encode(),
        "CCK HEX": cck.hex().upper().encode(),
        "CCK base64": base64.b64encode(cck),
    }


def read_cck_markers(path):
    """cck_markers() of the CCK file @path."""
    with open(path, "rb") as f:
        return cck_markers(f.read())


def leaks(markers, data):
    """The names of the markers found in @data (bytes), sorted."""
    return sorted(name for name, marker in markers.items() if marker in data)


def files_under(root):
    """Every regular file below @root (symlinks not followed)."""
    for top, _dirs, names in os.walk(root):
        for name in names:
            path = os.path.join(top, name)
            if stat.S_ISREG(os.lstat(path).st_mode):
                yield path
