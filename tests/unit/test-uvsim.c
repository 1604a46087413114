/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-uvsim.c - the simulator honours the s390x KVM contract: handles,
 * errno values, capabilities, register transfer, resets, KVM_RUN and the
 * guest workload.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "config-host.h"
#include "sysemu/kvm.h"
#ifdef CONFIG_FAULT_INJECTION
#include "sysemu/uvsim-test.h"
#endif
#include "hw/core/cpu.h"
#include "target/s390x/cpu.h"
#include "util/be-access.h"
#include "util/se-header.h"
#include "util/se-image.h"
#include "target/s390x/kvm/kvm_s390x.h"
#include <sys/mman.h>

#define TEST_RAM (4 * MiB)

typedef struct Fixture {
    uint8_t *ram;
    S390CPU cpus[2];
} Fixture;

static void fixture_setup(Fixture *f, gconstpointer data)
{
    GError *err = NULL;
    AccelConfig cfg = { .name = "tcg" };
    g_assert_true(kvm_init(&cfg, &err));
    g_assert_no_error(err);
    f->ram = mmap(NULL, TEST_RAM, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert_true(f->ram != MAP_FAILED);
    g_assert_true(kvm_set_user_memory(kvm_state, f->ram, TEST_RAM, &err));
    for (int i = 0; i < 2; i++) {
        CPUState *cs = CPU(&f->cpus[i]);
        memset(&f->cpus[i], 0, sizeof(f->cpus[i]));
        cs->cpu_index = i;
        g_assert_true(kvm_init_vcpu(cs, &err));
        g_assert_no_error(err);
    }
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    for (int i = 0; i < 2; i++) {
        kvm_destroy_vcpu(CPU(&f->cpus[i]));
    }
    kvm_cleanup();
    munmap(f->ram, TEST_RAM);
}

static void test_capabilities(Fixture *f, gconstpointer data)
{
    g_assert_cmpint(kvm_check_extension(kvm_state, KVM_CAP_SYNC_REGS), ==, 1);
    g_assert_cmpint(kvm_check_extension(kvm_state, KVM_CAP_IMMEDIATE_EXIT), ==, 1);
    g_assert_cmpint(kvm_check_extension(kvm_state, KVM_CAP_MAX_VCPUS), ==, 248);
    /* A PV host whose UV offers the dump calls. */
    g_assert_cmpint(kvm_check_extension(kvm_state, KVM_CAP_S390_PROTECTED), ==, 1);
    g_assert_cmpint(kvm_check_extension(kvm_state, KVM_CAP_S390_PROTECTED_DUMP), ==, 1);
    g_assert_cmpint(kvm_check_extension(kvm_state, 100000), ==, 0);
    g_assert_true(kvm_s390_get_protected());
    g_assert_true(kvm_s390_get_protected_dump());
#ifdef CONFIG_FAULT_INJECTION
    g_assert_cmpstr(uvsim_test_backend_name(kvm_state), ==, "uvsim");
#else
    g_assert_true(kvm_state->ops == &uvsim_backend_ops);
#endif
}

static void test_errno_contract(Fixture *f, gconstpointer data)
{
    struct kvm_pv_cmd cmd = { .cmd = KVM_PV_INFO, .rc = 0x1234, .flags = 1 };
    struct kvm_userspace_memory_region mem = {
        .slot = 1, .memory_size = 4096, .userspace_addr = (uintptr_t)f->ram,
    };

    g_assert_cmpint(kvm_vm_ioctl(kvm_state, 0xAEFF, NULL), ==, -ENOTTY);
    /* docs/kvm-pv-interface.md: flags != 0 is -EINVAL and copies nothing. */
    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_S390_PV_COMMAND, &cmd), ==, -EINVAL);
    g_assert_cmpuint(cmd.rc, ==, 0x1234);
    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_CREATE_VCPU, (void *)0), ==, -EEXIST);
    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_CREATE_VCPU, (void *)248), ==, -EINVAL);
    g_assert_cmpint(kvm_state->ops->ioctl(kvm_state, 12345, KVM_RUN, NULL), ==, -EBADF);
    g_assert_cmpint(kvm_ioctl(kvm_state, KVM_CREATE_VM, NULL), ==, -EBUSY);

    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_SET_USER_MEMORY_REGION, &mem), ==, -EINVAL);
    mem.slot = 0;
    mem.memory_size = 100;
    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_SET_USER_MEMORY_REGION, &mem), ==, -EINVAL);
}

