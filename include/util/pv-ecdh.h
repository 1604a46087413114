/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pv-ecdh.h - EC P-521 keys, ECDH key wrapping and SHA digests of Secure
 * Execution (docs/se-image.md "Header cryptography").
 *
 * Public keys travel in the SE header's raw form: the affine X and Y
 * coordinates, each 80 bytes big-endian and left-padded with zeros (66
 * significant bytes for P-521).  Private keys stay inside OpenSSL EVP_PKEY
 * objects and are never copied out.
 */
#ifndef UTIL_PV_ECDH_H
#define UTIL_PV_ECDH_H

#include "qemu/osdep.h"
#include <openssl/types.h>

#define PV_EC_COORD_SIZE   80                   /* one padded coordinate */
#define PV_EC_RAW_PUB_SIZE (2 * PV_EC_COORD_SIZE) /* X || Y */
#define PV_EC_P521_BYTES   66                   /* significant bytes */
#define PV_SHA256_SIZE     32
#define PV_SHA512_SIZE     64
#define PV_KEK_SIZE        32                   /* AES-256 key-encryption key */

/* Generates a fresh EC P-521 key pair. */
EVP_PKEY *pv_ec_generate(GError **errp);

/* Writes the public key of @key as X || Y (PV_EC_RAW_PUB_SIZE bytes). */
bool pv_ec_pub_to_raw(EVP_PKEY *key, uint8_t raw[PV_EC_RAW_PUB_SIZE],
                      GError **errp);

/*
 * Builds a P-521 public key from X || Y.  Fails if the padding is not zero
 * or the point is not on the curve (an attacker-controlled header field).
 */
EVP_PKEY *pv_ec_pub_from_raw(const uint8_t raw[PV_EC_RAW_PUB_SIZE],
                             GError **errp);

/* True if @key is an EC key on P-521 (private or public). */
bool pv_ec_is_p521(EVP_PKEY *key);

/*
 * The key-encryption key of an SE key slot: KEK = SHA-256(Z || 00 00 00 01)
 * where Z is the ECDH shared secret (X coordinate) of @priv and @peer
 * (ANSI X9.63 KDF, one block, no shared info).  Z is wiped after use.
 */
bool pv_ecdh_kek(EVP_PKEY *priv, EVP_PKEY *peer, uint8_t kek[PV_KEK_SIZE],
                 GError **errp);

/* SHA-256 of @len bytes at @data. */
void pv_sha256(const void *data, size_t len, uint8_t out[PV_SHA256_SIZE]);

/* Fills @buf with @len bytes from the OpenSSL CSPRNG. */
bool pv_random_bytes(void *buf, size_t len, GError **errp);

#endif /* UTIL_PV_ECDH_H */
