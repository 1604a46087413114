/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys-control.c - the control instructions: loading and changing the PSW,
 * the control registers, the prefix, the CPU's identity and facility list,
 * the addressing mode and the PSW key (Principles of Operation, chapter
 * 10).  These are the instructions the s390x KVM kernel completes itself
 * (kvm-s390-intercepts.md section 4.1: LPSW, LPSWE, LCTL(G), STCTL/STCTG,
 * SPX, STPX, STAP, STIDP, STFL, EPSW) or that SIE interprets (SSM, STOSM,
 * STNSM, STFLE, SAM, IPK, SPKA), so none of them reaches user space.
 *
 * Anything that may enable an interruption (a new PSW, CR0) ends the
 * instruction stream with uv_irq_recheck() once it has completed.
 */
#include "internal.h"

/* PSW bits that must be zero in z/Architecture: 0, 2-4, 12, 24-30, 33-63. */
#define PSW_RESERVED 0xb80800fe7fffffffULL

void uvcpu_attach_sys(UvCpu *cpu, UvCpuSys *sys)
{
    cpu->sys = sys;
    cpu->code_gen = g_atomic_int_get(&sys->code_gen);
    uvcpu_tlb_flush(cpu);
}

void uvcpu_set_cpu_addr(UvCpu *cpu, uint16_t addr)
{
    cpu->cpu_addr = addr;
}

void uvcpu_set_cpuid(UvCpu *cpu, uint64_t cpuid)
{
    cpu->cpuid = cpuid;
}

bool uv_psw_loaded(UvCpu *cpu, uint64_t old_mask)
{
    const uint64_t xlate = UVCPU_PSW_MASK_DAT | UVCPU_PSW_MASK_KEY |
                           UVCPU_PSW_MASK_AS;
    uint64_t m = cpu->r.psw_mask;

    cpu->cc = (m & UVCPU_PSW_MASK_CC) >> UVCPU_PSW_SHIFT_CC;
    if ((m ^ old_mask) & xlate) {
        uvcpu_tlb_flush(cpu);
    }
    cpu->amask = uv_psw_amask(m);
    if (!cpu->amask) {
        cpu->amask = UINT64_MAX;
        return false;
    }
    return !(m & PSW_RESERVED) && !(cpu->r.psw_addr & ~cpu->amask);
}

void uv_irq_recheck(UvCpu *cpu)
{
    if (cpu->deliver || (cpu->r.psw_mask & UVCPU_PSW_MASK_WAIT)) {
        cpu->exit.reason = UV_EXIT_RECHECK;
        uv_exit(cpu);
    }
}

