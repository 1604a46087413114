/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pv-golden.h - access to the golden protected-dump vector for unit tests
 * (docs/pv-dump-format.md).  The directory comes from the environment
 * variable PV_GOLDEN_DIR, else from the build (PV_GOLDEN_DIR_DEFAULT).
 */
#ifndef TESTS_UNIT_PV_GOLDEN_H
#define TESTS_UNIT_PV_GOLDEN_H

#include "qemu/osdep.h"

/* File layout of pv.elf ("Golden test vector"). */
#define GOLDEN_COMPL_OFF     0xfe0
#define GOLDEN_CPU0_DESC_OFF (0xb0 + 356 + 20)  /* after the decoy PRSTATUS */
#define GOLDEN_LOAD_OFF      0x6000
#define GOLDEN_META_OFF      0x1120

/* Reads golden file @name, or skips the test if the vector is missing. */
static inline GBytes *golden_load(const char *name)
{
    const char *dir = g_getenv("PV_GOLDEN_DIR");
    g_autofree char *path = g_build_filename(dir ? dir : PV_GOLDEN_DIR_DEFAULT,
                                             name, NULL);
    char *data;
    gsize len;

    if (!g_file_get_contents(path, &data, &len, NULL)) {
        return NULL;
    }
    return g_bytes_new_take(data, len);
}

/* Decodes hex string @hex into @out (exactly strlen(hex) / 2 bytes). */
static inline void golden_unhex(const char *hex, uint8_t *out)
{
    for (size_t i = 0; hex[2 * i]; i++) {
        out[i] = g_ascii_xdigit_value(hex[2 * i]) << 4 |
                 g_ascii_xdigit_value(hex[2 * i + 1]);
    }
}

#define GOLDEN_CCK     "0117af47a2dcd85f6d7a7bb6fa44a1baae2cd21ccb8fd946a897fc9c89af469a"
#define GOLDEN_SEED    "b558338ac2bb2f3c6918e34bbe151d4798e0746f02f959413b66fa72e82fecb7" \
                       "0e05f01743569a24915668855dd3c21057d5671ec761cfc3cac815e8d40f6f9d"
#define GOLDEN_DUMP_KEY "e045a599ba736ebd68789dc6a901e91d44458fdb7f16d7d7202eebb5c50afcff"
#define GOLDEN_COMPL_IV "7dad08871830c650d69a1ea4"
#define GOLDEN_NONCE   "3c9c364b9faec1e72b1e7be3d0916bce"
#define GOLDEN_KEY1    "1afbf2b7944eb6c327013999b2f253d7c0a432dd9886ed198ba0d10a7d00027c"
#define GOLDEN_KEY2    "497dfde7d7c9d82c9b7ea2fe76a63ed36ce72a7275389aa7c763037ddaae4334"
#define GOLDEN_PAGE3_COMP  "b8b6a3e114c0d18d49e88854fedfce78"
#define GOLDEN_PAGE3_TWEAK "bcbeb7eb9feed1ef6bfefbf7fedfeffe"
#define GOLDEN_PAGE3_CT16  "c5c00f4564bc0d042cab3f5c79bd9f19"

#define GOLDEN_SKIP_IF_MISSING(b) \
    do { \
        if (!(b)) { \
            g_test_skip("golden vector not found (set PV_GOLDEN_DIR)"); \
            return; \
        } \
    } while (0)

#endif /* TESTS_UNIT_PV_GOLDEN_H */
