/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-pv-dump-format - completion data, CPU notes and storage states of
 * protected dumps, against the golden vector (docs/pv-dump-format.md).
 */
#include "qemu/osdep.h"
#include "util/be-access.h"
#include "util/pv-dump-format.h"
#include "pv-golden.h"

static const uint8_t *golden_elf(GBytes **keep)
{
    *keep = golden_load("pv.elf");
    return *keep ? g_bytes_get_data(*keep, NULL) : NULL;
}

static void test_compl_open(void)
{
    g_autoptr(GBytes) b = NULL;
    const uint8_t *elf = golden_elf(&b);
    uint8_t cck[32], key[32], want[64];
    PvComplData compl;
    GError *err = NULL;

    GOLDEN_SKIP_IF_MISSING(elf);
    golden_unhex(GOLDEN_CCK, cck);
    g_assert_true(pv_compl_open(elf + GOLDEN_COMPL_OFF, 288, cck, &compl, key, &err));
    g_assert_no_error(err);
    golden_unhex(GOLDEN_DUMP_KEY, want);
    g_assert_cmpmem(key, 32, want, 32);
    golden_unhex(GOLDEN_NONCE, want);
    g_assert_cmpmem(compl.nonce, 16, want, 16);
    golden_unhex(GOLDEN_KEY1, want);
    golden_unhex(GOLDEN_KEY2, want + 32);
    g_assert_cmpmem(compl.xts_key, 64, want, 64);
    golden_unhex(GOLDEN_COMPL_IV, want);
    g_assert_cmpmem(compl.iv, 12, want, 12);
}

/* Wrong key, a flipped tag bit and a flipped seed bit fail alike. */
static void test_compl_tamper(void)
{
    g_autoptr(GBytes) b = NULL;
    const uint8_t *elf = golden_elf(&b);
    static const size_t flips[] = { 0, 272 * 8, 20 * 8 }; /* none, tag, seed */
    uint8_t cck[32], key[32], raw[288];
    PvComplData compl;

    GOLDEN_SKIP_IF_MISSING(elf);
    for (size_t i = 0; i < ARRAY_SIZE(flips); i++) {
        GError *err = NULL;

        golden_unhex(GOLDEN_CCK, cck);
        memcpy(raw, elf + GOLDEN_COMPL_OFF, sizeof(raw));
        if (flips[i]) {
            raw[flips[i] / 8] ^= 1;
        } else {
            cck[0] ^= 0xff;
        }
        g_assert_false(pv_compl_open(raw, sizeof(raw), cck, &compl, key, &err));
        g_assert_nonnull(strstr(err->message, "Unable to decrypt completion "
                                "configuration data"));
        g_assert_nonnull(strstr(err->message, "Verifying the GCM tag failed"));
        g_error_free(err);
    }
}

static void test_compl_header_checks(void)
{
    uint8_t raw[288] = { 0 }, cck[32] = { 0 }, key[32];
    PvComplData compl;
    GError *err = NULL;

    be32_store(raw, 2);
    be32_store(raw + 4, 288);
    g_assert_false(pv_compl_open(raw, sizeof(raw), cck, &compl, key, &err));
    g_assert_cmpstr(err->message, ==, "Unsupported completion data version 2 (expected 1)");
    g_clear_error(&err);
    be32_store(raw, 1);
    be32_store(raw + 4, 287);
    g_assert_false(pv_compl_open(raw, sizeof(raw), cck, &compl, key, &err));
    g_assert_cmpstr(err->message, ==, "Incorrect completion configuration data "
                    "length 287 (expected 288)");
    g_clear_error(&err);
    g_assert_false(pv_compl_open(raw, 200, cck, &compl, key, &err));
    g_assert_cmpstr(err->message, ==, "completion data size 200 is out of range (288..4096)");
    g_clear_error(&err);
}

