/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pvdump-hostkey - create a host key pair and its host-key document for
 * pvdump's simulated Secure Execution host.
 *
 *   pvdump-hostkey [-o PREFIX] [--days N] [--overwrite]
 *
 * Writes PREFIX.pem (the EC P-521 private key, mode 0600; pass it to
 * "pvdump-vm -accel tcg,host-key=PREFIX.pem") and PREFIX.crt (the
 * self-signed X.509 host-key document; pass it to "pvdump-mkimage -k").
 * Without -o the pair goes to the state directory pvdump-vm uses by default.
 */
#include "qemu/osdep.h"
#include "tool-cli.h"
#include "qapi/error.h"
#include "config-host.h"
#include "util/pv-hostkey.h"

#define DEFAULT_DAYS 3650

int main(int argc, char **argv)
{
    g_autofree char *prefix = NULL;
    gint days = DEFAULT_DAYS;
    gboolean overwrite = FALSE, version = FALSE;
    GOptionEntry entries[] = {
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &prefix,
          "write PREFIX.pem and PREFIX.crt (default: the state directory's "
          "host-key.pem and host-key.crt)", "PREFIX" },
        { "days", 0, 0, G_OPTION_ARG_INT, &days,
          "validity of the host-key document in days (default 3650)", "N" },
        { "overwrite", 0, 0, G_OPTION_ARG_NONE, &overwrite,
          "replace existing files", NULL },
        { NULL },
    };
    GOptionContext *ctx;
    g_autofree char *key = NULL, *doc = NULL;
    GError *err = NULL;

    g_set_prgname("pvdump-hostkey");
    ctx = tool_parse_command_line(NULL,
        "Create an EC P-521 host key pair and a "
        "host-key document for pvdump-vm's simulator.",
        entries, &version, &argc, &argv);
    if (argc > 1) {
        tool_usage_error(ctx, "unexpected argument");
    }
    if (days < 1) {
        tool_usage_error(ctx, "--days must be at least 1");
    }
    g_option_context_free(ctx);
    if (prefix) {
        key = g_strconcat(prefix, ".pem", NULL);
        doc = g_strconcat(prefix, ".crt", NULL);
    } else {
        g_autofree char *dir = pv_hostkey_state_dir();
        if (g_mkdir_with_parents(dir, 0700) < 0) {
            error_report("Cannot create the state directory '%s': %s", dir,
                         g_strerror(errno));
            return EXIT_FAILURE;
        }
        key = g_build_filename(dir, PV_HOSTKEY_DEFAULT_KEY, NULL);
        doc = g_build_filename(dir, PV_HOSTKEY_DEFAULT_DOC, NULL);
    }
    if (!pv_hostkey_create(key, doc, days, overwrite, &err)) {
        error_report_err(err);
        return EXIT_FAILURE;
    }
    printf("host key:          %s\nhost-key document: %s\n", key, doc);
    return EXIT_SUCCESS;
}
