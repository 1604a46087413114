/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * run.c - the CPU object, its run loop and its exits.
 *
 * The loop fetches a pre-decoded instruction (code-cache.c) and runs the
 * chain of instructions that starts there (dispatch.c): each moves the
 * PSW past itself and runs inline or through its handler.  Everything that ends the loop early -
 * a program interruption, SVC, an intercepted instruction - leaves the
 * handler with a longjmp to uvcpu_run(), as QEMU's cpu_loop_exit() does,
 * so handlers need no error returns on their fast paths.
 */
#include "internal.h"

UvCpu *uvcpu_new(const UvCpuMemOps *ops, void *opaque)
{
    static const unsigned facilities[] = {
        /*
         * Not 37: the floating-point-extension facility requires DFP (42),
         * which is not implemented.  Its instructions run all the same, as
         * on a z15 whose KVM guest model lacks the bit.
         */
        0, 1, 2, 3, 7, 8, 16, 17, 18, 19, 21, 25, 34, 35, 41, 45, 49, 53, 57,
        58, 61, 76, 77, 78, 129, 130, 135, 146, 148,
    };
    UvCpu *cpu = g_new0(UvCpu, 1);
    size_t i;

    cpu->ops = ops;
    cpu->opaque = opaque;
    cpu->sys = &cpu->own_sys;
    g_mutex_init(&cpu->irq_lock);
    uvcpu_tlb_flush(cpu);
    uv_code_init(cpu);
    for (i = 0; i < ARRAY_SIZE(facilities); i++) {
        uvcpu_set_facility(cpu, facilities[i], true);
    }
    return cpu;
}

void uvcpu_free(UvCpu *cpu)
{
    if (cpu) {
        uv_code_free(cpu);
        g_mutex_clear(&cpu->irq_lock);
        g_free(cpu);
    }
}

void uvcpu_inject_access_exception(UvCpu *cpu, uint16_t code, uint8_t ilc,
                                   uint64_t teid, uint8_t access_id)
{
    cpu->pgm_injected = true;
    cpu->pgm_inject = (UvCpuExit) {
        .reason = UVCPU_EXIT_PROGRAM,
        .pgm_code = code,
        .ilc = ilc,
        .teid = teid,
        .access_id = access_id,
    };
}

void uvcpu_inject_program(UvCpu *cpu, uint16_t code, uint8_t ilc,
                          uint64_t teid)
{
    uvcpu_inject_access_exception(cpu, code, ilc, teid, 0);
}

void uvcpu_flush_code(UvCpu *cpu)
{
    uv_code_flush(cpu);
    uvcpu_tlb_flush(cpu);
}

S390Regs *uvcpu_regs(UvCpu *cpu)
{
    return &cpu->r;
}

uint64_t uvcpu_icount(const UvCpu *cpu)
{
    return cpu->icount;
}

void uvcpu_set_facility(UvCpu *cpu, unsigned nr, bool on)
{
    uint64_t bit = 1ULL << (63 - nr % 64);

    g_assert(nr < 64 * ARRAY_SIZE(cpu->fac));
    if (on) {
        cpu->fac[nr / 64] |= bit;
    } else {
        cpu->fac[nr / 64] &= ~bit;
    }
    /* Instructions were decoded for the old facility set. */
    uv_code_flush(cpu);
}

bool uvcpu_has_facility(const UvCpu *cpu, unsigned nr)
{
    return nr < 64 * ARRAY_SIZE(cpu->fac) &&
           (cpu->fac[nr / 64] >> (63 - nr % 64)) & 1;
}

uint64_t uv_psw_mask(const UvCpu *cpu)
{
    return (cpu->r.psw_mask & ~UVCPU_PSW_MASK_CC) |
           ((uint64_t)cpu->cc << UVCPU_PSW_SHIFT_CC);
}

void uv_exit(UvCpu *cpu)
{
    siglongjmp(cpu->exit_jmp, 1);
}

/* Nullifying exceptions leave the PSW at the instruction (translation). */
static bool pgm_nullifies(uint16_t code)
{
    return code == 0x10 || code == 0x11 || (code >= 0x38 && code <= 0x3b);
}

/* Fills cpu->exit for program interruption @code of this instruction. */
static void program_exit(UvCpu *cpu, uint16_t code)
{
    if (pgm_nullifies(code)) {
        cpu->r.psw_addr = uv_wrap(cpu, cpu->r.psw_addr - cpu->ilen);
    }
    cpu->exit = (UvCpuExit) {
        .reason = UVCPU_EXIT_PROGRAM,
        .pgm_code = code,
        .ilc = cpu->ilen,
        .teid = cpu->teid,
        .dxc = cpu->dxc,
        .oai_valid = code == UVCPU_PGM_PAGE_TRANS && (cpu->oai & UV_OAI_VALID),
        .oai = cpu->oai & 0xff,
    };
    cpu->teid = 0;
    cpu->dxc = 0;
    cpu->oai = 0;
}

