/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pv-ecdh.c - EC P-521, ECDH key wrapping and digests (see util/pv-ecdh.h).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "util/pv-crypto.h"
#include "util/pv-ecdh.h"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#define P521_GROUP "P-521"

EVP_PKEY *pv_ec_generate(GError **errp)
{
    EVP_PKEY *key = EVP_EC_gen(P521_GROUP);

    if (!key) {
        pv_crypto_error(errp, "EC P-521 key generation");
    }
    return key;
}

bool pv_ec_is_p521(EVP_PKEY *key)
{
    char group[32];

    return EVP_PKEY_is_a(key, "EC") &&
           EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME,
                                          group, sizeof(group), NULL) == 1 &&
           (!strcmp(group, "secp521r1") || !strcmp(group, P521_GROUP));
}

bool pv_ec_pub_to_raw(EVP_PKEY *key, uint8_t raw[PV_EC_RAW_PUB_SIZE],
                      GError **errp)
{
    BIGNUM *x = NULL, *y = NULL;
    bool ok = pv_ec_is_p521(key) &&
              EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, &x) == 1 &&
              EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, &y) == 1 &&
              BN_bn2binpad(x, raw, PV_EC_COORD_SIZE) == PV_EC_COORD_SIZE &&
              BN_bn2binpad(y, raw + PV_EC_COORD_SIZE, PV_EC_COORD_SIZE) ==
                  PV_EC_COORD_SIZE;

    if (!ok) {
        pv_crypto_error(errp, "Reading the EC P-521 public key");
    }
    BN_free(x);
    BN_free(y);
    return ok;
}

static bool padding_is_zero(const uint8_t *coord)
{
    for (int i = 0; i < PV_EC_COORD_SIZE - PV_EC_P521_BYTES; i++) {
        if (coord[i]) {
            return false;
        }
    }
    return true;
}

EVP_PKEY *pv_ec_pub_from_raw(const uint8_t raw[PV_EC_RAW_PUB_SIZE],
                             GError **errp)
{
    const size_t pad = PV_EC_COORD_SIZE - PV_EC_P521_BYTES;
    uint8_t point[1 + 2 * PV_EC_P521_BYTES];
    EVP_PKEY_CTX *ctx = NULL, *check = NULL;
    EVP_PKEY *key = NULL;
    OSSL_PARAM params[3];

    if (!padding_is_zero(raw) || !padding_is_zero(raw + PV_EC_COORD_SIZE)) {
        error_setg(errp, "The EC public key has non-zero padding");
        return NULL;
    }
    /* SEC 1 uncompressed point: 04 || X || Y. */
    point[0] = 0x04;
    memcpy(point + 1, raw + pad, PV_EC_P521_BYTES);
    memcpy(point + 1 + PV_EC_P521_BYTES, raw + PV_EC_COORD_SIZE + pad,
           PV_EC_P521_BYTES);
    params[0] = OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME,
                                                 (char *)P521_GROUP, 0);
    params[1] = OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY,
                                                  point, sizeof(point));
    params[2] = OSSL_PARAM_construct_end();
    ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
    if (!ctx || EVP_PKEY_fromdata_init(ctx) != 1 ||
        EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params) != 1) {
        ERR_clear_error();
        error_setg(errp, "The EC public key is not a point on P-521");
        goto out;
    }
    /* fromdata does not promise a curve check; the header is hostile input. */
    check = EVP_PKEY_CTX_new_from_pkey(NULL, key, NULL);
    if (!check || EVP_PKEY_public_check(check) != 1) {
        ERR_clear_error();
        error_setg(errp, "The EC public key is not a point on P-521");
        EVP_PKEY_free(key);
        key = NULL;
    }
out:
    EVP_PKEY_CTX_free(check);
    EVP_PKEY_CTX_free(ctx);
    return key;
}

bool pv_ecdh_kek(EVP_PKEY *priv, EVP_PKEY *peer, uint8_t kek[PV_KEK_SIZE],
                 GError **errp)
{
    static const uint8_t counter[4] = { 0, 0, 0, 1 };
    uint8_t z[PV_EC_P521_BYTES + 4];
    size_t zlen = PV_EC_P521_BYTES;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, priv, NULL);
    bool ok = ctx && EVP_PKEY_derive_init(ctx) == 1 &&
              EVP_PKEY_derive_set_peer(ctx, peer) == 1 &&
              EVP_PKEY_derive(ctx, z, &zlen) == 1 && zlen == PV_EC_P521_BYTES;

    if (!ok) {
        pv_crypto_error(errp, "ECDH key agreement");
    } else {
        memcpy(z + zlen, counter, sizeof(counter));
        pv_sha256(z, zlen + sizeof(counter), kek);
    }
    pv_crypto_wipe(z, sizeof(z));
    EVP_PKEY_CTX_free(ctx);
    return ok;
}

void pv_sha256(const void *data, size_t len, uint8_t out[PV_SHA256_SIZE])
{
    unsigned int n;

    /* Cannot fail for SHA-256 of an in-memory buffer. */
    g_assert(EVP_Digest(data, len, out, &n, EVP_sha256(), NULL) == 1);
}

bool pv_random_bytes(void *buf, size_t len, GError **errp)
{
    if (len > INT_MAX || RAND_bytes(buf, (int)len) != 1) {
        pv_crypto_error(errp, "Generating random bytes");
        return false;
    }
    return true;
}
