/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-uvcpu.c - uvsim's CPU interpreter: exits, exceptions, decode-cache
 * coherence and the instruction semantics the differential oracle cannot
 * reach (supervisor state, interruptions, QEMU 7.2's known divergences).
 * Every expected value is worked out from the Principles of Operation.
 */
#include "qemu/osdep.h"
#include "cpu.h"

#define MEM_SIZE (64 * KiB)
#define CODE 0x1000

static uint8_t mem[MEM_SIZE];

static uint8_t *test_translate(void *opaque, uint64_t addr, UvCpuAccess access,
                               uint16_t *pgm_code)
{
    if (addr >= MEM_SIZE) {
        *pgm_code = UVCPU_PGM_ADDRESSING;
        return NULL;
    }
    return mem + addr;
}

static const UvCpuMemOps test_ops = { .translate = test_translate };

#define PSW_64_PROBLEM \
    (UVCPU_PSW_MASK_PSTATE | UVCPU_PSW_MASK_EA | UVCPU_PSW_MASK_BA)

/* A CPU at CODE in 64-bit problem state, with @code there. */
static UvCpu *cpu_with(const uint8_t *code, size_t len)
{
    UvCpu *cpu = uvcpu_new(&test_ops, NULL);

    memset(mem, 0, sizeof(mem));
    if (len) {
        memcpy(mem + CODE, code, len);      /* code may be NULL */
    }
    uvcpu_regs(cpu)->psw_mask = PSW_64_PROBLEM;
    uvcpu_regs(cpu)->psw_addr = CODE;
    return cpu;
}

static unsigned cc_of(UvCpu *cpu)
{
    return (uvcpu_regs(cpu)->psw_mask & UVCPU_PSW_MASK_CC) >> UVCPU_PSW_SHIFT_CC;
}

static void test_svc_exit(void)
{
    static const uint8_t code[] = { 0x0a, 0x4d };          /* svc 77 */
    UvCpu *cpu = cpu_with(code, sizeof(code));
    UvCpuExit e = uvcpu_run(cpu, 100);

    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmpuint(e.svc, ==, 77);
    g_assert_cmpuint(e.ilc, ==, 2);
    g_assert_cmphex(uvcpu_regs(cpu)->psw_addr, ==, CODE + 2);
    g_assert_cmpuint(uvcpu_icount(cpu), ==, 1);
    uvcpu_free(cpu);
}

/* EX of an SVC: the number is ORed from R3, the ILC is EXECUTE's. */
static void test_execute_svc(void)
{
    static const uint8_t code[] = {
        0x44, 0x30, 0x40, 0x00,                            /* ex %r3,0(%r4) */
    };
    UvCpu *cpu = cpu_with(code, sizeof(code));
    UvCpuExit e;

    mem[0x2000] = 0x0a;                                    /* svc 0x40 */
    mem[0x2001] = 0x40;
    uvcpu_regs(cpu)->regs[3] = 0xff05;
    uvcpu_regs(cpu)->regs[4] = 0x2000;
    e = uvcpu_run(cpu, 100);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmpuint(e.svc, ==, 0x45);
    g_assert_cmpuint(e.ilc, ==, 4);
    g_assert_cmphex(uvcpu_regs(cpu)->psw_addr, ==, CODE + 4);
    uvcpu_free(cpu);
}

/* SERVC exits with ipa/ipb in supervisor state, is privileged in problem state. */
static void test_intercept_and_privileged(void)
{
    static const uint8_t code[] = { 0xb2, 0x20, 0x00, 0x12 };  /* servc %r1,%r2 */
    UvCpu *cpu = cpu_with(code, sizeof(code));
    UvCpuExit e = uvcpu_run(cpu, 100);

    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_PROGRAM);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_PRIVILEGED);
    g_assert_cmpuint(e.ilc, ==, 4);
    g_assert_cmphex(uvcpu_regs(cpu)->psw_addr, ==, CODE + 4);

    uvcpu_regs(cpu)->psw_mask = UVCPU_PSW_MASK_EA | UVCPU_PSW_MASK_BA;
    uvcpu_regs(cpu)->psw_addr = CODE;
    e = uvcpu_run(cpu, 100);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_INTERCEPT);
    g_assert_cmphex(e.ipa, ==, 0xb220);
    g_assert_cmphex(e.ipb, ==, 0x00120000);
    g_assert_cmphex(uvcpu_regs(cpu)->psw_addr, ==, CODE + 4);
    uvcpu_free(cpu);
}

