/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-qmp-dispatch.c - the generated marshallers, argument checks and
 * dispatcher, driven by tests/unit/qapi-schema-test.json.
 *
 * Every expectation is the exact reply line QEMU 7.2 would send.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "test-qapi-commands.h"
#include "monitor/qmp-dispatch.h"
#include "monitor/qmp-json.h"
#include "qapi-test-handlers.h"

/* ------------------------------------------------------------ helpers */

/* Dispatches @request (JSON text) and returns the reply as on the wire. */
static char *dispatch(const char *request, bool allow_oob)
{
    json_object *req = json_tokener_parse(request);
    json_object *rsp = qmp_dispatch(qmp_commands, req, allow_oob);
    char *text = qmp_json_to_string(rsp);

    json_object_put(req);
    json_object_put(rsp);
    return text;
}

static void check(const char *request, const char *expected)
{
    g_autofree char *reply = dispatch(request, false);

    g_assert_cmpstr(reply, ==, expected);
}

#define GENERIC(msg) "{\"error\": {\"class\": \"GenericError\", \"desc\": \"" \
                     msg "\"}}"

/* ------------------------------------------------------------ tests */

static void test_request_shape(void)
{
    check("[1]", GENERIC("QMP input must be a JSON object"));
    check("\"execute\"", GENERIC("QMP input must be a JSON object"));
    check("{}", GENERIC("QMP input lacks member 'execute'"));
    check("{\"id\": 5}", "{\"error\": {\"class\": \"GenericError\", "
          "\"desc\": \"QMP input lacks member 'execute'\"}, \"id\": 5}");
    check("{\"execute\": 1}",
          GENERIC("QMP input member 'execute' must be a string"));
    check("{\"execute\": \"test-noargs\", \"arguments\": []}",
          GENERIC("QMP input member 'arguments' must be an object"));
    check("{\"execute\": \"test-noargs\", \"extra\": 1}",
          GENERIC("QMP input member 'extra' is unexpected"));
    check("{\"execute\": \"nope\"}",
          "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": "
          "\"The command nope has not been found\"}}");
    /* exec-oob is only known once the client enabled oob. */
    check("{\"exec-oob\": \"test-oob\"}",
          GENERIC("QMP input member 'exec-oob' is unexpected"));
}

static void test_id_echo(void)
{
    check("{\"execute\": \"test-noargs\", \"id\": \"libvirt-12\"}",
          "{\"return\": {}, \"id\": \"libvirt-12\"}");
    check("{\"id\": {\"a\": [1, null]}, \"execute\": \"test-noargs\"}",
          "{\"return\": {}, \"id\": {\"a\": [1, null]}}");
    check("{\"execute\": \"test-noargs\", \"id\": null}",
          "{\"return\": {}, \"id\": null}");
    check("{\"execute\": \"nope\", \"id\": 7}",
          "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": "
          "\"The command nope has not been found\"}, \"id\": 7}");
    check("{\"execute\": 3, \"id\": 7}",
          "{\"error\": {\"class\": \"GenericError\", \"desc\": "
          "\"QMP input member 'execute' must be a string\"}, \"id\": 7}");
}

static void test_no_args(void)
{
    qapi_test_noargs_calls = 0;
    check("{\"execute\": \"test-noargs\"}", "{\"return\": {}}");
    check("{\"execute\": \"test-noargs\", \"arguments\": {}}",
          "{\"return\": {}}");
    check("{\"execute\": \"test-noargs\", \"arguments\": {\"x\": 1}}",
          GENERIC("Parameter 'x' is unexpected"));
    g_assert_cmpint(qapi_test_noargs_calls, ==, 2);
}

