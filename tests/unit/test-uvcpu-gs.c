/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-uvcpu-gs.c - uvsim's CPU and the guarded-storage facility (133):
 * LGG and LLGFSG inside and outside the guarded sections, the event
 * parameter list and the branch to the handler, LGSC/STGSC, and the
 * exceptions (special operation without CR2 bit 59, specification for
 * unaligned operands, operation without the facility).  The expected
 * values are worked out from the Principles of Operation.
 */
#include "uvcpu-harness.h"

#define SVC0      0x0a, 0x00
#define CR2_GSE   0x10ULL                 /* bit 59 */
#define OPND      0x30000                 /* the guarded load's operand */
#define EPL       0x31000                 /* event parameter list */
#define HANDLER   0x21000                 /* an SVC 0 */
#define PSW_31    UVCPU_PSW_MASK_BA

/* GSC 25 (32 MiB sections), origin 2 GiB: the area is 2-4 GiB. */
#define GSD       (0x80000000ULL | 25)
#define GSSM      0x4000000000000000ULL   /* only section 1: 2 GiB + 32 MiB */
#define IN_SECTION_1   0x82000010ULL
#define IN_SECTION_2   0x84000000ULL

/* LGG %r4,0(%r5) */
static const uint8_t lgg_code[] = { 0xe3, 0x40, 0x50, 0x00, 0x00, 0x4c, SVC0 };
/* LLGFSG %r4,0(%r5) */
static const uint8_t llgfsg_code[] = { 0xe3, 0x40, 0x50, 0x00, 0x00, 0x48, SVC0 };
/* LGSC %r0,0(%r5); STGSC %r0,0(%r6) */
static const uint8_t lgsc_stgsc_code[] = {
    0xe3, 0x00, 0x50, 0x00, 0x00, 0x4d,
    0xe3, 0x00, 0x60, 0x00, 0x00, 0x49, SVC0,
};

/*
 * A CPU about to run @code with guarded storage enabled, the GS registers
 * set to @gsd/GSSM/EPL, R4 = a marker, R5 = OPND, the handler address in
 * the parameter list and the list's other bytes 0xaa.
 */
static UvCpu *gs_cpu(const uint8_t *code, size_t len, uint64_t gsd)
{
    static const uint8_t handler[] = { SVC0 };
    UvCpu *cpu = sys_cpu(code, len, false);
    S390Regs *r = uvcpu_regs(cpu);

    /* Off in a new CPU: the hypervisor turns it on (uvsim-run.c). */
    uvcpu_set_facility(cpu, 133, true);
    memcpy(mem + HANDLER, handler, sizeof(handler));
    memset(mem + EPL, 0xaa, 48);
    st_be(EPL + 8, HANDLER, 8);
    r->cregs[2] = CR2_GSE;
    r->gscb[1] = gsd;
    r->gscb[2] = GSSM;
    r->gscb[3] = EPL;
    r->regs[4] = 0xdeadbeefdeadbeefULL;
    r->regs[5] = OPND;
    return cpu;
}

static void run_to_svc(UvCpu *cpu, uint64_t psw_addr)
{
    g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmphex(uvcpu_regs(cpu)->psw_addr, ==, psw_addr);
}

static void run_pgm(UvCpu *cpu, uint16_t code)
{
    UvCpuExit e = uvcpu_run(cpu, 10);

    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_PROGRAM);
    g_assert_cmphex(e.pgm_code, ==, code);
    g_assert_cmpuint(e.ilc, ==, 6);
}

/* LGG of a pointer outside the guarded sections is LG. */
static void test_lgg_unguarded(void)
{
    static const uint64_t values[] = {
        IN_SECTION_2,                      /* section bit off */
        0x100000000ULL | IN_SECTION_1,     /* above the area */
        0x7ffffff0ULL,                     /* below it */
    };
    unsigned i;

    for (i = 0; i < G_N_ELEMENTS(values); i++) {
        UvCpu *cpu = gs_cpu(lgg_code, sizeof(lgg_code), GSD);

        st_be(OPND, values[i], 8);
        run_to_svc(cpu, CODE + 8);
        g_assert_cmphex(uvcpu_regs(cpu)->regs[4], ==, values[i]);
        g_assert_cmphex(mem[EPL + 16], ==, 0xaa);
        uvcpu_free(cpu);
    }
}

