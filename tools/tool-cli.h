/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tool-cli.h - the command-line conventions shared by pvdump's owner tools.
 *
 * Every tool exits 1 for an operational error and 2 for a usage error, and
 * answers --version with "<name> <version>".
 */
#ifndef TOOLS_TOOL_CLI_H
#define TOOLS_TOOL_CLI_H

#include "qemu/osdep.h"

#define EXIT_USAGE 2

/* Reports @msg as a usage error with the --help hint, frees @ctx, exits 2. */
G_NORETURN void tool_usage_error(GOptionContext *ctx, const char *msg);

/*
 * Parses the command line with @ctx (usage error on failure), then handles
 * --version when *@version was set by it.  @ctx stays valid for further
 * tool_usage_error() calls; the caller frees it.
 */
void tool_parse_options(GOptionContext *ctx, int *argc, char ***argv,
                        const gboolean *version);

/*
 * The command line of a tool: a context for @param (NULL: none) and
 * @summary with @entries and the common --version/-V (into @version)
 * after them, parsed as tool_parse_options() does.  Returns the context,
 * for later tool_usage_error() calls; the caller frees it.
 */
GOptionContext *tool_parse_command_line(const char *param, const char *summary,
                                        const GOptionEntry *entries,
                                        gboolean *version, int *argc,
                                        char ***argv);

#endif /* TOOLS_TOOL_CLI_H */
