/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-uvcpu-control.c - uvsim's CPU in the supervisor state: PSW and
 * facility instructions, storage keys, the clock comparator, external
 * interruptions through the lowcore and the wait state.  Every expected
 * value is worked out from the Principles of Operation.
 */
#include "uvcpu-harness.h"

#define PSW_WAIT_DISABLED (UVCPU_PSW_MASK_WAIT | PSW_64)

/* LPSWE loads mask and address; the SVC after it shows where it went. */
static void test_lpswe(void)
{
    static const uint8_t code[] = { 0xb2, 0xb2, 0x08, 0x00 };  /* lpswe 0x800 */
    UvCpu *cpu = sys_cpu(code, sizeof(code), false);
    UvCpuExit e;

    set_psw_at(0x800, PSW_64 | (2ULL << UVCPU_PSW_SHIFT_CC), 0x30000);
    st_be(0x30000, 0x0a05, 2);                               /* svc 5 */
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmpuint(e.svc, ==, 5);
    g_assert_cmphex(uvcpu_regs(cpu)->psw_mask, ==, 0x0000200180000000ULL);
    g_assert_cmphex(uvcpu_regs(cpu)->psw_addr, ==, 0x30002);
    uvcpu_free(cpu);

    /* In the problem state it is a privileged-operation exception. */
    cpu = sys_cpu(code, sizeof(code), false);
    uvcpu_regs(cpu)->psw_mask |= UVCPU_PSW_MASK_PSTATE;
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_PROGRAM);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_PRIVILEGED);
    g_assert_cmphex(uvcpu_regs(cpu)->psw_addr, ==, CODE + 4);
    uvcpu_free(cpu);

    /* An invalid new PSW (bit 0) is an early specification exception. */
    cpu = sys_cpu(code, sizeof(code), false);
    set_psw_at(0x800, 0x8000000000000000ULL | PSW_64, 0x30000);
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_PROGRAM);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_SPECIFICATION);
    g_assert_cmpuint(e.ilc, ==, 0);
    g_assert_cmphex(uvcpu_regs(cpu)->psw_addr, ==, 0x30000);
    uvcpu_free(cpu);
}

/* STFLE with one doubleword given, then with three. */
static void test_stfle(void)
{
    static const uint8_t code[] = {
        0xb2, 0xb0, 0x01, 0x00,                              /* stfle 0x100 */
        0x0a, 0x00,                                          /* svc 0 */
    };
    UvCpu *cpu = sys_cpu(code, sizeof(code), false);
    UvCpuExit e;

    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmpuint(cc_of(cpu), ==, 3);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[0], ==, 2);
    /*
     * 0 (N3), 1, 2, 3 (IDTE), 7 (STFLE), 8 (EDAT-1), 16 (ETF2), 18, 19
     * (long displacement, high performance), 17 (MSA), 21, 25 (STCKF), 34,
     * 35, 41 (FP-support enhancements), 45, 49, 53, 57 (MSA-5), 58, 61
     * (MIE-3); not 37 (FP extension, which needs DFP)
     */
    g_assert_cmphex(ld_be(0x100, 8), ==, 0xf180f44030444464ULL);
    g_assert_cmphex(ld_be(0x108, 8), ==, 0);

    uvcpu_regs(cpu)->psw_addr = CODE;
    e = uvcpu_run(cpu, 10);
    g_assert_cmpuint(cc_of(cpu), ==, 0);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[0], ==, 2);
    /* 76, 77 (MSA-3, MSA-4), 78 */
    g_assert_cmphex(ld_be(0x108, 8), ==, 0x000e000000000000ULL);
    /* 129, 130, 135 (vector enhancements 1), 146 (MSA-8), 148 (VE 2) */
    g_assert_cmphex(ld_be(0x110, 8), ==, 0x6100280000000000ULL);
    uvcpu_free(cpu);
}

