/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dump.h - dump-guest-memory: the engine's interface to the monitor.
 *
 * The monitor validates a request with dump_check_request(), resolves the
 * protocol to an fd (so that QEMU's validation order holds: format and
 * filter errors come before a file is created or an fd consumed), then
 * hands both to dump_start().  Progress is read with dump_query(); the
 * end of a dump is announced with the DUMP_COMPLETED event.  Values cross
 * this interface as C types (qapi/qapi-types.h), never as JSON: only the
 * monitor marshals them.
 *
 * All functions need the BQL unless stated otherwise.
 */
#ifndef SYSEMU_DUMP_H
#define SYSEMU_DUMP_H

#include "qemu/osdep.h"
#include "qapi/qapi-types.h"

/* The message QEMU gives for anything refused while a dump runs. */
#define DUMP_IN_PROGRESS_MSG "There is a dump in process, please wait."

/* A dump-guest-memory request, as the QMP command's arguments. */
typedef struct DumpRequest {
    DumpGuestMemoryFormat format;
    bool paging;
    bool detach;
    bool has_begin;
    int64_t begin;
    bool has_length;
    int64_t length;
    unsigned threads;          /* compression workers; 0 = the default */
    bool exclude_zero;         /* kdump: leave all-zero pages out */
} DumpRequest;

/*
 * Checks @req in QEMU's order (run state, dump already active, format
 * against paging and filter, begin/length pairing, availability of the
 * format) before any file is opened.
 */
bool dump_check_request(const DumpRequest *req, GError **errp);

/*
 * Runs the dump of @req into @fd, which is taken over (closed on every
 * path).  @req must have passed dump_check_request().  Pauses the VM for
 * the dump and resumes it afterwards if it was running.  With
 * @req->detach the dump continues on its own thread and this returns once
 * it has started; otherwise it returns when the dump has ended.  Errors of
 * the initialisation are returned here without a DUMP_COMPLETED event;
 * errors while writing are returned (synchronous dump) and reported in
 * the event.
 */
bool dump_start(const DumpRequest *req, int fd, GError **errp);

/*
 * Fills @result with the status and progress of the running or last dump
 * (query-dump's reply and the result of DUMP_COMPLETED): completed counts
 * guest bytes processed (uncompressed), total the guest bytes to dump.
 * Callable from any thread.
 */
void dump_query(DumpQueryResult *result);

/* True while a dump is active (started and not yet cleaned up). */
bool dump_in_progress(void);

/*
 * Asks the running dump to stop; it then fails with "dump cancelled".
 * Error if no dump is running.
 */
bool dump_cancel(GError **errp);

/*
 * The formats this build can write, in QEMU's capability order (elf,
 * kdump-zlib, kdump-raw-zlib, lzo, snappy pairs, then zstd).  Returns
 * the count; @formats gets a static array.
 */
size_t dump_supported_formats(const DumpGuestMemoryFormat **formats);

/*
 * Machine teardown: cancels a detached dump and waits for its thread,
 * without resuming the VM.  Call without the BQL, before guest RAM goes.
 */
void dump_shutdown(void);

#endif /* SYSEMU_DUMP_H */