static void test_operation_exception(void)
{
    static const uint8_t code[] = { 0x00, 0x00, 0x00, 0x00 };
    static const uint8_t locr[] = { 0xb9, 0xf2, 0x80, 0x12 };  /* locre %r1,%r2 */
    UvCpu *cpu = cpu_with(code, sizeof(code));
    UvCpuExit e = uvcpu_run(cpu, 100);

    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_PROGRAM);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_OPERATION);
    g_assert_cmpuint(e.ilc, ==, 2);
    uvcpu_free(cpu);

    /* An instruction of a facility that is off does not exist. */
    cpu = cpu_with(locr, sizeof(locr));
    uvcpu_set_facility(cpu, 45, false);
    g_assert_false(uvcpu_has_facility(cpu, 45));
    e = uvcpu_run(cpu, 1);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_OPERATION);
    g_assert_cmpuint(e.ilc, ==, 4);
    uvcpu_free(cpu);
}

/* AHI overflow: result stored, CC 3, and PGM 8 only with the mask bit. */
static void test_fixed_point_overflow(void)
{
    static const uint8_t code[] = { 0xa7, 0x1a, 0x00, 0x01, 0x0a, 0x00 };
    UvCpu *cpu = cpu_with(code, sizeof(code));
    UvCpuExit e;

    uvcpu_regs(cpu)->regs[1] = 0xaaaaaaaa7fffffffULL;
    e = uvcpu_run(cpu, 100);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[1], ==, 0xaaaaaaaa80000000ULL);
    g_assert_cmpuint(cc_of(cpu), ==, 3);

    uvcpu_regs(cpu)->regs[1] = 0x7fffffff;
    uvcpu_regs(cpu)->psw_addr = CODE;
    uvcpu_regs(cpu)->psw_mask |= UVCPU_PSW_MASK_FPO;
    e = uvcpu_run(cpu, 100);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_PROGRAM);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_FIXPT_OVERFLOW);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[1], ==, 0x80000000);
    g_assert_cmphex(uvcpu_regs(cpu)->psw_addr, ==, CODE + 4);
    g_assert_cmpuint(cc_of(cpu), ==, 3);
    uvcpu_free(cpu);
}

/* DR: divide by zero and quotient overflow raise PGM 9; odd R1 is PGM 6. */
static void test_divide_exceptions(void)
{
    static const uint8_t dr[] = { 0x1d, 0x24 };            /* dr %r2,%r4 */
    static const uint8_t dr_odd[] = { 0x1d, 0x34 };        /* dr %r3,%r4 */
    UvCpu *cpu = cpu_with(dr, sizeof(dr));
    S390Regs *r = uvcpu_regs(cpu);
    UvCpuExit e;

    r->regs[2] = 0;
    r->regs[3] = 100;
    r->regs[4] = 7;
    e = uvcpu_run(cpu, 1);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_BUDGET);
    g_assert_cmpuint(r->regs[2], ==, 2);                   /* remainder */
    g_assert_cmpuint(r->regs[3], ==, 14);                  /* quotient */

    r->psw_addr = CODE;
    r->regs[4] = 0;
    e = uvcpu_run(cpu, 1);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_FIXPT_DIVIDE);

    r->psw_addr = CODE;
    r->regs[2] = 1;                                        /* 2^32 + 14 */
    r->regs[4] = 1;
    e = uvcpu_run(cpu, 1);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_FIXPT_DIVIDE);
    uvcpu_free(cpu);

    cpu = cpu_with(dr_odd, sizeof(dr_odd));
    e = uvcpu_run(cpu, 1);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_SPECIFICATION);
    uvcpu_free(cpu);
}

/*
 * Self-modifying code: MVI rewrites the LGHI that follows it (already
 * decoded on the first pass), so the second pass must run the new one.
 */
