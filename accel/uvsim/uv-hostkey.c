/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uv-hostkey.c - the host key pair of the simulated PV host.
 *
 * "-accel tcg,host-key=FILE" names the private key; it is loaded when the
 * accelerator opens so that a bad file is a start-up error.  Without it the
 * default pair in the state directory is used, created on first use: the
 * first SET_SEC_PARMS, so machines that never boot a protected guest leave
 * no files behind.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "util/pv-hostkey.h"
#include "uvsim-internal.h"

#include <openssl/evp.h>

static bool take_key(UvState *uv, EVP_PKEY *key, GError **errp)
{
    if (!pv_ec_pub_to_raw(key, uv->host_pub, errp)) {
        EVP_PKEY_free(key);
        return false;
    }
    uv->host_key = key;
    return true;
}

bool uv_hostkey_open(UvState *uv, const char *path, GError **errp)
{
    EVP_PKEY *key;

    if (!path) {
        return true;
    }
    key = pv_hostkey_load_private(path, errp);
    return key && take_key(uv, key, errp);
}

bool uv_hostkey_ensure(UvState *uv)
{
    GError *err = NULL;
    EVP_PKEY *key;

    if (uv->host_key) {
        return true;
    }
    key = pv_hostkey_load_default(&err);
    if (!key || !take_key(uv, key, &err)) {
        /* A host without its key cannot unpack anything; say why once. */
        warn_report("uvsim: no host key: %s", err->message);
        g_error_free(err);
        return false;
    }
    return true;
}

void uv_hostkey_close(UvState *uv)
{
    EVP_PKEY_free(uv->host_key);
    uv->host_key = NULL;
}
