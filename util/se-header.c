/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * se-header.c - Secure Execution header v1: layout, key slots, encryption
 * (see util/se-header.h and docs/se-image.md "SE header").
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "util/be-access.h"
#include "util/pv-crypto.h"
#include "util/se-header.h"

#include <openssl/evp.h>

const char *se_hdr_status_str(SeHdrStatus st)
{
    static const char *const text[] = {
        [SE_HDR_OK] = "valid",
        [SE_HDR_BAD_VERSION] = "not an SE header of version 1",
        [SE_HDR_BAD_LENGTH] = "header length does not match its layout",
        [SE_HDR_BAD_SEA] = "invalid encrypted-area size",
        [SE_HDR_NO_KEY_SLOTS] = "no key slots",
        [SE_HDR_NO_MATCHING_SLOT] = "no key slot for this host key",
        [SE_HDR_BAD_CUST_KEY] = "invalid customer ECDH key",
        [SE_HDR_SLOT_UNWRAP] = "key slot authentication failed",
        [SE_HDR_BAD_TAG] = "header authentication failed",
        [SE_HDR_INTERNAL] = "cryptographic library failure",
    };
    return st < G_N_ELEMENTS(text) ? text[st] : "unknown";
}

size_t se_hdr_size(uint64_t nks, uint64_t sea)
{
    return SE_HDR_OFF_KEY_SLOTS + nks * SE_HDR_KEY_SLOT_SIZE + sea + SE_HDR_TAG_SIZE;
}

/* Offset of the encrypted area (= length of the AAD). */
static size_t sea_offset(uint64_t nks)
{
    return SE_HDR_OFF_KEY_SLOTS + nks * SE_HDR_KEY_SLOT_SIZE;
}

SeHdrStatus se_hdr_parse(const uint8_t *hdr, size_t len, SeHdrPublic *pub)
{
    memset(pub, 0, sizeof(*pub));
    if (len < SE_HDR_OFF_PHS + 4) {
        return SE_HDR_BAD_LENGTH;
    }
    pub->version = be32_load(hdr + SE_HDR_OFF_VERSION);
    if (be64_load(hdr + SE_HDR_OFF_MAGIC) != SE_HDR_MAGIC ||
        pub->version != SE_HDR_VERSION_1) {
        return SE_HDR_BAD_VERSION;
    }
    pub->phs = be32_load(hdr + SE_HDR_OFF_PHS);
    if (pub->phs != len || len < SE_HDR_OFF_KEY_SLOTS) {
        return SE_HDR_BAD_LENGTH;
    }
    pub->nks = be64_load(hdr + SE_HDR_OFF_NKS);
    pub->sea = be64_load(hdr + SE_HDR_OFF_SEA);
    if (pub->nks == 0) {
        return SE_HDR_NO_KEY_SLOTS;
    }
    /* Bounded before any arithmetic: both fields are attacker-chosen. */
    if (pub->sea < SE_HDR_SEA_MIN || pub->sea % 16 || pub->sea > SE_HDR_MAX_SIZE) {
        return SE_HDR_BAD_SEA;
    }
    if (pub->nks > SE_HDR_MAX_KEY_SLOTS || se_hdr_size(pub->nks, pub->sea) != len) {
        return SE_HDR_BAD_LENGTH;
    }
    memcpy(pub->iv, hdr + SE_HDR_OFF_IV, SE_HDR_IV_SIZE);
    pub->nep = be64_load(hdr + SE_HDR_OFF_NEP);
    pub->pcf = be64_load(hdr + SE_HDR_OFF_PCF);
    memcpy(pub->cust_pub, hdr + SE_HDR_OFF_CUST_PUB, PV_EC_RAW_PUB_SIZE);
    memcpy(pub->pld, hdr + SE_HDR_OFF_PLD, SE_HDR_DIGEST_SIZE);
    memcpy(pub->ald, hdr + SE_HDR_OFF_ALD, SE_HDR_DIGEST_SIZE);
    memcpy(pub->tld, hdr + SE_HDR_OFF_TLD, SE_HDR_DIGEST_SIZE);
    return SE_HDR_OK;
}

