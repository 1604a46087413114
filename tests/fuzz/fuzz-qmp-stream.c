/*
 * fuzz-qmp-stream - libFuzzer target for the QMP input path without a
 * machine: byte stream framing (monitor/qmp-stream.c), request checks and
 * dispatch (qmp-dispatch.c), the generated marshallers with their
 * argument checks (qapi-input.c) and the reply encoder (qmp-json.c).
 *
 * The command table is the unit tests' schema (tests/unit/
 * qapi-schema-test.json): it has every argument kind the real schema
 * uses (nested structs, lists, enums, any, optional members), and its
 * handlers here only echo, so no machine state is involved.
 *
 * Input layout: byte 0 picks the read size (1..64 bytes, or everything at
 * once for 0), byte 1 bit 0 enables oob and bit 1 selects small limits
 * (256 bytes, depth 4) so the size and depth caps are reached; the rest is
 * the byte stream a client sends.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "test-qapi-commands.h"
#include "monitor/qmp-dispatch.h"
#include "monitor/qmp-json.h"
#include "monitor/qmp-stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ------------------------------------------------ handlers (echo only) */

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
        /* An enum the marshaller let through must be a valid index. */
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

/* ------------------------------------------------ the stream consumer */

typedef struct Conn {
    bool allow_oob;
    size_t values, errors;
} Conn;

/* What the monitor does with each value: dispatch, encode the reply. */
static void emit(void *opaque, json_object *obj, const GError *err)
{
    Conn *c = opaque;
    json_object *rsp;
    char *text;

    if (err) {
        /* The monitor sends this text back: it must be a usable message. */
        g_assert(err->message && err->message[0]);
        rsp = qmp_error_response(err);
        c->errors++;
    } else {
        rsp = qmp_dispatch(qmp_commands, obj, c->allow_oob);
        json_object_put(obj);
        c->values++;
    }
    /* Every reply is an object with exactly one of "return" or "error". */
    g_assert(json_object_is_type(rsp, json_type_object));
    g_assert(json_object_object_get_ex(rsp, "return", NULL) !=
             json_object_object_get_ex(rsp, "error", NULL));
    text = qmp_json_to_string(rsp);
    g_assert(text && text[0] == '{' && !strchr(text, '\n'));
    g_free(text);
    json_object_put(rsp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Conn c = { 0 };
    QmpStream *s;
    size_t chunk;

    if (size < 2) {
        return 0;
    }
    chunk = data[0] % 65;
    c.allow_oob = data[1] & 1;
    s = (data[1] & 2) ? qmp_stream_new(256, 4, emit, &c)
                      : qmp_stream_new(QMP_STREAM_MAX_SIZE, QMP_STREAM_MAX_DEPTH,
                                       emit, &c);
    data += 2;
    size -= 2;
    chunk = chunk ? chunk : MAX(size, 1);
    for (size_t off = 0; off < size; off += chunk) {
        /* A fresh copy per read, so ASan sees any read past its end. */
        size_t n = MIN(chunk, size - off);
        char *piece = g_memdup2(data + off, n);

        qmp_stream_feed(s, piece, n);
        g_free(piece);
    }
    qmp_stream_free(s);
    return 0;
}
