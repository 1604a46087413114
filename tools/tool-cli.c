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

GOptionContext *tool_parse_command_line(const char *param, const char *summary,
                                        const GOptionEntry *entries,
                                        gboolean *version, int *argc,
                                        char ***argv)
{
    const GOptionEntry common[] = {
        { "version", 'V', 0, G_OPTION_ARG_NONE, version,
          "print the version and exit", NULL },
        { NULL },
    };
    GOptionContext *ctx = g_option_context_new(param);

    g_option_context_set_summary(ctx, summary);
    g_option_context_add_main_entries(ctx, entries, NULL);
    g_option_context_add_main_entries(ctx, common, NULL);
    tool_parse_options(ctx, argc, argv, version);
    return ctx;
}
