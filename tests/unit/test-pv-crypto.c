/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-pv-crypto - HKDF, AES-GCM and AES-XTS wrappers against the golden
 * vector (docs/pv-dump-format.md).
 */
#include "qemu/osdep.h"
#include "util/pv-crypto.h"
#include "util/pv-dump-format.h"
#include "pv-golden.h"

static void test_dump_key(void)
{
    uint8_t cck[32], seed[64], want[32], key[32];
    GError *err = NULL;

    golden_unhex(GOLDEN_CCK, cck);
    golden_unhex(GOLDEN_SEED, seed);
    golden_unhex(GOLDEN_DUMP_KEY, want);
    g_assert_true(pv_dump_derive_key(cck, seed, key, &err));
    g_assert_no_error(err);
    g_assert_cmpmem(key, 32, want, 32);
}

static void test_gcm_roundtrip(void)
{
    uint8_t key[32] = { 1 }, iv[12] = { 2 }, aad[20] = { 3 };
    uint8_t pt[100], ct[100], back[100], tag[16];
    GError *err = NULL;

    for (size_t i = 0; i < sizeof(pt); i++) {
        pt[i] = i;
    }
    g_assert_true(pv_gcm_seal(key, iv, aad, sizeof(aad), pt, sizeof(pt), ct, tag, &err));
    g_assert_true(pv_gcm_open(key, iv, aad, sizeof(aad), ct, sizeof(ct), back, tag, &err));
    g_assert_no_error(err);
    g_assert_cmpmem(back, sizeof(back), pt, sizeof(pt));

    aad[0] ^= 1;     /* the AAD is authenticated too */
    g_assert_false(pv_gcm_open(key, iv, aad, sizeof(aad), ct, sizeof(ct), back, tag, &err));
    g_assert_nonnull(strstr(err->message, "Verifying the GCM tag failed"));
    g_clear_error(&err);
    /* Unauthenticated plaintext is wiped. */
    for (size_t i = 0; i < sizeof(back); i++) {
        g_assert_cmpint(back[i], ==, 0);
    }
}

/* Page 3 of mem.bin encrypted with the golden keys is pv.elf's page 3. */
static void test_xts_page3(void)
{
    g_autoptr(GBytes) elf = golden_load("pv.elf");
    g_autoptr(GBytes) mem = golden_load("mem.bin");
    uint8_t key[64], tweak[16], want16[16], ct[4096], pt[4096];
    GError *err = NULL;
    const uint8_t *plain;
    const uint8_t *file;
    g_autoptr(PvXts) enc = NULL;
    g_autoptr(PvXts) dec = NULL;

    GOLDEN_SKIP_IF_MISSING(elf && mem);
    golden_unhex(GOLDEN_KEY1, key);
    golden_unhex(GOLDEN_KEY2, key + 32);
    golden_unhex(GOLDEN_PAGE3_TWEAK, tweak);
    golden_unhex(GOLDEN_PAGE3_CT16, want16);
    plain = (const uint8_t *)g_bytes_get_data(mem, NULL) + 3 * 4096;
    file = (const uint8_t *)g_bytes_get_data(elf, NULL) +
           GOLDEN_LOAD_OFF + 3 * 4096;

    enc = pv_xts_new(key, true, &err);
    dec = pv_xts_new(key, false, &err);
    g_assert_no_error(err);
    g_assert_true(pv_xts_page(enc, tweak, plain, ct, &err));
    g_assert_cmpmem(ct, 16, want16, 16);
    g_assert_cmpmem(ct, 4096, file, 4096);
    /* A reused context gives the same result for the next page. */
    g_assert_true(pv_xts_page(dec, tweak, file, pt, &err));
    g_assert_true(pv_xts_page(dec, tweak, file, pt, &err));
    g_assert_cmpmem(pt, 4096, plain, 4096);
}

static void test_wipe(void)
{
    uint8_t buf[33];

    memset(buf, 0xa5, sizeof(buf));
    pv_crypto_wipe(buf, sizeof(buf));
    for (size_t i = 0; i < sizeof(buf); i++) {
        g_assert_cmpint(buf[i], ==, 0);
    }
    pv_crypto_wipe(NULL, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/pv-crypto/dump-key", test_dump_key);
    g_test_add_func("/pv-crypto/gcm-roundtrip", test_gcm_roundtrip);
    g_test_add_func("/pv-crypto/xts-page3", test_xts_page3);
    g_test_add_func("/pv-crypto/wipe", test_wipe);
    return g_test_run();
}
