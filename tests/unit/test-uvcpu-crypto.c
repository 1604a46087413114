/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-uvcpu-crypto.c - uvsim's CPU: the CPACF instructions as far as
 * they go (query functions, KIMD/KLMD SHA-512, PRNO TRNG) and their
 * specification exceptions, as kvm-unit-tests' emulator checks them.
 * SHA-512 results are FIPS 180-4's "abc" example, and OpenSSL's one-shot
 * SHA512() (its own padding) for longer messages.
 */
#include <openssl/sha.h>
#include "uvcpu-harness.h"

#define SVC0 0x0a, 0x00
#define PARM 0x8000                /* GR1: the parameter block */
#define MSG  0x30000               /* GR4: the message / first buffer */
#define BUF2 0x38000               /* GR2 of PRNO */

static const uint64_t sha512_iv[8] = {
    0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL,
    0xa54ff53a5f1d36f1ULL, 0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
    0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
};

/* @insn (4 bytes), SVC 0; GR0 = @gr0, GR1 = PARM. */
static UvCpu *crypto_cpu(const uint8_t insn[4], uint64_t gr0)
{
    uint8_t code[6] = { insn[0], insn[1], insn[2], insn[3], SVC0 };
    UvCpu *cpu = sys_cpu(code, sizeof(code), false);

    uvcpu_regs(cpu)->regs[0] = gr0;
    uvcpu_regs(cpu)->regs[1] = PARM;
    return cpu;
}

static void run_svc(UvCpu *cpu)
{
    g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==, UVCPU_EXIT_SVC);
}

static void run_pgm(UvCpu *cpu, uint16_t code)
{
    UvCpuExit e = uvcpu_run(cpu, 10);

    g_assert_cmpint(e.reason, ==, UVCPU_EXIT_PROGRAM);
    g_assert_cmphex(e.pgm_code, ==, code);
}

/* Query: 16 bytes, bit n for function code n; CC 0 (PCKMO keeps it). */
static void test_query(void)
{
    static const struct {
        uint8_t insn[4];
        uint64_t hi, lo;
    } q[] = {
        { { 0xb9, 0x3e, 0x00, 0x04 }, 0x9000000000000000ULL, 0 },  /* KIMD */
        { { 0xb9, 0x3f, 0x00, 0x04 }, 0x9000000000000000ULL, 0 },  /* KLMD */
        { { 0xb9, 0x3c, 0x00, 0x24 }, 0x8000000000000000ULL,
          0x0000000000002000ULL },                                /* PRNO */
        { { 0xb9, 0x2e, 0x00, 0x24 }, 0x8000000000000000ULL, 0 },  /* KM */
        { { 0xb9, 0x2d, 0x60, 0x24 }, 0x8000000000000000ULL, 0 },  /* KMCTR */
        { { 0xb9, 0x29, 0x60, 0x24 }, 0x8000000000000000ULL, 0 },  /* KMA */
    };
    UvCpu *cpu;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(q); i++) {
        cpu = crypto_cpu(q[i].insn, 0);
        memset(mem + PARM, 0xee, 32);
        uvcpu_regs(cpu)->psw_mask |= 2ULL << UVCPU_PSW_SHIFT_CC;
        run_svc(cpu);
        g_assert_cmpuint(cc_of(cpu), ==, 0);
        g_assert_cmphex(ld_be(PARM, 8), ==, q[i].hi);
        g_assert_cmphex(ld_be(PARM + 8, 8), ==, q[i].lo);
        g_assert_cmphex(mem[PARM + 16], ==, 0xee);
        uvcpu_free(cpu);
    }

    cpu = crypto_cpu((const uint8_t[]) { 0xb9, 0x28, 0x00, 0x00 }, 0);
    uvcpu_regs(cpu)->psw_mask |= 2ULL << UVCPU_PSW_SHIFT_CC;
    run_svc(cpu);
    g_assert_cmpuint(cc_of(cpu), ==, 2);
    g_assert_cmphex(ld_be(PARM, 8), ==, 0x8000000000000000ULL);
    uvcpu_free(cpu);
}

