/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-stream.h - splitting a QMP byte stream into JSON values.
 *
 * Bytes arrive in arbitrary pieces.  A lexer with QEMU 7.2's token
 * grammar finds where each value ends, and json-c parses it.  As in QEMU:
 *
 *  - a lexical error (a character no token starts with, a raw control
 *    character or byte 0xFE/0xFF inside a string, a malformed number) is
 *    answered "JSON parse error, stray '<token so far>'", and the lexer
 *    skips to the next structural character ({ } [ ] : ,), control
 *    character or 0xFE/0xFF, so "xxx{...}" gets an error for "xxx" and
 *    an answer to the command;
 *  - a member name given twice in one object is refused with "JSON parse
 *    error, duplicate key";
 *  - a value may nest QMP_STREAM_MAX_DEPTH (1024) levels; one more is
 *    "JSON nesting depth limit exceeded".
 *
 * Other syntax errors carry json-c's description.  After a limit error
 * (size or depth) the rest of that value is lexed and dropped as it
 * arrives, so memory stays bounded (QEMU instead parses the remainder as
 * further values, answering each with an error).
 */
#ifndef MONITOR_QMP_STREAM_H
#define MONITOR_QMP_STREAM_H

#include "qemu/osdep.h"
#include <json-c/json.h>

/* QEMU-like limits for QMP input. */
#define QMP_STREAM_MAX_SIZE  (1 * MiB)
#define QMP_STREAM_MAX_DEPTH 1024     /* QEMU's MAX_NESTING */

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
