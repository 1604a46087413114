#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# install-deps.sh - installs the Debian 12 packages pvdump needs to build and
# test.  As root it runs apt-get for whatever is missing; otherwise it prints
# the exact command to run and fails.
#
#   scripts/install-deps.sh [build|check]
set -e
mode=${1:-build}

BUILD_PKGS="gcc meson ninja-build pkg-config python3 libglib2.0-dev libjson-c-dev
libssl-dev zlib1g-dev libdeflate-dev liblzo2-dev libsnappy-dev libzstd-dev
gcc-s390x-linux-gnu binutils-s390x-linux-gnu binutils gdb-multiarch"
# (the cross toolchain builds pvdump-guest, which the demo boots and reads
# back from its dump with readelf and gdb-multiarch)
# What the tests talk to: real consumers and peers (see DEVELOPERS standards).
CHECK_PKGS="libc6-dev-s390x-cross qemu-user-static elfutils python3-libkdumpfile
makedumpfile socat clang libclang-rt-14-dev openssl file valgrind
libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients"

pkgs=$BUILD_PKGS
[ "$mode" = check ] && pkgs="$pkgs $CHECK_PKGS"

missing=""
for p in $pkgs; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -n "$missing" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "pvdump: missing packages; run as root:" >&2
        echo "  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
        exit 1
    fi
    echo "pvdump: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing
fi

if [ "$mode" = check ]; then
    "$(dirname "$0")/cross-sysroot.sh"
fi