/* Register, modifier and function-code specification exceptions. */
static void test_exceptions(void)
{
    static const struct {
        uint8_t insn[4];
        uint64_t gr0;
        uint16_t pgm;
    } x[] = {
        { { 0xb9, 0x2e, 0x00, 0x34 }, 0, UVCPU_PGM_SPECIFICATION },  /* KM r1 odd */
        { { 0xb9, 0x2e, 0x00, 0x04 }, 0, UVCPU_PGM_SPECIFICATION },  /* KM r1 0 */
        { { 0xb9, 0x3e, 0x00, 0x03 }, 0, UVCPU_PGM_SPECIFICATION },  /* KIMD r2 odd */
        { { 0xb9, 0x2d, 0x00, 0x24 }, 0, UVCPU_PGM_SPECIFICATION },  /* KMCTR r3 0 */
        { { 0xb9, 0x29, 0x20, 0x24 }, 0, UVCPU_PGM_SPECIFICATION },  /* KMA r3 = r1 */
        { { 0xb9, 0x3e, 0x00, 0x04 }, 0x80, UVCPU_PGM_SPECIFICATION }, /* KIMD mod */
        { { 0xb9, 0x3e, 0x00, 0x04 }, 127, UVCPU_PGM_SPECIFICATION },  /* fc 127 */
        { { 0xb9, 0x2e, 0x00, 0x24 }, 3, UVCPU_PGM_SPECIFICATION },    /* KM fc 3 */
        { { 0xb9, 0x3e, 0x00, 0x04 }, 0xffffffffffffff00ULL, UVCPU_PGM_ADDRESSING },
    };
    UvCpu *cpu;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(x); i++) {
        cpu = crypto_cpu(x[i].insn, x[i].gr0);
        if (x[i].pgm == UVCPU_PGM_ADDRESSING) {
            uvcpu_regs(cpu)->regs[0] = 0;
            uvcpu_regs(cpu)->regs[1] = x[i].gr0;
        }
        run_pgm(cpu, x[i].pgm);
        uvcpu_free(cpu);
    }

    /* Delivered: ILC 2 (4 bytes), code 6, the old PSW past KM. */
    cpu = crypto_cpu((const uint8_t[]) { 0xb9, 0x2e, 0x00, 0x34 }, 0);
    uvcpu_set_delivery(cpu, true);
    set_psw_at(0x1d0, UVCPU_PSW_MASK_WAIT | PSW_64, 0x7000);
    g_assert_cmpint(uvcpu_run(cpu, 10).reason, ==, UVCPU_EXIT_DISABLED_WAIT);
    g_assert_cmphex(ld_be(0x8c, 4), ==, 0x00040006);
    g_assert_cmphex(ld_be(0x158, 8), ==, CODE + 4);
    uvcpu_free(cpu);

    /* KM's modifier is allowed: the query still answers. */
    cpu = crypto_cpu((const uint8_t[]) { 0xb9, 0x2e, 0x00, 0x24 }, 0x80);
    run_svc(cpu);
    uvcpu_free(cpu);

    /* The parameter block under low-address protection. */
    cpu = crypto_cpu((const uint8_t[]) { 0xb9, 0x3e, 0x00, 0x04 }, 0);
    uvcpu_regs(cpu)->regs[1] = 8;
    uvcpu_regs(cpu)->cregs[0] = 0x10000000;
    run_pgm(cpu, UVCPU_PGM_PROTECTION);
    uvcpu_free(cpu);

    /* PCKMO is privileged; without facility 17 KIMD is no instruction. */
    cpu = crypto_cpu((const uint8_t[]) { 0xb9, 0x28, 0x00, 0x00 }, 0);
    uvcpu_regs(cpu)->psw_mask |= UVCPU_PSW_MASK_PSTATE;
    run_pgm(cpu, UVCPU_PGM_PRIVILEGED);
    uvcpu_free(cpu);
    cpu = crypto_cpu((const uint8_t[]) { 0xb9, 0x3e, 0x00, 0x04 }, 0);
    uvcpu_set_facility(cpu, 17, false);
    run_pgm(cpu, UVCPU_PGM_OPERATION);
    uvcpu_free(cpu);
}

