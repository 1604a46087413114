/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-json.c - JSON text exactly as QEMU's monitor writes it.
 */
#include "qemu/osdep.h"
#include "monitor/qmp-json.h"

static const char *short_escape(gunichar cp)
{
    switch (cp) {
    case '"':
        return "\\\"";
    case '\\':
        return "\\\\";
    case '\b':
        return "\\b";
    case '\f':
        return "\\f";
    case '\n':
        return "\\n";
    case '\r':
        return "\\r";
    case '\t':
        return "\\t";
    default:
        return NULL;
    }
}

static void append_string(GString *out, const char *s)
{
    const char *p = s;

    g_string_append_c(out, '"');
    while (*p) {
        gunichar cp = g_utf8_get_char_validated(p, -1);
        const char *esc;

        if (cp == (gunichar)-1 || cp == (gunichar)-2) {
            /* Invalid UTF-8: one U+FFFD per bad byte, as QEMU. */
            g_string_append(out, "\\uFFFD");
            p++;
            continue;
        }
        p = g_utf8_next_char(p);
        esc = short_escape(cp);
        if (esc) {
            g_string_append(out, esc);
        } else if (cp >= 0x20 && cp <= 0x7f) {
            g_string_append_c(out, (char)cp);
        } else if (cp > 0xffff) {
            cp -= 0x10000;
            g_string_append_printf(out, "\\u%04X\\u%04X",
                                   0xd800 | (cp >> 10), 0xdc00 | (cp & 0x3ff));
        } else {
            g_string_append_printf(out, "\\u%04X", cp);
        }
    }
    g_string_append_c(out, '"');
}

void qmp_json_append(GString *out, json_object *obj)
{
    bool first = true;
    char num[G_ASCII_DTOSTR_BUF_SIZE];
    struct json_object_iter member;

    switch (json_object_get_type(obj)) {
    case json_type_null:
        g_string_append(out, "null");
        break;
    case json_type_boolean:
        g_string_append(out, json_object_get_boolean(obj) ? "true" : "false");
        break;
    case json_type_int:
        /* json_object_to_json_string handles int64 and uint64 alike. */
        g_string_append(out, json_object_to_json_string(obj));
        break;
    case json_type_double:
        /* QEMU prints doubles with "%.17g" (in the C locale). */
        g_string_append(out, g_ascii_formatd(num, sizeof(num), "%.17g",
                                             json_object_get_double(obj)));
        break;
    case json_type_string:
        append_string(out, json_object_get_string(obj));
        break;
    case json_type_object:
        g_string_append_c(out, '{');
        json_object_object_foreachC(obj, member) {
            g_string_append(out, first ? "" : ", ");
            append_string(out, member.key);
            g_string_append(out, ": ");
            qmp_json_append(out, member.val);
            first = false;
        }
        g_string_append_c(out, '}');
        break;
    case json_type_array:
        g_string_append_c(out, '[');
        for (size_t i = 0; i < json_object_array_length(obj); i++) {
            g_string_append(out, i ? ", " : "");
            qmp_json_append(out, json_object_array_get_idx(obj, i));
        }
        g_string_append_c(out, ']');
        break;
    }
}

char *qmp_json_to_string(json_object *obj)
{
    GString *out = g_string_new(NULL);

    qmp_json_append(out, obj);
    return g_string_free(out, FALSE);
}
