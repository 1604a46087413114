/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * error.h - user-facing errors, carried in GError.
 *
 * Every fallible function takes a trailing "GError **errp" and returns a
 * status (bool, negative errno or NULL).  The GError's code is the QMP
 * error class, so the monitor can put the class and the message into a
 * reply without knowing who raised the error.  Messages are written for
 * the person who reads them in a QMP reply or on stderr.
 */
#ifndef QAPI_ERROR_H
#define QAPI_ERROR_H

#include "qemu/osdep.h"

/* The QMP error classes, in QEMU's QapiErrorClass order. */
typedef enum QapiErrorClass {
    QAPI_ERROR_CLASS_GENERIC_ERROR,
    QAPI_ERROR_CLASS_COMMAND_NOT_FOUND,
    QAPI_ERROR_CLASS_DEVICE_NOT_ACTIVE,
    QAPI_ERROR_CLASS_DEVICE_NOT_FOUND,
    QAPI_ERROR_CLASS_KVM_MISSING_CAP,
    QAPI_ERROR_CLASS__MAX,
} QapiErrorClass;

#define QAPI_ERROR (qapi_error_quark())
GQuark qapi_error_quark(void);

/* Returns the wire name of @cls ("GenericError", "CommandNotFound", ...). */
const char *qapi_error_class_name(QapiErrorClass cls);

/*
 * Returns the QMP class of @err: its code when it belongs to QAPI_ERROR,
 * GenericError for errors of any other domain.
 */
QapiErrorClass error_get_class(const GError *err);

/* -msg timestamp=on: prefix reported messages with the UTC time (QEMU). */
extern bool message_with_timestamp;

/* Sets a GenericError with a printf-style message (no-op if errp is NULL). */
void error_setg(GError **errp, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* Like error_setg, appending ": <strerror(os_errno)>" as QEMU does. */
void error_setg_errno(GError **errp, int os_errno, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);

/* Sets an error of a specific QMP class. */
void error_set(GError **errp, QapiErrorClass cls, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);

/* Prefixes the message of *errp with a printf-style string (if set). */
void error_prepend(GError **errp, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* Prints "<progname>: <message>" to stderr and frees @err. */
void error_report_err(GError *err);

/* Prints "<progname>: <formatted message>" to stderr. */
void error_report(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

/* Prints "<progname>: warning: <formatted message>" to stderr. */
void warn_report(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

#endif /* QAPI_ERROR_H */