static void set_sha512_parm(uint64_t bits)
{
    unsigned i;

    for (i = 0; i < 8; i++) {
        st_be(PARM + i * 8, sha512_iv[i], 8);
    }
    st_be(PARM + 64, 0, 8);
    st_be(PARM + 72, bits, 8);
}

/* KLMD-SHA-512 of "abc": FIPS 180-4's example; R2 at the end. */
static void test_klmd_abc(void)
{
    static const uint8_t digest[64] = {
        0xdd, 0xaf, 0x35, 0xa1, 0x93, 0x61, 0x7a, 0xba, 0xcc, 0x41, 0x73, 0x49,
        0xae, 0x20, 0x41, 0x31, 0x12, 0xe6, 0xfa, 0x4e, 0x89, 0xa9, 0x7e, 0xa2,
        0x0a, 0x9e, 0xee, 0xe6, 0x4b, 0x55, 0xd3, 0x9a, 0x21, 0x92, 0x99, 0x2a,
        0x27, 0x4f, 0xc1, 0xa8, 0x36, 0xba, 0x3c, 0x23, 0xa3, 0xfe, 0xeb, 0xbd,
        0x45, 0x4d, 0x44, 0x23, 0x64, 0x3c, 0xe8, 0x0e, 0x2a, 0x9a, 0xc9, 0x4f,
        0xa5, 0x4c, 0xa4, 0x9f,
    };
    UvCpu *cpu = crypto_cpu((const uint8_t[]) { 0xb9, 0x3f, 0x00, 0x04 }, 3);

    set_sha512_parm(24);
    memcpy(mem + MSG, "abc", 3);
    uvcpu_regs(cpu)->regs[4] = MSG;
    uvcpu_regs(cpu)->regs[5] = 3;
    run_svc(cpu);
    g_assert_cmpuint(cc_of(cpu), ==, 0);
    g_assert_cmpmem(mem + PARM, 64, digest, 64);
    g_assert_cmphex(ld_be(PARM + 72, 8), ==, 24);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[4], ==, MSG + 3);
    g_assert_cmphex(uvcpu_regs(cpu)->regs[5], ==, 0);
    uvcpu_free(cpu);
}

/*
 * KIMD over whole blocks, then KLMD over the rest: the SHA-512 of the
 * message, with one padding block (rest < 112) or two (rest >= 112).
 * KIMD of 64 blocks takes two executions (CC 3 after 4096 bytes).
 */
