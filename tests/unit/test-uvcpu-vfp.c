/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-uvcpu-vfp.c - uvsim's CPU: vector floating point where the
 * differential oracle cannot judge it: the vector-processing exception
 * (program interruption 0x1B, which QEMU 7.2's user mode does not
 * deliver) and its VXC, suppression of the whole instruction, the
 * facility checks of 135 and 148, and the PoP rules QEMU 7.2 departs
 * from (XxC, exact tiny results with the underflow mask, SNaN priority in
 * multiply and add).  Every expected value is worked out from the
 * Principles of Operation.
 */
#include "uvcpu-harness.h"

#define CR0_AFP    0x40000ULL       /* bit 45 */
#define CR0_VECTOR 0x20000ULL       /* bit 46 */
#define SVC0 0x0a, 0x00

#define D_ONE      0x3ff0000000000000ULL    /* 1.0 */
#define D_TWO      0x4000000000000000ULL
#define D_1_5      0x3ff8000000000000ULL
#define D_TINY     0x3c30000000000000ULL    /* 2^-60 */
#define D_MAX      0x7fefffffffffffffULL
#define D_MIN_NORM 0x0010000000000000ULL    /* 2^-1022 */
#define D_HALF     0x3fe0000000000000ULL
#define D_QNAN     0x7ff8000000000001ULL
#define D_SNAN     0x7ff0000000000002ULL
#define D_NEG_ONE  0xbff0000000000000ULL
#define D_NEG_ZERO 0x8000000000000000ULL

/* A CPU at CODE running @insn (6 bytes) then SVC 0, vector registers on,
 * FPC @fpc. */
static UvCpu *vfp_cpu(const uint8_t *insn, uint32_t fpc, bool deliver)
{
    uint8_t code[8];
    UvCpu *cpu;

    memcpy(code, insn, 6);
    code[6] = 0x0a;
    code[7] = 0x00;
    cpu = sys_cpu(code, sizeof(code), deliver);
    uvcpu_regs(cpu)->cregs[0] = CR0_AFP | CR0_VECTOR;
    uvcpu_regs(cpu)->fpc = fpc;
    return cpu;
}

/* Runs to the SVC, or to the program interruption @pgm (0: none). */
static UvCpuExit run_expect(UvCpu *cpu, uint16_t pgm)
{
    UvCpuExit e = uvcpu_run(cpu, 10);

    g_assert_cmpint(e.reason, ==, pgm ? UVCPU_EXIT_PROGRAM : UVCPU_EXIT_SVC);
    if (pgm) {
        g_assert_cmphex(e.pgm_code, ==, pgm);
    }
    return e;
}

static const uint8_t VFA_D[] = { 0xe7, 0x31, 0x20, 0x00, 0x30, 0xe3 };  /* vfadb %v3,%v1,%v2 */
static const uint8_t VFA_E[] = { 0xe7, 0x31, 0x20, 0x00, 0x20, 0xe3 };  /* vfasb */
static const uint8_t VFA_X[] = { 0xe7, 0x31, 0x20, 0x00, 0x40, 0xe3 };  /* vfa ...,4,0 */
static const uint8_t VFA_M5[] = { 0xe7, 0x31, 0x20, 0x01, 0x30, 0xe3 }; /* vfa ...,3,1 */
static const uint8_t VFD_D[] = { 0xe7, 0x31, 0x20, 0x00, 0x30, 0xe5 };  /* vfddb */
static const uint8_t VFM_D[] = { 0xe7, 0x31, 0x20, 0x00, 0x30, 0xe7 };  /* vfmdb */

/*
 * Element 1 of VFADB is an SNaN with the invalid mask on: the
 * vector-processing exception with VXC 0x11 (element 1, invalid), in the
 * FPC's DXC byte; the instruction is suppressed: V3 unchanged, and the
 * inexact flag of element 0 (1 + 2^-60) not set.  Delivered: interruption
 * code 0x1B, the VXC at 0x93, the old PSW past the instruction.
 */