static void test_cpu_open(void)
{
    g_autoptr(GBytes) b = NULL;
    const uint8_t *elf = golden_elf(&b);
    uint8_t key[32], raw[1568];
    PvCpuDump cpu;
    S390Regs env;
    GError *err = NULL;

    GOLDEN_SKIP_IF_MISSING(elf);
    golden_unhex(GOLDEN_DUMP_KEY, key);
    g_assert_true(pv_cpu_dump_open(elf + GOLDEN_CPU0_DESC_OFF, 1568, key, &cpu, &err));
    g_assert_no_error(err);
    g_assert_cmphex(cpu.gprs[0], ==, 0x47505200000000abULL);
    g_assert_cmphex(cpu.gprs[15], ==, 0x4750520000000fabULL);
    g_assert_cmphex(cpu.psw_mask, ==, 0x0705000180000000ULL);
    g_assert_cmphex(cpu.psw_addr, ==, 0xdead0000);
    g_assert_cmphex(cpu.prefix, ==, 0x200000);
    g_assert_cmphex(cpu.fpc, ==, 0xf0);
    g_assert_cmphex(cpu.todpreg, ==, 0x1234);
    g_assert_cmphex(cpu.timer, ==, 0x7133000000000000ULL);
    g_assert_cmphex(cpu.todcmp, ==, 0x70dc000000000000ULL);
    g_assert_cmphex(cpu.acrs[3], ==, 0xacac0003);
    g_assert_cmphex(cpu.ctrs[5], ==, 0xc7c7000000000005ULL);
    g_assert_cmphex(cpu.vrs[0][0], ==, 0xa0dd79a8972a2511ULL);
    g_assert_cmphex(cpu.vrs[0][1], ==, 0xccebd9530fc00c46ULL);
    g_assert_cmphex(cpu.gsd, ==, 0x6d5d000000000000ULL);
    g_assert_cmphex(cpu.gssm, ==, 0x655e000000000000ULL);
    g_assert_cmphex(cpu.gs_epl_a, ==, 0x6e9a000000000000ULL);
    g_assert_cmpint(cpu.dump_flags, ==, 0);

    pv_cpu_dump_to_env(&cpu, &env);
    g_assert_cmphex(env.vregs[0][0], ==, cpu.vrs[0][0]);
    g_assert_cmphex(env.gscb[0], ==, 0);
    g_assert_cmphex(env.gscb[3], ==, cpu.gs_epl_a);

    memcpy(raw, elf + GOLDEN_CPU0_DESC_OFF, sizeof(raw));
    raw[1560] ^= 0x10;  /* a tag bit */
    g_assert_false(pv_cpu_dump_open(raw, sizeof(raw), key, &cpu, &err));
    g_assert_nonnull(strstr(err->message, "Unable to authenticate confidential CPU data"));
    g_clear_error(&err);
    be32_store(raw, 2);
    g_assert_false(pv_cpu_dump_open(raw, sizeof(raw), key, &cpu, &err));
    g_assert_cmpstr(err->message, ==, "Wrong NT_S390_PV_CPU_DATA version (2)");
    g_clear_error(&err);
}

