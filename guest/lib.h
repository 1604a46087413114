/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lib.h - the few C library functions a freestanding guest needs.
 */
#ifndef GUEST_LIB_H
#define GUEST_LIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* The compiler may emit calls to these four; they behave as ISO C's. */
void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

/*
 * Formats into @buf (always NUL-terminated when @size > 0); returns the
 * length written.  Knows %s, %c, %%, and %d/%u/%x with an optional '0',
 * width and 'l'/'ll' (all integers are handled as 64-bit).
 */
size_t fmt_vformat(char *buf, size_t size, const char *fmt, va_list ap);

/* fmt_vformat with variable arguments. */
size_t fmt_format(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
