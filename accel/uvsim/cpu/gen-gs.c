/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-gs.c - the guarded-storage facility (STFLE bit 133, z14 and later):
 * LOAD GUARDED (LGG), LOAD LOGICAL AND SHIFT GUARDED (LLGFSG), LOAD
 * GUARDED STORAGE CONTROLS (LGSC), STORE GUARDED STORAGE CONTROLS (STGSC)
 * and the guarded-storage event.
 *
 * The guarded-storage registers live in S390Regs.gscb, laid out as the
 * 32-byte guarded-storage control block (GSCB) that LGSC and STGSC move
 * and that KVM keeps in the run area (KVM_SYNC_GSCB): word 0 reserved,
 * 1 the designation (GSD), 2 the section mask (GSSM), 3 the event
 * parameter-list address (GSEPLA).
 *
 * A guarded load checks the value it loads, a pointer, against the
 * guarded-storage area: 64 sections of 2^GSC bytes at the origin GSO.
 * When CR2's enablement bit is on and the value points into a section
 * whose GSSM bit is one, the load is not done: the CPU fills in the event
 * parameter list and branches to the handler address found there.  The
 * transactional-execution facility is not offered, so an event never
 * happens in a transaction (GSECI's TX and CX bits stay zero and GSERA
 * equals GSEIA).
 */
#include "internal.h"

/* CR2 bit 59: guarded-storage enablement (LGSC/STGSC, event detection). */
#define UV_CR2_GSE       0x0000000000000010ULL

/* The guarded-storage designation (bit 0 is the most significant of 64). */
#define GSD_GSC_MASK     0x3fULL        /* 58-63: characteristic, log2 of
                                           the section size */
#define GSD_GLS_SHIFT    8              /* 53-55: guarded-load shift */
#define GSD_GLS_MASK     0x7ULL
#define GSC_MIN          25             /* valid characteristics: 32 MiB */
#define GSC_MAX          56             /* ... to 64 PiB sections */
#define GS_SECTIONS_LOG2 6              /* the GSSM's 64 sections */

/* The guarded-storage event parameter list (GSEPL), byte offsets. */
#define GSEPL_EAM        1              /* event addressing mode */
#define GSEPL_ECI        2              /* event cause indications */
#define GSEPL_EAI        3              /* event access information */
#define GSEPL_EHA        8              /* handler address (the program's) */
#define GSEPL_EIA        16             /* instruction address */
#define GSEPL_EOA        24             /* operand address */
#define GSEPL_EIR        32             /* intermediate result */
#define GSEPL_ERA        40             /* return address */
#define GSEPL_LEN        48

#define GSEAM_E          0x02           /* PSW bit 31: extended addressing */
#define GSEAM_B          0x01           /* PSW bit 32: basic addressing */
#define GSECI_IN         0x01           /* the instruction was LLGFSG */
#define GSEAI_T          0x40           /* PSW bit 5: DAT mode */
#define GSEAI_AS_SHIFT   4              /* PSW bits 16-17 ... */
#define PSW_AS_SHIFT     46             /* ... as a number 0-3 */

#define GSCB_LEN         32

#define GS_GSD           1              /* words of S390Regs.gscb */
#define GS_GSSM          2
#define GS_GSEPLA        3

static bool gs_enabled(const UvCpu *cpu)
{
    return cpu->r.cregs[2] & UV_CR2_GSE;
}

/*
 * Whether intermediate result @ir designates a guarded section.  It is an
 * address of the current addressing mode (its leftmost 40 or 33 bits count
 * as zeros in the 24- or 31-bit mode).  An invalid characteristic
 * designates no guarded-storage area.
 */
static bool gs_guarded(const UvCpu *cpu, uint64_t ir)
{
    uint64_t gsd = cpu->r.gscb[GS_GSD];
    unsigned gsc = gsd & GSD_GSC_MASK;
    uint64_t origin_mask;
    unsigned section;

    if (gsc < GSC_MIN || gsc > GSC_MAX) {
        return false;
    }
    ir = uv_wrap(cpu, ir);
    origin_mask = UINT64_MAX << (gsc + GS_SECTIONS_LOG2);
    if ((ir & origin_mask) != (gsd & origin_mask)) {
        return false;
    }
    section = (ir >> gsc) & ((1u << GS_SECTIONS_LOG2) - 1);
    return (cpu->r.gscb[GS_GSSM] >> (63 - section)) & 1;
}

static void span_st64(const UvSpan *s, uint32_t off, uint64_t v)
{
    for (unsigned i = 0; i < 8; i++) {
        *uv_span_ptr(s, off + i) = v >> (56 - 8 * i);
    }
}

