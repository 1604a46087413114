/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-s390x-regs - S390Regs <-> the KVM run area's sync registers:
 * exact placement of every field, group selection, the FPRS/VRS choice and
 * the round trip.
 */
#include "qemu/osdep.h"
#include <linux/kvm.h>
#include "util/s390x-regs.h"

#define ALL_GROUPS (KVM_SYNC_PREFIX | KVM_SYNC_GPRS | KVM_SYNC_ACRS | \
                    KVM_SYNC_CRS | KVM_SYNC_ARCH0 | KVM_SYNC_VRS | KVM_SYNC_GSCB)

/* Distinct values everywhere, so that a misplaced copy shows. */
static void fill_regs(S390Regs *r)
{
    memset(r, 0, sizeof(*r));
    r->psw_mask = 0x0705000180000000ULL;
    r->psw_addr = 0x0000000000012340ULL;
    for (int i = 0; i < 16; i++) {
        r->regs[i] = 0x1000000000000000ULL + i;
        r->aregs[i] = 0x20000000u + i;
        r->cregs[i] = 0x3000000000000000ULL + i;
    }
    r->fpc = 0x40000007u;
    for (int i = 0; i < 32; i++) {
        r->vregs[i][0] = 0x5000000000000000ULL + i;
        r->vregs[i][1] = 0x6000000000000000ULL + i;
    }
    r->prefix = 0x7fffe000u;
    r->cputm = 0x8000000000000001ULL;
    r->ckc = 0x9000000000000002ULL;
    r->todpr = 0xa0000003u;
    for (int i = 0; i < 4; i++) {
        r->gscb[i] = 0xb000000000000000ULL + i;
    }
}

static void fill_run(struct kvm_run *run)
{
    memset(run, 0, sizeof(*run));
    run->psw_mask = 0x0404c00180000000ULL;
    run->psw_addr = 0x0000000000abcde0ULL;
    run->s.regs.prefix = 0x0000000100020000ULL;  /* high half must be cut */
    for (int i = 0; i < 16; i++) {
        run->s.regs.gprs[i] = 0xc100000000000000ULL + i;
        run->s.regs.acrs[i] = 0xc2000000u + i;
        run->s.regs.crs[i] = 0xc300000000000000ULL + i;
    }
    run->s.regs.todpr = 0x00000001c4000005ULL;
    run->s.regs.cputm = 0xc500000000000006ULL;
    run->s.regs.ckc = 0xc600000000000007ULL;
    for (int i = 0; i < 32; i++) {
        run->s.regs.vrs[i][0] = 0xc700000000000000ULL + i;
        run->s.regs.vrs[i][1] = 0xc800000000000000ULL + i;
    }
    run->s.regs.fpc = 0xc9000008u;
    for (int i = 0; i < 4; i++) {
        run->s.regs.gscb[i] = 0xca00000000000000ULL + i;
    }
}

static void assert_regs_equal(const S390Regs *a, const S390Regs *b)
{
    g_assert_cmphex(a->psw_mask, ==, b->psw_mask);
    g_assert_cmphex(a->psw_addr, ==, b->psw_addr);
    g_assert_cmpmem(a->regs, sizeof(a->regs), b->regs, sizeof(b->regs));
    g_assert_cmpmem(a->aregs, sizeof(a->aregs), b->aregs, sizeof(b->aregs));
    g_assert_cmpmem(a->cregs, sizeof(a->cregs), b->cregs, sizeof(b->cregs));
    g_assert_cmphex(a->fpc, ==, b->fpc);
    g_assert_cmpmem(a->vregs, sizeof(a->vregs), b->vregs, sizeof(b->vregs));
    g_assert_cmphex(a->prefix, ==, b->prefix);
    g_assert_cmphex(a->cputm, ==, b->cputm);
    g_assert_cmphex(a->ckc, ==, b->ckc);
    g_assert_cmphex(a->todpr, ==, b->todpr);
    g_assert_cmpmem(a->gscb, sizeof(a->gscb), b->gscb, sizeof(b->gscb));
}

