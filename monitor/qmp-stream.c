/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-stream.c - splitting a QMP byte stream into JSON values.
 *
 * Two stages, as in QEMU (qobject/json-lexer.c, json-streamer.c): a lexer
 * with QEMU's token grammar cuts the bytes into tokens and counts the
 * brackets, so that it knows where a value ends and where a lexical error
 * is; the bytes of one complete value are then parsed by json-c.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "monitor/qmp-stream.h"

typedef enum LexState {
    LEX_START,
    LEX_RECOVERY,           /* after a lexical error: skipping */
    LEX_KEYWORD,
    LEX_DQ_STRING,
    LEX_DQ_ESCAPE,
    LEX_SQ_STRING,
    LEX_SQ_ESCAPE,
    LEX_SIGN,
    LEX_ZERO,
    LEX_DIGITS,
    LEX_MANTISSA,
    LEX_MANTISSA_DIGITS,
    LEX_EXP_E,
    LEX_EXP_SIGN,
    LEX_EXP_DIGITS,
} LexState;

/* What a byte does in the current state. */
typedef enum LexStep {
    STEP_MORE,              /* consumed; the token goes on */
    STEP_TOKEN,             /* consumed; it ends the token */
    STEP_END,               /* not consumed: the token ended before it */
    STEP_SKIP,              /* consumed; not part of any token */
    STEP_ERROR,             /* consumed; a lexical error */
} LexStep;

/* An open object or array of the value being read. */
typedef struct Container {
    GHashTable *keys;       /* object: the member names so far; array: NULL */
    bool expect_key;        /* object: the next string is a member name */
} Container;

struct QmpStream {
    LexState state;
    GString *value;         /* the bytes of the current value */
    size_t token_start;     /* where the current token starts in @value */
    unsigned char token_first;  /* its first byte */
    int depth;              /* brackets and braces open */
    GArray *containers;     /* Container, innermost last */
    bool discarding;        /* over a limit: lexed to its end, not kept */
    bool duplicate;         /* the value has a duplicate member name */
    json_tokener *tok;
    size_t max_size;
    int max_depth;
    QmpStreamEmit *emit;
    void *opaque;
};

static bool is_structural(unsigned char c)
{
    return c == '{' || c == '}' || c == '[' || c == ']' || c == ':' ||
           c == ',';
}

static bool is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Where a token starts, QEMU's IN_START. */
static LexStep lex_start(QmpStream *s, unsigned char c)
{
    if (is_structural(c)) {
        return STEP_TOKEN;
    }
    if (is_blank(c)) {
        return STEP_SKIP;
    }
    if (c >= 'a' && c <= 'z') {
        s->state = LEX_KEYWORD;
    } else if (c == '"') {
        s->state = LEX_DQ_STRING;
    } else if (c == '\'') {
        s->state = LEX_SQ_STRING;
    } else if (c == '-') {
        s->state = LEX_SIGN;
    } else if (c == '0') {
        s->state = LEX_ZERO;
    } else if (c >= '1' && c <= '9') {
        s->state = LEX_DIGITS;
    } else {
        return STEP_ERROR;
    }
    return STEP_MORE;
}

/* Inside a string quoted by @quote: control characters are errors. */
static LexStep lex_string(QmpStream *s, unsigned char c, bool escaped,
                          unsigned char quote, LexState plain, LexState esc)
{
    if (c < 0x20 || c >= 0xfe) {
        return STEP_ERROR;
    }
    if (escaped) {
        s->state = plain;       /* the parser judges the escape */
    } else if (c == '\\') {
        s->state = esc;
    } else if (c == quote) {
        return STEP_TOKEN;
    }
    return STEP_MORE;
}

