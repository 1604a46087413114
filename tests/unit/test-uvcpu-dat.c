/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-uvcpu-dat.c - uvsim's CPU translating addresses: a three-level DAT
 * walk (region-third, segment, page table), page faults and DAT
 * protection with their TEIDs, program interruptions delivered through the
 * lowcore, EDAT-1 large frames, LRA, low-address protection and prefixing.
 * Every expected value is worked out from the Principles of Operation.
 */
#include "uvcpu-harness.h"

#define PSW_DAT (UVCPU_PSW_MASK_DAT | PSW_64)

/*
 * Tables: the ASCE designates a region-third table at 0x10000 (DT 01,
 * TL 3).  R3 entry 0 and 1 point to the segment table at 0x14000.
 * Segment entry 0 -> page table 0x18800, which maps CODE's page to itself;
 * segment entry 1 (addresses 0x80100000-) -> page table 0x18000.
 * Virtual 0x80123000 (R3X 1, SX 1, PX 0x23) -> real 0x30000;
 * 0x80124000 has an invalid PTE; 0x80125000 -> 0x31000 DAT-protected.
 */
#define ASCE 0x10007ULL
#define V_OK    0x80123000ULL
#define V_FAULT 0x80124000ULL
#define V_PROT  0x80125000ULL

static void build_tables(void)
{
    st_be(0x10000, 0x14007, 8);                /* R3 entry 0: TT 01, TL 3 */
    st_be(0x10008, 0x14007, 8);                /* R3 entry 1 */
    st_be(0x14000, 0x18800, 8);                /* segment 0 */
    st_be(0x14008, 0x18000, 8);                /* segment 1 */
    st_be(0x18800 + (CODE >> 12) * 8, CODE, 8);
    st_be(0x18000 + 0x23 * 8, 0x30000, 8);
    st_be(0x18000 + 0x24 * 8, 0x400, 8);       /* invalid */
    st_be(0x18000 + 0x25 * 8, 0x31000 | 0x200, 8);
}

static UvCpu *dat_cpu(const uint8_t *code, size_t len, bool deliver)
{
    UvCpu *cpu = sys_cpu(code, len, deliver);

    build_tables();
    uvcpu_regs(cpu)->psw_mask = PSW_DAT;
    uvcpu_regs(cpu)->cregs[1] = ASCE;
    uvcpu_regs(cpu)->regs[2] = V_OK + 8;
    uvcpu_regs(cpu)->regs[4] = V_FAULT;
    uvcpu_regs(cpu)->regs[5] = V_PROT;
    return cpu;
}

/* A load through the walk, then a page fault delivered through the lowcore. */
static void test_walk_and_page_fault(void)
{
    static const uint8_t code[] = {
        0xe3, 0x30, 0x20, 0x00, 0x00, 0x04,                  /* lg %r3,0(%r2) */
        0xe3, 0x10, 0x40, 0x00, 0x00, 0x04,                  /* lg %r1,0(%r4) */
    };
    UvCpu *cpu = dat_cpu(code, sizeof(code), true);
    S390Regs *r = uvcpu_regs(cpu);
    UvCpuExit e;

    st_be(0x30008, 0x0123456789abcdefULL, 8);
    set_psw_at(0x1d0, UVCPU_PSW_MASK_WAIT | PSW_64, 0x7000);
    r->psw_mask |= 2ULL << UVCPU_PSW_SHIFT_CC;
    e = uvcpu_run(cpu, 100);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_DISABLED_WAIT);
    g_assert_cmphex(r->regs[3], ==, 0x0123456789abcdefULL);
    g_assert_cmphex(ld_be(0x8c, 2), ==, 6);
    g_assert_cmphex(ld_be(0x8e, 2), ==, UVCPU_PGM_PAGE_TRANS);
    g_assert_cmphex(ld_be(0xa8, 8), ==, V_FAULT | 0x800);
    /* nullified: the old PSW points at the faulting LG */
    g_assert_cmphex(ld_be(0x150, 8), ==, PSW_DAT | (2ULL << UVCPU_PSW_SHIFT_CC));
    g_assert_cmphex(ld_be(0x158, 8), ==, CODE + 6);
    g_assert_cmphex(r->psw_mask, ==, UVCPU_PSW_MASK_WAIT | PSW_64);
    g_assert_cmphex(r->psw_addr, ==, 0x7000);
    uvcpu_free(cpu);
}

