/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-uvcpu-page.c - uvsim's CPU on whole pages and frames: MOVE PAGE
 * (its key controls, condition-code option and operand-access id),
 * PERFORM FRAME MANAGEMENT FUNCTION, TEST PROTECTION under low-address
 * protection and the data-exception code word of a delivered trap, as
 * kvm-unit-tests' mvpg, pfmf, tprot and emulator check them.  Every
 * expected value is worked out from the Principles of Operation.
 */
#include "uvcpu-harness.h"

#define SVC0 0x0a, 0x00
#define CR0_LAP  0x10000000ULL     /* bit 35 */
#define CR0_AFP  0x40000ULL        /* bit 45 */
#define PSW_DAT (UVCPU_PSW_MASK_DAT | PSW_64)

/* MVPG %r4,%r6 then SVC 0. */
static const uint8_t mvpg_code[] = { 0xb2, 0x54, 0x00, 0x46, SVC0 };

static UvCpu *mvpg_cpu(uint64_t r0)
{
    UvCpu *cpu = sys_cpu(mvpg_code, sizeof(mvpg_code), false);
    unsigned i;

    for (i = 0; i < 4096; i++) {
        mem[0x40000 + i] = i * 7;
    }
    uvcpu_regs(cpu)->regs[0] = r0;
    uvcpu_regs(cpu)->regs[4] = 0x50123;      /* low 12 bits ignored */
    uvcpu_regs(cpu)->regs[6] = 0x40fff;
    return cpu;
}

static UvCpuExit run_pgm(UvCpu *cpu, uint16_t code)
{
    UvCpuExit e = uvcpu_run(cpu, 10);

    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_PROGRAM);
    g_assert_cmphex(e.pgm_code, ==, code);
    return e;
}

/* MVPG copies the 4 KiB blocks, CC 0; key-function codes 3-31 are invalid. */
static void test_mvpg_move(void)
{
    static const uint64_t bad_r0[] = { 0xc00, 0x1000, 0x7c00, 0x8000 };
    UvCpu *cpu = mvpg_cpu(0xffffffffffff02ffULL);   /* only reserved 48-51 off */
    unsigned i;

    g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmpuint(cc_of(cpu), ==, 0);
    g_assert_cmpmem(mem + 0x50000, 4096, mem + 0x40000, 4096);
    g_assert_cmphex(mem[0x50fff], ==, (uint8_t)(4095 * 7));
    uvcpu_free(cpu);

    for (i = 0; i < G_N_ELEMENTS(bad_r0); i++) {
        cpu = mvpg_cpu(bad_r0[i]);
        run_pgm(cpu, UVCPU_PGM_SPECIFICATION);
        g_assert_cmphex(mem[0x50001], ==, 0);
        uvcpu_free(cpu);
    }

    /* Outside storage: addressing, for either operand. */
    cpu = mvpg_cpu(0);
    uvcpu_regs(cpu)->regs[6] = MEM_SIZE;
    run_pgm(cpu, UVCPU_PGM_ADDRESSING);
    uvcpu_free(cpu);
    cpu = mvpg_cpu(0);
    uvcpu_regs(cpu)->regs[4] = 0xfffffffffffff000ULL;
    run_pgm(cpu, UVCPU_PGM_ADDRESSING);
    uvcpu_free(cpu);
}

/*
 * Key controls: with bit 52 the first operand is stored with R0's key
 * (bits 56-59), with bit 53 the second is fetched with it; the other
 * operand keeps the PSW key.  In the problem state R0's key must be in
 * the PSW-key mask.
 */
