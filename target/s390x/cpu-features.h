/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cpu-features.h - the CPU features pvdump's CPU models are made of
 * (QEMU's feature names, so that -cpu, query-cpu-model-expansion and
 * libvirt use the same words).
 *
 * A feature's id is its STFLE bit (0-255) for the facilities STFLE
 * reports, or one of the S390_FEAT_* ids from 256 on for what the machine
 * reports elsewhere (SCLP Read SCP/CPU Info) or not at all.
 */
#ifndef TARGET_S390X_CPU_FEATURES_H
#define TARGET_S390X_CPU_FEATURES_H

#include "qemu/osdep.h"

#define S390_STFLE_BITS 256

/* Where the guest learns about a feature (QEMU's S390FeatType). */
typedef enum S390FeatType {
    S390_FEAT_TYPE_STFL,               /* STFLE bit */
    S390_FEAT_TYPE_SCLP_CONF_CHAR,     /* SCLP Read SCP Info bytes 80-98 */
    S390_FEAT_TYPE_SCLP_CONF_CHAR_EXT, /* SCLP Read SCP Info bytes 116-119 */
    S390_FEAT_TYPE_SCLP_FAC134,        /* SCLP Read SCP Info byte 134 */
    S390_FEAT_TYPE_SCLP_CPU,           /* SCLP CPU entries */
    S390_FEAT_TYPE_MISC,               /* no bit: sensed by executing */
} S390FeatType;

/* Features without an STFLE bit. */
enum {
    S390_FEAT_GSLS = S390_STFLE_BITS,
    S390_FEAT_ESOP,
    S390_FEAT_HPMA2,
    S390_FEAT_KSS,
    S390_FEAT_64BSCAO,
    S390_FEAT_CMMA,
    S390_FEAT_PFMFI,
    S390_FEAT_IBS,
    S390_FEAT_DIAG318,
    S390_FEAT_SIEF2,
    S390_FEAT_SKEY,
    S390_FEAT_GPEREH,
    S390_FEAT_SIIF,
    S390_FEAT_SIGPIF,
    S390_FEAT_IB,
    S390_FEAT_CEI,
    S390_FEAT_DATEH2,
    S390_FEAT_CMM,
    S390_FEAT_AP,
    S390_FEAT_OTHER_END,
};

/* One row of the feature table. */
typedef struct S390FeatDef {
    const char *name;      /* QEMU's property name */
    unsigned id;           /* STFLE bit, or S390_FEAT_* above */
    S390FeatType type;
    unsigned bit;          /* bit within the type's block (QEMU's numbering) */
    const char *desc;      /* "-cpu help" text */
} S390FeatDef;

/* The feature table, in QEMU's "-cpu help" order. */
extern const S390FeatDef s390_feat_defs[];
extern const size_t s390_feat_count;

/* The row named @name, or NULL. */
const S390FeatDef *s390_feat_by_name(const char *name);

/* The row with id @id, or NULL. */
const S390FeatDef *s390_feat_by_id(unsigned id);

#endif /* TARGET_S390X_CPU_FEATURES_H */