/* What the simulator seals, the decryptor opens unchanged. */
static void test_seal_roundtrip(void)
{
    uint8_t cck[32] = { 7 }, key[32], compl_raw[288], cpu_raw[1568];
    PvComplData in = { .version = 1, .len = 288 }, out;
    PvCpuDump cin = { .version = 1, .len = 1568 }, cout;
    GError *err = NULL;

    memset(in.seed, 0x11, sizeof(in.seed));
    memset(in.iv, 0x22, sizeof(in.iv));
    memset(in.nonce, 0x33, sizeof(in.nonce));
    memset(in.xts_key, 0x44, sizeof(in.xts_key));
    g_assert_true(pv_compl_seal(&in, cck, compl_raw, &err));
    g_assert_true(pv_compl_open(compl_raw, sizeof(compl_raw), cck, &out, key, &err));
    g_assert_no_error(err);
    g_assert_cmpmem(&in, sizeof(in), &out, sizeof(out));

    for (int i = 0; i < 16; i++) {
        cin.gprs[i] = 0x1000 + i;
        cin.ctrs[i] = 0x2000 + i;
        cin.acrs[i] = 0x3000 + i;
    }
    cin.vrs[31][1] = 0xfeed;
    cin.dump_flags = PV_CPU_DUMP_FLAG_OSII;
    memset(cin.iv, 0x55, sizeof(cin.iv));
    g_assert_true(pv_cpu_dump_seal(&cin, key, cpu_raw, &err));
    g_assert_true(pv_cpu_dump_open(cpu_raw, sizeof(cpu_raw), key, &cout, &err));
    g_assert_no_error(err);
    g_assert_cmpmem(&cin, sizeof(cin), &cout, sizeof(cout));
}

static void test_classify(void)
{
    static const struct {
        uint8_t b15;
        uint8_t b14;
        PvPageState want;
    } cases[] = {
        { 0x01, 0, PV_PAGE_ZERO }, { 0x05, 0, PV_PAGE_ZERO },
        { 0x02, 0, PV_PAGE_SHARED }, { 0x06, 0, PV_PAGE_SHARED },
        { 0x00, 0, PV_PAGE_INVALID }, { 0x04, 0, PV_PAGE_INVALID },
        { 0x03, 0, PV_PAGE_INVALID }, { 0x07, 0, PV_PAGE_INVALID },
        { 0x81, 0, PV_PAGE_INVALID }, { 0x09, 0, PV_PAGE_INVALID },
        { 0x01, 1, PV_PAGE_INVALID },
    };
    uint8_t comp[16];

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        pv_stor_state_encode_special(cases[i].b15, comp);
        comp[14] = cases[i].b14;
        g_assert_cmpint(pv_stor_state_classify(comp), ==, cases[i].want);
    }
    pv_stor_state_encode_special(PV_STOR_FLAG_ZERO, comp);
    comp[4] = 0xee;   /* reserved bytes 4..13 are not checked */
    g_assert_cmpint(pv_stor_state_classify(comp), ==, PV_PAGE_ZERO);
    pv_stor_state_encode_encrypted(1, 0x1234, comp);
    g_assert_cmpint(pv_stor_state_classify(comp), ==, PV_PAGE_ENCRYPTED);
    g_assert_cmphex(be32_load(comp + 12), ==, 0x1234);
    g_assert_cmpstr(pv_page_state_name(PV_PAGE_SHARED), ==, "shared");
}

static void test_tweak_page3(void)
{
    g_autoptr(GBytes) b = NULL;
    const uint8_t *elf = golden_elf(&b);
    uint8_t comp[16], nonce[16], want[16], tweak[16];

    GOLDEN_SKIP_IF_MISSING(elf);
    golden_unhex(GOLDEN_PAGE3_COMP, comp);
    g_assert_cmpmem(elf + GOLDEN_META_OFF + 3 * 16, 16, comp, 16);
    golden_unhex(GOLDEN_NONCE, nonce);
    golden_unhex(GOLDEN_PAGE3_TWEAK, want);
    pv_stor_state_tweak(comp, nonce, tweak);
    g_assert_cmpmem(tweak, 16, want, 16);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/pv-dump-format/compl-open", test_compl_open);
    g_test_add_func("/pv-dump-format/compl-tamper", test_compl_tamper);
    g_test_add_func("/pv-dump-format/compl-header-checks", test_compl_header_checks);
    g_test_add_func("/pv-dump-format/cpu-open", test_cpu_open);
    g_test_add_func("/pv-dump-format/seal-roundtrip", test_seal_roundtrip);
    g_test_add_func("/pv-dump-format/classify", test_classify);
    g_test_add_func("/pv-dump-format/tweak-page3", test_tweak_page3);
    return g_test_run();
}