/* A pointer into section 1: the event instead of the load. */
static void test_lgg_event(void)
{
    UvCpu *cpu = gs_cpu(lgg_code, sizeof(lgg_code), GSD);

    st_be(OPND, IN_SECTION_1, 8);
    uvcpu_regs(cpu)->psw_mask |= 2ULL << UVCPU_PSW_SHIFT_CC;
    run_to_svc(cpu, HANDLER + 2);
    g_assert_cmpuint(cc_of(cpu), ==, 2);               /* kept */
    g_assert_cmphex(uvcpu_regs(cpu)->regs[4], ==, 0xdeadbeefdeadbeefULL);
    g_assert_cmphex(mem[EPL], ==, 0xaa);               /* reserved */
    g_assert_cmphex(mem[EPL + 1], ==, 0x03);           /* E, B: 64-bit */
    g_assert_cmphex(mem[EPL + 2], ==, 0x00);           /* LGG, no TX */
    g_assert_cmphex(mem[EPL + 3], ==, 0x05);           /* T 0, AS 0, AR 5 */
    g_assert_cmphex(ld_be(EPL + 4, 4), ==, 0xaaaaaaaa);
    g_assert_cmphex(ld_be(EPL + 8, 8), ==, HANDLER);
    g_assert_cmphex(ld_be(EPL + 16, 8), ==, CODE);     /* GSEIA */
    g_assert_cmphex(ld_be(EPL + 24, 8), ==, OPND);     /* GSEOA */
    g_assert_cmphex(ld_be(EPL + 32, 8), ==, IN_SECTION_1);
    g_assert_cmphex(ld_be(EPL + 40, 8), ==, CODE);     /* GSERA */
    uvcpu_free(cpu);
}

/* As the target of EXRL, GSEIA and GSERA are the EXRL's address. */
static void test_lgg_executed(void)
{
    /* exrl %r0,.+0x100; svc 0 ... (CODE + 0x100) lgg %r4,0(%r5) */
    static const uint8_t exrl_code[] = {
        0xc6, 0x00, 0x00, 0x00, 0x00, 0x80, SVC0,
    };
    UvCpu *cpu = gs_cpu(exrl_code, sizeof(exrl_code), GSD);

    memcpy(mem + CODE + 0x100, lgg_code, 6);
    st_be(OPND, IN_SECTION_1, 8);
    run_to_svc(cpu, HANDLER + 2);
    g_assert_cmphex(ld_be(EPL + 16, 8), ==, CODE);
    g_assert_cmphex(ld_be(EPL + 40, 8), ==, CODE);
    uvcpu_free(cpu);
}

/* Without CR2 bit 59, or with an invalid GSC, nothing is guarded. */
static void test_lgg_not_enabled(void)
{
    UvCpu *cpu = gs_cpu(lgg_code, sizeof(lgg_code), GSD);

    uvcpu_regs(cpu)->cregs[2] = 0;
    st_be(OPND, IN_SECTION_1, 8);
    run_to_svc(cpu, CODE + 8);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[4], ==, IN_SECTION_1);
    uvcpu_free(cpu);

    cpu = gs_cpu(lgg_code, sizeof(lgg_code), 0x80000000ULL | 24);
    st_be(OPND, IN_SECTION_1, 8);
    run_to_svc(cpu, CODE + 8);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[4], ==, IN_SECTION_1);
    uvcpu_free(cpu);
}

/*
 * In the 31-bit mode the pointer's bits 0-32 count as zeros: with the
 * origin 0, 0xffffffff82000010 is 0x02000010, in section 1.
 */