static void test_self_modifying_code(void)
{
    static const uint8_t code[] = {
        0xa7, 0x19, 0x00, 0x05,                /* 1000: lghi %r1,5 */
        0x92, 0x07, 0x50, 0x03,                /* 1004: mvi 3(%r5),7 */
        0x0a, 0x00,                            /* 1008: svc 0 */
    };
    UvCpu *cpu = cpu_with(code, sizeof(code));
    S390Regs *r = uvcpu_regs(cpu);
    UvCpuExit e;

    r->regs[5] = CODE;
    e = uvcpu_run(cpu, 100);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmpuint(r->regs[1], ==, 5);
    g_assert_cmpuint(mem[CODE + 3], ==, 7);
    r->psw_addr = CODE;
    e = uvcpu_run(cpu, 100);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmpuint(r->regs[1], ==, 7);

    /* A write from outside is announced with uvcpu_invalidate_code(). */
    mem[CODE + 3] = 9;
    uvcpu_invalidate_code(cpu, mem + CODE, 4);
    r->psw_addr = CODE;
    r->regs[5] = 0x3000;                       /* the MVI now hits data */
    uvcpu_run(cpu, 100);
    g_assert_cmpuint(r->regs[1], ==, 9);
    uvcpu_free(cpu);
}

/*
 * A loop whose instructions are chained to each other by a first run
 * (which stores into data and is cut by the budget after exactly that
 * many instructions); in the second run STC rewrites the AGHI at the
 * loop's head on every pass, which must end the chaining.
 */
static void test_self_modifying_chained_loop(void)
{
    static const uint8_t code[] = {
        0xa7, 0x2b, 0x00, 0x01,                /* 1000: aghi %r2,1 */
        0x42, 0x30, 0x50, 0x03,                /* 1004: stc %r3,3(%r5) */
        0xa7, 0x3b, 0x00, 0x01,                /* 1008: aghi %r3,1 */
        0xa7, 0x46, 0xff, 0xfa,                /* 100c: brct %r4,1000 */
        0x0a, 0x00,                            /* 1010: svc 0 */
    };
    UvCpu *cpu = cpu_with(code, sizeof(code));
    S390Regs *r = uvcpu_regs(cpu);
    UvCpuExit e;

    r->regs[3] = 1;
    r->regs[4] = 5;
    r->regs[5] = 0x3000;
    e = uvcpu_run(cpu, 7);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_BUDGET);
    g_assert_cmpuint(uvcpu_icount(cpu), ==, 7);
    g_assert_cmphex(r->psw_addr, ==, CODE + 0xc);
    e = uvcpu_run(cpu, 100);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmpuint(r->regs[2], ==, 5);
    g_assert_cmpuint(uvcpu_icount(cpu), ==, 21);

    r->psw_addr = CODE;
    r->regs[2] = 0;
    r->regs[3] = 1;
    r->regs[4] = 5;
    r->regs[5] = CODE;
    e = uvcpu_run(cpu, 100);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_SVC);
    /* The AGHI added 1, 1, 2, 3, 4: each pass sees the previous store. */
    g_assert_cmpuint(r->regs[2], ==, 11);
    g_assert_cmpuint(r->regs[3], ==, 6);
    uvcpu_free(cpu);
}

/*
 * The run loop executes AGHI, BRCT and LG itself; when one of them raises
 * an exception inside a chain, the exit is the handler's, exact.
 */
static void test_fast_path_exceptions(void)
{
    static const uint8_t add_loop[] = {
        0xa7, 0x2b, 0x40, 0x00,                /* 1000: aghi %r2,0x4000 */
        0xa7, 0x46, 0xff, 0xfe,                /* 1004: brct %r4,1000 */
        0x0a, 0x00,                            /* 1008: svc 0 */
    };
    static const uint8_t load_loop[] = {
        0xe3, 0x10, 0x50, 0x00, 0x00, 0x04,    /* 1000: lg %r1,0(%r5) */
        0xa7, 0x5b, 0x40, 0x00,                /* 1006: aghi %r5,0x4000 */
        0xa7, 0x46, 0xff, 0xfb,                /* 100a: brct %r4,1000 */
        0x0a, 0x00,                            /* 100e: svc 0 */
    };
    UvCpu *cpu = cpu_with(add_loop, sizeof(add_loop));
    S390Regs *r = uvcpu_regs(cpu);
    UvCpuExit e;

    /* The third AGHI overflows: stored, CC 3, PGM 8 past it. */
    r->psw_mask |= UVCPU_PSW_MASK_FPO;
    r->regs[2] = 0x7fffffffffff4000ULL;
    r->regs[4] = 10;
    e = uvcpu_run(cpu, 100);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_PROGRAM);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_FIXPT_OVERFLOW);
    g_assert_cmpuint(e.ilc, ==, 4);
    g_assert_cmphex(r->regs[2], ==, 0x8000000000000000ULL);
    g_assert_cmpuint(r->regs[4], ==, 8);
    g_assert_cmphex(r->psw_addr, ==, CODE + 4);
    g_assert_cmpuint(cc_of(cpu), ==, 3);
    g_assert_cmpuint(uvcpu_icount(cpu), ==, 5);
    uvcpu_free(cpu);

    /* The fifth LG reads 0x12000, beyond the memory: PGM 5 past it. */
    cpu = cpu_with(load_loop, sizeof(load_loop));
    r = uvcpu_regs(cpu);
    mem[0xe007] = 0x42;
    r->regs[4] = 100;
    r->regs[5] = 0x2000;
    e = uvcpu_run(cpu, 100);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_PROGRAM);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_ADDRESSING);
    g_assert_cmpuint(e.ilc, ==, 6);
    g_assert_cmphex(r->regs[1], ==, 0x42);
    g_assert_cmphex(r->regs[5], ==, 0x12000);
    g_assert_cmphex(r->psw_addr, ==, CODE + 6);
    g_assert_cmpuint(uvcpu_icount(cpu), ==, 13);
    uvcpu_free(cpu);
}

