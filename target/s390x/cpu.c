/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cpu.c - s390x CPU models (facility lists) and the architected resets.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "target/s390x/cpu.h"

S390CPUModel s390_cpu_model;

typedef struct S390CPUDef {
    const char *name;
    const char *desc;
    const unsigned *facilities;   /* terminated by S390_FEAT_MAX */
} S390CPUDef;

/*
 * Facilities pvdump's models report: the z/Architecture base, vector and
 * guarded storage, and the unpack facility that protected guests need.
 */
static const unsigned feats_full[] = {
    0, 1, 2, 3, 7, 17, 18, 21, 25, 129, 133, S390_FEAT_UNPACK, S390_FEAT_MAX,
};

static const S390CPUDef cpu_defs[] = {
    { "qemu", "QEMU Virtual CPU version 7.2", feats_full },
    { "max",  "Enables all features supported by the accelerator", feats_full },
    { "z15",  "IBM z15 GA1", feats_full },
    { "z16",  "IBM z16 GA1", feats_full },
    { "host", "Host CPU model (KVM only)", feats_full },
};

bool s390_has_feat(const S390CPUModel *model, unsigned bit)
{
    return bit < S390_FEAT_MAX && (model->stfle[bit / 8] & (0x80 >> (bit % 8)));
}

void s390_set_feat(S390CPUModel *model, unsigned bit, bool on)
{
    g_assert(bit < S390_FEAT_MAX);
    if (on) {
        model->stfle[bit / 8] |= 0x80 >> (bit % 8);
    } else {
        model->stfle[bit / 8] &= ~(0x80 >> (bit % 8));
    }
}

static const S390CPUDef *find_def(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(cpu_defs); i++) {
        if (!strcmp(cpu_defs[i].name, name)) {
            return &cpu_defs[i];
        }
    }
    return NULL;
}

bool s390_cpu_model_parse(const char *optarg, S390CPUModel *model, GError **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse(optarg ? optarg : "qemu",
                                               "model", errp);
    const char *name;
    const S390CPUDef *def;
    bool unpack;

    if (!opts) {
        return false;
    }
    name = qemu_opt_get(opts, "model");
    def = find_def(name ? name : "qemu");
    if (!def) {
        error_setg(errp, "unable to find CPU model '%s'", name);
        return false;
    }
    memset(model, 0, sizeof(*model));
    model->name = def->name;
    for (const unsigned *f = def->facilities; *f != S390_FEAT_MAX; f++) {
        s390_set_feat(model, *f, true);
    }
    if (!qemu_opt_get_bool(opts, "unpack", true, &unpack, errp)) {
        return false;
    }
    s390_set_feat(model, S390_FEAT_UNPACK, unpack);
    if (!qemu_opts_check_unused(opts, errp)) {
        error_prepend(errp, "CPU model '%s': ", def->name);
        return false;
    }
    return true;
}

void s390_cpu_initial_reset(S390CPU *cpu)
{
    CPUS390XState *env = &cpu->env;
    /* PoP "initial CPU reset": PSW, prefix, timers, CRs and FPC cleared. */
    env->psw_mask = env->psw_addr = 0;
    env->prefix = 0;
    env->cputm = env->ckc = 0;
    env->todpr = 0;
    memset(env->cregs, 0, sizeof(env->cregs));
    env->cregs[0] = 0xE0;
    env->cregs[14] = 0xC2000000;
    env->fpc = 0;
}