void uv_program_exception(UvCpu *cpu, uint16_t code)
{
    program_exit(cpu, code);
    uv_exit(cpu);
}

void uv_data_exception(UvCpu *cpu, uint8_t dxc)
{
    /* The FPC holds the DXC only where the AFP registers are enabled. */
    if (cpu->r.cregs[0] & UV_CR0_AFP) {
        cpu->r.fpc = (cpu->r.fpc & ~0xff00u) | (uint32_t)dxc << 8;
    }
    cpu->bfp_trap = 0;
    cpu->dxc = dxc;
    uv_program_exception(cpu, UVCPU_PGM_DATA);
}

void uv_vector_exception(UvCpu *cpu, uint8_t vxc)
{
    /* Vector instructions run only with the AFP-register control on. */
    cpu->r.fpc = (cpu->r.fpc & ~0xff00u) | (uint32_t)vxc << 8;
    cpu->bfp_trap = 0;
    cpu->dxc = vxc;
    uv_program_exception(cpu, UVCPU_PGM_VECTOR_PROC);
}

/* The effective-address mask of the PSW's addressing mode, 0 if invalid. */
uint64_t uv_psw_amask(uint64_t mask)
{
    switch (mask & (UVCPU_PSW_MASK_EA | UVCPU_PSW_MASK_BA)) {
    case UVCPU_PSW_MASK_EA | UVCPU_PSW_MASK_BA:
        return UINT64_MAX;
    case UVCPU_PSW_MASK_BA:
        return 0x7fffffffULL;
    case 0:
        return 0xffffffULL;
    default:
        return 0;
    }
}

/* Not inlined: uvcpu_run()'s sigsetjmp() would keep its variables in memory. */
static G_NO_INLINE void run_loop(UvCpu *cpu, uint64_t end)
{
    const UvInsn *d;
    uint64_t addr;

    while (cpu->icount < end && !g_atomic_int_get(&cpu->exit_request)) {
        addr = cpu->r.psw_addr;
        d = uv_fetch(cpu, addr);
        uv_run_chain(cpu, d, addr, end);
    }
}

void uvcpu_exit_request(UvCpu *cpu)
{
    g_atomic_int_set(&cpu->exit_request, 1);
}

/* Runs until @end, an exit or an exit request; fills cpu->exit. */
static void run_slice(UvCpu *cpu, uint64_t end)
{
    if (sigsetjmp(cpu->exit_jmp, 0) == 0) {
        run_loop(cpu, end);
        cpu->exit = (UvCpuExit) { .reason = UVCPU_EXIT_BUDGET };
    }
    cpu->in_execute = false;
}

UvCpuExit uvcpu_run(UvCpu *cpu, uint64_t budget)
{
    /* Saturated: a budget of UINT64_MAX means "until an exit". */
    uint64_t end = budget > UINT64_MAX - cpu->icount ? UINT64_MAX
                                                      : cpu->icount + budget;

    cpu->cc = (cpu->r.psw_mask & UVCPU_PSW_MASK_CC) >> UVCPU_PSW_SHIFT_CC;
    cpu->amask = uv_psw_amask(cpu->r.psw_mask);
    cpu->in_execute = false;
    uv_cputm_enter(cpu);
    if (!cpu->amask) {
        /* An invalid PSW is an early exception: nothing executes. */
        cpu->amask = UINT64_MAX;
        cpu->exit = (UvCpuExit) {
            .reason = UVCPU_EXIT_PROGRAM,
            .pgm_code = UVCPU_PGM_SPECIFICATION,
        };
        if (!uv_irq_after_exit(cpu, end)) {
            goto out;
        }
    }
    if (cpu->pgm_injected) {
        cpu->pgm_injected = false;
        cpu->exit = cpu->pgm_inject;
        if (!uv_irq_after_exit(cpu, end)) {
            goto out;
        }
    }
    /* Interruption delivery (interrupt.c) runs between slices. */
    while (uv_irq_check(cpu)) {
        run_slice(cpu, cpu->deliver ? MIN(end, cpu->icount + UV_SLICE) : end);
        if (!uv_irq_after_exit(cpu, end)) {
            break;
        }
        if (g_atomic_int_compare_and_exchange(&cpu->exit_request, 1, 0)) {
            cpu->exit = (UvCpuExit) { .reason = UVCPU_EXIT_BUDGET };
            break;
        }
    }
out:
    uv_cputm_leave(cpu);
    cpu->r.psw_mask = uv_psw_mask(cpu);
    return cpu->exit;
}