/* An instruction across a page boundary is fetched from both pages. */
static void test_page_crossing_instruction(void)
{
    UvCpu *cpu = cpu_with(NULL, 0);
    S390Regs *r = uvcpu_regs(cpu);
    static const uint8_t lgfi[] = { 0xc0, 0x11, 0x12, 0x34, 0x56, 0x78 };
    UvCpuExit e;

    memcpy(mem + 0x1ffc, lgfi, sizeof(lgfi));  /* lgfi %r1,0x12345678 */
    mem[0x2002] = 0x0a;                        /* svc 1 */
    mem[0x2003] = 0x01;
    r->psw_addr = 0x1ffc;
    e = uvcpu_run(cpu, 100);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmphex(r->regs[1], ==, 0x12345678);
    mem[0x2001] = 0x79;                        /* changes without a notice */
    r->psw_addr = 0x1ffc;
    uvcpu_run(cpu, 100);
    g_assert_cmphex(r->regs[1], ==, 0x12345679);
    uvcpu_free(cpu);
}

/* The budget ends the run between instructions; the next run continues. */
static void test_budget(void)
{
    static const uint8_t code[] = { 0xa7, 0x1b, 0x00, 0x01,    /* aghi %r1,1 */
                                    0xa7, 0xf4, 0xff, 0xfe };  /* j .-4 */
    UvCpu *cpu = cpu_with(code, sizeof(code));
    UvCpuExit e = uvcpu_run(cpu, 1001);

    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_BUDGET);
    g_assert_cmpuint(uvcpu_regs(cpu)->regs[1], ==, 501);
    g_assert_cmphex(uvcpu_regs(cpu)->psw_addr, ==, CODE + 4);
    uvcpu_run(cpu, 1);
    g_assert_cmphex(uvcpu_regs(cpu)->psw_addr, ==, CODE);
    uvcpu_free(cpu);
}

/*
 * RNSBG/ROSBG with the test-only bit: R1 unchanged, CC from R1 op the
 * rotated R2 in the selected bits.  (QEMU 7.2 computes these from an
 * uninitialised value; the oracle leaves the form out.)
 */
static void test_rsbg_test_only(void)
{
    static const uint8_t code[] = {
        0xec, 0x12, 0xbc, 0x3f, 0x00, 0x54,    /* rnsbg %r1,%r2,128+60,63,0 */
        0xb2, 0x22, 0x00, 0x30,                /* ipm %r3 */
        0xec, 0x12, 0x80, 0x3f, 0x00, 0x56,    /* rosbg %r1,%r2,128+0,63,0 */
    };
    UvCpu *cpu = cpu_with(code, sizeof(code));
    S390Regs *r = uvcpu_regs(cpu);

    r->regs[1] = 0x0f;
    r->regs[2] = 0xf0;                         /* bits 60-63: 0 AND 1 */
    uvcpu_run(cpu, 2);
    g_assert_cmphex(r->regs[1], ==, 0x0f);
    g_assert_cmphex((r->regs[3] >> 28) & 3, ==, 0);
    uvcpu_run(cpu, 1);
    g_assert_cmphex(r->regs[1], ==, 0x0f);
    g_assert_cmpuint(cc_of(cpu), ==, 1);
    uvcpu_free(cpu);
}

