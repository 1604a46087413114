#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# run-fuzz.sh SRCDIR BUILDDIR SECONDS [TARGET] - builds and runs one target
# (default fuzz-dump-reader).
#
# The checked-in seed corpus (tests/fuzz/corpus for the dump reader,
# tests/fuzz/corpus-NAME for fuzz-NAME) is only read; new inputs go to a
# scratch corpus in BUILDDIR.  Every checked-in input is replayed first, so
# the regression inputs there fail the test at once if a fix is lost.
# Exits non-zero if the fuzzer finds a crash, a leak or undefined behaviour.
set -eu
src=$1
out=$2/fuzz
secs=${3:-30}
target=${4:-fuzz-dump-reader}
if ! command -v "${CLANG:-clang}" >/dev/null 2>&1; then
    echo "clang not found: skipping" >&2
    exit 77
fi
"$src/tests/fuzz/build-fuzz.sh" "$src" "$out" "$target"
if [ "$target" = fuzz-dump-reader ]; then
    seeds=$src/tests/fuzz/corpus
else
    seeds=$src/tests/fuzz/corpus-${target#fuzz-}
fi
mkdir -p "$out/corpus-$target"
cd "$out"
exec "./$target" -max_total_time="$secs" -rss_limit_mb=2048 \
    -print_final_stats=1 "corpus-$target" "$seeds"