static void test_register_ioctls(Fixture *f, gconstpointer data)
{
    CPUState *cs = CPU(&f->cpus[0]);
    struct kvm_regs regs = { 0 };
    struct kvm_regs back = { 0 };
    uint64_t timer = 0xABCDEF;
    struct kvm_one_reg one = { .id = KVM_REG_S390_CPU_TIMER, .addr = (uintptr_t)&timer };
    struct kvm_mp_state mp = { .mp_state = 42 };

    for (int i = 0; i < 16; i++) {
        regs.gprs[i] = 0x1111111111111111ULL * i;
    }
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_SET_REGS, &regs), ==, 0);
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_GET_REGS, &back), ==, 0);
    g_assert_cmpmem(&regs, sizeof(regs), &back, sizeof(back));
    /* The run area's sync regs follow the ioctl. */
    g_assert_cmphex(cs->kvm_run->s.regs.gprs[15], ==, 0xFFFFFFFFFFFFFFFFULL);

    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_SET_ONE_REG, &one), ==, 0);
    g_assert_cmphex(cs->kvm_run->s.regs.cputm, ==, 0xABCDEF);
    one.id = 0x1234;
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_GET_ONE_REG, &one), ==, -EINVAL);

    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_S390_CLEAR_RESET, NULL), ==, 0);
    g_assert_cmphex(cs->kvm_run->s.regs.gprs[15], ==, 0);
    g_assert_cmphex(cs->kvm_run->s.regs.crs[0], ==, 0xE0);
    g_assert_cmphex(cs->kvm_run->s.regs.crs[14], ==, 0xC2000000);
    g_assert_cmphex(cs->kvm_run->s.regs.cputm, ==, 0);

    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_SET_MP_STATE, &mp), ==, -ENXIO);
}

static void test_immediate_exit(Fixture *f, gconstpointer data)
{
    CPUState *cs = CPU(&f->cpus[0]);
    cs->kvm_run->immediate_exit = 1;
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_RUN, NULL), ==, -EINTR);
    g_assert_cmpuint(cs->kvm_run->exit_reason, ==, KVM_EXIT_INTR);
    g_assert_cmphex(cs->kvm_run->s.regs.gprs[0], ==, 0);
}

static gpointer run_thread(gpointer opaque)
{
    CPUState *cs = opaque;
    return GINT_TO_POINTER(kvm_vcpu_ioctl(cs, KVM_RUN, NULL));
}

static int run_for(CPUState *cs, unsigned ms)
{
    GThread *t = g_thread_new("vcpu", run_thread, cs);
    int r;

    g_usleep(ms * 1000);
    kvm_cpu_kick(cs);
    r = GPOINTER_TO_INT(g_thread_join(t));
    cs->kvm_run->immediate_exit = 0;
    return r;
}

static uint64_t be64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) {
        v = v << 8 | p[i];
    }
    return v;
}

static void test_dirty_sync_regs_and_stopped_cpu(Fixture *f, gconstpointer data)
{
    CPUState *cs = CPU(&f->cpus[1]);
    cs->kvm_run->s.regs.gprs[5] = 0x5555;
    cs->kvm_run->kvm_dirty_regs = KVM_SYNC_GPRS;
    /* A stopped CPU sits in KVM_RUN without executing. */
    g_assert_cmpint(run_for(cs, 20), ==, -EINTR);
    g_assert_cmphex(cs->kvm_run->s.regs.gprs[5], ==, 0x5555);
    g_assert_cmphex(cs->kvm_run->s.regs.gprs[0], ==, 0);
    g_assert_cmphex(cs->kvm_run->kvm_dirty_regs, ==, 0);
}

