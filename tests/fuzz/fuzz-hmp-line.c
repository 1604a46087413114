/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz-hmp-line - libFuzzer target for the HMP command line parser
 * (monitor/hmp.c: hmp_parse_line(), the function hmp_handle_command()
 * runs for every line a client sends or human-monitor-command passes),
 * with the real command tables of monitor/hmp-cmds.c.
 *
 * Input layout: up to 8 lines separated by NUL bytes, parsed in order in
 * one session.  A line may hold any other byte, '\n' included: the
 * readline frontend never passes one, but human-monitor-command passes
 * its command-line string as it is.
 *
 * Handlers that need a machine are not run; the functions they call are
 * stubs that abort, so the target proves they stay unreachable.  The
 * handlers that are parsers themselves do run: "help" and "info" (no
 * machine involved) and "dump-guest-memory", which parses its own flags,
 * filename and range; its QMP command is a stub here that checks and
 * records the arguments.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qapi-commands.h"
#include "sysemu/dump.h"
#include "monitor/hmp.h"
#include "fuzz-split.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ------------------------------------------------ the machine, absent */

int cpu_count;
CPUState **cpu_list;

#define UNREACHABLE(proto) proto { g_assert_not_reached(); }

UNREACHABLE(CPUState *qemu_get_cpu(int index))
UNREACHABLE(void s390_cpu_dump_state(CPUState *cs, GString *out))
UNREACHABLE(void qmp_stop(GError **errp))
UNREACHABLE(void qmp_cont(GError **errp))
UNREACHABLE(void qmp_system_reset(GError **errp))
UNREACHABLE(void qmp_system_powerdown(GError **errp))
UNREACHABLE(void qmp_quit(GError **errp))
UNREACHABLE(StatusInfo *qmp_query_status(GError **errp))
UNREACHABLE(CpuInfoFastList *qmp_query_cpus_fast(GError **errp))
UNREACHABLE(void qmp_dump_cancel(GError **errp))
UNREACHABLE(void dump_query(DumpQueryResult *result))
UNREACHABLE(void hmp_info_pv(HMPSession *hs, json_object *args))

static unsigned dump_calls;

/* What hmp_dump_guest_memory hands to QMP after its own parsing. */
void qmp_dump_guest_memory(bool paging, const char *protocol,
                           bool has_detach, bool detach,
                           bool has_begin, int64_t begin,
                           bool has_length, int64_t length,
                           bool has_format, DumpGuestMemoryFormat format,
                           bool has_threads, int64_t threads,
                           bool has_exclude_zero_pages,
                           bool exclude_zero_pages, GError **errp)
{
    g_assert(g_str_has_prefix(protocol, "file:"));
    g_assert(!has_length || has_begin);
    g_assert(!has_format || (format >= 0 &&
                             format < DUMP_GUEST_MEMORY_FORMAT__MAX));
    dump_calls++;
}

/* ------------------------------------------------ checks */

/* The args_type entry for @key, or NULL. */
static const char *arg_spec(char **specs, const char *key)
{
    size_t len = strlen(key);

    for (int i = 0; specs[i]; i++) {
        if (!strncmp(specs[i], key, len) && specs[i][len] == ':') {
            return specs[i] + len + 1;
        }
    }
    return NULL;
}

/* @args has the members args_type allows, of its types, the required ones. */
static void check_args(const HMPCommand *cmd, json_object *args)
{
    g_auto(GStrv) specs = g_strsplit(cmd->args_type, ",", -1);
    struct json_object_iter member;

    g_assert(json_object_is_type(args, json_type_object));
    json_object_object_foreachC(args, member) {
        const char *type = arg_spec(specs, member.key);

        g_assert(type);
        switch (type[0]) {
        case 's':
        case 'S':
            g_assert(json_object_is_type(member.val, json_type_string));
            break;
        case 'i':
            g_assert(json_object_is_type(member.val, json_type_int));
            break;
        case '-':
            g_assert(json_object_get_boolean(member.val));
            break;
        default:
            g_assert_not_reached();
        }
    }
    for (int i = 0; specs[i]; i++) {
        const char *type = strchr(specs[i], ':');

        if (type && type[1] != '-' && !strchr(type, '?')) {
            g_autofree char *key = g_strndup(specs[i], type - specs[i]);
            g_assert(json_object_object_get_ex(args, key, NULL));
        }
    }
}

/* Both frontends send the output as a C string: no NUL may hide in it. */
static void check_output(const GString *out)
{
    g_autofree char *crlf = hmp_to_crlf(out);

    g_assert(strlen(out->str) == out->len);
    g_assert(!out->len || out->str[out->len - 1] == '\n');
    g_assert(strlen(crlf) >= out->len);
}

static bool in_table(const HMPCommand *table, const HMPCommand *cmd)
{
    for (const HMPCommand *c = table; c->name; c++) {
        if (c == cmd) {
            return true;
        }
    }
    return false;
}

/* Handlers that need no machine (see the top of the file). */
static bool runs_without_machine(const HMPCommand *cmd)
{
    return !strcmp(cmd->name, "help|?") || !strcmp(cmd->name, "info") ||
           cmd->cmd == hmp_dump_guest_memory;
}

/* Blank as the parser sees it (g_ascii_isspace: no '\v'). */
static bool is_blank(const char *line)
{
    while (g_ascii_isspace(*line)) {
        line++;
    }
    return !*line;
}

static void parse_one(HMPSession *hs, const char *line)
{
    static char unset;
    json_object *args = (json_object *)&unset;  /* must be overwritten */
    const HMPCommand *cmd = hmp_parse_line(hs, line, &args);
    bool blank = is_blank(line);

    if (!cmd) {
        /* An error is printed unless the line is blank. */
        g_assert(!args);
        g_assert(blank == (hs->out->len == 0));
        check_output(hs->out);
        return;
    }
    g_assert(!blank && hs->out->len == 0);
    g_assert(in_table(hmp_cmds, cmd) || in_table(hmp_info_cmds, cmd));
    check_args(cmd, args);
    if (runs_without_machine(cmd)) {
        unsigned calls = dump_calls;

        cmd->cmd(hs, args);
        check_output(hs->out);
        g_assert(dump_calls - calls <= 1);
    }
    json_object_put(args);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autoptr(GString) out = g_string_new(NULL);
    HMPSession hs = { .out = out, .cpu_index = -1 };
    size_t n;
    g_auto(GStrv) lines = fuzz_split_nul(data, size, 8, &n);

    for (size_t i = 0; i < n; i++) {
        g_string_truncate(out, 0);
        parse_one(&hs, lines[i]);
        g_assert(hs.cpu_index == -1);
    }
    return 0;
}
