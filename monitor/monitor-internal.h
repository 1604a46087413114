/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * monitor-internal.h - what the files of monitor/ share.
 *
 * Two frontends sit on chardev connections: QMP (qmp.c, JSON) and HMP
 * (hmp-conn.c, text).  Both run commands in the main loop with the BQL
 * held, one connection at a time; while a command runs, monitor_cur_fds points
 * at the file descriptors that connection passed with SCM_RIGHTS.
 */
#ifndef MONITOR_INTERNAL_H
#define MONITOR_INTERNAL_H

#include "qemu/osdep.h"
#include <json-c/json.h>
#include "monitor/monitor.h"

/* The file descriptors one monitor connection received (fds.c). */
typedef struct MonitorFds MonitorFds;

MonitorFds *monitor_fds_new(void);

/* Closes every fd, named or not, and frees @fds. */
void monitor_fds_free(MonitorFds *fds);

/*
 * Records the @n fds that arrived with one read (ownership passes).  As in
 * QEMU, they replace (and close) fds of an earlier read that no getfd
 * consumed, so a client's resent fd never piles up.
 */
void monitor_fds_received(MonitorFds *fds, const int *fd, size_t n);

/* The fds of the connection whose command is running (NULL otherwise). */
extern MonitorFds *monitor_cur_fds;

/*
 * Runs @fn(@opaque) as the command of a connection owning @fds: sets
 * monitor_cur_fds and holds the BQL around it.
 */
void monitor_run_command(MonitorFds *fds, void (*fn)(void *opaque),
                         void *opaque);

/* QMP (qmp.c) */

/*
 * Completes capabilities negotiation of the QMP connection running the
 * current command; @enable lists the capabilities asked for (may be
 * NULL).  Fails, with QEMU's messages, if it is already complete.
 */
bool qmp_negotiate(json_object *enable, GError **errp);

/* Writes @event to every QMP connection that completed negotiation. */
void qmp_broadcast_event(json_object *event);

/* Closes every QMP connection, flushing its output (exit path). */
void qmp_close_all(void);

/* Sends every queued event now (qmp-event.c; main loop thread only). */
void qmp_event_flush(void);

/* HMP (hmp-conn.c) */

/* Closes every HMP connection, flushing its output (exit path). */
void hmp_close_all(void);

/* Control commands (qmp-cmds-control.c) */

/* The VersionInfo object of query-version and the greeting. */
json_object *qmp_version_info(void);

#endif /* MONITOR_INTERNAL_H */
