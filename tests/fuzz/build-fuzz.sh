#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# build-fuzz.sh SRCDIR OUTDIR [TARGET...] - builds libFuzzer targets with clang.
#
# The main build uses gcc, so the fuzz targets are compiled here directly
# with clang, -fsanitize=fuzzer,address,undefined.  Without TARGET, all of
# them are built.  meson runs the fuzz tests in parallel, so each target
# writes only its own files (plus config-host.h, replaced atomically).
set -eu
src=$1
out=$2
shift 2
[ $# -gt 0 ] || set -- fuzz-dump-reader fuzz-qmp-stream fuzz-option-parser \
                       fuzz-se-header fuzz-hmp-line fuzz-cmdline
cc=${CLANG:-clang}
mkdir -p "$out"
printf '#define PVDUMP_VERSION "fuzz"\n' > "$out/config-host.h.$$"
mv -f "$out/config-host.h.$$" "$out/config-host.h"
cflags="-g -O1 -std=gnu11 -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=undefined -D_GNU_SOURCE \
    -I$out -I$src/include -I$src -I$src/tools"
for t in "$@"; do
    deps=$(pkg-config --cflags --libs glib-2.0 libcrypto)
    case $t in
    fuzz-dump-reader)
        files="tools/dump-input.c tools/dump-reader.c util/be-fields.c
               util/elf64-be.c util/error.c util/pv-crypto.c
               util/pv-dump-format.c util/s390x-notes.c" ;;
    fuzz-qmp-stream)
        # The unit tests' schema: every argument kind, no machine.
        gen=$out/qapi-test
        mkdir -p "$gen"
        python3 "$src/scripts/qapi-gen.py" -o "$gen" -p test-qapi- \
            "$src/tests/unit/qapi-schema-test.json"
        cflags_t="-I$gen -I$src/tests/unit"
        gen_srcs="$gen/test-qapi-commands.c $gen/test-qapi-types.c
                  $gen/test-qapi-json.c"
        files="monitor/qmp-stream.c monitor/qmp-dispatch.c monitor/qapi-input.c
               monitor/qmp-json.c util/error.c tests/unit/qapi-test-handlers.c"
        deps="$deps $(pkg-config --cflags --libs json-c)" ;;
    fuzz-option-parser)
        files="util/qemu-option.c util/error.c"
        deps="$deps $(pkg-config --cflags --libs json-c)" ;;
    fuzz-se-header)
        files="util/se-header.c util/pv-crypto.c util/pv-ecdh.c util/error.c
               hw/s390x/ipl.c" ;;
    fuzz-hmp-line)
        # The real schema, for the handlers' prototypes and enums.
        gen=$out/qapi-hmp
        mkdir -p "$gen/qapi"
        python3 "$src/scripts/qapi-gen.py" -o "$gen/qapi" \
            "$src/qapi/qapi-schema.json"
        cflags_t="-I$gen"
        gen_srcs="$gen/qapi/qapi-types.c"
        files="monitor/hmp.c monitor/hmp-cmds.c monitor/hmp-cmds-dump.c
               tests/fuzz/fuzz-split.c"
        deps="$deps $(pkg-config --cflags --libs json-c)" ;;
    fuzz-cmdline)
        # The real schema, for -watchdog-action's enum.
        gen=$out/qapi-cmdline
        mkdir -p "$gen/qapi"
        python3 "$src/scripts/qapi-gen.py" -o "$gen/qapi" \
            "$src/qapi/qapi-schema.json"
        cflags_t="-I$gen"
        gen_srcs="$gen/qapi/qapi-types.c"
        files="system/vl.c util/qemu-option.c util/error.c hw/core/qdev.c
               hw/s390x/sclp-console.c hw/s390x/sclp-console-lm.c
               util/ebcdic.c hw/s390x/machine-types.c
               hw/watchdog/wdt_diag288.c system/watchdog.c
               target/s390x/cpu-models.c target/s390x/cpu-features.c
               hw/s390x/cpu-plug.c tests/fuzz/fuzz-split.c"
        deps="$deps $(pkg-config --cflags --libs json-c)" ;;
    *)
        echo "unknown fuzz target $t" >&2
        exit 1 ;;
    esac
    srcs=""
    for f in $files; do
        srcs="$srcs $src/$f"
    done
    # shellcheck disable=SC2086
    $cc $cflags ${cflags_t:-} "$src/tests/fuzz/$t.c" $srcs ${gen_srcs:-} $deps \
        -o "$out/$t.tmp"
    mv -f "$out/$t.tmp" "$out/$t"
    cflags_t=
    gen_srcs=
done
