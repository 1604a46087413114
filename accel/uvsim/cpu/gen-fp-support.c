/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-fp-support.c - the floating-point-support instructions: FPR loads,
 * stores and zeroing, the sign-handling loads, and the FPC (EFPC, SFPC,
 * LFPC, STFPC, SRNM, SRNMB).  None of them raises an IEEE exception; without
 * the AFP-register control only FPRs 0, 2, 4 and 6 exist.
 */
#include "bfp.h"

/* ---- register to register ---- */

UV_HANDLER(ler)
{
    uv_fpr_check(cpu, d->r1);
    uv_fpr_check(cpu, d->r2);
    uv_fpr_put(cpu, UV_BFP_E, d->r1, uv_fpr_get(cpu, UV_BFP_E, d->r2));
}

UV_HANDLER(ldr)
{
    uv_fpr_check(cpu, d->r1);
    uv_fpr_check(cpu, d->r2);
    cpu->r.vregs[d->r1][0] = cpu->r.vregs[d->r2][0];
}

/* LXR is a support instruction: no DXC 2, but register pairs. */
static void pair_check(UvCpu *cpu, unsigned r1, unsigned r2)
{
    uv_fpr_check(cpu, r1);
    uv_fpr_check(cpu, r2);
    if ((r1 | r2) & 2) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
}

UV_HANDLER(lxr)
{
    pair_check(cpu, d->r1, d->r2);
    uv_fpr_put(cpu, UV_BFP_X, d->r1, uv_fpr_get(cpu, UV_BFP_X, d->r2));
}

UV_HANDLER(lzer)
{
    uv_fpr_check(cpu, d->r1);
    uv_fpr_put(cpu, UV_BFP_E, d->r1, 0);
}

UV_HANDLER(lzdr)
{
    uv_fpr_check(cpu, d->r1);
    cpu->r.vregs[d->r1][0] = 0;
}

UV_HANDLER(lzxr)
{
    pair_check(cpu, d->r1, 0);
    uv_fpr_put(cpu, UV_BFP_X, d->r1, 0);
}

#define SIGN64 0x8000000000000000ULL

/* The long sign-handling loads, bit for bit (no CC, NaNs unchanged). */
static void sign_load(UvCpu *cpu, const UvInsn *d, uint64_t and, uint64_t xor)
{
    uv_fpr_check(cpu, d->r1);
    uv_fpr_check(cpu, d->r2);
    cpu->r.vregs[d->r1][0] = (cpu->r.vregs[d->r2][0] & and) ^ xor;
}

UV_HANDLER(lcdfr) { sign_load(cpu, d, UINT64_MAX, SIGN64); }
UV_HANDLER(lndfr) { sign_load(cpu, d, ~SIGN64, SIGN64); }
UV_HANDLER(lpdfr) { sign_load(cpu, d, ~SIGN64, 0); }

/* COPY SIGN: R1 = R2's magnitude with R3's sign. */
UV_HANDLER(cpsdr)
{
    uv_fpr_check(cpu, d->r1);
    uv_fpr_check(cpu, d->r2);
    uv_fpr_check(cpu, d->r3);
    cpu->r.vregs[d->r1][0] = (cpu->r.vregs[d->r2][0] & ~SIGN64) |
                             (cpu->r.vregs[d->r3][0] & SIGN64);
}

/* ---- storage ---- */

static void load_short(UvCpu *cpu, const UvInsn *d)
{
    uint32_t v;

    uv_fpr_check(cpu, d->r1);
    v = uv_ld32(cpu, uv_a2(cpu, d));
    uv_fpr_put(cpu, UV_BFP_E, d->r1, v);
}

static void load_long(UvCpu *cpu, const UvInsn *d)
{
    uint64_t v;

    uv_fpr_check(cpu, d->r1);
    v = uv_ld64(cpu, uv_a2(cpu, d));
    cpu->r.vregs[d->r1][0] = v;
}

static void store_short(UvCpu *cpu, const UvInsn *d)
{
    uv_fpr_check(cpu, d->r1);
    uv_st(cpu, uv_a2(cpu, d), cpu->r.vregs[d->r1][0] >> 32, 4);
}

static void store_long(UvCpu *cpu, const UvInsn *d)
{
    uv_fpr_check(cpu, d->r1);
    uv_st(cpu, uv_a2(cpu, d), cpu->r.vregs[d->r1][0], 8);
}

UV_HANDLER(le)   { load_short(cpu, d); }
UV_HANDLER(ley)  { load_short(cpu, d); }
UV_HANDLER(ld)   { load_long(cpu, d); }
UV_HANDLER(ldy)  { load_long(cpu, d); }
UV_HANDLER(ste)  { store_short(cpu, d); }
UV_HANDLER(stey) { store_short(cpu, d); }
UV_HANDLER(std)  { store_long(cpu, d); }
UV_HANDLER(stdy) { store_long(cpu, d); }

/* ---- the FPC ---- */

/*
 * Bits of the FPC that must be zero: the reserved bits of the mask and
 * flag bytes (6-7, 14-15), bits 24 and 28; BFP rounding modes 4-6 are
 * invalid and 7 needs the FP-extension facility.  The DFP rounding mode
 * (bits 25-27) is kept although no DFP instruction uses it, as QEMU's
 * TCG does (kvm-unit-tests' smp test loads FPC 0x11 and expects it back).
 */
static bool fpc_valid(const UvCpu *cpu, uint32_t fpc)
{
    unsigned brm = fpc & UV_FPC_BRM;

    if (fpc & 0x03030088u) {
        return false;
    }
    return brm <= 3 || brm == 7;    /* 7: FP extension, always there */
}

static void set_fpc(UvCpu *cpu, uint32_t fpc)
{
    if (!fpc_valid(cpu, fpc)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    cpu->r.fpc = fpc;
}

UV_HANDLER(efpc)  { uv_set_r32(cpu, d->r1, cpu->r.fpc); }
UV_HANDLER(sfpc)  { set_fpc(cpu, uv_r32(cpu, d->r1)); }
UV_HANDLER(lfpc)  { set_fpc(cpu, uv_ld32(cpu, uv_a2(cpu, d))); }
UV_HANDLER(stfpc) { uv_st(cpu, uv_a2(cpu, d), cpu->r.fpc, 4); }

/* SET BFP ROUNDING MODE: 2 bits (SRNM) or 3 bits (SRNMB) of the address. */
UV_HANDLER(srnm)
{
    cpu->r.fpc = (cpu->r.fpc & ~UV_FPC_BRM) | (uv_a2(cpu, d) & 3);
}

UV_HANDLER(srnmb)
{
    unsigned m = uv_a2(cpu, d) & 7;

    if (m >= 4 && m <= 6) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    cpu->r.fpc = (cpu->r.fpc & ~UV_FPC_BRM) | m;
}
