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
 * (uv_irq_recheck()), pending external interruptions whose PSW and CR0
 * subclass masks allow it are delivered the same way, then a pending
 * restart.  A wait PSW ends uvcpu_run() with UVCPU_EXIT_WAIT when I/O,
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
#define LC_RESTART_OLD  0x120
#define LC_EXT_OLD      0x130
#define LC_SVC_OLD      0x140
#define LC_PGM_OLD      0x150
#define LC_RESTART_NEW  0x1a0
#define LC_EXT_NEW      0x1b0
#define LC_SVC_NEW      0x1c0
#define LC_PGM_NEW      0x1d0

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
    if ((e.pgm_code & 0xff) == UVCPU_PGM_DATA) {
        /* The architecture stores zeros in 0x90..0x92 with the DXC. */
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
        if (!deliver_external(cpu) || !deliver_restart(cpu)) {
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
