/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * diag308.c - DIAG 308, the IPL functions (after QEMU's target/s390x/diag.c;
 * docs/pv-boot.md "DIAG 308").
 *
 * Subcodes 5/6 keep a CCW or FCP block (QEMU's iplb_valid) that pvdump,
 * without channel devices, stores for the guest but does not boot from;
 * subcodes 8/9 keep the PV one.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memory.h"
#include "hw/s390x/diag308.h"
#include "hw/s390x/ipl.h"
#include "hw/s390x/ipl-reset.h"
#include "hw/s390x/pv-boot.h"
#include "sysemu/runstate.h"
#include "target/s390x/cpu.h"
#include "util/be-access.h"
#include "util/se-image.h"

#define PSW_MASK_PSTATE 0x0001000000000000ULL

enum {
    DIAG308_RESET_MOD_CLR = 0,
    DIAG308_RESET_LOAD_NORM = 1,
    DIAG308_LOAD_CLEAR = 3,
    DIAG308_LOAD_NORMAL_DUMP = 4,
    DIAG308_SET = 5,
    DIAG308_STORE = 6,
    DIAG308_LOAD_NORMAL = 7,
    DIAG308_PV_SET = 8,
    DIAG308_PV_STORE = 9,
    DIAG308_PV_START = 10,
};

/* R1 and the IPLB address; the Ultravisor checks them in PV mode. */
static int parm_check(const CPUS390XState *env, unsigned r1, uint64_t addr)
{
    if (s390_is_pv()) {
        return 0;
    }
    if ((r1 & 1) || !QEMU_IS_ALIGNED(addr, 4096)) {
        return PGM_SPECIFICATION;
    }
    if (addr > guest_ram_size() || guest_ram_size() - addr < IPIB_MAX_LEN) {
        return PGM_ADDRESSING;
    }
    return 0;
}

/* Subcodes 5 and 8: the guest's block, validated by the subcode's rules. */
static uint64_t iplb_set(uint64_t addr, bool pv)
{
    uint8_t iplb[IPIB_MAX_LEN] = { 0 };
    uint32_t len;
    bool valid;

    if (!guest_memory_read(addr, iplb, 4, NULL)) {
        return DIAG_308_RC_INVALID;
    }
    len = be32_load(iplb);
    if (len > IPIB_MAX_LEN) {
        return DIAG_308_RC_INVALID;
    }
    if (!guest_memory_read(addr, iplb, len, NULL)) {
        return DIAG_308_RC_INVALID;
    }
    valid = pv ? s390_ipl_pv_iplb_valid(iplb, len) : s390_ipl_iplb_valid(iplb, len);
    if (!valid) {
        return DIAG_308_RC_INVALID;
    }
    if (pv) {
        s390_ipl_set_pv_iplb(iplb);
    } else {
        s390_ipl_set_iplb(iplb);
    }
    return DIAG_308_RC_OK;
}

/* Subcodes 6 and 9: the block set before, or "no configuration". */
static uint64_t iplb_store(uint64_t addr, bool pv)
{
    const uint8_t *iplb = pv ? s390_ipl_get_pv_iplb() : s390_ipl_get_iplb();

    if (!iplb) {
        return DIAG_308_RC_NO_CONF;
    }
    guest_memory_write(addr, iplb, be32_load(iplb), NULL);
    return DIAG_308_RC_OK;
}

/* The subcodes that work on an IPL parameter block at R1. */
static int iplb_subcode(CPUS390XState *env, unsigned r1, uint64_t subcode)
{
    uint64_t addr = env->regs[r1];
    int pgm = parm_check(env, r1, addr);

    if (pgm) {
        return pgm;
    }
    if (subcode == DIAG308_SET || subcode == DIAG308_PV_SET) {
        env->regs[r1 + 1] = iplb_set(addr, subcode == DIAG308_PV_SET);
    } else {
        env->regs[r1 + 1] = iplb_store(addr, subcode == DIAG308_PV_STORE);
    }
    return 0;
}

static bool forbidden_in_pv(uint64_t subcode)
{
    /* Re-IPL into PV needs a detour through non-PV (clearing resets). */
    return subcode == DIAG308_LOAD_NORMAL_DUMP || subcode == DIAG308_LOAD_NORMAL ||
           subcode >= DIAG308_PV_SET;
}

int handle_diag_308(CPUState *cs, unsigned r1, unsigned r3)
{
    CPUS390XState *env = &S390_CPU(cs)->env;
    uint64_t subcode = env->regs[r3];

    if (env->psw_mask & PSW_MASK_PSTATE) {
        return PGM_PRIVILEGED;
    }
    if (subcode & ~0xffffULL) {
        return PGM_SPECIFICATION;
    }
    if (subcode >= DIAG308_PV_SET && !s390_has_feat(&s390_cpu_model, S390_FEAT_UNPACK)) {
        return PGM_SPECIFICATION;
    }
    if (s390_is_pv() && forbidden_in_pv(subcode)) {
        return PGM_SPECIFICATION;
    }
    switch (subcode) {
    case DIAG308_RESET_MOD_CLR:
    case DIAG308_RESET_LOAD_NORM:
        if (s390_is_pv()) {
            s390_pv_reboot();
        } else {
            s390_ipl_reset_request(cs, subcode == DIAG308_RESET_MOD_CLR);
        }
        return 0;
    case DIAG308_LOAD_CLEAR:
        s390_ipl_reipl_request(cs);    /* re-IPL: leaves PV mode */
        return 0;
    case DIAG308_SET:
    case DIAG308_STORE:
    case DIAG308_PV_SET:
    case DIAG308_PV_STORE:
        return iplb_subcode(env, r1, subcode);
    case DIAG308_PV_START:
        if (!s390_ipl_get_pv_iplb()) {
            env->regs[r1 + 1] = DIAG_308_RC_NO_PV_CONF;
            return 0;
        }
        s390_pv_start_request(cs, r1);
        return 0;
    default:
        return PGM_SPECIFICATION;
    }
}
