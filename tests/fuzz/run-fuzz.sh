#!/bin/sh
# run-fuzz.sh SRCDIR BUILDDIR SECONDS - builds and runs fuzz-dump-reader.
#
# The checked-in seed corpus is only read; new inputs go to a scratch
# corpus in BUILDDIR.  Exits non-zero if the fuzzer finds a crash, a leak
# or undefined behaviour.
set -eu
src=$1
out=$2/fuzz
secs=${3:-30}
if ! command -v "${CLANG:-clang}" >/dev/null 2>&1; then
    echo "clang not found: skipping" >&2
    exit 77
fi
"$src/tests/fuzz/build-fuzz.sh" "$src" "$out"
mkdir -p "$out/corpus"
cd "$out"
exec ./fuzz-dump-reader -max_total_time="$secs" -rss_limit_mb=2048 \
    -print_final_stats=1 corpus "$src/tests/fuzz/corpus"
