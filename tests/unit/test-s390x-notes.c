/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-s390x-notes - layout of the ordinary s390x notes
 * (docs/dump.md "s390x notes").
 */
#include "qemu/osdep.h"
#include "util/be-access.h"
#include "util/s390x-notes.h"

/* Expected (name, type, descsz) of the ten notes, in order. */
static const struct {
    const char *name;
    uint32_t type;
    uint32_t descsz;
} layout[] = {
    { "CORE", NT_PRSTATUS, 336 }, { "CORE", NT_FPREGSET, 136 },
    { "LINUX", NT_S390_PREFIX, 4 }, { "LINUX", NT_S390_CTRS, 128 },
    { "LINUX", NT_S390_TIMER, 8 }, { "LINUX", NT_S390_TODCMP, 8 },
    { "LINUX", NT_S390_TODPREG, 4 }, { "LINUX", NT_S390_VXRS_LOW, 128 },
    { "LINUX", NT_S390_VXRS_HIGH, 256 }, { "LINUX", NT_S390_GS_CB, 32 },
};

static void test_cpu_notes(void)
{
    S390Regs env = { 0 };
    g_autofree uint8_t *buf = g_malloc(s390x_cpu_notes_size());
    const uint8_t *p = buf, *desc[ARRAY_SIZE(layout)];

    env.psw_mask = 0x0705000180000000ULL;
    env.psw_addr = 0x1234;
    for (int i = 0; i < 16; i++) {
        env.regs[i] = 0x100 + i;
        env.aregs[i] = 0x200 + i;
    }
    for (int i = 0; i < 32; i++) {
        env.vregs[i][0] = 0x3000 + i;
        env.vregs[i][1] = 0x4000 + i;
    }
    env.fpc = 0xf0;
    env.prefix = 0x20000;
    env.gscb[3] = 0x55;
    g_assert_cmpuint(s390x_cpu_notes_size(), ==, 1240);
    s390x_cpu_notes_write(&env, 7, buf);
    for (size_t i = 0; i < ARRAY_SIZE(layout); i++) {
        size_t namesz = strlen(layout[i].name) + 1;
        g_assert_cmpuint(be32_load(p), ==, namesz);
        g_assert_cmpuint(be32_load(p + 4), ==, layout[i].descsz);
        g_assert_cmphex(be32_load(p + 8), ==, layout[i].type);
        g_assert_cmpstr((const char *)p + 12, ==, layout[i].name);
        desc[i] = p + 12 + QEMU_ALIGN_UP(namesz, 4);
        p = desc[i] + layout[i].descsz;
    }
    g_assert_true(p == buf + 1240);
    g_assert_cmpuint(be32_load(desc[0] + 32), ==, 7);               /* pid */
    g_assert_cmphex(be64_load(desc[0] + 112), ==, env.psw_mask);
    g_assert_cmphex(be64_load(desc[0] + 120), ==, 0x1234);
    g_assert_cmphex(be64_load(desc[0] + 128 + 15 * 8), ==, 0x10f);
    g_assert_cmphex(be32_load(desc[0] + 256 + 4), ==, 0x201);
    g_assert_cmphex(be32_load(desc[1]), ==, 0xf0);                  /* fpc */
    g_assert_cmphex(be64_load(desc[1] + 8 + 8), ==, 0x3001);        /* FPR1 */
    g_assert_cmphex(be32_load(desc[2]), ==, 0x20000);
    g_assert_cmphex(be64_load(desc[7] + 8), ==, 0x4001);            /* V1 low */
    g_assert_cmphex(be64_load(desc[8]), ==, 0x3010);                /* V16 high */
    g_assert_cmphex(be64_load(desc[8] + 8), ==, 0x4010);            /* V16 low */
    g_assert_cmphex(be64_load(desc[9] + 24), ==, 0x55);
}

static void test_prpsinfo(void)
{
    g_autofree uint8_t *buf = g_malloc(s390x_prpsinfo_note_size());

    g_assert_cmpuint(s390x_prpsinfo_note_size(), ==, 12 + 8 + 136);
    s390x_prpsinfo_note_write("vmlinux", buf);
    g_assert_cmpuint(be32_load(buf + 8), ==, NT_PRPSINFO);
    g_assert_cmpstr((const char *)buf + 20 + 40, ==, "vmlinux");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/s390x-notes/cpu-notes", test_cpu_notes);
    g_test_add_func("/s390x-notes/prpsinfo", test_prpsinfo);
    return g_test_run();
}
