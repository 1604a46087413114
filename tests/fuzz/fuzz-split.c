/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz-split.c - cutting a fuzz input into strings (see fuzz-split.h).
 */
#include "fuzz-split.h"

char **fuzz_split_nul(const uint8_t *data, size_t size, size_t max, size_t *n)
{
    GPtrArray *v = g_ptr_array_new();
    size_t off = 0;

    while (off < size && v->len < max) {
        const uint8_t *nul = memchr(data + off, 0, size - off);
        size_t len = nul ? (size_t)(nul - (data + off)) : size - off;

        g_ptr_array_add(v, g_strndup((const char *)data + off, len));
        off += len + 1;
    }
    *n = v->len;
    g_ptr_array_add(v, NULL);
    return (char **)g_ptr_array_free(v, FALSE);
}
