/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * monitor.h - QMP and HMP monitors.
 */
#ifndef MONITOR_MONITOR_H
#define MONITOR_MONITOR_H

#include "qemu/osdep.h"
#include "chardev/char.h"
#include <json-c/json.h>

/* Starts a QMP (control) monitor on @chr. */
bool monitor_init_qmp(Chardev *chr, GError **errp);

/* Starts an HMP (readline) monitor on @chr. */
bool monitor_init_hmp(Chardev *chr, GError **errp);

/*
 * Emits QMP event @name with optional @data (ownership taken; may be NULL)
 * to every QMP client that completed capabilities negotiation.  Thread-safe:
 * callable from any thread; the event carries a timestamp of the moment of
 * the call.  Only the generated senders (qapi/qapi-events.h,
 * qapi_event_send_*()) call it: the rest of the machine sends C values
 * through them and never sees JSON.
 */
void qapi_event_emit(const char *name, json_object *data);

/*
 * The fds received via getfd: takes the fd registered as @fdname out of the
 * monitor's table (the caller owns it).  -1 with an error if unknown.
 */
int monitor_fd_take(const char *fdname, GError **errp);

/* Closes every monitor connection and flushes output (exit path). */
void monitor_cleanup(void);

#endif /* MONITOR_MONITOR_H */
