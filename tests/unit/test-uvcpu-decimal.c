/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-uvcpu-decimal.c - uvsim's CPU interpreter: the decimal
 * instructions QEMU 7.2 does not have (ZAP, AP, SP, CP, MP, DP, SRP, CVB,
 * CVBG, CVDG, ED, EDMK: the oracle cannot check them) and the cases where
 * QEMU 7.2 and uvcpu differ (UNPK's leftmost source byte).  Every
 * expected value is worked out by hand from the Principles of Operation.
 */
#include "qemu/osdep.h"
#include "cpu.h"

#define MEM_SIZE (64 * KiB)
#define CODE 0x1000
#define OP1 0x2000             /* R2 */
#define OP2 0x3000             /* R3 */

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

/* One instruction on OP1 (R2) and OP2 (R3) in 64-bit problem state. */
typedef struct DecCase {
    const char *what;
    uint8_t insn[6];
    uint8_t op1[16], op2[16];
    unsigned len1, len2;
    uint8_t want1[16];         /* OP1 afterwards (len1 bytes) */
    unsigned cc;               /* 4: CC not set, unchanged (0) */
} DecCase;

static UvCpu *run_case(const uint8_t *insn, unsigned ilen, UvCpuExit *e,
                       uint64_t psw_extra)
{
    UvCpu *cpu = uvcpu_new(&test_ops, NULL);
    S390Regs *r = uvcpu_regs(cpu);

    memcpy(mem + CODE, insn, ilen);
    r->psw_mask = UVCPU_PSW_MASK_PSTATE | UVCPU_PSW_MASK_EA |
                  UVCPU_PSW_MASK_BA | psw_extra;
    r->psw_addr = CODE;
    r->regs[2] = OP1;
    r->regs[3] = OP2;
    *e = uvcpu_run(cpu, 1);
    return cpu;
}

static unsigned cc_of(UvCpu *cpu)
{
    return (uvcpu_regs(cpu)->psw_mask & UVCPU_PSW_MASK_CC) >> UVCPU_PSW_SHIFT_CC;
}

static const DecCase cases[] = {
    { "ap overflow truncates, CC 3", { 0xfa, 0x11, 0x20, 0x00, 0x30, 0x00 },
      { 0x99, 0x9c }, { 0x00, 0x1c }, 2, 2, { 0x00, 0x0c }, 3 },
    { "sp to a negative result", { 0xfb, 0x21, 0x20, 0x00, 0x30, 0x00 },
      { 0x00, 0x12, 0x3c }, { 0x45, 0x6c }, 3, 2, { 0x00, 0x33, 0x3d }, 1 },
    { "ap of signs A and B", { 0xfa, 0x11, 0x20, 0x00, 0x30, 0x00 },
      { 0x12, 0x3a }, { 0x02, 0x3b }, 2, 2, { 0x10, 0x0c }, 2 },
    { "cp: -0 equals +0", { 0xf9, 0x10, 0x20, 0x00, 0x30, 0x00 },
      { 0x00, 0x0d }, { 0x0c }, 2, 1, { 0x00, 0x0d }, 0 },
    { "zap of -0 is +0", { 0xf8, 0x21, 0x20, 0x00, 0x30, 0x00 },
      { 0x12, 0x34, 0x56 }, { 0x00, 0x0d }, 3, 2, { 0x00, 0x00, 0x0c }, 0 },
    { "mp: +12 * -34", { 0xfc, 0x31, 0x20, 0x00, 0x30, 0x00 },
      { 0x00, 0x00, 0x01, 0x2c }, { 0x03, 0x4d }, 4, 2,
      { 0x00, 0x00, 0x40, 0x8d }, 4 },
    { "dp: -1234 / +25", { 0xfd, 0x71, 0x20, 0x00, 0x30, 0x00 },
      { 0, 0, 0, 0, 0, 0x01, 0x23, 0x4d }, { 0x02, 0x5c }, 8, 2,
      { 0, 0, 0, 0, 0x04, 0x9d, 0x00, 0x9d }, 4 },
    { "srp left 2", { 0xf0, 0x30, 0x20, 0x00, 0x00, 0x02 },
      { 0x00, 0x12, 0x34, 0x5c }, { 0 }, 4, 0, { 0x12, 0x34, 0x50, 0x0c }, 2 },
    { "srp right 2, round 5", { 0xf0, 0x35, 0x20, 0x00, 0x00, 0x3e },
      { 0x00, 0x12, 0x34, 0x5d }, { 0 }, 4, 0, { 0x00, 0x00, 0x12, 0x3d }, 1 },
    { "srp left 3 overflows", { 0xf0, 0x30, 0x20, 0x00, 0x00, 0x03 },
      { 0x00, 0x12, 0x34, 0x5c }, { 0 }, 4, 0, { 0x23, 0x45, 0x00, 0x0c }, 3 },
    /* fill ' ', "dd,ds(d.dd" */
    { "ed positive", { 0xde, 0x09, 0x20, 0x00, 0x30, 0x00 },
      { 0x40, 0x20, 0x20, 0x6b, 0x20, 0x21, 0x20, 0x4b, 0x20, 0x20 },
      { 0x00, 0x12, 0x34, 0x5c }, 10, 4,
      { 0x40, 0x40, 0x40, 0x40, 0xf1, 0xf2, 0xf3, 0x4b, 0xf4, 0xf5 }, 2 },
    { "ed negative", { 0xde, 0x09, 0x20, 0x00, 0x30, 0x00 },
      { 0x40, 0x20, 0x20, 0x6b, 0x20, 0x21, 0x20, 0x4b, 0x20, 0x20 },
      { 0x00, 0x12, 0x34, 0x5d }, 10, 4,
      { 0x40, 0x40, 0x40, 0x40, 0xf1, 0xf2, 0xf3, 0x4b, 0xf4, 0xf5 }, 1 },
    { "ed zero: the significance starter", { 0xde, 0x09, 0x20, 0x00, 0x30, 0x00 },
      { 0x40, 0x20, 0x20, 0x6b, 0x20, 0x21, 0x20, 0x4b, 0x20, 0x20 },
      { 0x00, 0x00, 0x00, 0x0c }, 10, 4,
      { 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0xf0, 0x4b, 0xf0, 0xf0 }, 0 },
    /* QEMU 7.2 leaves the 1 and 2 out: F0F0F0F0C3 */
    { "unpk uses every source byte", { 0xf3, 0x41, 0x20, 0x00, 0x30, 0x00 },
      { 0 }, { 0x12, 0x3c }, 5, 2, { 0xf0, 0xf0, 0xf1, 0xf2, 0xc3 }, 4 },
    /* "12345": the leftmost character is ignored */
    { "pka", { 0xe9, 0x04, 0x20, 0x00, 0x30, 0x00 },
      { 0 }, { 0x31, 0x32, 0x33, 0x34, 0x35 }, 16, 5,
      { [13] = 0x02, [14] = 0x34, [15] = 0x5c }, 4 },
};

static void test_cases(void)
{
    const DecCase *c;
    UvCpuExit e;
    UvCpu *cpu;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        c = &cases[i];
        memset(mem, 0, sizeof(mem));
        memcpy(mem + OP1, c->op1, c->len1);
        memcpy(mem + OP2, c->op2, c->len2);
        cpu = run_case(c->insn, 6, &e, 0);
        g_assert_cmpint(e.reason, ==, UVCPU_EXIT_BUDGET);
        if (memcmp(mem + OP1, c->want1, c->len1)) {
            g_error("%s: first operand differs", c->what);
        }
        if (c->cc != 4) {
            g_assert_cmpuint(cc_of(cpu), ==, c->cc);
        }
        uvcpu_free(cpu);
    }
}

