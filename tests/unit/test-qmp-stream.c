/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-qmp-stream.c - splitting a QMP byte stream into JSON values:
 * arbitrary read boundaries, several values per read, error recovery and
 * the size and depth limits.
 */
#include "qemu/osdep.h"
#include "monitor/qmp-json.h"
#include "monitor/qmp-stream.h"

/* What the stream emitted, one line per value or error. */
typedef struct Sink {
    GString *log;
} Sink;

static void sink_emit(void *opaque, json_object *obj, const GError *err)
{
    Sink *sink = opaque;

    if (err) {
        g_string_append_printf(sink->log, "E:%s\n", err->message);
    } else {
        g_autofree char *text = qmp_json_to_string(obj);
        g_string_append_printf(sink->log, "V:%s\n", text);
        json_object_put(obj);
    }
}

/* Feeds @input in pieces of @chunk bytes (0: all at once). */
static char *run(const char *input, size_t len, size_t chunk,
                 size_t max_size, int max_depth)
{
    Sink sink = { g_string_new(NULL) };
    QmpStream *s = qmp_stream_new(max_size, max_depth, sink_emit, &sink);

    chunk = chunk ? chunk : len;
    for (size_t off = 0; off < len; off += chunk) {
        qmp_stream_feed(s, input + off, MIN(chunk, len - off));
    }
    qmp_stream_free(s);
    return g_string_free(sink.log, FALSE);
}

static char *run_default(const char *input, size_t chunk)
{
    return run(input, strlen(input), chunk, QMP_STREAM_MAX_SIZE,
               QMP_STREAM_MAX_DEPTH);
}

static void test_split_everywhere(void)
{
    /* Multi-byte UTF-8, escapes and a nested value: all must survive. */
    const char *input = "{\"execute\": \"getfd\", \"arguments\": "
                        "{\"fdname\": \"d\\u00e9\xc3\xa9\\n\"}, "
                        "\"id\": [1, {\"x\": -2.5e3}]}\r\n";
    const char *expected = "V:{\"execute\": \"getfd\", \"arguments\": "
                           "{\"fdname\": \"d\\u00E9\\u00E9\\n\"}, "
                           "\"id\": [1, {\"x\": -2500}]}\n";
    size_t len = strlen(input);
    g_autofree char *bytewise = NULL;

    for (size_t cut = 1; cut < len; cut++) {
        Sink sink = { g_string_new(NULL) };
        QmpStream *s = qmp_stream_new(QMP_STREAM_MAX_SIZE, 8, sink_emit,
                                      &sink);
        g_autofree char *log = NULL;

        qmp_stream_feed(s, input, cut);
        qmp_stream_feed(s, input + cut, len - cut);
        qmp_stream_free(s);
        log = g_string_free(sink.log, FALSE);
        g_assert_cmpstr(log, ==, expected);
    }
    bytewise = run_default(input, 1);
    g_assert_cmpstr(bytewise, ==, expected);
}

static void test_several_per_read(void)
{
    g_autofree char *log = run_default(
        "{\"execute\":\"a\"}{\"execute\":\"b\"}\r\n \t\n{\"execute\":\"c\","
        "\"id\":1}\n[]\r\n\"s\"\n12\nnull\n", 0);

    g_assert_cmpstr(log, ==,
                    "V:{\"execute\": \"a\"}\n"
                    "V:{\"execute\": \"b\"}\n"
                    "V:{\"execute\": \"c\", \"id\": 1}\n"
                    "V:[]\n"
                    "V:\"s\"\n"
                    "V:12\n"
                    "V:null\n");
}

static void test_garbage_resync(void)
{
    const char *input = "garbage\r\n{\"execute\":\"a\"}\r\n"
                        "{\"execute\" 1}\r\n{\"execute\":\"b\"}\r\n"
                        "}\n{\"a\":1,}\n{\"execute\":\"c\"}\n";
    const char *expected =
        "E:JSON parse error, unexpected character\n"
        "V:{\"execute\": \"a\"}\n"
        "E:JSON parse error, object property name separator ':' expected\n"
        "V:{\"execute\": \"b\"}\n"
        "E:JSON parse error, unexpected character\n"
        "E:JSON parse error, unexpected character\n"
        "V:{\"execute\": \"c\"}\n";

    for (size_t chunk = 0; chunk < 8; chunk++) {
        g_autofree char *log = run_default(input, chunk);
        g_assert_cmpstr(log, ==, expected);
    }
}