static void test_args_unpacked(void)
{
    check("{\"execute\": \"test-args\", \"arguments\": "
          "{\"s\": \"a/b\", \"i\": -5, \"b\": true}}",
          "{\"return\": {\"s\": \"a/b\", \"i\": -5, \"b\": true}}");
    check("{\"execute\": \"test-args\", \"arguments\": {\"any\": [null], "
          "\"b\": false, \"i\": 9223372036854775807, \"s\": \"\", "
          "\"n\": 2, \"u\": 18446744073709551615, \"e\": \"two-words\", "
          "\"ints\": [1, 2], \"enums\": [\"three\"], \"outer\": "
          "{\"name\": \"o\", \"inner\": {\"x\": 1, \"e\": \"one\"}}}}",
          "{\"return\": {\"s\": \"\", \"i\": 9223372036854775807, "
          "\"b\": false, \"n\": 2, \"u\": 18446744073709551615, \"e\": 1, "
          "\"outer\": {\"name\": \"o\", \"inner\": {\"x\": 1, \"e\": \"one\"}},"
          " \"ints\": [1, 2], \"enums\": [\"three\"], \"any\": [null]}}");
}

static void test_args_missing(void)
{
    check("{\"execute\": \"test-args\"}", GENERIC("Parameter 's' is missing"));
    check("{\"execute\": \"test-args\", \"arguments\": {\"s\": \"x\"}}",
          GENERIC("Parameter 'i' is missing"));
    check("{\"execute\": \"test-args\", \"arguments\": {\"s\": \"x\", "
          "\"i\": 1, \"b\": true, \"outer\": {\"name\": \"n\"}}}",
          GENERIC("Parameter 'outer.inner' is missing"));
    check("{\"execute\": \"test-args\", \"arguments\": {\"s\": \"x\", "
          "\"i\": 1, \"b\": true, \"outer\": {\"name\": \"n\", \"inner\": "
          "{\"x\": 1}, \"list\": [{\"x\": 2}, {}]}}}",
          GENERIC("Parameter 'outer.list[1].x' is missing"));
}

static void test_args_unexpected(void)
{
    /* Missing members are reported before unexpected ones (QEMU order). */
    check("{\"execute\": \"test-args\", \"arguments\": {\"zz\": 1}}",
          GENERIC("Parameter 's' is missing"));
    check("{\"execute\": \"test-args\", \"arguments\": {\"zz\": 1, "
          "\"s\": \"x\", \"i\": 1, \"b\": true}}",
          GENERIC("Parameter 'zz' is unexpected"));
    check("{\"execute\": \"test-args\", \"arguments\": {\"s\": \"x\", "
          "\"i\": 1, \"b\": true, \"outer\": {\"name\": \"n\", \"inner\": "
          "{\"x\": 1, \"y\": 2}}}}",
          GENERIC("Parameter 'outer.inner.y' is unexpected"));
}

static void test_args_type(void)
{
    static const struct {
        const char *args, *error;
    } cases[] = {
        { "\"s\": 1", "Invalid parameter type for 's', expected: string" },
        { "\"s\": \"x\", \"i\": \"1\"",
          "Invalid parameter type for 'i', expected: integer" },
        { "\"s\": \"x\", \"i\": 1.5",
          "Invalid parameter type for 'i', expected: integer" },
        { "\"s\": \"x\", \"i\": 18446744073709551615",
          "Parameter 'i' expects integer" },
        { "\"s\": \"x\", \"i\": 1, \"b\": 1",
          "Invalid parameter type for 'b', expected: boolean" },
        { "\"s\": \"x\", \"i\": 1, \"b\": null",
          "Invalid parameter type for 'b', expected: boolean" },
        { "\"s\": \"x\", \"i\": 1, \"b\": true, \"n\": \"1\"",
          "Invalid parameter type for 'n', expected: number" },
        { "\"s\": \"x\", \"i\": 1, \"b\": true, \"outer\": []",
          "Invalid parameter type for 'outer', expected: object" },
        { "\"s\": \"x\", \"i\": 1, \"b\": true, \"ints\": {}",
          "Invalid parameter type for 'ints', expected: array" },
        { "\"s\": \"x\", \"i\": 1, \"b\": true, \"ints\": [1, \"2\"]",
          "Invalid parameter type for 'ints[1]', expected: integer" },
        { "\"s\": \"x\", \"i\": 1, \"b\": true, \"e\": 1",
          "Invalid parameter type for 'e', expected: string" },
        { "\"s\": \"x\", \"i\": 1, \"b\": true, \"e\": \"four\"",
          "Parameter 'e' does not accept value 'four'" },
        /* QEMU names list elements 'null' in enum errors. */
        { "\"s\": \"x\", \"i\": 1, \"b\": true, \"enums\": [\"one\", \"x\"]",
          "Parameter 'null' does not accept value 'x'" },
        { "\"s\": \"x\", \"i\": 1, \"b\": true, \"outer\": {\"name\": \"n\", "
          "\"inner\": {\"x\": 1, \"e\": \"bad\"}}",
          "Parameter 'e' does not accept value 'bad'" },
        { "\"s\": \"x\", \"i\": 1, \"b\": true, \"outer\": {\"name\": \"n\", "
          "\"inner\": {\"x\": true}}",
          "Invalid parameter type for 'outer.inner.x', expected: integer" },
    };

    for (size_t k = 0; k < G_N_ELEMENTS(cases); k++) {
        g_autofree char *req = g_strdup_printf(
            "{\"execute\": \"test-args\", \"arguments\": {%s}}", cases[k].args);
        g_autofree char *exp = g_strdup_printf(
            "{\"error\": {\"class\": \"GenericError\", \"desc\": \"%s\"}}",
            cases[k].error);
        check(req, exp);
    }
}

