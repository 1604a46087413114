/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pvdump-mkimage - build a Secure Execution boot image, as s390-tools'
 * "pvimg create" does, for the host-key documents given with -k.
 *
 *   pvdump-mkimage -i KERNEL [-r RAMDISK] [-p PARMFILE] -k HKD [-k HKD...]
 *                  -o IMAGE [--cck FILE] [--enable-dump] [--no-verify]
 *
 * Exit status: 0 success, 1 error, 2 usage error.  The customer
 * communication key is never printed and is wiped after use.
 */
#include "qemu/osdep.h"
#include "tool-cli.h"
#include "qapi/error.h"
#include "config-host.h"
#include "util/pv-crypto.h"
#include "util/pv-hostkey.h"
#include "se-image-builder.h"

#include <openssl/evp.h>

#define INPUT_MAX   (4 * GiB)   /* pvimg's own bound for a component */

typedef struct MkimageOptions {
    char *kernel, *ramdisk, *parmfile, *output, *cck;
    char **host_key_docs;
    gboolean no_verify, enable_dump, disable_dump, overwrite, version;
} MkimageOptions;

static void parse_options(int argc, char **argv, MkimageOptions *o)
{
    GOptionEntry entries[] = {
        { "kernel", 'i', 0, G_OPTION_ARG_FILENAME, &o->kernel,
          "the kernel image (required)", "FILE" },
        { "image", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &o->kernel, NULL, NULL },
        { "ramdisk", 'r', 0, G_OPTION_ARG_FILENAME, &o->ramdisk,
          "the initial RAM disk", "FILE" },
        { "parmfile", 'p', 0, G_OPTION_ARG_FILENAME, &o->parmfile,
          "the kernel command line, read from FILE", "FILE" },
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output,
          "write the SE image to FILE (required)", "FILE" },
        { "host-key-document", 'k', 0, G_OPTION_ARG_FILENAME_ARRAY,
          &o->host_key_docs, "encrypt for the host key in this X.509 host-key "
          "document (repeatable, at least once)", "FILE" },
        { "no-verify", 0, 0, G_OPTION_ARG_NONE, &o->no_verify,
          "do not verify the host-key documents", NULL },
        { "cck", 0, 0, G_OPTION_ARG_FILENAME, &o->cck,
          "the 32-byte customer communication key; generated into FILE if it "
          "does not exist (default: IMAGE.cck)", "FILE" },
        { "comm-key", 0, 0, G_OPTION_ARG_FILENAME, &o->cck,
          "same as --cck", "FILE" },
        { "enable-dump", 0, 0, G_OPTION_ARG_NONE, &o->enable_dump,
          "allow dumping the protected guest (PCF bit 34)", NULL },
        { "disable-dump", 0, 0, G_OPTION_ARG_NONE, &o->disable_dump,
          "do not allow dumping (the default)", NULL },
        { "overwrite", 0, 0, G_OPTION_ARG_NONE, &o->overwrite,
          "overwrite an existing output file", NULL },
        { NULL },
    };
    GOptionContext *ctx = tool_parse_command_line(NULL,
        "Create a Secure Execution boot image for "
        "protected s390x guests.",
        entries, &o->version, &argc, &argv);
    if (argc > 1) {
        tool_usage_error(ctx, "unexpected argument");
    }
    if (!o->kernel || !o->output || !o->host_key_docs) {
        tool_usage_error(ctx, "--kernel, --output and at least one "
                    "--host-key-document are required");
    }
    if (o->enable_dump && o->disable_dump) {
        tool_usage_error(ctx, "--enable-dump and --disable-dump are mutually exclusive");
    }
    g_option_context_free(ctx);
}

/* Creates @path (0600) holding a new random CCK. */
static bool create_cck(const char *path, uint8_t cck[SE_HDR_CCK_SIZE],
                       GError **errp)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    bool ok = fd >= 0 && pv_random_bytes(cck, SE_HDR_CCK_SIZE, errp) &&
              write(fd, cck, SE_HDR_CCK_SIZE) == SE_HDR_CCK_SIZE;

    if (fd < 0 || (!ok && errp && !*errp)) {
        error_setg_errno(errp, errno, "Cannot write the customer communication "
                         "key to '%s'", path);
    }
    if (fd >= 0 && close(fd) < 0 && ok) {
        error_setg_errno(errp, errno, "Cannot write '%s'", path);
        ok = false;
    }
    return ok;
}

/* Reads the CCK from @path, or creates @path with a random one. */
static bool load_or_create_cck(const char *path, uint8_t cck[SE_HDR_CCK_SIZE],
                               GError **errp)
{
    uint8_t buf[SE_HDR_CCK_SIZE + 1];
    ssize_t len = pv_read_secret_file(path, buf, sizeof(buf));
    bool ok = len == SE_HDR_CCK_SIZE;

    if (ok) {
        memcpy(cck, buf, SE_HDR_CCK_SIZE);
    }
    pv_crypto_wipe(buf, sizeof(buf));
    if (len == -ENOENT) {
        return create_cck(path, cck, errp);
    }
    if (len < 0) {
        error_setg_errno(errp, -len, "Cannot read the customer communication "
                         "key '%s'", path);
    } else if (!ok) {
        error_setg(errp, "'%s': a customer communication key is %d bytes, "
                   "not %s%zd", path, SE_HDR_CCK_SIZE,
                   len > SE_HDR_CCK_SIZE ? "more than " : "",
                   len > SE_HDR_CCK_SIZE ? (ssize_t)SE_HDR_CCK_SIZE : len);
    }
    return ok;
}