/* DAT protection: reads work, stores give 0x04 with TEID bit 61. */
static void test_dat_protection(void)
{
    static const uint8_t code[] = {
        0xe3, 0x60, 0x50, 0x00, 0x00, 0x04,                  /* lg %r6,0(%r5) */
        0xe3, 0x30, 0x50, 0x00, 0x00, 0x24,                  /* stg %r3,0(%r5) */
    };
    UvCpu *cpu = dat_cpu(code, sizeof(code), false);
    UvCpuExit e;

    st_be(0x31000, 0x1111, 8);
    uvcpu_regs(cpu)->regs[3] = 0x2222;
    e = uvcpu_run(cpu, 100);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_PROGRAM);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_PROTECTION);
    g_assert_cmphex(e.teid, ==, V_PROT | 0x400 | 0x4);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[6], ==, 0x1111);
    g_assert_cmphex(ld_be(0x31000, 8), ==, 0x1111);
    uvcpu_free(cpu);
}

/* Segment-table length and invalid entries, and an EDAT-1 1 MiB frame. */
static void test_segment_and_large(void)
{
    static const uint8_t code[] = {
        0xe3, 0x30, 0x40, 0x00, 0x00, 0x04,                  /* lg %r3,0(%r4) */
    };
    UvCpu *cpu = dat_cpu(code, sizeof(code), false);
    S390Regs *r = uvcpu_regs(cpu);
    UvCpuExit e;

    r->regs[4] = 0x80212345;                   /* SX 2: entry invalid */
    st_be(0x14010, 0x20, 8);
    e = uvcpu_run(cpu, 10);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_SEGMENT_TRANS);
    g_assert_cmphex(e.teid, ==, 0x80212000 | 0x800);
    g_assert_cmphex(r->psw_addr, ==, CODE);

    /* The same entry as a 1 MiB frame at 0x00000 (FC, EDAT-1 in CR0). */
    st_be(0x14010, 0x400, 8);
    st_be(0x12345, 0xfeedULL, 8);
    r->cregs[0] |= 0x800000;
    uvcpu_tlb_flush(cpu);
    e = uvcpu_run(cpu, 1);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_BUDGET);
    g_assert_cmphex(r->regs[3], ==, 0xfeed);

    /* With TL 0 the region-third table has entries 0-511: R3X 0x200 is
     * past it; an address above the region-third range is ASCE-type. */
    r->cregs[1] = ASCE & ~3ULL;
    r->regs[4] = 0x200ULL << 31;
    r->psw_addr = CODE;
    uvcpu_tlb_flush(cpu);
    e = uvcpu_run(cpu, 1);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_PROGRAM);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_REG_THIRD);
    g_assert_cmphex(e.teid, ==, (0x200ULL << 31) | 0x800);
    r->regs[4] = 1ULL << 42;
    e = uvcpu_run(cpu, 1);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_ASCE_TYPE);
    g_assert_cmphex(r->psw_addr, ==, CODE);
    uvcpu_free(cpu);
}

/* LRA: a real address, an invalid PTE (CC 2) and an invalid STE (CC 1). */
static void test_lra(void)
{
    static const uint8_t code[] = {
        0xe3, 0x10, 0x20, 0x00, 0x00, 0x03,                  /* lrag %r1,0(%r2) */
        0xe3, 0x60, 0x40, 0x00, 0x00, 0x03,                  /* lrag %r6,0(%r4) */
        0xb2, 0x22, 0x00, 0x70,                              /* ipm %r7 */
        0xe3, 0x80, 0x90, 0x00, 0x00, 0x03,                  /* lrag %r8,0(%r9) */
        0x0a, 0x00,                                          /* svc 0 */
    };
    UvCpu *cpu = dat_cpu(code, sizeof(code), false);
    S390Regs *r = uvcpu_regs(cpu);
    UvCpuExit e;

    r->regs[9] = 0x80212000;
    st_be(0x14010, 0x20, 8);
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmphex(r->regs[1], ==, 0x30008);
    g_assert_cmphex(r->regs[6], ==, 0x18000 + 0x24 * 8);
    g_assert_cmphex((uint32_t)r->regs[7] >> 28, ==, 2);
    g_assert_cmphex(r->regs[8], ==, 0x14010);
    g_assert_cmpuint(cc_of(cpu), ==, 1);
    uvcpu_free(cpu);
}

