/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-uvcpu-vxeh.c - uvsim's CPU: the non-floating-point instructions
 * of the vector-enhancements facilities 1 (135) and 2 (148), with what
 * the oracle cannot judge: the facilities' gating and reserved fields,
 * and exact values for VSTRS's corner cases (zero search: no match after
 * the string's end, no partial match; QEMU 7.2.0 got these wrong, the
 * 7.2 stable releases have the fix).  Every expected value is worked out
 * from the Principles of Operation.
 */
#include "uvcpu-harness.h"

#define CR0_AFP    0x40000ULL       /* bit 45 */
#define CR0_VECTOR 0x20000ULL       /* bit 46 */
#define SVC0 0x0a, 0x00

/* A supervisor CPU at CODE, vector registers enabled, 135 and 148 on. */
static UvCpu *vxeh_cpu(const uint8_t *code, size_t len)
{
    UvCpu *cpu = sys_cpu(code, len, false);

    uvcpu_regs(cpu)->cregs[0] = CR0_AFP | CR0_VECTOR;
    uvcpu_set_facility(cpu, 135, true);
    uvcpu_set_facility(cpu, 148, true);
    return cpu;
}

static void run_to_svc(UvCpu *cpu)
{
    UvCpuExit e = uvcpu_run(cpu, 100);

    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_SVC);
}

static void run_to_pgm(UvCpu *cpu, uint16_t code)
{
    UvCpuExit e = uvcpu_run(cpu, 100);

    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_PROGRAM);
    g_assert_cmphex(e.pgm_code, ==, code);
}

/* Without the facilities (uvcpu_new()'s default) the rows do not exist;
 * VPOPCT takes only byte elements. */
static void test_facilities_off(void)
{
    static const uint8_t vlbr[] = {
        0xe6, 0x10, 0x01, 0x00, 0x10, 0x06,                  /* vlbrh %v1,256 */
        SVC0,
    };
    static const uint8_t vpopct[] = {
        0xe7, 0x12, 0x00, 0x00, 0x30, 0x50,                  /* vpopctg %v1,%v2 */
        SVC0,
    };
    UvCpu *cpu = sys_cpu(vlbr, sizeof(vlbr), false);

    uvcpu_regs(cpu)->cregs[0] = CR0_AFP | CR0_VECTOR;
    g_assert_true(uvcpu_has_facility(cpu, 148));
    uvcpu_set_facility(cpu, 148, false);        /* a z14's CPU */
    run_to_pgm(cpu, UVCPU_PGM_OPERATION);
    uvcpu_free(cpu);

    cpu = sys_cpu(vpopct, sizeof(vpopct), false);
    uvcpu_regs(cpu)->cregs[0] = CR0_AFP | CR0_VECTOR;
    uvcpu_set_facility(cpu, 135, false);        /* a z13's CPU */
    run_to_pgm(cpu, UVCPU_PGM_SPECIFICATION);
    uvcpu_free(cpu);

    cpu = vxeh_cpu(vpopct, sizeof(vpopct));
    set_vr(cpu, 2, UINT64_MAX, 0x0101);
    run_to_svc(cpu);
    assert_vr(cpu, 1, 64, 2);
    uvcpu_free(cpu);
}

