/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cpu-dump.c - "info registers" text for an s390x vCPU, in QEMU's format.
 */
#include "qemu/osdep.h"
#include "target/s390x/cpu.h"
#include "sysemu/cpus.h"

static void dump_row(GString *out, const char *fmt, int i, uint64_t v, int per_line)
{
    g_string_append_printf(out, fmt, i, v);
    g_string_append_c(out, (i % per_line) == per_line - 1 ? '\n' : ' ');
}

void s390_cpu_dump_state(CPUState *cs, GString *out)
{
    const CPUS390XState *env;

    cpu_synchronize_state(cs);
    env = &S390_CPU(cs)->env;

    g_string_append_printf(out, "PSW=mask %016" PRIx64 " addr %016" PRIx64 "\n",
                           env->psw_mask, env->psw_addr);
    for (int i = 0; i < 16; i++) {
        dump_row(out, "R%02d=%016" PRIx64, i, env->regs[i], 4);
    }
    if (s390_has_feat(&s390_cpu_model, S390_FEAT_VECTOR)) {
        for (int i = 0; i < 32; i++) {
            g_string_append_printf(out, "V%02d=%016" PRIx64 "%016" PRIx64 "%c",
                                   i, env->vregs[i][0], env->vregs[i][1],
                                   i % 2 ? '\n' : ' ');
        }
    } else {
        for (int i = 0; i < 16; i++) {
            dump_row(out, "F%02d=%016" PRIx64, i, env->vregs[i][0], 4);
        }
    }
    for (int i = 0; i < 16; i++) {
        dump_row(out, "C%02d=%016" PRIx64, i, env->cregs[i], 4);
    }
    g_string_append_c(out, '\n');
}
