/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * interrupt.c - interruptions through the lowcore and the wait state
 * (Principles of Operation, chapter 6).
 *
 * In the delivery mode (uvcpu_set_delivery()) a program interruption or
 * SVC that ends a slice of instructions is delivered here: its old PSW
 * and interruption information are stored in the lowcore (real addresses,
 * so through the prefix) and the new PSW is loaded; the run goes on.
 * Between slices, and whenever an instruction may have enabled something
 * (uv_irq_recheck()), a pending machine check that PSW bit 13 and CR14
 * allow is delivered the same way (with the register save areas), then
 * pending external interruptions whose PSW and CR0 subclass masks allow
 * it, then a pending restart.  A wait PSW ends uvcpu_run() with UVCPU_EXIT_WAIT when I/O,
 * external or machine-check interruptions are enabled, otherwise with
 * UVCPU_EXIT_DISABLED_WAIT.
 *
 * Without the delivery mode, program interruptions and SVCs are exits, as
 * the user-mode runners (tests/oracle) need, and nothing is delivered.
 */
#include "internal.h"

/* ext_pending bits, in priority order. */
enum {
    EXT_EMERGENCY = 1,
    EXT_EXTCALL   = 2,
    EXT_SERVICE   = 4,
};

/* Lowcore offsets. */
#define LC_EXT_PARAMS   0x80
#define LC_CPU_ADDR     0x84
#define LC_EXT_CODE     0x86
#define LC_SVC_ILC      0x88
#define LC_SVC_CODE     0x8a
#define LC_PGM_ILC      0x8c
#define LC_PGM_CODE     0x8e
#define LC_DXC          0x90    /* data-exception code, a word: DXC in 0x93 */
#define LC_EXC_ACCESS   0xa0
#define LC_OP_ACCESS    0xa2    /* operand-access id (MVPG) */
#define LC_TEID         0xa8
#define LC_AR_MODE_ID   0xa3
#define LC_MCIC         0xe8
#define LC_EXT_DAMAGE   0xf4
#define LC_FAIL_ADDR    0xf8
#define LC_MCESAD       0x11b0  /* machine-check extended save area designation */
#define LC_RESTART_OLD  0x120
#define LC_EXT_OLD      0x130
#define LC_SVC_OLD      0x140
#define LC_PGM_OLD      0x150
#define LC_RESTART_NEW  0x1a0
#define LC_EXT_NEW      0x1b0
#define LC_SVC_NEW      0x1c0
#define LC_PGM_NEW      0x1d0
#define LC_MCHK_OLD     0x160
#define LC_MCHK_NEW     0x1e0
/* The register save areas, in the second lowcore page (offset from 0x1000). */
#define LC2_FPRS        0x200
#define LC2_GPRS        0x280
#define LC2_FIXED_LOGOUT 0x300
#define LC2_PREFIX      0x318
#define LC2_FPC         0x31c
#define LC2_TODPR       0x324
#define LC2_CPU_TIMER   0x328
#define LC2_CKC         0x330
#define LC2_ARS         0x340
#define LC2_CRS         0x380

void uvcpu_set_delivery(UvCpu *cpu, bool architected)
{
    cpu->deliver = architected;
}

bool uvcpu_set_ext_pending(UvCpu *cpu, uint16_t code, uint32_t param,
                           uint16_t cpu_addr)
{
    bool ok = true;

    g_mutex_lock(&cpu->irq_lock);
    switch (code) {
    case UVCPU_EXT_EMERGENCY:
        ok = cpu_addr < 64 * ARRAY_SIZE(cpu->emergency_from);
        if (ok) {
            cpu->emergency_from[cpu_addr / 64] |= 1ULL << (cpu_addr % 64);
            cpu->ext_pending |= EXT_EMERGENCY;
        }
        break;
    case UVCPU_EXT_EXTERNAL_CALL:
        ok = !(cpu->ext_pending & EXT_EXTCALL);
        if (ok) {
            cpu->extcall_addr = cpu_addr;
            cpu->ext_pending |= EXT_EXTCALL;
        }
        break;
    case UVCPU_EXT_SERVICE:
        cpu->service_param |= param;
        cpu->ext_pending |= EXT_SERVICE;
        break;
    default:
        ok = false;
        break;
    }
    g_mutex_unlock(&cpu->irq_lock);
    return ok;
}

bool uvcpu_extcall_pending(UvCpu *cpu)
{
    bool pending;

    g_mutex_lock(&cpu->irq_lock);
    pending = cpu->ext_pending & EXT_EXTCALL;
    g_mutex_unlock(&cpu->irq_lock);
    return pending;
}

