/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * lib.c - memset & co. and a small printf-style formatter.
 */
#include <stdbool.h>
#include "lib.h"

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    while (n--) {
        *d++ = (unsigned char)c;
    }
    return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--) {
        *d++ = *s++;
    }
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++) {
        if (*x != *y) {
            return *x - *y;
        }
    }
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n]) {
        n++;
    }
    return n;
}

struct out {
    char *buf;
    size_t size, len;
};

static void out_char(struct out *o, char c)
{
    if (o->len + 1 < o->size) {
        o->buf[o->len++] = c;
    }
}

static void out_number(struct out *o, uint64_t v, bool neg, unsigned base,
                       unsigned width, char pad)
{
    char digits[24];
    unsigned n = 0;

    do {
        digits[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (neg) {
        digits[n++] = '-';
    }
    for (; width > n; width--) {
        out_char(o, pad);
    }
    while (n) {
        out_char(o, digits[--n]);
    }
}

/* One conversion after '%' (and flags, width); returns the next char. */
static const char *out_conversion(struct out *o, const char *f, va_list *ap,
                                  unsigned width, char pad)
{
    bool is_long = false;
    int64_t sv;
    const char *s;

    while (*f == 'l') {
        is_long = true;
        f++;
    }
    switch (*f) {
    case 'd':
        sv = is_long ? va_arg(*ap, int64_t) : va_arg(*ap, int);
        out_number(o, sv < 0 ? -(uint64_t)sv : (uint64_t)sv, sv < 0, 10,
                   width, pad);
        break;
    case 'u':
    case 'x':
        out_number(o, is_long ? va_arg(*ap, uint64_t) : va_arg(*ap, unsigned),
                   false, *f == 'u' ? 10 : 16, width, pad);
        break;
    case 'c':
        out_char(o, (char)va_arg(*ap, int));
        break;
    case 's':
        for (s = va_arg(*ap, const char *); *s; s++) {
            out_char(o, *s);
        }
        break;
    default:
        out_char(o, *f ? *f : '%');
        return *f ? f + 1 : f;
    }
    return f + 1;
}

size_t fmt_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = { buf, size, 0 };
    va_list args;
    unsigned width;
    char pad;

    va_copy(args, ap);
    while (*fmt) {
        if (*fmt != '%') {
            out_char(&o, *fmt++);
            continue;
        }
        fmt++;
        pad = *fmt == '0' ? '0' : ' ';
        for (width = 0; *fmt >= '0' && *fmt <= '9'; fmt++) {
            width = width * 10 + (unsigned)(*fmt - '0');
        }
        fmt = out_conversion(&o, fmt, &args, width, pad);
    }
    va_end(args);
    if (size) {
        buf[o.len] = '\0';
    }
    return o.len;
}

size_t fmt_format(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    size_t n;

    va_start(ap, fmt);
    n = fmt_vformat(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