static void test_mvpg_keys(void)
{
    UvCpu *cpu = mvpg_cpu(0x800 | 0x30);

    skeys[0x50] = 0x30;                      /* destination key 3 */
    skeys[0x40] = 0x58;                      /* source key 5, fetch-protected */
    uvcpu_regs(cpu)->psw_mask |= 5ULL << 52;  /* PSW key 5 */
    g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmphex(mem[0x50001], ==, 7);
    g_assert_cmphex(skeys[0x50], ==, 0x36);  /* reference and change set */
    uvcpu_free(cpu);

    /* Destination key 3 against R0's key 4: protection, nothing stored. */
    cpu = mvpg_cpu(0x800 | 0x40);
    skeys[0x50] = 0x30;
    run_pgm(cpu, UVCPU_PGM_PROTECTION);
    g_assert_cmphex(mem[0x50001], ==, 0);
    uvcpu_free(cpu);

    /* Source fetch-protected with key 5; R0's key 5 fetches, the PSW key 0 stores. */
    cpu = mvpg_cpu(0x400 | 0x50);
    skeys[0x40] = 0x58;
    skeys[0x50] = 0x30;
    g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmphex(mem[0x50001], ==, 7);
    uvcpu_free(cpu);

    /* Problem state: key 5 needs PSW-key-mask bit 5 (CR3 bit 37). */
    cpu = mvpg_cpu(0x400 | 0x50);
    uvcpu_regs(cpu)->psw_mask |= UVCPU_PSW_MASK_PSTATE;
    uvcpu_regs(cpu)->cregs[3] = 0x80000000ULL;   /* key 0 only */
    run_pgm(cpu, UVCPU_PGM_PRIVILEGED);
    uvcpu_free(cpu);
    cpu = mvpg_cpu(0x400 | 0x50);
    uvcpu_regs(cpu)->psw_mask |= UVCPU_PSW_MASK_PSTATE;
    uvcpu_regs(cpu)->cregs[3] = 0x04000000ULL;   /* key 5 */
    g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmphex(mem[0x50001], ==, 7);
    uvcpu_free(cpu);
}

/*
 * Tables for MVPG with DAT: a segment table at 0x10000 (ASCE DT 00,
 * TL 3) whose entry 0 points to the page table at 0x11000.  Pages map to
 * themselves except 0x60000 (invalid) and 0x61000 (DAT-protected).
 */
static UvCpu *mvpg_dat_cpu(uint64_t r0, uint64_t dst, uint64_t src)
{
    UvCpu *cpu = mvpg_cpu(r0);
    uint64_t page;

    st_be(0x10000, 0x11000, 8);
    for (page = 0; page < 0x100000; page += 0x1000) {
        st_be(0x11000 + (page >> 12) * 8, page, 8);
    }
    st_be(0x11000 + 0x60 * 8, 0x400, 8);
    st_be(0x11000 + 0x61 * 8, 0x61000 | 0x200, 8);
    uvcpu_regs(cpu)->psw_mask = PSW_DAT;
    uvcpu_regs(cpu)->cregs[1] = 0x10003;
    uvcpu_regs(cpu)->regs[4] = dst;
    uvcpu_regs(cpu)->regs[6] = src;
    return cpu;
}

