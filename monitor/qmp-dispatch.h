/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-dispatch.h - from a parsed QMP request to its response.
 *
 * The command table is generated from the schema (qapi/qapi-commands.h);
 * each entry's marshaller checks the arguments and calls the handler.
 * Nothing here knows about connections, so it can be unit-tested.
 */
#ifndef MONITOR_QMP_DISPATCH_H
#define MONITOR_QMP_DISPATCH_H

#include "qemu/osdep.h"
#include <json-c/json.h>

/*
 * A marshaller: checks @args (the request's "arguments", NULL if absent),
 * runs the handler and returns the "return" value (a new reference) or
 * NULL with *errp set.
 */
typedef json_object *QmpCommandFunc(json_object *args, GError **errp);

typedef enum QmpCommandOptions {
    QCO_ALLOW_OOB = 1 << 0,        /* may be run with "exec-oob" */
} QmpCommandOptions;

typedef struct QmpCommand {
    const char *name;              /* NULL terminates a table */
    QmpCommandFunc *fn;
    unsigned options;              /* QmpCommandOptions */
} QmpCommand;

/* The entry of @cmds named @name, or NULL. */
const QmpCommand *qmp_find_command(const QmpCommand *cmds, const char *name);

/*
 * Runs @request against @cmds and returns the response object:
 * {"return": ...} or {"error": {"class", "desc"}}, plus the request's "id"
 * if it had one.  @allow_oob says whether "exec-oob" is accepted (the
 * client enabled the oob capability).  The caller holds the BQL.
 */
json_object *qmp_dispatch(const QmpCommand *cmds, json_object *request,
                          bool allow_oob);

/* {"error": {"class": CLASS, "desc": MESSAGE}} for @err. */
json_object *qmp_error_response(const GError *err);

/*
 * For generated marshallers: turns a handler's result into the
 * marshaller's.  Takes ownership of @ret and @err; with @err set, @ret is
 * dropped and the error moves to @errp.
 */
json_object *qmp_marshal_result(json_object *ret, GError *err, GError **errp);

#endif /* MONITOR_QMP_DISPATCH_H */