/* SSKE, ISKE, RRBE, and the reference bit set again by a load. */
static void test_storage_keys(void)
{
    static const uint8_t code[] = {
        0xb2, 0x2b, 0x00, 0x12,                              /* sske %r1,%r2 */
        0xb2, 0x29, 0x00, 0x32,                              /* iske %r3,%r2 */
        0xb2, 0x2a, 0x00, 0x02,                              /* rrbe %r0,%r2 */
        0xb2, 0x22, 0x00, 0x70,                              /* ipm %r7 */
        0xb2, 0x29, 0x00, 0x42,                              /* iske %r4,%r2 */
        0xe3, 0x50, 0x20, 0x00, 0x00, 0x04,                  /* lg %r5,0(%r2) */
        0xb2, 0x29, 0x00, 0x62,                              /* iske %r6,%r2 */
        0x0a, 0x00,                                          /* svc 0 */
    };
    UvCpu *cpu = sys_cpu(code, sizeof(code), false);
    S390Regs *r = uvcpu_regs(cpu);
    UvCpuExit e;

    r->regs[1] = 0xffffff37;       /* ACC 3, R, C; bit 63 is ignored */
    r->regs[2] = 0x5123;
    r->regs[3] = r->regs[4] = r->regs[6] = 0xaaaaaaaaaaaaaaaaULL;
    e = uvcpu_run(cpu, 20);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmphex(skeys[5], ==, 0x36);
    g_assert_cmphex(r->regs[3], ==, 0xaaaaaaaaaaaaaa36ULL);
    g_assert_cmphex((uint32_t)r->regs[7] >> 28, ==, 3);   /* R and C were on */
    g_assert_cmphex(r->regs[4], ==, 0xaaaaaaaaaaaaaa32ULL);
    g_assert_cmphex(r->regs[6], ==, 0xaaaaaaaaaaaaaa36ULL);
    uvcpu_free(cpu);
}

/* Key-controlled protection: PSW key 3 may store into a key-3 frame only. */
static void test_key_protection(void)
{
    static const uint8_t code[] = {
        0x92, 0x01, 0x20, 0x00,                              /* mvi 0(%r2),1 */
        0x92, 0x01, 0x30, 0x00,                              /* mvi 0(%r3),1 */
    };
    UvCpu *cpu = sys_cpu(code, sizeof(code), false);
    S390Regs *r = uvcpu_regs(cpu);
    UvCpuExit e;

    skeys[CODE >> 12] = 0x30;
    skeys[0x40] = 0x30;
    skeys[0x41] = 0x50;
    r->psw_mask |= 3ULL << 52;
    r->regs[2] = 0x40000;
    r->regs[3] = 0x41008;
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_PROGRAM);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_PROTECTION);
    g_assert_cmphex(e.teid, ==, 0x41000 | 0x400 | 0x80);
    g_assert_cmphex(mem[0x40000], ==, 1);
    g_assert_cmphex(mem[0x41008], ==, 0);
    g_assert_cmphex(skeys[0x40], ==, 0x36);      /* referenced and changed */
    g_assert_cmphex(skeys[0x41], ==, 0x50);
    uvcpu_free(cpu);
}

static const uint8_t spin[] = { 0xa7, 0xf4, 0x00, 0x00 };    /* j . */

/* A clock comparator in the past interrupts when PSW bit 7 and CR0 allow. */
static void test_clock_comparator(void)
{
    UvCpu *cpu = sys_cpu(spin, sizeof(spin), true);
    S390Regs *r = uvcpu_regs(cpu);
    UvCpuExit e;

    set_psw_at(0x1b0, PSW_WAIT_DISABLED, 0x7000);
    r->psw_mask |= UVCPU_PSW_MASK_EXT;
    r->cregs[0] = 0x800;
    r->ckc = 0;
    e = uvcpu_run(cpu, 100000);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_DISABLED_WAIT);
    g_assert_cmphex(ld_be(0x86, 2), ==, UVCPU_EXT_CLOCK_COMP);
    g_assert_cmphex(ld_be(0x130, 8), ==, UVCPU_PSW_MASK_EXT | PSW_64);
    g_assert_cmphex(ld_be(0x138, 8), ==, CODE);
    g_assert_cmphex(r->psw_mask, ==, PSW_WAIT_DISABLED);
    g_assert_cmphex(r->psw_addr, ==, 0x7000);
    uvcpu_free(cpu);

    /* Masked by the PSW, then by CR0: it spins through its budget. */
    cpu = sys_cpu(spin, sizeof(spin), true);
    r = uvcpu_regs(cpu);
    set_psw_at(0x1b0, PSW_WAIT_DISABLED, 0x7000);
    r->cregs[0] = 0x800;
    e = uvcpu_run(cpu, 100000);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_BUDGET);
    g_assert_cmpuint(uvcpu_icount(cpu), ==, 100000);
    r->psw_mask |= UVCPU_PSW_MASK_EXT;
    r->cregs[0] = 0;
    e = uvcpu_run(cpu, 100000);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_BUDGET);
    g_assert_cmphex(ld_be(0x86, 2), ==, 0);
    g_assert_cmphex(r->psw_addr, ==, CODE);
    uvcpu_free(cpu);
}

