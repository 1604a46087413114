/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qapi-input.h - checking QMP command arguments against the schema.
 *
 * scripts/qapi-gen.py describes every schema type as a constant QapiType
 * and every command's arguments as a QapiMember table; the generated
 * marshallers call qapi_check_args() and then read the (now well-typed)
 * arguments with the qapi_arg_*() accessors.  Error messages are QEMU's
 * (qobject-input-visitor.c), member paths included ("a.b[0]").
 */
#ifndef MONITOR_QAPI_INPUT_H
#define MONITOR_QAPI_INPUT_H

#include "qemu/osdep.h"
#include <json-c/json.h>

typedef enum QapiKind {
    QAPI_KIND_STR,
    QAPI_KIND_INT,
    QAPI_KIND_UINT64,
    QAPI_KIND_BOOL,
    QAPI_KIND_NUMBER,
    QAPI_KIND_ANY,
    QAPI_KIND_ENUM,
    QAPI_KIND_STRUCT,
    QAPI_KIND_ARRAY,
} QapiKind;

typedef struct QapiType QapiType;

/* One member of a struct or of a command's arguments. */
typedef struct QapiMember {
    const char *name;           /* NULL terminates a member table */
    const QapiType *type;
    bool optional;
} QapiMember;

struct QapiType {
    QapiKind kind;
    const char *const *enum_values;   /* ENUM: wire names, NULL-terminated */
    const QapiMember *members;        /* STRUCT */
    const QapiType *element;          /* ARRAY */
};

/* The builtin types (str, int/int64, uint64/size, bool, number, any). */
extern const QapiType qapi_type_str;
extern const QapiType qapi_type_int;
extern const QapiType qapi_type_uint64;
extern const QapiType qapi_type_bool;
extern const QapiType qapi_type_number;
extern const QapiType qapi_type_any;

/*
 * Checks the "arguments" object @args (NULL means no arguments) against
 * @members: every mandatory member present, every member of the right
 * type (recursively), no unknown member.  Sets a GenericError with QEMU's
 * wording on the first problem, in QEMU's order.
 */
bool qapi_check_args(json_object *args, const QapiMember *members,
                     GError **errp);

/* True if @args has member @name (@args may be NULL). */
bool qapi_arg_present(json_object *args, const char *name);

/*
 * Accessors for checked arguments: the value of member @name, or
 * 0/false/NULL when it is absent.  Strings and objects are borrowed
 * from @args.
 */
const char *qapi_arg_str(json_object *args, const char *name);
int64_t qapi_arg_int(json_object *args, const char *name);
uint64_t qapi_arg_uint64(json_object *args, const char *name);
bool qapi_arg_bool(json_object *args, const char *name);
double qapi_arg_number(json_object *args, const char *name);
json_object *qapi_arg_object(json_object *args, const char *name);

/* The index of member @name's value in @lookup (0 when absent). */
int qapi_arg_enum(json_object *args, const char *name,
                  const char *const *lookup);

#endif /* MONITOR_QAPI_INPUT_H */
