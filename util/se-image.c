/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * se-image.c - locating the parts of an SE image; component digests
 * (see util/se-image.h).
 */
#include "qemu/osdep.h"
#include "util/be-access.h"
#include "util/se-header.h"
#include "util/se-image.h"

#include <openssl/evp.h>

struct SeImgDigests {
    EVP_MD_CTX *pld, *ald, *tld;
    uint64_t pages;
};

static bool locate_by_metadata(const uint8_t *img, size_t len, SeImageLayout *out)
{
    const uint8_t *meta = img + SE_IMG_META_OFF;

    if (len < SE_IMG_META_OFF + SE_IMG_META_SIZE ||
        memcmp(meta, SE_IMG_META_MAGIC, 8) ||
        be32_load(meta + SE_IMG_META_OFF_VERSION) != SE_IMG_META_VERSION) {
        return false;
    }
    out->hdr_off = be64_load(meta + SE_IMG_META_OFF_HDR);
    out->ipib_off = be64_load(meta + SE_IMG_META_OFF_IPIB);
    out->hdr_size = 0;
    if (out->hdr_off <= len - 16) {
        uint32_t phs = be32_load(img + out->hdr_off + SE_HDR_OFF_PHS);
        out->hdr_size = phs <= len - out->hdr_off ? phs : 0;
    }
    return out->hdr_off < len && out->ipib_off < len;
}

static bool locate_by_magic(const uint8_t *img, size_t len, SeImageLayout *out)
{
    for (size_t off = SE_STAGE3A_ADDR; off + 16 <= len; off += SE_PAGE_SIZE) {
        uint32_t phs;

        if (be64_load(img + off) != SE_HDR_MAGIC) {
            continue;
        }
        phs = be32_load(img + off + SE_HDR_OFF_PHS);
        if (phs > SE_HDR_MAX_SIZE || phs > len - off) {
            return false;
        }
        out->hdr_off = off;
        out->hdr_size = phs;
        out->ipib_off = QEMU_ALIGN_UP(off + phs, SE_PAGE_SIZE);
        return out->ipib_off < len;
    }
    return false;
}

bool se_image_locate(const uint8_t *img, size_t len, SeImageLayout *out)
{
    return locate_by_metadata(img, len, out) || locate_by_magic(img, len, out);
}

void se_image_tweak(uint64_t prefix, uint64_t offset, uint8_t tweak[16])
{
    be64_store(tweak, prefix);
    be64_store(tweak + 8, offset);
}

SeImgDigests *se_digests_new(void)
{
    SeImgDigests *d = g_new0(SeImgDigests, 1);

    d->pld = EVP_MD_CTX_new();
    d->ald = EVP_MD_CTX_new();
    d->tld = EVP_MD_CTX_new();
    g_assert(d->pld && d->ald && d->tld &&
             EVP_DigestInit_ex(d->pld, EVP_sha512(), NULL) == 1 &&
             EVP_DigestInit_ex(d->ald, EVP_sha512(), NULL) == 1 &&
             EVP_DigestInit_ex(d->tld, EVP_sha512(), NULL) == 1);
    return d;
}

void se_digests_add(SeImgDigests *d, const uint8_t *page, uint64_t gaddr,
                    const uint8_t tweak[16])
{
    uint8_t addr[8];

    be64_store(addr, gaddr);
    EVP_DigestUpdate(d->pld, page, SE_PAGE_SIZE);
    EVP_DigestUpdate(d->ald, addr, sizeof(addr));
    EVP_DigestUpdate(d->tld, tweak, 16);
    d->pages++;
}

uint64_t se_digests_pages(const SeImgDigests *d)
{
    return d->pages;
}

void se_digests_final(SeImgDigests *d, uint8_t pld[64], uint8_t ald[64],
                      uint8_t tld[64])
{
    EVP_DigestFinal_ex(d->pld, pld, NULL);
    EVP_DigestFinal_ex(d->ald, ald, NULL);
    EVP_DigestFinal_ex(d->tld, tld, NULL);
}

void se_digests_free(SeImgDigests *d)
{
    if (d) {
        EVP_MD_CTX_free(d->pld);
        EVP_MD_CTX_free(d->ald);
        EVP_MD_CTX_free(d->tld);
        g_free(d);
    }
}