/* 31- and 24-bit modes: BAL link information and LA's address width. */
static void test_addressing_modes(void)
{
    static const uint8_t code[] = {
        0x45, 0xe0, 0x50, 0x00,                /* bal %r14,0(%r5) */
    };
    static const uint8_t la[] = { 0x41, 0x10, 0x60, 0x00 };    /* la %r1,0(%r6) */
    UvCpu *cpu = cpu_with(code, sizeof(code));
    S390Regs *r = uvcpu_regs(cpu);

    r->regs[5] = 0x2000;
    r->regs[14] = 0xffffffff00000000ULL;
    r->psw_mask = UVCPU_PSW_MASK_PSTATE | UVCPU_PSW_MASK_BA |
                  (2ULL << UVCPU_PSW_SHIFT_CC) | (0x5ULL << UVCPU_PSW_SHIFT_PM);
    uvcpu_run(cpu, 1);
    g_assert_cmphex(r->regs[14], ==, 0xffffffff80001004ULL);
    g_assert_cmphex(r->psw_addr, ==, 0x2000);

    r->psw_mask = UVCPU_PSW_MASK_PSTATE |
                  (2ULL << UVCPU_PSW_SHIFT_CC) | (0x5ULL << UVCPU_PSW_SHIFT_PM);
    r->psw_addr = CODE;
    uvcpu_run(cpu, 1);
    /* ILC 2 (4 bytes), CC 2, program mask 5, 24-bit address */
    g_assert_cmphex(r->regs[14], ==, 0xffffffff00000000ULL | 0xa5001004);
    uvcpu_free(cpu);

    cpu = cpu_with(la, sizeof(la));
    r = uvcpu_regs(cpu);
    r->psw_mask = UVCPU_PSW_MASK_PSTATE;
    r->regs[1] = 0x1111111122222222ULL;
    r->regs[6] = 0xfedcba9876543210ULL;
    uvcpu_run(cpu, 1);
    g_assert_cmphex(r->regs[1], ==, 0x1111111100543210ULL);
    uvcpu_free(cpu);
}

/* An access beyond storage is an addressing exception; nothing is stored. */
static void test_addressing_exception(void)
{
    static const uint8_t code[] = {
        0xe3, 0x10, 0x50, 0x00, 0x00, 0x24,    /* stg %r1,0(%r5) */
    };
    UvCpu *cpu = cpu_with(code, sizeof(code));
    S390Regs *r = uvcpu_regs(cpu);
    UvCpuExit e;

    r->regs[1] = UINT64_MAX;
    r->regs[5] = MEM_SIZE - 4;                 /* half in, half out */
    e = uvcpu_run(cpu, 1);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_ADDRESSING);
    g_assert_cmpuint(e.ilc, ==, 6);
    g_assert_cmphex(*(uint32_t *)(mem + MEM_SIZE - 4), ==, 0);
    uvcpu_free(cpu);
}

/* ---- BFP: the cases the oracle leaves out or found ---- */

#define CR0_AFP 0x0000000000040000ULL

/* Runs @n instructions of @code with the AFP registers on and @fprs. */
static UvCpu *bfp_run(const uint8_t *code, size_t len, unsigned n,
                      uint32_t fpc, const uint64_t *fprs, UvCpuExit *e)
{
    UvCpu *cpu = cpu_with(code, len);
    S390Regs *r = uvcpu_regs(cpu);
    unsigned i;

    r->cregs[0] |= CR0_AFP;
    r->fpc = fpc;
    for (i = 0; i < 16; i++) {
        r->vregs[i][0] = fprs[i];
    }
    *e = uvcpu_run(cpu, n);
    return cpu;
}