/* The reversed loads and stores on the bytes 00 01 ... 0f at 0x100. */
static void test_reversed(void)
{
    static const uint8_t code[] = {
        0xe6, 0x10, 0x01, 0x00, 0x10, 0x06,                  /* vlbrh %v1,256 */
        0xe6, 0x20, 0x01, 0x00, 0x40, 0x06,                  /* vlbrq %v2,256 */
        0xe6, 0x30, 0x01, 0x00, 0x20, 0x07,                  /* vlerf %v3,256 */
        0xe6, 0x40, 0x01, 0x20, 0x30, 0x0f,                  /* vsterg %v4,288 */
        0xe6, 0x40, 0x01, 0x30, 0x10, 0x0b,                  /* vstebrf %v4,304,1 */
        0xe6, 0x50, 0x01, 0x00, 0x60, 0x04,                  /* vllebrz %v5,256,6 */
        0xe6, 0x60, 0x01, 0x00, 0x10, 0x05,                  /* vlbrreph %v6,256 */
        0xe6, 0x70, 0x01, 0x00, 0x10, 0x02,                  /* vlebrg %v7,256,1 */
        0xe7, 0x80, 0x01, 0x00, 0x60, 0x04,                  /* vllezlf %v8,256 */
        SVC0,
    };
    UvCpu *cpu = vxeh_cpu(code, sizeof(code));
    unsigned i;

    for (i = 0; i < 16; i++) {
        mem[0x100 + i] = i;
    }
    set_vr(cpu, 4, 0x1122334455667788ULL, 0x99aabbccddeeff00ULL);
    set_vr(cpu, 7, 0x5555555555555555ULL, 0x5555555555555555ULL);
    run_to_svc(cpu);
    assert_vr(cpu, 1, 0x0100030205040706ULL, 0x09080b0a0d0c0f0eULL);
    assert_vr(cpu, 2, 0x0f0e0d0c0b0a0908ULL, 0x0706050403020100ULL);
    assert_vr(cpu, 3, 0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    g_assert_cmphex(ld_be(0x120, 8), ==, 0x99aabbccddeeff00ULL);
    g_assert_cmphex(ld_be(0x128, 8), ==, 0x1122334455667788ULL);
    g_assert_cmphex(ld_be(0x130, 4), ==, 0x88776655);
    assert_vr(cpu, 5, 0x0302010000000000ULL, 0);
    assert_vr(cpu, 6, 0x0100010001000100ULL, 0x0100010001000100ULL);
    assert_vr(cpu, 7, 0x5555555555555555ULL, 0x0706050403020100ULL);
    assert_vr(cpu, 8, 0x0001020300000000ULL, 0);
    uvcpu_free(cpu);
}

/* Reserved element sizes: VLER has no quadword, VLLEBRZ no M3 4. */
static void test_reversed_reserved(void)
{
    static const uint8_t vler[] = {
        0xe6, 0x30, 0x01, 0x00, 0x40, 0x07,                  /* vler %v3,256,4 */
        SVC0,
    };
    static const uint8_t vllebrz[] = {
        0xe6, 0x50, 0x01, 0x00, 0x40, 0x04,                  /* vllebrz %v5,256,4 */
        SVC0,
    };
    UvCpu *cpu = vxeh_cpu(vler, sizeof(vler));

    run_to_pgm(cpu, UVCPU_PGM_SPECIFICATION);
    uvcpu_free(cpu);
    cpu = vxeh_cpu(vllebrz, sizeof(vllebrz));
    run_to_pgm(cpu, UVCPU_PGM_SPECIFICATION);
    uvcpu_free(cpu);
}

/* VSLD/VSRD by 4 bits of V1:V2; an I4 above 7 is a specification
 * exception. */
static void test_shift_double(void)
{
    static const uint8_t code[] = {
        0xe7, 0x81, 0x20, 0x04, 0x00, 0x86,                  /* vsld %v8,%v1,%v2,4 */
        0xe7, 0x91, 0x20, 0x04, 0x00, 0x87,                  /* vsrd %v9,%v1,%v2,4 */
        0xe7, 0x81, 0x20, 0x08, 0x00, 0x86,                  /* vsld %v8,%v1,%v2,8 */
        SVC0,
    };
    UvCpu *cpu = vxeh_cpu(code, sizeof(code));

    set_vr(cpu, 1, 0x0123456789abcdefULL, 0xfedcba987654321fULL);
    set_vr(cpu, 2, 0x8000000000000000ULL, 1);
    run_to_pgm(cpu, UVCPU_PGM_SPECIFICATION);
    assert_vr(cpu, 8, 0x123456789abcdeffULL, 0xedcba987654321f8ULL);
    assert_vr(cpu, 9, 0xf800000000000000ULL, 0);
    uvcpu_free(cpu);
}

/*
 * VMSL: 2*5 doubled + 3*7 doubled + 1 = 63; (2^64-1)^2 + 0 =
 * 2^128 - 2^65 + 1 (M6 0); M5 other than 3 is a specification exception.
 */
static void test_vmsl(void)
{
    static const uint8_t code[] = {
        0xe7, 0x12, 0x33, 0xc0, 0x40, 0xb8,      /* vmsl %v1,%v2,%v3,%v4,3,12 */
        0xe7, 0x56, 0x63, 0x00, 0x70, 0xb8,      /* vmsl %v5,%v6,%v6,%v7,3,0 */
        0xe7, 0x12, 0x32, 0x00, 0x40, 0xb8,      /* vmsl %v1,%v2,%v3,%v4,2,0 */
        SVC0,
    };
    UvCpu *cpu = vxeh_cpu(code, sizeof(code));

    set_vr(cpu, 2, 2, 3);
    set_vr(cpu, 3, 5, 7);
    set_vr(cpu, 4, 0, 1);
    set_vr(cpu, 6, UINT64_MAX, 0);
    set_vr(cpu, 7, 0, 0);
    run_to_pgm(cpu, UVCPU_PGM_SPECIFICATION);
    assert_vr(cpu, 1, 0, 63);
    assert_vr(cpu, 5, 0xfffffffffffffffeULL, 1);
    uvcpu_free(cpu);
}

/* VBPERM: bit numbers 0, 127, 1, 128, 255, 0 x 10, 127 of V2 = bits 0 and
 * 127 set: 1100 0111 1111 1111 into bits 48-63. */
static void test_vbperm(void)
{
    static const uint8_t code[] = {
        0xe7, 0x12, 0x30, 0x00, 0x00, 0x85,                  /* vbperm %v1,%v2,%v3 */
        SVC0,
    };
    UvCpu *cpu = vxeh_cpu(code, sizeof(code));

    set_vr(cpu, 1, UINT64_MAX, UINT64_MAX);
    set_vr(cpu, 2, 0x8000000000000000ULL, 1);
    set_vr(cpu, 3, 0x007f0180ff000000ULL, 0x000000000000007fULL);
    run_to_svc(cpu);
    assert_vr(cpu, 1, 0xc7ff, 0);
    uvcpu_free(cpu);
}

/* One VSTRS (M5 @es, M6 @m6) of V2 for V3, length V4; V1 and the CC. */
static void check_vstrs(unsigned es, unsigned m6, const uint64_t v2[2],
                        const uint64_t v3[2], uint64_t len,
                        uint64_t want_index, unsigned want_cc)
{
    const uint8_t code[] = {
        0xe7, 0x12, 0x30 | es, m6 << 4, 0x40, 0x8b,     /* vstrs %v1,%v2,%v3,%v4 */
        SVC0,
    };
    UvCpu *cpu = vxeh_cpu(code, sizeof(code));

    set_vr(cpu, 1, UINT64_MAX, UINT64_MAX);
    set_vr(cpu, 2, v2[0], v2[1]);
    set_vr(cpu, 3, v3[0], v3[1]);
    set_vr(cpu, 4, len, UINT64_MAX);
    run_to_svc(cpu);
    assert_vr(cpu, 1, want_index, 0);
    g_assert_cmpuint(cc_of(cpu), ==, want_cc);
    uvcpu_free(cpu);
}

static void test_vstrs(void)
{
    /* A match after the string's zero byte does not count (CC 1). */
    static const uint64_t ign2[2] = { 0x222000205e410000ULL, 0 };
    static const uint64_t ign3[2] = { 0x205e410000000000ULL, 0 };
    /* An empty substring is a full match at 0. */
    static const uint64_t empty2[2] = { 0x5300000000000000ULL, 0 };
    static const uint64_t zero[2] = { 0, 0 };
    /* 16 zero bytes against 7 bytes and 9 zeros: partial match at 7. */
    static const uint64_t max2[2] = { 0x1122334455667700ULL, 0 };
    /* No match, a zero byte: index 16, CC 1. */
    static const uint64_t nom2[2] = { 0xffffff000fffff00ULL, 0x82b };
    static const uint64_t nom3[2] = { 0xfffffffeffffffffULL,
                                      0xffffffff00000000ULL };
    /* With ZS and a zero byte there is no partial match: "DE" against
     * "ABCD" and zeros (QEMU 7.2.0: CC 3 at 3). */
    static const uint64_t part2[2] = { 0x4142434400000000ULL, 0 };
    static const uint64_t part3[2] = { 0x4445000000000000ULL, 0 };
    /* Halfwords 3, 4, 5 in 1 ... 8: full match at byte 4. */
    static const uint64_t h2[2] = { 0x0001000200030004ULL,
                                    0x0005000600070008ULL };
    static const uint64_t h3[2] = { 0x0003000400050000ULL, 0 };
    /* Without ZS the end of V2 makes partial matches: 7, 8 at byte 12. */
    static const uint64_t h4[2] = { 0x0007000800090000ULL, 0 };

    check_vstrs(0, 2, ign2, ign3, 3, 16, 1);
    check_vstrs(0, 0, empty2, zero, 0, 0, 2);
    check_vstrs(0, 0, max2, zero, 16, 7, 3);
    check_vstrs(0, 2, nom2, nom3, 11, 16, 1);
    check_vstrs(0, 2, part2, part3, 2, 16, 1);
    check_vstrs(0, 0, part2, part3, 2, 16, 0);
    check_vstrs(1, 0, h2, h3, 6, 4, 2);
    check_vstrs(1, 2, h2, h3, 6, 4, 2);
    check_vstrs(1, 0, h2, h4, 6, 12, 3);
}

/* VSTRS: element size 3 and M6 bits other than ZS are reserved. */
static void test_vstrs_reserved(void)
{
    static const uint8_t es3[] = {
        0xe7, 0x12, 0x33, 0x00, 0x40, 0x8b,      /* vstrs %v1,%v2,%v3,%v4,3,0 */
        SVC0,
    };
    static const uint8_t m6[] = {
        0xe7, 0x12, 0x30, 0x10, 0x40, 0x8b,      /* vstrs %v1,%v2,%v3,%v4,0,1 */
        SVC0,
    };
    UvCpu *cpu = vxeh_cpu(es3, sizeof(es3));

    run_to_pgm(cpu, UVCPU_PGM_SPECIFICATION);
    uvcpu_free(cpu);
    cpu = vxeh_cpu(m6, sizeof(m6));
    run_to_pgm(cpu, UVCPU_PGM_SPECIFICATION);
    uvcpu_free(cpu);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/uvcpu-vxeh/facilities-off", test_facilities_off);
    g_test_add_func("/uvcpu-vxeh/reversed", test_reversed);
    g_test_add_func("/uvcpu-vxeh/reversed-reserved", test_reversed_reserved);
    g_test_add_func("/uvcpu-vxeh/shift-double", test_shift_double);
    g_test_add_func("/uvcpu-vxeh/vmsl", test_vmsl);
    g_test_add_func("/uvcpu-vxeh/vbperm", test_vbperm);
    g_test_add_func("/uvcpu-vxeh/vstrs", test_vstrs);
    g_test_add_func("/uvcpu-vxeh/vstrs-reserved", test_vstrs_reserved);
    return g_test_run();
}
