#!/bin/sh
# build-fuzz.sh SRCDIR OUTDIR - builds the libFuzzer targets with clang.
#
# The main build uses gcc, so the fuzz targets are compiled here directly
# with clang, -fsanitize=fuzzer,address,undefined.
set -eu
src=$1
out=$2
cc=${CLANG:-clang}
mkdir -p "$out"
printf '#define PVDUMP_VERSION "fuzz"\n' > "$out/config-host.h"
# shellcheck disable=SC2046
$cc -g -O1 -std=gnu11 -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=undefined -D_GNU_SOURCE \
    -I"$out" -I"$src/include" -I"$src" -I"$src/tools" \
    $(pkg-config --cflags glib-2.0 libcrypto) \
    "$src/tests/fuzz/fuzz-dump-reader.c" \
    "$src/tools/dump-input.c" "$src/tools/dump-reader.c" \
    "$src/util/error.c" "$src/util/pv-crypto.c" "$src/util/pv-dump-format.c" \
    "$src/util/s390x-notes.c" \
    $(pkg-config --libs glib-2.0 libcrypto) \
    -o "$out/fuzz-dump-reader"