void uvcpu_reset_interrupts(UvCpu *cpu)
{
    g_mutex_lock(&cpu->irq_lock);
    cpu->ext_pending = 0;
    cpu->service_param = 0;
    memset(cpu->emergency_from, 0, sizeof(cpu->emergency_from));
    cpu->restart_pending = false;
    memset(&cpu->mchk_local, 0, sizeof(cpu->mchk_local));
    cpu->mchk_float_cr14 = cpu->mchk_float_mcic = 0;
    cpu->mchk_ex = cpu->mchk_rep = cpu->mchk_float = false;
    g_mutex_unlock(&cpu->irq_lock);
    cpu->pgm_injected = false;
}

void uvcpu_sys_code_changed(UvCpuSys *sys)
{
    g_atomic_int_inc(&sys->code_gen);
}

void uvcpu_set_restart_pending(UvCpu *cpu)
{
    g_mutex_lock(&cpu->irq_lock);
    cpu->restart_pending = true;
    g_mutex_unlock(&cpu->irq_lock);
}

/*
 * Stores the PSW at lowcore @old_off and loads the one at @new_off.
 * Returns false, with cpu->exit a program exit, if the lowcore is not
 * addressable or the new PSW is invalid: an interruption loop real KVM
 * also hands to user space (kvm-s390-intercepts.md section 3, icpt 0x08).
 */
static bool swap_psw(UvCpu *cpu, uint8_t *lc, unsigned old_off,
                     unsigned new_off)
{
    uint64_t old = uv_psw_mask(cpu);

    uv_stn_be(lc + old_off, old, 8);
    uv_stn_be(lc + old_off + 8, cpu->r.psw_addr, 8);
    cpu->r.psw_mask = uv_ldn_be(lc + new_off, 8);
    cpu->r.psw_addr = uv_ldn_be(lc + new_off + 8, 8);
    if (!uv_psw_loaded(cpu, old)) {
        cpu->exit = (UvCpuExit) {
            .reason = UVCPU_EXIT_PROGRAM,
            .pgm_code = UVCPU_PGM_SPECIFICATION,
        };
        return false;
    }
    return true;
}

/* The host address of the lowcore (real page 0), or NULL after an exit. */
static uint8_t *lowcore(UvCpu *cpu)
{
    uint8_t *lc = uv_real_host(cpu, 0, UVCPU_ACCESS_WRITE);

    if (!lc) {
        cpu->exit = (UvCpuExit) {
            .reason = UVCPU_EXIT_PROGRAM,
            .pgm_code = UVCPU_PGM_ADDRESSING,
        };
    }
    return lc;
}

static bool pgm_has_teid(uint16_t code)
{
    return code == UVCPU_PGM_PROTECTION || code == UVCPU_PGM_SEGMENT_TRANS ||
           code == UVCPU_PGM_PAGE_TRANS ||
           (code >= UVCPU_PGM_ASCE_TYPE && code <= UVCPU_PGM_REG_THIRD);
}

static bool deliver_program(UvCpu *cpu)
{
    uint8_t *lc = lowcore(cpu);
    UvCpuExit e = cpu->exit;

    if (!lc) {
        return false;
    }
    uv_stn_be(lc + LC_PGM_ILC, e.ilc, 2);
    uv_stn_be(lc + LC_PGM_CODE, e.pgm_code, 2);
    if ((e.pgm_code & 0xff) == UVCPU_PGM_DATA ||
        (e.pgm_code & 0xff) == UVCPU_PGM_VECTOR_PROC) {
        /* The architecture stores zeros in 0x90..0x92 with the DXC/VXC. */
        uv_stn_be(lc + LC_DXC, e.dxc, 4);
    }
    if (pgm_has_teid(e.pgm_code)) {
        uv_stn_be(lc + LC_TEID, e.teid, 8);
        lc[LC_EXC_ACCESS] = e.access_id;
    }
    if (e.oai_valid) {
        lc[LC_OP_ACCESS] = e.oai;
    }
    return swap_psw(cpu, lc, LC_PGM_OLD, LC_PGM_NEW);
}

static bool deliver_svc(UvCpu *cpu)
{
    uint8_t *lc = lowcore(cpu);

    if (!lc) {
        return false;
    }
    uv_stn_be(lc + LC_SVC_ILC, cpu->exit.ilc, 2);
    uv_stn_be(lc + LC_SVC_CODE, cpu->exit.svc, 2);
    return swap_psw(cpu, lc, LC_SVC_OLD, LC_SVC_NEW);
}

