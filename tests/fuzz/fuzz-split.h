/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz-split.h - what the fuzz targets that take a list of strings share.
 */
#ifndef TESTS_FUZZ_FUZZ_SPLIT_H
#define TESTS_FUZZ_FUZZ_SPLIT_H

#include "qemu/osdep.h"

/*
 * Splits @size bytes at @data on NUL bytes into at most @max strings (the
 * rest of the input is dropped) and returns them as a NULL-terminated
 * vector (free with g_strfreev()); *@n gets their number.  Each string is
 * a fresh allocation of its exact length, so ASan reports any read past
 * its terminator.  A trailing NUL ends the last string rather than
 * starting an empty one, so "a\0" and "a" are the same input.
 */
char **fuzz_split_nul(const uint8_t *data, size_t size, size_t max, size_t *n);

#endif /* TESTS_FUZZ_FUZZ_SPLIT_H */
