/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipl.c - the PV IPL parameter block and the boot steps that read it
 * (after QEMU's hw/s390x/ipl.c; docs/pv-boot.md).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memory.h"
#include "hw/s390x/ipl.h"
#include "util/be-access.h"
#include "util/se-header.h"
#include "util/se-image.h"

static uint8_t iplb_5[IPIB_MAX_LEN];   /* DIAG 308 subcodes 5/6 */
static bool iplb_5_valid;
static uint8_t pv_iplb[IPIB_MAX_LEN];
static bool pv_iplb_valid;
static uint64_t pv_hdr_pcf;     /* plaintext control flags of the last header */

static bool range_accessible(uint64_t addr, uint64_t len)
{
    uint64_t ram = guest_ram_size();
    return addr <= ram && len <= ram - addr;
}

static bool components_valid(const uint8_t *iplb, uint32_t num_comp)
{
    uint64_t prev_tweak = 0;

    for (uint32_t i = 0; i < num_comp; i++) {
        const uint8_t *c = iplb + IPIB_OFF_COMPS + i * IPIB_COMP_SIZE;
        uint64_t tweak = be64_load(c), addr = be64_load(c + 8);

        if (!QEMU_IS_ALIGNED(addr, SE_PAGE_SIZE)) {
            return false;
        }
        /* Equal prefixes would let two components share XTS tweaks. */
        if (i && tweak <= prev_tweak) {
            return false;
        }
        prev_tweak = tweak;
    }
    return true;
}

bool s390_ipl_pv_iplb_valid(const uint8_t *iplb, uint32_t len)
{
    uint64_t hdr_addr, hdr_len;
    uint32_t num_comp;

    /* The length first: the fields below lie beyond a short block's end. */
    if (len < IPIB_MIN_LEN || len > IPIB_MAX_LEN || iplb[IPIB_OFF_PBT] != IPIB_PBT_PV) {
        return false;
    }
    hdr_addr = be64_load(iplb + IPIB_OFF_PV_HDR_ADDR);
    hdr_len = be64_load(iplb + IPIB_OFF_PV_HDR_LEN);
    num_comp = be32_load(iplb + IPIB_OFF_NUM_COMP);
    if (hdr_len > SE_HDR_MAX_SIZE || !range_accessible(hdr_addr, hdr_len)) {
        return false;
    }
    /* Compared in 64 bits: num_comp is the guest's. */
    if (num_comp == 0 ||
        IPIB_OFF_COMPS + (uint64_t)num_comp * IPIB_COMP_SIZE > len) {
        return false;
    }
    return components_valid(iplb, num_comp);
}

bool s390_ipl_iplb_valid(const uint8_t *iplb, uint32_t len)
{
    if (len < IPIB_OFF_PBT + 1 || len > IPIB_MAX_LEN) {
        return false;
    }
    switch (iplb[IPIB_OFF_PBT]) {
    case IPIB_PBT_FCP:
        return len >= IPIB_MIN_FCP_LEN;
    case IPIB_PBT_CCW:
        return len >= IPIB_MIN_CCW_LEN;
    default:
        return false;
    }
}

void s390_ipl_set_iplb(const uint8_t *iplb)
{
    memset(iplb_5, 0, sizeof(iplb_5));
    memcpy(iplb_5, iplb, be32_load(iplb + IPIB_OFF_LEN));
    iplb_5_valid = true;
}

const uint8_t *s390_ipl_get_iplb(void)
{
    return iplb_5_valid ? iplb_5 : NULL;
}

void s390_ipl_set_pv_iplb(const uint8_t *iplb)
{
    memset(pv_iplb, 0, sizeof(pv_iplb));
    memcpy(pv_iplb, iplb, be32_load(iplb + IPIB_OFF_LEN));
    pv_iplb_valid = true;
}

const uint8_t *s390_ipl_get_pv_iplb(void)
{
    return pv_iplb_valid ? pv_iplb : NULL;
}

void s390_ipl_clear_pv_iplb(void)
{
    pv_iplb_valid = false;
}

bool s390_ipl_prepare_pv_header(S390PVResponse *resp, GError **errp)
{
    uint64_t addr = be64_load(pv_iplb + IPIB_OFF_PV_HDR_ADDR);
    uint64_t len = be64_load(pv_iplb + IPIB_OFF_PV_HDR_LEN);
    g_autofree uint8_t *hdr = g_malloc(MAX(len, 1));

    /* The block was validated when it was set: the range is in RAM. */
    if (!guest_memory_read(addr, hdr, len, errp)) {
        return false;
    }
    /* Plaintext, so the host may know it: it decides whether dumps work. */
    pv_hdr_pcf = len >= SE_HDR_OFF_PCF + 8 ? be64_load(hdr + SE_HDR_OFF_PCF) : 0;
    return s390_pv_set_sec_parms(hdr, len, resp, errp);
}

uint64_t s390_ipl_pv_hdr_pcf(void)
{
    return pv_hdr_pcf;
}

bool s390_ipl_pv_unpack(S390PVResponse *resp, GError **errp)
{
    uint32_t num_comp = be32_load(pv_iplb + IPIB_OFF_NUM_COMP);

    for (uint32_t i = 0; i < num_comp; i++) {
        const uint8_t *c = pv_iplb + IPIB_OFF_COMPS + i * IPIB_COMP_SIZE;
        uint64_t size = QEMU_ALIGN_UP(be64_load(c + 16), SE_PAGE_SIZE);

        if (!s390_pv_unpack(be64_load(c + 8), size, be64_load(c), resp, errp)) {
            return false;
        }
    }
    return true;
}
