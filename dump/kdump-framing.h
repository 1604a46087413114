/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kdump-framing.h - how a kdump-compressed file reaches the fd.
 *
 * The kdump writer addresses the file by offset.  The flattened framing
 * (formats kdump-*) turns every write into a makedumpfile record, so the
 * stream is strictly sequential and works on pipes; the raw framing
 * (kdump-raw-*) writes at the offset of a seekable file.
 */
#ifndef DUMP_KDUMP_FRAMING_H
#define DUMP_KDUMP_FRAMING_H

#include "qemu/osdep.h"
#include "dump-internal.h"

typedef struct KdumpSink {
    DumpState *s;
    bool flat;
} KdumpSink;

/* Writes the flattened stream's header (nothing for raw). */
bool kdump_sink_begin(KdumpSink *k, GError **errp);

/* Writes @len bytes at file offset @offset.  0 or a negative errno. */
int kdump_sink_write(KdumpSink *k, uint64_t offset, const void *buf,
                     size_t len);

/* Writes the flattened stream's end record (nothing for raw). */
bool kdump_sink_end(KdumpSink *k, GError **errp);

#endif /* DUMP_KDUMP_FRAMING_H */
