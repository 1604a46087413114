/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * se-header.h - the Secure Execution header, version 1
 * (docs/se-image.md).
 *
 * The header is big-endian and hostile input for the Ultravisor; it is
 * only ever accessed through the explicit helpers of util/be-access.h.
 * Image builders use se_hdr_build(); the simulated Ultravisor uses
 * se_hdr_parse() and se_hdr_open().  Both sides share this file so that
 * the format exists once.
 */
#ifndef UTIL_SE_HEADER_H
#define UTIL_SE_HEADER_H

#include "qemu/osdep.h"
#include <openssl/types.h>
#include "util/pv-ecdh.h"

#define SE_HDR_MAGIC          0x49424D5365634578ULL   /* "IBMSecEx" */
#define SE_HDR_VERSION_1      0x00000100u
#define SE_HDR_MAX_SIZE       8192u
#define SE_HDR_MAX_KEY_SLOTS  95
#define SE_HDR_IV_SIZE        12
#define SE_HDR_TAG_SIZE       16
#define SE_HDR_CCK_SIZE       32
#define SE_HDR_XTS_KEY_SIZE   64
#define SE_HDR_DIGEST_SIZE    64                       /* SHA-512 */

/* Field offsets. */
#define SE_HDR_OFF_MAGIC      0x000
#define SE_HDR_OFF_VERSION    0x008
#define SE_HDR_OFF_PHS        0x00C
#define SE_HDR_OFF_IV         0x010
#define SE_HDR_OFF_NKS        0x020
#define SE_HDR_OFF_SEA        0x028
#define SE_HDR_OFF_NEP        0x030
#define SE_HDR_OFF_PCF        0x038
#define SE_HDR_OFF_CUST_PUB   0x040
#define SE_HDR_OFF_PLD        0x0E0
#define SE_HDR_OFF_ALD        0x120
#define SE_HDR_OFF_TLD        0x160
#define SE_HDR_OFF_KEY_SLOTS  0x1A0
#define SE_HDR_KEY_SLOT_SIZE  80
#define SE_HDR_SLOT_OFF_WRAPPED 32
#define SE_HDR_SLOT_OFF_TAG   64
#define SE_HDR_SEA_MIN        128      /* the encrypted area without optional items */

/* Offsets inside the (decrypted) encrypted area. */
#define SE_SEA_OFF_CCK        0x00
#define SE_SEA_OFF_XTS_KEY    0x20
#define SE_SEA_OFF_PSW_MASK   0x60
#define SE_SEA_OFF_PSW_ADDR   0x68
#define SE_SEA_OFF_SCF        0x70
#define SE_SEA_OFF_NOI        0x78

/* Plaintext control flags (MSB-0 bit numbers as masks). */
#define SE_PCF_DUMP_ALLOWED   0x0000000020000000ULL   /* bit 34 */
#define SE_PCF_NO_DECRYPTION  0x0000000010000000ULL   /* bit 35 */
#define SE_PCF_PCKMO_DEA      0x80ULL
#define SE_PCF_PCKMO_AES      0x40ULL
#define SE_PCF_PCKMO_ECC      0x20ULL
#define SE_PCF_PCKMO_HMAC     0x10ULL
#define SE_PCF_BACKUP_KEYS    0x02ULL
#define SE_PCF_DEFAULT        (SE_PCF_PCKMO_DEA | SE_PCF_PCKMO_AES | SE_PCF_PCKMO_ECC)

/* Secret control flags. */
#define SE_SCF_CCK_EXT_SECRET 0x4000000000000000ULL   /* bit 1 */
#define SE_SCF_CCK_UPDATE     0x2000000000000000ULL   /* bit 2 */

/* The plaintext (authenticated, unencrypted) part of a header. */
typedef struct SeHdrPublic {
    uint32_t version;
    uint32_t phs;                         /* total header size */
    uint8_t iv[SE_HDR_IV_SIZE];
    uint64_t nks;                         /* number of key slots */
    uint64_t sea;                         /* size of the encrypted area */
    uint64_t nep;                         /* number of encrypted pages */
    uint64_t pcf;
    uint8_t cust_pub[PV_EC_RAW_PUB_SIZE]; /* customer public key X || Y */
    uint8_t pld[SE_HDR_DIGEST_SIZE];
    uint8_t ald[SE_HDR_DIGEST_SIZE];
    uint8_t tld[SE_HDR_DIGEST_SIZE];
} SeHdrPublic;

/* The encrypted part (without optional items, which v1 tools never write). */
typedef struct SeHdrSecrets {
    uint8_t cck[SE_HDR_CCK_SIZE];
    uint8_t xts_key[SE_HDR_XTS_KEY_SIZE]; /* image key1 || key2 */
    uint64_t psw_mask;
    uint64_t psw_addr;
    uint64_t scf;
    uint32_t noi;                         /* number of optional items */
} SeHdrSecrets;

/* Why a header was refused; the Ultravisor maps these to rc/rrc. */
typedef enum SeHdrStatus {
    SE_HDR_OK,
    SE_HDR_BAD_VERSION,       /* magic or version */
    SE_HDR_BAD_LENGTH,        /* phs disagrees with the given length or layout */
    SE_HDR_BAD_SEA,           /* encrypted-area size */
    SE_HDR_NO_KEY_SLOTS,
    SE_HDR_NO_MATCHING_SLOT,  /* not encrypted for this host key */
    SE_HDR_BAD_CUST_KEY,      /* customer ECDH key not on the curve */
    SE_HDR_SLOT_UNWRAP,       /* the key slot's GCM tag does not verify */
    SE_HDR_BAD_TAG,           /* the header's GCM tag does not verify */
    SE_HDR_INTERNAL,          /* crypto library failure */
} SeHdrStatus;

/* A short English description of @st for log lines. */
const char *se_hdr_status_str(SeHdrStatus st);

/* Header size for @nks key slots and an encrypted area of @sea bytes. */
size_t se_hdr_size(uint64_t nks, uint64_t sea);

/*
 * Checks the layout of @len bytes at @hdr (magic, version, sizes) and
 * decodes the plaintext part into @pub.  Nothing is decrypted.
 */
SeHdrStatus se_hdr_parse(const uint8_t *hdr, size_t len, SeHdrPublic *pub);

/*
 * The Ultravisor's side: finds the key slot for the host key pair @host
 * (whose raw public key is @host_pub), unwraps the protection key with
 * ECDH, authenticates and decrypts the encrypted area into @sec.  @hdr was
 * accepted by se_hdr_parse() into @pub.  Key material is wiped.
 */
SeHdrStatus se_hdr_open(const uint8_t *hdr, const SeHdrPublic *pub,
                        EVP_PKEY *host, const uint8_t host_pub[PV_EC_RAW_PUB_SIZE],
                        SeHdrSecrets *sec);

/*
 * The image builder's side: a header for the @n host keys @hosts with the
 * plaintext fields nep, pcf, pld, ald, tld of @pub (the rest is generated:
 * customer key pair, protection key, IV) and the secrets @sec.
 */
GBytes *se_hdr_build(const SeHdrPublic *pub, const SeHdrSecrets *sec,
                     EVP_PKEY *const *hosts, size_t n, GError **errp);

#endif /* UTIL_SE_HEADER_H */
