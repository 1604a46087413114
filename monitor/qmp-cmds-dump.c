/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-cmds-dump.c - dump-guest-memory, query-dump,
 * query-dump-guest-memory-capability and dump-cancel.
 *
 * The monitor owns the protocol ("file:" and "fd:"), so the engine never
 * sees the monitor's fd table; it opens the target only after the engine
 * accepted the request, as QEMU's order requires, and removes a file it
 * created if the dump is then refused before writing anything.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qapi-commands.h"
#include "monitor/monitor.h"
#include "sysemu/dump.h"
#include <sys/stat.h>

#define DUMP_MAX_THREADS 1024

/*
 * Opens "file:PATH" (mode 0600 at most, D7) or takes "fd:NAME".  A file
 * that did not exist yet is recorded in @created (st_ino 0 otherwise).
 */
static int dump_open_protocol(const char *protocol, struct stat *created,
                              GError **errp)
{
    const char *p;
    int fd;

    memset(created, 0, sizeof(*created));
    if ((p = g_str_has_prefix(protocol, "fd:") ? protocol + 3 : NULL)) {
        return monitor_fd_take(p, errp);
    }
    if (!g_str_has_prefix(protocol, "file:")) {
        error_setg(errp, "parameter 'protocol' must start with 'file:' or "
                   "'fd:'");
        return -1;
    }
    p = protocol + 5;
    fd = open(p, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        fstat(fd, created);
        return fd;
    }
    if (errno == EEXIST) {
        /* An existing file is truncated, as QEMU does. */
        fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    }
    if (fd < 0) {
        error_setg_errno(errp, errno, "Could not create '%s'", p);
    }
    return fd;
}

/*
 * A dump refused after the file was created (the arch's begin hook, e.g.
 * a protected guest that does not allow dumping) leaves no file: the file
 * this request created is removed while nothing was written to it.  An
 * "fd:" target is the caller's and is never touched.
 */
static void dump_remove_unused(const char *protocol, const struct stat *created)
{
    const char *path = protocol + strlen("file:");
    struct stat st;

    if (created->st_ino && stat(path, &st) == 0 &&
        st.st_dev == created->st_dev && st.st_ino == created->st_ino &&
        st.st_size == 0) {
        unlink(path);
    }
}

void qmp_dump_guest_memory(bool paging, const char *protocol, bool has_detach,
                           bool detach, bool has_begin, int64_t begin,
                           bool has_length, int64_t length, bool has_format,
                           DumpGuestMemoryFormat format, bool has_threads,
                           int64_t threads, bool has_exclude_zero_pages,
                           bool exclude_zero_pages, GError **errp)
{
    DumpRequest req = {
        .format = has_format ? format : DUMP_GUEST_MEMORY_FORMAT_ELF,
        .paging = paging,
        .detach = has_detach && detach,
        .has_begin = has_begin,
        .begin = begin,
        .has_length = has_length,
        .length = length,
        .exclude_zero = has_exclude_zero_pages && exclude_zero_pages,
    };
    struct stat created;
    int fd;

    if (has_threads) {
        if (threads < 1 || threads > DUMP_MAX_THREADS) {
            error_setg(errp, "Parameter 'threads' expects a number from 1 "
                       "to %d", DUMP_MAX_THREADS);
            return;
        }
        req.threads = threads;
    }
    if (!dump_check_request(&req, errp)) {
        return;
    }
    fd = dump_open_protocol(protocol, &created, errp);
    if (fd < 0) {
        return;
    }
    if (!dump_start(&req, fd, errp)) {
        dump_remove_unused(protocol, &created);
    }
}

DumpQueryResult *qmp_query_dump(GError **errp)
{
    DumpQueryResult *result = g_new0(DumpQueryResult, 1);

    dump_query(result);
    return result;
}

DumpGuestMemoryCapability *qmp_query_dump_guest_memory_capability(
    GError **errp)
{
    const DumpGuestMemoryFormat *formats;
    size_t n = dump_supported_formats(&formats);
    DumpGuestMemoryCapability *cap = g_new0(DumpGuestMemoryCapability, 1);
    DumpGuestMemoryFormatList **tail = &cap->formats;

    for (size_t i = 0; i < n; i++) {
        QAPI_LIST_APPEND(tail, formats[i]);
    }
    return cap;
}

void qmp_dump_cancel(GError **errp)
{
    dump_cancel(errp);
}