/* Page-translation exceptions: CC 2 / 1 with the CCO, else R1R2 at 0xA2. */
static void test_mvpg_cco(void)
{
    UvCpu *cpu;
    UvCpuExit e;

    cpu = mvpg_dat_cpu(0x100, 0x50000, 0x60000);
    g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmpuint(cc_of(cpu), ==, 2);
    uvcpu_free(cpu);
    cpu = mvpg_dat_cpu(0x100, 0x60000, 0x40000);
    g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmpuint(cc_of(cpu), ==, 1);
    uvcpu_free(cpu);
    cpu = mvpg_dat_cpu(0x100, 0x60000, 0x60000);     /* both: the source's */
    g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmpuint(cc_of(cpu), ==, 2);
    uvcpu_free(cpu);

    /* The CCO does not cover DAT protection. */
    cpu = mvpg_dat_cpu(0x100, 0x61000, 0x40000);
    e = run_pgm(cpu, UVCPU_PGM_PROTECTION);
    g_assert_cmphex(e.teid, ==, 0x61000 | 0x400 | 0x4);
    uvcpu_free(cpu);

    /* Without it: a page-translation exception, delivered with the OAI. */
    cpu = mvpg_dat_cpu(0, 0x50000, 0x60000);
    uvcpu_set_delivery(cpu, true);
    set_psw_at(0x1d0, UVCPU_PSW_MASK_WAIT | PSW_64, 0x7000);
    mem[0xa2] = 0xee;
    g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==, UVCPU_EXIT_DISABLED_WAIT);
    g_assert_cmphex(ld_be(0x8c, 4), ==, 0x00040011);
    g_assert_cmphex(mem[0xa2], ==, 0x46);
    g_assert_cmphex(ld_be(0xa8, 8), ==, 0x60000 | 0x800);
    g_assert_cmphex(ld_be(0x158, 8), ==, CODE);        /* nullified */
    uvcpu_free(cpu);

    /* Other page-translation exceptions leave 0xA2 alone. */
    {
        static const uint8_t lg[] = {
            0xe3, 0x10, 0x60, 0x00, 0x00, 0x04,          /* lg %r1,0(%r6) */
        };
        cpu = mvpg_dat_cpu(0, 0x50000, 0x60000);
        memcpy(mem + CODE, lg, sizeof(lg));
        uvcpu_set_delivery(cpu, true);
        set_psw_at(0x1d0, UVCPU_PSW_MASK_WAIT | PSW_64, 0x7000);
        mem[0xa2] = 0xee;
        g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==,
                        UVCPU_EXIT_DISABLED_WAIT);
        g_assert_cmphex(ld_be(0x8e, 2), ==, 0x11);
        g_assert_cmphex(mem[0xa2], ==, 0xee);
        uvcpu_free(cpu);
    }
}

/* PFMF %r1,%r2 then SVC 0. */
static const uint8_t pfmf_code[] = { 0xb9, 0xaf, 0x00, 0x12, SVC0 };

static UvCpu *pfmf_cpu(uint64_t r1, uint64_t r2)
{
    UvCpu *cpu = sys_cpu(pfmf_code, sizeof(pfmf_code), false);

    uvcpu_regs(cpu)->regs[1] = r1;
    uvcpu_regs(cpu)->regs[2] = r2;
    return cpu;
}

/* 4 KiB: set key (R1 bits 56-62), clear frame; R2 unchanged. */
static void test_pfmf_4k(void)
{
    UvCpu *cpu = pfmf_cpu(0xffffffff00030000ULL | 0x3e, 0x41234);

    memset(mem + 0x40000, 0x2a, 0x3000);
    g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmphex(skeys[0x41], ==, 0x3e);
    g_assert_cmphex(skeys[0x40], ==, 0);
    g_assert_cmphex(skeys[0x42], ==, 0);
    g_assert_cmphex(mem[0x40fff], ==, 0x2a);
    g_assert_cmphex(mem[0x41000], ==, 0);
    g_assert_cmphex(mem[0x41fff], ==, 0);
    g_assert_cmphex(mem[0x42000], ==, 0x2a);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[2], ==, 0x41234);
    uvcpu_free(cpu);

    /* A 4 KiB frame is a real address: real 0 is the prefix area. */
    cpu = pfmf_cpu(0x00020000 | 0x10, 0);
    uvcpu_regs(cpu)->prefix = 0x8000;
    g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmphex(skeys[8], ==, 0x10);
    g_assert_cmphex(skeys[0], ==, 0);
    uvcpu_free(cpu);
}

/* 1 MiB: from R2's block to the end of the frame; R2 at the next frame. */
static void test_pfmf_1m(void)
{
    UvCpu *cpu = pfmf_cpu(0x00031000 | 0x30, 0x3e000);
    unsigned i;

    memset(mem, 0x2a, 0x40000);
    memcpy(mem + CODE, pfmf_code, sizeof(pfmf_code));
    g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[2], ==, 0x100000);
    g_assert_cmphex(skeys[0x3d], ==, 0);
    for (i = 0x3e; i < 0x100; i++) {
        g_assert_cmphex(skeys[i], ==, 0x30);
    }
    g_assert_cmphex(mem[0x3dfff], ==, 0x2a);
    g_assert_cmphex(mem[0x3e000], ==, 0);
    g_assert_cmphex(mem[0x3ffff], ==, 0);
    uvcpu_free(cpu);

    /* In the 31-bit mode only bits 32-63 of R2 change. */
    cpu = pfmf_cpu(0x00021000, 0xaaaaaaaa000ff000ULL);
    uvcpu_regs(cpu)->psw_mask = UVCPU_PSW_MASK_BA;
    g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[2], ==, 0xaaaaaaaa00100000ULL);
    uvcpu_free(cpu);
}