static const uint8_t *find_slot(const uint8_t *hdr, uint64_t nks,
                                const uint8_t host_pub[PV_EC_RAW_PUB_SIZE])
{
    uint8_t digest[PV_SHA256_SIZE];

    pv_sha256(host_pub, PV_EC_RAW_PUB_SIZE, digest);
    for (uint64_t i = 0; i < nks; i++) {
        const uint8_t *slot = hdr + SE_HDR_OFF_KEY_SLOTS + i * SE_HDR_KEY_SLOT_SIZE;
        if (!memcmp(slot, digest, sizeof(digest))) {
            return slot;
        }
    }
    return NULL;
}

/* Unwraps the header protection key from @slot (ECDH with the customer key). */
static SeHdrStatus unwrap_slot(const uint8_t *slot, const SeHdrPublic *pub,
                               EVP_PKEY *host, uint8_t prot[PV_DUMP_KEY_SIZE])
{
    static const uint8_t zero_iv[PV_GCM_IV_SIZE];
    uint8_t kek[PV_KEK_SIZE];
    EVP_PKEY *cust = pv_ec_pub_from_raw(pub->cust_pub, NULL);
    SeHdrStatus st = SE_HDR_OK;

    if (!cust) {
        return SE_HDR_BAD_CUST_KEY;
    }
    if (!pv_ecdh_kek(host, cust, kek, NULL)) {
        st = SE_HDR_INTERNAL;
    } else if (!pv_gcm_open(kek, zero_iv, NULL, 0, slot + SE_HDR_SLOT_OFF_WRAPPED,
                            PV_DUMP_KEY_SIZE, prot, slot + SE_HDR_SLOT_OFF_TAG,
                            NULL)) {
        st = SE_HDR_SLOT_UNWRAP;
    }
    pv_crypto_wipe(kek, sizeof(kek));
    EVP_PKEY_free(cust);
    return st;
}

static void decode_secrets(const uint8_t *sea, SeHdrSecrets *sec)
{
    memcpy(sec->cck, sea + SE_SEA_OFF_CCK, SE_HDR_CCK_SIZE);
    memcpy(sec->xts_key, sea + SE_SEA_OFF_XTS_KEY, SE_HDR_XTS_KEY_SIZE);
    sec->psw_mask = be64_load(sea + SE_SEA_OFF_PSW_MASK);
    sec->psw_addr = be64_load(sea + SE_SEA_OFF_PSW_ADDR);
    sec->scf = be64_load(sea + SE_SEA_OFF_SCF);
    sec->noi = be32_load(sea + SE_SEA_OFF_NOI);
}

static void encode_secrets(const SeHdrSecrets *sec, uint8_t *sea)
{
    memcpy(sea + SE_SEA_OFF_CCK, sec->cck, SE_HDR_CCK_SIZE);
    memcpy(sea + SE_SEA_OFF_XTS_KEY, sec->xts_key, SE_HDR_XTS_KEY_SIZE);
    be64_store(sea + SE_SEA_OFF_PSW_MASK, sec->psw_mask);
    be64_store(sea + SE_SEA_OFF_PSW_ADDR, sec->psw_addr);
    be64_store(sea + SE_SEA_OFF_SCF, sec->scf);
    be32_store(sea + SE_SEA_OFF_NOI, 0);
}

SeHdrStatus se_hdr_open(const uint8_t *hdr, const SeHdrPublic *pub,
                        EVP_PKEY *host, const uint8_t host_pub[PV_EC_RAW_PUB_SIZE],
                        SeHdrSecrets *sec)
{
    const uint8_t *slot = find_slot(hdr, pub->nks, host_pub);
    uint8_t prot[PV_DUMP_KEY_SIZE];
    size_t aad_len = sea_offset(pub->nks);
    uint8_t *plain;
    SeHdrStatus st;

    memset(sec, 0, sizeof(*sec));
    if (!slot) {
        return SE_HDR_NO_MATCHING_SLOT;
    }
    st = unwrap_slot(slot, pub, host, prot);
    if (st != SE_HDR_OK) {
        return st;
    }
    plain = g_malloc(pub->sea);
    if (!pv_gcm_open(prot, pub->iv, hdr, aad_len, hdr + aad_len, pub->sea, plain,
                     hdr + pub->phs - SE_HDR_TAG_SIZE, NULL)) {
        st = SE_HDR_BAD_TAG;
    } else {
        decode_secrets(plain, sec);
    }
    pv_crypto_wipe(plain, pub->sea);
    pv_crypto_wipe(prot, sizeof(prot));
    g_free(plain);
    return st;
}

