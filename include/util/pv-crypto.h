/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pv-crypto.h - the cryptography of protected (Secure Execution) dumps.
 *
 * Thin wrappers over OpenSSL libcrypto for exactly the primitives the dump
 * format uses (docs/pv-dump-format.md): HKDF-SHA512 to derive the
 * dump key from the customer communication key, AES-256-GCM for the
 * completion data and the CPU notes, AES-256-XTS for guest pages.
 *
 * Buffers holding keys should be wiped with pv_crypto_wipe() when done.
 */
#ifndef UTIL_PV_CRYPTO_H
#define UTIL_PV_CRYPTO_H

#include "qemu/osdep.h"

#define PV_DUMP_KEY_SIZE     32   /* AES-256-GCM key */
#define PV_GCM_IV_SIZE       12
#define PV_GCM_TAG_SIZE      16
#define PV_XTS_KEY_SIZE      64   /* key1 (data) || key2 (tweak) */
#define PV_XTS_TWEAK_SIZE    16
#define PV_PAGE_SIZE         4096 /* one XTS data unit */

/* Overwrites @len bytes at @p with zeros in a way the compiler keeps. */
void pv_crypto_wipe(void *p, size_t len);

/*
 * Reads @path into @buf, at most @size bytes, with open/read and no other
 * buffer (stdio or glib would leave copies of a key in freed memory): the
 * caller wipes @buf.  Returns the bytes read (@size: maybe more in the
 * file), or -errno.
 */
ssize_t pv_read_secret_file(const char *path, void *buf, size_t size);

/*
 * Sets "@what failed: <OpenSSL's reason>" in @errp and clears OpenSSL's
 * error queue; for sibling modules that call libcrypto directly.
 */
void pv_crypto_error(GError **errp, const char *what);

/*
 * RFC 5869 HKDF with SHA-512 (extract and expand): derives @out_len bytes
 * from @ikm, @salt and @info into @out.  The dump key derivation
 * (docs/pv-dump-format.md "Dump key") is pv_dump_derive_key() on top of this.
 */
bool pv_hkdf_sha512(const uint8_t *ikm, size_t ikm_len,
                    const uint8_t *salt, size_t salt_len,
                    const void *info, size_t info_len,
                    uint8_t *out, size_t out_len, GError **errp);

/*
 * AES-256-GCM encryption of @len bytes @in to @out (may be the same buffer)
 * with @aad_len bytes of additional authenticated data; writes the tag.
 */
bool pv_gcm_seal(const uint8_t key[PV_DUMP_KEY_SIZE],
                 const uint8_t iv[PV_GCM_IV_SIZE],
                 const uint8_t *aad, size_t aad_len,
                 const uint8_t *in, size_t len, uint8_t *out,
                 uint8_t tag[PV_GCM_TAG_SIZE], GError **errp);

/*
 * AES-256-GCM decryption and authentication, the inverse of pv_gcm_seal().
 * Fails with "Verifying the GCM tag failed" if @tag does not match; @out
 * is wiped in that case.
 */
bool pv_gcm_open(const uint8_t key[PV_DUMP_KEY_SIZE],
                 const uint8_t iv[PV_GCM_IV_SIZE],
                 const uint8_t *aad, size_t aad_len,
                 const uint8_t *in, size_t len, uint8_t *out,
                 const uint8_t tag[PV_GCM_TAG_SIZE], GError **errp);

/*
 * An AES-256-XTS context bound to one key and direction.  Creating it
 * expands the key once; each page then only sets a new tweak, which is
 * what makes per-page use cheap.  A context must not be shared between
 * threads: give every worker its own.
 */
typedef struct PvXts PvXts;

/* Creates a context for @key (key1 || key2); @encrypt selects the direction. */
PvXts *pv_xts_new(const uint8_t key[PV_XTS_KEY_SIZE], bool encrypt,
                  GError **errp);

/*
 * Encrypts or decrypts (as chosen at creation) one PV_PAGE_SIZE page from
 * @in to @out (may be the same buffer) with the 16-byte @tweak.
 */
bool pv_xts_page(PvXts *xts, const uint8_t tweak[PV_XTS_TWEAK_SIZE],
                 const uint8_t *in, uint8_t *out, GError **errp);

/* Frees @xts and wipes its key schedule; NULL is ignored. */
void pv_xts_free(PvXts *xts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(PvXts, pv_xts_free)

#endif /* UTIL_PV_CRYPTO_H */
