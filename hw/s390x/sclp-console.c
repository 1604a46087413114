/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sclp-console.c - "sclpconsole", the SCLP VT220 console of an s390x
 * guest, bound to a chardev (libvirt's <console type='pty'/>).
 *
 * pvdump models no SCLP event facility (docs/architecture.md, Limits): the
 * guest cannot write to this console, so it never produces output, and
 * what a user types is discarded.  The device still owns its chardev as
 * QEMU's does: the chardev exists, reports an open frontend in
 * query-chardev, and cannot be given to a second device.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "chardev/char.h"
#include "hw/qdev-core.h"

static bool console_exists;

static void *console_conn_open(Chardev *chr, CharConn *conn, void *opaque)
{
    return opaque;
}

static void console_conn_read(void *state, const uint8_t *buf, size_t len,
                              const int *fds, size_t nfds)
{
    /* No SCLP event facility to deliver input to; fds belong to us. */
    for (size_t i = 0; i < nfds; i++) {
        close(fds[i]);
    }
}

static void console_conn_closed(void *state)
{
}

static const CharFrontendOps console_frontend = {
    .conn_open = console_conn_open,
    .conn_read = console_conn_read,
    .conn_closed = console_conn_closed,
};

static bool sclp_console_realize(DeviceState *dev, QemuOpts *opts,
                                 GError **errp)
{
    const char *chardev = qemu_opt_get(opts, "chardev");
    Chardev *chr = NULL;

    if (console_exists) {
        error_setg(errp, "Multiple VT220 operator consoles are not supported");
        return false;
    }
    if (chardev) {
        chr = qemu_chr_find(chardev);
        if (!chr) {
            error_setg(errp, "Property 'sclpconsole.chardev' can't find value "
                       "'%s'", chardev);
            return false;
        }
        if (!qemu_chr_attach(chr, &console_frontend, dev, errp)) {
            error_prepend(errp, "Property 'sclpconsole.chardev' can't take "
                          "value '%s': ", chardev);
            return false;
        }
    }
    console_exists = true;
    return true;
}

static void sclp_console_unrealize(DeviceState *dev)
{
    console_exists = false;
}

static const QomPropertyInfo sclp_console_props[] = {
    { "chardev", "str", "ID of a chardev to use as a backend" },
    { NULL },
};

const DeviceTypeInfo sclp_console_type = {
    .name = "sclpconsole",
    .parent = "sclp-event",
    .props = sclp_console_props,
    .realize = sclp_console_realize,
    .unrealize = sclp_console_unrealize,
};