static void test_kimd_klmd(void)
{
    static const uint8_t kimd[] = { 0xb9, 0x3e, 0x00, 0x04 };
    static const uint8_t klmd[] = { 0xb9, 0x3f, 0x00, 0x04 };
    static const uint64_t lens[] = { 128 + 50, 8192 + 120, 256 };
    uint8_t want[SHA512_DIGEST_LENGTH];
    uint64_t len, whole;
    UvCpu *cpu;
    size_t i;
    unsigned j;

    for (i = 0; i < G_N_ELEMENTS(lens); i++) {
        len = lens[i];
        whole = len / 128 * 128;
        cpu = crypto_cpu(kimd, 3);
        for (j = 0; j < len; j++) {
            mem[MSG + j] = j * 13 + 5;
        }
        SHA512(mem + MSG, len, want);
        set_sha512_parm(len * 8);
        uvcpu_regs(cpu)->regs[4] = MSG;
        uvcpu_regs(cpu)->regs[5] = whole;
        run_svc(cpu);
        if (whole > 4096) {
            g_assert_cmpuint(cc_of(cpu), ==, 3);
            g_assert_cmphex(uvcpu_regs(cpu)->regs[4], ==, MSG + 4096);
            g_assert_cmphex(uvcpu_regs(cpu)->regs[5], ==, whole - 4096);
            uvcpu_regs(cpu)->psw_addr = CODE;
            run_svc(cpu);
        }
        g_assert_cmpuint(cc_of(cpu), ==, 0);
        g_assert_cmphex(uvcpu_regs(cpu)->regs[4], ==, MSG + whole);
        g_assert_cmphex(uvcpu_regs(cpu)->regs[5], ==, 0);

        memcpy(mem + CODE, klmd, sizeof(klmd));
        uvcpu_flush_code(cpu);
        uvcpu_regs(cpu)->psw_addr = CODE;
        uvcpu_regs(cpu)->regs[5] = len - whole;
        run_svc(cpu);
        g_assert_cmpuint(cc_of(cpu), ==, 0);
        g_assert_cmpmem(mem + PARM, 64, want, sizeof(want));
        g_assert_cmphex(uvcpu_regs(cpu)->regs[4], ==, MSG + len);
        uvcpu_free(cpu);
    }

    /* KIMD's length must be a multiple of the block size. */
    cpu = crypto_cpu(kimd, 3);
    uvcpu_regs(cpu)->regs[4] = MSG;
    uvcpu_regs(cpu)->regs[5] = 100;
    run_pgm(cpu, UVCPU_PGM_SPECIFICATION);
    uvcpu_free(cpu);
}

/* PRNO-TRNG fills both operands and advances their registers. */
static void test_prno_trng(void)
{
    UvCpu *cpu = crypto_cpu((const uint8_t[]) { 0xb9, 0x3c, 0x00, 0x24 }, 114);
    S390Regs *r = uvcpu_regs(cpu);
    unsigned i, nonzero = 0;

    r->regs[2] = BUF2;
    r->regs[3] = 40;
    r->regs[4] = MSG;
    r->regs[5] = 24;
    memset(mem + BUF2, 0, 64);
    memset(mem + MSG, 0, 64);
    run_svc(cpu);
    g_assert_cmpuint(cc_of(cpu), ==, 0);
    g_assert_cmphex(r->regs[2], ==, BUF2 + 40);
    g_assert_cmphex(r->regs[3], ==, 0);
    g_assert_cmphex(r->regs[4], ==, MSG + 24);
    g_assert_cmphex(r->regs[5], ==, 0);
    for (i = 0; i < 40; i++) {
        nonzero += mem[BUF2 + i] != 0;
    }
    g_assert_cmpuint(nonzero, >, 0);
    g_assert_cmphex(ld_be(BUF2 + 40, 8), ==, 0);
    g_assert_cmphex(ld_be(MSG + 24, 8), ==, 0);
    uvcpu_free(cpu);

    /* More than one slice: CC 3, the second operand not started. */
    cpu = crypto_cpu((const uint8_t[]) { 0xb9, 0x3c, 0x00, 0x24 }, 114);
    r = uvcpu_regs(cpu);
    r->regs[2] = BUF2;
    r->regs[3] = 5000;
    r->regs[4] = MSG;
    r->regs[5] = 8;
    run_svc(cpu);
    g_assert_cmpuint(cc_of(cpu), ==, 3);
    g_assert_cmphex(r->regs[2], ==, BUF2 + 4096);
    g_assert_cmphex(r->regs[3], ==, 5000 - 4096);
    g_assert_cmphex(r->regs[4], ==, MSG);
    g_assert_cmphex(r->regs[5], ==, 8);
    uvcpu_free(cpu);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/uvcpu-crypto/query", test_query);
    g_test_add_func("/uvcpu-crypto/exceptions", test_exceptions);
    g_test_add_func("/uvcpu-crypto/klmd-abc", test_klmd_abc);
    g_test_add_func("/uvcpu-crypto/kimd-klmd", test_kimd_klmd);
    g_test_add_func("/uvcpu-crypto/prno-trng", test_prno_trng);
    return g_test_run();
}