/* MDEBR and MXDBR multiply the short/long operands (QEMU 7.2 does not). */
static void test_bfp_multiply_lengthened(void)
{
    static const uint8_t code[] = {
        0xb3, 0x0c, 0x00, 0x82,            /* mdebr %f8,%f2 */
        0xb3, 0x07, 0x00, 0x04,            /* mxdbr %f0,%f4 */
    };
    uint64_t f[16] = {
        [0] = 0x4008000000000000ULL,       /* 3.0 */
        [2] = 0x4f000000c0f54ac7ULL,       /* 2^31, junk in bits 32-63 */
        [4] = 0x3ff8000000000000ULL,       /* 1.5 */
        [8] = 0x3fe0000000000000ULL,       /* short 1.75 */
    };
    UvCpuExit e;
    UvCpu *cpu = bfp_run(code, sizeof(code), 2, 0, f, &e);
    S390Regs *r = uvcpu_regs(cpu);

    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_BUDGET);
    g_assert_cmphex(r->vregs[8][0], ==, 0x41ec000000000000ULL);   /* 1.75 * 2^31 */
    g_assert_cmphex(r->vregs[0][0], ==, 0x4001200000000000ULL);   /* 4.5 */
    g_assert_cmphex(r->vregs[2][0], ==, 0);
    g_assert_cmphex(r->fpc, ==, 0);
    uvcpu_free(cpu);
}

/* LOAD AND TEST makes an SNaN quiet (QEMU 7.2 leaves it signaling). */
static void test_bfp_load_test_snan(void)
{
    static const uint8_t code[] = { 0xb3, 0x02, 0x00, 0x49 };   /* ltebr %f4,%f9 */
    uint64_t f[16] = { [9] = 0xff88ddfe8c6e6358ULL };
    UvCpuExit e;
    UvCpu *cpu = bfp_run(code, sizeof(code), 1, 0, f, &e);

    g_assert_cmphex(uvcpu_regs(cpu)->vregs[4][0], ==, 0xffc8ddfe00000000ULL);
    g_assert_cmphex(uvcpu_regs(cpu)->fpc, ==, 0x00800000);
    g_assert_cmpuint(cc_of(cpu), ==, 3);
    uvcpu_free(cpu);
}

/*
 * With the underflow mask on, an exact tiny result traps (QEMU 7.2: only
 * inexact ones): completed, the result scaled by 2^1536, DXC 0x10.
 */
static void test_bfp_exact_underflow_trap(void)
{
    static const uint8_t code[] = { 0xb3, 0x1b, 0x00, 0xe5 };   /* sdbr %f14,%f5 */
    uint64_t f[16] = { [5] = 0x000fffffffffffffULL, [14] = 1 };
    UvCpuExit e;
    UvCpu *cpu = bfp_run(code, sizeof(code), 1, 0x10000000, f, &e);
    S390Regs *r = uvcpu_regs(cpu);

    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_PROGRAM);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_DATA);
    g_assert_cmphex(e.dxc, ==, 0x10);
    g_assert_cmphex(r->fpc, ==, 0x10001000);
    g_assert_cmphex(r->vregs[14][0], ==, 0xe00ffffffffffffcULL);
    g_assert_cmpuint(cc_of(cpu), ==, 1);
    g_assert_cmphex(r->psw_addr, ==, CODE + 4);
    uvcpu_free(cpu);
}

/* Found by the oracle: out of range is invalid and inexact. */
static void test_bfp_convert_out_of_range(void)
{
    static const uint8_t code[] = { 0xb3, 0x99, 0x50, 0x12 };   /* cfdbr %r1,5,%f2 */
    uint64_t f[16] = { [2] = 0xfff0000000000000ULL };           /* -inf */
    UvCpuExit e;
    UvCpu *cpu = bfp_run(code, sizeof(code), 1, 1, f, &e);

    g_assert_cmphex(uvcpu_regs(cpu)->regs[1], ==, 0x80000000);
    g_assert_cmphex(uvcpu_regs(cpu)->fpc, ==, 0x00880001);
    g_assert_cmpuint(cc_of(cpu), ==, 3);
    uvcpu_free(cpu);

    /* A NaN is invalid only (the long run, seed 7, program 283). */
    f[2] = 0xfff0000000000123ULL;
    cpu = bfp_run(code, sizeof(code), 1, 1, f, &e);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[1], ==, 0x80000000);
    g_assert_cmphex(uvcpu_regs(cpu)->fpc, ==, 0x00800001);
    g_assert_cmpuint(cc_of(cpu), ==, 3);
    uvcpu_free(cpu);
}

/* Found by the oracle: M4's XxC suppresses inexact, not underflow. */
static void test_bfp_xxc_underflow(void)
{
    static const uint8_t code[] = { 0xb3, 0x46, 0x44, 0x04 };   /* lexbra %f0,4,%f4,4 */
    uint64_t f[16] = { [4] = 0x9a5c008000000000ULL };
    UvCpuExit e;
    UvCpu *cpu = bfp_run(code, sizeof(code), 1, 0, f, &e);

    g_assert_cmphex(uvcpu_regs(cpu)->vregs[0][0], ==, 0x8000000000000000ULL);
    g_assert_cmphex(uvcpu_regs(cpu)->fpc, ==, 0x00100000);
    uvcpu_free(cpu);
}

