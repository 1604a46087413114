/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-qemu-option.c - QEMU's dotted and JSON option spellings.
 */
#include "qemu/osdep.h"
#include "qemu/option.h"
#include "qapi/error.h"

static void test_dotted_implied_and_flags(void)
{
    GError *err = NULL;
    g_autoptr(QemuOpts) o = qemu_opts_parse(
        "socket,id=mon0,path=/tmp/a,,b,server,nowait", "backend", &err);
    bool server, wait;

    g_assert_no_error(err);
    g_assert_cmpstr(qemu_opt_get(o, "backend"), ==, "socket");
    g_assert_cmpstr(qemu_opt_get(o, "id"), ==, "mon0");
    g_assert_cmpstr(qemu_opt_get(o, "path"), ==, "/tmp/a,b");
    g_assert_true(qemu_opt_get_bool(o, "server", false, &server, &err));
    g_assert_true(qemu_opt_get_bool(o, "wait", true, &wait, &err));
    g_assert_true(server);
    g_assert_false(wait);
    g_assert_true(qemu_opts_check_unused(o, &err));
}

static void test_json_form(void)
{
    GError *err = NULL;
    g_autoptr(QemuOpts) o = qemu_opts_parse(
        "{\"driver\":\"loader\",\"file\":\"x.bin\",\"addr\":4096,\"force-raw\":true}",
        "driver", &err);
    uint64_t addr;
    bool raw;

    g_assert_no_error(err);
    g_assert_cmpstr(qemu_opt_get(o, "driver"), ==, "loader");
    g_assert_true(qemu_opt_get_number(o, "addr", 0, &addr, &err));
    g_assert_cmpuint(addr, ==, 4096);
    g_assert_true(qemu_opt_get_bool(o, "force-raw", false, &raw, &err));
    g_assert_true(raw);
    g_assert_cmpstr(qemu_opt_get(o, "file"), ==, "x.bin");
    g_assert_true(qemu_opts_check_unused(o, &err));
}

static void test_unused_is_an_error(void)
{
    GError *err = NULL;
    g_autoptr(QemuOpts) o = qemu_opts_parse("s390-pv-guest,id=pv0,bogus=1",
                                            "qom-type", &err);
    g_assert_nonnull(o);
    qemu_opt_get(o, "qom-type");
    qemu_opt_get(o, "id");
    g_assert_false(qemu_opts_check_unused(o, &err));
    g_assert_cmpstr(err->message, ==, "Invalid parameter 'bogus'");
    g_error_free(err);
}

static void test_bad_values(void)
{
    GError *err = NULL;
    g_autoptr(QemuOpts) o = qemu_opts_parse("a=maybe,n=12x,s=3Q", NULL, &err);
    bool b;
    uint64_t n;
    g_assert_false(qemu_opt_get_bool(o, "a", false, &b, &err));
    g_assert_cmpstr(err->message, ==, "Parameter 'a' expects 'on' or 'off'");
    g_clear_error(&err);
    g_assert_false(qemu_opt_get_number(o, "n", 0, &n, &err));
    g_assert_cmpstr(err->message, ==, "Parameter 'n' expects a number");
    g_clear_error(&err);
    g_assert_false(qemu_opt_get_size(o, "s", 0, &n, &err));
    g_clear_error(&err);

    g_assert_null(qemu_opts_parse("{\"a\":[1]}", NULL, &err));
    g_assert_cmpstr(err->message, ==, "Parameter 'a' must be a scalar");
    g_clear_error(&err);
    g_assert_null(qemu_opts_parse("{\"a\":", NULL, &err));
    g_assert_true(g_str_has_prefix(err->message, "JSON parse error"));
    g_clear_error(&err);
}

static void test_sizes(void)
{
    uint64_t v;
    g_assert_true(qemu_strtosz("64", MiB, &v));
    g_assert_cmpuint(v, ==, 64 * MiB);
    g_assert_true(qemu_strtosz("2G", MiB, &v));
    g_assert_cmpuint(v, ==, 2 * GiB);
    g_assert_true(qemu_strtosz("512k", MiB, &v));
    g_assert_cmpuint(v, ==, 512 * KiB);
    g_assert_false(qemu_strtosz("-1", MiB, &v));
    g_assert_false(qemu_strtosz("", MiB, &v));
    g_assert_false(qemu_strtosz("99999999999999999999", 1, &v));
    g_assert_false(qemu_strtosz("17179869184T", 1, &v));
    /* Decimal fractions as QEMU takes them, never of a byte or in hex. */
    g_assert_true(qemu_strtosz("1.5G", MiB, &v));
    g_assert_cmpuint(v, ==, 3 * GiB / 2);
    g_assert_true(qemu_strtosz("1025.5", MiB, &v));
    g_assert_cmpuint(v, ==, 1025 * MiB + MiB / 2);
    g_assert_true(qemu_strtosz("0.25k", 1, &v));
    g_assert_cmpuint(v, ==, 256);
    g_assert_false(qemu_strtosz("1.5", 1, &v));
    g_assert_false(qemu_strtosz("1.5b", MiB, &v));
    g_assert_false(qemu_strtosz("0x1.8G", MiB, &v));
    g_assert_false(qemu_strtosz("1.G", MiB, &v));
    g_assert_false(qemu_strtosz("1.5.5G", MiB, &v));
    g_assert_true(qemu_strtou64("0x10000", &v));
    g_assert_cmpuint(v, ==, 0x10000);
    g_assert_false(qemu_strtou64("0x", &v));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/option/dotted", test_dotted_implied_and_flags);
    g_test_add_func("/option/json", test_json_form);
    g_test_add_func("/option/unused", test_unused_is_an_error);
    g_test_add_func("/option/bad-values", test_bad_values);
    g_test_add_func("/option/sizes", test_sizes);
    return g_test_run();
}