/* Makes @mask/@addr the PSW; an invalid one is an early exception. */
static G_NORETURN void load_psw(UvCpu *cpu, uint64_t mask, uint64_t addr)
{
    uint64_t old = uv_psw_mask(cpu);

    cpu->r.psw_mask = mask;
    cpu->r.psw_addr = addr;
    if (!uv_psw_loaded(cpu, old)) {
        cpu->ilen = 0;
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    cpu->exit.reason = UV_EXIT_RECHECK;
    uv_exit(cpu);
}

static uint64_t aligned_a2(UvCpu *cpu, const UvInsn *d, unsigned align)
{
    uint64_t a = uv_a2(cpu, d);

    if (a & (align - 1)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    return a;
}

/* LPSW: an ESA/390-format PSW (bit 12 one), converted to z/Architecture. */
UV_HANDLER(lpsw)
{
    uint64_t a = aligned_a2(cpu, d, 8);
    uint32_t hi = uv_ld32(cpu, a), lo = uv_ld32(cpu, uv_wrap(cpu, a + 4));

    if (!(hi & 0x00080000)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    load_psw(cpu, ((uint64_t)(hi & ~0x00080000u) << 32) | (lo & 0x80000000u),
             lo & 0x7fffffff);
}

UV_HANDLER(lpswe)
{
    uint64_t a = aligned_a2(cpu, d, 8);
    uint64_t mask = uv_ld64(cpu, a);

    load_psw(cpu, mask, uv_ld64(cpu, uv_wrap(cpu, a + 8)));
}

/* Replaces PSW bits 0-7 with @byte (SSM, STOSM, STNSM). */
static void set_system_mask(UvCpu *cpu, uint8_t byte)
{
    uint64_t old = uv_psw_mask(cpu);

    cpu->r.psw_mask = (old & ~(0xffULL << 56)) | ((uint64_t)byte << 56);
    if (!uv_psw_loaded(cpu, old)) {
        cpu->r.psw_mask = old;
        uv_psw_loaded(cpu, cpu->r.psw_mask);
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    uv_irq_recheck(cpu);
}

UV_HANDLER(ssm)
{
    set_system_mask(cpu, uv_ld8(cpu, uv_a2(cpu, d)));
}

UV_HANDLER(stosm)
{
    uint8_t sm = cpu->r.psw_mask >> 56;

    uv_st(cpu, uv_a1(cpu, d), sm, 1);
    set_system_mask(cpu, sm | (uint8_t)d->imm);
}

UV_HANDLER(stnsm)
{
    uint8_t sm = cpu->r.psw_mask >> 56;

    uv_st(cpu, uv_a1(cpu, d), sm, 1);
    set_system_mask(cpu, sm & (uint8_t)d->imm);
}

/* The control registers R1 to R3 (wrapping after 15). */
static unsigned cr_count(const UvInsn *d)
{
    return ((d->r3 - d->r1) & 15) + 1;
}

/* LCTL/LCTLG: all operands are read before any register changes. */
static void load_crs(UvCpu *cpu, const UvInsn *d, unsigned size)
{
    /* CR0, CR1, CR7, CR13 steer translation and protection. */
    static const uint16_t translation_crs = 1u << 0 | 1u << 1 | 1u << 7 |
                                            1u << 13;
    unsigned n = cr_count(d), i, j, cr;
    uint64_t a = aligned_a2(cpu, d, size);
    bool flush = false;
    UvSpan s;

    uv_span(cpu, &s, a, n * size, UVCPU_ACCESS_READ);
    for (i = 0; i < n; i++) {
        uint64_t v = 0;

        for (j = 0; j < size; j++) {
            v = (v << 8) | *uv_span_ptr(&s, i * size + j);
        }
        cr = (d->r1 + i) & 15;
        v = size == 8 ? v : (cpu->r.cregs[cr] & 0xffffffff00000000ULL) | v;
        flush |= (translation_crs >> cr & 1) && v != cpu->r.cregs[cr];
        cpu->r.cregs[cr] = v;
    }
    /*
     * Only a change flushes the TLB (as QEMU's LCTL(G) helpers): guests
     * reload the same values around every interruption handler.
     */
    if (flush) {
        uvcpu_tlb_flush(cpu);
    }
    uv_irq_recheck(cpu);
}

static void store_crs(UvCpu *cpu, const UvInsn *d, unsigned size)
{
    unsigned n = cr_count(d), i, j;
    uint64_t a = aligned_a2(cpu, d, size), v;
    UvSpan s;

    uv_span(cpu, &s, a, n * size, UVCPU_ACCESS_WRITE);
    for (i = 0; i < n; i++) {
        v = cpu->r.cregs[(d->r1 + i) & 15];
        for (j = 0; j < size; j++) {
            *uv_span_ptr(&s, i * size + j) = v >> (8 * (size - 1 - j));
        }
    }
}

UV_HANDLER(lctl)
{
    load_crs(cpu, d, 4);
}

UV_HANDLER(lctlg)
{
    load_crs(cpu, d, 8);
}

UV_HANDLER(stctl)
{
    store_crs(cpu, d, 4);
}

UV_HANDLER(stctg)
{
    store_crs(cpu, d, 8);
}

/* SET PREFIX: both pages of the new prefix area must exist. */
UV_HANDLER(spx)
{
    uint32_t prefix = uv_ld32(cpu, aligned_a2(cpu, d, 4)) & 0x7fffe000u;
    uint16_t pgm = UVCPU_PGM_ADDRESSING;

    if (!cpu->ops->translate(cpu->opaque, prefix, UVCPU_ACCESS_READ, &pgm) ||
        !cpu->ops->translate(cpu->opaque, prefix + UVCPU_PAGE_SIZE,
                             UVCPU_ACCESS_READ, &pgm)) {
        uv_program_exception(cpu, pgm);
    }
    cpu->r.prefix = prefix;
    uvcpu_tlb_flush(cpu);
}

UV_HANDLER(stpx)
{
    uv_st(cpu, aligned_a2(cpu, d, 4), cpu->r.prefix, 4);
}

UV_HANDLER(stap)
{
    uv_st(cpu, aligned_a2(cpu, d, 2), cpu->cpu_addr, 2);
}

UV_HANDLER(stidp)
{
    uv_st(cpu, aligned_a2(cpu, d, 8), cpu->cpuid, 8);
}

/* STFL: facility bits 0-31 to real location 200, without protection. */
UV_HANDLER(stfl)
{
    uint8_t *p = uv_real_host(cpu, 200, UVCPU_ACCESS_WRITE);

    if (!p) {
        uv_program_exception(cpu, UVCPU_PGM_ADDRESSING);
    }
    uv_stn_be(p, cpu->fac[0] >> 32, 4);
}

/* STFLE: GR0 bits 56-63 hold the doublewords provided minus one. */
UV_HANDLER(stfle)
{
    uint64_t a = aligned_a2(cpu, d, 8);
    unsigned given = (GR(0) & 0xff) + 1, need = ARRAY_SIZE(cpu->fac), i;
    UvSpan s;

    while (need > 1 && !cpu->fac[need - 1]) {
        need--;
    }
    uv_span(cpu, &s, a, MIN(given, need) * 8, UVCPU_ACCESS_WRITE);
    for (i = 0; i < MIN(given, need) * 8; i++) {
        *uv_span_ptr(&s, i) = cpu->fac[i / 8] >> (56 - 8 * (i % 8));
    }
    GR(0) = (GR(0) & ~0xffULL) | (need - 1);
    cpu->cc = given >= need ? 0 : 3;
}

/* SAM24/SAM31/SAM64: the updated instruction address must fit. */
static void set_amode(UvCpu *cpu, uint64_t bits)
{
    uint64_t amask = uv_psw_amask(bits);

    if (cpu->r.psw_addr & ~amask) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    cpu->r.psw_mask = (cpu->r.psw_mask &
                       ~(UVCPU_PSW_MASK_EA | UVCPU_PSW_MASK_BA)) | bits;
    cpu->amask = amask;
}

UV_HANDLER(sam24)
{
    set_amode(cpu, 0);
}

UV_HANDLER(sam31)
{
    set_amode(cpu, UVCPU_PSW_MASK_BA);
}

UV_HANDLER(sam64)
{
    set_amode(cpu, UVCPU_PSW_MASK_EA | UVCPU_PSW_MASK_BA);
}

UV_HANDLER(epsw)
{
    uint64_t m = uv_psw_mask(cpu);

    uv_set_r32(cpu, d->r1, m >> 32);
    if (d->r2) {
        uv_set_r32(cpu, d->r2, (uint32_t)m);
    }
}

/* INSERT PSW KEY: privileged in the problem state without CR0 bit 36. */
UV_HANDLER(ipk)
{
    if ((cpu->r.psw_mask & UVCPU_PSW_MASK_PSTATE) &&
        !(cpu->r.cregs[0] & UV_CR0_EXTRACT_AUTH)) {
        uv_program_exception(cpu, UVCPU_PGM_PRIVILEGED);
    }
    GR(2) = (GR(2) & ~0xffULL) | ((cpu->r.psw_mask & UVCPU_PSW_MASK_KEY) >> 48);
}

/* SET PSW KEY FROM ADDRESS: the problem state needs the key's CR3 PKM bit. */
UV_HANDLER(spka)
{
    unsigned key = (uv_a2(cpu, d) >> 4) & 0xf;

    if ((cpu->r.psw_mask & UVCPU_PSW_MASK_PSTATE) &&
        !(cpu->r.cregs[3] & (0x80000000ULL >> key))) {
        uv_program_exception(cpu, UVCPU_PGM_PRIVILEGED);
    }
    cpu->r.psw_mask = (cpu->r.psw_mask & ~UVCPU_PSW_MASK_KEY) |
                      ((uint64_t)key << 52);
    uvcpu_tlb_flush(cpu);
}
