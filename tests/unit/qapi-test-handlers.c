/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qapi-test-handlers.c - the handlers of the test schema
 * (tests/unit/qapi-schema-test.json), shared by the dispatcher unit test
 * and the QMP stream fuzz target.  They only echo, so no machine state is
 * involved, and they check what the marshallers promise.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "test-qapi-commands.h"
#include "qapi-test-handlers.h"

int qapi_test_noargs_calls;

json_object *qmp_test_args(const char *s, int64_t i, bool b, bool has_n,
                           double n, bool has_u, uint64_t u, bool has_e,
                           TestEnum e, bool has_outer, json_object *outer,
                           bool has_ints, json_object *ints, bool has_enums,
                           json_object *enums, bool has_any, json_object *any,
                           GError **errp)
{
    json_object *r = json_object_new_object();

    json_object_object_add(r, "s", json_object_new_string(s));
    json_object_object_add(r, "i", json_object_new_int64(i));
    json_object_object_add(r, "b", json_object_new_boolean(b));
    if (has_n) {
        json_object_object_add(r, "n", json_object_new_double(n));
    }
    if (has_u) {
        json_object_object_add(r, "u", json_object_new_uint64(u));
    }
    if (has_e) {
        /* An enum the marshaller let through must be a valid index; the
         * C value is echoed to show the conversion. */
        g_assert(e >= 0 && e < TEST_ENUM__MAX);
        json_object_object_add(r, "e", json_object_new_int(e));
    }
    if (has_outer) {
        json_object_object_add(r, "outer", json_object_get(outer));
    }
    if (has_ints) {
        json_object_object_add(r, "ints", json_object_get(ints));
    }
    if (has_enums) {
        json_object_object_add(r, "enums", json_object_get(enums));
    }
    if (has_any) {
        json_object_object_add(r, "any", json_object_get(any));
    }
    return r;
}

void qmp_test_noargs(GError **errp)
{
    qapi_test_noargs_calls++;
}

void qmp_test_fail(const char *desc, bool has_not_found, bool not_found,
                   GError **errp)
{
    if (has_not_found && not_found) {
        error_set(errp, QAPI_ERROR_CLASS_DEVICE_NOT_FOUND, "%s", desc);
    } else {
        error_setg(errp, "%s", desc);
    }
}

json_object *qmp_test_spread(int64_t x, bool has_e, TestEnum e, GError **errp)
{
    /* Unsigned: x is the client's, and signed overflow would be UB here. */
    return json_object_new_int64((int64_t)((uint64_t)x * 10 + (has_e ? e : 9)));
}

void qmp_test_oob(GError **errp)
{
}

static TestOuter *test_outer(int64_t i)
{
    TestOuter *outer = g_new0(TestOuter, 1);
    TestInnerList **tail = &outer->list;

    outer->name = g_strdup_printf("o%" PRId64, i);
    outer->inner = g_new0(TestInner, 1);
    outer->inner->x = i;
    outer->has_list = i > 0;
    for (int64_t k = 0; k < i; k++) {
        TestInner *inner = g_new0(TestInner, 1);

        inner->x = k;
        inner->has_e = true;
        inner->e = k % TEST_ENUM__MAX;
        QAPI_LIST_APPEND(tail, inner);
    }
    return outer;
}

TestOuterList *qmp_test_struct_reply(int64_t n, GError **errp)
{
    TestOuterList *list = NULL, **tail = &list;

    /* The list built so far goes with the error: the marshaller frees it. */
    for (int64_t i = 0; i < MIN(n < 0 ? 1 : n, 16); i++) {
        QAPI_LIST_APPEND(tail, test_outer(i));
    }
    if (n < 0) {
        error_setg(errp, "n must not be negative");
    }
    return list;
}

TestWire *qmp_test_wire_reply(bool null, GError **errp)
{
    TestWire *wire;

    if (null) {
        return NULL;
    }
    wire = g_new0(TestWire, 1);
    wire->running = true;
    wire->status = TEST_ENUM_THREE;
    return wire;
}
