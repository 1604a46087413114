/* SPDX-License-Identifier: GPL-2.0-or-later */
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
#include "qapi-test-handlers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
