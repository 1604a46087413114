/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-json.h - JSON text exactly as QEMU's monitor writes it.
 *
 * json-c's own printers space braces differently and escape '/', so the
 * wire would not match QEMU byte for byte; this writer follows QEMU's
 * qobject_to_json(): ", " and ": " separators, "{}" and "[]" when empty,
 * control and non-ASCII characters as \uXXXX.
 */
#ifndef MONITOR_QMP_JSON_H
#define MONITOR_QMP_JSON_H

#include "qemu/osdep.h"
#include <json-c/json.h>

/* Appends @obj (NULL is JSON null) to @out on one line. */
void qmp_json_append(GString *out, json_object *obj);

/* Returns @obj as a newly allocated string. */
char *qmp_json_to_string(json_object *obj);

#endif /* MONITOR_QMP_JSON_H */
