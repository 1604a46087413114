/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * be-fields.c - table-driven big-endian file records (see
 * util/be-fields.h).
 */
#include "qemu/osdep.h"
#include "util/be-access.h"
#include "util/be-fields.h"

void be_fields_decode(const BeField *f, size_t n, const uint8_t *buf,
                      void *obj)
{
    for (; n--; f++) {
        uint8_t *m = (uint8_t *)obj + f->member;
        for (unsigned i = 0; i < f->count; i++) {
            const uint8_t *src = buf + f->off + i * f->size;
            if (f->size == 2) {
                ((uint16_t *)m)[i] = be16_load(src);
            } else if (f->size == 4) {
                ((uint32_t *)m)[i] = be32_load(src);
            } else {
                ((uint64_t *)m)[i] = be64_load(src);
            }
        }
    }
}

void be_fields_encode(const BeField *f, size_t n, const void *obj,
                      uint8_t *buf)
{
    for (; n--; f++) {
        const uint8_t *m = (const uint8_t *)obj + f->member;
        for (unsigned i = 0; i < f->count; i++) {
            uint8_t *dst = buf + f->off + i * f->size;
            if (f->size == 2) {
                be16_store(dst, ((const uint16_t *)m)[i]);
            } else if (f->size == 4) {
                be32_store(dst, ((const uint32_t *)m)[i]);
            } else {
                be64_store(dst, ((const uint64_t *)m)[i]);
            }
        }
    }
}
