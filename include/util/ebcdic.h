/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ebcdic.h - EBCDIC (code page 037) conversion: the SCLP line-mode
 * console's messages and commands, and the names STSI stores.
 */
#ifndef UTIL_EBCDIC_H
#define UTIL_EBCDIC_H

#include "qemu/osdep.h"

/* The two translation tables (each the inverse of the other). */
extern const uint8_t ebcdic_to_ascii_table[256];
extern const uint8_t ascii_to_ebcdic_table[256];

/* Converts @len EBCDIC bytes at @src to ISO 8859-1 at @dst (may alias). */
void ebcdic_to_ascii(uint8_t *dst, const uint8_t *src, size_t len);

/* Converts @len ISO 8859-1 bytes at @src to EBCDIC at @dst (may alias). */
void ascii_to_ebcdic(uint8_t *dst, const uint8_t *src, size_t len);

#endif /* UTIL_EBCDIC_H */
