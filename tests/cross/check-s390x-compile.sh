#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# check-s390x-compile.sh - compiles the real-KVM sources for s390x with
# Debian's gcc-s390x-linux-gnu (compile only: nothing here can run them).
#
#   check-s390x-compile.sh SRCDIR BUILDDIR
# Needs the sysroot made by scripts/cross-sysroot.sh (make check does it).
set -e
src=$1
build=$2
cc=s390x-linux-gnu-gcc
sysroot="$src/build-cross/sysroot"

if ! command -v $cc >/dev/null 2>&1; then
    echo "FAIL: $cc not installed (apt-get install gcc-s390x-linux-gnu)" >&2
    exit 1
fi
if [ ! -f "$sysroot/.done" ]; then
    echo "FAIL: no s390x sysroot; run scripts/cross-sysroot.sh as root" >&2
    exit 1
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
n=0
for f in "$src"/accel/kvm/*.c "$src"/target/s390x/kvm/*.c; do
    $cc -std=gnu11 -O2 -Wall -Wextra -Werror -Wno-unused-parameter \
        -Wno-missing-field-initializers -D_GNU_SOURCE \
        -I"$src/include" -I"$src/linux-headers" -I"$src" -I"$build" \
        -I"$sysroot/usr/include/glib-2.0" \
        -I"$sysroot/usr/lib/s390x-linux-gnu/glib-2.0/include" \
        -c "$f" -o "$out/$(basename "$f").o"
    # The object must really be s390x code.
    file "$out/$(basename "$f").o" | grep -q "IBM S/390" || {
        echo "FAIL: $f did not compile to an s390x object" >&2
        exit 1
    }
    n=$((n + 1))
done
echo "compiled $n real-KVM source files for s390x"