static void test_lgg_31bit(void)
{
    UvCpu *cpu = gs_cpu(lgg_code, sizeof(lgg_code), 25);

    uvcpu_regs(cpu)->psw_mask = PSW_31;
    st_be(OPND, 0xffffffff82000010ULL, 8);
    run_to_svc(cpu, HANDLER + 2);
    g_assert_cmphex(mem[EPL + 1], ==, 0x01);           /* B only */
    g_assert_cmphex(ld_be(EPL + 32, 8), ==, 0xffffffff82000010ULL);
    g_assert_cmphex(ld_be(EPL + 16, 8), ==, CODE);
    uvcpu_free(cpu);
}

/*
 * LLGFSG: the word shifted left by the GLS (3 here) is checked; R1 gets
 * the word itself.
 */
static void test_llgfsg(void)
{
    uint64_t gsd = GSD | 3 << 8;
    UvCpu *cpu = gs_cpu(llgfsg_code, sizeof(llgfsg_code), gsd);

    st_be(OPND, IN_SECTION_2 >> 3, 4);
    run_to_svc(cpu, CODE + 8);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[4], ==, IN_SECTION_2 >> 3);
    uvcpu_free(cpu);

    cpu = gs_cpu(llgfsg_code, sizeof(llgfsg_code), gsd);
    st_be(OPND, IN_SECTION_1 >> 3, 4);
    run_to_svc(cpu, HANDLER + 2);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[4], ==, 0xdeadbeefdeadbeefULL);
    g_assert_cmphex(mem[EPL + 2], ==, 0x01);           /* IN: LLGFSG */
    g_assert_cmphex(ld_be(EPL + 32, 8), ==, IN_SECTION_1);
    g_assert_cmphex(ld_be(EPL + 24, 8), ==, OPND);
    uvcpu_free(cpu);
}

/* An event parameter list outside storage: addressing, R4 kept. */
static void test_event_list_addressing(void)
{
    UvCpu *cpu = gs_cpu(lgg_code, sizeof(lgg_code), GSD);

    uvcpu_regs(cpu)->gscb[3] = MEM_SIZE;
    st_be(OPND, IN_SECTION_1, 8);
    run_pgm(cpu, UVCPU_PGM_ADDRESSING);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[4], ==, 0xdeadbeefdeadbeefULL);
    uvcpu_free(cpu);
}

/* LGSC loads words 1-3 of the GSCB; STGSC stores them with word 0 zero. */
static void test_lgsc_stgsc(void)
{
    UvCpu *cpu = gs_cpu(lgsc_stgsc_code, sizeof(lgsc_stgsc_code), 0);
    S390Regs *r = uvcpu_regs(cpu);

    st_be(OPND, 0x1111111111111111ULL, 8);
    st_be(OPND + 8, 0x0000000140000319ULL, 8);
    st_be(OPND + 16, 0x8000000000000001ULL, 8);
    st_be(OPND + 24, 0x0000000000012348ULL, 8);
    memset(mem + 0x30100, 0xff, 32);
    r->regs[6] = 0x30100;
    run_to_svc(cpu, CODE + 14);
    g_assert_cmphex(r->gscb[0], ==, 0);
    g_assert_cmphex(r->gscb[1], ==, 0x0000000140000319ULL);
    g_assert_cmphex(r->gscb[2], ==, 0x8000000000000001ULL);
    g_assert_cmphex(r->gscb[3], ==, 0x0000000000012348ULL);
    g_assert_cmphex(ld_be(0x30100, 8), ==, 0);
    g_assert_cmpmem(mem + 0x30108, 24, mem + OPND + 8, 24);
    uvcpu_free(cpu);
}

/*
 * LGSC and STGSC need CR2 bit 59 (special operation, before the operand
 * is looked at) and doubleword operands; LGG and LLGFSG need aligned ones.
 */
