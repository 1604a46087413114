/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-branch.c - general instructions: branch on condition, branch and
 * link/save, branch on count, branch on index, and compare and branch.
 *
 * The run loop has already moved the PSW past the instruction; a taken
 * branch replaces that address.  Relative targets are counted from the
 * instruction itself (cpu->iaddr, the target's own address under
 * EXECUTE).
 */
#include "internal.h"

static inline void branch(UvCpu *cpu, uint64_t target)
{
    cpu->r.psw_addr = uv_wrap(cpu, target);
}

/* The branch address of an RR instruction: none when R2 is 0. */
static inline bool rr_target(const UvCpu *cpu, const UvInsn *d, uint64_t *t)
{
    *t = uv_wrap(cpu, GR(d->r2));
    return d->r2 != 0;
}

UV_HANDLER(bcr)
{
    uint64_t t;

    if (rr_target(cpu, d, &t) && uv_cc_match(cpu, d->r1)) {
        branch(cpu, t);
    }
}

UV_HANDLER(bc)
{
    if (uv_cc_match(cpu, d->r1)) {
        branch(cpu, uv_a2(cpu, d));
    }
}

UV_HANDLER(brc)
{
    if (uv_cc_match(cpu, d->r1)) {
        branch(cpu, uv_rel(cpu, d));
    }
}

/*
 * The return address saved in R1.  In 64-bit mode it is the whole
 * register; otherwise bits 32-63, with the addressing-mode bit in 31-bit
 * mode and, for BAL/BALR in 24-bit mode, the ILC, CC and program mask.
 */
static void save_link(UvCpu *cpu, unsigned r1, bool bal)
{
    uint64_t next = cpu->r.psw_addr;
    uint32_t info;

    if (cpu->amask == UINT64_MAX) {
        GR(r1) = next;
        return;
    }
    if (cpu->amask == 0x7fffffffULL) {
        info = 0x80000000U | next;
    } else if (bal) {
        info = ((uint32_t)(cpu->ilen / 2) << 30) | (cpu->cc << 28) |
               (((cpu->r.psw_mask & UVCPU_PSW_MASK_PM) >> UVCPU_PSW_SHIFT_PM) << 24) |
               next;
    } else {
        info = next;
    }
    uv_set_r32(cpu, r1, info);
}

static void link_rr(UvCpu *cpu, const UvInsn *d, bool bal)
{
    uint64_t t;
    bool taken = rr_target(cpu, d, &t);

    save_link(cpu, d->r1, bal);
    if (taken) {
        branch(cpu, t);
    }
}

static void link_to(UvCpu *cpu, const UvInsn *d, uint64_t target, bool bal)
{
    save_link(cpu, d->r1, bal);
    branch(cpu, target);
}

UV_HANDLER(balr) { link_rr(cpu, d, true); }
UV_HANDLER(basr) { link_rr(cpu, d, false); }
UV_HANDLER(bal)  { link_to(cpu, d, uv_a2(cpu, d), true); }
UV_HANDLER(bas)  { link_to(cpu, d, uv_a2(cpu, d), false); }
UV_HANDLER(bras) { link_to(cpu, d, uv_rel(cpu, d), false); }

/* ---- branch on count: decrement R1, branch unless it became zero ---- */

static inline bool count32(UvCpu *cpu, unsigned r1)
{
    uv_set_r32(cpu, r1, (uint32_t)GR(r1) - 1);
    return (uint32_t)GR(r1) != 0;
}

static inline bool count64(UvCpu *cpu, unsigned r1)
{
    return --GR(r1) != 0;
}

UV_HANDLER(bctr)
{
    uint64_t t;
    bool has_target = rr_target(cpu, d, &t);

    if (count32(cpu, d->r1) && has_target) {
        branch(cpu, t);
    }
}

UV_HANDLER(bctgr)
{
    uint64_t t;
    bool has_target = rr_target(cpu, d, &t);

    if (count64(cpu, d->r1) && has_target) {
        branch(cpu, t);
    }
}

