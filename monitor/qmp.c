/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp.c - the QMP server: greeting, capabilities negotiation, requests
 * from the byte stream to dispatch and back, events to clients.
 *
 *   chardev bytes -> QmpStream (json-c tokener) -> qmp_dispatch()
 *                 -> generated marshaller -> handler -> reply line
 *
 * Every line written ends in "\r\n" (libvirt splits on CRLF only).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qapi-commands.h"
#include "monitor/monitor-internal.h"
#include "monitor/qmp-dispatch.h"
#include "monitor/qmp-json.h"
#include "monitor/qmp-stream.h"

typedef struct QmpConn {
    CharConn *conn;
    QmpStream *stream;
    MonitorFds *fds;
    const QmpCommand *commands;  /* negotiation table, then all commands */
    bool oob_enabled;
} QmpConn;

/* Before negotiation only qmp_capabilities exists (as in QEMU). */
static QmpCommand cap_negotiation_commands[2];

static GList *qmp_conns;         /* QmpConn *, in connection order */
static QmpConn *qmp_cur;         /* the connection running a command */

static void qmp_send(QmpConn *qc, json_object *obj)
{
    GString *line = g_string_new(NULL);

    qmp_json_append(line, obj);
    g_string_append(line, "\r\n");
    char_conn_write(qc->conn, line->str, line->len);
    g_string_free(line, TRUE);
}

static void qmp_send_greeting(QmpConn *qc)
{
    json_object *caps = json_object_new_array();
    json_object *qmp = json_object_new_object();
    json_object *greeting = json_object_new_object();

    json_object_array_add(caps, json_object_new_string("oob"));
    json_object_object_add(qmp, "version", qmp_version_info());
    json_object_object_add(qmp, "capabilities", caps);
    json_object_object_add(greeting, "QMP", qmp);
    qmp_send(qc, greeting);
    json_object_put(greeting);
}

bool qmp_negotiate(json_object *enable, GError **errp)
{
    QmpConn *qc = qmp_cur;
    bool oob = false;

    if (!qc || qc->commands == qmp_commands) {
        error_set(errp, QAPI_ERROR_CLASS_COMMAND_NOT_FOUND,
                  "Capabilities negotiation is already complete, command "
                  "ignored");
        return false;
    }
    /* The schema admits only capabilities we offer, i.e. "oob". */
    for (size_t i = 0; enable && i < json_object_array_length(enable); i++) {
        oob |= !strcmp(json_object_get_string(
                           json_object_array_get_idx(enable, i)), "oob");
    }
    qc->oob_enabled = oob;
    qc->commands = qmp_commands;
    return true;
}

typedef struct QmpRequest {
    QmpConn *qc;
    json_object *req;
    json_object *rsp;
} QmpRequest;

static void qmp_dispatch_locked(void *opaque)
{
    QmpRequest *r = opaque;
    bool was_negotiating = r->qc->commands == cap_negotiation_commands;
    json_object *error, *cls;

    qmp_cur = r->qc;
    r->rsp = qmp_dispatch(r->qc->commands, r->req, r->qc->oob_enabled);
    qmp_cur = NULL;

    if (was_negotiating &&
        json_object_object_get_ex(r->rsp, "error", &error) &&
        json_object_object_get_ex(error, "class", &cls) &&
        !strcmp(json_object_get_string(cls), "CommandNotFound")) {
        /* QEMU's hint for clients that skipped negotiation. */
        json_object_object_add(error, "desc", json_object_new_string(
            "Expecting capabilities negotiation with 'qmp_capabilities'"));
    }
}

/* A complete JSON value (or a stream error) arrived on @opaque. */
static void qmp_handle_value(void *opaque, json_object *req,
                             const GError *err)
{
    QmpRequest r = { .qc = opaque, .req = req };

    if (err) {
        json_object *rsp = qmp_error_response(err);
        qmp_send(r.qc, rsp);
        json_object_put(rsp);
        return;
    }
    monitor_run_command(r.qc->fds, qmp_dispatch_locked, &r);
    qmp_send(r.qc, r.rsp);
    json_object_put(r.rsp);
    json_object_put(req);
}

static void *qmp_conn_open(Chardev *chr, CharConn *conn, void *opaque)
{
    QmpConn *qc = g_new0(QmpConn, 1);

    qc->conn = conn;
    qc->stream = qmp_stream_new(QMP_STREAM_MAX_SIZE, QMP_STREAM_MAX_DEPTH,
                                qmp_handle_value, qc);
    qc->fds = monitor_fds_new();
    qc->commands = cap_negotiation_commands;
    qmp_conns = g_list_append(qmp_conns, qc);
    qmp_send_greeting(qc);
    return qc;
}

static void qmp_conn_read(void *conn_state, const uint8_t *buf, size_t len,
                          const int *fds, size_t nfds)
{
    QmpConn *qc = conn_state;

    monitor_fds_received(qc->fds, fds, nfds);
    qmp_stream_feed(qc->stream, (const char *)buf, len);
}

static void qmp_conn_closed(void *conn_state)
{
    QmpConn *qc = conn_state;

    qmp_conns = g_list_remove(qmp_conns, qc);
    qmp_stream_free(qc->stream);
    monitor_fds_free(qc->fds);
    g_free(qc);
}

static const CharFrontendOps qmp_frontend_ops = {
    .conn_open = qmp_conn_open,
    .conn_read = qmp_conn_read,
    .conn_closed = qmp_conn_closed,
};

bool monitor_init_qmp(Chardev *chr, GError **errp)
{
    if (!cap_negotiation_commands[0].name) {
        cap_negotiation_commands[0] =
            *qmp_find_command(qmp_commands, "qmp_capabilities");
    }
    return qemu_chr_attach(chr, &qmp_frontend_ops, NULL, errp);
}

void qmp_broadcast_event(json_object *event)
{
    for (GList *l = qmp_conns; l; l = l->next) {
        QmpConn *qc = l->data;

        if (qc->commands == qmp_commands) {
            qmp_send(qc, event);
        }
    }
}

void qmp_close_all(void)
{
    while (qmp_conns) {
        QmpConn *qc = qmp_conns->data;
        /* Calls qmp_conn_closed, which unlinks qc. */
        char_conn_close(qc->conn);
    }
}
