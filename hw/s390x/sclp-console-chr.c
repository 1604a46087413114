/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sclp-console-chr.c - the chardev side of the SCLP consoles (see
 * include/hw/s390x/sclp-console-chr.h).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/main-loop.h"
#include "hw/s390x/sclp-console-chr.h"

/* Output the user does not read is dropped beyond this (as a full pty). */
#define SCLP_CONSOLE_MAX_QUEUED (1024 * 1024)

typedef struct ConsoleConn {
    SclpConsoleChr *c;
    CharConn *conn;
} ConsoleConn;

static void *console_conn_open(Chardev *chr, CharConn *conn, void *opaque)
{
    SclpConsoleChr *c = opaque;
    ConsoleConn *cc = g_new0(ConsoleConn, 1);

    cc->c = c;
    cc->conn = conn;
    c->conns = g_list_append(c->conns, cc);
    return cc;
}

static void console_conn_read(void *state, const uint8_t *buf, size_t len,
                              const int *fds, size_t nfds)
{
    ConsoleConn *cc = state;

    for (size_t i = 0; i < nfds; i++) {
        close(fds[i]);      /* a console has no use for passed fds */
    }
    bql_lock();
    cc->c->input(cc->c->opaque, buf, len);
    bql_unlock();
}

static void console_conn_closed(void *state)
{
    ConsoleConn *cc = state;

    cc->c->conns = g_list_remove(cc->c->conns, cc);
    g_free(cc);
}

static const CharFrontendOps console_frontend = {
    .conn_open = console_conn_open,
    .conn_read = console_conn_read,
    .conn_closed = console_conn_closed,
};

bool sclp_console_chr_attach(SclpConsoleChr *c, QemuOpts *opts, GError **errp)
{
    const char *id = qemu_opt_get(opts, "chardev");
    Chardev *chr;

    c->out = g_byte_array_new();
    if (!id) {
        return true;
    }
    chr = qemu_chr_find(id);
    if (!chr) {
        error_setg(errp, "Property '%s.chardev' can't find value '%s'",
                   c->type, id);
        return false;
    }
    if (!qemu_chr_attach(chr, &console_frontend, c, errp)) {
        error_prepend(errp, "Property '%s.chardev' can't take value '%s': ",
                      c->type, id);
        return false;
    }
    c->chr = chr;
    return true;
}

/* Main loop, BQL held: hands the queued output to every connection. */
static void console_flush(void *opaque)
{
    SclpConsoleChr *c = opaque;

    c->flush_scheduled = false;
    if (!c->out) {
        return;
    }
    for (GList *l = c->conns; l; l = l->next) {
        ConsoleConn *cc = l->data;
        char_conn_write(cc->conn, c->out->data, c->out->len);
    }
    g_byte_array_set_size(c->out, 0);
}

void sclp_console_chr_write(SclpConsoleChr *c, const void *buf, size_t len)
{
    if (!c->chr || !len) {
        return;
    }
    if (c->out->len + len > SCLP_CONSOLE_MAX_QUEUED) {
        return;
    }
    g_byte_array_append(c->out, buf, len);
    if (!c->flush_scheduled) {
        c->flush_scheduled = true;
        main_loop_schedule(console_flush, c);
    }
}

void sclp_console_chr_detach(SclpConsoleChr *c)
{
    g_clear_pointer(&c->out, g_byte_array_unref);
    c->chr = NULL;
}