/* Numbers, with QEMU's grammar: "-", "0", digits, fraction, exponent. */
static LexStep lex_number(QmpStream *s, unsigned char c)
{
    bool digit = c >= '0' && c <= '9';
    bool exp = c == 'e' || c == 'E';

    switch (s->state) {
    case LEX_SIGN:
        s->state = c == '0' ? LEX_ZERO : LEX_DIGITS;
        return digit ? STEP_MORE : STEP_ERROR;
    case LEX_ZERO:
        s->state = c == '.' ? LEX_MANTISSA : s->state;
        return digit ? STEP_ERROR : c == '.' ? STEP_MORE : STEP_END;
    case LEX_DIGITS:
    case LEX_MANTISSA_DIGITS:
        if (c == '.' && s->state == LEX_DIGITS) {
            s->state = LEX_MANTISSA;
        } else if (exp) {
            s->state = LEX_EXP_E;
        } else if (!digit) {
            return STEP_END;
        }
        return STEP_MORE;
    case LEX_MANTISSA:
        s->state = LEX_MANTISSA_DIGITS;
        return digit ? STEP_MORE : STEP_ERROR;
    case LEX_EXP_E:
        s->state = digit ? LEX_EXP_DIGITS : LEX_EXP_SIGN;
        return digit || c == '-' || c == '+' ? STEP_MORE : STEP_ERROR;
    case LEX_EXP_SIGN:
        s->state = LEX_EXP_DIGITS;
        return digit ? STEP_MORE : STEP_ERROR;
    default:
        return digit ? STEP_MORE : STEP_END;
    }
}

static LexStep lex_step(QmpStream *s, unsigned char c)
{
    switch (s->state) {
    case LEX_START:
        return lex_start(s, c);
    case LEX_RECOVERY:
        /*
         * As QEMU: skip to a structural character, a control character
         * other than tab, or an impossible UTF-8 byte, and read that
         * again from the start state.
         */
        if (is_structural(c) || (c < 0x20 && c != '\t') || c >= 0xfe) {
            s->state = LEX_START;
            return STEP_END;
        }
        return STEP_SKIP;
    case LEX_KEYWORD:
        return c >= 'a' && c <= 'z' ? STEP_MORE : STEP_END;
    case LEX_DQ_STRING:
    case LEX_DQ_ESCAPE:
        return lex_string(s, c, s->state == LEX_DQ_ESCAPE, '"',
                          LEX_DQ_STRING, LEX_DQ_ESCAPE);
    case LEX_SQ_STRING:
    case LEX_SQ_ESCAPE:
        return lex_string(s, c, s->state == LEX_SQ_ESCAPE, '\'',
                          LEX_SQ_STRING, LEX_SQ_ESCAPE);
    default:
        return lex_number(s, c);
    }
}

/* ------------------------------------------------------------ values */

static void container_clear(gpointer p)
{
    Container *c = p;

    if (c->keys) {
        g_hash_table_destroy(c->keys);
    }
}

/* Forgets the value being read (the lexer state stays). */
static void value_reset(QmpStream *s)
{
    g_string_truncate(s->value, 0);
    s->token_start = 0;
    s->depth = 0;
    g_array_set_size(s->containers, 0);
    s->discarding = false;
    s->duplicate = false;
}