static void test_from_placement(void)
{
    g_autofree struct kvm_run *run = g_new0(struct kvm_run, 1);
    S390Regs r;

    fill_run(run);
    fill_regs(&r);
    s390_regs_from_kvm_run(&r, run, ALL_GROUPS | KVM_SYNC_FPRS | KVM_SYNC_PFAULT);
    g_assert_cmphex(r.psw_mask, ==, 0x0404c00180000000ULL);
    g_assert_cmphex(r.psw_addr, ==, 0xabcde0);
    g_assert_cmphex(r.prefix, ==, 0x00020000u);
    for (int i = 0; i < 16; i++) {
        g_assert_cmphex(r.regs[i], ==, 0xc100000000000000ULL + i);
        g_assert_cmphex(r.aregs[i], ==, 0xc2000000u + i);
        g_assert_cmphex(r.cregs[i], ==, 0xc300000000000000ULL + i);
    }
    g_assert_cmphex(r.todpr, ==, 0xc4000005u);
    g_assert_cmphex(r.cputm, ==, 0xc500000000000006ULL);
    g_assert_cmphex(r.ckc, ==, 0xc600000000000007ULL);
    /* VRS wins over FPRS: both halves of every vector register. */
    for (int i = 0; i < 32; i++) {
        g_assert_cmphex(r.vregs[i][0], ==, 0xc700000000000000ULL + i);
        g_assert_cmphex(r.vregs[i][1], ==, 0xc800000000000000ULL + i);
    }
    g_assert_cmphex(r.fpc, ==, 0xc9000008u);
    for (int i = 0; i < 4; i++) {
        g_assert_cmphex(r.gscb[i], ==, 0xca00000000000000ULL + i);
    }
}

/* Without groups only the PSW travels; everything else keeps its value. */
static void test_from_psw_only(void)
{
    g_autofree struct kvm_run *run = g_new0(struct kvm_run, 1);
    S390Regs r, want;

    fill_run(run);
    fill_regs(&r);
    fill_regs(&want);
    want.psw_mask = run->psw_mask;
    want.psw_addr = run->psw_addr;
    s390_regs_from_kvm_run(&r, run, KVM_SYNC_PFAULT);
    assert_regs_equal(&r, &want);
}

/* FPRS alone: FPR i lands in the left half of vector register i only. */
static void test_from_fprs(void)
{
    g_autofree struct kvm_run *run = g_new0(struct kvm_run, 1);
    S390Regs r, want;

    fill_run(run);
    for (int i = 0; i < 16; i++) {
        run->s.regs.fprs[i] = 0xd000000000000000ULL + i;
    }
    fill_regs(&r);
    fill_regs(&want);
    want.psw_mask = run->psw_mask;
    want.psw_addr = run->psw_addr;
    want.fpc = 0xc9000008u;
    for (int i = 0; i < 16; i++) {
        want.vregs[i][0] = 0xd000000000000000ULL + i;
    }
    s390_regs_from_kvm_run(&r, run, KVM_SYNC_FPRS);
    assert_regs_equal(&r, &want);
}

static void test_to_placement(void)
{
    g_autofree struct kvm_run *run = g_new0(struct kvm_run, 1);
    S390Regs r;
    uint64_t written;

    fill_run(run);
    run->s.regs.pp = 0xe1;
    run->s.regs.gbea = 0xe2;
    run->s.regs.pft = 0xe3;
    run->kvm_valid_regs = 0xe4;
    run->kvm_dirty_regs = 0xe5;
    fill_regs(&r);
    written = s390_regs_to_kvm_run(run, &r, ALL_GROUPS | KVM_SYNC_FPRS |
                                   KVM_SYNC_PFAULT);
    g_assert_cmphex(written, ==, ALL_GROUPS);
    g_assert_cmphex(run->psw_mask, ==, 0x0705000180000000ULL);
    g_assert_cmphex(run->psw_addr, ==, 0x12340);
    g_assert_cmphex(run->s.regs.prefix, ==, 0x7fffe000ULL);  /* whole u64 */
    for (int i = 0; i < 16; i++) {
        g_assert_cmphex(run->s.regs.gprs[i], ==, 0x1000000000000000ULL + i);
        g_assert_cmphex(run->s.regs.acrs[i], ==, 0x20000000u + i);
        g_assert_cmphex(run->s.regs.crs[i], ==, 0x3000000000000000ULL + i);
    }
    g_assert_cmphex(run->s.regs.fpc, ==, 0x40000007u);
    for (int i = 0; i < 32; i++) {
        g_assert_cmphex(run->s.regs.vrs[i][0], ==, 0x5000000000000000ULL + i);
        g_assert_cmphex(run->s.regs.vrs[i][1], ==, 0x6000000000000000ULL + i);
    }
    g_assert_cmphex(run->s.regs.cputm, ==, 0x8000000000000001ULL);
    g_assert_cmphex(run->s.regs.ckc, ==, 0x9000000000000002ULL);
    g_assert_cmphex(run->s.regs.todpr, ==, 0xa0000003ULL);
    for (int i = 0; i < 4; i++) {
        g_assert_cmphex(run->s.regs.gscb[i], ==, 0xb000000000000000ULL + i);
    }
    /* Neither S390Regs fields nor the caller's flags. */
    g_assert_cmphex(run->s.regs.pp, ==, 0xe1);
    g_assert_cmphex(run->s.regs.gbea, ==, 0xe2);
    g_assert_cmphex(run->s.regs.pft, ==, 0xe3);
    g_assert_cmphex(run->kvm_valid_regs, ==, 0xe4);
    g_assert_cmphex(run->kvm_dirty_regs, ==, 0xe5);
}