static GPtrArray *load_host_keys(char **docs, bool verify, GError **errp)
{
    GPtrArray *keys = g_ptr_array_new_with_free_func((GDestroyNotify)EVP_PKEY_free);

    for (char **d = docs; *d; d++) {
        EVP_PKEY *k = pv_hostkey_load_document(*d, verify, errp);
        if (!k) {
            g_ptr_array_free(keys, TRUE);
            return NULL;
        }
        g_ptr_array_add(keys, k);
    }
    return keys;
}

static bool read_input(const char *path, GBytes **out, GError **errp)
{
    GError *local = NULL;
    GMappedFile *mf = g_mapped_file_new(path, FALSE, &local);

    if (!mf) {
        error_setg(errp, "%s", local->message);
        g_error_free(local);
        return false;
    }
    if (g_mapped_file_get_length(mf) > INPUT_MAX) {
        error_setg(errp, "'%s' is too large for an SE image component", path);
        g_mapped_file_unref(mf);
        return false;
    }
    *out = g_mapped_file_get_bytes(mf);
    g_mapped_file_unref(mf);
    return true;
}

static bool load_inputs(const MkimageOptions *o, SeImageSpec *spec, char **cmdline,
                        GError **errp)
{
    if (!read_input(o->kernel, &spec->kernel, errp) ||
        (o->ramdisk && !read_input(o->ramdisk, &spec->ramdisk, errp))) {
        return false;
    }
    if (o->parmfile) {
        GError *local = NULL;
        if (!g_file_get_contents(o->parmfile, cmdline, NULL, &local)) {
            error_setg(errp, "%s", local->message);
            g_error_free(local);
            return false;
        }
        /* A parmfile is one line; the trailing newline is not part of it. */
        g_strchomp(*cmdline);
        spec->cmdline = *cmdline;
    }
    return true;
}

static bool write_image(const char *path, GBytes *img, bool overwrite, GError **errp)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC |
                  (overwrite ? O_TRUNC : O_EXCL), 0644);
    gsize len;
    const uint8_t *p = g_bytes_get_data(img, &len);

    if (fd < 0) {
        error_setg_errno(errp, errno, "Cannot create '%s'%s", path,
                         errno == EEXIST ? " (use --overwrite)" : "");
        return false;
    }
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            error_setg_errno(errp, errno, "Cannot write '%s'", path);
            close(fd);
            return false;
        }
        p += n;
        len -= n;
    }
    if (close(fd) < 0) {
        error_setg_errno(errp, errno, "Cannot write '%s'", path);
        return false;
    }
    return true;
}

static bool run(const MkimageOptions *o, GError **errp)
{
    SeImageSpec spec = { .pcf = SE_PCF_DEFAULT };
    g_autofree char *cmdline = NULL;
    g_autofree char *cck_path = o->cck ? g_strdup(o->cck)
                                       : g_strconcat(o->output, ".cck", NULL);
    g_autoptr(GPtrArray) keys = NULL;
    g_autoptr(GBytes) img = NULL;
    bool ok = false;

    if (o->no_verify) {
        warn_report("host-key document verification is disabled; "
                    "your workload is not secured");
    }
    keys = load_host_keys(o->host_key_docs, !o->no_verify, errp);
    if (!keys || !load_inputs(o, &spec, &cmdline, errp) ||
        !load_or_create_cck(cck_path, spec.cck, errp)) {
        goto out;
    }
    spec.host_keys = (EVP_PKEY *const *)keys->pdata;
    spec.n_host_keys = keys->len;
    if (o->enable_dump) {
        spec.pcf |= SE_PCF_DUMP_ALLOWED;
    }
    img = se_image_build(&spec, errp);
    ok = img && write_image(o->output, img, o->overwrite, errp);
out:
    pv_crypto_wipe(spec.cck, sizeof(spec.cck));
    if (spec.kernel) {
        g_bytes_unref(spec.kernel);
    }
    if (spec.ramdisk) {
        g_bytes_unref(spec.ramdisk);
    }
    return ok;
}

/* GOption's strings: freed so that leak checkers see a clean exit. */
static void free_options(MkimageOptions *o)
{
    g_free(o->kernel);
    g_free(o->ramdisk);
    g_free(o->parmfile);
    g_free(o->output);
    g_free(o->cck);
    g_strfreev(o->host_key_docs);
}

int main(int argc, char **argv)
{
    MkimageOptions o = { 0 };
    GError *err = NULL;
    bool ok;

    g_set_prgname("pvdump-mkimage");
    parse_options(argc, argv, &o);
    ok = run(&o, &err);
    if (!ok) {
        error_report_err(err);
    }
    free_options(&o);
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
