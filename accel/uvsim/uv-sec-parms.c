/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uv-sec-parms.c - UVC SET_SEC_CONF_PARAMS: parse and authenticate the SE
 * header, keep what the configuration needs (docs/se-image.md).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "uvsim-internal.h"

/* rc/rrc of each header refusal (docs/se-image.md, boot codes). */
static void status_to_rc(SeHdrStatus st, uint16_t *rc, uint16_t *rrc)
{
    static const struct {
        uint16_t rc, rrc;
    } map[] = {
        [SE_HDR_BAD_VERSION] = { UV_RC_HDR_VERSION, 0x01 },
        [SE_HDR_BAD_LENGTH] = { UV_RC_HDR_LEN, UV_RRC_HDR_LEN },
        [SE_HDR_BAD_SEA] = { UV_RC_HDR_LEN, UV_RRC_SEA },
        [SE_HDR_NO_KEY_SLOTS] = { UV_RC_HDR_LEN, UV_RRC_NO_SLOTS },
        [SE_HDR_NO_MATCHING_SLOT] = { UV_RC_HDR_KEY, UV_RRC_KEY_HASH },
        [SE_HDR_BAD_CUST_KEY] = { UV_RC_HDR_KEY, UV_RRC_CUST_KEY },
        [SE_HDR_SLOT_UNWRAP] = { UV_RC_HDR_KEY, UV_RRC_SLOT_TAG },
        [SE_HDR_BAD_TAG] = { UV_RC_HDR_KEY, UV_RRC_HDR_TAG },
        [SE_HDR_INTERNAL] = { UV_RC_INV_STATE, 0 },
    };
    *rc = map[st].rc;
    *rrc = map[st].rrc;
}

/* Checks the decrypted part; false with rc/rrc if the UV cannot run it. */
static bool check_secrets(const SeHdrPublic *pub, const SeHdrSecrets *sec,
                          uint16_t *rc, uint16_t *rrc)
{
    if (sec->noi != 0 || pub->sea != SE_HDR_SEA_MIN) {
        /* Optional items are not supported by this UV (nor by the v1 tools). */
        *rc = UV_RC_HDR_LEN;
        *rrc = UV_RRC_SEA;
        return false;
    }
    if (sec->scf & ~UV_SUPPORTED_SCF) {
        *rc = UV_RC_SCF;
        *rrc = 0;
        return false;
    }
    return true;
}

/*
 * Like the real UV, the model reports refusals only through rc/rrc; the
 * machine turns them into the one log line the user sees.
 */
static bool fail(uint16_t *rc, uint16_t *rrc, uint16_t r, uint16_t rr)
{
    *rc = r;
    *rrc = rr;
    return false;
}

/* Keeps the image parameters and prepares the unpack state. */
static bool adopt(UvState *uv, const SeHdrPublic *pub, SeHdrSecrets *sec)
{
    PvXts *xts = pv_xts_new(sec->xts_key, false, NULL);

    if (!xts) {
        return false;
    }
    g_mutex_lock(&uv->lock);
    uv->hdr = *pub;
    uv->sec = *sec;
    uv->unpack_xts = xts;
    uv->digests = se_digests_new();
    uv->parms_set = true;
    g_mutex_unlock(&uv->lock);
    return true;
}

bool uv_set_sec_parms(UvsimVM *vm, const uint8_t *hdr, size_t len,
                      uint16_t *rc, uint16_t *rrc)
{
    UvState *uv = &vm->uv;
    SeHdrPublic pub;
    SeHdrSecrets sec;
    SeHdrStatus st;
    bool ok;

    if (uv->parms_set) {
        return fail(rc, rrc, UV_RC_INV_STATE, 0);
    }
    st = se_hdr_parse(hdr, len, &pub);
    if (st != SE_HDR_OK) {
        status_to_rc(st, rc, rrc);
        return false;
    }
    if (pub.pcf & ~UV_SUPPORTED_PCF) {
        return fail(rc, rrc, UV_RC_PCF, UV_RRC_PCF);
    }
    if (!uv_hostkey_ensure(uv)) {
        return fail(rc, rrc, UV_RC_HDR_KEY, UV_RRC_KEY_HASH);
    }
    st = se_hdr_open(hdr, &pub, uv->host_key, uv->host_pub, &sec);
    if (st != SE_HDR_OK) {
        status_to_rc(st, rc, rrc);
        return false;
    }
    ok = check_secrets(&pub, &sec, rc, rrc);
    if (ok && !adopt(uv, &pub, &sec)) {
        ok = fail(rc, rrc, UV_RC_INV_STATE, 0);
    } else if (ok) {
        *rc = UV_RC_OK;
        *rrc = 0;
    }
    pv_crypto_wipe(&sec, sizeof(sec));
    return ok;
}