static void test_size_limit(void)
{
    /* A 64-byte budget: a 60-byte value passes, a longer one does not. */
    g_autofree char *xs = g_strnfill(52, 'x');
    g_autofree char *ys = g_strnfill(200, 'y');
    g_autofree char *fits = g_strdup_printf("{\"s\":\"%s\"}", xs);
    g_autofree char *input = g_strdup_printf(
        "%s\n{\"s\":\"%s\"}\n{\"execute\":\"ok\"}\n", fits, ys);
    g_autofree char *expected = g_strdup_printf(
        "V:{\"s\": \"%s\"}\n"
        "E:JSON token size limit exceeded\n"
        "V:{\"execute\": \"ok\"}\n", xs);

    g_assert_cmpuint(strlen(fits), ==, 60);
    for (size_t chunk = 0; chunk < 5; chunk++) {
        g_autofree char *log = run(input, strlen(input), chunk, 64, 8);
        g_assert_cmpstr(log, ==, expected);
    }
}

static void test_blanks_do_not_count(void)
{
    /* Keep-alive line ends between values are not part of any value. */
    g_autofree char *blanks = g_strnfill(1000, '\n');
    g_autofree char *input = g_strdup_printf("%s{\"a\": 1}\r\n%s[]", blanks,
                                             blanks);
    g_autofree char *log = run(input, strlen(input), 0, 16, 8);

    g_assert_cmpstr(log, ==, "V:{\"a\": 1}\nV:[]\n");
}

static void test_size_limit_streaming(void)
{
    /*
     * 64 MiB of an endless string, 4 KiB at a time: one error, and the
     * stream never holds more than its budget (checked by valgrind/ASan
     * runs and by the bounded tokener state: it is reset at the limit).
     */
    Sink sink = { g_string_new(NULL) };
    QmpStream *s = qmp_stream_new(QMP_STREAM_MAX_SIZE, QMP_STREAM_MAX_DEPTH,
                                  sink_emit, &sink);
    char block[4096];
    g_autofree char *log = NULL;

    memset(block, 'z', sizeof(block));
    qmp_stream_feed(s, "{\"execute\":\"", 12);
    for (int i = 0; i < 64 * 256; i++) {
        qmp_stream_feed(s, block, sizeof(block));
    }
    qmp_stream_feed(s, "\"}\r\n{\"execute\":\"after\"}\r\n", 25);
    qmp_stream_free(s);
    log = g_string_free(sink.log, FALSE);
    g_assert_cmpstr(log, ==, "E:JSON token size limit exceeded\n"
                             "V:{\"execute\": \"after\"}\n");
}

static void test_depth_limit(void)
{
    g_autofree char *log = run("[[[[1]]]]\n[[[[[[[[[1]]]]]]]]]\n[2]\n", 34, 0,
                               1024, 8);

    g_assert_cmpstr(log, ==, "V:[[[[1]]]]\n"
                             "E:JSON nesting depth limit exceeded\n"
                             "V:[2]\n");
}

static void test_duplicate_key(void)
{
    /* QEMU refuses a member name given twice, also spelt differently. */
    g_autofree char *log = run_default(
        "{\"execute\":\"a\",\"execute\":\"b\"}\n"
        "{\"a\":{\"x\":1,\"x\":2}}\n"
        "{\"a\":1,\"\\u0061\":2}\n"
        "{\"a\":1,\"b\":{\"a\":1},\"c\":[{\"a\":1},{\"a\":1}]}\n"
        "{\"k\":\"v\",\"v\":\"k\"}\n", 0);

    g_assert_cmpstr(log, ==,
                    "E:JSON parse error, duplicate key\n"
                    "E:JSON parse error, duplicate key\n"
                    "E:JSON parse error, duplicate key\n"
                    "V:{\"a\": 1, \"b\": {\"a\": 1}, \"c\": [{\"a\": 1}, "
                    "{\"a\": 1}]}\n"
                    "V:{\"k\": \"v\", \"v\": \"k\"}\n");
}

