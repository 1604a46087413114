/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * be-fields.h - table-driven big-endian file records.
 *
 * A record of a dump file (an ELF header, a kdump header, a PV CPU state)
 * is described once as a table of its integer fields: where each sits in
 * the file, how wide it is, and which member of a host-order structure it
 * maps to.  The same table encodes the structure into the file's bytes and
 * decodes the bytes into the structure, so no field offset is written
 * twice and hostile input is never read through a cast.
 */
#ifndef UTIL_BE_FIELDS_H
#define UTIL_BE_FIELDS_H

#include "qemu/osdep.h"

/* A big-endian integer field (or array of them) and its host member. */
typedef struct BeField {
    uint16_t off;               /* in the file image */
    uint8_t size;               /* 2, 4 or 8 bytes per element */
    uint8_t count;              /* elements */
    size_t member;              /* offsetof() the host structure */
} BeField;

/*
 * The field @m of a structure @type that has the file's layout (naturally
 * aligned, no padding, as the System V ELF structures): same offset in the
 * file and in the host structure.
 */
#define BE_MEMBER(type, m) \
    { offsetof(type, m), sizeof(((type *)NULL)->m), 1, offsetof(type, m) }

/* Stores the @n fields of @obj big-endian into @buf; other bytes untouched. */
void be_fields_encode(const BeField *f, size_t n, const void *obj,
                      uint8_t *buf);

/* Loads the @n big-endian fields of @buf into @obj; other members untouched. */
void be_fields_decode(const BeField *f, size_t n, const uint8_t *buf,
                      void *obj);

#endif /* UTIL_BE_FIELDS_H */
