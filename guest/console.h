/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * console.h - the SCLP VT220 console (QEMU's -device sclpconsole):
 * output, line input and the signal-quiesce event.
 */
#ifndef GUEST_CONSOLE_H
#define GUEST_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

/* SCLP event types and their bits in a 4-byte event mask */
#define EVENT_TYPE_ASCII_CONSOLE    0x1a
#define EVENT_TYPE_SIGNAL_QUIESCE   0x1d
#define EVENT_MASK(type)            (0x80000000u >> ((type) - 1))

/*
 * Registers for VT220 console data (send and receive) and signal-quiesce
 * events with Write Event Mask.  False when the SCLP offers no VT220
 * console; output is then dropped.
 */
bool console_init(void);

/* Writes @len bytes ("\n" becomes "\r\n"); serialised across CPUs. */
void console_write(const char *s, size_t len);

/* printf-style console_write (the formats of fmt_vformat). */
void console_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

struct console_input {
    char chars[256];        /* VT220 input bytes, in order */
    size_t len;
    bool quiesce;           /* a signal-quiesce event came */
};

/*
 * Read Event Data until the SCLP has none left: the console input into
 * @in (truncated at its size) and whether a signal quiesce came.
 */
void console_poll(struct console_input *in);

#endif
