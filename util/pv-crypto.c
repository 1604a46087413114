/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pv-crypto.c - OpenSSL wrappers for protected dumps (see util/pv-crypto.h).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "util/pv-crypto.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>

struct PvXts {
    EVP_CIPHER_CTX *ctx;
    bool encrypt;
};

void pv_crypto_wipe(void *p, size_t len)
{
    if (p && len) {
        OPENSSL_cleanse(p, len);
    }
}

/* Sets "@what failed" plus OpenSSL's reason, and clears its error queue. */
static void crypto_error(GError **errp, const char *what)
{
    unsigned long e = ERR_get_error();
    char buf[256];

    if (e) {
        ERR_error_string_n(e, buf, sizeof(buf));
        error_setg(errp, "%s failed: %s", what, buf);
    } else {
        error_setg(errp, "%s failed", what);
    }
    ERR_clear_error();
}

void pv_crypto_error(GError **errp, const char *what)
{
    crypto_error(errp, what);
}

bool pv_hkdf_sha512(const uint8_t *ikm, size_t ikm_len,
                    const uint8_t *salt, size_t salt_len,
                    const void *info, size_t info_len,
                    uint8_t *out, size_t out_len, GError **errp)
{
    EVP_KDF *kdf = EVP_KDF_fetch(NULL, OSSL_KDF_NAME_HKDF, NULL);
    EVP_KDF_CTX *kctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
    int mode = EVP_KDF_HKDF_MODE_EXTRACT_AND_EXPAND;
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)"SHA512", 0),
        OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)ikm, ikm_len),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)salt, salt_len),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, (void *)info, info_len),
        OSSL_PARAM_construct_end(),
    };
    bool ok = kctx && EVP_KDF_derive(kctx, out, out_len, params) == 1;

    if (!ok) {
        crypto_error(errp, "HKDF-SHA512 key derivation");
    }
    EVP_KDF_CTX_free(kctx);
    EVP_KDF_free(kdf);
    return ok;
}

/*
 * One AES-256-GCM pass shared by seal and open; @tag is written when
 * encrypting and checked when decrypting.
 */
static bool gcm_crypt(bool encrypt, const uint8_t *key, const uint8_t *iv,
                      const uint8_t *aad, size_t aad_len,
                      const uint8_t *in, size_t len, uint8_t *out,
                      uint8_t *tag, GError **errp)
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int outl;
    bool ok = false;

    if (!ctx || aad_len > INT_MAX || len > INT_MAX) {
        crypto_error(errp, "AES-256-GCM setup");
        goto out;
    }
    if (EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), NULL, NULL, NULL, encrypt) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, PV_GCM_IV_SIZE, NULL) != 1 ||
        EVP_CipherInit_ex(ctx, NULL, NULL, key, iv, encrypt) != 1 ||
        (aad_len && EVP_CipherUpdate(ctx, NULL, &outl, aad, (int)aad_len) != 1) ||
        EVP_CipherUpdate(ctx, out, &outl, in, (int)len) != 1) {
        crypto_error(errp, encrypt ? "AES-256-GCM encryption" : "AES-256-GCM decryption");
        goto out;
    }
    if (!encrypt &&
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, PV_GCM_TAG_SIZE, tag) != 1) {
        crypto_error(errp, "AES-256-GCM tag setup");
        goto out;
    }
    if (EVP_CipherFinal_ex(ctx, out + outl, &outl) != 1) {
        ERR_clear_error();
        error_setg(errp, "Verifying the GCM tag failed");
        goto out;
    }
    if (encrypt &&
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, PV_GCM_TAG_SIZE, tag) != 1) {
        crypto_error(errp, "AES-256-GCM tag retrieval");
        goto out;
    }
    ok = true;
out:
    EVP_CIPHER_CTX_free(ctx);   /* also cleanses the key schedule */
    return ok;
}

bool pv_gcm_seal(const uint8_t key[PV_DUMP_KEY_SIZE],
                 const uint8_t iv[PV_GCM_IV_SIZE],
                 const uint8_t *aad, size_t aad_len,
                 const uint8_t *in, size_t len, uint8_t *out,
                 uint8_t tag[PV_GCM_TAG_SIZE], GError **errp)
{
    return gcm_crypt(true, key, iv, aad, aad_len, in, len, out, tag, errp);
}

bool pv_gcm_open(const uint8_t key[PV_DUMP_KEY_SIZE],
                 const uint8_t iv[PV_GCM_IV_SIZE],
                 const uint8_t *aad, size_t aad_len,
                 const uint8_t *in, size_t len, uint8_t *out,
                 const uint8_t tag[PV_GCM_TAG_SIZE], GError **errp)
{
    uint8_t tag_copy[PV_GCM_TAG_SIZE];

    memcpy(tag_copy, tag, sizeof(tag_copy));
    if (!gcm_crypt(false, key, iv, aad, aad_len, in, len, out, tag_copy, errp)) {
        /* Unauthenticated plaintext must not be used by anyone. */
        pv_crypto_wipe(out, len);
        return false;
    }
    return true;
}

PvXts *pv_xts_new(const uint8_t key[PV_XTS_KEY_SIZE], bool encrypt,
                  GError **errp)
{
    PvXts *xts = g_new0(PvXts, 1);

    xts->encrypt = encrypt;
    xts->ctx = EVP_CIPHER_CTX_new();
    if (!xts->ctx ||
        EVP_CipherInit_ex(xts->ctx, EVP_aes_256_xts(), NULL, key, NULL,
                          encrypt) != 1) {
        crypto_error(errp, "AES-256-XTS key setup");
        pv_xts_free(xts);
        return NULL;
    }
    return xts;
}

bool pv_xts_page(PvXts *xts, const uint8_t tweak[PV_XTS_TWEAK_SIZE],
                 const uint8_t *in, uint8_t *out, GError **errp)
{
    int outl;

    /* Only the IV changes: the expanded key of the context is reused. */
    if (EVP_CipherInit_ex(xts->ctx, NULL, NULL, NULL, tweak, xts->encrypt) != 1 ||
        EVP_CipherUpdate(xts->ctx, out, &outl, in, PV_PAGE_SIZE) != 1 ||
        outl != PV_PAGE_SIZE) {
        crypto_error(errp, xts->encrypt ? "AES-256-XTS encryption"
                                        : "AES-256-XTS decryption");
        return false;
    }
    return true;
}

void pv_xts_free(PvXts *xts)
{
    if (xts) {
        EVP_CIPHER_CTX_free(xts->ctx);
        g_free(xts);
    }
}

ssize_t pv_read_secret_file(const char *path, void *buf, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    size_t done = 0;
    int err = 0;

    if (fd < 0) {
        return -errno;
    }
    /* A pipe or FIFO may deliver the key in pieces: read up to EOF. */
    while (done < size) {
        ssize_t n = read(fd, (uint8_t *)buf + done, size - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            err = n < 0 ? errno : 0;
            break;
        }
        done += n;
    }
    close(fd);
    return err ? -err : (ssize_t)done;
}