static void test_vxc_suppression(void)
{
    UvCpu *cpu = vfp_cpu(VFA_D, 0x80000000, false);
    UvCpuExit e;

    set_vr(cpu, 1, D_ONE, D_SNAN);
    set_vr(cpu, 2, D_TINY, D_ONE);
    set_vr(cpu, 3, 0x1111, 0x2222);
    e = run_expect(cpu, UVCPU_PGM_VECTOR_PROC);
    g_assert_cmphex(e.dxc, ==, 0x11);
    g_assert_cmpuint(e.ilc, ==, 6);
    g_assert_cmphex(uvcpu_regs(cpu)->fpc, ==, 0x80001100);
    assert_vr(cpu, 3, 0x1111, 0x2222);
    uvcpu_free(cpu);

    cpu = vfp_cpu(VFA_D, 0x80000000, true);
    set_vr(cpu, 1, D_ONE, D_SNAN);
    set_vr(cpu, 2, D_TINY, D_ONE);
    set_psw_at(0x1d0, UVCPU_PSW_MASK_WAIT | PSW_64, 0x4000);
    e = uvcpu_run(cpu, 10);
    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_DISABLED_WAIT);
    g_assert_cmphex(ld_be(0x8c, 4), ==, 0x0006001b);
    g_assert_cmphex(ld_be(0x90, 4), ==, 0x11);
    g_assert_cmphex(ld_be(0x158, 8), ==, CODE + 6);
    uvcpu_free(cpu);

    /* Masks off: the result, the flags of both elements. */
    cpu = vfp_cpu(VFA_D, 0, false);
    set_vr(cpu, 1, D_ONE, D_SNAN);
    set_vr(cpu, 2, D_TINY, D_ONE);
    run_expect(cpu, 0);
    assert_vr(cpu, 3, D_ONE, 0x7ff8000000000002ULL);
    g_assert_cmphex(uvcpu_regs(cpu)->fpc, ==, 0x00880000);
    uvcpu_free(cpu);
}

/* One trapping element: @insn on V1 = {@a0, @a1}, V2 = {@b0, @b1}. */
static void check_vxc(const uint8_t *insn, uint32_t fpc, uint64_t a0,
                      uint64_t a1, uint64_t b0, uint64_t b1, uint8_t vxc)
{
    UvCpu *cpu = vfp_cpu(insn, fpc, false);
    UvCpuExit e;

    set_vr(cpu, 1, a0, a1);
    set_vr(cpu, 2, b0, b1);
    e = run_expect(cpu, UVCPU_PGM_VECTOR_PROC);
    g_assert_cmphex(e.dxc, ==, vxc);
    g_assert_cmphex(uvcpu_regs(cpu)->fpc, ==, fpc | (uint32_t)vxc << 8);
    assert_vr(cpu, 3, 0, 0);
    uvcpu_free(cpu);
}

/*
 * The VXC's classes: 2 divide by zero, 3 overflow, 4 underflow, 5
 * inexact, with the element index.  An exact tiny result (2^-1023) is an
 * underflow when the underflow mask is on (PoP; QEMU 7.2 only signals
 * inexact ones).  Only the lowest trapping element counts.
 */
static void test_vxc_classes(void)
{
    check_vxc(VFD_D, 0x40000000, D_ONE, D_ONE, D_ONE, 0, 0x12);
    check_vxc(VFM_D, 0x20000000, D_MAX, D_ONE, D_TWO, D_ONE, 0x03);
    check_vxc(VFM_D, 0x10000000, D_ONE, D_MIN_NORM, D_ONE, D_HALF, 0x14);
    check_vxc(VFA_D, 0x08000000, D_ONE, D_ONE, D_TINY, D_TINY, 0x05);
    /* Element 0 (divide by zero) before element 1 (invalid, 0/0). */
    check_vxc(VFD_D, 0xc0000000, D_ONE, 0, 0, 0, 0x02);
}

