/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sclp-console-chr.h - the chardev side of an SCLP console (VT220 or line
 * mode): attaching to the chardev, the guest's output, the user's input.
 *
 * SERVC runs on a vCPU thread with the BQL; chardevs live in the main loop
 * without it.  Output is therefore queued under the BQL and written by the
 * main loop; input is handed to the console with the BQL taken.
 */
#ifndef HW_S390X_SCLP_CONSOLE_CHR_H
#define HW_S390X_SCLP_CONSOLE_CHR_H

#include "qemu/osdep.h"
#include "qemu/option.h"
#include "chardev/char.h"

typedef struct SclpConsoleChr {
    const char *type;          /* "sclpconsole", for messages */
    Chardev *chr;              /* NULL: no chardev, output is discarded */
    GList *conns;              /* CharConn *, open connections (main loop) */
    GByteArray *out;           /* output not yet given to the chardev (BQL) */
    bool flush_scheduled;      /* a main-loop flush of @out is pending (BQL) */
    /* Bytes the user typed; called with the BQL. */
    void (*input)(void *opaque, const uint8_t *buf, size_t len);
    void *opaque;
} SclpConsoleChr;

/*
 * Binds @c (its type, input and opaque set) to the chardev named by the
 * "chardev" property of @opts, if any, as QEMU's DEFINE_PROP_CHR does.
 */
bool sclp_console_chr_attach(SclpConsoleChr *c, QemuOpts *opts, GError **errp);

/* Queues @len bytes of guest output for every open connection (BQL). */
void sclp_console_chr_write(SclpConsoleChr *c, const void *buf, size_t len);

/* Drops queued output and forgets the chardev (device unrealize). */
void sclp_console_chr_detach(SclpConsoleChr *c);

#endif /* HW_S390X_SCLP_CONSOLE_CHR_H */
