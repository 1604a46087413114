/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-qapi-structs.c - the generated C structs, their JSON marshallers,
 * typed command replies and event senders, driven by
 * tests/unit/qapi-schema-test.json.  Every expectation is the exact text
 * a QMP client receives.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "monitor/monitor.h"
#include "monitor/qmp-dispatch.h"
#include "monitor/qmp-json.h"
#include "test-qapi-commands.h"
#include "test-qapi-events.h"

/* ------------------------------------------------ the monitor's emitter */

static char *last_event_name;
static char *last_event_data;          /* "(none)" for an event without */
static unsigned events_emitted;

/* The generated senders hand their events here (monitor/qmp-event.c). */
void qapi_event_emit(const char *name, json_object *data)
{
    g_free(last_event_name);
    g_free(last_event_data);
    last_event_name = g_strdup(name);
    last_event_data = data ? qmp_json_to_string(data) : g_strdup("(none)");
    json_object_put(data);
    events_emitted++;
}

static void check_event(const char *name, const char *data)
{
    g_assert_cmpstr(last_event_name, ==, name);
    g_assert_cmpstr(last_event_data, ==, data);
}

/* ------------------------------------------------------------ helpers */

static void check_json(json_object *json, const char *expected)
{
    g_autofree char *text = qmp_json_to_string(json);

    g_assert_cmpstr(text, ==, expected);
    json_object_put(json);
}

static char *dispatch(const char *request)
{
    json_object *req = json_tokener_parse(request);
    json_object *rsp = qmp_dispatch(qmp_commands, req, false);
    char *text = qmp_json_to_string(rsp);

    json_object_put(req);
    json_object_put(rsp);
    return text;
}

static TestInner *inner_new(int64_t x, bool has_e, TestEnum e)
{
    TestInner *inner = g_new0(TestInner, 1);

    inner->x = x;
    inner->has_e = has_e;
    inner->e = e;
    return inner;
}

/* {"name": "o", "inner": {"x": 1, "e": "two-words"}, "list": [...]} */
static TestOuter *outer_new(void)
{
    TestOuter *outer = g_new0(TestOuter, 1);
    TestInnerList **tail = &outer->list;

    outer->name = g_strdup("o");
    outer->inner = inner_new(1, true, TEST_ENUM_TWO_WORDS);
    outer->has_list = true;
    QAPI_LIST_APPEND(tail, inner_new(2, false, 0));
    QAPI_LIST_APPEND(tail, inner_new(-3, true, TEST_ENUM_THREE));
    return outer;
}

#define OUTER_JSON "{\"name\": \"o\", \"inner\": {\"x\": 1, \"e\": " \
    "\"two-words\"}, \"list\": [{\"x\": 2}, {\"x\": -3, \"e\": \"three\"}]}"

/* ------------------------------------------------------------ tests */

static void test_struct_to_json(void)
{
    TestOuter *outer = outer_new();
    TestWire wire = { .running = true, .status = TEST_ENUM_ONE };

    /* Schema order; absent optional members are left out. */
    check_json(qapi_TestOuter_to_json(outer), OUTER_JSON);
    outer->has_list = false;
    check_json(qapi_TestOuter_to_json(outer),
               "{\"name\": \"o\", \"inner\": {\"x\": 1, \"e\": "
               "\"two-words\"}}");
    qapi_free_TestOuter(outer);
    /* 'qdict-order': QEMU's order, as its query-status reply has it. */
    check_json(qapi_TestWire_to_json(&wire),
               "{\"status\": \"one\", \"singlestep\": false, "
               "\"running\": true}");
    /* An empty list is NULL, and is sent as []. */
    check_json(qapi_TestInnerList_to_json(NULL), "[]");
    qapi_free_TestOuter(NULL);
    qapi_free_TestInnerList(NULL);
}

static void test_event_senders(void)
{
    TestOuter *outer = outer_new();
    strList *words = NULL, **tail = &words;
    unsigned before = events_emitted;

    qapi_event_send_test_event(TEST_ENUM_TWO_WORDS);
    check_event("TEST_EVENT", "{\"reason\": \"two-words\"}");
    qapi_event_send_test_event_empty();
    check_event("TEST_EVENT_EMPTY", "(none)");

    QAPI_LIST_APPEND(tail, g_strdup("a\"b"));
    QAPI_LIST_APPEND(tail, g_strdup(""));
    qapi_event_send_test_event_full(outer, true, "because", UINT64_MAX,
                                    words);
    check_event("TEST_EVENT_FULL", "{\"outer\": " OUTER_JSON ", \"why\": "
                "\"because\", \"count\": 18446744073709551615, "
                "\"words\": [\"a\\\"b\", \"\"]}");
    qapi_event_send_test_event_full(outer, false, NULL, 0, NULL);
    check_event("TEST_EVENT_FULL", "{\"outer\": " OUTER_JSON ", "
                "\"count\": 0, \"words\": []}");
    g_assert_cmpuint(events_emitted - before, ==, 4);
    /* The arguments stay the caller's. */
    g_assert_cmpstr(outer->name, ==, "o");
    qapi_free_TestOuter(outer);
    qapi_free_strList(words);
}

static void check_reply(const char *request, const char *expected)
{
    g_autofree char *reply = dispatch(request);

    g_assert_cmpstr(reply, ==, expected);
}

static void test_typed_replies(void)
{
    check_reply("{\"execute\": \"test-struct-reply\", \"arguments\": "
                "{\"n\": 2}}",
                "{\"return\": [{\"name\": \"o0\", \"inner\": {\"x\": 0}}, "
                "{\"name\": \"o1\", \"inner\": {\"x\": 1}, \"list\": "
                "[{\"x\": 0, \"e\": \"one\"}]}]}");
    check_reply("{\"execute\": \"test-struct-reply\", \"arguments\": "
                "{\"n\": 0}}", "{\"return\": []}");
    /* A failing handler's partial reply is dropped (and freed). */
    check_reply("{\"execute\": \"test-struct-reply\", \"arguments\": "
                "{\"n\": -1}}", "{\"error\": {\"class\": \"GenericError\", "
                "\"desc\": \"n must not be negative\"}}");
    check_reply("{\"execute\": \"test-wire-reply\", \"arguments\": "
                "{\"null\": false}}", "{\"return\": {\"status\": \"three\", "
                "\"singlestep\": false, \"running\": true}}");
    /* NULL is an empty list, but no struct: a handler bug, reported. */
    check_reply("{\"execute\": \"test-wire-reply\", \"arguments\": "
                "{\"null\": true}}", "{\"error\": {\"class\": "
                "\"GenericError\", \"desc\": \"internal error: the command "
                "returned no value\"}}");
}

int main(int argc, char **argv)
{
    int rc;

    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qapi/struct/to-json", test_struct_to_json);
    g_test_add_func("/qapi/event/senders", test_event_senders);
    g_test_add_func("/qapi/command/typed-replies", test_typed_replies);
    rc = g_test_run();
    g_free(last_event_name);
    g_free(last_event_data);
    return rc;
}
