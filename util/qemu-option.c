/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qemu-option.c - option strings in QEMU's dotted and JSON forms.
 */
#include "qemu/osdep.h"
#include "qemu/option.h"
#include "qapi/error.h"
#include <json-c/json.h>

typedef struct QemuOpt {
    char *key;
    char *value;
    bool used;
} QemuOpt;

struct QemuOpts {
    GPtrArray *opts; /* QemuOpt *, in command-line order */
};

static void qemu_opt_free(gpointer p)
{
    QemuOpt *opt = p;
    g_free(opt->key);
    g_free(opt->value);
    g_free(opt);
}

static void opts_add(QemuOpts *opts, const char *key, const char *value)
{
    QemuOpt *opt = g_new0(QemuOpt, 1);
    opt->key = g_strdup(key);
    opt->value = g_strdup(value);
    g_ptr_array_add(opts->opts, opt);
}

static QemuOpt *opts_find(QemuOpts *opts, const char *key)
{
    /* The last occurrence wins, as in QEMU. */
    for (guint i = opts->opts->len; i > 0; i--) {
        QemuOpt *opt = g_ptr_array_index(opts->opts, i - 1);
        if (!strcmp(opt->key, key)) {
            return opt;
        }
    }
    return NULL;
}

/* Reads one element up to an unescaped ',' (",," is a literal comma). */
static char *read_element(const char **p)
{
    GString *s = g_string_new(NULL);
    const char *c = *p;
    while (*c) {
        if (*c == ',') {
            if (c[1] != ',') {
                break;
            }
            c++;
        }
        g_string_append_c(s, *c++);
    }
    *p = *c ? c + 1 : c;
    return g_string_free(s, FALSE);
}

static bool parse_dotted(QemuOpts *opts, const char *str, const char *implied,
                         GError **errp)
{
    const char *p = str;
    bool first = true;
    while (*p) {
        g_autofree char *elem = read_element(&p);
        char *eq = strchr(elem, '=');
        if (eq) {
            *eq = '\0';
            if (!*elem) {
                error_setg(errp, "Invalid parameter ''");
                return false;
            }
            opts_add(opts, elem, eq + 1);
        } else if (first && implied) {
            opts_add(opts, implied, elem);
        } else if (!*elem) {
            error_setg(errp, "Invalid parameter ''");
            return false;
        } else if (!strncmp(elem, "no", 2) && elem[2]) {
            opts_add(opts, elem + 2, "off");
        } else {
            opts_add(opts, elem, "on");
        }
        first = false;
    }
    return true;
}

static bool parse_json(QemuOpts *opts, const char *str, GError **errp)
{
    enum json_tokener_error jerr;
    json_object *obj = json_tokener_parse_verbose(str, &jerr);
    struct json_object_iter member;

    if (!obj) {
        error_setg(errp, "JSON parse error, %s", json_tokener_error_desc(jerr));
        return false;
    }
    if (!json_object_is_type(obj, json_type_object)) {
        json_object_put(obj);
        error_setg(errp, "JSON option argument must be an object");
        return false;
    }
    json_object_object_foreachC(obj, member) {
        switch (json_object_get_type(member.val)) {
        case json_type_string:
            opts_add(opts, member.key, json_object_get_string(member.val));
            break;
        case json_type_boolean:
            opts_add(opts, member.key,
                     json_object_get_boolean(member.val) ? "on" : "off");
            break;
        case json_type_int:
        case json_type_double:
            opts_add(opts, member.key, json_object_to_json_string(member.val));
            break;
        default:
            error_setg(errp, "Parameter '%s' must be a scalar", member.key);
            json_object_put(obj);
            return false;
        }
    }
    json_object_put(obj);
    return true;
}

QemuOpts *qemu_opts_parse(const char *str, const char *implied_key, GError **errp)
{
    QemuOpts *opts = g_new0(QemuOpts, 1);
    bool ok;

    opts->opts = g_ptr_array_new_with_free_func(qemu_opt_free);
    ok = str[0] == '{' ? parse_json(opts, str, errp)
                       : parse_dotted(opts, str, implied_key, errp);
    if (!ok) {
        qemu_opts_free(opts);
        return NULL;
    }
    return opts;
}

void qemu_opts_free(QemuOpts *opts)
{
    if (opts) {
        g_ptr_array_free(opts->opts, TRUE);
        g_free(opts);
    }
}

