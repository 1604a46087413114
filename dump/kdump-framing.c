/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kdump-framing.c - makedumpfile's flattened format, and raw positioned
 * writes (docs/dump.md "kdump layout").
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "util/be-access.h"
#include "dump-internal.h"
#include "kdump-framing.h"

#define MAKEDUMPFILE_SIGNATURE      "makedumpfile"
#define TYPE_FLAT_HEADER            1
#define VERSION_FLAT_HEADER         1
#define FLAT_HEADER_SIZE            4096
#define FLAT_RECORD_SIZE            16

/* The flat header and records are big-endian whatever the guest. */
static void flat_record(uint8_t *rec, int64_t offset, int64_t size)
{
    be64_store(rec, offset);
    be64_store(rec + 8, size);
}

bool kdump_sink_begin(KdumpSink *k, GError **errp)
{
    uint8_t hdr[FLAT_HEADER_SIZE] = { 0 };
    int ret;

    if (!k->flat) {
        return true;
    }
    memcpy(hdr, MAKEDUMPFILE_SIGNATURE, strlen(MAKEDUMPFILE_SIGNATURE));
    be64_store(hdr + 16, TYPE_FLAT_HEADER);
    be64_store(hdr + 24, VERSION_FLAT_HEADER);
    ret = dump_write_full(k->s, hdr, sizeof(hdr));
    if (ret < 0) {
        error_setg_errno(errp, -ret, "dump: failed to write start flat header");
        return false;
    }
    return true;
}

int kdump_sink_write(KdumpSink *k, uint64_t offset, const void *buf,
                     size_t len)
{
    uint8_t rec[FLAT_RECORD_SIZE];
    struct iovec iov[2] = {
        { .iov_base = rec, .iov_len = sizeof(rec) },
        { .iov_base = (void *)buf, .iov_len = len },
    };

    if (!k->flat) {
        return dump_pwrite_full(k->s, buf, len, offset);
    }
    /* Record header and data in one syscall. */
    flat_record(rec, offset, len);
    return dump_writev_full(k->s, iov, 2);
}

bool kdump_sink_end(KdumpSink *k, GError **errp)
{
    uint8_t rec[FLAT_RECORD_SIZE];
    int ret;

    if (!k->flat) {
        return true;
    }
    flat_record(rec, -1, -1);
    ret = dump_write_full(k->s, rec, sizeof(rec));
    if (ret < 0) {
        error_setg_errno(errp, -ret, "dump: failed to write end flat header");
        return false;
    }
    return true;
}
