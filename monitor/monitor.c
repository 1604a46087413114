/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * monitor.c - what the QMP and HMP frontends share: running a command on
 * behalf of a connection, and the exit path.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "monitor/monitor-internal.h"

MonitorFds *monitor_cur_fds;

void monitor_run_command(MonitorFds *fds, void (*fn)(void *opaque),
                         void *opaque)
{
    bql_lock();
    monitor_cur_fds = fds;
    fn(opaque);
    monitor_cur_fds = NULL;
    bql_unlock();
}

void monitor_cleanup(void)
{
    /* Events queued by other threads (e.g. SHUTDOWN) still go out. */
    qmp_event_flush();
    qmp_close_all();
    hmp_close_all();
}
