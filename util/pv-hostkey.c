/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pv-hostkey.c - host key pairs and host-key documents (see util/pv-hostkey.h).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "util/pv-crypto.h"
#include "util/pv-ecdh.h"
#include "util/pv-hostkey.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

#define DEFAULT_DOC_DAYS 3650
#define HOSTKEY_FILE_MAX (64 * 1024)    /* a P-521 key in PEM is < 400 bytes */

static FILE *open_read(const char *path, const char *what, GError **errp)
{
    FILE *f = fopen(path, "rb");

    if (!f) {
        error_setg_errno(errp, errno, "Cannot open %s '%s'", what, path);
    }
    return f;
}

/*
 * The PEM text of a private key, read into a buffer that is wiped after
 * parsing: a stdio FILE would leave it in a freed buffer of its own.
 */
static EVP_PKEY *read_private_pem(const char *path, GError **errp)
{
    g_autofree uint8_t *buf = g_malloc(HOSTKEY_FILE_MAX + 1);
    ssize_t len = pv_read_secret_file(path, buf, HOSTKEY_FILE_MAX + 1);
    EVP_PKEY *key = NULL;
    BIO *bio;

    if (len < 0) {
        error_setg_errno(errp, -len, "Cannot open host key '%s'", path);
    } else if (len > HOSTKEY_FILE_MAX) {
        error_setg(errp, "'%s' is too large for a host key", path);
    } else {
        bio = BIO_new_mem_buf(buf, len);
        key = bio ? PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL) : NULL;
        BIO_free(bio);
        if (!key) {
            ERR_clear_error();
            error_setg(errp, "'%s' is not a PEM private key", path);
        }
    }
    pv_crypto_wipe(buf, HOSTKEY_FILE_MAX + 1);
    return key;
}

EVP_PKEY *pv_hostkey_load_private(const char *path, GError **errp)
{
    EVP_PKEY *key = read_private_pem(path, errp);

    if (!key) {
        return NULL;
    }
    if (!pv_ec_is_p521(key)) {
        error_setg(errp, "Host key '%s' is not an EC P-521 key", path);
        EVP_PKEY_free(key);
        return NULL;
    }
    return key;
}

static X509 *read_certificate(const char *path, GError **errp)
{
    FILE *f = open_read(path, "host-key document", errp);
    X509 *cert;

    if (!f) {
        return NULL;
    }
    cert = PEM_read_X509(f, NULL, NULL, NULL);
    if (!cert) {
        rewind(f);
        cert = d2i_X509_fp(f, NULL);
    }
    fclose(f);
    if (!cert) {
        ERR_clear_error();
        error_setg(errp, "'%s' is not an X.509 host-key document", path);
    }
    return cert;
}

static bool verify_document(X509 *cert, EVP_PKEY *key, const char *path,
                            GError **errp)
{
    if (X509_cmp_current_time(X509_get0_notBefore(cert)) >= 0 ||
        X509_cmp_current_time(X509_get0_notAfter(cert)) <= 0) {
        error_setg(errp, "Host-key document '%s' is not valid at this time", path);
        return false;
    }
    if (X509_check_issued(cert, cert) != X509_V_OK || X509_verify(cert, key) != 1) {
        ERR_clear_error();
        error_setg(errp, "Host-key document '%s' cannot be verified without its "
                   "issuer's certificate chain (use --no-verify)", path);
        return false;
    }
    return true;
}

EVP_PKEY *pv_hostkey_load_document(const char *path, bool verify, GError **errp)
{
    X509 *cert = read_certificate(path, errp);
    EVP_PKEY *key = NULL;

    if (!cert) {
        return NULL;
    }
    key = X509_get_pubkey(cert);
    if (!key || !pv_ec_is_p521(key)) {
        error_setg(errp, "Host-key document '%s' does not hold an EC P-521 key", path);
        goto fail;
    }
    if (verify && !verify_document(cert, key, path, errp)) {
        goto fail;
    }
    X509_free(cert);
    return key;
fail:
    EVP_PKEY_free(key);
    X509_free(cert);
    return NULL;
}

/* Opens @path for writing with @mode, exclusively unless @overwrite. */
static FILE *create_file(const char *path, mode_t mode, bool overwrite,
                         GError **errp)
{
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (overwrite ? O_TRUNC : O_EXCL);
    int fd = open(path, flags, mode);
    FILE *f;

    if (fd < 0) {
        error_setg_errno(errp, errno, "Cannot create '%s'", path);
        return NULL;
    }
    /* An existing file keeps its mode on O_TRUNC; a key must not. */
    if (fchmod(fd, mode) < 0 || !(f = fdopen(fd, "wb"))) {
        error_setg_errno(errp, errno, "Cannot create '%s'", path);
        close(fd);
        return NULL;
    }
    return f;
}