static void test_handler_errors(void)
{
    check("{\"execute\": \"test-fail\", \"arguments\": {\"desc\": \"boom\"}}",
          GENERIC("boom"));
    check("{\"execute\": \"test-fail\", \"arguments\": {\"desc\": \"gone\", "
          "\"not-found\": true}, \"id\": 1}",
          "{\"error\": {\"class\": \"DeviceNotFound\", \"desc\": \"gone\"}, "
          "\"id\": 1}");
}

static void test_spread_and_oob(void)
{
    g_autofree char *ok = NULL;
    g_autofree char *bad = NULL;
    g_autofree char *clash = NULL;

    check("{\"execute\": \"test-spread\", \"arguments\": {\"x\": 4}}",
          "{\"return\": 49}");
    check("{\"execute\": \"test-spread\", \"arguments\": {\"x\": 4, "
          "\"e\": \"three\"}}", "{\"return\": 42}");

    ok = dispatch("{\"exec-oob\": \"test-oob\"}", true);
    bad = dispatch("{\"exec-oob\": \"test-noargs\"}", true);
    clash = dispatch("{\"execute\": \"test-oob\", "
                     "\"exec-oob\": \"test-oob\"}", true);
    g_assert_cmpstr(ok, ==, "{\"return\": {}}");
    g_assert_cmpstr(bad, ==,
                    GENERIC("The command test-noargs does not support OOB"));
    g_assert_cmpstr(clash, ==, GENERIC("QMP input member 'exec-oob' clashes "
                                       "with 'execute'"));
}

static void test_enum_helpers(void)
{
    g_assert_cmpint(TEST_ENUM_ONE, ==, 0);
    g_assert_cmpint(TEST_ENUM_TWO_WORDS, ==, 1);
    g_assert_cmpint(TEST_ENUM__MAX, ==, 3);
    g_assert_cmpint(TP_B, ==, 1);
    g_assert_cmpstr(TestEnum_str(TEST_ENUM_TWO_WORDS), ==, "two-words");
    g_assert_null(TestEnum_str(TEST_ENUM__MAX));
    g_assert_cmpint(TestEnum_parse("three"), ==, TEST_ENUM_THREE);
    g_assert_cmpint(TestEnum_parse("Three"), ==, -1);
    g_assert_cmpint(TestEnum_parse(NULL), ==, -1);
}

static json_object *schema_entry(json_object *schema, const char *name)
{
    for (size_t i = 0; i < json_object_array_length(schema); i++) {
        json_object *e = json_object_array_get_idx(schema, i), *n;
        if (json_object_object_get_ex(e, "name", &n) &&
            !strcmp(json_object_get_string(n), name)) {
            return e;
        }
    }
    return NULL;
}

static const char *member_str(json_object *obj, const char *key)
{
    json_object *v;
    return json_object_object_get_ex(obj, key, &v)
           ? json_object_get_string(v) : NULL;
}