/* The lowest source address of the pending emergency signals; clears it. */
static uint16_t take_emergency(UvCpu *cpu)
{
    unsigned i;
    uint16_t addr = 0;

    for (i = 0; i < ARRAY_SIZE(cpu->emergency_from); i++) {
        if (cpu->emergency_from[i]) {
            addr = i * 64 + __builtin_ctzll(cpu->emergency_from[i]);
            cpu->emergency_from[i] &= cpu->emergency_from[i] - 1;
            break;
        }
    }
    for (i = 0; i < ARRAY_SIZE(cpu->emergency_from); i++) {
        if (cpu->emergency_from[i]) {
            return addr;
        }
    }
    cpu->ext_pending &= ~EXT_EMERGENCY;
    return addr;
}

/*
 * Picks the enabled external interruption of highest priority (emergency
 * signal, external call, clock comparator, CPU timer, service signal) and
 * takes it off the pending set.  Returns false when there is none.
 */
static bool take_external(UvCpu *cpu, uint16_t *code, uint32_t *param,
                          uint16_t *addr)
{
    uint64_t cr0 = cpu->r.cregs[0];
    bool found = true;

    *param = 0;
    *addr = 0;
    g_mutex_lock(&cpu->irq_lock);
    if ((cpu->ext_pending & EXT_EMERGENCY) && (cr0 & UV_CR0_EMERGENCY_SC)) {
        *code = UVCPU_EXT_EMERGENCY;
        *addr = take_emergency(cpu);
    } else if ((cpu->ext_pending & EXT_EXTCALL) &&
               (cr0 & UV_CR0_EXTCALL_SC)) {
        *code = UVCPU_EXT_EXTERNAL_CALL;
        *addr = cpu->extcall_addr;
        cpu->ext_pending &= ~EXT_EXTCALL;
    } else if ((cr0 & UV_CR0_CKC_SC) && uvcpu_tod(cpu) > cpu->r.ckc) {
        *code = UVCPU_EXT_CLOCK_COMP;
    } else if ((cr0 & UV_CR0_CPUTM_SC) && uv_cputm_now(cpu) < 0) {
        *code = UVCPU_EXT_CPU_TIMER;
    } else if ((cpu->ext_pending & EXT_SERVICE) &&
               (cr0 & UV_CR0_SERVICE_SC)) {
        *code = UVCPU_EXT_SERVICE;
        *param = cpu->service_param;
        cpu->service_param = 0;
        cpu->ext_pending &= ~EXT_SERVICE;
    } else {
        found = false;
    }
    g_mutex_unlock(&cpu->irq_lock);
    return found;
}

static bool deliver_external(UvCpu *cpu)
{
    uint16_t code, addr;
    uint32_t param;
    uint8_t *lc;

    if (!(cpu->r.psw_mask & UVCPU_PSW_MASK_EXT) ||
        !take_external(cpu, &code, &param, &addr)) {
        return true;
    }
    lc = lowcore(cpu);
    if (!lc) {
        return false;
    }
    uv_stn_be(lc + LC_EXT_PARAMS, param, 4);
    uv_stn_be(lc + LC_CPU_ADDR, addr, 2);
    uv_stn_be(lc + LC_EXT_CODE, code, 2);
    return swap_psw(cpu, lc, LC_EXT_OLD, LC_EXT_NEW);
}

static bool deliver_restart(UvCpu *cpu)
{
    bool pending;
    uint8_t *lc;

    g_mutex_lock(&cpu->irq_lock);
    pending = cpu->restart_pending;
    cpu->restart_pending = false;
    g_mutex_unlock(&cpu->irq_lock);
    if (!pending) {
        return true;
    }
    lc = lowcore(cpu);
    return lc && swap_psw(cpu, lc, LC_RESTART_OLD, LC_RESTART_NEW);
}

#define MCIC_EXIGENT     (UVCPU_MCIC_SD | UVCPU_MCIC_PD)
#define MCIC_REPRESSIBLE (UVCPU_MCIC_ED | UVCPU_MCIC_DG | UVCPU_MCIC_W)

void uvcpu_set_mchk_pending(UvCpu *cpu, const UvCpuMchk *m, bool floating)
{
    UvCpuMchk *l = &cpu->mchk_local;

    g_mutex_lock(&cpu->irq_lock);
    if (floating) {
        cpu->mchk_float_cr14 |= m->cr14;
        cpu->mchk_float_mcic |= m->mcic;
        cpu->mchk_float = true;
    } else {
        /* Repressible conditions are indicated along with exigent ones. */
        l->cr14 |= m->cr14;
        l->mcic |= m->mcic;
        l->ext_damage_code |= m->ext_damage_code;
        l->failing_storage_address = m->failing_storage_address;
        memcpy(l->fixed_logout, m->fixed_logout, sizeof(l->fixed_logout));
        if (l->mcic & MCIC_EXIGENT) {
            cpu->mchk_ex = true;
        } else if (l->mcic & MCIC_REPRESSIBLE) {
            cpu->mchk_rep = true;
        }
    }
    g_mutex_unlock(&cpu->irq_lock);
}