UV_HANDLER(bct)
{
    uint64_t t = uv_a2(cpu, d);

    if (count32(cpu, d->r1)) {
        branch(cpu, t);
    }
}

UV_HANDLER(bctg)
{
    uint64_t t = uv_a2(cpu, d);

    if (count64(cpu, d->r1)) {
        branch(cpu, t);
    }
}

UV_HANDLER(brct)  { if (count32(cpu, d->r1)) { branch(cpu, uv_rel(cpu, d)); } }
UV_HANDLER(brctg) { if (count64(cpu, d->r1)) { branch(cpu, uv_rel(cpu, d)); } }

/*
 * ---- branch on index: R1 += R3; compare with the odd register of the
 * R3 pair (R3 itself when odd), both read before R1 changes ----
 */

static bool index32(UvCpu *cpu, const UvInsn *d, bool high)
{
    int32_t inc = GR(d->r3), cmp = GR(d->r3 | 1);
    int32_t sum = (uint32_t)GR(d->r1) + (uint32_t)inc;

    uv_set_r32(cpu, d->r1, sum);
    return high ? sum > cmp : sum <= cmp;
}

static bool index64(UvCpu *cpu, const UvInsn *d, bool high)
{
    int64_t inc = GR(d->r3), cmp = GR(d->r3 | 1);
    int64_t sum = GR(d->r1) + (uint64_t)inc;

    GR(d->r1) = sum;
    return high ? sum > cmp : sum <= cmp;
}

#define BRANCH_INDEX(name, test, high, target)        \
    UV_HANDLER(name)                                  \
    {                                                 \
        uint64_t t = target;                          \
                                                      \
        if (test(cpu, d, high)) {                     \
            branch(cpu, t);                           \
        }                                             \
    }

BRANCH_INDEX(bxh,   index32, true,  uv_a2(cpu, d))
BRANCH_INDEX(bxle,  index32, false, uv_a2(cpu, d))
BRANCH_INDEX(bxhg,  index64, true,  uv_a2(cpu, d))
BRANCH_INDEX(bxleg, index64, false, uv_a2(cpu, d))
BRANCH_INDEX(brxh,  index32, true,  uv_rel(cpu, d))
BRANCH_INDEX(brxle, index32, false, uv_rel(cpu, d))
BRANCH_INDEX(brxhg, index64, true,  uv_rel(cpu, d))
BRANCH_INDEX(brxlg, index64, false, uv_rel(cpu, d))

/*
 * ---- compare and branch: M3 selects on the comparison's result (8 equal,
 * 4 low, 2 high); the CC is not changed ----
 */

static inline bool cmp_selects(unsigned m3, uint32_t cmp_cc)
{
    return (m3 >> (3 - cmp_cc)) & 1;
}

#define CMP_BRANCH(name, cmp, a, b, target)                   \
    UV_HANDLER(name)                                          \
    {                                                         \
        if (cmp_selects(d->m3, cmp(a, b))) {                  \
            branch(cpu, target);                              \
        }                                                     \
    }

#define S32(v) ((int64_t)(int32_t)(v))