/* EDMK: GR1 = the address of the first digit that started significance. */
static void test_edmk_mark(void)
{
    static const uint8_t insn[] = { 0xdf, 0x09, 0x20, 0x00, 0x30, 0x00 };
    static const uint8_t pat[] = { 0x40, 0x20, 0x20, 0x6b, 0x20, 0x21, 0x20,
                                   0x4b, 0x20, 0x20 };
    static const uint8_t src[] = { 0x00, 0x12, 0x34, 0x5c };
    UvCpuExit e;
    UvCpu *cpu;

    memset(mem, 0, sizeof(mem));
    memcpy(mem + OP1, pat, sizeof(pat));
    memcpy(mem + OP2, src, sizeof(src));
    cpu = run_case(insn, 6, &e, 0);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[1], ==, OP1 + 4);
    g_assert_cmpuint(cc_of(cpu), ==, 2);
    uvcpu_free(cpu);
}

/* An invalid sign: data exception with DXC 0, the first operand unchanged. */
static void test_ap_invalid_sign(void)
{
    static const uint8_t insn[] = { 0xfa, 0x11, 0x20, 0x00, 0x30, 0x00 };
    UvCpuExit e;
    UvCpu *cpu;

    memset(mem, 0, sizeof(mem));
    mem[OP1] = 0x12;
    mem[OP1 + 1] = 0x3c;
    mem[OP2 + 1] = 0x12;       /* sign 2 */
    cpu = run_case(insn, 6, &e, 0);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_PROGRAM);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_DATA);
    g_assert_cmphex(e.dxc, ==, 0);
    g_assert_cmphex(mem[OP1 + 1], ==, 0x3c);
    uvcpu_free(cpu);
}

