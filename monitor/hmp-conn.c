/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hmp-conn.c - the human monitor on chardev connections (QEMU's
 * "readline" mode): splits what a client sends into lines, runs each
 * through hmp.c and answers with the output and the prompt.
 *
 * Line editing is not implemented: a connection sends whole lines and
 * gets the output followed by the "(qemu) " prompt.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "monitor/hmp.h"
#include "monitor/monitor-internal.h"

#define HMP_BANNER "QEMU 7.2.0 monitor - type 'help' for more information\n"
#define HMP_PROMPT "(qemu) "
/* Longer lines are cut, as QEMU's readline buffer does. */
#define HMP_MAX_LINE 4096

typedef struct HmpConn {
    CharConn *conn;
    MonitorFds *fds;
    GString *line;
    bool last_was_cr;           /* "\r\n" ends one line, not two */
    int cpu_index;
} HmpConn;

static GList *hmp_conns;

static void hmp_puts(HmpConn *hc, const char *text)
{
    g_autoptr(GString) s = g_string_new(text);
    g_autofree char *crlf = hmp_to_crlf(s);

    char_conn_write(hc->conn, crlf, strlen(crlf));
}

static void hmp_run_line(void *opaque)
{
    HmpConn *hc = opaque;
    g_autoptr(GString) out = g_string_new(NULL);
    HMPSession hs = { .out = out, .cpu_index = hc->cpu_index };

    hmp_handle_command(&hs, hc->line->str);
    hc->cpu_index = hs.cpu_index;
    g_string_append(out, HMP_PROMPT);
    hmp_puts(hc, out->str);
}

static void *hmp_conn_open(Chardev *chr, CharConn *conn, void *opaque)
{
    HmpConn *hc = g_new0(HmpConn, 1);

    hc->conn = conn;
    hc->fds = monitor_fds_new();
    hc->line = g_string_new(NULL);
    hc->cpu_index = -1;
    hmp_conns = g_list_append(hmp_conns, hc);
    hmp_puts(hc, HMP_BANNER HMP_PROMPT);
    return hc;
}

static void hmp_conn_read(void *conn_state, const uint8_t *buf, size_t len,
                          const int *fds, size_t nfds)
{
    HmpConn *hc = conn_state;

    monitor_fds_received(hc->fds, fds, nfds);
    for (size_t i = 0; i < len; i++) {
        bool cr = buf[i] == '\r';

        if (cr || (buf[i] == '\n' && !hc->last_was_cr)) {
            monitor_run_command(hc->fds, hmp_run_line, hc);
            g_string_truncate(hc->line, 0);
        } else if (buf[i] != '\n' && hc->line->len < HMP_MAX_LINE) {
            g_string_append_c(hc->line, buf[i]);
        }
        hc->last_was_cr = cr;
    }
}

static void hmp_conn_closed(void *conn_state)
{
    HmpConn *hc = conn_state;

    hmp_conns = g_list_remove(hmp_conns, hc);
    monitor_fds_free(hc->fds);
    g_string_free(hc->line, TRUE);
    g_free(hc);
}

static const CharFrontendOps hmp_frontend_ops = {
    .conn_open = hmp_conn_open,
    .conn_read = hmp_conn_read,
    .conn_closed = hmp_conn_closed,
};

bool monitor_init_hmp(Chardev *chr, GError **errp)
{
    return qemu_chr_attach(chr, &hmp_frontend_ops, NULL, errp);
}

void hmp_close_all(void)
{
    while (hmp_conns) {
        HmpConn *hc = hmp_conns->data;
        /* Calls hmp_conn_closed, which unlinks hc. */
        char_conn_close(hc->conn);
    }
}
