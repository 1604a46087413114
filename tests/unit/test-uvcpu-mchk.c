/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-uvcpu-mchk.c - machine-check interruptions of uvsim's CPU through
 * the lowcore (PoP chapter 11, the kernel's __write_machine_check): the
 * interruption code, damage code, failing-storage address, register save
 * areas and the extended save area with exact bytes; masking by PSW bit
 * 13 and CR14; CPU-local and floating conditions; priority over external
 * interruptions.
 */
#include "uvcpu-harness.h"

#define PSW_WAIT_DISABLED (UVCPU_PSW_MASK_WAIT | PSW_64)
#define CR14_ED        (1ULL << (63 - 38))   /* external-damage subclass */
#define CR14_DG        (1ULL << (63 - 37))   /* degradation subclass */
#define LC_MCIC        0xe8
#define LC_MCHK_OLD    0x160
#define LC_MCHK_NEW    0x1e0

static const uint8_t wait_code[] = { 0xb2, 0xb2, 0x08, 0x00 };  /* lpswe 0x800 */

/*
 * A CPU in the delivery mode that waits with the masks @wait_mask (plus
 * the wait bit) at 0x6000; a machine check loads a disabled wait at 0x7000.
 */
static UvCpu *waiting_cpu(uint64_t wait_mask)
{
    UvCpu *cpu = sys_cpu(wait_code, sizeof(wait_code), true);

    set_psw_at(0x800, UVCPU_PSW_MASK_WAIT | wait_mask | PSW_64, 0x6000);
    set_psw_at(LC_MCHK_NEW, PSW_WAIT_DISABLED, 0x7000);
    uvcpu_regs(cpu)->ckc = UINT64_MAX;
    return cpu;
}

static void fill_registers(S390Regs *r)
{
    for (unsigned i = 0; i < 16; i++) {
        r->regs[i] = 0x1111111111111111ULL * i + 1;
        r->vregs[i][0] = 0xf0f0f0f000000000ULL | i;
        r->aregs[i] = 0xa0000000u | i;
        r->cregs[i] = 0xc000000000000000ULL | i;
    }
    for (unsigned i = 0; i < 32; i++) {
        r->vregs[i][0] = 0xf0f0f0f000000000ULL | i;
        r->vregs[i][1] = 0x0123456789000000ULL | i;
    }
    r->cregs[0] = 0;               /* no external subclass enabled */
    r->cregs[14] = CR14_ED;
    r->fpc = 0x00f80000;
    r->todpr = 0xbeef;
    r->cputm = 0x7fffffffffffffffULL;
    r->ckc = 0x123456789abcdef0ULL;
}

/* Every byte the interruption stores, and the PSW swap. */
static void test_delivery(void)
{
    UvCpu *cpu = waiting_cpu(UVCPU_PSW_MASK_MCHK);
    S390Regs *r = uvcpu_regs(cpu);
    UvCpuMchk m = {
        .cr14 = CR14_ED,
        /* and the floating-point, general and control registers valid */
        .mcic = UVCPU_MCIC_ED | UVCPU_MCIC_VR | UVCPU_MCIC_GS | 7ULL << 34,
        .failing_storage_address = 0x123458,
        .ext_damage_code = 0x80000001,
        .fixed_logout = { 0xfe, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0xef },
    };
    uint64_t cputm;
    UvCpuExit e;

    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_WAIT);
    fill_registers(r);
    r->prefix = 0;
    uvcpu_set_mchk_pending(cpu, &m, false);
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_DISABLED_WAIT);
    g_assert_cmphex(r->psw_addr, ==, 0x7000);
    g_assert_cmpuint(cc_of(cpu), ==, 0);
    /* No MCESAD: vector and GS registers are not saved, VR and GS are off. */
    g_assert_cmphex(ld_be(LC_MCIC, 8), ==, UVCPU_MCIC_ED | 7ULL << 34);
    g_assert_cmphex(ld_be(0xf4, 4), ==, 0x80000001);
    g_assert_cmphex(ld_be(0xf8, 8), ==, 0x123458);
    g_assert_cmphex(mem[0xa3], ==, 1);
    g_assert_cmphex(ld_be(LC_MCHK_OLD, 8), ==,
                    UVCPU_PSW_MASK_WAIT | UVCPU_PSW_MASK_MCHK | PSW_64);
    g_assert_cmphex(ld_be(LC_MCHK_OLD + 8, 8), ==, 0x6000);
    for (unsigned i = 0; i < 16; i++) {
        g_assert_cmphex(ld_be(0x1200 + i * 8, 8), ==, 0xf0f0f0f000000000ULL | i);
        g_assert_cmphex(ld_be(0x1280 + i * 8, 8), ==, 0x1111111111111111ULL * i + 1);
        g_assert_cmphex(ld_be(0x1340 + i * 4, 4), ==, 0xa0000000u | i);
        g_assert_cmphex(ld_be(0x1380 + i * 8, 8), ==, r->cregs[i]);
    }
    g_assert_cmphex(ld_be(0x1380 + 14 * 8, 8), ==, CR14_ED);
    g_assert_cmpmem(mem + 0x1300, 16, m.fixed_logout, 16);
    g_assert_cmphex(ld_be(0x1318, 4), ==, 0);
    g_assert_cmphex(ld_be(0x131c, 4), ==, 0x00f80000);
    g_assert_cmphex(ld_be(0x1324, 4), ==, 0xbeef);
    cputm = ld_be(0x1328, 8);
    g_assert_cmphex(cputm, <=, 0x7fffffffffffffffULL);
    g_assert_cmphex(cputm, >, 0x7fffffffffffffffULL - (10ULL << 32));  /* < 10 s */
    g_assert_cmphex(ld_be(0x1330, 8), ==, 0x123456789abcdef0ULL >> 8);
    /* Taken: nothing is pending any more. */
    set_psw_at(0x800, UVCPU_PSW_MASK_WAIT | UVCPU_PSW_MASK_MCHK | PSW_64, 0x6000);
    r->psw_mask = PSW_64;
    r->psw_addr = CODE;
    st_be(LC_MCIC, 0, 8);
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_WAIT);
    g_assert_cmphex(ld_be(LC_MCIC, 8), ==, 0);
    uvcpu_free(cpu);
}