/* Writes key slot @i for host key @host: hash, wrapped @prot, tag. */
static bool write_slot(uint8_t *hdr, size_t i, EVP_PKEY *cust, EVP_PKEY *host,
                       const uint8_t prot[PV_DUMP_KEY_SIZE], GError **errp)
{
    static const uint8_t zero_iv[PV_GCM_IV_SIZE];
    uint8_t *slot = hdr + SE_HDR_OFF_KEY_SLOTS + i * SE_HDR_KEY_SLOT_SIZE;
    uint8_t host_pub[PV_EC_RAW_PUB_SIZE];
    uint8_t kek[PV_KEK_SIZE];
    bool ok;

    if (!pv_ec_pub_to_raw(host, host_pub, errp)) {
        return false;
    }
    pv_sha256(host_pub, sizeof(host_pub), slot);
    ok = pv_ecdh_kek(cust, host, kek, errp) &&
         pv_gcm_seal(kek, zero_iv, NULL, 0, prot, PV_DUMP_KEY_SIZE,
                     slot + SE_HDR_SLOT_OFF_WRAPPED, slot + SE_HDR_SLOT_OFF_TAG, errp);
    pv_crypto_wipe(kek, sizeof(kek));
    return ok;
}

static void write_public(uint8_t *hdr, const SeHdrPublic *pub, size_t nks, size_t phs)
{
    be64_store(hdr + SE_HDR_OFF_MAGIC, SE_HDR_MAGIC);
    be32_store(hdr + SE_HDR_OFF_VERSION, SE_HDR_VERSION_1);
    be32_store(hdr + SE_HDR_OFF_PHS, phs);
    be64_store(hdr + SE_HDR_OFF_NKS, nks);
    be64_store(hdr + SE_HDR_OFF_SEA, SE_HDR_SEA_MIN);
    be64_store(hdr + SE_HDR_OFF_NEP, pub->nep);
    be64_store(hdr + SE_HDR_OFF_PCF, pub->pcf);
    memcpy(hdr + SE_HDR_OFF_PLD, pub->pld, SE_HDR_DIGEST_SIZE);
    memcpy(hdr + SE_HDR_OFF_ALD, pub->ald, SE_HDR_DIGEST_SIZE);
    memcpy(hdr + SE_HDR_OFF_TLD, pub->tld, SE_HDR_DIGEST_SIZE);
}

GBytes *se_hdr_build(const SeHdrPublic *pub, const SeHdrSecrets *sec,
                     EVP_PKEY *const *hosts, size_t n, GError **errp)
{
    size_t phs = se_hdr_size(n, SE_HDR_SEA_MIN), aad_len = sea_offset(n);
    uint8_t *hdr = g_malloc0(phs);
    uint8_t plain[SE_HDR_SEA_MIN] = { 0 };
    uint8_t prot[PV_DUMP_KEY_SIZE];
    EVP_PKEY *cust = NULL;
    bool ok = false;

    if (n == 0 || n > SE_HDR_MAX_KEY_SLOTS) {
        error_setg(errp, "An SE header needs 1 to %d host keys, not %zu",
                   SE_HDR_MAX_KEY_SLOTS, n);
        goto out;
    }
    write_public(hdr, pub, n, phs);
    cust = pv_ec_generate(errp);
    if (!cust || !pv_ec_pub_to_raw(cust, hdr + SE_HDR_OFF_CUST_PUB, errp) ||
        !pv_random_bytes(hdr + SE_HDR_OFF_IV, SE_HDR_IV_SIZE, errp) ||
        !pv_random_bytes(prot, sizeof(prot), errp)) {
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        if (!write_slot(hdr, i, cust, hosts[i], prot, errp)) {
            goto out;
        }
    }
    encode_secrets(sec, plain);
    ok = pv_gcm_seal(prot, hdr + SE_HDR_OFF_IV, hdr, aad_len, plain, sizeof(plain),
                     hdr + aad_len, hdr + phs - SE_HDR_TAG_SIZE, errp);
out:
    pv_crypto_wipe(plain, sizeof(plain));
    pv_crypto_wipe(prot, sizeof(prot));
    EVP_PKEY_free(cust);
    if (!ok) {
        g_free(hdr);
        return NULL;
    }
    return g_bytes_new_take(hdr, phs);
}
