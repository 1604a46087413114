/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * secret.c - the "secret" object (-object secret,id=ID,file=F|data=D).
 *
 * libvirt gives every domain a master key this way.  Nothing in pvdump
 * consumes secrets yet, but the object is real: it loads and decodes its
 * value at creation with QEMU's errors, so a broken secret fails start-up
 * as it does with QEMU.  Encrypted secrets (keyid=, iv=) are not
 * supported and are refused as unknown parameters.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qom/object.h"
#include "system/secret.h"

static bool secret_load(const char *file, const char *data, char **out,
                        gsize *len, GError **errp)
{
    g_autoptr(GError) local = NULL;

    if (file && data) {
        error_setg(errp, "'file' and 'data' are mutually exclusive");
        return false;
    }
    if (data) {
        *out = g_strdup(data);
        *len = strlen(data);
        return true;
    }
    if (!file) {
        error_setg(errp, "Either 'file' or 'data' must be provided");
        return false;
    }
    if (!g_file_get_contents(file, out, len, &local)) {
        error_setg(errp, "Unable to read %s: %s", file, local->message);
        return false;
    }
    return true;
}

static bool secret_complete(UserObject *obj, QemuOpts *opts, GError **errp)
{
    const char *format = qemu_opt_get(opts, "format");
    g_autofree char *value = NULL;
    gsize len = 0;

    if (format && strcmp(format, "raw") && strcmp(format, "base64")) {
        error_setg(errp, "Parameter 'format' does not accept value '%s'",
                   format);
        return false;
    }
    if (!secret_load(qemu_opt_get(opts, "file"), qemu_opt_get(opts, "data"),
                     &value, &len, errp)) {
        return false;
    }
    if (format && !strcmp(format, "base64")) {
        /* g_base64_decode() cannot fail; check the alphabet first. */
        if (len == 0 || strspn(value, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijkl"
                               "mnopqrstuvwxyz0123456789+/=\r\n") != len) {
            error_setg(errp, "Unable to decode secret base64");
            memset(value, 0, len);
            return false;
        }
    }
    /* Nothing reads secrets (yet): do not keep key material around. */
    memset(value, 0, len);
    return true;
}

static const QomPropertyInfo secret_props[] = {
    { "format", "QCryptoSecretFormat", "raw or base64" },
    { "data", "str", "the secret's value" },
    { "file", "str", "file that holds the secret's value" },
    { NULL },
};

const UserObjectType secret_type = {
    .name = "secret",
    .parent = "secret_common",
    .props = secret_props,
    .complete = secret_complete,
};