/*
 * PSW bit 13 masks every machine check; CR14 masks repressible ones
 * (external damage) but not exigent ones (system damage).
 */
static void test_masking(void)
{
    UvCpu *cpu = waiting_cpu(UVCPU_PSW_MASK_EXT);
    S390Regs *r = uvcpu_regs(cpu);
    UvCpuMchk rep = { .cr14 = CR14_ED, .mcic = UVCPU_MCIC_ED };
    UvCpuMchk ex = { .mcic = UVCPU_MCIC_SD };
    UvCpuExit e;

    uvcpu_set_mchk_pending(cpu, &rep, false);
    r->cregs[14] = CR14_ED;
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_WAIT);       /* bit 13 off */
    g_assert_cmphex(ld_be(LC_MCHK_OLD + 8, 8), ==, 0);
    g_assert_false(uvcpu_mchk_enabled(cpu, CR14_ED));

    r->psw_mask |= UVCPU_PSW_MASK_MCHK;
    r->cregs[14] = CR14_DG;
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_WAIT);       /* CR14 masks it */
    g_assert_cmphex(ld_be(LC_MCHK_OLD + 8, 8), ==, 0);
    g_assert_false(uvcpu_mchk_enabled(cpu, CR14_ED));
    g_assert_true(uvcpu_mchk_enabled(cpu, CR14_DG));

    /* An exigent condition ignores CR14 and carries the repressible one. */
    uvcpu_set_mchk_pending(cpu, &ex, false);
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_DISABLED_WAIT);
    g_assert_cmphex(ld_be(LC_MCIC, 8), ==, UVCPU_MCIC_SD | UVCPU_MCIC_ED);
    g_assert_cmphex(ld_be(LC_MCHK_OLD + 8, 8), ==, 0x6000);

    /* A condition with neither an exigent nor a repressible bit is not pending. */
    rep.mcic = UVCPU_MCIC_VR;
    uvcpu_set_mchk_pending(cpu, &rep, false);
    r->psw_mask = UVCPU_PSW_MASK_WAIT | UVCPU_PSW_MASK_MCHK | PSW_64;
    r->cregs[14] = CR14_ED;
    st_be(LC_MCIC, 0, 8);
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_WAIT);
    g_assert_cmphex(ld_be(LC_MCIC, 8), ==, 0);
    uvcpu_free(cpu);
}

