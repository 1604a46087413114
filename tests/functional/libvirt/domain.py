# SPDX-License-Identifier: GPL-2.0-or-later
"""Domains for pvdump-vm under libvirt: XML and guest images."""
import os

# libvirt's s390x domain for a TCG ("qemu") guest, as in docs/libvirt.md.
DOMAIN_XML = """<domain type='qemu'>
  <name>{name}</name>
  <memory unit='MiB'>{mem_mib}</memory>
  <vcpu>{vcpus}</vcpu>
  <os>
    <type arch='s390x' machine='s390-ccw-virtio'>hvm</type>
    <kernel>{kernel}</kernel>
    {cmdline}
  </os>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>preserve</on_crash>
  <devices>
    <emulator>{emulator}</emulator>
    <console type='pty'/>
    <memballoon model='none'/>
    <panic model='s390'/>
  </devices>
</domain>
"""


def domain_xml(name, emulator, kernel, mem_mib=256, vcpus=2, cmdline=None):
    """The XML of a domain running @kernel on pvdump-vm."""
    return DOMAIN_XML.format(
        name=name, emulator=emulator, kernel=kernel, mem_mib=mem_mib,
        vcpus=vcpus,
        cmdline=f"<cmdline>{cmdline}</cmdline>" if cmdline else "")


def spin_image(path):
    """A raw s390x "kernel" that loops for ever: 64 KiB of zeros, then
    "j ." (a7f40000) where QEMU's raw-kernel IPL jumps (0x10000)."""
    with open(path, "wb") as f:
        f.write(bytes(0x10000) + bytes.fromhex("a7f40000"))
    os.chmod(path, 0o644)
    return path