const char *qemu_opt_get(QemuOpts *opts, const char *key)
{
    QemuOpt *opt = opts_find(opts, key);
    if (!opt) {
        return NULL;
    }
    /* Every occurrence counts as seen: "a=1,a=2" is not an unknown key. */
    for (guint i = 0; i < opts->opts->len; i++) {
        QemuOpt *o = g_ptr_array_index(opts->opts, i);
        if (!strcmp(o->key, key)) {
            o->used = true;
        }
    }
    return opt->value;
}

bool qemu_opt_has(QemuOpts *opts, const char *key)
{
    return opts_find(opts, key) != NULL;
}

static bool parse_bool(const char *v, bool *out)
{
    static const char *const on[] = { "on", "yes", "true", "y", NULL };
    static const char *const off[] = { "off", "no", "false", "n", NULL };
    for (int i = 0; on[i]; i++) {
        if (!strcmp(v, on[i])) {
            *out = true;
            return true;
        }
        if (!strcmp(v, off[i])) {
            *out = false;
            return true;
        }
    }
    return false;
}

bool qemu_opt_get_bool(QemuOpts *opts, const char *key, bool def,
                       bool *out, GError **errp)
{
    const char *v = qemu_opt_get(opts, key);
    if (!v) {
        *out = def;
        return true;
    }
    if (!parse_bool(v, out)) {
        error_setg(errp, "Parameter '%s' expects 'on' or 'off'", key);
        return false;
    }
    return true;
}

bool qemu_strtou64(const char *str, uint64_t *out)
{
    char *end;
    guint64 v;

    if (!str || !*str || *str == '-' || g_ascii_isspace(*str)) {
        return false;
    }
    errno = 0;
    v = g_ascii_strtoull(str, &end, 0);
    if (errno || *end) {
        return false;
    }
    *out = v;
    return true;
}

bool qemu_opt_get_number(QemuOpts *opts, const char *key, uint64_t def,
                         uint64_t *out, GError **errp)
{
    const char *v = qemu_opt_get(opts, key);
    if (!v) {
        *out = def;
        return true;
    }
    if (!qemu_strtou64(v, out)) {
        error_setg(errp, "Parameter '%s' expects a number", key);
        return false;
    }
    return true;
}

/*
 * ".ddd" after a decimal integer: its value in [0, 1), with *@end past it
 * (0 and *@end untouched if there is none).  QEMU accepts "1.5G".
 */
static double parse_fraction(const char *str, char **end)
{
    const char *p = *end;
    size_t digits;

    if (*p != '.' || !g_ascii_isdigit(*str) ||
        (str[0] == '0' && g_ascii_tolower(str[1]) == 'x')) {
        return 0;
    }
    digits = strspn(p + 1, "0123456789");
    if (!digits) {
        return 0;
    }
    *end = (char *)p + 1 + digits;
    return g_ascii_strtod(p, NULL);
}

bool qemu_strtosz(const char *str, uint64_t default_unit, uint64_t *out)
{
    char *end;
    guint64 v;
    uint64_t unit;
    double fraction;

    if (!str || !*str || *str == '-' || g_ascii_isspace(*str)) {
        return false;
    }
    errno = 0;
    v = g_ascii_strtoull(str, &end, 0);
    if (errno || end == str) {
        return false;
    }
    fraction = parse_fraction(str, &end);
    unit = default_unit;
    switch (g_ascii_tolower(*end)) {
    case '\0': break;
    case 'b': unit = 1; end++; break;
    case 'k': unit = KiB; end++; break;
    case 'm': unit = MiB; end++; break;
    case 'g': unit = GiB; end++; break;
    case 't': unit = GiB * 1024; end++; break;
    default: return false;
    }
    /* As QEMU: no fractions of a byte, nothing past the suffix. */
    if (*end || (fraction && unit == 1) ||
        (v && unit > (UINT64_MAX - (uint64_t)(fraction * unit)) / v)) {
        return false;
    }
    *out = v * unit + (uint64_t)(fraction * unit);
    return true;
}

bool qemu_opt_get_size(QemuOpts *opts, const char *key, uint64_t def,
                       uint64_t *out, GError **errp)
{
    const char *v = qemu_opt_get(opts, key);
    if (!v) {
        *out = def;
        return true;
    }
    if (!qemu_strtosz(v, 1, out)) {
        error_setg(errp, "Parameter '%s' expects a size value "
                   "(a number with an optional suffix K, M, G or T)", key);
        return false;
    }
    return true;
}

bool qemu_opts_check_unused(QemuOpts *opts, GError **errp)
{
    for (guint i = 0; i < opts->opts->len; i++) {
        QemuOpt *opt = g_ptr_array_index(opts->opts, i);
        if (!opt->used) {
            error_setg(errp, "Invalid parameter '%s'", opt->key);
            return false;
        }
    }
    return true;
}