static void test_introspection(void)
{
    json_object *schema = json_tokener_parse(qapi_introspect_json);
    json_object *cmd, *args, *members;
    size_t ncmds;
    size_t ntable;
    const char *etype;
    g_autofree char *expected = NULL;
    g_autofree char *text = NULL;
    json_object *e;

    g_assert_nonnull(schema);
    /* Every command of the table is described, and nothing else is. */
    ncmds = 0;
    for (size_t i = 0; i < json_object_array_length(schema); i++) {
        const char *meta = member_str(json_object_array_get_idx(schema, i),
                                      "meta-type");
        ncmds += !strcmp(meta, "command");
    }
    ntable = 0;
    for (const QmpCommand *c = qmp_commands; c->name; c++, ntable++) {
        g_assert_nonnull(schema_entry(schema, c->name));
    }
    g_assert_cmpuint(ncmds, ==, ntable);

    cmd = schema_entry(schema, "test-spread");
    g_assert_cmpstr(member_str(cmd, "ret-type"), ==, "int");
    args = schema_entry(schema, member_str(cmd, "arg-type"));
    g_assert_cmpstr(member_str(args, "meta-type"), ==, "object");
    json_object_object_get_ex(args, "members", &members);
    /* Type names other than builtins are numbers (as QEMU's). */
    etype = member_str(json_object_array_get_idx(members, 1), "type");
    expected = g_strdup_printf(
        "[{\"name\": \"x\", \"type\": \"int\"}, "
        "{\"name\": \"e\", \"type\": \"%s\", \"default\": null}]", etype);
    text = qmp_json_to_string(members);
    g_assert_cmpstr(text, ==, expected);
    g_assert_true(g_ascii_isdigit(etype[0]));
    e = schema_entry(schema, etype);
    g_assert_cmpstr(member_str(e, "meta-type"), ==, "enum");
    g_assert_cmpstr(json_object_to_json_string_ext(
        json_object_object_get(e, "values"), JSON_C_TO_STRING_PLAIN), ==,
        "[\"one\",\"two-words\",\"three\"]");
    g_assert_cmpstr(member_str(schema_entry(schema, "TEST_EVENT"),
                               "meta-type"), ==, "event");
    g_assert_cmpstr(member_str(schema_entry(schema, "[int]"),
                               "element-type"), ==, "int");
    g_assert_cmpstr(member_str(schema_entry(schema, "int"), "json-type"),
                    ==, "int");
    g_assert_cmpstr(member_str(schema_entry(schema, "any"), "json-type"),
                    ==, "value");
    json_object_put(schema);
}

static void test_json_format(void)
{
    json_object *o = json_tokener_parse(
        "{\"a\": \"\\u00e9\\/\\t\\u0001\\\"\\\\\\ud83d\\ude00\", "
        "\"b\": [], \"c\": {}, \"d\": [true, false, null, 1.5, -3]}");
    g_autofree char *text = qmp_json_to_string(o);

    g_assert_cmpstr(text, ==,
                    "{\"a\": \"\\u00E9/\\t\\u0001\\\"\\\\\\uD83D\\uDE00\", "
                    "\"b\": [], \"c\": {}, \"d\": [true, false, null, "
                    "1.5, -3]}");
    json_object_put(o);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qmp/dispatch/request-shape", test_request_shape);
    g_test_add_func("/qmp/dispatch/id-echo", test_id_echo);
    g_test_add_func("/qmp/dispatch/no-args", test_no_args);
    g_test_add_func("/qmp/args/unpacked", test_args_unpacked);
    g_test_add_func("/qmp/args/missing", test_args_missing);
    g_test_add_func("/qmp/args/unexpected", test_args_unexpected);
    g_test_add_func("/qmp/args/type", test_args_type);
    g_test_add_func("/qmp/dispatch/handler-errors", test_handler_errors);
    g_test_add_func("/qmp/dispatch/spread-and-oob", test_spread_and_oob);
    g_test_add_func("/qapi/enum", test_enum_helpers);
    g_test_add_func("/qapi/introspection", test_introspection);
    g_test_add_func("/qmp/json-format", test_json_format);
    return g_test_run();
}
