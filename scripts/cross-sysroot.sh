#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# cross-sysroot.sh - unpacks the s390x -dev packages that the compile-only
# check of the real-KVM sources needs (glib's headers, whose glibconfig.h is
# per-architecture) into build-cross/sysroot with dpkg -x.  Idempotent.
set -e
srcdir=$(cd "$(dirname "$0")/.." && pwd)
root="$srcdir/build-cross/sysroot"
stamp="$root/.done"
[ -f "$stamp" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "pvdump: the s390x cross sysroot needs root once (dpkg --add-architecture s390x)" >&2
    exit 1
fi
if ! dpkg --print-foreign-architectures | grep -qx s390x; then
    dpkg --add-architecture s390x
    apt-get update -qq
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
( cd "$work" && apt-get download -qq -o APT::Sandbox::User=root libglib2.0-dev:s390x libglib2.0-0:s390x )
mkdir -p "$root"
for deb in "$work"/*.deb; do
    dpkg -x "$deb" "$root"
done
touch "$stamp"