/* Low-address protection covers bytes 0-511 (and 4096-4607) only. */
static void test_low_address_protection(void)
{
    static const uint8_t code[] = {
        0x92, 0x01, 0x02, 0x00,                              /* mvi 0x200,1 */
        0x92, 0x01, 0x01, 0xff,                              /* mvi 0x1ff,1 */
    };
    UvCpu *cpu = sys_cpu(code, sizeof(code), false);
    UvCpuExit e;

    uvcpu_regs(cpu)->cregs[0] = 0x10000000;
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_PROGRAM);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_PROTECTION);
    g_assert_cmphex(e.teid, ==, 0x400);
    g_assert_cmphex(uvcpu_regs(cpu)->psw_addr, ==, CODE + 8);
    g_assert_cmphex(mem[0x200], ==, 1);
    g_assert_cmphex(mem[0x1ff], ==, 0);
    uvcpu_free(cpu);
}

/* SPX swaps real pages 0-1 with the prefix area; STPX reads it back. */
static void test_prefix(void)
{
    static const uint8_t code[] = {
        0xb2, 0x10, 0x06, 0x00,                              /* spx 0x600 */
        0x92, 0xaa, 0x00, 0x10,                              /* mvi 0x10,0xaa */
        0x92, 0xbb, 0x60, 0x00,                              /* mvi 0(%r6),0xbb */
        0xb2, 0x11, 0x00, 0x20,                              /* stpx 0x20 */
        0x0a, 0x00,                                          /* svc 0 */
    };
    UvCpu *cpu = sys_cpu(code, sizeof(code), false);
    UvCpuExit e;

    st_be(0x600, 0x8000, 4);
    uvcpu_regs(cpu)->regs[6] = 0x9010;
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmphex(uvcpu_regs(cpu)->prefix, ==, 0x8000);
    g_assert_cmphex(mem[0x8010], ==, 0xaa);
    g_assert_cmphex(mem[0x1010], ==, 0xbb);
    g_assert_cmphex(mem[0x10], ==, 0);
    g_assert_cmphex(ld_be(0x8020, 4), ==, 0x8000);
    uvcpu_free(cpu);
}

/* A program interruption with DAT off: old PSW past the instruction. */
static void test_program_delivery(void)
{
    static const uint8_t code[] = { 0x00, 0x00 };            /* invalid */
    UvCpu *cpu = sys_cpu(code, sizeof(code), true);
    UvCpuExit e;

    set_psw_at(0x1d0, UVCPU_PSW_MASK_WAIT | PSW_64, 0x7000);
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_DISABLED_WAIT);
    g_assert_cmphex(ld_be(0x8c, 2), ==, 2);
    g_assert_cmphex(ld_be(0x8e, 2), ==, UVCPU_PGM_OPERATION);
    g_assert_cmphex(ld_be(0x150, 8), ==, PSW_64);
    g_assert_cmphex(ld_be(0x158, 8), ==, CODE + 2);
    uvcpu_free(cpu);

    /* An invalid program-new PSW is a loop: it comes back as an exit. */
    cpu = sys_cpu(code, sizeof(code), true);
    set_psw_at(0x1d0, UVCPU_PSW_MASK_EA, 0x7000);
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_PROGRAM);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_SPECIFICATION);
    uvcpu_free(cpu);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/uvcpu-dat/walk-page-fault", test_walk_and_page_fault);
    g_test_add_func("/uvcpu-dat/dat-protection", test_dat_protection);
    g_test_add_func("/uvcpu-dat/segment-large", test_segment_and_large);
    g_test_add_func("/uvcpu-dat/lra", test_lra);
    g_test_add_func("/uvcpu-dat/low-address-protection",
                    test_low_address_protection);
    g_test_add_func("/uvcpu-dat/prefix", test_prefix);
    g_test_add_func("/uvcpu-dat/program-delivery", test_program_delivery);
    return g_test_run();
}