static const uint8_t VFI_XXC[] = { 0xe7, 0x31, 0x00, 0x54, 0x30, 0xc7 };  /* vfi %v3,%v1,3,4,5 */
static const uint8_t VCGD_XXC[] = { 0xe7, 0x31, 0x00, 0x54, 0x30, 0xc2 }; /* vcgd %v3,%v1,3,4,5 */

/*
 * With the inexact-suppression control (M4 0x4) an inexact result is not
 * an exception: no flag and no trap even with the mask on (PoP; QEMU 7.2
 * still sets the flag).  1.5 toward zero is 1.
 */
static void test_xxc(void)
{
    UvCpu *cpu = vfp_cpu(VFI_XXC, 0x08000000, false);

    set_vr(cpu, 1, D_1_5, D_NEG_ONE);
    run_expect(cpu, 0);
    assert_vr(cpu, 3, D_ONE, D_NEG_ONE);
    g_assert_cmphex(uvcpu_regs(cpu)->fpc, ==, 0x08000000);
    uvcpu_free(cpu);

    cpu = vfp_cpu(VCGD_XXC, 0, false);
    set_vr(cpu, 1, D_1_5, 0xc004000000000000ULL);      /* -2.5 */
    run_expect(cpu, 0);
    assert_vr(cpu, 3, 1, (uint64_t)-2);
    g_assert_cmphex(uvcpu_regs(cpu)->fpc, ==, 0);
    uvcpu_free(cpu);
}

/* vfmadb %v3,%v1,%v2,%v4 */
static const uint8_t VFMA_D[] = { 0xe7, 0x31, 0x23, 0x00, 0x40, 0x8f };

/*
 * Multiply and add: an SNaN addend wins over a QNaN multiplicand (PoP
 * 9-5: SNaNs first; QEMU 7.2 takes the first NaN), made quiet, invalid.
 */
static void test_fma_snan_first(void)
{
    UvCpu *cpu = vfp_cpu(VFMA_D, 0, false);

    set_vr(cpu, 1, D_QNAN, D_ONE);
    set_vr(cpu, 2, D_ONE, D_SNAN);
    set_vr(cpu, 4, D_SNAN, D_QNAN);
    run_expect(cpu, 0);
    assert_vr(cpu, 3, 0x7ff8000000000002ULL, 0x7ff8000000000002ULL);
    g_assert_cmphex(uvcpu_regs(cpu)->fpc, ==, 0x00800000);
    uvcpu_free(cpu);
}

static const uint8_t VFCE_CS[] = { 0xe7, 0x31, 0x20, 0x10, 0x30, 0xe8 };  /* vfce ...,3,0,1 */
static const uint8_t VFCH_CS[] = { 0xe7, 0x31, 0x20, 0x10, 0x30, 0xeb };  /* vfch ...,3,0,1 */
static const uint8_t WFC_D[] = { 0xe7, 0x12, 0x00, 0x00, 0x30, 0xcb };    /* wfcdb %v1,%v2 */
static const uint8_t WFK_D[] = { 0xe7, 0x12, 0x00, 0x00, 0x30, 0xca };    /* wfkdb %v1,%v2 */

/* The compares: masks and CC with CS (0 all, 1 some, 3 none); WFC is
 * quiet, WFK signals invalid for a QNaN. */
