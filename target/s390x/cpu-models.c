/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cpu-models.c - the CPU models (QEMU's CPU definitions), "-cpu" parsing
 * with feature properties, and "-cpu help".
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "target/s390x/cpu.h"

S390CPUModel s390_cpu_model;

/* STFLE bit 2: z/Architecture mode is active (follows "zarch"). */
#define STFLE_ZARCH_ACTIVE 2

/*
 * QEMU 7.2 TCG's "qemu" model (query-cpu-model-expansion full: gen15a-base
 * with vector, vector enhancements 1/2, IEP, ...), limited to the features
 * of the table, without "fpe" (37): the architecture makes the
 * floating-point-extension facility depend on DFP (42), which neither
 * QEMU's TCG nor uvsim implements (kvm-unit-tests' cpumodel checks it and
 * excuses only a TCG host).  The FP-extension instructions run anyway.
 */
#define QEMU72_TCG_FEATURES \
    0, 1, 3, 4, 7, 9, 16, 17, 18, 19, 21, 22, 24, 25, 27, 30, 31, 32, 33, \
    34, 35, 40, 41, 45, 49, 51, 52, 53, 57, 58, 61, 69, 71, 72, 75, \
    76, 77, 129, 130, 131, 135, 146, 148, S390_FEAT_ESOP

/* STHYI: the store-hypervisor-information facility, which KVM provides. */
#define STFLE_STHYI 74

/*
 * pvdump's "qemu" model: QEMU 7.2 TCG's plus EDAT-1 (with PFMF) and
 * EDAT-2, which uvsim's DAT implements, unpack for protected guests,
 * guarded storage, which uvsim's CPU implements (QEMU's TCG does not),
 * and what a KVM host provides: STHYI and CMM (ESSA, with CMMA enabled).
 */
static const unsigned feats_qemu[] = {
    QEMU72_TCG_FEATURES, S390_FEAT_EDAT, S390_FEAT_EDAT_2, S390_FEAT_UNPACK,
    STFLE_STHYI, S390_FEAT_CMM, S390_FEAT_GUARDED_STORAGE, S390_FEAT_MAX,
};

/* The named hardware models and max: the same features as "qemu". */
static const unsigned feats_full[] = {
    QEMU72_TCG_FEATURES, S390_FEAT_EDAT, S390_FEAT_EDAT_2, S390_FEAT_UNPACK,
    STFLE_STHYI, S390_FEAT_CMM, S390_FEAT_GUARDED_STORAGE, S390_FEAT_MAX,
};

/* QEMU 7.2's gen15a-base (the static model its expansions name). */
static const unsigned feats_gen15a_base[] = {
    0, 1, 3, 4, 6, 7, 9, 14, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27,
    30, 31, 32, 33, 34, 35, 36, 37, 38, 40, 41, 42, 43, 44, 45, 47, 48, 49,
    51, 52, 53, 54, 58, 59, 60, 61, 80, S390_FEAT_DATEH2, S390_FEAT_MAX,
};

const S390CPUDef s390_cpu_defs[] = {
    { "qemu", "QEMU Virtual CPU version 2.5+", "gen15a-base", false, true, feats_qemu },
    { "max", "Enables all features supported by the accelerator in the current host",
      "gen15a-base", false, false, feats_full },
    { "host", "Host CPU model (KVM only)", "gen15a-base", false, false, feats_full },
    { "gen15a-base", "IBM z15 T01 GA1", "gen15a-base", true, true, feats_gen15a_base },
    { "z15", "IBM z15 T01 GA1", "gen15a-base", false, true, feats_full },
    { "z16", "IBM 3931 GA1", "gen15a-base", false, true, feats_full },
    { NULL },
};

bool s390_has_feat(const S390CPUModel *model, unsigned bit)
{
    if (bit < S390_STFLE_BITS) {
        return model->stfle[bit / 8] & (0x80 >> (bit % 8));
    }
    return bit < S390_FEAT_MAX && (model->other & (1u << (bit - S390_STFLE_BITS)));
}

void s390_set_feat(S390CPUModel *model, unsigned bit, bool on)
{
    g_assert(bit < S390_FEAT_MAX);
    if (bit >= S390_STFLE_BITS) {
        uint32_t mask = 1u << (bit - S390_STFLE_BITS);
        model->other = on ? model->other | mask : model->other & ~mask;
    } else if (on) {
        model->stfle[bit / 8] |= 0x80 >> (bit % 8);
    } else {
        model->stfle[bit / 8] &= ~(0x80 >> (bit % 8));
    }
}

const S390CPUDef *s390_cpu_def_find(const char *name)
{
    for (const S390CPUDef *d = s390_cpu_defs; d->name; d++) {
        if (!strcmp(d->name, name)) {
            return d;
        }
    }
    return NULL;
}

void s390_cpu_model_from_def(const S390CPUDef *def, S390CPUModel *model)
{
    memset(model, 0, sizeof(*model));
    model->name = def->name;
    for (const unsigned *f = def->features; *f != S390_FEAT_MAX; f++) {
        s390_set_feat(model, *f, true);
    }
}

/* Applies every "FEATURE=on|off" of @opts to @model. */
static bool apply_feature_props(QemuOpts *opts, S390CPUModel *model, GError **errp)
{
    for (size_t i = 0; i < s390_feat_count; i++) {
        const S390FeatDef *f = &s390_feat_defs[i];
        bool on;

        if (!qemu_opt_get_bool(opts, f->name, s390_has_feat(model, f->id), &on, errp)) {
            return false;
        }
        s390_set_feat(model, f->id, on);
    }
    /* STFLE reports the architectural mode next to the facility. */
    s390_set_feat(model, STFLE_ZARCH_ACTIVE, s390_has_feat(model, 1));
    return true;
}

/*
 * Features pvdump implements beyond the max model's defaults: DIAG 318
 * (diag318.c), which QEMU, too, enables only on request.
 */
static const unsigned feats_on_request[] = { S390_FEAT_DIAG318, S390_FEAT_MAX };

/* Whether the machine implements feature @id: "max" has it, or on request. */
static bool feat_available(unsigned id)
{
    static S390CPUModel max;

    if (!max.name) {
        s390_cpu_model_from_def(s390_cpu_def_find("max"), &max);
        s390_set_feat(&max, STFLE_ZARCH_ACTIVE, true);
        for (const unsigned *f = feats_on_request; *f != S390_FEAT_MAX; f++) {
            s390_set_feat(&max, *f, true);
        }
    }
    return s390_has_feat(&max, id);
}

bool s390_cpu_model_check_available(const S390CPUModel *model, GError **errp)
{
    g_autoptr(GString) missing = g_string_new(" ");

    /* QEMU's check_compatibility: each name prepended, in table order. */
    for (size_t i = 0; i < s390_feat_count; i++) {
        const S390FeatDef *f = &s390_feat_defs[i];

        if (s390_has_feat(model, f->id) && !feat_available(f->id)) {
            g_string_prepend(missing, " ");
            g_string_prepend(missing, f->name);
        }
    }
    if (missing->len > 1) {
        error_setg(errp, "Some features requested in the CPU model are not "
                   "available in the configuration: %s", missing->str);
        return false;
    }
    return true;
}

bool s390_cpu_model_parse(const char *optarg, S390CPUModel *model, GError **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse(optarg ? optarg : "qemu",
                                               "model", errp);
    const char *name;
    const S390CPUDef *def;

    if (!opts) {
        return false;
    }
    name = qemu_opt_get(opts, "model");
    def = s390_cpu_def_find(name ? name : "qemu");
    if (!def) {
        error_setg(errp, "unable to find CPU model '%s'", name);
        return false;
    }
    s390_cpu_model_from_def(def, model);
    if (!apply_feature_props(opts, model, errp)) {
        return false;
    }
    if (!qemu_opts_check_unused(opts, errp)) {
        error_prepend(errp, "CPU model '%s': ", def->name);
        return false;
    }
    return s390_cpu_model_check_available(model, errp);
}

bool s390_cpu_model_set_prop(S390CPUModel *model, const char *feat, bool on,
                             GError **errp)
{
    const S390FeatDef *f = s390_feat_by_name(feat);

    if (!f) {
        error_setg(errp, "Property '%s-s390x-cpu.%s' not found",
                   model->name, feat);
        return false;
    }
    s390_set_feat(model, f->id, on);
    if (f->id == 1) {
        s390_set_feat(model, STFLE_ZARCH_ACTIVE, on);
    }
    return true;
}

void s390_cpu_list(GString *out)
{
    for (const S390CPUDef *d = s390_cpu_defs; d->name; d++) {
        const char *details = d->is_static ? "static, migration-safe" :
                              d->migration_safe ? "migration-safe" : NULL;

        if (details) {
            g_string_append_printf(out, "s390 %-15s %-35s (%s)\n", d->name, d->desc, details);
        } else {
            g_string_append_printf(out, "s390 %-15s %s\n", d->name, d->desc);
        }
    }
    g_string_append(out, "\nRecognized feature flags:\n");
    for (size_t i = 0; i < s390_feat_count; i++) {
        g_string_append_printf(out, "%-20s %s\n", s390_feat_defs[i].name,
                               s390_feat_defs[i].desc);
    }
}
