/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * tool-cli.c - shared command-line handling of the owner tools.
 */
#include "qemu/osdep.h"
#include "config-host.h"
#include "qapi/error.h"
#include "tool-cli.h"

void tool_usage_error(GOptionContext *ctx, const char *msg)
{
    error_report("%s", msg);
    fprintf(stderr, "Try '%s --help' for more information.\n", g_get_prgname());
    g_option_context_free(ctx);
    exit(EXIT_USAGE);
}

void tool_parse_options(GOptionContext *ctx, int *argc, char ***argv,
                        const gboolean *version)
{
    GError *err = NULL;

    if (!g_option_context_parse(ctx, argc, argv, &err)) {
        g_autofree char *msg = g_strdup(err->message);
        g_error_free(err);
        tool_usage_error(ctx, msg);
    }
    if (*version) {
        printf("%s %s\n", g_get_prgname(), PVDUMP_VERSION);
        g_option_context_free(ctx);
        exit(EXIT_SUCCESS);
    }
}