static void test_compares(void)
{
    UvCpu *cpu = vfp_cpu(VFCE_CS, 0, false);

    set_vr(cpu, 1, D_ONE, D_TWO);
    set_vr(cpu, 2, D_ONE, D_1_5);
    run_expect(cpu, 0);
    assert_vr(cpu, 3, UINT64_MAX, 0);
    g_assert_cmpuint(cc_of(cpu), ==, 1);
    uvcpu_free(cpu);

    cpu = vfp_cpu(VFCH_CS, 0, false);
    set_vr(cpu, 1, D_ONE, D_QNAN);
    set_vr(cpu, 2, D_TWO, D_ONE);
    run_expect(cpu, 0);
    assert_vr(cpu, 3, 0, 0);
    g_assert_cmpuint(cc_of(cpu), ==, 3);
    g_assert_cmphex(uvcpu_regs(cpu)->fpc, ==, 0);
    uvcpu_free(cpu);

    cpu = vfp_cpu(WFC_D, 0, false);
    set_vr(cpu, 1, D_QNAN, 0);
    set_vr(cpu, 2, D_ONE, 0);
    run_expect(cpu, 0);
    g_assert_cmpuint(cc_of(cpu), ==, 3);
    g_assert_cmphex(uvcpu_regs(cpu)->fpc, ==, 0);
    uvcpu_free(cpu);

    cpu = vfp_cpu(WFK_D, 0, false);
    set_vr(cpu, 1, D_QNAN, 0);
    set_vr(cpu, 2, D_ONE, 0);
    run_expect(cpu, 0);
    g_assert_cmpuint(cc_of(cpu), ==, 3);
    g_assert_cmphex(uvcpu_regs(cpu)->fpc, ==, 0x00800000);
    uvcpu_free(cpu);

    cpu = vfp_cpu(WFK_D, 0x80000000, false);
    set_vr(cpu, 1, D_ONE, 0);
    set_vr(cpu, 2, D_QNAN, 0);
    g_assert_cmphex(run_expect(cpu, UVCPU_PGM_VECTOR_PROC).dxc, ==, 0x01);
    uvcpu_free(cpu);
}

static const uint8_t VFNMA_D[] = { 0xe7, 0x31, 0x23, 0x00, 0x40, 0x9f };   /* vfnmadb */
static const uint8_t VCEFB[] = { 0xe7, 0x31, 0x00, 0x00, 0x20, 0xc3 };     /* vcdg ...,2,0,0 */

/* A CPU with only the base vector facility (a z13's): 135 and 148 off. */
static UvCpu *vfp_cpu_base(const uint8_t *insn, uint32_t fpc, bool deliver)
{
    UvCpu *cpu = vfp_cpu(insn, fpc, deliver);

    uvcpu_set_facility(cpu, 135, false);
    uvcpu_set_facility(cpu, 148, false);
    return cpu;
}

/*
 * The short and extended formats need vector-enhancements 1 (135),
 * extended only as a single element; VFNMA is 135's (an operation
 * exception without); the 32-bit conversions need 148.  Reserved M5 bits
 * are a specification exception.
 */
static void test_facilities(void)
{
    UvCpu *cpu = vfp_cpu_base(VFA_E, 0, false);

    run_expect(cpu, UVCPU_PGM_SPECIFICATION);
    uvcpu_set_facility(cpu, 135, true);
    uvcpu_regs(cpu)->psw_addr = CODE;
    set_vr(cpu, 1, 0x3f80000040000000ULL, 0x7f7fffff00800000ULL);
    set_vr(cpu, 2, 0x3f80000040000000ULL, 0x7f7fffff80800000ULL);
    run_expect(cpu, 0);
    /* 1+1, 2+2, MAX+MAX = inf (overflow, inexact), 2^-126 - 2^-126 = +0 */
    assert_vr(cpu, 3, 0x4000000040800000ULL, 0x7f80000000000000ULL);
    g_assert_cmphex(uvcpu_regs(cpu)->fpc, ==, 0x00280000);
    uvcpu_free(cpu);

    cpu = vfp_cpu_base(VFA_X, 0, false);
    uvcpu_set_facility(cpu, 135, true);
    run_expect(cpu, UVCPU_PGM_SPECIFICATION);
    uvcpu_free(cpu);

    cpu = vfp_cpu_base(VFA_M5, 0, false);
    run_expect(cpu, UVCPU_PGM_SPECIFICATION);
    uvcpu_free(cpu);

    cpu = vfp_cpu_base(VFNMA_D, 0, false);
    run_expect(cpu, UVCPU_PGM_OPERATION);
    uvcpu_free(cpu);

    cpu = vfp_cpu_base(VCEFB, 0, false);
    uvcpu_set_facility(cpu, 135, true);
    run_expect(cpu, UVCPU_PGM_SPECIFICATION);
    uvcpu_set_facility(cpu, 148, true);
    uvcpu_regs(cpu)->psw_addr = CODE;
    set_vr(cpu, 1, 0x00000001fffffffeULL, 0x000000037fffffffULL);
    run_expect(cpu, 0);
    /* 1, -2, 3, 2^31 - 1 rounded to 2^31 (inexact) */
    assert_vr(cpu, 3, 0x3f800000c0000000ULL, 0x404000004f000000ULL);
    g_assert_cmphex(uvcpu_regs(cpu)->fpc, ==, 0x00080000);
    uvcpu_free(cpu);
}