/* The exceptions of PFMF. */
static void test_pfmf_exceptions(void)
{
    static const uint64_t bad_r1[] = {
        0x00040000, 0x80000000, 0x100, 0x1, 0x800, 0x3000, 0x7000,
    };
    UvCpu *cpu;
    unsigned i;

    for (i = 0; i < G_N_ELEMENTS(bad_r1); i++) {
        cpu = pfmf_cpu(bad_r1[i] | 0x20000, 0x40000);
        run_pgm(cpu, UVCPU_PGM_SPECIFICATION);
        g_assert_cmphex(skeys[0x40], ==, 0);
        uvcpu_free(cpu);
    }
    /* 2 GiB frames: not in the 24-bit mode; beyond storage: addressing. */
    cpu = pfmf_cpu(0x22000, 0x40000);
    uvcpu_regs(cpu)->psw_mask = 0;
    run_pgm(cpu, UVCPU_PGM_SPECIFICATION);
    uvcpu_free(cpu);
    cpu = pfmf_cpu(0x22000 | 0x60, 0xff000);
    run_pgm(cpu, UVCPU_PGM_ADDRESSING);
    g_assert_cmphex(skeys[0xff], ==, 0x60);  /* completed up to there */
    uvcpu_free(cpu);

    /* Clearing under low-address protection; setting a key is allowed. */
    cpu = pfmf_cpu(0x10000, 0x1000);
    uvcpu_regs(cpu)->cregs[0] = CR0_LAP;
    run_pgm(cpu, UVCPU_PGM_PROTECTION);
    uvcpu_free(cpu);
    cpu = pfmf_cpu(0x20000 | 0x10, 0x1000);
    uvcpu_regs(cpu)->cregs[0] = CR0_LAP;
    g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmphex(skeys[1], ==, 0x10);
    uvcpu_free(cpu);

    /* Privileged, and EDAT-1's (facility 8). */
    cpu = pfmf_cpu(0x20000, 0x40000);
    uvcpu_regs(cpu)->psw_mask |= UVCPU_PSW_MASK_PSTATE;
    run_pgm(cpu, UVCPU_PGM_PRIVILEGED);
    uvcpu_free(cpu);
    cpu = pfmf_cpu(0x20000, 0x40000);
    uvcpu_set_facility(cpu, 8, false);
    run_pgm(cpu, UVCPU_PGM_OPERATION);
    uvcpu_free(cpu);
}

/* TPROT 0: CC 1 under low-address protection (stores refused), else 0. */
static void test_tprot_low_address(void)
{
    static const uint8_t code[] = {
        0xe5, 0x01, 0x00, 0x00, 0x00, 0x00,              /* tprot 0,0 */
        0xb2, 0x22, 0x00, 0x10,                          /* ipm %r1 */
        0xe5, 0x01, 0x02, 0x00, 0x00, 0x00,              /* tprot 0x200,0 */
        0xb2, 0x22, 0x00, 0x20,                          /* ipm %r2 */
        SVC0,
    };
    UvCpu *cpu = sys_cpu(code, sizeof(code), false);

    uvcpu_regs(cpu)->cregs[0] = CR0_LAP;
    g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[1] >> 28 & 3, ==, 1);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[2] >> 28 & 3, ==, 0);
    uvcpu_free(cpu);

    cpu = sys_cpu(code, sizeof(code), false);
    g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[1] >> 28 & 3, ==, 0);
    uvcpu_free(cpu);
}

/*
 * TPROT with access key 3 on a fetch-protected frame of key 5 at 0 and one
 * of key 9 at 0x40000: CC 2 both; fetch-protection override (CR0 bit 38)
 * allows fetches from 0-2047 (CC 1), storage-protection override (bit 39)
 * opens key 9 (CC 0).  kvm-unit-tests' skey checks both.
 */
