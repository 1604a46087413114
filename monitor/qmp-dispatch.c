/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-dispatch.c - from a parsed QMP request to its response.
 *
 * The checks and their messages are QEMU 7.2's (qapi/qmp-dispatch.c).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "monitor/qmp-dispatch.h"

const QmpCommand *qmp_find_command(const QmpCommand *cmds, const char *name)
{
    for (const QmpCommand *cmd = cmds; cmd->name; cmd++) {
        if (!strcmp(cmd->name, name)) {
            return cmd;
        }
    }
    return NULL;
}

/*
 * Checks the request's members and returns the command name, setting
 * *oob when it came as "exec-oob".
 */
static const char *check_request(json_object *req, bool allow_oob, bool *oob,
                                 GError **errp)
{
    const char *exec_key = NULL;
    json_object *exec_val = NULL;

    json_object_object_foreach(req, key, val) {
        if (!strcmp(key, "execute") ||
            (allow_oob && !strcmp(key, "exec-oob"))) {
            if (!json_object_is_type(val, json_type_string)) {
                error_setg(errp, "QMP input member '%s' must be a string",
                           key);
                return NULL;
            }
            if (exec_key) {
                error_setg(errp, "QMP input member '%s' clashes with '%s'",
                           key, exec_key);
                return NULL;
            }
            exec_key = key;
            exec_val = val;
        } else if (!strcmp(key, "arguments")) {
            if (!json_object_is_type(val, json_type_object)) {
                error_setg(errp,
                           "QMP input member 'arguments' must be an object");
                return NULL;
            }
        } else if (strcmp(key, "id")) {
            error_setg(errp, "QMP input member '%s' is unexpected", key);
            return NULL;
        }
    }
    if (!exec_key) {
        error_setg(errp, "QMP input lacks member 'execute'");
        return NULL;
    }
    *oob = !strcmp(exec_key, "exec-oob");
    return json_object_get_string(exec_val);
}

static json_object *run_command(const QmpCommand *cmds, json_object *req,
                                bool allow_oob, GError **errp)
{
    bool oob = false;
    const char *name = check_request(req, allow_oob, &oob, errp);
    json_object *args = NULL;
    const QmpCommand *cmd;

    if (!name) {
        return NULL;
    }
    cmd = qmp_find_command(cmds, name);
    if (!cmd) {
        error_set(errp, QAPI_ERROR_CLASS_COMMAND_NOT_FOUND,
                  "The command %s has not been found", name);
        return NULL;
    }
    if (oob && !(cmd->options & QCO_ALLOW_OOB)) {
        error_setg(errp, "The command %s does not support OOB", name);
        return NULL;
    }
    json_object_object_get_ex(req, "arguments", &args);
    return cmd->fn(args, errp);
}

json_object *qmp_error_response(const GError *err)
{
    json_object *error = json_object_new_object();
    json_object *rsp = json_object_new_object();

    json_object_object_add(error, "class", json_object_new_string(
                               qapi_error_class_name(error_get_class(err))));
    json_object_object_add(error, "desc", json_object_new_string(err->message));
    json_object_object_add(rsp, "error", error);
    return rsp;
}

json_object *qmp_dispatch(const QmpCommand *cmds, json_object *request,
                          bool allow_oob)
{
    g_autoptr(GError) err = NULL;
    json_object *ret = NULL;
    json_object *rsp;
    json_object *id = NULL;
    bool has_id = false;   /* json-c's NULL is JSON null: a valid id */

    if (!json_object_is_type(request, json_type_object)) {
        error_setg(&err, "QMP input must be a JSON object");
    } else {
        has_id = json_object_object_get_ex(request, "id", &id);
        ret = run_command(cmds, request, allow_oob, &err);
    }
    if (err) {
        rsp = qmp_error_response(err);
    } else {
        rsp = json_object_new_object();
        json_object_object_add(rsp, "return", ret);
    }
    if (has_id) {
        json_object_object_add(rsp, "id", json_object_get(id));
    }
    return rsp;
}

json_object *qmp_marshal_result(json_object *ret, GError *err, GError **errp)
{
    if (err) {
        json_object_put(ret);
        g_propagate_error(errp, err);
        return NULL;
    }
    if (!ret) {
        /* A handler bug, reported rather than crashing the monitor. */
        error_setg(errp, "internal error: the command returned no value");
    }
    return ret;
}