/*
 * VFNMA negates the sum before rounding: 1 * 1 + -1 is an exact +0
 * whose negation is -0; 1 * 2^-60 + 1 rounded up (FPC mode 2, toward
 * +inf) is -(1 + 2^-60) rounded up: -1.
 */
static void test_vfnma(void)
{
    UvCpu *cpu = vfp_cpu(VFNMA_D, 2, false);

    uvcpu_set_facility(cpu, 135, true);
    set_vr(cpu, 1, D_ONE, D_ONE);
    set_vr(cpu, 2, D_ONE, D_TINY);
    set_vr(cpu, 4, D_NEG_ONE, D_ONE);
    run_expect(cpu, 0);
    assert_vr(cpu, 3, D_NEG_ZERO, D_NEG_ONE);
    g_assert_cmphex(uvcpu_regs(cpu)->fpc, ==, 0x00080002);
    uvcpu_free(cpu);
}

static const uint8_t VFMAX_IEEE[] = { 0xe7, 0x31, 0x20, 0x00, 0x30, 0xef };
static const uint8_t VFMAX_JAVA[] = { 0xe7, 0x31, 0x20, 0x10, 0x30, 0xef };
static const uint8_t VFMAX_C[] = { 0xe7, 0x31, 0x20, 0x20, 0x30, 0xef };

/* VFMAX with {QNaN, -0} and {1, +0} under the IEEE, Java and C types. */
static void check_vfmax(const uint8_t *insn, uint64_t r0, uint64_t r1,
                        uint32_t fpc)
{
    UvCpu *cpu = vfp_cpu(insn, 0, false);

    uvcpu_set_facility(cpu, 135, true);
    set_vr(cpu, 1, D_QNAN, D_NEG_ZERO);
    set_vr(cpu, 2, D_ONE, 0);
    run_expect(cpu, 0);
    assert_vr(cpu, 3, r0, r1);
    g_assert_cmphex(uvcpu_regs(cpu)->fpc, ==, fpc);
    uvcpu_free(cpu);
}

static void test_vfmax(void)
{
    /* maxNum: the number beats a QNaN; -0 below +0. */
    check_vfmax(VFMAX_IEEE, D_ONE, 0, 0);
    /* Java: the NaN; +0. */
    check_vfmax(VFMAX_JAVA, D_QNAN, 0, 0);
    /* C macro a > b ? a : b: b, invalid for the NaN; b for the zeros. */
    check_vfmax(VFMAX_C, D_ONE, 0, 0x00800000);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/uvcpu-vfp/vxc-suppression", test_vxc_suppression);
    g_test_add_func("/uvcpu-vfp/vxc-classes", test_vxc_classes);
    g_test_add_func("/uvcpu-vfp/xxc", test_xxc);
    g_test_add_func("/uvcpu-vfp/fma-snan-first", test_fma_snan_first);
    g_test_add_func("/uvcpu-vfp/compares", test_compares);
    g_test_add_func("/uvcpu-vfp/facilities", test_facilities);
    g_test_add_func("/uvcpu-vfp/vfnma", test_vfnma);
    g_test_add_func("/uvcpu-vfp/vfmax", test_vfmax);
    return g_test_run();
}
