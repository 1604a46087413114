/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * s390x-regs.c - S390Regs <-> the s390x KVM run area's sync registers.
 *
 * One table says where each register group lives on both sides, so that
 * the copy in either direction cannot drift from the other.
 */
#include "qemu/osdep.h"
#include <linux/kvm.h>
#include "util/s390x-regs.h"
#include "util/be-access.h"

/* Groups this file translates (KVM_SYNC_PFAULT and others hold no S390Regs field). */
#define S390_REGS_SYNC_GROUPS (KVM_SYNC_PREFIX | KVM_SYNC_GPRS | KVM_SYNC_ACRS | \
                               KVM_SYNC_CRS | KVM_SYNC_ARCH0 | KVM_SYNC_VRS | \
                               KVM_SYNC_FPRS | KVM_SYNC_GSCB)

/* A field copied whatever the groups (the PSW is not a sync-reg group). */
#define ALWAYS 0

/* Where one side keeps a field: @count integers of @size bytes, @stride apart. */
typedef struct SyncPlace {
    size_t offset;
    size_t stride;
    size_t size;              /* 4 or 8; the sides may differ (prefix, todpr) */
} SyncPlace;

typedef struct SyncField {
    uint64_t groups;          /* copied when any of these is asked for */
    unsigned count;
    SyncPlace regs;           /* in S390Regs */
    SyncPlace run;            /* in struct kvm_run */
} SyncField;

#define SIZEOF_MEMBER(type, member) sizeof(((type *)0)->member)

#define SYNC_PLACE(type, member, n) \
    { offsetof(type, member), SIZEOF_MEMBER(type, member) / (n), \
      SIZEOF_MEMBER(type, member) / (n) }

/* @n integers in a row on both sides (1: a scalar). */
#define SYNC_ARRAY(grp, reg, runreg, n) \
    { grp, n, SYNC_PLACE(S390Regs, reg, n), SYNC_PLACE(struct kvm_run, runreg, n) }

static const SyncField sync_fields[] = {
    SYNC_ARRAY(ALWAYS, psw_mask, psw_mask, 1),
    SYNC_ARRAY(ALWAYS, psw_addr, psw_addr, 1),
    SYNC_ARRAY(KVM_SYNC_PREFIX, prefix, s.regs.prefix, 1),
    SYNC_ARRAY(KVM_SYNC_GPRS, regs, s.regs.gprs, 16),
    SYNC_ARRAY(KVM_SYNC_ACRS, aregs, s.regs.acrs, 16),
    SYNC_ARRAY(KVM_SYNC_CRS, cregs, s.regs.crs, 16),
    SYNC_ARRAY(KVM_SYNC_ARCH0, todpr, s.regs.todpr, 1),
    SYNC_ARRAY(KVM_SYNC_ARCH0, cputm, s.regs.cputm, 1),
    SYNC_ARRAY(KVM_SYNC_ARCH0, ckc, s.regs.ckc, 1),
    SYNC_ARRAY(KVM_SYNC_VRS, vregs, s.regs.vrs, 64),
    SYNC_ARRAY(KVM_SYNC_VRS | KVM_SYNC_FPRS, fpc, s.regs.fpc, 1),
    SYNC_ARRAY(KVM_SYNC_GSCB, gscb, s.regs.gscb, 4),
    /* FPR i is the left half of vector register i. */
    { KVM_SYNC_FPRS, 16,
      { offsetof(S390Regs, vregs), SIZEOF_MEMBER(S390Regs, vregs[0]), 8 },
      SYNC_PLACE(struct kvm_run, s.regs.fprs, 16) },
};

/* The groups actually copied for a request of @groups. */
static uint64_t effective_groups(uint64_t groups)
{
    groups &= S390_REGS_SYNC_GROUPS;
    if (groups & KVM_SYNC_VRS) {
        groups &= ~(uint64_t)KVM_SYNC_FPRS;
    }
    return groups;
}

static bool field_wanted(const SyncField *f, uint64_t groups)
{
    return f->groups == ALWAYS || (groups & f->groups);
}

static uint64_t load_uint(const uint8_t *p, size_t size)
{
    uint32_t v32;
    uint64_t v64;

    if (size == 4) {
        memcpy(&v32, p, 4);
        return v32;
    }
    g_assert(size == 8);
    memcpy(&v64, p, 8);
    return v64;
}

/* Stores @v in @size bytes at @p; a 4-byte place keeps the low half, as C's assignment. */
static void store_uint(uint8_t *p, size_t size, uint64_t v)
{
    uint32_t v32 = (uint32_t)v;

    if (size == 4) {
        memcpy(p, &v32, 4);
        return;
    }
    g_assert(size == 8);
    memcpy(p, &v, 8);
}

static void sync_field_copy(const SyncField *f, uint8_t *dst, const SyncPlace *to,
                            const uint8_t *src, const SyncPlace *from)
{
    for (unsigned i = 0; i < f->count; i++) {
        store_uint(dst + to->offset + i * to->stride, to->size,
                   load_uint(src + from->offset + i * from->stride, from->size));
    }
}

/* Copies the fields of @groups from @src to @dst, one of which is the run area. */
static void sync_groups_copy(void *dst, bool dst_is_run, const void *src,
                             uint64_t groups)
{
    for (size_t i = 0; i < ARRAY_SIZE(sync_fields); i++) {
        const SyncField *f = &sync_fields[i];

        if (field_wanted(f, groups)) {
            sync_field_copy(f, dst, dst_is_run ? &f->run : &f->regs,
                            src, dst_is_run ? &f->regs : &f->run);
        }
    }
}

void s390_regs_from_kvm_run(S390Regs *regs, const struct kvm_run *run,
                            uint64_t groups)
{
    sync_groups_copy(regs, false, run, effective_groups(groups));
}

uint64_t s390_regs_to_kvm_run(struct kvm_run *run, const S390Regs *regs,
                              uint64_t groups)
{
    groups = effective_groups(groups);
    sync_groups_copy(run, true, regs, groups);
    return groups;
}

void s390_regs_store_status(const S390Regs *regs, uint8_t *area)
{
    int i;

    memset(area, 0, S390_STORE_STATUS_SIZE);
    for (i = 0; i < 16; i++) {
        be64_store(area + 0x000 + i * 8, regs->vregs[i][0]);
        be64_store(area + 0x080 + i * 8, regs->regs[i]);
        be32_store(area + 0x140 + i * 4, regs->aregs[i]);
        be64_store(area + 0x180 + i * 8, regs->cregs[i]);
    }
    be64_store(area + 0x100, regs->psw_mask);
    be64_store(area + 0x108, regs->psw_addr);
    be32_store(area + 0x118, regs->prefix);
    be32_store(area + 0x11c, regs->fpc);
    be32_store(area + 0x124, regs->todpr);
    be64_store(area + 0x128, regs->cputm);
    /* The architecture keeps bits 0-55 of the clock comparator only. */
    be64_store(area + 0x130, regs->ckc >> 8);
}
