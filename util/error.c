/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * error.c - GError helpers with QMP error classes (see qapi/error.h).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"

G_DEFINE_QUARK(pvdump-qapi-error-quark, qapi_error)

static const char *const error_class_names[QAPI_ERROR_CLASS__MAX] = {
    [QAPI_ERROR_CLASS_GENERIC_ERROR] = "GenericError",
    [QAPI_ERROR_CLASS_COMMAND_NOT_FOUND] = "CommandNotFound",
    [QAPI_ERROR_CLASS_DEVICE_NOT_ACTIVE] = "DeviceNotActive",
    [QAPI_ERROR_CLASS_DEVICE_NOT_FOUND] = "DeviceNotFound",
    [QAPI_ERROR_CLASS_KVM_MISSING_CAP] = "KVMMissingCap",
};

const char *qapi_error_class_name(QapiErrorClass cls)
{
    if ((unsigned)cls >= QAPI_ERROR_CLASS__MAX) {
        cls = QAPI_ERROR_CLASS_GENERIC_ERROR;
    }
    return error_class_names[cls];
}

QapiErrorClass error_get_class(const GError *err)
{
    if (err->domain == QAPI_ERROR &&
        (unsigned)err->code < QAPI_ERROR_CLASS__MAX) {
        return (QapiErrorClass)err->code;
    }
    return QAPI_ERROR_CLASS_GENERIC_ERROR;
}

static void error_setv(GError **errp, QapiErrorClass cls, const char *suffix,
                       const char *fmt, va_list ap) G_GNUC_PRINTF(4, 0);

static void error_setv(GError **errp, QapiErrorClass cls, const char *suffix,
                       const char *fmt, va_list ap)
{
    g_autofree char *msg = NULL;

    if (!errp) {
        return;
    }
    /* Like QEMU: the first error wins, a second one is a programming bug. */
    g_return_if_fail(*errp == NULL);
    msg = g_strdup_vprintf(fmt, ap);
    if (suffix) {
        *errp = g_error_new(QAPI_ERROR, cls, "%s: %s", msg, suffix);
    } else {
        *errp = g_error_new_literal(QAPI_ERROR, cls, msg);
    }
}

void error_setg(GError **errp, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_setv(errp, QAPI_ERROR_CLASS_GENERIC_ERROR, NULL, fmt, ap);
    va_end(ap);
}

void error_setg_errno(GError **errp, int os_errno, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_setv(errp, QAPI_ERROR_CLASS_GENERIC_ERROR,
               os_errno ? g_strerror(os_errno) : NULL, fmt, ap);
    va_end(ap);
}

void error_set(GError **errp, QapiErrorClass cls, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_setv(errp, cls, NULL, fmt, ap);
    va_end(ap);
}

void error_prepend(GError **errp, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *prefix = NULL;
    char *msg;

    if (!errp || !*errp) {
        return;
    }
    va_start(ap, fmt);
    prefix = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    msg = g_strconcat(prefix, (*errp)->message, NULL);
    g_free((*errp)->message);
    (*errp)->message = msg;
}

bool message_with_timestamp;

static void report_prefixed(const char *kind, const char *msg)
{
    const char *prog = g_get_prgname();

    if (message_with_timestamp) {
        g_autoptr(GDateTime) now = g_date_time_new_now_utc();
        g_autofree char *stamp = g_date_time_format_iso8601(now);
        fprintf(stderr, "%s ", stamp);
    }
    fprintf(stderr, "%s: %s%s\n", prog ? prog : "pvdump", kind, msg);
}

void error_report_err(GError *err)
{
    report_prefixed("", err->message);
    g_error_free(err);
}

void error_report(const char *fmt, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    report_prefixed("", msg);
}

void warn_report(const char *fmt, ...)
{
    va_list ap;
    g_autofree char *msg = NULL;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    report_prefixed("warning: ", msg);
}