static void test_exceptions(void)
{
    UvCpu *cpu = gs_cpu(lgsc_stgsc_code, sizeof(lgsc_stgsc_code), 0);

    uvcpu_regs(cpu)->cregs[2] = 0;
    uvcpu_regs(cpu)->regs[5] = OPND + 4;
    run_pgm(cpu, UVCPU_PGM_SPECIAL_OP);
    g_assert_cmphex(uvcpu_regs(cpu)->psw_addr, ==, CODE + 6);
    uvcpu_free(cpu);

    /* Delivered: suppression, the old PSW after the instruction. */
    cpu = gs_cpu(lgsc_stgsc_code, sizeof(lgsc_stgsc_code), 0);
    uvcpu_set_delivery(cpu, true);
    uvcpu_regs(cpu)->cregs[2] = 0;
    set_psw_at(0x1d0, UVCPU_PSW_MASK_WAIT | PSW_64, 0x7000);
    g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==, UVCPU_EXIT_DISABLED_WAIT);
    g_assert_cmphex(ld_be(0x8c, 4), ==, 0x00060013);
    g_assert_cmphex(ld_be(0x158, 8), ==, CODE + 6);
    uvcpu_free(cpu);

    /* STGSC: LGSC is skipped by starting at the second instruction. */
    cpu = gs_cpu(lgsc_stgsc_code, sizeof(lgsc_stgsc_code), 0);
    uvcpu_regs(cpu)->cregs[2] = 0;
    uvcpu_regs(cpu)->psw_addr = CODE + 6;
    run_pgm(cpu, UVCPU_PGM_SPECIAL_OP);
    uvcpu_free(cpu);

    cpu = gs_cpu(lgsc_stgsc_code, sizeof(lgsc_stgsc_code), 0);
    uvcpu_regs(cpu)->regs[5] = OPND + 4;
    run_pgm(cpu, UVCPU_PGM_SPECIFICATION);
    uvcpu_free(cpu);

    cpu = gs_cpu(lgg_code, sizeof(lgg_code), GSD);
    uvcpu_regs(cpu)->regs[5] = OPND + 4;
    run_pgm(cpu, UVCPU_PGM_SPECIFICATION);
    uvcpu_free(cpu);

    cpu = gs_cpu(llgfsg_code, sizeof(llgfsg_code), GSD);
    uvcpu_regs(cpu)->regs[5] = OPND + 2;
    run_pgm(cpu, UVCPU_PGM_SPECIFICATION);
    uvcpu_free(cpu);
}

/*
 * Without facility 133 the four instructions do not exist; a new CPU does
 * not have it.
 */
static void test_facility_off(void)
{
    const uint8_t *codes[] = { lgg_code, llgfsg_code, lgsc_stgsc_code };
    UvCpu *fresh = uvcpu_new(&abs_ops, NULL);
    unsigned i;

    g_assert_false(uvcpu_has_facility(fresh, 133));
    uvcpu_free(fresh);
    for (i = 0; i < G_N_ELEMENTS(codes); i++) {
        UvCpu *cpu = gs_cpu(codes[i], 8, GSD);

        uvcpu_set_facility(cpu, 133, false);
        run_pgm(cpu, UVCPU_PGM_OPERATION);
        uvcpu_free(cpu);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/uvcpu/gs/lgg-unguarded", test_lgg_unguarded);
    g_test_add_func("/uvcpu/gs/lgg-event", test_lgg_event);
    g_test_add_func("/uvcpu/gs/lgg-executed", test_lgg_executed);
    g_test_add_func("/uvcpu/gs/lgg-not-enabled", test_lgg_not_enabled);
    g_test_add_func("/uvcpu/gs/lgg-31bit", test_lgg_31bit);
    g_test_add_func("/uvcpu/gs/llgfsg", test_llgfsg);
    g_test_add_func("/uvcpu/gs/event-list-addressing", test_event_list_addressing);
    g_test_add_func("/uvcpu/gs/lgsc-stgsc", test_lgsc_stgsc);
    g_test_add_func("/uvcpu/gs/exceptions", test_exceptions);
    g_test_add_func("/uvcpu/gs/facility-off", test_facility_off);
    return g_test_run();
}