static bool name_add(X509_NAME *name, const char *field, const char *value)
{
    return X509_NAME_add_entry_by_txt(name, field, MBSTRING_ASC,
                                      (const unsigned char *)value, -1, -1, 0) == 1;
}

static X509 *make_document(EVP_PKEY *key, unsigned days)
{
    X509 *cert = X509_new();
    X509_NAME *name = X509_NAME_new();
    uint8_t serial[8];
    BIGNUM *bn = NULL;
    bool ok = cert && name && pv_random_bytes(serial, sizeof(serial), NULL) &&
              (bn = BN_bin2bn(serial, sizeof(serial), NULL)) &&
              BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert)) &&
              X509_set_version(cert, X509_VERSION_3) == 1 &&
              name_add(name, "C", "US") &&
              name_add(name, "O", "pvdump") &&
              name_add(name, "OU", "uvsim Secure Execution host") &&
              name_add(name, "CN", "pvdump uvsim host key") &&
              X509_set_subject_name(cert, name) == 1 &&
              X509_set_issuer_name(cert, name) == 1 &&
              X509_gmtime_adj(X509_getm_notBefore(cert), -60) &&
              X509_gmtime_adj(X509_getm_notAfter(cert), (long)days * 86400) &&
              X509_set_pubkey(cert, key) == 1 &&
              X509_sign(cert, key, EVP_sha512()) > 0;

    BN_free(bn);
    X509_NAME_free(name);
    if (!ok) {
        X509_free(cert);
        return NULL;
    }
    return cert;
}

bool pv_hostkey_create(const char *key_path, const char *doc_path,
                       unsigned days, bool overwrite, GError **errp)
{
    EVP_PKEY *key = pv_ec_generate(errp);
    X509 *cert = NULL;
    FILE *kf = NULL, *df = NULL;
    bool ok = false;

    if (!key) {
        return false;
    }
    cert = make_document(key, days);
    if (!cert) {
        pv_crypto_error(errp, "Creating the host-key document");
        goto out;
    }
    kf = create_file(key_path, 0600, overwrite, errp);
    if (!kf) {
        goto out;
    }
    /* No stdio buffer: it would keep the private key after fclose(). */
    setvbuf(kf, NULL, _IONBF, 0);
    if (PEM_write_PrivateKey(kf, key, NULL, NULL, 0, NULL, NULL) != 1) {
        pv_crypto_error(errp, "Writing the host key");
        goto out;
    }
    df = create_file(doc_path, 0644, overwrite, errp);
    if (!df) {
        goto out;
    }
    if (PEM_write_X509(df, cert) != 1) {
        pv_crypto_error(errp, "Writing the host-key document");
        goto out;
    }
    ok = true;
out:
    if (kf && fclose(kf) != 0 && ok) {
        error_setg_errno(errp, errno, "Cannot write '%s'", key_path);
        ok = false;
    }
    if (df && fclose(df) != 0 && ok) {
        error_setg_errno(errp, errno, "Cannot write '%s'", doc_path);
        ok = false;
    }
    X509_free(cert);
    EVP_PKEY_free(key);
    return ok;
}

char *pv_hostkey_state_dir(void)
{
    const char *dir = g_getenv("PVDUMP_STATE_DIR");
    const char *xdg = g_getenv("XDG_STATE_HOME");

    if (dir && *dir) {
        return g_strdup(dir);
    }
    if (xdg && *xdg) {
        return g_build_filename(xdg, "pvdump", NULL);
    }
    return g_build_filename(g_get_home_dir(), ".local", "state", "pvdump", NULL);
}

EVP_PKEY *pv_hostkey_load_default(GError **errp)
{
    g_autofree char *dir = pv_hostkey_state_dir();
    g_autofree char *key = g_build_filename(dir, PV_HOSTKEY_DEFAULT_KEY, NULL);
    g_autofree char *doc = g_build_filename(dir, PV_HOSTKEY_DEFAULT_DOC, NULL);

    if (!g_file_test(key, G_FILE_TEST_EXISTS)) {
        GError *local = NULL;

        if (g_mkdir_with_parents(dir, 0700) < 0) {
            error_setg_errno(errp, errno, "Cannot create the state directory '%s'", dir);
            return NULL;
        }
        /* Another VM may have won the race to create it: then use theirs. */
        if (!pv_hostkey_create(key, doc, DEFAULT_DOC_DAYS, false, &local) &&
            !g_file_test(key, G_FILE_TEST_EXISTS)) {
            g_propagate_error(errp, local);
            return NULL;
        }
        g_clear_error(&local);
    }
    return pv_hostkey_load_private(key, errp);
}
