/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qapi-input.c - checking QMP command arguments against the schema.
 *
 * Mirrors the checks of QEMU's qobject input visitor, including the order
 * in which they fire: members in schema order (depth first), then unknown
 * members of that struct.  Paths are built like QEMU's full_name().
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "monitor/qapi-input.h"

const QapiType qapi_type_str = { .kind = QAPI_KIND_STR };
const QapiType qapi_type_int = { .kind = QAPI_KIND_INT };
const QapiType qapi_type_uint64 = { .kind = QAPI_KIND_UINT64 };
const QapiType qapi_type_bool = { .kind = QAPI_KIND_BOOL };
const QapiType qapi_type_number = { .kind = QAPI_KIND_NUMBER };
const QapiType qapi_type_any = { .kind = QAPI_KIND_ANY };

/* QEMU's names of the JSON types a kind expects. */
static const char *const kind_json_name[] = {
    [QAPI_KIND_STR] = "string",
    [QAPI_KIND_INT] = "integer",
    [QAPI_KIND_UINT64] = "integer",
    [QAPI_KIND_BOOL] = "boolean",
    [QAPI_KIND_NUMBER] = "number",
    [QAPI_KIND_ENUM] = "string",
    [QAPI_KIND_STRUCT] = "object",
    [QAPI_KIND_ARRAY] = "array",
};

static bool check_value(json_object *v, const QapiType *type,
                        GString *path, const char *leaf, GError **errp);

static bool kind_matches(json_object *v, QapiKind kind)
{
    switch (kind) {
    case QAPI_KIND_STR:
    case QAPI_KIND_ENUM:
        return json_object_is_type(v, json_type_string);
    case QAPI_KIND_INT:
    case QAPI_KIND_UINT64:
        return json_object_is_type(v, json_type_int);
    case QAPI_KIND_BOOL:
        return json_object_is_type(v, json_type_boolean);
    case QAPI_KIND_NUMBER:
        return json_object_is_type(v, json_type_int) ||
               json_object_is_type(v, json_type_double);
    case QAPI_KIND_STRUCT:
        return json_object_is_type(v, json_type_object);
    case QAPI_KIND_ARRAY:
        return json_object_is_type(v, json_type_array);
    case QAPI_KIND_ANY:
        return true;
    }
    g_assert_not_reached();
}

static bool is_member(const QapiMember *members, const char *key)
{
    for (const QapiMember *m = members; m->name; m++) {
        if (!strcmp(m->name, key)) {
            return true;
        }
    }
    return false;
}

/* @path is the struct's own path ("" at the top, "a." below). */
static bool check_struct(json_object *obj, const QapiMember *members,
                         GString *path, GError **errp)
{
    size_t len = path->len;

    for (const QapiMember *m = members; m->name; m++) {
        json_object *v = NULL;
        bool ok = true;

        g_string_append(path, m->name);
        if (obj && json_object_object_get_ex(obj, m->name, &v)) {
            ok = check_value(v, m->type, path, m->name, errp);
        } else if (!m->optional) {
            error_setg(errp, "Parameter '%s' is missing", path->str);
            ok = false;
        }
        g_string_truncate(path, len);
        if (!ok) {
            return false;
        }
    }
    if (obj) {
        json_object_object_foreach(obj, key, val) {
            (void)val;
            if (!is_member(members, key)) {
                error_setg(errp, "Parameter '%s%s' is unexpected",
                           path->str, key);
                return false;
            }
        }
    }
    return true;
}

static bool check_array(json_object *arr, const QapiType *element,
                        GString *path, GError **errp)
{
    size_t len = path->len;
    size_t n = json_object_array_length(arr);

    for (size_t i = 0; i < n; i++) {
        bool ok;

        g_string_append_printf(path, "[%zu]", i);
        /* QEMU names list elements "null" in enum errors. */
        ok = check_value(json_object_array_get_idx(arr, i), element,
                         path, "null", errp);
        g_string_truncate(path, len);
        if (!ok) {
            return false;
        }
    }
    return true;
}

/*
 * @path is the full name of @v; @leaf its own name, which QEMU uses
 * (instead of the full name) in enum errors.
 */
static bool check_value(json_object *v, const QapiType *type,
                        GString *path, const char *leaf, GError **errp)
{
    if (!kind_matches(v, type->kind)) {
        error_setg(errp, "Invalid parameter type for '%s', expected: %s",
                   path->str, kind_json_name[type->kind]);
        return false;
    }
    switch (type->kind) {
    case QAPI_KIND_INT:
        /* json-c keeps integers above INT64_MAX as uint64. */
        if (json_object_get_int64(v) == INT64_MAX &&
            json_object_get_uint64(v) > INT64_MAX) {
            error_setg(errp, "Parameter '%s' expects integer", path->str);
            return false;
        }
        return true;
    case QAPI_KIND_ENUM:
        for (const char *const *e = type->enum_values; *e; e++) {
            if (!strcmp(*e, json_object_get_string(v))) {
                return true;
            }
        }
        error_setg(errp, "Parameter '%s' does not accept value '%s'",
                   leaf, json_object_get_string(v));
        return false;
    case QAPI_KIND_STRUCT: {
        size_t len = path->len;
        bool ok;

        g_string_append_c(path, '.');
        ok = check_struct(v, type->members, path, errp);
        g_string_truncate(path, len);
        return ok;
    }
    case QAPI_KIND_ARRAY:
        return check_array(v, type->element, path, errp);
    default:
        return true;
    }
}

bool qapi_check_args(json_object *args, const QapiMember *members,
                     GError **errp)
{
    g_autoptr(GString) path = g_string_new("");

    return check_struct(args, members, path, errp);
}

static json_object *arg(json_object *args, const char *name)
{
    json_object *v = NULL;

    if (args) {
        json_object_object_get_ex(args, name, &v);
    }
    return v;
}

bool qapi_arg_present(json_object *args, const char *name)
{
    return arg(args, name) != NULL;
}

const char *qapi_arg_str(json_object *args, const char *name)
{
    json_object *v = arg(args, name);
    return v ? json_object_get_string(v) : NULL;
}

int64_t qapi_arg_int(json_object *args, const char *name)
{
    json_object *v = arg(args, name);
    return v ? json_object_get_int64(v) : 0;
}

uint64_t qapi_arg_uint64(json_object *args, const char *name)
{
    json_object *v = arg(args, name);
    return v ? json_object_get_uint64(v) : 0;
}

bool qapi_arg_bool(json_object *args, const char *name)
{
    json_object *v = arg(args, name);
    return v ? json_object_get_boolean(v) : false;
}

double qapi_arg_number(json_object *args, const char *name)
{
    json_object *v = arg(args, name);
    return v ? json_object_get_double(v) : 0.0;
}

json_object *qapi_arg_object(json_object *args, const char *name)
{
    return arg(args, name);
}

int qapi_arg_enum(json_object *args, const char *name,
                  const char *const *lookup)
{
    const char *s = qapi_arg_str(args, name);

    for (int i = 0; s && lookup[i]; i++) {
        if (!strcmp(lookup[i], s)) {
            return i;
        }
    }
    return 0;
}
