/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz-option-parser - libFuzzer target for util/qemu-option.c: every
 * command-line option argument (-chardev, -device, -machine, -m, ...) is
 * parsed by qemu_opts_parse() in its dotted or JSON form and then read
 * with the typed getters.
 *
 * Input layout: byte 0 picks the implied key (none, "backend", "driver",
 * "type"); the rest, up to the first NUL, is the option string.  After a
 * successful parse the getters are called on keys the options commonly
 * have, plus the first key of the string itself, so they see the parsed
 * values rather than only absent keys.
 */
#include "qemu/osdep.h"
#include "qemu/option.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const keys[] = {
    "backend", "driver", "type", "id", "path", "size", "addr", "server",
    "wait", "fd", "file", "maxcpus", "cpus", "accel", "x", "",
};

static void read_key(QemuOpts *opts, const char *key)
{
    GError *err = NULL;
    uint64_t u;
    bool b;
    const char *v = qemu_opt_get(opts, key);

    /* A present key has a string value; an absent one has none. */
    g_assert(qemu_opt_has(opts, key) == (v != NULL));
    if (!qemu_opt_get_bool(opts, key, true, &b, &err)) {
        g_assert(err && err->message[0]);
        g_clear_error(&err);
    }
    if (!qemu_opt_get_number(opts, key, 7, &u, &err)) {
        g_assert(err && err->message[0]);
        g_clear_error(&err);
    } else if (!v) {
        g_assert(u == 7);
    }
    if (!qemu_opt_get_size(opts, key, 9, &u, &err)) {
        g_assert(err && err->message[0]);
        g_clear_error(&err);
    } else if (!v) {
        g_assert(u == 9);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const implied[] = { NULL, "backend", "driver", "type" };
    GError *err = NULL;
    QemuOpts *opts;
    char *str;
    uint64_t u;

    if (size < 1) {
        return 0;
    }
    str = g_strndup((const char *)data + 1, size - 1);
    opts = qemu_opts_parse(str, implied[data[0] % 4], &err);
    if (!opts) {
        g_assert(err && err->message[0]);
        g_clear_error(&err);
    } else {
        g_autofree char *first = NULL;

        g_assert(!err);
        for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
            read_key(opts, keys[i]);
        }
        /* The string's own first key (dotted form), so values get read. */
        first = g_strndup(str, strcspn(str, "=,"));
        read_key(opts, first);
        if (!qemu_opts_check_unused(opts, &err)) {
            g_assert(err && err->message[0]);
            g_clear_error(&err);
        }
        qemu_opts_free(opts);
    }
    /* -m and size= values, and plain numbers, use these directly. */
    (void)qemu_strtosz(str, 1, &u);
    (void)qemu_strtosz(str, MiB, &u);
    (void)qemu_strtou64(str, &u);
    g_free(str);
    return 0;
}