static void test_workload(Fixture *f, gconstpointer data)
{
    CPUState *c0 = CPU(&f->cpus[0]), *c1 = CPU(&f->cpus[1]);
    struct kvm_mp_state mp = { .mp_state = KVM_MP_STATE_OPERATING };
    uint64_t steps;
    const uint8_t *page;
    const uint8_t *page1;
    uint64_t frozen;

    g_assert_cmpint(kvm_vcpu_ioctl(c0, KVM_SET_MP_STATE, &mp), ==, 0);

    g_assert_cmpint(run_for(c0, 30), ==, -EINTR);
    steps = c0->kvm_run->s.regs.gprs[0];
    g_assert_cmpuint(steps, >, 0);
    g_assert_cmpuint(c0->kvm_run->s.regs.gprs[1], ==, 0);
    g_assert_cmphex(c0->kvm_run->psw_addr, ==, 0x10000 + (steps % 1024) * 4);
    page = f->ram + TEST_RAM - 4096;
    g_assert_cmpmem(page, 8, "PVDUMPWL", 8);
    g_assert_cmpuint(be64(page + 16), ==, steps);

    /* CPU 0's first step started CPU 1 (the guest's SMP bring-up). */
    g_assert_cmpint(kvm_vcpu_ioctl(c1, KVM_GET_MP_STATE, &mp), ==, 0);
    g_assert_cmpuint(mp.mp_state, ==, KVM_MP_STATE_OPERATING);
    g_assert_cmpint(run_for(c1, 30), ==, -EINTR);
    page1 = f->ram + TEST_RAM - 2 * 4096;
    g_assert_cmpuint(be64(page1 + 16), ==, c1->kvm_run->s.regs.gprs[0]);
    g_assert_cmpuint(c1->kvm_run->s.regs.gprs[1], ==, 1);
    /* The same step number gives different registers on different CPUs. */
    g_assert_cmphex(c1->kvm_run->s.regs.gprs[2], !=, c0->kvm_run->s.regs.gprs[2]);

    /* Not running: nothing changes any more. */
    frozen = be64(page + 16);
    g_usleep(10000);
    g_assert_cmpuint(be64(page + 16), ==, frozen);
    g_assert_cmpint(run_for(c0, 20), ==, -EINTR);
    g_assert_cmpuint(be64(page + 16), >, frozen);
}

/* Where the SE image of the stage3a tests keeps its parts. */
#define S3A_HDR   0x12000ULL
#define S3A_IPIB  0x13000ULL
#define S3A_PHS   0x1000u

/* An SE image's boot area in guest memory; CPU 0 operating at stage3a's entry. */
static CPUState *stage3a_guest(Fixture *f)
{
    CPUState *cs = CPU(&f->cpus[0]);
    struct kvm_mp_state mp = { .mp_state = KVM_MP_STATE_OPERATING };
    uint8_t *meta = f->ram + SE_IMG_META_OFF;

    memcpy(meta, SE_IMG_META_MAGIC, 8);
    be64_store(meta + SE_IMG_META_OFF_HDR, S3A_HDR);
    be32_store(meta + SE_IMG_META_OFF_VERSION, SE_IMG_META_VERSION);
    be64_store(meta + SE_IMG_META_OFF_IPIB, S3A_IPIB);
    memcpy(f->ram + SE_STAGE3A_ENTRY, SE_STAGE3A_MAGIC, sizeof(SE_STAGE3A_MAGIC));
    be64_store(f->ram + S3A_HDR, SE_HDR_MAGIC);
    be32_store(f->ram + S3A_HDR + SE_HDR_OFF_PHS, S3A_PHS);
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_SET_MP_STATE, &mp), ==, 0);
    cs->kvm_run->psw_mask = 0x0000000180000000ULL;
    cs->kvm_run->psw_addr = SE_STAGE3A_ENTRY;
    return cs;
}

/* One KVM_RUN that must leave with stage3a's DIAG 308 @subcode intercept. */
static void expect_diag308(CPUState *cs, uint64_t subcode, uint64_t psw_addr)
{
    struct kvm_run *run = cs->kvm_run;

    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_RUN, NULL), ==, 0);
    g_assert_cmpuint(run->exit_reason, ==, KVM_EXIT_S390_SIEIC);
    g_assert_cmpuint(run->s390_sieic.icptcode, ==, 0x04);
    g_assert_cmphex(run->s390_sieic.ipa, ==, 0x8324);
    g_assert_cmphex(run->s390_sieic.ipb, ==, 0x03080000);
    g_assert_cmphex(run->s.regs.gprs[2], ==, S3A_IPIB);
    g_assert_cmphex(run->s.regs.gprs[4], ==, subcode);
    g_assert_cmphex(run->psw_addr, ==, psw_addr);
}

