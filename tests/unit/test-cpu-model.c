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

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cpu-model/default-unpack", test_default_has_unpack);
    g_test_add_func("/cpu-model/unpack-off", test_unpack_off);
    g_test_add_func("/cpu-model/errors", test_errors);
    return g_test_run();
}