bool uvcpu_mchk_enabled(UvCpu *cpu, uint64_t cr14)
{
    return (cpu->r.psw_mask & UVCPU_PSW_MASK_MCHK) &&
           (cpu->r.cregs[14] & cr14);
}

/*
 * Takes the pending machine check if the CPU is enabled for it (the
 * kernel's deliverable_irqs and __deliver_machine_check): exigent ones
 * need PSW bit 13 only, repressible ones also a CR14 bit of the pending
 * masks.  Local and floating conditions are delivered together.
 */
static bool take_mchk(UvCpu *cpu, UvCpuMchk *m)
{
    bool rep_enabled, found;

    g_mutex_lock(&cpu->irq_lock);
    rep_enabled = cpu->r.cregs[14] &
                  (cpu->mchk_float_cr14 | cpu->mchk_local.cr14);
    found = cpu->mchk_ex ||
            ((cpu->mchk_rep || cpu->mchk_float) && rep_enabled);
    if (found) {
        memset(m, 0, sizeof(*m));
        if (cpu->mchk_ex || cpu->mchk_rep) {
            *m = cpu->mchk_local;
            memset(&cpu->mchk_local, 0, sizeof(cpu->mchk_local));
            cpu->mchk_ex = cpu->mchk_rep = false;
        }
        if (cpu->mchk_float) {
            m->mcic |= cpu->mchk_float_mcic;
            m->cr14 |= cpu->mchk_float_cr14;
            cpu->mchk_float_cr14 = cpu->mchk_float_mcic = 0;
            cpu->mchk_float = false;
        }
    }
    g_mutex_unlock(&cpu->irq_lock);
    return found;
}

/*
 * The extended save area the MCESAD designates, as the kernel's
 * __write_machine_check forms it: 1K-aligned, or with the guarded-storage
 * facility 1K/2K/4K by its length characteristic (0 or 10, 11, 12; any
 * other means none).  Returns 0 for none; *@lcc gets the characteristic.
 */
static uint64_t mchk_save_area(UvCpu *cpu, const uint8_t *lc2, unsigned *lcc)
{
    uint64_t mcesad = uv_ldn_be(lc2 + LC_MCESAD - 0x1000, 8);

    *lcc = mcesad & 0xf;
    if (!uvcpu_has_facility(cpu, 133)) {
        return mcesad & ~0x3ffULL;
    }
    switch (*lcc) {
    case 0:
    case 10:
        return mcesad & ~0x3ffULL;
    case 11:
        return mcesad & ~0x7ffULL;
    case 12:
        return mcesad & ~0xfffULL;
    default:
        return 0;
    }
}

/*
 * Stores the vector registers (MCIC VR) and the guarded-storage control
 * block (MCIC GS) in the extended save area, when the MCIC says they are
 * valid and the area exists; clears the validity bit otherwise.
 */
static uint64_t mchk_store_extended(UvCpu *cpu, const uint8_t *lc2,
                                    uint64_t mcic)
{
    unsigned lcc, i;
    uint64_t esa = mchk_save_area(cpu, lc2, &lcc);
    uint8_t *p = esa ? uv_abs_host(cpu, esa, UVCPU_ACCESS_WRITE) : NULL;

    if ((mcic & UVCPU_MCIC_VR) && p && uvcpu_has_facility(cpu, 129)) {
        for (i = 0; i < 32; i++) {
            uv_stn_be(p + i * 16, cpu->r.vregs[i][0], 8);
            uv_stn_be(p + i * 16 + 8, cpu->r.vregs[i][1], 8);
        }
    } else {
        mcic &= ~UVCPU_MCIC_VR;
    }
    p = esa ? uv_abs_host(cpu, esa + 1024, UVCPU_ACCESS_WRITE) : NULL;
    if ((mcic & UVCPU_MCIC_GS) && p && uvcpu_has_facility(cpu, 133) &&
        (lcc == 11 || lcc == 12)) {
        for (i = 0; i < 4; i++) {
            uv_stn_be(p + i * 8, cpu->r.gscb[i], 8);
        }
    } else {
        mcic &= ~UVCPU_MCIC_GS;
    }
    return mcic;
}