/* Groups not asked for leave the run area alone, byte for byte. */
static void test_to_selected_groups(void)
{
    g_autofree struct kvm_run *run = g_new0(struct kvm_run, 1);
    g_autofree struct kvm_run *want = g_new0(struct kvm_run, 1);
    S390Regs r;

    fill_run(run);
    fill_run(want);
    fill_regs(&r);
    want->psw_mask = r.psw_mask;
    want->psw_addr = r.psw_addr;
    memcpy(want->s.regs.gprs, r.regs, sizeof(r.regs));
    want->s.regs.todpr = r.todpr;
    want->s.regs.cputm = r.cputm;
    want->s.regs.ckc = r.ckc;
    g_assert_cmphex(s390_regs_to_kvm_run(run, &r, KVM_SYNC_GPRS | KVM_SYNC_ARCH0),
                    ==, KVM_SYNC_GPRS | KVM_SYNC_ARCH0);
    g_assert_cmpmem(run, sizeof(*run), want, sizeof(*want));
}

/* FPRS alone: vregs[i][0] into fprs[i], the fpc, nothing else of the union. */
static void test_to_fprs(void)
{
    g_autofree struct kvm_run *run = g_new0(struct kvm_run, 1);
    S390Regs r;

    fill_regs(&r);
    g_assert_cmphex(s390_regs_to_kvm_run(run, &r, KVM_SYNC_FPRS), ==,
                    KVM_SYNC_FPRS);
    for (int i = 0; i < 16; i++) {
        g_assert_cmphex(run->s.regs.fprs[i], ==, 0x5000000000000000ULL + i);
    }
    for (int i = 8; i < 32; i++) {      /* vrs[8..] lie beyond fprs[16] */
        g_assert_cmphex(run->s.regs.vrs[i][0], ==, 0);
        g_assert_cmphex(run->s.regs.vrs[i][1], ==, 0);
    }
    g_assert_cmphex(run->s.regs.fpc, ==, 0x40000007u);
    g_assert_cmphex(run->s.regs.gprs[0], ==, 0);
}

static void test_round_trip(void)
{
    g_autofree struct kvm_run *run = g_new0(struct kvm_run, 1);
    S390Regs in, out;

    fill_regs(&in);
    memset(&out, 0, sizeof(out));
    s390_regs_to_kvm_run(run, &in, ALL_GROUPS);
    s390_regs_from_kvm_run(&out, run, ALL_GROUPS);
    assert_regs_equal(&out, &in);

    /* Through the FPRs only the left halves come back. */
    memset(run, 0, sizeof(*run));
    memset(&out, 0, sizeof(out));
    s390_regs_to_kvm_run(run, &in, (ALL_GROUPS & ~KVM_SYNC_VRS) | KVM_SYNC_FPRS);
    s390_regs_from_kvm_run(&out, run, (ALL_GROUPS & ~KVM_SYNC_VRS) | KVM_SYNC_FPRS);
    for (int i = 0; i < 32; i++) {
        g_assert_cmphex(out.vregs[i][0], ==, i < 16 ? in.vregs[i][0] : 0);
        g_assert_cmphex(out.vregs[i][1], ==, 0);
        in.vregs[i][0] = out.vregs[i][0];
        in.vregs[i][1] = 0;
    }
    assert_regs_equal(&out, &in);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/s390x-regs/from/placement", test_from_placement);
    g_test_add_func("/s390x-regs/from/psw-only", test_from_psw_only);
    g_test_add_func("/s390x-regs/from/fprs", test_from_fprs);
    g_test_add_func("/s390x-regs/to/placement", test_to_placement);
    g_test_add_func("/s390x-regs/to/selected-groups", test_to_selected_groups);
    g_test_add_func("/s390x-regs/to/fprs", test_to_fprs);
    g_test_add_func("/s390x-regs/round-trip", test_round_trip);
    return g_test_run();
}
