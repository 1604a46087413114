#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""check-layering.py - the layering rules of docs/architecture.md, checked.

    tests/check-layering.py [--root DIR]     check the tree (default: this repo)
    tests/check-layering.py --self-test      check the checker on a fake tree

Every `#include "..."` of every .c/.h under the production directories is
resolved to the file it names; both ends get a layer (the tables below) and
an include that points to a higher layer is an error, printed as
`file:line: rule`.  So is a C file without an SPDX line.  Exit status 1 on
any error.  Python 3 standard library only.
"""
import argparse
import os
import re
import sys
import tempfile

# Layers, lowest first; a file may include its own layer and any lower one.
# Layers sharing a rank may include each other (hw/ and target/ are the
# machine; system/ and dump/ both drive it).
RANK = {
    "include": 0,   # include/qemu, qapi/error.h, config-host.h: the base
    "util": 1,      # util/, include/util
    "accel": 2,     # accel/, include/sysemu/kvm.h (seam 1)
    # The machine services system/ offers the machine: vCPU threads
    # (run_on_cpu, pause) and run-state requests and blockers.  Interfaces
    # only: their implementation is system/'s, which drives the machine.
    "services": 3,  # include/sysemu/{cpus,runstate}.h
    "hw": 4,        # hw/, include/hw
    "target": 4,    # target/
    "dump": 5,      # dump/, include/sysemu/dump.h
    "system": 5,    # system/, include/sysemu/sysemu.h
    "monitor": 6,   # monitor/, include/monitor, generated QAPI commands
}

# Source directories -> layer (first match wins; "tools" has its own rule).
DIR_LAYERS = [
    ("accel/", "accel"),
    ("dump/", "dump"),
    ("hw/", "hw"),
    ("monitor/", "monitor"),
    ("system/", "system"),
    ("target/", "target"),
    ("util/", "util"),
    ("tools/", "tools"),
]

# Headers under include/ -> layer (first match wins; a prefix ending in "/"
# is a directory).  Adjust here when a header moves.
INCLUDE_LAYERS = [
    ("include/monitor/", "monitor"),
    # Seam 3: the arch hooks are implemented by target/ and called by dump/.
    ("include/sysemu/dump-arch.h", "target"),
    ("include/sysemu/dump", "dump"),
    ("include/sysemu/kvm.h", "accel"),
    # uvsim's test-only calls (test builds): accelerator-level, used by the
    # monitor's x-debug commands and the unit tests.
    ("include/sysemu/uvsim-test.h", "accel"),
    ("include/sysemu/cpus.h", "services"),
    ("include/sysemu/runstate.h", "services"),
    ("include/sysemu/watchdog.h", "services"),
    ("include/sysemu/", "system"),          # runstate.h, cpus.h, sysemu.h
    # The vCPU object the accelerator runs (QEMU's CPUState).
    ("include/hw/core/cpu.h", "accel"),
    ("include/hw/", "hw"),
    # Character backends and the object model the machine is built from.
    ("include/chardev/", "hw"),
    ("include/qom/", "hw"),
    # Seam 2: guest memory access, implemented over the accelerator.
    ("include/exec/", "accel"),
    ("include/util/", "util"),
    ("include/qemu/", "include"),
    ("include/qapi/error.h", "include"),
    ("include/qapi/util.h", "include"),   # QAPI_LIST_* for the generated lists
]

# Generated headers (not in the source tree) -> layer.  The plain QAPI
# types and the typed event senders are the base every layer may use; the
# command marshallers belong to the monitor.
GENERATED_LAYERS = [
    ("config-host.h", "include"),
    ("qapi/qapi-types.h", "include"),
    ("qapi/qapi-events.h", "include"),
    ("qapi/", "monitor"),
]

# tools/ link util/ only: what they may include (prefixes of resolved paths).
TOOLS_ALLOWED = ["tools/", "util/", "include/util/", "include/qemu/",
                 "include/qapi/error.h", "config-host.h"]

# linux-headers/ (the s390x <linux/kvm.h>) is for these layers only.
LINUX_HEADERS_LAYERS = {"accel", "target", "util"}

# Headers private to a source directory: only files under it include them
# (nothing above the accelerator interface may know which backend runs).
PRIVATE_DIRS = ["accel/uvsim/", "accel/kvm/"]

# Files allowed to include any layer: the program's composition root, which
# creates the monitors, the machine and the accelerator (QEMU's vl.c).
COMPOSITION_ROOTS = {"system/main.c"}

# Directories scanned; tests/ may include anything.
SCANNED = ["accel", "dump", "hw", "monitor", "system", "target", "tools",
           "util", "include"]

SPDX_DIRS = SCANNED + ["tests", "linux-headers"]

INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def first_match(table, path):
    for prefix, layer in table:
        if path == prefix or (prefix.endswith("/") and path.startswith(prefix)) \
                or (not prefix.endswith("/") and path.startswith(prefix)
                    and "/" not in path[len(prefix):]):
            return layer
    return None


def layer_of(path):
    """Layer of a repository-relative path, or None."""
    if path.startswith("include/"):
        return first_match(INCLUDE_LAYERS, path)
    if path.startswith("linux-headers/"):
        return "linux-headers"
    return first_match(DIR_LAYERS, path)


def resolve(root, src, name, quoted):
    """Repository-relative path of the header @src includes as @name, a
    "generated:NAME" marker, or None when it is a system header."""
    here = os.path.dirname(src)
    dirs = ([here] if quoted else []) + ["include", "linux-headers", ""]
    for d in dirs:
        rel = os.path.normpath(os.path.join(d, name))
        if os.path.isfile(os.path.join(root, rel)):
            return rel
    if quoted and first_match(GENERATED_LAYERS, name):
        return "generated:" + name
    return "unresolved:" + name if quoted else None


def target_layer(path):
    if path.startswith("generated:"):
        return first_match(GENERATED_LAYERS, path[len("generated:"):])
    return layer_of(path)


def check_edge(src, name, dst):
    """The rule @src including @dst breaks, or None."""
    src_layer = layer_of(src)
    if dst.startswith("unresolved:"):
        return f'"{name}" is neither in the tree nor a known generated header ' \
               f"(add it to GENERATED_LAYERS)"
    for private in PRIVATE_DIRS:
        if dst.startswith(private) and not src.startswith(private):
            return f"{dst} is private to {private} (no file outside it may know the backend)"
    if src in COMPOSITION_ROOTS:
        return None
    plain = dst[len("generated:"):] if dst.startswith("generated:") else dst
    if src_layer == "tools":
        if any(plain == a or plain.startswith(a) for a in TOOLS_ALLOWED):
            return None
        return f"tools/ may include only util/ and the base headers, not {plain}"
    dst_layer = target_layer(dst)
    if dst_layer is None:
        return f"{plain} has no layer (add it to the tables of tests/check-layering.py)"
    if dst_layer == "linux-headers":
        if src_layer in LINUX_HEADERS_LAYERS:
            return None
        return f"linux-headers/ is for {', '.join(sorted(LINUX_HEADERS_LAYERS))}; " \
               f"{src_layer} may not include {plain}"
    if src_layer is None:
        return f"{src} has no layer (add it to the tables of tests/check-layering.py)"
    if dst_layer == "tools":
        return f"{plain} belongs to tools/, which nothing else includes"
    if RANK[dst_layer] > RANK[src_layer]:
        return f"upward include: {src_layer} -> {dst_layer} ({plain})"
    return None


def sources(root, dirs):
    for top in dirs:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for f in sorted(filenames):
                if f.endswith((".c", ".h")):
                    yield os.path.relpath(os.path.join(dirpath, f), root)


def check_includes(root):
    errors = []
    for src in sources(root, SCANNED):
        with open(os.path.join(root, src), encoding="utf-8", errors="replace") as f:
            for lineno, text in enumerate(f, 1):
                m = INCLUDE_RE.match(text)
                if not m:
                    continue
                quoted, name = m.group(1) == '"', m.group(2)
                dst = resolve(root, src, name, quoted)
                if dst is None:
                    continue
                rule = check_edge(src, name, dst)
                if rule:
                    errors.append(f"{src}:{lineno}: {rule}")
    return errors


def check_spdx(root):
    errors = []
    for src in sources(root, SPDX_DIRS):
        with open(os.path.join(root, src), encoding="utf-8", errors="replace") as f:
            head = f.read(2048)
        if "SPDX-License-Identifier:" not in head:
            errors.append(f"{src}:1: no SPDX-License-Identifier line")
    return errors


def check(root):
    errors = check_includes(root) + check_spdx(root)
    for e in errors:
        print(e)
    print(f"check-layering: {len(errors)} error(s)")
    return not errors


def self_test():
    """A fake tree with exactly one upward edge, one tools/ escape and one
    file without SPDX; each must be reported at its line, nothing else."""
    spdx = "/* SPDX-License-Identifier: GPL-2.0-or-later */\n"
    files = {
        "include/qemu/osdep.h": spdx,
        "include/monitor/monitor.h": spdx + '#include "qemu/osdep.h"\n',
        "include/util/helper.h": spdx + '#include "qemu/osdep.h"\n',
        "include/sysemu/kvm.h": spdx + "#include <linux/kvm.h>\n",
        "linux-headers/linux/kvm.h": spdx,
        "util/helper.c": spdx + '#include "qemu/osdep.h"\n#include "util/helper.h"\n'
                         '#include "monitor/monitor.h"\n',
        "monitor/monitor.c": spdx + '#include "monitor/monitor.h"\n#include "util/helper.h"\n'
                             '#include "qapi/qapi-commands.h"\n',
        "accel/kvm/kvm-all.c": spdx + '#include "sysemu/kvm.h"\n#include "config-host.h"\n',
        "tools/tool.c": spdx + '#include "util/helper.h"\n#include "sysemu/kvm.h"\n',
        "dump/nospdx.c": '#include "qemu/osdep.h"\n',
    }
    expected = [
        "util/helper.c:4: upward include: util -> monitor (include/monitor/monitor.h)",
        "tools/tool.c:3: tools/ may include only util/ and the base headers, "
        "not include/sysemu/kvm.h",
        "dump/nospdx.c:1: no SPDX-License-Identifier line",
    ]
    with tempfile.TemporaryDirectory(prefix="check-layering-") as root:
        for rel, text in files.items():
            os.makedirs(os.path.join(root, os.path.dirname(rel)), exist_ok=True)
            with open(os.path.join(root, rel), "w") as f:
                f.write(text)
        got = check_includes(root) + check_spdx(root)
    if sorted(got) != sorted(expected):
        print("self-test FAILED\n expected:\n  " + "\n  ".join(expected) +
              "\n got:\n  " + "\n  ".join(got))
        return False
    print(f"self-test passed ({len(expected)} planted errors found, nothing else)")
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                    help="source tree to check (default: this repository)")
    ap.add_argument("--self-test", action="store_true",
                    help="check the checker against a fake tree with planted errors")
    args = ap.parse_args()
    ok = self_test() if args.self_test else check(args.root)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
