/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uv-unpack.c - UVC UNPACK_IMG and VERIFY_IMG (docs/se-image.md).
 *
 * Each unpacked page feeds the running digests with the page as found in
 * guest memory (the ciphertext), its address and its tweak; it is then
 * decrypted into secure storage.  VERIFY compares the digests and the page
 * count with the header's.
 */
#include "qemu/osdep.h"
#include "uvsim-internal.h"

bool uv_unpack_page(UvsimVM *vm, uint64_t gaddr, uint64_t prefix, uint64_t offset,
                    uint16_t *rc, uint16_t *rrc)
{
    UvState *uv = &vm->uv;
    uint64_t pfn = gaddr / SE_PAGE_SIZE;
    uint8_t tweak[16];
    bool ok = false;

    *rrc = 0;
    g_mutex_lock(&uv->lock);
    if (!uv->parms_set || !uv->digests || uv->verified) {
        *rc = UV_RC_INV_STATE;      /* no image, or the image is complete */
    } else if (pfn >= uv->npages) {
        *rc = UV_RC_INV_ADDR;
    } else if (uv_storage_state_locked(vm, pfn) != UV_PAGE_NORMAL) {
        *rc = UV_RC_INV_STATE;      /* each page can be unpacked once */
    } else {
        const uint8_t *in = vm->mem_host + pfn * SE_PAGE_SIZE;
        uint8_t *data = g_malloc(SE_PAGE_SIZE);

        se_image_tweak(prefix, offset, tweak);
        se_digests_add(uv->digests, in, gaddr, tweak);
        if (uv->hdr.pcf & SE_PCF_NO_DECRYPTION) {
            memcpy(data, in, SE_PAGE_SIZE);
        } else {
            g_assert(pv_xts_page(uv->unpack_xts, tweak, in, data, NULL));
        }
        uv_storage_make_secure_locked(vm, pfn, data);
        *rc = UV_RC_OK;
        ok = true;
    }
    g_mutex_unlock(&uv->lock);
    return ok;
}

/* The first mismatch, in the order nep, ALD, PLD, TLD; 0 if all match. */
static uint16_t verify_rrc(UvState *uv)
{
    uint8_t pld[SE_HDR_DIGEST_SIZE], ald[SE_HDR_DIGEST_SIZE], tld[SE_HDR_DIGEST_SIZE];
    uint64_t pages = se_digests_pages(uv->digests);

    se_digests_final(uv->digests, pld, ald, tld);
    g_clear_pointer(&uv->digests, se_digests_free);
    if (pages != uv->hdr.nep) {
        return UV_RRC_NEP;
    }
    if (memcmp(ald, uv->hdr.ald, sizeof(ald))) {
        return UV_RRC_ALD;
    }
    if (memcmp(pld, uv->hdr.pld, sizeof(pld))) {
        return UV_RRC_PLD;
    }
    if (memcmp(tld, uv->hdr.tld, sizeof(tld))) {
        return UV_RRC_TLD;
    }
    return 0;
}

bool uv_verify(UvsimVM *vm, uint16_t *rc, uint16_t *rrc)
{
    UvState *uv = &vm->uv;

    g_mutex_lock(&uv->lock);
    if (!uv->parms_set || !uv->digests) {
        *rc = UV_RC_INV_STATE;
        *rrc = 0;
    } else {
        *rrc = verify_rrc(uv);
        *rc = *rrc ? UV_RC_VERIFY : UV_RC_OK;
        uv->verified = *rrc == 0;
    }
    g_mutex_unlock(&uv->lock);
    return *rc == UV_RC_OK;
}