static void test_lexical_error_resync(void)
{
    /*
     * As QEMU's lexer: junk glued to a command costs only the junk.  A
     * lower-case word is a (bad) keyword token; other characters are
     * stray, and the lexer skips to the next structural character.
     */
    const char *input = "xxx{\"execute\":\"a\"}"
                        "X{\"execute\":\"b\"}"
                        "@@ junk! {\"execute\":\"c\"}"
                        "01{\"execute\":\"d\"}";
    const char *expected =
        "E:JSON parse error, unexpected character\n"
        "V:{\"execute\": \"a\"}\n"
        "E:JSON parse error, stray 'X'\n"
        "V:{\"execute\": \"b\"}\n"
        "E:JSON parse error, stray '@'\n"
        "V:{\"execute\": \"c\"}\n"
        "E:JSON parse error, stray '01'\n"
        "V:{\"execute\": \"d\"}\n";

    for (size_t chunk = 0; chunk < 4; chunk++) {
        g_autofree char *log = run_default(input, chunk);
        g_assert_cmpstr(log, ==, expected);
    }
}

static void test_control_character_in_string(void)
{
    /*
     * A raw control character (tab included) inside a string is a lexical
     * error; recovery resumes at the "}", which is a value of its own.
     */
    g_autofree char *log = run_default(
        "{\"execute\":\"a\nb\"}\n{\"execute\":\"t\tb\"}\n"
        "{\"execute\":\"c\"}\n", 0);

    g_assert_cmpstr(log, ==,
                    "E:JSON parse error, stray '\"a\n'\n"
                    "E:JSON parse error, unexpected character\n"
                    "E:JSON parse error, stray '\"t\t'\n"
                    "E:JSON parse error, unexpected character\n"
                    "V:{\"execute\": \"c\"}\n");
}

static void test_qemu_nesting_limit(void)
{
    /* QEMU 7.2's MAX_NESTING: 1024 levels pass, 1025 do not. */
    GString *in = g_string_new(NULL);
    g_autofree char *log = NULL;

    for (int depth = 1024; depth <= 1025; depth++) {
        for (int i = 0; i < depth; i++) {
            g_string_append_c(in, '[');
        }
        for (int i = 0; i < depth; i++) {
            g_string_append_c(in, ']');
        }
        g_string_append_c(in, '\n');
    }
    g_string_append(in, "[3]\n");
    log = run(in->str, in->len, 0, QMP_STREAM_MAX_SIZE, QMP_STREAM_MAX_DEPTH);
    g_assert_cmpuint(QMP_STREAM_MAX_DEPTH, ==, 1024);
    g_assert_true(g_str_has_prefix(log, "V:[[[["));
    g_assert_true(g_str_has_suffix(log, "]]]]\n"
                                   "E:JSON nesting depth limit exceeded\n"
                                   "V:[3]\n"));
    g_assert_cmpuint(strlen(log), ==, 2 + 2048 + 1 + 36 + 6);
    g_string_free(in, TRUE);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qmp/stream/split-everywhere", test_split_everywhere);
    g_test_add_func("/qmp/stream/several-per-read", test_several_per_read);
    g_test_add_func("/qmp/stream/garbage-resync", test_garbage_resync);
    g_test_add_func("/qmp/stream/size-limit", test_size_limit);
    g_test_add_func("/qmp/stream/blanks-do-not-count",
                    test_blanks_do_not_count);
    g_test_add_func("/qmp/stream/size-limit-streaming",
                    test_size_limit_streaming);
    g_test_add_func("/qmp/stream/depth-limit", test_depth_limit);
    g_test_add_func("/qmp/stream/duplicate-key", test_duplicate_key);
    g_test_add_func("/qmp/stream/lexical-error-resync",
                    test_lexical_error_resync);
    g_test_add_func("/qmp/stream/control-character-in-string",
                    test_control_character_in_string);
    g_test_add_func("/qmp/stream/qemu-nesting-limit", test_qemu_nesting_limit);
    return g_test_run();
}
