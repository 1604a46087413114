/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uvcpu-harness.h - a 1 MiB machine for the supervisor-state tests of
 * uvsim's CPU interpreter: flat absolute storage, one storage key per
 * 4 KiB frame, and a CPU in 64-bit supervisor state at CODE.
 */
#ifndef TESTS_UNIT_UVCPU_HARNESS_H
#define TESTS_UNIT_UVCPU_HARNESS_H

#include "qemu/osdep.h"
#include "cpu.h"

#define MEM_SIZE (1 * MiB)
#define CODE 0x20000
#define PSW_64 (UVCPU_PSW_MASK_EA | UVCPU_PSW_MASK_BA)

static uint8_t mem[MEM_SIZE];
static uint8_t skeys[MEM_SIZE / 4096];
static UvCpuSys test_sys;

static uint8_t *abs_translate(void *opaque, uint64_t addr, UvCpuAccess access,
                              uint16_t *pgm_code)
{
    if (addr >= MEM_SIZE) {
        *pgm_code = UVCPU_PGM_ADDRESSING;
        return NULL;
    }
    return mem + addr;
}

static const UvCpuMemOps abs_ops = { .translate = abs_translate };

/* A supervisor-state CPU at CODE with @code there and everything else 0. */
static UvCpu *sys_cpu(const uint8_t *code, size_t len, bool deliver)
{
    UvCpu *cpu = uvcpu_new(&abs_ops, NULL);

    memset(mem, 0, sizeof(mem));
    memset(skeys, 0, sizeof(skeys));
    test_sys = (UvCpuSys) { .skeys = skeys, .frames = sizeof(skeys) };
    uvcpu_attach_sys(cpu, &test_sys);
    uvcpu_set_delivery(cpu, deliver);
    memcpy(mem + CODE, code, len);
    uvcpu_regs(cpu)->psw_mask = PSW_64;
    uvcpu_regs(cpu)->psw_addr = CODE;
    return cpu;
}

static uint64_t ld_be(uint64_t addr, unsigned len)
{
    uint64_t v = 0;
    unsigned i;

    for (i = 0; i < len; i++) {
        v = (v << 8) | mem[addr + i];
    }
    return v;
}

static void st_be(uint64_t addr, uint64_t v, unsigned len)
{
    unsigned i;

    for (i = 0; i < len; i++) {
        mem[addr + i] = v >> (8 * (len - 1 - i));
    }
}

/* Puts PSW @mask/@addr at lowcore offset @off (a new PSW). */
static inline void set_psw_at(uint64_t off, uint64_t mask, uint64_t addr)
{
    st_be(off, mask, 8);
    st_be(off + 8, addr, 8);
}

static unsigned cc_of(UvCpu *cpu)
{
    return (uvcpu_regs(cpu)->psw_mask & UVCPU_PSW_MASK_CC) >> UVCPU_PSW_SHIFT_CC;
}

/* Vector register @v := @hi:@lo. */
static inline void set_vr(UvCpu *cpu, unsigned v, uint64_t hi, uint64_t lo)
{
    uvcpu_regs(cpu)->vregs[v][0] = hi;
    uvcpu_regs(cpu)->vregs[v][1] = lo;
}

/* Vector register @v holds @hi:@lo. */
static inline void assert_vr(UvCpu *cpu, unsigned v, uint64_t hi, uint64_t lo)
{
    g_assert_cmphex(uvcpu_regs(cpu)->vregs[v][0], ==, hi);
    g_assert_cmphex(uvcpu_regs(cpu)->vregs[v][1], ==, lo);
}

#endif /* TESTS_UNIT_UVCPU_HARNESS_H */
