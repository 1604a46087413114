/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-stream.h - splitting a QMP byte stream into JSON values.
 *
 * Bytes arrive in arbitrary pieces; json-c's incremental tokener turns
 * them into one value after another.  A syntax error is reported and the
 * stream resynchronises at the next line ending (any control character),
 * so one bad line does not cost the connection.  A value may not exceed
 * a byte size or a nesting depth: the bytes of an oversized value are
 * dropped as they arrive, so memory stays bounded.
 */
#ifndef MONITOR_QMP_STREAM_H
#define MONITOR_QMP_STREAM_H

#include "qemu/osdep.h"
#include <json-c/json.h>

/* QEMU-like limits for QMP input. */
#define QMP_STREAM_MAX_SIZE  (1 * MiB)
#define QMP_STREAM_MAX_DEPTH 64

typedef struct QmpStream QmpStream;

/*
 * Called once per complete value (@obj, owned by the callee; NULL is the
 * JSON null) or once per error (@err, owned by the caller of the
 * callback, NULL otherwise).  The callback must not free the stream.
 */
typedef void QmpStreamEmit(void *opaque, json_object *obj, const GError *err);

/* A stream parser with the given limits (size in bytes per value). */
QmpStream *qmp_stream_new(size_t max_size, int max_depth,
                          QmpStreamEmit *emit, void *opaque);

/* Feeds @len bytes; emits every value (or error) they complete. */
void qmp_stream_feed(QmpStream *s, const char *buf, size_t len);

void qmp_stream_free(QmpStream *s);

#endif /* MONITOR_QMP_STREAM_H */
