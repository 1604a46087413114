/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hmp.h - the human monitor: command tables and what handlers use.
 *
 * Commands are table entries in the style of QEMU's hmp-commands.hx
 * (hmp-cmds.c); adding one is an entry plus a handler, which normally
 * calls the QMP handler of the same command so both behave alike.
 */
#ifndef MONITOR_HMP_H
#define MONITOR_HMP_H

#include "qemu/osdep.h"
#include <json-c/json.h>
#include "hw/core/cpu.h"

/* One command being run: where its output goes and the current CPU. */
typedef struct HMPSession {
    GString *out;
    int cpu_index;              /* the "cpu" command's choice; -1: first */
} HMPSession;

typedef struct HMPCommand {
    const char *name;           /* "quit|q": name and aliases */
    /*
     * Arguments, comma-separated "key:T" with T one of: s (word or quoted
     * string), S (rest of the line), i (integer), -x (flag -x); a '?'
     * after T makes the argument optional.
     */
    const char *args_type;
    const char *params;         /* shown by help, e.g. "[-a|vcpu]" */
    const char *help;
    /* @args holds the parsed arguments by key (absent if not given). */
    void (*cmd)(HMPSession *hs, json_object *args);
    const struct HMPCommand *sub_table;   /* "info": its subcommands */
} HMPCommand;

/* The top-level and "info" tables, sorted by name, NULL-terminated. */
extern const HMPCommand hmp_cmds[];
extern const HMPCommand hmp_info_cmds[];

/* printf into the command's output. */
void hmp_printf(HMPSession *hs, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* Prints "Error: <message>" as QEMU's hmp_handle_error and frees @err. */
void hmp_handle_error(HMPSession *hs, GError *err);

/* "help [NAME...]": one line per command, or for the commands named. */
void hmp_help(HMPSession *hs, const char *names);

/*
 * Parses @cmdline as one HMP command line, without running it: finds the
 * command in hmp_cmds (descending into "info"'s subcommands) and parses
 * its arguments by args_type.  On success returns the command and sets
 * *@args to a new JSON object with one member per argument given (keys
 * from args_type: string for s/S, int for i, true for a flag), which the
 * caller releases with json_object_put().  On failure returns NULL, sets
 * *@args to NULL and prints QEMU's message into @hs; a blank line is not
 * a failure but also returns NULL, printing nothing.  No handler runs,
 * so this needs no machine.
 */
const HMPCommand *hmp_parse_line(HMPSession *hs, const char *cmdline,
                                 json_object **args);

/* Parses @cmdline with hmp_parse_line() and runs the command's handler. */
void hmp_handle_command(HMPSession *hs, const char *cmdline);

/* @text with every "\n" written as "\r\n", as QEMU's monitor sends it. */
char *hmp_to_crlf(const GString *text);

/* The session's current CPU (the first one unless "cpu" chose another). */
CPUState *hmp_cur_cpu(HMPSession *hs);

/*
 * Runs @cmdline as a command of a session whose current CPU is @cpu_index
 * (-1: the first) and returns the output, "\n" written as "\r\n" like
 * QEMU.  The caller holds the BQL.
 */
char *hmp_run_command_on_cpu(const char *cmdline, int cpu_index);

/* Handlers of hmp-cmds-dump.c. */
void hmp_dump_guest_memory(HMPSession *hs, json_object *args);
void hmp_dump_cancel(HMPSession *hs, json_object *args);
void hmp_info_dump(HMPSession *hs, json_object *args);

/* Handler of qmp-cmds-pv.c. */
void hmp_info_pv(HMPSession *hs, json_object *args);

#endif /* MONITOR_HMP_H */