/* An enabled wait returns WAIT; a service signal made pending ends it. */
static void test_enabled_wait(void)
{
    static const uint8_t code[] = { 0xb2, 0xb2, 0x08, 0x00 };  /* lpswe 0x800 */
    UvCpu *cpu = sys_cpu(code, sizeof(code), true);
    S390Regs *r = uvcpu_regs(cpu);
    UvCpuExit e;

    set_psw_at(0x800, UVCPU_PSW_MASK_WAIT | UVCPU_PSW_MASK_EXT | PSW_64,
               0x6000);
    set_psw_at(0x1b0, PSW_WAIT_DISABLED, 0x7000);
    r->cregs[0] = 0x800 | 0x200;
    r->ckc = UINT64_MAX;
    e = uvcpu_run(cpu, 100);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_WAIT);
    g_assert_cmphex(r->psw_addr, ==, 0x6000);
    g_assert_cmpuint(uvcpu_icount(cpu), ==, 1);
    g_assert_cmpint(uvcpu_timer_wait_ns(cpu), >, 0);
    e = uvcpu_run(cpu, 100);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_WAIT);

    g_assert_true(uvcpu_set_ext_pending(cpu, UVCPU_EXT_SERVICE, 0x1230, 0));
    g_assert_true(uvcpu_set_ext_pending(cpu, UVCPU_EXT_SERVICE, 0x0004, 0));
    e = uvcpu_run(cpu, 100);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_DISABLED_WAIT);
    g_assert_cmphex(ld_be(0x80, 4), ==, 0x1234);
    g_assert_cmphex(ld_be(0x86, 2), ==, UVCPU_EXT_SERVICE);
    g_assert_cmphex(ld_be(0x130, 8), ==,
                    UVCPU_PSW_MASK_WAIT | UVCPU_PSW_MASK_EXT | PSW_64);
    g_assert_cmphex(ld_be(0x138, 8), ==, 0x6000);
    g_assert_cmpint(uvcpu_timer_wait_ns(cpu), ==, -1);
    uvcpu_free(cpu);
}

/* SVC and restart through the lowcore in the delivery mode. */
static void test_svc_and_restart(void)
{
    static const uint8_t code[] = { 0x0a, 0x11 };            /* svc 17 */
    UvCpu *cpu = sys_cpu(code, sizeof(code), true);
    S390Regs *r = uvcpu_regs(cpu);
    UvCpuExit e;

    set_psw_at(0x1c0, PSW_WAIT_DISABLED, 0x7100);
    set_psw_at(0x1a0, PSW_WAIT_DISABLED, 0x7200);
    r->psw_mask |= 1ULL << UVCPU_PSW_SHIFT_CC;
    e = uvcpu_run(cpu, 100);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_DISABLED_WAIT);
    g_assert_cmphex(ld_be(0x88, 2), ==, 2);
    g_assert_cmphex(ld_be(0x8a, 2), ==, 17);
    g_assert_cmphex(ld_be(0x140, 8), ==, PSW_64 | (1ULL << UVCPU_PSW_SHIFT_CC));
    g_assert_cmphex(ld_be(0x148, 8), ==, CODE + 2);
    g_assert_cmphex(r->psw_addr, ==, 0x7100);

    uvcpu_set_restart_pending(cpu);
    e = uvcpu_run(cpu, 100);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_DISABLED_WAIT);
    g_assert_cmphex(ld_be(0x120, 8), ==, PSW_WAIT_DISABLED);
    g_assert_cmphex(ld_be(0x128, 8), ==, 0x7100);
    g_assert_cmphex(r->psw_addr, ==, 0x7200);
    uvcpu_free(cpu);
}

