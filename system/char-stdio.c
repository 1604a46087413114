/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * char-stdio.c - the "stdio" chardev: one persistent connection reading
 * stdin and writing stdout.
 *
 * stdout stays blocking: it usually shares its open file description with
 * stderr, and O_NONBLOCK there would make error messages fail with EAGAIN.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "system/char-internal.h"

static bool stdio_in_use;

static bool stdio_open(Chardev *chr, CharOpts *opts, GError **errp)
{
    bool signal = true;

    /* signal=off (no Ctrl-C handling) is meaningful to QEMU only. */
    if (!char_opt_bool(opts, "signal", &signal, errp)) {
        return false;
    }
    if (stdio_in_use) {
        error_setg(errp, "cannot use stdio by multiple character devices");
        return false;
    }
    stdio_in_use = true;
    chr->be = &stdio_in_use;
    return true;
}

static bool stdio_start(Chardev *chr, GError **errp)
{
    char_conn_new(chr, STDIN_FILENO, STDOUT_FILENO, false, true);
    return true;
}

static char *stdio_filename(Chardev *chr)
{
    return g_strdup("stdio");
}

static void stdio_close(Chardev *chr)
{
    stdio_in_use = false;
    chr->be = NULL;
}

const ChardevClass char_stdio_class = {
    .name = "stdio",
    .open = stdio_open,
    .start = stdio_start,
    .filename = stdio_filename,
    .close = stdio_close,
};