/*
 * The guarded-storage event of the guarded load @d with operand address
 * @oaddr and intermediate result @ir: the parameter list is filled in and
 * the PSW gets the handler address; R1 is left as it was.  The list is
 * fetched from and translated before anything is stored, so an access
 * exception on it ends the instruction with nothing changed.  Its
 * reserved bytes 0 and 4-7 are not stored.
 */
static void gs_event(UvCpu *cpu, const UvInsn *d, uint64_t oaddr,
                     uint64_t ir, bool llgfsg)
{
    uint64_t mask = cpu->r.psw_mask;
    uint64_t epl = uv_wrap(cpu, cpu->r.gscb[GS_GSEPLA]);
    /* The guarded load's address, or that of the EXECUTE that ran it. */
    uint64_t ia = uv_wrap(cpu, cpu->r.psw_addr - cpu->ilen);
    uint64_t eha;
    UvSpan s;

    eha = uv_ld64(cpu, uv_wrap(cpu, epl + GSEPL_EHA));
    uv_span(cpu, &s, epl, GSEPL_LEN, UVCPU_ACCESS_WRITE);
    *uv_span_ptr(&s, GSEPL_EAM) = (mask & UVCPU_PSW_MASK_EA ? GSEAM_E : 0) |
                                  (mask & UVCPU_PSW_MASK_BA ? GSEAM_B : 0);
    *uv_span_ptr(&s, GSEPL_ECI) = llgfsg ? GSECI_IN : 0;
    *uv_span_ptr(&s, GSEPL_EAI) =
        (mask & UVCPU_PSW_MASK_DAT ? GSEAI_T : 0) |
        ((mask & UVCPU_PSW_MASK_AS) >> PSW_AS_SHIFT) << GSEAI_AS_SHIFT | d->b2;
    span_st64(&s, GSEPL_EIA, ia);
    span_st64(&s, GSEPL_EOA, oaddr);
    span_st64(&s, GSEPL_EIR, ir);
    span_st64(&s, GSEPL_ERA, ia);
    cpu->r.psw_addr = uv_wrap(cpu, eha);
}

/*
 * LGG R1,D2(X2,B2): loads the doubleword at the second operand into R1,
 * unless it designates a guarded section (the event instead).  Without
 * enablement it is LG with an alignment rule.
 */
UV_HANDLER(lgg)
{
    uint64_t a = uv_a2(cpu, d);
    uint64_t v;

    if (a & 7) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    v = uv_ld64(cpu, a);
    if (gs_enabled(cpu) && gs_guarded(cpu, v)) {
        gs_event(cpu, d, a, v, false);
        return;
    }
    GR(d->r1) = v;
}

/*
 * LLGFSG R1,D2(X2,B2): the word at the second operand, a compressed
 * pointer, shifted left by the GSD's guarded-load shift is the
 * intermediate result that is checked; R1 gets the unshifted word
 * zero-extended.
 */
UV_HANDLER(llgfsg)
{
    uint64_t a = uv_a2(cpu, d);
    unsigned gls = (cpu->r.gscb[GS_GSD] >> GSD_GLS_SHIFT) & GSD_GLS_MASK;
    uint32_t w;

    if (a & 3) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    w = uv_ld32(cpu, a);
    if (gs_enabled(cpu) && gs_guarded(cpu, (uint64_t)w << gls)) {
        gs_event(cpu, d, a, (uint64_t)w << gls, true);
        return;
    }
    GR(d->r1) = w;
}

/* The checks LGSC and STGSC share; the GSCB address. */
static uint64_t gscb_address(UvCpu *cpu, const UvInsn *d)
{
    uint64_t a = uv_a2(cpu, d);

    if (!gs_enabled(cpu)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIAL_OP);
    }
    if (a & 7) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    return a;
}

/*
 * LGSC R1,D2(X2,B2): loads the guarded-storage registers from the GSCB at
 * the second operand (its reserved word 0 is fetched and ignored).  The R1
 * field is ignored.
 */
UV_HANDLER(lgsc)
{
    uint64_t a = gscb_address(cpu, d);
    UvSpan s;

    uv_span(cpu, &s, a, GSCB_LEN, UVCPU_ACCESS_READ);
    cpu->r.gscb[0] = 0;
    for (unsigned w = 1; w < 4; w++) {
        uint64_t v = 0;

        for (unsigned i = 0; i < 8; i++) {
            v = v << 8 | *uv_span_ptr(&s, w * 8 + i);
        }
        cpu->r.gscb[w] = v;
    }
}

/* STGSC R1,D2(X2,B2): stores the guarded-storage registers as a GSCB. */
UV_HANDLER(stgsc)
{
    uint64_t a = gscb_address(cpu, d);
    UvSpan s;

    uv_span(cpu, &s, a, GSCB_LEN, UVCPU_ACCESS_WRITE);
    span_st64(&s, 0, 0);
    for (unsigned w = 1; w < 4; w++) {
        span_st64(&s, w * 8, cpu->r.gscb[w]);
    }
}
