# SPDX-License-Identifier: GPL-2.0-or-later
"""How the functional tests start pvdump's binaries (standard library only).

$PVDUMP_TEST_WRAPPER, when set, is a command line put in front of every
pvdump-vm, pvdump-decrypt, pvdump-mkimage and pvdump-hostkey the tests
start: `make check-valgrind` sets it to valgrind and its options.  A
wrapper slows the binaries down, so $PVDUMP_TEST_TIMEOUT_SCALE (default 1)
multiplies every timeout the tests allow them.  Both are read once, here;
every launch goes through argv() or run(), every timeout through scaled().
"""
import os
import shlex
import subprocess
import sys

WRAPPER = shlex.split(os.environ.get("PVDUMP_TEST_WRAPPER", ""))
TIMEOUT_SCALE = float(os.environ.get("PVDUMP_TEST_TIMEOUT_SCALE") or 1)
# Whether the build has the test hooks (fault injection, x-debug commands):
# meson's fault_injection option, passed by tests/functional/meson.build.
TEST_HOOKS = os.environ.get("PVDUMP_TEST_HOOKS", "1") == "1"
NO_HOOKS = ("this build has no test hooks (configure with "
            "--enable-fault-injection)")


def skip_without_test_hooks(what):
    """Ends a test program that needs @what as skipped (exit status 77,
    meson's SKIP) in a build without the test hooks."""
    if not TEST_HOOKS:
        print(f"SKIP: {what}: {NO_HOOKS}", flush=True)
        sys.exit(77)


def argv(binary, *args):
    """The command line that starts @binary with @args."""
    return [*WRAPPER, binary, *args]


def scaled(timeout):
    """@timeout in seconds (None: no limit) as allowed under the wrapper."""
    return None if timeout is None else timeout * TIMEOUT_SCALE


def run(binary, *args, timeout=None, **kw):
    """subprocess.run() of @binary with @args, wrapped, @timeout scaled."""
    return subprocess.run(argv(binary, *args), timeout=scaled(timeout), **kw)
