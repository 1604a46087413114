/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-uvcpu-mie3.c - uvsim's CPU: the miscellaneous-instruction-
 * extensions facility 3 (61): the complementing logical operations, the
 * SELECT instructions, POPCNT's whole-register form and MOVE RIGHT TO
 * LEFT, with the cases the oracle cannot judge (facility off, MVCRL with
 * GR0 bits 0-55 set, which QEMU 7.2 takes as part of the length).
 * Expected values are worked out from the Principles of Operation.
 */
#include "uvcpu-harness.h"

#define SVC0 0x0a, 0x00
#define R2 0xaaaabbbbf0f01234ULL
#define R3 0x1111222200000234ULL
#define JUNK 0xdeadbeef5a5a5a5aULL

/* Runs one instruction (then SVC 0) with r2 = R2, r3 = R3, the CC @cc. */
static UvCpu *run_one(const uint8_t *insn, size_t len, unsigned cc)
{
    uint8_t code[16];
    UvCpu *cpu;
    UvCpuExit e;
    unsigned r;

    g_assert_cmpuint(len + 2, <=, sizeof(code));
    memcpy(code, insn, len);
    code[len] = 0x0a;
    code[len + 1] = 0x00;
    cpu = sys_cpu(code, len + 2, false);
    for (r = 0; r < 16; r++) {
        uvcpu_regs(cpu)->regs[r] = JUNK;
    }
    uvcpu_regs(cpu)->regs[2] = R2;
    uvcpu_regs(cpu)->regs[3] = R3;
    uvcpu_regs(cpu)->psw_mask |= (uint64_t)cc << UVCPU_PSW_SHIFT_CC;
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_SVC);
    return cpu;
}

static void check_rr(const uint8_t *insn, size_t len, unsigned r1,
                     uint64_t want, unsigned want_cc)
{
    UvCpu *cpu = run_one(insn, len, 3);

    g_assert_cmphex(uvcpu_regs(cpu)->regs[r1], ==, want);
    g_assert_cmpuint(cc_of(cpu), ==, want_cc);
    uvcpu_free(cpu);
}

/*
 * R1 = R2 op R3, the complement on the third operand for the -C forms;
 * the 32-bit forms keep bits 0-31 of R1.  CC 0 zero, 1 not zero.
 */
static void test_logic(void)
{
    static const uint8_t ncrk[] = { 0xb9, 0xf5, 0x30, 0x12 };   /* ncrk 1,2,3 */
    static const uint8_t ncrk0[] = { 0xb9, 0xf5, 0x20, 0x12 };  /* ncrk 1,2,2 */
    static const uint8_t nngrk[] = { 0xb9, 0x64, 0x30, 0x42 };  /* nngrk 4,2,3 */
    static const uint8_t ocgrk[] = { 0xb9, 0x65, 0x30, 0x62 };  /* ocgrk 6,2,3 */
    static const uint8_t nxrk[] = { 0xb9, 0x77, 0x30, 0x72 };   /* nxrk 7,2,3 */
    static const uint8_t nork[] = { 0xb9, 0x76, 0x30, 0x52 };   /* nork 5,2,3 */
    static const uint8_t nxgrk0[] = { 0xb9, 0x67, 0x20, 0x52 }; /* nxgrk 5,2,2 */

    check_rr(ncrk, 4, 1, 0xdeadbeeff0f01000ULL, 1);
    check_rr(ncrk0, 4, 1, 0xdeadbeef00000000ULL, 0);
    check_rr(nngrk, 4, 4, 0xffffddddfffffdcbULL, 1);
    check_rr(ocgrk, 4, 6, 0xeeeeffffffffffffULL, 1);
    check_rr(nxrk, 4, 7, 0xdeadbeef0f0fefffULL, 1);
    check_rr(nork, 4, 5, 0xdeadbeef0f0fedcbULL, 1);
    check_rr(nxgrk0, 4, 5, UINT64_MAX, 1);
}

