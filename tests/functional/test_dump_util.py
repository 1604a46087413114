# SPDX-License-Identifier: GPL-2.0-or-later
"""Helpers shared by the dump-guest-memory tests (not a test itself):
guest content, VM start-up, ELF parsing, and the real consumers."""
import os
import random
import struct
import subprocess

import guest as guest_module
from qmp import VM

PAGE = 4096
# Above pvdump-guest's image and .bss (they end below 4 MiB, docs/guest.md).
CONTENT_ADDR = 0x400000


def make_content(path, size=3 << 20, seed=1):
    """Deterministic guest content: zero, text and random pages."""
    rnd = random.Random(seed)
    text = b"".join(b"line %d of some text for the compressors\n" % i
                    for i in range(PAGE))
    out = bytearray()
    for i in range(size // PAGE):
        kind = i % 5
        if kind < 2:
            out += bytes(PAGE)
        elif kind < 4:
            start = rnd.randrange(len(text) - PAGE)
            out += text[start:start + PAGE]
        else:
            out += rnd.randbytes(PAGE)
    with open(path, "wb") as f:
        f.write(out)
    return bytes(out)


def start_vm(test, mem="64", smp=2, paused=True, extra=(), guest=False,
             content_size=3 << 20):
    """A VM with @content_size bytes of test content loaded at
    CONTENT_ADDR, and with @guest pvdump-guest running on it (the test
    skips when it is not built); returns (vm, qmp)."""
    kernel = guest_module.kernel_args() if guest else []
    vm = VM(["-m", str(mem), "-smp", str(smp)] + (["-S"] if paused else []) +
            kernel + list(extra), base_args=["-nodefaults", "-nographic",
                                             "-accel", "tcg"])
    content_path = vm.path("content.bin")
    test.content = make_content(content_path, content_size)
    vm.args += ["-device", f"loader,file={content_path},addr={CONTENT_ADDR}"]
    vm.launch()
    test.addCleanup(vm.shutdown)
    return vm, vm.qmp()


def dump(qmp, path, fmt="elf", **args):
    """Synchronous dump to file @path; returns the reply."""
    a = {"paging": False, "protocol": "file:" + path, "format": fmt}
    a.update(args)
    return qmp.cmd("dump-guest-memory", a)


def start_fd_dump(qmp, fmt="elf"):
    """libvirt's way: getfd of a pipe's write end, then a detached dump into
    fd:dump; returns the read end (the caller drains and closes it)."""
    rfd, wfd = os.pipe()
    qmp.ok("getfd", {"fdname": "dump"}, fds=[wfd])
    os.close(wfd)
    reply = qmp.cmd("dump-guest-memory", {
        "paging": False, "protocol": "fd:dump", "format": fmt,
        "detach": True})
    if reply != {"return": {}}:
        os.close(rfd)
        raise AssertionError(f"detached dump refused: {reply}")
    return rfd


class Elf:
    """The parts of a big-endian ELF64 core the tests look at."""

    def __init__(self, path):
        with open(path, "rb") as f:
            self.data = f.read()
        d = self.data
        self.ident = d[:16]
        (self.type, self.machine, _, _, self.phoff, self.shoff, _,
         self.ehsize, self.phentsize, self.phnum, self.shentsize,
         self.shnum, self.shstrndx) = struct.unpack(">HHIQQQIHHHHHH", d[16:64])
        self.phdrs = [struct.unpack(">IIQQQQQQ",
                                    d[self.phoff + i * 56:self.phoff + i * 56 + 56])
                      for i in range(self.phnum)]
        self.shdrs = [struct.unpack(">IIQQQQIIQQ",
                                    d[self.shoff + i * 64:self.shoff + i * 64 + 64])
                      for i in range(self.shnum)]

    def loads(self):
        """[(paddr, file offset, size)] of the PT_LOADs."""
        return [(p[4], p[2], p[5]) for p in self.phdrs if p[0] == 1]

    def memory(self):
        """Guest memory of the single PT_LOAD."""
        (paddr, off, size), = self.loads()
        return paddr, self.data[off:off + size]

    def notes(self):
        """[(name, type, desc)] of the PT_NOTE."""
        note = next(p for p in self.phdrs if p[0] == 4)
        d, off, end, out = self.data, note[2], note[2] + note[5], []
        while off < end:
            namesz, descsz, ntype = struct.unpack(">III", d[off:off + 12])
            off += 12
            name = d[off:off + namesz - 1].decode()
            off += (namesz + 3) & ~3
            out.append((name, ntype, d[off:off + descsz]))
            off += (descsz + 3) & ~3
        return out


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def kdump_read_all(path, size):
    """Guest memory [0, size) as libkdumpfile reads it from @path."""
    code = ("import kdumpfile, sys\n"
            "k = kdumpfile.kdumpfile(sys.argv[1])\n"
            "size = int(sys.argv[2]); out = sys.stdout.buffer\n"
            "for a in range(0, size, 1 << 20):\n"
            "    out.write(k.read(kdumpfile.KDUMP_MACHPHYSADDR, a,"
            " min(1 << 20, size - a)))\n")
    r = subprocess.run(["/usr/bin/python3", "-c", code, path, str(size)],
                       capture_output=True)
    if r.returncode:
        raise AssertionError(f"libkdumpfile failed on {path}: {r.stderr}")
    return r.stdout


def kdump_read_pages(path, size, page=PAGE):
    """Guest memory [0, size) page by page as libkdumpfile reads it from
    @path: the bytes, or None for a page the dump left out."""
    code = ("import kdumpfile, kdumpfile.exceptions, sys\n"
            "k = kdumpfile.kdumpfile(sys.argv[1])\n"
            "size, page = int(sys.argv[2]), int(sys.argv[3])\n"
            "out = sys.stdout.buffer\n"
            "for a in range(0, size, page):\n"
            "    try:\n"
            "        out.write(b'D' + k.read(kdumpfile.KDUMP_MACHPHYSADDR, a,"
            " page))\n"
            "    except kdumpfile.exceptions.NoDataException:\n"
            "        out.write(b'X')\n")
    r = subprocess.run(["/usr/bin/python3", "-c", code, path, str(size),
                        str(page)], capture_output=True)
    if r.returncode:
        raise AssertionError(f"libkdumpfile failed on {path}: {r.stderr}")
    pages, data = [], r.stdout
    while data:
        if data[:1] == b"X":
            pages.append(None)
            data = data[1:]
        else:
            pages.append(data[1:1 + page])
            data = data[1 + page:]
    return pages


def open_fds(vm):
    """The VM's fds that are files or pipes (monitor sockets excluded)."""
    return {fd: t for fd, t in vm.fds().items()
            if t.startswith("/") or t.startswith("pipe:")}