/* User space's answer in R1+1 (GR 3), as kvm_arch_put_registers() hands it back. */
static void answer(CPUState *cs, uint64_t response)
{
    cs->kvm_run->s.regs.gprs[3] = response;
    cs->kvm_run->kvm_dirty_regs |= KVM_SYNC_GPRS;
}

static void assert_stopped_without_workload(Fixture *f, CPUState *cs)
{
    struct kvm_mp_state mp;

    g_assert_cmpint(run_for(cs, 20), ==, -EINTR);
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_GET_MP_STATE, &mp), ==, 0);
    g_assert_cmpuint(mp.mp_state, ==, KVM_MP_STATE_STOPPED);
    g_assert_cmpuint(be64(f->ram + TEST_RAM - 4096), ==, 0);    /* no workload */
}

static void test_stage3a_intercepts(Fixture *f, gconstpointer data)
{
    CPUState *cs = stage3a_guest(f);

    expect_diag308(cs, 8, SE_STAGE3A_ENTRY + 4);
    /* stage3a patched the header's address and size into the IPIB. */
    g_assert_cmphex(be64(f->ram + S3A_IPIB + IPIB_OFF_PV_HDR_ADDR), ==, S3A_HDR);
    g_assert_cmphex(be64(f->ram + S3A_IPIB + IPIB_OFF_PV_HDR_LEN), ==, S3A_PHS);
    answer(cs, 0x0001);
    expect_diag308(cs, 10, SE_STAGE3A_ENTRY + 8);
    /* Subcode 10 came back with the CPU still not secure: it failed. */
    answer(cs, 0x0003000200010A02ULL);
    assert_stopped_without_workload(f, cs);
}

static void test_stage3a_refusals(Fixture *f, gconstpointer data)
{
    CPUState *cs = stage3a_guest(f);
    struct kvm_s390_irq irq = { .type = KVM_S390_PROGRAM_INT, .u.pgm.code = 6 };

    expect_diag308(cs, 8, SE_STAGE3A_ENTRY + 4);
    answer(cs, 0x0402);
    assert_stopped_without_workload(f, cs);

    /* A program interruption on the DIAG stops stage3a as well. */
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_S390_CLEAR_RESET, NULL), ==, 0);
    cs = stage3a_guest(f);
    expect_diag308(cs, 8, SE_STAGE3A_ENTRY + 4);
    irq.type = KVM_S390_INT_EMERGENCY;
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_S390_IRQ, &irq), ==, -EINVAL);
    irq.type = KVM_S390_PROGRAM_INT;
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_S390_IRQ, &irq), ==, 0);
    assert_stopped_without_workload(f, cs);
}

static void test_cpu_model_attr(Fixture *f, gconstpointer data)
{
    struct kvm_s390_vm_cpu_processor proc;
    struct kvm_device_attr attr = {
        .group = KVM_S390_VM_CPU_MODEL, .attr = KVM_S390_VM_CPU_PROCESSOR,
        .addr = (uintptr_t)&proc,
    };
    const uint8_t *fac = (const uint8_t *)proc.fac_list;

    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_HAS_DEVICE_ATTR, &attr), ==, 0);
    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_GET_DEVICE_ATTR, &attr), ==, 0);
    g_assert_cmphex(fac[161 / 8] & (0x80 >> (161 % 8)), !=, 0);
    /* The model is fixed once vCPUs exist. */
    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_SET_DEVICE_ATTR, &attr), ==, -EBUSY);
    attr.attr = KVM_S390_VM_CPU_MACHINE;
    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_HAS_DEVICE_ATTR, &attr), ==, -ENXIO);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
#define ADD(path, fn) g_test_add(path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
    ADD("/uvsim/capabilities", test_capabilities);
    ADD("/uvsim/errno-contract", test_errno_contract);
    ADD("/uvsim/register-ioctls", test_register_ioctls);
    ADD("/uvsim/immediate-exit", test_immediate_exit);
    ADD("/uvsim/dirty-sync-regs", test_dirty_sync_regs_and_stopped_cpu);
    ADD("/uvsim/workload", test_workload);
    ADD("/uvsim/stage3a-intercepts", test_stage3a_intercepts);
    ADD("/uvsim/stage3a-refusals", test_stage3a_refusals);
    ADD("/uvsim/cpu-model-attr", test_cpu_model_attr);
    return g_test_run();
}