/* SELECT: R2 when the CC matches M4, else R3; the CC stays. */
static void test_select(void)
{
    static const uint8_t selr[] = { 0xb9, 0xf0, 0x38, 0x12 };   /* selr 1,2,3,8 */
    static const uint8_t selgr[] = { 0xb9, 0xe3, 0x37, 0x42 };  /* selgr 4,2,3,7 */
    static const uint8_t selfhr[] = { 0xb9, 0xc0, 0x38, 0x52 }; /* selfhr 5,2,3,8 */
    UvCpu *cpu;

    cpu = run_one(selr, 4, 0);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[1], ==, 0xdeadbeeff0f01234ULL);
    g_assert_cmpuint(cc_of(cpu), ==, 0);
    uvcpu_free(cpu);
    cpu = run_one(selr, 4, 2);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[1], ==, 0xdeadbeef00000234ULL);
    g_assert_cmpuint(cc_of(cpu), ==, 2);
    uvcpu_free(cpu);
    cpu = run_one(selgr, 4, 0);                 /* mask 7: CC 1, 2, 3 */
    g_assert_cmphex(uvcpu_regs(cpu)->regs[4], ==, R3);
    uvcpu_free(cpu);
    cpu = run_one(selgr, 4, 3);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[4], ==, R2);
    uvcpu_free(cpu);
    cpu = run_one(selfhr, 4, 1);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[5], ==, 0x111122225a5a5a5aULL);
    uvcpu_free(cpu);
    cpu = run_one(selfhr, 4, 0);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[5], ==, 0xaaaabbbb5a5a5a5aULL);
    uvcpu_free(cpu);
}

/*
 * POPCNT with M3 bit 0: the one bits of the whole register (33 in R2);
 * without it, or without facility 61, byte by byte.
 */
static void test_popcnt(void)
{
    static const uint8_t code[] = {
        0xb9, 0xe1, 0x80, 0x62,                              /* popcnt 6,2,8 */
        0xb9, 0xe1, 0x00, 0x72,                              /* popcnt 7,2 */
    };
    UvCpu *cpu = run_one(code, sizeof(code), 0);

    g_assert_cmphex(uvcpu_regs(cpu)->regs[6], ==, 33);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[7], ==, 0x0404060604040203ULL);
    g_assert_cmpuint(cc_of(cpu), ==, 1);
    uvcpu_free(cpu);
}

/* Facility 61 off: the new opcodes are operation exceptions, POPCNT's M3
 * is ignored. */
static void test_facility_off(void)
{
    static const uint8_t code[] = {
        0xb9, 0xe1, 0x80, 0x62,                              /* popcnt 6,2,8 */
        0xb9, 0xf5, 0x30, 0x12,                              /* ncrk 1,2,3 */
        SVC0,
    };
    UvCpu *cpu = sys_cpu(code, sizeof(code), false);
    UvCpuExit e;

    g_assert_true(uvcpu_has_facility(cpu, 61));
    uvcpu_set_facility(cpu, 61, false);
    uvcpu_regs(cpu)->regs[2] = R2;
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_PROGRAM);
    g_assert_cmphex(e.pgm_code, ==, UVCPU_PGM_OPERATION);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[6], ==, 0x0404060604040203ULL);
    uvcpu_free(cpu);
}

/*
 * MVCRL 0x101,0x100 with GR0 bits 56-63 = 3: four bytes moved from the
 * rightmost, so the overlapping move shifts them right by one instead of
 * propagating the first byte as MVC does.  Bits 0-55 of GR0 are ignored
 * (QEMU 7.2 takes the whole register as the length and faults).
 */
static void test_mvcrl(void)
{
    static const uint8_t code[] = {
        0xe5, 0x0a, 0x01, 0x01, 0x01, 0x00,                  /* mvcrl 257,256 */
        SVC0,
    };
    UvCpu *cpu = sys_cpu(code, sizeof(code), false);
    UvCpuExit e;

    st_be(0x100, 0x1122334455667788ULL, 8);
    uvcpu_regs(cpu)->regs[0] = 0xffffffffffffff03ULL;
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_SVC);
    g_assert_cmphex(ld_be(0x100, 8), ==, 0x1111223344667788ULL);
    g_assert_cmpuint(cc_of(cpu), ==, 0);
    uvcpu_free(cpu);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/uvcpu-mie3/logic", test_logic);
    g_test_add_func("/uvcpu-mie3/select", test_select);
    g_test_add_func("/uvcpu-mie3/popcnt", test_popcnt);
    g_test_add_func("/uvcpu-mie3/facility-off", test_facility_off);
    g_test_add_func("/uvcpu-mie3/mvcrl", test_mvcrl);
    return g_test_run();
}
