/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hmp-cmds-dump.c - HMP dump-guest-memory, dump-cancel and "info dump".
 *
 * dump-guest-memory takes its flags in any order, so it parses its own
 * argument line; everything else goes through the QMP handlers.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qapi-commands.h"
#include "sysemu/dump.h"
#include "monitor/hmp.h"

typedef struct HmpDumpArgs {
    bool paging;
    bool detach;
    bool raw;
    bool exclude_zero;          /* -x (pvdump extension) */
    int nr_formats;             /* how many of -z -l -s -Z */
    DumpGuestMemoryFormat format;
    const char *filename;
    int nargs;                  /* begin, length */
    int64_t num[2];
} HmpDumpArgs;

/* A kdump flag selects the flattened format; -R turns it raw later. */
static bool parse_flag(HmpDumpArgs *a, char flag)
{
    static const struct {
        char flag;
        DumpGuestMemoryFormat format;
    } kdump_flags[] = {
        { 'z', DUMP_GUEST_MEMORY_FORMAT_KDUMP_ZLIB },
        { 'l', DUMP_GUEST_MEMORY_FORMAT_KDUMP_LZO },
        { 's', DUMP_GUEST_MEMORY_FORMAT_KDUMP_SNAPPY },
        { 'Z', DUMP_GUEST_MEMORY_FORMAT_KDUMP_ZSTD },
    };

    switch (flag) {
    case 'p':
        a->paging = true;
        return true;
    case 'd':
        a->detach = true;
        return true;
    case 'R':
        a->raw = true;
        return true;
    case 'x':
        a->exclude_zero = true;
        return true;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(kdump_flags); i++) {
        if (kdump_flags[i].flag == flag) {
            a->format = kdump_flags[i].format;
            a->nr_formats++;
            return true;
        }
    }
    return false;
}

static bool parse_number(HMPSession *hs, const char *s, int64_t *val)
{
    char *end;

    /*
     * An empty word ("") has no char to name: '%c' would put a NUL in the
     * output, which hmp-conn.c and human-monitor-command send as a C
     * string, so the rest (and the prompt) would be lost.
     */
    if (!*s) {
        hmp_printf(hs, "unexpected end of expression\n");
        return false;
    }
    errno = 0;
    *val = strtoll(s, &end, 0);
    if (end == s || *end || errno) {
        hmp_printf(hs, "invalid char '%c' in expression\n",
                   end == s || !*end ? *s : *end);
        return false;
    }
    return true;
}

static bool parse_args(HMPSession *hs, char **argv, HmpDumpArgs *a)
{
    for (; *argv; argv++) {
        const char *arg = *argv;

        if (!a->filename && arg[0] == '-' && arg[1] && !arg[2]) {
            if (!parse_flag(a, arg[1])) {
                hmp_printf(hs, "dump-guest-memory: unsupported option %s\n",
                           arg);
                return false;
            }
        } else if (!a->filename) {
            a->filename = arg;
        } else if (a->nargs < 2) {
            if (!parse_number(hs, arg, &a->num[a->nargs++])) {
                return false;
            }
        } else {
            hmp_printf(hs, "dump-guest-memory: extraneous characters at the "
                       "end of line\n");
            return false;
        }
    }
    if (!a->filename) {
        hmp_printf(hs, "dump-guest-memory: string expected\n");
        return false;
    }
    return true;
}

/* -R selects the random-access variant of the kdump format (QEMU 8.2). */
static DumpGuestMemoryFormat raw_variant(DumpGuestMemoryFormat format)
{
    switch (format) {
    case DUMP_GUEST_MEMORY_FORMAT_KDUMP_ZLIB:
        return DUMP_GUEST_MEMORY_FORMAT_KDUMP_RAW_ZLIB;
    case DUMP_GUEST_MEMORY_FORMAT_KDUMP_LZO:
        return DUMP_GUEST_MEMORY_FORMAT_KDUMP_RAW_LZO;
    case DUMP_GUEST_MEMORY_FORMAT_KDUMP_SNAPPY:
        return DUMP_GUEST_MEMORY_FORMAT_KDUMP_RAW_SNAPPY;
    case DUMP_GUEST_MEMORY_FORMAT_KDUMP_ZSTD:
        return DUMP_GUEST_MEMORY_FORMAT_KDUMP_RAW_ZSTD;
    default:
        return format;          /* -R without a kdump flag is ignored */
    }
}

void hmp_dump_guest_memory(HMPSession *hs, json_object *args)
{
    json_object *line = NULL;
    HmpDumpArgs a = { .format = DUMP_GUEST_MEMORY_FORMAT_ELF };
    g_auto(GStrv) argv = NULL;
    g_autofree char *protocol = NULL;
    GError *err = NULL;

    json_object_object_get_ex(args, "args", &line);
    if (line && !g_shell_parse_argv(json_object_get_string(line), NULL,
                                    &argv, NULL)) {
        hmp_printf(hs, "dump-guest-memory: string expected\n");
        return;
    }
    if (!parse_args(hs, argv ? argv : (char *[]){ NULL }, &a)) {
        return;
    }
    if (a.nr_formats > 1) {
        hmp_printf(hs, "only one of '-z|-l|-s|-Z' can be set\n");
        return;
    }
    if (a.raw) {
        a.format = raw_variant(a.format);
    }
    protocol = g_strconcat("file:", a.filename, NULL);
    qmp_dump_guest_memory(a.paging, protocol, true, a.detach,
                          a.nargs > 0, a.num[0], a.nargs > 1, a.num[1],
                          true, a.format, false, 0, a.exclude_zero,
                          a.exclude_zero, &err);
    hmp_handle_error(hs, err);
}

void hmp_dump_cancel(HMPSession *hs, json_object *args)
{
    GError *err = NULL;

    qmp_dump_cancel(&err);
    hmp_handle_error(hs, err);
}

void hmp_info_dump(HMPSession *hs, json_object *args)
{
    DumpQueryResult p;

    dump_query(&p);
    hmp_printf(hs, "Status: %s\n", DumpStatus_str(p.status));
    if (p.status == DUMP_STATUS_ACTIVE && p.total) {
        hmp_printf(hs, "Finished: %.2f %%\n", 100.0 * p.completed / p.total);
    }
}
