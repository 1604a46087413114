/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-stream.c - splitting a QMP byte stream into JSON values.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "monitor/qmp-stream.h"

struct QmpStream {
    json_tokener *tok;
    size_t max_size;
    size_t used;         /* bytes fed to the tokener for the current value */
    bool skipping;       /* after an error: dropping input until a resync */
    /*
     * json-c validates UTF-8 per call, so a character split between two
     * reads would be rejected: its first bytes wait here for the rest.
     */
    char carry[4];
    size_t carry_len;
    QmpStreamEmit *emit;
    void *opaque;
};

QmpStream *qmp_stream_new(size_t max_size, int max_depth,
                          QmpStreamEmit *emit, void *opaque)
{
    QmpStream *s = g_new0(QmpStream, 1);

    s->tok = json_tokener_new_ex(max_depth);
    /*
     * Strict JSON (no comments, trailing commas or leading zeros) but,
     * like QEMU, single-quoted strings are accepted; several values may
     * follow each other in one buffer.
     */
    json_tokener_set_flags(s->tok, JSON_TOKENER_STRICT |
                           JSON_TOKENER_ALLOW_TRAILING_CHARS |
                           JSON_TOKENER_VALIDATE_UTF8);
    s->max_size = max_size;
    s->emit = emit;
    s->opaque = opaque;
    return s;
}

void qmp_stream_free(QmpStream *s)
{
    if (s) {
        json_tokener_free(s->tok);
        g_free(s);
    }
}

/*
 * Resynchronisation points are control characters, as in QEMU's lexer:
 * line endings are the natural ones, and a client can force recovery
 * with any other (e.g. 0x1b).  Returns how many bytes of @buf to drop.
 */
static size_t skip_to_resync(QmpStream *s, const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)buf[i] < 0x20) {
            s->skipping = false;
            return i + 1;
        }
    }
    return len;
}

static void report_error(QmpStream *s, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);

static void report_error(QmpStream *s, const char *fmt, ...)
{
    g_autoptr(GError) err = NULL;
    va_list ap;

    va_start(ap, fmt);
    err = g_error_new_valist(QAPI_ERROR, QAPI_ERROR_CLASS_GENERIC_ERROR,
                             fmt, ap);
    va_end(ap);
    json_tokener_reset(s->tok);
    s->used = 0;
    s->skipping = true;
    s->emit(s->opaque, NULL, err);
}

/* Blanks between values do not count against the size of the next one. */
static size_t skip_blanks(const char *buf, size_t len)
{
    size_t i = 0;

    while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
                       buf[i] == '\n')) {
        i++;
    }
    return i;
}

/* Feeds at most the rest of the size budget; returns the bytes consumed. */
static size_t feed_once(QmpStream *s, const char *buf, size_t len)
{
    if (!s->used) {
        size_t blanks = skip_blanks(buf, len);
        if (blanks) {
            return blanks;
        }
    }
    size_t n = MIN(len, s->max_size - s->used);
    json_object *obj = json_tokener_parse_ex(s->tok, buf, n);
    enum json_tokener_error jerr = json_tokener_get_error(s->tok);
    size_t end = json_tokener_get_parse_end(s->tok);

    switch (jerr) {
    case json_tokener_success:
        json_tokener_reset(s->tok);
        s->used = 0;
        s->emit(s->opaque, obj, NULL);
        return end;
    case json_tokener_continue:
        s->used += n;
        if (s->used >= s->max_size) {
            report_error(s, "JSON token size limit exceeded");
        }
        return n;
    case json_tokener_error_depth:
        report_error(s, "JSON nesting depth limit exceeded");
        return end;
    default:
        report_error(s, "JSON parse error, %s",
                     json_tokener_error_desc(jerr));
        /* The offending byte starts the skipped input. */
        return end;
    }
}

static void feed_all(QmpStream *s, const char *buf, size_t len)
{
    while (len) {
        size_t n = s->skipping ? skip_to_resync(s, buf, len)
                               : feed_once(s, buf, len);
        buf += n;
        len -= n;
    }
}

/* The length of the UTF-8 sequence that lead byte @c starts. */
static size_t utf8_seq_len(unsigned char c)
{
    return c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

/* How many bytes at the end of @buf start a sequence it does not finish. */
static size_t utf8_incomplete_tail(const char *buf, size_t len)
{
    for (size_t i = 1; i <= MIN(len, 3); i++) {
        unsigned char c = buf[len - i];

        if ((c & 0xc0) != 0x80) {
            return utf8_seq_len(c) > i ? i : 0;
        }
    }
    return 0;
}

void qmp_stream_feed(QmpStream *s, const char *buf, size_t len)
{
    if (s->carry_len) {
        size_t need = utf8_seq_len(s->carry[0]) - s->carry_len;
        size_t take = MIN(need, len);

        memcpy(s->carry + s->carry_len, buf, take);
        s->carry_len += take;
        buf += take;
        len -= take;
        if (take < need) {
            return;
        }
        feed_all(s, s->carry, s->carry_len);
        s->carry_len = 0;
    }
    size_t tail = utf8_incomplete_tail(buf, len);
    feed_all(s, buf, len - tail);
    memcpy(s->carry, buf + len - tail, tail);
    s->carry_len = tail;
}