/* With the decimal-overflow mask on, AP's overflow interrupts (after storing). */
static void test_ap_overflow_interrupt(void)
{
    static const uint8_t insn[] = { 0xfa, 0x11, 0x20, 0x00, 0x30, 0x00 };
    UvCpuExit e;
    UvCpu *cpu;

    memset(mem, 0, sizeof(mem));
    mem[OP1] = 0x99;
    mem[OP1 + 1] = 0x9c;
    mem[OP2 + 1] = 0x1c;
    cpu = run_case(insn, 6, &e, 0x0000040000000000ULL);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_PROGRAM);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_DEC_OVERFLOW);
    g_assert_cmphex(mem[OP1], ==, 0x00);
    g_assert_cmphex(mem[OP1 + 1], ==, 0x0c);
    uvcpu_free(cpu);
}

/* DP by zero: decimal divide, nothing stored. */
static void test_dp_by_zero(void)
{
    static const uint8_t insn[] = { 0xfd, 0x71, 0x20, 0x00, 0x30, 0x00 };
    UvCpuExit e;
    UvCpu *cpu;

    memset(mem, 0, sizeof(mem));
    mem[OP1 + 7] = 0x5c;
    mem[OP2 + 1] = 0x0c;
    cpu = run_case(insn, 6, &e, 0);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_DEC_DIVIDE);
    g_assert_cmphex(mem[OP1 + 7], ==, 0x5c);
    uvcpu_free(cpu);
}

static void st_bytes(uint64_t a, const char *hex)
{
    size_t i, n = strlen(hex) / 2;

    for (i = 0; i < n; i++) {
        sscanf(hex + 2 * i, "%2hhx", &mem[a + i]);
    }
}

/* CVB, CVBG: exact values; CVB out of range: low bits, then fixed-point divide. */
static void test_cvb(void)
{
    static const uint8_t cvb[] = { 0x4f, 0x10, 0x20, 0x00 };
    static const uint8_t cvbg[] = { 0xe3, 0x10, 0x20, 0x00, 0x00, 0x0e };
    UvCpuExit e;
    UvCpu *cpu;

    memset(mem, 0, sizeof(mem));
    st_bytes(OP1, "000000000012345d");
    cpu = run_case(cvb, 4, &e, 0);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_BUDGET);
    g_assert_cmphex((uint32_t)uvcpu_regs(cpu)->regs[1], ==, 0xffffcfc7);
    uvcpu_free(cpu);

    st_bytes(OP1, "000002147483648c");
    cpu = run_case(cvb, 4, &e, 0);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_FIXPT_DIVIDE);
    g_assert_cmphex((uint32_t)uvcpu_regs(cpu)->regs[1], ==, 0x80000000);
    uvcpu_free(cpu);

    st_bytes(OP1, "0000000000009223372036854775807c");
    cpu = run_case(cvbg, 6, &e, 0);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_BUDGET);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[1], ==, 0x7fffffffffffffffULL);
    uvcpu_free(cpu);
}

/* CVDG of INT64_MIN: 16 bytes, 19 digits, sign D. */
static void test_cvdg(void)
{
    static const uint8_t cvdg[] = { 0xe3, 0x10, 0x20, 0x00, 0x00, 0x2e };
    /* 12 zeros, 9223372036854775808, D */
    static const uint8_t want[] = { 0, 0, 0, 0, 0, 0, 0x92, 0x23, 0x37, 0x20,
                                    0x36, 0x85, 0x47, 0x75, 0x80 };
    UvCpu *cpu = uvcpu_new(&test_ops, NULL);
    S390Regs *r = uvcpu_regs(cpu);

    memset(mem, 0, sizeof(mem));
    memcpy(mem + CODE, cvdg, sizeof(cvdg));
    r->psw_mask = UVCPU_PSW_MASK_EA | UVCPU_PSW_MASK_BA;
    r->psw_addr = CODE;
    r->regs[1] = 0x8000000000000000ULL;
    r->regs[2] = OP1;
    uvcpu_run(cpu, 1);
    g_assert_cmpmem(mem + OP1, 15, want, 15);
    g_assert_cmphex(mem[OP1 + 15], ==, 0x8d);
    uvcpu_free(cpu);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/uvcpu/decimal/cases", test_cases);
    g_test_add_func("/uvcpu/decimal/edmk-mark", test_edmk_mark);
    g_test_add_func("/uvcpu/decimal/ap-invalid-sign", test_ap_invalid_sign);
    g_test_add_func("/uvcpu/decimal/ap-overflow-interrupt",
                    test_ap_overflow_interrupt);
    g_test_add_func("/uvcpu/decimal/dp-by-zero", test_dp_by_zero);
    g_test_add_func("/uvcpu/decimal/cvb", test_cvb);
    g_test_add_func("/uvcpu/decimal/cvdg", test_cvdg);
    return g_test_run();
}