/* Found by the oracle: multiply and add takes R2's NaN before R3's. */
static void test_bfp_madd_nan_order(void)
{
    static const uint8_t code[] = { 0xb3, 0x0e, 0x00, 0x12 };   /* maebr %f0,%f1,%f2 */
    uint64_t f[16] = {
        0x7fc0000100000000ULL, 0x7fc0000300000000ULL, 0x7fc0000200000000ULL,
    };
    UvCpuExit e;
    UvCpu *cpu = bfp_run(code, sizeof(code), 1, 0, f, &e);

    g_assert_cmphex(uvcpu_regs(cpu)->vregs[0][0], ==, 0x7fc0000200000000ULL);
    uvcpu_free(cpu);

    /*
     * An SNaN before any QNaN: the third operand's SNaN wins over the
     * second operand's QNaN (QEMU 7.2 returns the QNaN), quieted, invalid.
     */
    f[0] = 0;
    f[1] = 0x7fa00001dcb58eb8ULL;
    f[2] = 0xfffe808000000000ULL;
    cpu = bfp_run(code, sizeof(code), 1, 7, f, &e);
    g_assert_cmphex(uvcpu_regs(cpu)->vregs[0][0], ==, 0x7fe0000100000000ULL);
    g_assert_cmphex(uvcpu_regs(cpu)->fpc, ==, 0x00800007);
    uvcpu_free(cpu);
}

/* Without the AFP-register control: DXC 2, not stored in the FPC. */
static void test_bfp_afp_off(void)
{
    static const uint8_t code[] = { 0xb3, 0x0a, 0x00, 0x02 };   /* aebr %f0,%f2 */
    UvCpu *cpu = cpu_with(code, sizeof(code));
    UvCpuExit e = uvcpu_run(cpu, 1);

    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_PROGRAM);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_DATA);
    g_assert_cmphex(e.dxc, ==, 2);
    g_assert_cmphex(uvcpu_regs(cpu)->fpc, ==, 0);
    uvcpu_free(cpu);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/uvcpu/exit/svc", test_svc_exit);
    g_test_add_func("/uvcpu/exit/execute-svc", test_execute_svc);
    g_test_add_func("/uvcpu/exit/intercept-privileged", test_intercept_and_privileged);
    g_test_add_func("/uvcpu/exit/budget", test_budget);
    g_test_add_func("/uvcpu/pgm/operation", test_operation_exception);
    g_test_add_func("/uvcpu/pgm/fixed-point-overflow", test_fixed_point_overflow);
    g_test_add_func("/uvcpu/pgm/divide", test_divide_exceptions);
    g_test_add_func("/uvcpu/pgm/addressing", test_addressing_exception);
    g_test_add_func("/uvcpu/decode/self-modifying", test_self_modifying_code);
    g_test_add_func("/uvcpu/decode/self-modifying-chained",
                    test_self_modifying_chained_loop);
    g_test_add_func("/uvcpu/decode/fast-path-exceptions",
                    test_fast_path_exceptions);
    g_test_add_func("/uvcpu/decode/page-crossing", test_page_crossing_instruction);
    g_test_add_func("/uvcpu/insn/rsbg-test-only", test_rsbg_test_only);
    g_test_add_func("/uvcpu/insn/addressing-modes", test_addressing_modes);
    g_test_add_func("/uvcpu/bfp/multiply-lengthened", test_bfp_multiply_lengthened);
    g_test_add_func("/uvcpu/bfp/load-test-snan", test_bfp_load_test_snan);
    g_test_add_func("/uvcpu/bfp/exact-underflow-trap", test_bfp_exact_underflow_trap);
    g_test_add_func("/uvcpu/bfp/convert-out-of-range", test_bfp_convert_out_of_range);
    g_test_add_func("/uvcpu/bfp/xxc-underflow", test_bfp_xxc_underflow);
    g_test_add_func("/uvcpu/bfp/madd-nan-order", test_bfp_madd_nan_order);
    g_test_add_func("/uvcpu/bfp/afp-off", test_bfp_afp_off);
    return g_test_run();
}
