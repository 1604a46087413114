/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hmp.c - the human monitor: command line parsing, help, and running a
 * command line.  The frontend on chardev connections is hmp-conn.c.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "monitor/hmp.h"
#include "monitor/monitor.h"

void hmp_printf(HMPSession *hs, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    g_string_append_vprintf(hs->out, fmt, ap);
    va_end(ap);
}

void hmp_handle_error(HMPSession *hs, GError *err)
{
    if (err) {
        hmp_printf(hs, "Error: %s\n", err->message);
        g_error_free(err);
    }
}

CPUState *hmp_cur_cpu(HMPSession *hs)
{
    CPUState *cs = qemu_get_cpu(hs->cpu_index);

    return cs ? cs : qemu_get_cpu(0);
}

/* "quit|q" matches "quit" and "q". */
static bool cmd_matches(const char *names, const char *name)
{
    g_auto(GStrv) alts = g_strsplit(names, "|", -1);

    return g_strv_contains((const char *const *)alts, name);
}

static const HMPCommand *find_cmd(const HMPCommand *table, const char *name)
{
    for (const HMPCommand *cmd = table; cmd->name; cmd++) {
        if (cmd_matches(cmd->name, name)) {
            return cmd;
        }
    }
    return NULL;
}

/* ------------------------------------------------------------ help */

static void help_dump(HMPSession *hs, const HMPCommand *table, char **args,
                      int nargs, int index)
{
    const HMPCommand *cmd;

    if (index >= nargs) {
        for (const HMPCommand *entry = table; entry->name; entry++) {
            for (int i = 0; i < index; i++) {
                hmp_printf(hs, "%s ", args[i]);
            }
            hmp_printf(hs, "%s %s -- %s\n", entry->name, entry->params,
                       entry->help);
        }
        return;
    }
    cmd = find_cmd(table, args[index]);
    if (!cmd) {
        hmp_printf(hs, "unknown command: '");
        for (int i = 0; i <= index; i++) {
            hmp_printf(hs, "%s%s", args[i], i == index ? "'\n" : " ");
        }
    } else if (cmd->sub_table) {
        help_dump(hs, cmd->sub_table, args, nargs, index + 1);
    } else {
        for (int i = 0; i < index; i++) {
            hmp_printf(hs, "%s ", args[i]);
        }
        hmp_printf(hs, "%s %s -- %s\n", cmd->name, cmd->params, cmd->help);
    }
}

void hmp_help(HMPSession *hs, const char *names)
{
    g_auto(GStrv) args = g_strsplit_set(names ? names : "", " \t", -1);
    int nargs = 0;

    /* Drop the empty words that runs of blanks leave. */
    for (int i = 0; args[i]; i++) {
        if (args[i][0]) {
            args[nargs++] = args[i];
        } else {
            g_free(args[i]);
        }
    }
    args[nargs] = NULL;
    help_dump(hs, hmp_cmds, args, nargs, 0);
}

/* ------------------------------------------------------------ parsing */

static const char *skip_space(const char *p)
{
    while (g_ascii_isspace(*p)) {
        p++;
    }
    return p;
}

/* A word, or a double-quoted string with backslash escapes. */
static char *get_str(const char **pp)
{
    const char *p = skip_space(*pp);
    GString *s = g_string_new(NULL);

    if (*p == '"') {
        for (p++; *p && *p != '"'; p++) {
            if (*p == '\\' && p[1]) {
                p++;
            }
            g_string_append_c(s, *p);
        }
        if (*p != '"') {
            g_string_free(s, TRUE);
            return NULL;
        }
        p++;
    } else {
        while (*p && !g_ascii_isspace(*p)) {
            g_string_append_c(s, *p++);
        }
    }
    *pp = p;
    return g_string_free(s, FALSE);
}

static bool parse_int(HMPSession *hs, const char **pp, int64_t *val)
{
    const char *p = skip_space(*pp);
    char *end;

    if (!*p) {
        hmp_printf(hs, "unexpected end of expression\n");
        return false;
    }
    errno = 0;
    *val = strtoll(p, &end, 0);
    if (end == p || (*end && !g_ascii_isspace(*end)) || errno) {
        hmp_printf(hs, "invalid char '%c' in expression\n",
                   end == p || !*end ? *p : *end);
        return false;
    }
    *pp = end;
    return true;
}