/*
 * Floating conditions (taken from the VM) are delivered together with the
 * CPU-local ones, their CR14 masks ORed; they carry no damage code or
 * failing-storage address.
 */
static void test_floating_and_local(void)
{
    UvCpu *cpu = waiting_cpu(UVCPU_PSW_MASK_MCHK);
    S390Regs *r = uvcpu_regs(cpu);
    UvCpuMchk flt = {
        .cr14 = CR14_DG, .mcic = UVCPU_MCIC_DG,
        .failing_storage_address = 0x5000, .ext_damage_code = 7,
    };
    UvCpuMchk loc = {
        .cr14 = CR14_ED, .mcic = UVCPU_MCIC_ED,
        .failing_storage_address = 0x6000, .ext_damage_code = 1,
    };
    UvCpuExit e;

    r->cregs[14] = CR14_DG;
    uvcpu_set_mchk_pending(cpu, &flt, true);
    uvcpu_set_mchk_pending(cpu, &loc, false);
    loc.failing_storage_address = 0x8000;
    loc.ext_damage_code = 2;
    loc.mcic = UVCPU_MCIC_W;
    uvcpu_set_mchk_pending(cpu, &loc, false);
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_DISABLED_WAIT);
    g_assert_cmphex(ld_be(LC_MCIC, 8), ==,
                    UVCPU_MCIC_DG | UVCPU_MCIC_ED | UVCPU_MCIC_W);
    g_assert_cmphex(ld_be(0xf4, 4), ==, 3);               /* ORed */
    g_assert_cmphex(ld_be(0xf8, 8), ==, 0x8000);          /* the last one */

    /* A floating condition alone, enabled by its own CR14 mask. */
    r->psw_mask = PSW_64;
    r->psw_addr = CODE;
    r->cregs[14] = CR14_DG;
    st_be(0xf4, 0, 4);
    st_be(0xf8, 0, 8);
    uvcpu_set_mchk_pending(cpu, &flt, true);
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_DISABLED_WAIT);
    g_assert_cmphex(ld_be(LC_MCIC, 8), ==, UVCPU_MCIC_DG);
    g_assert_cmphex(ld_be(0xf4, 4), ==, 0);
    g_assert_cmphex(ld_be(0xf8, 8), ==, 0);
    uvcpu_free(cpu);
}

/*
 * A machine check comes before an external interruption pending at the
 * same time: the external one is taken next, from the machine-check new
 * PSW (its old PSW), once that enables it.
 */
static void test_priority_over_external(void)
{
    UvCpu *cpu = waiting_cpu(UVCPU_PSW_MASK_MCHK | UVCPU_PSW_MASK_EXT);
    S390Regs *r = uvcpu_regs(cpu);
    UvCpuMchk m = { .cr14 = CR14_ED, .mcic = UVCPU_MCIC_ED };
    const uint64_t mchk_new = UVCPU_PSW_MASK_WAIT | UVCPU_PSW_MASK_EXT | PSW_64;
    UvCpuExit e;

    set_psw_at(LC_MCHK_NEW, mchk_new, 0x7000);
    set_psw_at(0x1b0, PSW_WAIT_DISABLED, 0x8000);   /* external new */
    r->cregs[0] = 0x200;                            /* service signal */
    r->cregs[14] = CR14_ED;
    g_assert_true(uvcpu_set_ext_pending(cpu, UVCPU_EXT_SERVICE, 0x1230, 0));
    uvcpu_set_mchk_pending(cpu, &m, false);
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_DISABLED_WAIT);
    g_assert_cmphex(r->psw_addr, ==, 0x8000);
    g_assert_cmphex(ld_be(LC_MCHK_OLD, 8), ==,
                    UVCPU_PSW_MASK_WAIT | UVCPU_PSW_MASK_MCHK |
                    UVCPU_PSW_MASK_EXT | PSW_64);
    g_assert_cmphex(ld_be(LC_MCHK_OLD + 8, 8), ==, 0x6000);
    g_assert_cmphex(ld_be(0x130, 8), ==, mchk_new);     /* external old */
    g_assert_cmphex(ld_be(0x138, 8), ==, 0x7000);
    g_assert_cmphex(ld_be(0x86, 2), ==, UVCPU_EXT_SERVICE);
    g_assert_cmphex(ld_be(0x80, 4), ==, 0x1230);
    uvcpu_free(cpu);
}