/* SCKC/STCKC, SPT/STPT and STCK against the TOD clock and its epoch. */
static void test_tod(void)
{
    static const uint8_t code[] = {
        0xb2, 0x06, 0x01, 0x00,                              /* sckc 0x100 */
        0xb2, 0x07, 0x01, 0x08,                              /* stckc 0x108 */
        0xb2, 0x04, 0x01, 0x10,                              /* sck 0x110 */
        0xb2, 0x05, 0x01, 0x18,                              /* stck 0x118 */
        0xb2, 0x08, 0x01, 0x20,                              /* spt 0x120 */
        0xb2, 0x09, 0x01, 0x28,                              /* stpt 0x128 */
        0x0a, 0x00,                                          /* svc 0 */
    };
    UvCpu *cpu = sys_cpu(code, sizeof(code), false);
    UvCpuExit e;
    uint64_t tod;

    st_be(0x100, 0x1122334455667788ULL, 8);
    st_be(0x110, 0xd000000000000000ULL, 8);
    st_be(0x120, 1ULL << 40, 8);
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmphex(ld_be(0x108, 8), ==, 0x1122334455667788ULL);
    tod = ld_be(0x118, 8);
    /* STCK right after SCK: within a second (2^32 units) of the value */
    g_assert_cmphex(tod - 0xd000000000000000ULL, <, 1ULL << 32);
    g_assert_cmphex(ld_be(0x128, 8), <=, 1ULL << 40);
    g_assert_cmphex(ld_be(0x128, 8), >, (1ULL << 40) - (1ULL << 32));
    g_assert_cmphex(uvcpu_tod(cpu) - 0xd000000000000000ULL, <, 1ULL << 32);
    uvcpu_free(cpu);
}

static gpointer run_unbounded(gpointer opaque)
{
    UvCpuExit *e = g_new(UvCpuExit, 1);

    *e = uvcpu_run(opaque, UINT64_MAX);
    return e;
}

/* Runs @cpu without a budget on a thread and asks it to return. */
static UvCpuExit run_until_requested(UvCpu *cpu)
{
    GThread *t = g_thread_new("uvcpu", run_unbounded, cpu);
    UvCpuExit *e, ret;

    g_usleep(20000);
    uvcpu_exit_request(cpu);
    e = g_thread_join(t);
    ret = *e;
    g_free(e);
    return ret;
}

/*
 * uvcpu_exit_request() ends a run without a budget: a tight branch loop,
 * a program-interruption loop (operation exceptions whose new PSW points
 * at the same zero halfword), and, made while the CPU does not run, the
 * next run before any instruction.  Regression: a pause or stop waited
 * for a whole slice of such a loop, seconds under ASan.
 */
static void test_exit_request(void)
{
    static const uint8_t loop[] = { 0xa7, 0xf4, 0x00, 0x00 };    /* j . */
    static const uint8_t zero[] = { 0x00, 0x00 };
    UvCpu *cpu = sys_cpu(loop, sizeof(loop), true);
    uint64_t icount;
    UvCpuExit e;

    e = run_until_requested(cpu);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_BUDGET);
    g_assert_cmphex(uvcpu_regs(cpu)->psw_addr, ==, CODE);
    g_assert_cmpuint(uvcpu_icount(cpu), >, 0);
    uvcpu_exit_request(cpu);
    icount = uvcpu_icount(cpu);
    e = uvcpu_run(cpu, UINT64_MAX);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_BUDGET);
    g_assert_cmpuint(uvcpu_icount(cpu), ==, icount);
    /* Consumed: the run after it goes on until its budget. */
    e = uvcpu_run(cpu, 1000);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_BUDGET);
    g_assert_cmpuint(uvcpu_icount(cpu), ==, icount + 1000);
    uvcpu_free(cpu);

    cpu = sys_cpu(zero, sizeof(zero), true);
    set_psw_at(0x1d0, PSW_64, CODE);                   /* program new PSW */
    e = run_until_requested(cpu);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_BUDGET);
    g_assert_cmphex(ld_be(0x8e, 2), ==, UVCPU_PGM_OPERATION);
    g_assert_cmphex(ld_be(0x158, 8), ==, CODE + 2);     /* program old PSW */
    uvcpu_free(cpu);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/uvcpu-control/lpswe", test_lpswe);
    g_test_add_func("/uvcpu-control/stfle", test_stfle);
    g_test_add_func("/uvcpu-control/storage-keys", test_storage_keys);
    g_test_add_func("/uvcpu-control/key-protection", test_key_protection);
    g_test_add_func("/uvcpu-control/clock-comparator", test_clock_comparator);
    g_test_add_func("/uvcpu-control/enabled-wait", test_enabled_wait);
    g_test_add_func("/uvcpu-control/svc-restart", test_svc_and_restart);
    g_test_add_func("/uvcpu-control/tod", test_tod);
    g_test_add_func("/uvcpu-control/exit-request", test_exit_request);
    return g_test_run();
}
