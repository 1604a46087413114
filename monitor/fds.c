/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fds.c - file descriptors passed to the monitor with SCM_RIGHTS:
 * getfd, closefd and monitor_fd_take().
 *
 * Each connection owns its fds: what it names is visible to its own
 * commands only, and everything it received is closed when it goes away.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qapi-commands.h"
#include "monitor/monitor-internal.h"

struct MonitorFds {
    GArray *pending;        /* int: received, not yet taken by getfd */
    GHashTable *named;      /* name -> fd (GINT_TO_POINTER) */
};

static void close_named(void *fd)
{
    close(GPOINTER_TO_INT(fd));
}

MonitorFds *monitor_fds_new(void)
{
    MonitorFds *fds = g_new0(MonitorFds, 1);

    fds->pending = g_array_new(FALSE, FALSE, sizeof(int));
    fds->named = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                       close_named);
    return fds;
}

static void close_pending(MonitorFds *fds)
{
    for (guint i = 0; i < fds->pending->len; i++) {
        close(g_array_index(fds->pending, int, i));
    }
    g_array_set_size(fds->pending, 0);
}

void monitor_fds_free(MonitorFds *fds)
{
    close_pending(fds);
    g_array_free(fds->pending, TRUE);
    g_hash_table_destroy(fds->named);
    g_free(fds);
}

void monitor_fds_received(MonitorFds *fds, const int *fd, size_t n)
{
    if (n) {
        close_pending(fds);
        g_array_append_vals(fds->pending, fd, n);
    }
}

void qmp_getfd(const char *fdname, GError **errp)
{
    MonitorFds *fds = monitor_cur_fds;
    int fd;

    if (!fds || !fds->pending->len) {
        error_setg(errp, "No file descriptor supplied via SCM_RIGHTS");
        return;
    }
    fd = g_array_index(fds->pending, int, 0);
    g_array_remove_index(fds->pending, 0);
    if (g_ascii_isdigit(fdname[0])) {
        close(fd);
        error_setg(errp, "Parameter 'fdname' expects a name not starting "
                   "with a digit");
        return;
    }
    /* An existing name gets the new fd; its old fd is closed (QEMU). */
    g_hash_table_replace(fds->named, g_strdup(fdname), GINT_TO_POINTER(fd));
}

void qmp_closefd(const char *fdname, GError **errp)
{
    if (!monitor_cur_fds ||
        !g_hash_table_remove(monitor_cur_fds->named, fdname)) {
        error_setg(errp, "File descriptor named '%s' not found", fdname);
    }
}

int monitor_fd_take(const char *fdname, GError **errp)
{
    void *name, *fd;

    if (!monitor_cur_fds ||
        !g_hash_table_steal_extended(monitor_cur_fds->named, fdname, &name,
                                     &fd)) {
        error_setg(errp, "File descriptor named '%s' has not been found",
                   fdname);
        return -1;
    }
    g_free(name);
    return GPOINTER_TO_INT(fd);
}