/* One delivery of @mcic with MCESAD @mcesad; returns the stored MCIC. */
static uint64_t deliver_with_mcesad(UvCpu *cpu, uint64_t mcic, uint64_t mcesad)
{
    S390Regs *r = uvcpu_regs(cpu);
    UvCpuMchk m = { .cr14 = CR14_ED, .mcic = UVCPU_MCIC_ED | mcic };

    r->psw_mask = PSW_64;
    r->psw_addr = CODE;
    st_be(0x11b0, mcesad, 8);
    uvcpu_set_mchk_pending(cpu, &m, false);
    g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==, UVCPU_EXIT_DISABLED_WAIT);
    return ld_be(LC_MCIC, 8) & ~UVCPU_MCIC_ED;
}

/*
 * The extended save area: vector registers at the MCESAD when the MCIC
 * says they are valid; the guarded-storage block 1K further with facility
 * 133 and a length characteristic of 11 or 12.
 */
static void test_extended_save_area(void)
{
    UvCpu *cpu = waiting_cpu(UVCPU_PSW_MASK_MCHK);
    S390Regs *r = uvcpu_regs(cpu);
    const uint64_t both = UVCPU_MCIC_VR | UVCPU_MCIC_GS;

    fill_registers(r);
    r->cregs[14] = CR14_ED;
    r->gscb[0] = 0x1000;
    r->gscb[3] = 0x9999;
    /* Without facility 133: 1K-aligned, vectors only, GS invalid. */
    g_assert_cmphex(deliver_with_mcesad(cpu, both, 0x9000 | 0x3ff), ==,
                    UVCPU_MCIC_VR);
    for (unsigned i = 0; i < 32; i++) {
        g_assert_cmphex(ld_be(0x9000 + i * 16, 8), ==, 0xf0f0f0f000000000ULL | i);
        g_assert_cmphex(ld_be(0x9008 + i * 16, 8), ==, 0x0123456789000000ULL | i);
    }
    g_assert_cmphex(ld_be(0x9400, 8), ==, 0);
    /* VR not claimed: nothing stored. */
    g_assert_cmphex(deliver_with_mcesad(cpu, 0, 0xa000), ==, 0);
    g_assert_cmphex(ld_be(0xa000, 8), ==, 0);

    uvcpu_set_facility(cpu, 133, true);
    g_assert_cmphex(deliver_with_mcesad(cpu, both, 0xb000 | 11), ==, both);
    g_assert_cmphex(ld_be(0xb000, 8), ==, 0xf0f0f0f000000000ULL);
    g_assert_cmphex(ld_be(0xb400, 8), ==, 0x1000);
    g_assert_cmphex(ld_be(0xb418, 8), ==, 0x9999);
    /* Characteristic 10: 1K, no GS; 13: no area at all. */
    g_assert_cmphex(deliver_with_mcesad(cpu, both, 0xc000 | 10), ==,
                    UVCPU_MCIC_VR);
    g_assert_cmphex(ld_be(0xc400, 8), ==, 0);
    g_assert_cmphex(deliver_with_mcesad(cpu, both, 0xd000 | 13), ==, 0);
    g_assert_cmphex(ld_be(0xd000, 8), ==, 0);
    /* Outside storage: not stored, not valid. */
    g_assert_cmphex(deliver_with_mcesad(cpu, both, MEM_SIZE + 0x1000), ==, 0);
    uvcpu_free(cpu);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/uvcpu-mchk/delivery", test_delivery);
    g_test_add_func("/uvcpu-mchk/masking", test_masking);
    g_test_add_func("/uvcpu-mchk/floating-and-local", test_floating_and_local);
    g_test_add_func("/uvcpu-mchk/priority-over-external", test_priority_over_external);
    g_test_add_func("/uvcpu-mchk/extended-save-area", test_extended_save_area);
    return g_test_run();
}
