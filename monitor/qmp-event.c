/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-event.c - QMP events: stamped where they happen, sent from the
 * main loop.
 *
 * Any thread may emit (vCPU threads, dump threads).  Events go through
 * one queue so they reach clients in emission order; the main loop
 * thread sends the queue at once, so that an event caused by a command
 * (STOP from "stop") goes out before that command's reply, as in QEMU.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "monitor/monitor-internal.h"

static GMutex event_lock;
static GQueue event_queue = G_QUEUE_INIT;   /* json_object *, oldest first */
static bool flush_scheduled;                /* protected by event_lock */

static json_object *event_new(const char *name, json_object *data)
{
    gint64 now = g_get_real_time();
    json_object *ts = json_object_new_object();
    json_object *ev = json_object_new_object();

    json_object_object_add(ts, "seconds",
                           json_object_new_int64(now / G_USEC_PER_SEC));
    json_object_object_add(ts, "microseconds",
                           json_object_new_int64(now % G_USEC_PER_SEC));
    json_object_object_add(ev, "timestamp", ts);
    json_object_object_add(ev, "event", json_object_new_string(name));
    if (data) {
        json_object_object_add(ev, "data", data);
    }
    return ev;
}

void qmp_event_flush(void)
{
    json_object *ev;

    for (;;) {
        g_mutex_lock(&event_lock);
        ev = g_queue_pop_head(&event_queue);
        flush_scheduled = false;
        g_mutex_unlock(&event_lock);
        if (!ev) {
            return;
        }
        qmp_broadcast_event(ev);
        json_object_put(ev);
    }
}

static void event_flush_cb(void *opaque)
{
    qmp_event_flush();
}

void qapi_event_emit(const char *name, json_object *data)
{
    json_object *ev = event_new(name, data);
    bool schedule;

    g_mutex_lock(&event_lock);
    g_queue_push_tail(&event_queue, ev);
    schedule = !flush_scheduled;
    flush_scheduled = true;
    g_mutex_unlock(&event_lock);

    if (g_main_context_is_owner(qemu_main_context())) {
        qmp_event_flush();
    } else if (schedule) {
        main_loop_schedule(event_flush_cb, NULL);
    }
}