static void test_tprot_overrides(void)
{
    static const uint8_t code[] = {
        0xe5, 0x01, 0x01, 0x00, 0x00, 0x30,              /* tprot 0x100,0x30 */
        0xb2, 0x22, 0x00, 0x10,                          /* ipm %r1 */
        0xe5, 0x01, 0x40, 0x00, 0x00, 0x30,              /* tprot 0(%r4),0x30 */
        0xb2, 0x22, 0x00, 0x20,                          /* ipm %r2 */
        0xe5, 0x01, 0x09, 0x00, 0x00, 0x30,              /* tprot 0x900,0x30 */
        0xb2, 0x22, 0x00, 0x30,                          /* ipm %r3 */
        SVC0,
    };
    static const struct {
        uint64_t cr0;
        unsigned cc_low, cc_key9, cc_high;
    } cases[] = {
        { 0, 2, 2, 2 },
        { 1ULL << (63 - 38), 1, 2, 2 },       /* only 0-2047: not 0x900 */
        { 1ULL << (63 - 39), 2, 0, 2 },
    };
    unsigned i;
    UvCpu *cpu;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        cpu = sys_cpu(code, sizeof(code), false);
        skeys[0] = 0x58;
        skeys[0x40] = 0x98;
        uvcpu_regs(cpu)->regs[4] = 0x40000;
        uvcpu_regs(cpu)->cregs[0] = cases[i].cr0;
        g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==, UVCPU_EXIT_SVC);
        g_assert_cmphex(uvcpu_regs(cpu)->regs[1] >> 28 & 3, ==, cases[i].cc_low);
        g_assert_cmphex(uvcpu_regs(cpu)->regs[2] >> 28 & 3, ==, cases[i].cc_key9);
        g_assert_cmphex(uvcpu_regs(cpu)->regs[3] >> 28 & 3, ==, cases[i].cc_high);
        skeys[0] = 0;
        skeys[0x40] = 0;
        uvcpu_free(cpu);
    }
}

/*
 * A delivered data exception stores the DXC as a word at 0x90 (zeros in
 * 0x90-0x92), AFP or not; the FPC gets it only with AFP (CR0 bit 45).
 */
static void test_dxc_word(void)
{
    static const uint8_t code[] = {
        0xb9, 0x60, 0x80, 0x00,                          /* crt %r0,%r0,8 */
    };
    unsigned afp;
    UvCpu *cpu;

    for (afp = 0; afp < 2; afp++) {
        cpu = sys_cpu(code, sizeof(code), true);
        uvcpu_regs(cpu)->cregs[0] = afp ? CR0_AFP : 0;
        set_psw_at(0x1d0, UVCPU_PSW_MASK_WAIT | PSW_64, 0x7000);
        st_be(0x90, 0x12345678, 4);
        g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==,
                        UVCPU_EXIT_DISABLED_WAIT);
        g_assert_cmphex(ld_be(0x8c, 4), ==, 0x00040007);
        g_assert_cmphex(ld_be(0x90, 4), ==, 0xff);
        g_assert_cmphex(uvcpu_regs(cpu)->fpc, ==, afp ? 0xff00 : 0);
        uvcpu_free(cpu);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/uvcpu-page/mvpg-move", test_mvpg_move);
    g_test_add_func("/uvcpu-page/mvpg-keys", test_mvpg_keys);
    g_test_add_func("/uvcpu-page/mvpg-cco", test_mvpg_cco);
    g_test_add_func("/uvcpu-page/pfmf-4k", test_pfmf_4k);
    g_test_add_func("/uvcpu-page/pfmf-1m", test_pfmf_1m);
    g_test_add_func("/uvcpu-page/pfmf-exceptions", test_pfmf_exceptions);
    g_test_add_func("/uvcpu-page/tprot-low-address", test_tprot_low_address);
    g_test_add_func("/uvcpu-page/tprot-overrides", test_tprot_overrides);
    g_test_add_func("/uvcpu-page/dxc-word", test_dxc_word);
    return g_test_run();
}