/* The register save areas at real 0x1200-0x13ff. */
static void mchk_store_registers(UvCpu *cpu, uint8_t *lc2)
{
    unsigned i;

    for (i = 0; i < 16; i++) {
        uv_stn_be(lc2 + LC2_FPRS + i * 8, cpu->r.vregs[i][0], 8);
        uv_stn_be(lc2 + LC2_GPRS + i * 8, cpu->r.regs[i], 8);
        uv_stn_be(lc2 + LC2_ARS + i * 4, cpu->r.aregs[i], 4);
        uv_stn_be(lc2 + LC2_CRS + i * 8, cpu->r.cregs[i], 8);
    }
    uv_stn_be(lc2 + LC2_PREFIX, cpu->r.prefix, 4);
    uv_stn_be(lc2 + LC2_FPC, cpu->r.fpc, 4);
    uv_stn_be(lc2 + LC2_TODPR, cpu->r.todpr, 4);
    uv_stn_be(lc2 + LC2_CPU_TIMER, uv_cputm_now(cpu), 8);
    uv_stn_be(lc2 + LC2_CKC, cpu->r.ckc >> 8, 8);
}

/*
 * A machine-check interruption (PoP chapter 11; the kernel's
 * __write_machine_check): the MCIC, the damage code and failing-storage
 * address, the register save areas and, if valid, the extended save
 * area are stored; then the old PSW at 0x160 and the new from 0x1e0.
 */
static bool deliver_mchk(UvCpu *cpu)
{
    uint8_t *lc, *lc2;
    UvCpuMchk m;

    if (!(cpu->r.psw_mask & UVCPU_PSW_MASK_MCHK) || !take_mchk(cpu, &m)) {
        return true;
    }
    lc = lowcore(cpu);
    lc2 = lc ? uv_real_host(cpu, 0x1000, UVCPU_ACCESS_WRITE) : NULL;
    if (!lc2) {
        cpu->exit = (UvCpuExit) {
            .reason = UVCPU_EXIT_PROGRAM,
            .pgm_code = UVCPU_PGM_ADDRESSING,
        };
        return false;
    }
    m.mcic = mchk_store_extended(cpu, lc2, m.mcic);
    lc[LC_AR_MODE_ID] = 1;
    uv_stn_be(lc + LC_MCIC, m.mcic, 8);
    uv_stn_be(lc + LC_EXT_DAMAGE, m.ext_damage_code, 4);
    uv_stn_be(lc + LC_FAIL_ADDR, m.failing_storage_address, 8);
    memcpy(lc2 + LC2_FIXED_LOGOUT, m.fixed_logout, sizeof(m.fixed_logout));
    mchk_store_registers(cpu, lc2);
    return swap_psw(cpu, lc, LC_MCHK_OLD, LC_MCHK_NEW);
}

bool uv_irq_check(UvCpu *cpu)
{
    const uint64_t enabled = UVCPU_PSW_MASK_IO | UVCPU_PSW_MASK_EXT |
                             UVCPU_PSW_MASK_MCHK;

    if ((uint32_t)g_atomic_int_get(&cpu->sys->tlb_gen) != cpu->tlb_gen) {
        uvcpu_tlb_flush(cpu);
    }
    if ((uint32_t)g_atomic_int_get(&cpu->sys->code_gen) != cpu->code_gen) {
        cpu->code_gen = g_atomic_int_get(&cpu->sys->code_gen);
        uv_code_flush(cpu);
    }
    if (cpu->deliver) {
        /* Machine checks come before external (and I/O) interruptions. */
        if (!deliver_mchk(cpu) || !deliver_external(cpu) ||
            !deliver_restart(cpu)) {
            return false;
        }
    }
    if (cpu->r.psw_mask & UVCPU_PSW_MASK_WAIT) {
        cpu->exit = (UvCpuExit) {
            .reason = (cpu->r.psw_mask & enabled) ?
                      UVCPU_EXIT_WAIT : UVCPU_EXIT_DISABLED_WAIT,
        };
        return false;
    }
    return true;
}

bool uv_irq_after_exit(UvCpu *cpu, uint64_t end)
{
    switch ((int)cpu->exit.reason) {
    case UVCPU_EXIT_PROGRAM:
        if (!cpu->deliver || !deliver_program(cpu)) {
            return false;
        }
        break;
    case UVCPU_EXIT_SVC:
        if (!cpu->deliver || !deliver_svc(cpu)) {
            return false;
        }
        break;
    case UVCPU_EXIT_BUDGET:
    case UV_EXIT_RECHECK:
        break;
    default:
        return false;
    }
    if (cpu->icount >= end) {
        cpu->exit = (UvCpuExit) { .reason = UVCPU_EXIT_BUDGET };
        return false;
    }
    return true;
}
