/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-cpu-model.c - -cpu parsing and the facility list (unpack = bit 161).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "target/s390x/cpu.h"

static void test_default_has_unpack(void)
{
    S390CPUModel m;
    GError *err = NULL;
    g_assert_true(s390_cpu_model_parse(NULL, &m, &err));
    g_assert_cmpstr(m.name, ==, "qemu");
    g_assert_true(s390_has_feat(&m, S390_FEAT_UNPACK));
    g_assert_true(s390_has_feat(&m, S390_FEAT_VECTOR));
    /* STFLE bit 161 is byte 20, mask 0x40 (MSB-0 numbering). */
    g_assert_cmphex(m.stfle[20] & 0x40, ==, 0x40);
}

static void test_unpack_off(void)
{
    S390CPUModel m;
    GError *err = NULL;
    g_assert_true(s390_cpu_model_parse("z15,unpack=off", &m, &err));
    g_assert_cmpstr(m.name, ==, "z15");
    g_assert_false(s390_has_feat(&m, S390_FEAT_UNPACK));
    g_assert_cmphex(m.stfle[20], ==, 0);
    g_assert_true(s390_has_feat(&m, S390_FEAT_GUARDED_STORAGE));
}

static void test_errors(void)
{
    S390CPUModel m;
    GError *err = NULL;
    g_assert_false(s390_cpu_model_parse("z80", &m, &err));
    g_assert_cmpstr(err->message, ==, "unable to find CPU model 'z80'");
    g_clear_error(&err);
    g_assert_false(s390_cpu_model_parse("qemu,unpack=perhaps", &m, &err));
    g_assert_cmpstr(err->message, ==, "Parameter 'unpack' expects 'on' or 'off'");
    g_clear_error(&err);
}

/*
 * Features the machine does not implement are refused with QEMU 7.2's
 * message: names in reverse table order, two blanks at the end.
 */
static void test_unavailable_features(void)
{
    S390CPUModel m;
    GError *err = NULL;

    g_assert_false(s390_cpu_model_parse("max,ctop=on", &m, &err));
    g_assert_cmpstr(err->message, ==, "Some features requested in the CPU model "
                    "are not available in the configuration: ctop  ");
    g_clear_error(&err);
    g_assert_false(s390_cpu_model_parse("qemu,sief2=on,ctop=on", &m, &err));
    g_assert_cmpstr(err->message, ==, "Some features requested in the CPU model "
                    "are not available in the configuration: sief2 ctop  ");
    g_clear_error(&err);
    g_assert_true(s390_cpu_model_parse("max,ctop=off,diag318=on", &m, &err));
    g_assert_true(s390_cpu_model_check_available(&m, &err));
    s390_set_feat(&m, 11, true);
    g_assert_false(s390_cpu_model_check_available(&m, &err));
    g_clear_error(&err);
}

static void test_feature_props(void)
{
    S390CPUModel m;
    GError *err = NULL;

    g_assert_true(s390_cpu_model_parse("qemu,vx=off,gs=on,diag318=on,edat2=off", &m, &err));
    g_assert_false(s390_has_feat(&m, S390_FEAT_VECTOR));
    g_assert_true(s390_has_feat(&m, S390_FEAT_GUARDED_STORAGE));
    g_assert_true(s390_has_feat(&m, S390_FEAT_DIAG318));
    g_assert_false(s390_has_feat(&m, S390_FEAT_EDAT_2));
    g_assert_true(s390_has_feat(&m, S390_FEAT_EDAT));
    /* Bytes 0-1: facilities 0-4 (2: z/Architecture active), 7, 8 (EDAT-1), 9. */
    g_assert_cmphex(m.stfle[0], ==, 0xf9);
    g_assert_cmphex(m.stfle[1], ==, 0xc0);
    /* diag318 is no STFLE bit: it lives beside the list (as esop and cmm do). */
    g_assert_cmphex(m.other, ==, (1u << (S390_FEAT_DIAG318 - S390_STFLE_BITS)) |
                                 (1u << (S390_FEAT_ESOP - S390_STFLE_BITS)) |
                                 (1u << (S390_FEAT_CMM - S390_STFLE_BITS)));
    /* sthyi: STFLE bit 74 (byte 9, bit 2). */
    g_assert_cmphex(m.stfle[9] & 0x20, ==, 0x20);
    g_assert_false(s390_cpu_model_parse("qemu,gs=on,warp=on", &m, &err));
    g_assert_cmpstr(err->message, ==, "CPU model 'qemu': Invalid parameter 'warp'");
    g_clear_error(&err);
    g_assert_true(s390_cpu_model_parse("qemu", &m, &err));
    g_assert_false(s390_cpu_model_set_prop(&m, "warp", true, &err));
    g_assert_cmpstr(err->message, ==, "Property 'qemu-s390x-cpu.warp' not found");
    g_clear_error(&err);
    g_assert_true(s390_cpu_model_set_prop(&m, "zarch", false, &err));
    g_assert_cmphex(m.stfle[0] & 0x60, ==, 0);
}

static void test_feature_table(void)
{
    const S390FeatDef *vx = s390_feat_by_name("vx");
    g_autoptr(GString) help = g_string_new(NULL);

    g_assert_nonnull(vx);
    g_assert_cmpuint(vx->id, ==, 129);
    g_assert_cmpint(vx->type, ==, S390_FEAT_TYPE_STFL);
    g_assert_true(s390_feat_by_id(S390_FEAT_DIAG318) == s390_feat_by_name("diag318"));
    g_assert_cmpint(s390_feat_by_name("diag318")->type, ==, S390_FEAT_TYPE_SCLP_FAC134);
    g_assert_null(s390_feat_by_name("warp"));
    /* Every id is unique and has a name. */
    for (size_t i = 0; i < s390_feat_count; i++) {
        g_assert_true(s390_feat_by_id(s390_feat_defs[i].id) == &s390_feat_defs[i]);
    }
    s390_cpu_list(help);
    g_assert_true(g_str_has_prefix(help->str,
        "s390 qemu            QEMU Virtual CPU version 2.5+       (migration-safe)\n"));
    g_assert_nonnull(strstr(help->str, "\nRecognized feature flags:\n"
                                       "esan3                Instructions marked as n3\n"));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cpu-model/default-unpack", test_default_has_unpack);
    g_test_add_func("/cpu-model/unpack-off", test_unpack_off);
    g_test_add_func("/cpu-model/errors", test_errors);
    g_test_add_func("/cpu-model/feature-props", test_feature_props);
    g_test_add_func("/cpu-model/unavailable-features", test_unavailable_features);
    g_test_add_func("/cpu-model/feature-table", test_feature_table);
    return g_test_run();
}