CMP_BRANCH(crj,   uv_cc_cmp_s, S32(GR(d->r1)), S32(GR(d->r2)), uv_rel(cpu, d))
CMP_BRANCH(cgrj,  uv_cc_cmp_s, (int64_t)GR(d->r1), (int64_t)GR(d->r2), uv_rel(cpu, d))
CMP_BRANCH(clrj,  uv_cc_cmp_u, (uint32_t)GR(d->r1), (uint32_t)GR(d->r2), uv_rel(cpu, d))
CMP_BRANCH(clgrj, uv_cc_cmp_u, GR(d->r1), GR(d->r2), uv_rel(cpu, d))
CMP_BRANCH(cij,   uv_cc_cmp_s, S32(GR(d->r1)), d->imm, uv_rel(cpu, d))
CMP_BRANCH(cgij,  uv_cc_cmp_s, (int64_t)GR(d->r1), d->imm, uv_rel(cpu, d))
CMP_BRANCH(clij,  uv_cc_cmp_u, (uint32_t)GR(d->r1), (uint8_t)d->imm, uv_rel(cpu, d))
CMP_BRANCH(clgij, uv_cc_cmp_u, GR(d->r1), (uint8_t)d->imm, uv_rel(cpu, d))
CMP_BRANCH(crb,   uv_cc_cmp_s, S32(GR(d->r1)), S32(GR(d->r2)), uv_a2(cpu, d))
CMP_BRANCH(cgrb,  uv_cc_cmp_s, (int64_t)GR(d->r1), (int64_t)GR(d->r2), uv_a2(cpu, d))
CMP_BRANCH(clrb,  uv_cc_cmp_u, (uint32_t)GR(d->r1), (uint32_t)GR(d->r2), uv_a2(cpu, d))
CMP_BRANCH(clgrb, uv_cc_cmp_u, GR(d->r1), GR(d->r2), uv_a2(cpu, d))
CMP_BRANCH(cib,   uv_cc_cmp_s, S32(GR(d->r1)), d->imm, uv_a2(cpu, d))
CMP_BRANCH(cgib,  uv_cc_cmp_s, (int64_t)GR(d->r1), d->imm, uv_a2(cpu, d))
CMP_BRANCH(clib,  uv_cc_cmp_u, (uint32_t)GR(d->r1), (uint8_t)d->imm, uv_a2(cpu, d))
CMP_BRANCH(clgib, uv_cc_cmp_u, GR(d->r1), (uint8_t)d->imm, uv_a2(cpu, d))

/* ---- branches that set the addressing mode ---- */

/*
 * The branch of BSM/BASSM to R2: bit 63 of R2 selects the 64-bit mode
 * (and is not part of the address); otherwise bit 32 selects 31- or
 * 24-bit mode.
 */
static void branch_set_mode(UvCpu *cpu, uint64_t r2)
{
    uint64_t bits, target;

    if (r2 & 1) {
        bits = UVCPU_PSW_MASK_EA | UVCPU_PSW_MASK_BA;
        target = r2 & ~1ULL;
    } else if (r2 & 0x80000000ULL) {
        bits = UVCPU_PSW_MASK_BA;
        target = r2 & 0x7fffffffULL;
    } else {
        bits = 0;
        target = r2 & 0xffffffULL;
    }
    cpu->r.psw_mask = (cpu->r.psw_mask &
                       ~(UVCPU_PSW_MASK_EA | UVCPU_PSW_MASK_BA)) | bits;
    cpu->amask = uv_psw_amask(bits);
    cpu->r.psw_addr = target;
    /* Chained successors were resolved under the old mode. */
    uv_chain_break(cpu);
}

/*
 * BRANCH AND SET MODE: R1 (if not 0) records the current mode: bit 63 = 1
 * in 64-bit mode, else bit 32 = the basic-addressing-mode bit.
 */
UV_HANDLER(bsm)
{
    uint64_t r2 = GR(d->r2);

    if (d->r1) {
        if (cpu->amask == UINT64_MAX) {
            GR(d->r1) |= 1;
        } else {
            GR(d->r1) = (GR(d->r1) & ~0x80000000ULL) |
                        (cpu->amask == 0x7fffffffULL ? 0x80000000ULL : 0);
        }
    }
    if (d->r2) {
        branch_set_mode(cpu, r2);
    }
}

/* BRANCH AND SAVE AND SET MODE: the link address carries the mode too. */
UV_HANDLER(bassm)
{
    uint64_t r2 = GR(d->r2), next = cpu->r.psw_addr;

    if (cpu->amask == UINT64_MAX) {
        GR(d->r1) = next | 1;
    } else {
        uv_set_r32(cpu, d->r1, next |
                   (cpu->amask == 0x7fffffffULL ? 0x80000000ULL : 0));
    }
    if (d->r2) {
        branch_set_mode(cpu, r2);
    }
}

/* BRANCH INDIRECT ON CONDITION (facility 58): to the doubleword at D2(X2,B2). */
UV_HANDLER(bic)
{
    if (uv_cc_match(cpu, d->r1)) {
        branch(cpu, uv_ld64(cpu, uv_a2(cpu, d)));
    }
}