static void report(QmpStream *s, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static void report(QmpStream *s, const char *fmt, ...)
{
    g_autoptr(GError) err = NULL;
    va_list ap;

    va_start(ap, fmt);
    err = g_error_new_valist(QAPI_ERROR, QAPI_ERROR_CLASS_GENERIC_ERROR,
                             fmt, ap);
    va_end(ap);
    s->emit(s->opaque, NULL, err);
}

/* A limit error: the rest of the value is lexed, but not kept. */
static void over_limit(QmpStream *s, const char *what)
{
    int depth = s->depth;

    report(s, "JSON %s limit exceeded", what);
    value_reset(s);
    s->depth = depth;
    s->discarding = true;
}

/* A lexical error at byte @c: QEMU's message, then recovery. */
static void lexical_error(QmpStream *s, unsigned char c)
{
    g_autofree char *stray = NULL;

    if (s->discarding) {
        stray = g_strndup((const char *)&c, 1);
    } else {
        stray = g_strndup(s->value->str + s->token_start,
                          s->value->len - s->token_start);
    }
    report(s, "JSON parse error, stray '%s'", stray);
    value_reset(s);
    s->state = LEX_RECOVERY;
}

/* Parses the complete value with json-c and emits it (or the error). */
static void value_finish(QmpStream *s)
{
    json_object *obj;
    enum json_tokener_error jerr;

    if (!s->discarding) {
        json_tokener_reset(s->tok);
        /* With the NUL: a number at the very end is complete. */
        obj = json_tokener_parse_ex(s->tok, s->value->str, s->value->len + 1);
        jerr = json_tokener_get_error(s->tok);
        if (jerr != json_tokener_success) {
            report(s, "JSON parse error, %s", json_tokener_error_desc(jerr));
        } else if (s->duplicate) {
            json_object_put(obj);
            report(s, "JSON parse error, duplicate key");
        } else {
            value_reset(s);
            s->emit(s->opaque, obj, NULL);
            return;
        }
    }
    value_reset(s);
}

static Container *innermost(QmpStream *s)
{
    return s->containers->len
           ? &g_array_index(s->containers, Container, s->containers->len - 1)
           : NULL;
}

/*
 * A string where an object expects a member name: json-c keeps the last of
 * two equal names silently, QEMU refuses the value.  The name is compared
 * decoded, so "a" and "\u0061" are the same.
 */
static void check_member_name(QmpStream *s, Container *c)
{
    const char *text = s->value->str + s->token_start;
    size_t len = s->value->len - s->token_start;
    json_object *name;

    json_tokener_reset(s->tok);
    name = json_tokener_parse_ex(s->tok, text, len);
    if (json_object_is_type(name, json_type_string) &&
        !g_hash_table_add(c->keys, g_strdup(json_object_get_string(name)))) {
        s->duplicate = true;
    }
    json_object_put(name);
}

/* Tracks brackets and member names of the token that just ended. */
static void token_done(QmpStream *s, unsigned char first)
{
    Container *c = innermost(s);

    if (first == '{' || first == '[') {
        Container open = {
            .keys = first == '{' && !s->discarding
                    ? g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                            NULL) : NULL,
            .expect_key = first == '{',
        };
        if (++s->depth > s->max_depth) {
            over_limit(s, "nesting depth");
        } else if (!s->discarding) {
            g_array_append_val(s->containers, open);
        }
    } else if (first == '}' || first == ']') {
        s->depth--;
        if (c) {
            g_array_set_size(s->containers, s->containers->len - 1);
        }
    } else if (c && c->keys) {
        if (first == '"' || first == '\'') {
            if (c->expect_key) {
                check_member_name(s, c);
            }
        }
        c->expect_key = first == ',';
    }
    if (s->depth <= 0) {
        value_finish(s);
    }
}

/* Keeps byte @c of the value, unless that makes it too large. */
static void value_append(QmpStream *s, unsigned char c)
{
    if (s->discarding) {
        return;
    }
    if (s->value->len >= s->max_size) {
        over_limit(s, "token size");
        return;
    }
    g_string_append_c(s->value, c);
}

static void feed_byte(QmpStream *s, unsigned char c)
{
    LexStep step;

    do {
        LexState before = s->state;

        if (before == LEX_START) {
            s->token_start = s->value->len;
            s->token_first = c;
        }
        step = lex_step(s, c);
        if (step == STEP_SKIP) {
            /* Blanks inside a value keep its tokens apart for json-c. */
            if (before == LEX_START && s->depth > 0) {
                value_append(s, c);
            }
        } else if (step != STEP_END) {
            value_append(s, c);
        }
        if (step == STEP_ERROR) {
            lexical_error(s, c);
        } else if (step == STEP_TOKEN || (step == STEP_END &&
                                          before != LEX_RECOVERY)) {
            s->state = LEX_START;
            token_done(s, s->token_first);
        }
    } while (step == STEP_END);
}

QmpStream *qmp_stream_new(size_t max_size, int max_depth,
                          QmpStreamEmit *emit, void *opaque)
{
    QmpStream *s = g_new0(QmpStream, 1);

    /* The lexer enforces the depth; json-c only must not stop first. */
    s->tok = json_tokener_new_ex(max_depth + 2);
    /*
     * Strict JSON (no comments, trailing commas or leading zeros) but,
     * like QEMU, single-quoted strings are accepted.
     */
    json_tokener_set_flags(s->tok, JSON_TOKENER_STRICT |
                           JSON_TOKENER_VALIDATE_UTF8);
    s->value = g_string_new(NULL);
    s->containers = g_array_new(FALSE, FALSE, sizeof(Container));
    g_array_set_clear_func(s->containers, container_clear);
    s->max_size = max_size;
    s->max_depth = max_depth;
    s->emit = emit;
    s->opaque = opaque;
    return s;
}

void qmp_stream_free(QmpStream *s)
{
    if (s) {
        json_tokener_free(s->tok);
        g_string_free(s->value, TRUE);
        g_array_free(s->containers, TRUE);
        g_free(s);
    }
}

void qmp_stream_feed(QmpStream *s, const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        feed_byte(s, (unsigned char)buf[i]);
    }
}