/* Parses one "key:T[?]" argument at *pp into @args. */
static bool parse_arg(HMPSession *hs, const HMPCommand *cmd, const char *spec,
                      const char **pp, json_object *args)
{
    g_autofree char *key = g_strndup(spec, strchr(spec, ':') - spec);
    const char *type = strchr(spec, ':') + 1;
    bool optional = strchr(type, '?') != NULL;
    const char *p = skip_space(*pp);
    int64_t ival;

    if (type[0] == '-') {
        if (p[0] == '-' && p[1] == type[1] &&
            (!p[2] || g_ascii_isspace(p[2]))) {
            json_object_object_add(args, key, json_object_new_boolean(true));
            *pp = p + 2;
        } else if (p[0] == '-' && p[1] && !g_ascii_isdigit(p[1])) {
            hmp_printf(hs, "%s: unsupported option -%c\n", cmd->name, p[1]);
            return false;
        }
        return true;
    }
    if (!*p && optional) {
        return true;
    }
    switch (type[0]) {
    case 'S':
        json_object_object_add(args, key, json_object_new_string(p));
        *pp = p + strlen(p);
        return true;
    case 's': {
        g_autofree char *s = get_str(&p);
        if (!s || (!*s && !optional)) {
            hmp_printf(hs, "%s: string expected\n", cmd->name);
            return false;
        }
        json_object_object_add(args, key, json_object_new_string(s));
        *pp = p;
        return true;
    }
    case 'i':
        if (!parse_int(hs, &p, &ival)) {
            return false;
        }
        json_object_object_add(args, key, json_object_new_int64(ival));
        *pp = p;
        return true;
    }
    g_assert_not_reached();
}

static json_object *parse_args(HMPSession *hs, const HMPCommand *cmd,
                               const char **pp)
{
    g_auto(GStrv) specs = g_strsplit(cmd->args_type, ",", -1);
    json_object *args = json_object_new_object();

    for (int i = 0; specs[i]; i++) {
        if (specs[i][0] && !parse_arg(hs, cmd, specs[i], pp, args)) {
            json_object_put(args);
            return NULL;
        }
    }
    if (*skip_space(*pp)) {
        hmp_printf(hs, "%s: extraneous characters at the end of line\n",
                   cmd->name);
        json_object_put(args);
        return NULL;
    }
    return args;
}

/* Finds the command, descending into sub-tables ("info status"). */
static const HMPCommand *parse_command(HMPSession *hs, const char *start,
                                       const char **pp,
                                       const HMPCommand *table)
{
    const char *p = skip_space(*pp);
    const char *name_end = p;
    g_autofree char *name = NULL;
    const HMPCommand *cmd;

    while (*name_end && !g_ascii_isspace(*name_end)) {
        name_end++;
    }
    name = g_strndup(p, name_end - p);
    cmd = find_cmd(table, name);
    if (!cmd) {
        hmp_printf(hs, "unknown command: '%.*s'\n", (int)(name_end - start),
                   start);
        return NULL;
    }
    *pp = skip_space(name_end);
    if (cmd->sub_table && **pp) {
        return parse_command(hs, start, pp, cmd->sub_table);
    }
    return cmd;
}

/* The command's name as typed, up to its arguments, for the hint. */
static int typed_name_len(const char *start, const char *args)
{
    while (args > start && g_ascii_isspace(args[-1])) {
        args--;
    }
    return args - start;
}

const HMPCommand *hmp_parse_line(HMPSession *hs, const char *cmdline,
                                 json_object **args)
{
    const char *start = skip_space(cmdline);
    const char *p = start;
    const HMPCommand *cmd;
    int name_len;

    *args = NULL;
    if (!*start) {
        return NULL;
    }
    cmd = parse_command(hs, start, &p, hmp_cmds);
    if (!cmd) {
        return NULL;
    }
    /* Before parse_args moves p: QEMU's hint names the command. */
    name_len = typed_name_len(start, p);
    *args = parse_args(hs, cmd, &p);
    if (!*args) {
        hmp_printf(hs, "Try \"help %.*s\" for more information\n",
                   name_len, start);
        return NULL;
    }
    return cmd;
}

void hmp_handle_command(HMPSession *hs, const char *cmdline)
{
    json_object *args;
    const HMPCommand *cmd = hmp_parse_line(hs, cmdline, &args);

    if (cmd) {
        cmd->cmd(hs, args);
        json_object_put(args);
    }
}

char *hmp_to_crlf(const GString *text)
{
    GString *out = g_string_sized_new(text->len + 16);

    for (gsize i = 0; i < text->len; i++) {
        if (text->str[i] == '\n') {
            g_string_append_c(out, '\r');
        }
        g_string_append_c(out, text->str[i]);
    }
    return g_string_free(out, FALSE);
}

char *hmp_run_command_on_cpu(const char *cmdline, int cpu_index)
{
    g_autoptr(GString) out = g_string_new(NULL);
    HMPSession hs = { .out = out, .cpu_index = cpu_index };

    hmp_handle_command(&hs, cmdline);
    return hmp_to_crlf(out);
}
