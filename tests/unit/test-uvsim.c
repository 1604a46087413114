/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-uvsim.c - the simulator honours the s390x KVM contract: handles,
 * errno values, capabilities, register transfer, resets, KVM_RUN and the
 * interpreted CPU with the kernel's intercept split.
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
        cs->vcpu_id = i;
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

/* Puts @len bytes of code at @addr and starts @cs there in 64-bit mode. */
static void load_program_at(Fixture *f, CPUState *cs, uint64_t addr,
                            const uint8_t *code, size_t len)
{
    struct kvm_mp_state mp = { .mp_state = KVM_MP_STATE_OPERATING };

    memcpy(f->ram + addr, code, len);
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_SET_MP_STATE, &mp), ==, 0);
    cs->kvm_run->psw_mask = 0x0000000180000000ULL;
    cs->kvm_run->psw_addr = addr;
}

static void load_program(Fixture *f, CPUState *cs, const uint8_t *code, size_t len)
{
    load_program_at(f, cs, 0x10000, code, len);
}

/* KVM_RUN executes guest code: a counting loop makes progress, and stops when kicked. */
static void test_interpreter_runs_code(Fixture *f, gconstpointer data)
{
    static const uint8_t loop[] = {
        0xa7, 0x19, 0x00, 0x00,                 /* lghi %r1,0 */
        0xa7, 0x1b, 0x00, 0x01,                 /* aghi %r1,1 */
        0xe3, 0x10, 0x02, 0x00, 0x00, 0x24,     /* stg %r1,0x200 */
        0xa7, 0xf4, 0xff, 0xfb,                 /* j .-10 */
    };
    CPUState *cs = CPU(&f->cpus[0]);
    uint64_t count, frozen;

    load_program(f, cs, loop, sizeof(loop));
    g_assert_cmpint(run_for(cs, 30), ==, -EINTR);
    count = be64(f->ram + 0x200);
    g_assert_cmpuint(count, >, 1000);
    g_assert_cmpuint(cs->kvm_run->s.regs.gprs[1], >=, count);
    g_assert_cmphex(cs->kvm_run->psw_addr, >=, 0x10004);
    g_assert_cmphex(cs->kvm_run->psw_addr, <=, 0x1000e);
    /* Outside KVM_RUN nothing executes. */
    frozen = be64(f->ram + 0x200);
    g_usleep(10000);
    g_assert_cmpuint(be64(f->ram + 0x200), ==, frozen);
    g_assert_cmpint(run_for(cs, 20), ==, -EINTR);
    g_assert_cmpuint(be64(f->ram + 0x200), >, frozen);
}

/*
 * One CPU patches another's code: CPU 1 turns CPU 0's counting loop into
 * "j ." and CPU 0, which decoded the loop long before, stops counting.
 */
static void test_cross_cpu_code_patch(Fixture *f, gconstpointer data)
{
    static const uint8_t loop[] = {
        0xa7, 0x19, 0x00, 0x00,                 /* lghi %r1,0 */
        0xa7, 0x1b, 0x00, 0x01,                 /* aghi %r1,1 */
        0xe3, 0x10, 0x02, 0x00, 0x00, 0x24,     /* stg %r1,0x200 */
        0xa7, 0xf4, 0xff, 0xfb,                 /* j .-10 */
    };
    static const uint8_t patch[] = {
        0xc0, 0x2f, 0x00, 0x01, 0x00, 0x04,     /* llilf %r2,0x10004 */
        0xe5, 0x44, 0x20, 0x00, 0xa7, 0xf4,     /* mvhhi 0(%r2),0xa7f4 */
        0xe5, 0x44, 0x20, 0x02, 0x00, 0x00,     /* mvhhi 2(%r2),0 */
        0xa7, 0xf4, 0x00, 0x00,                 /* j . */
    };
    CPUState *c0 = CPU(&f->cpus[0]), *c1 = CPU(&f->cpus[1]);
    uint64_t frozen;

    load_program(f, c0, loop, sizeof(loop));
    g_assert_cmpint(run_for(c0, 20), ==, -EINTR);
    g_assert_cmpuint(be64(f->ram + 0x200), >, 1000);
    load_program_at(f, c1, 0x11000, patch, sizeof(patch));
    g_assert_cmpint(run_for(c1, 10), ==, -EINTR);
    g_assert_cmphex(be64(f->ram + 0x10000) & 0xffffffff, ==, 0xa7f40000);
    /* CPU 0 runs into the patched "j ." within its first slice. */
    g_assert_cmpint(run_for(c0, 20), ==, -EINTR);
    frozen = be64(f->ram + 0x200);
    g_assert_cmphex(c0->kvm_run->psw_addr, ==, 0x10004);
    g_assert_cmpint(run_for(c0, 20), ==, -EINTR);
    g_assert_cmpuint(be64(f->ram + 0x200), ==, frozen);
}

/* One KVM_RUN that must return 0 with @reason. */
static struct kvm_run *run_to_exit(CPUState *cs, uint32_t reason)
{
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_RUN, NULL), ==, 0);
    g_assert_cmpuint(cs->kvm_run->exit_reason, ==, reason);
    return cs->kvm_run;
}

/*
 * Guarded storage: KVM_CAP_S390_GS is a VM capability (-EBUSY once vCPUs
 * exist; kvm_init() enabled it), the GSCB travels in the run area
 * (KVM_SYNC_GSCB) both ways, and the CPU's STGSC/LGSC see and set it.
 */
static void test_guarded_storage(Fixture *f, gconstpointer data)
{
    static const uint8_t prog[] = {
        0xe3, 0x00, 0x03, 0x00, 0x00, 0x49,     /* stgsc %r0,0x300 */
        0xe3, 0x00, 0x04, 0x00, 0x00, 0x4d,     /* lgsc %r0,0x400 */
        0xb2, 0xb2, 0x05, 0x00,                 /* lpswe 0x500 */
    };
    struct kvm_enable_cap cap = { .cap = KVM_CAP_S390_GS };
    CPUState *cs = CPU(&f->cpus[0]);
    struct kvm_run *run = cs->kvm_run;

    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_ENABLE_CAP, &cap), ==, -EBUSY);
    g_assert_cmphex(run->kvm_valid_regs & KVM_SYNC_GSCB, ==, KVM_SYNC_GSCB);
    be64_store(f->ram + 0x500, 0x0002000180000000ULL);  /* disabled wait */
    be64_store(f->ram + 0x508, 0xfff);
    for (int i = 0; i < 4; i++) {
        be64_store(f->ram + 0x400 + 8 * i, 0x4400000000000000ULL + i);
    }
    load_program(f, cs, prog, sizeof(prog));
    run->s.regs.crs[2] = 0x10;                          /* bit 59 */
    run->s.regs.gscb[1] = 0x0000000080000019ULL;
    run->s.regs.gscb[2] = 0x8000000000000000ULL;
    run->s.regs.gscb[3] = 0x2000;
    run->kvm_dirty_regs |= KVM_SYNC_CRS | KVM_SYNC_GSCB;
    run = run_to_exit(cs, KVM_EXIT_S390_SIEIC);
    g_assert_cmpuint(run->s390_sieic.icptcode, ==, 0x1c);
    g_assert_cmphex(be64(f->ram + 0x300), ==, 0);
    g_assert_cmphex(be64(f->ram + 0x308), ==, 0x0000000080000019ULL);
    g_assert_cmphex(be64(f->ram + 0x310), ==, 0x8000000000000000ULL);
    g_assert_cmphex(be64(f->ram + 0x318), ==, 0x2000);
    g_assert_cmphex(run->s.regs.gscb[0], ==, 0);
    for (int i = 1; i < 4; i++) {
        g_assert_cmphex(run->s.regs.gscb[i], ==, 0x4400000000000000ULL + i);
    }
}

/*
 * The kernel's split (kvm-s390-intercepts.md): SERVC, SIGP START go to
 * user space with ipa/ipb; DIAG 308 subcode 3 is KVM_EXIT_S390_RESET;
 * SIGP SENSE is completed inside; STSI 1.1.1 is stored, then reported
 * (USER_STSI); a disabled wait is intercept 0x1c.
 */
static void test_intercepts(Fixture *f, gconstpointer data)
{
    static const uint8_t prog[] = {
        0xb2, 0x20, 0x00, 0x12,                 /* 10000 servc %r1,%r2 */
        0xa7, 0x39, 0x00, 0x03,                 /* 10004 lghi %r3,3 */
        0x83, 0x23, 0x03, 0x08,                 /* 10008 diag %r2,%r3,0x308 */
        0xa7, 0x59, 0x00, 0x01,                 /* 1000c lghi %r5,1 */
        0xae, 0x45, 0x00, 0x04,                 /* 10010 sigp %r4,%r5,4 (start) */
        0xae, 0x45, 0x00, 0x01,                 /* 10014 sigp %r4,%r5,1 (sense) */
        0xc0, 0x0f, 0x10, 0x00, 0x00, 0x01,     /* 10018 llilf %r0,0x10000001 */
        0xa7, 0x19, 0x00, 0x01,                 /* 1001e lghi %r1,1 */
        0xa7, 0x69, 0x30, 0x00,                 /* 10022 lghi %r6,0x3000 */
        0xb2, 0x7d, 0x60, 0x00,                 /* 10026 stsi 0(%r6) */
        0xb2, 0xb2, 0x04, 0x00,                 /* 1002a lpswe 0x400 */
    };
    static const uint8_t ibm_ebcdic[] = { 0xc9, 0xc2, 0xd4, 0x40 };
    struct kvm_enable_cap cap = { .cap = KVM_CAP_S390_USER_STSI };
    CPUState *cs = CPU(&f->cpus[0]);
    struct kvm_run *run;

    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_ENABLE_CAP, &cap), ==, 0);
    be64_store(f->ram + 0x400, 0x0002000180000000ULL);  /* disabled wait */
    be64_store(f->ram + 0x408, 0xfff);
    load_program(f, cs, prog, sizeof(prog));
    run = run_to_exit(cs, KVM_EXIT_S390_SIEIC);
    g_assert_cmpuint(run->s390_sieic.icptcode, ==, 0x04);
    g_assert_cmphex(run->s390_sieic.ipa, ==, 0xb220);
    g_assert_cmphex(run->s390_sieic.ipb, ==, 0x00120000);
    g_assert_cmphex(run->psw_addr, ==, 0x10004);
    run = run_to_exit(cs, KVM_EXIT_S390_RESET);
    g_assert_cmphex(run->s390_reset_flags, ==, 2 | 4 | 8 | 16);
    run = run_to_exit(cs, KVM_EXIT_S390_SIEIC);
    g_assert_cmphex(run->s390_sieic.ipa, ==, 0xae45);
    g_assert_cmphex(run->s390_sieic.ipb, ==, 0x00040000);
    /* SENSE of the stopped CPU 1: status "stopped" in R4, cc 1; then STSI. */
    run = run_to_exit(cs, KVM_EXIT_S390_STSI);
    g_assert_cmphex(run->s.regs.gprs[4] & 0xffffffff, ==, 0x40);
    g_assert_cmpuint(run->s390_stsi.fc, ==, 1);
    g_assert_cmpuint(run->s390_stsi.sel1, ==, 1);
    g_assert_cmpuint(run->s390_stsi.sel2, ==, 1);
    g_assert_cmphex(run->s390_stsi.addr, ==, 0x3000);
    g_assert_cmpmem(f->ram + 0x3000 + 32, 4, ibm_ebcdic, 4);
    g_assert_cmphex(run->s.regs.gprs[0], ==, 0);
    g_assert_cmphex((run->psw_mask >> 44) & 3, ==, 0);
    run = run_to_exit(cs, KVM_EXIT_S390_SIEIC);
    g_assert_cmpuint(run->s390_sieic.icptcode, ==, 0x1c);
    g_assert_cmphex(run->psw_addr, ==, 0xfff);
}

/* SIGP STOP from user space: intercept 0x28, the status stored at 0x1200. */
static void test_stop_interruption(Fixture *f, gconstpointer data)
{
    static const uint8_t loop[] = { 0xa7, 0xf4, 0x00, 0x00 };   /* j . */
    struct kvm_s390_irq irq = {
        .type = KVM_S390_SIGP_STOP,
        .u.stop.flags = KVM_S390_STOP_FLAG_STORE_STATUS,
    };
    CPUState *cs = CPU(&f->cpus[0]);
    struct kvm_run *run;

    load_program(f, cs, loop, sizeof(loop));
    g_assert_cmpint(run_for(cs, 10), ==, -EINTR);
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_S390_IRQ, &irq), ==, 0);
    run = run_to_exit(cs, KVM_EXIT_S390_SIEIC);
    g_assert_cmpuint(run->s390_sieic.icptcode, ==, 0x28);
    g_assert_cmphex(be64(f->ram + 0x1300), ==, 0x0000000180000000ULL);
    g_assert_cmphex(be64(f->ram + 0x1308), ==, 0x10000);
    g_assert_cmpuint(f->ram[0xa3], ==, 1);
    irq.u.stop.flags = 0x80;
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_S390_IRQ, &irq), ==, -EINVAL);
}

/*
 * KVM_SET_MP_STATE(STOPPED) clears a stop interruption not yet taken (the
 * kernel's kvm_s390_vcpu_stop): user space stopped the CPU itself (it was
 * in a disabled wait), so once started again it runs on, with no 0x28.
 */
static void test_stopped_cpu_drops_pending_stop(Fixture *f, gconstpointer data)
{
    static const uint8_t loop[] = { 0xa7, 0xf4, 0x00, 0x00 };   /* j . */
    struct kvm_s390_irq irq = { .type = KVM_S390_SIGP_STOP };
    struct kvm_mp_state stopped = { .mp_state = KVM_MP_STATE_STOPPED };
    CPUState *cs = CPU(&f->cpus[0]);

    load_program(f, cs, loop, sizeof(loop));
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_S390_IRQ, &irq), ==, 0);
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_SET_MP_STATE, &stopped), ==, 0);
    load_program(f, cs, loop, sizeof(loop));
    g_assert_cmpint(run_for(cs, 10), ==, -EINTR);
    g_assert_cmpuint(cs->kvm_run->exit_reason, ==, KVM_EXIT_INTR);
    g_assert_cmphex(cs->kvm_run->psw_addr, ==, 0x10000);
}

/* Runs CPU 0's SENSE of CPU 1 to its disabled wait; returns the cc. */
static unsigned sense_cpu1(Fixture *f, CPUState *cs)
{
    static const uint8_t prog[] = {
        0xa7, 0x59, 0x00, 0x01,                 /* lghi %r5,1 */
        0xae, 0x45, 0x00, 0x01,                 /* sigp %r4,%r5,1 (sense) */
        0xb2, 0x22, 0x00, 0x60,                 /* ipm %r6 */
        0xb2, 0xb2, 0x04, 0x00,                 /* lpswe 0x400 */
    };
    struct kvm_run *run;

    be64_store(f->ram + 0x400, 0x0002000180000000ULL);  /* disabled wait */
    be64_store(f->ram + 0x408, 0xfff);
    load_program(f, cs, prog, sizeof(prog));
    cs->kvm_run->s.regs.gprs[4] = 0;
    cs->kvm_run->kvm_dirty_regs |= KVM_SYNC_GPRS;
    run = run_to_exit(cs, KVM_EXIT_S390_SIEIC);
    g_assert_cmpuint(run->s390_sieic.icptcode, ==, 0x1c);
    return (run->s.regs.gprs[6] >> 28) & 3;
}

/*
 * The kernel's handle_sigp_dst: while a stop user space sent is not
 * completed (the target not yet KVM_SET_MP_STATE(STOPPED)), SENSE finds
 * the target busy (cc 2) rather than operating; afterwards, stopped.
 */
static void test_sense_busy_while_stop_pending(Fixture *f, gconstpointer data)
{
    static const uint8_t loop[] = { 0xa7, 0xf4, 0x00, 0x00 };   /* j . */
    struct kvm_s390_irq irq = { .type = KVM_S390_SIGP_STOP };
    struct kvm_mp_state stopped = { .mp_state = KVM_MP_STATE_STOPPED };
    CPUState *c0 = CPU(&f->cpus[0]), *c1 = CPU(&f->cpus[1]);
    struct kvm_run *run;

    load_program_at(f, c1, 0x11000, loop, sizeof(loop));
    g_assert_cmpuint(sense_cpu1(f, c0), ==, 0);         /* operating */
    g_assert_cmpint(kvm_vcpu_ioctl(c1, KVM_S390_IRQ, &irq), ==, 0);
    g_assert_cmpuint(sense_cpu1(f, c0), ==, 2);
    /* CPU 1 takes the stop (intercept 0x28): still busy until stopped. */
    run = run_to_exit(c1, KVM_EXIT_S390_SIEIC);
    g_assert_cmpuint(run->s390_sieic.icptcode, ==, 0x28);
    g_assert_cmpuint(sense_cpu1(f, c0), ==, 2);
    g_assert_cmpint(kvm_vcpu_ioctl(c1, KVM_SET_MP_STATE, &stopped), ==, 0);
    g_assert_cmpuint(sense_cpu1(f, c0), ==, 1);
    g_assert_cmphex(c0->kvm_run->s.regs.gprs[4] & 0xffffffff, ==, 0x40);
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

/* The guest TOD clock as the kernel's KVM_S390_VM_TOD attributes give it. */
static void test_tod_attr(Fixture *f, gconstpointer data)
{
    const uint64_t one_second = 1000000ULL << 12;    /* bit 51 = 1 us */
    const uint64_t set = 0xd0000000000000ULL;
    struct kvm_s390_vm_tod_clock ext = { .epoch_idx = 0, .tod = set };
    uint64_t low = 0;
    uint8_t high = 1;
    struct kvm_device_attr attr = {
        .group = KVM_S390_VM_TOD, .attr = KVM_S390_VM_TOD_EXT,
        .addr = (uintptr_t)&ext,
    };
    S390TOD tod;
    GError *err = NULL;

    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_HAS_DEVICE_ATTR, &attr), ==, 0);
    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_SET_DEVICE_ATTR, &attr), ==, 0);
    attr.attr = KVM_S390_VM_TOD_LOW;
    attr.addr = (uintptr_t)&low;
    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_GET_DEVICE_ATTR, &attr), ==, 0);
    g_assert_cmphex(low, >=, set);
    g_assert_cmphex(low, <, set + one_second);
    /* Only epoch index 0 without the multiple-epoch facility. */
    attr.attr = KVM_S390_VM_TOD_HIGH;
    attr.addr = (uintptr_t)&high;
    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_GET_DEVICE_ATTR, &attr), ==, 0);
    g_assert_cmpint(high, ==, 0);
    high = 1;
    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_SET_DEVICE_ATTR, &attr), ==, -EINVAL);
    ext.epoch_idx = 1;
    attr.attr = KVM_S390_VM_TOD_EXT;
    attr.addr = (uintptr_t)&ext;
    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_SET_DEVICE_ATTR, &attr), ==, -EINVAL);
    attr.attr = KVM_S390_VM_TOD_EXT + 1;
    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_HAS_DEVICE_ATTR, &attr), ==, -ENXIO);
    /* The machine's calls (hw/s390x/tod.c saves and restores with them). */
    tod.high = 0;
    tod.low = 0x100000000000ULL;
    g_assert_true(kvm_s390_set_tod(&tod, &err));
    g_assert_true(kvm_s390_get_tod(&tod, &err));
    g_assert_no_error(err);
    g_assert_cmphex(tod.low, >=, 0x100000000000ULL);
    g_assert_cmphex(tod.low, <, 0x100000000000ULL + one_second);
}

/*
 * Machine checks through the ioctls: a CPU-local one (KVM_S390_IRQ) and a
 * floating one (the VM's KVM_S390_INTERRUPT, parm = CR14 mask, parm64 =
 * MCIC) that waits until CR14 enables it; both reach the lowcore.
 */
static void test_machine_check_injection(Fixture *f, gconstpointer data)
{
    static const uint8_t code[] = { 0xb2, 0xb2, 0x08, 0x00 };  /* lpswe 0x800 */
    const uint64_t ed = 1ULL << (63 - 5), cp = 1ULL << (63 - 9);
    struct kvm_s390_irq irq = {
        .type = KVM_S390_MCHK,
        .u.mchk = { .cr14 = 1ULL << (63 - 38), .mcic = ed,
                    .failing_storage_address = 0x1234, .ext_damage_code = 5 },
    };
    struct kvm_s390_interrupt crw = {
        .type = KVM_S390_MCHK, .parm = 1u << (63 - 35), .parm64 = cp,
    };
    CPUState *cs = CPU(&f->cpus[0]);
    struct kvm_run *run;

    be64_store(f->ram + 0x800, 0x0006000180000000ULL);   /* wait, bit 13 */
    be64_store(f->ram + 0x808, 0x6000);
    be64_store(f->ram + 0x1e0, 0x0002000180000000ULL);   /* disabled wait */
    be64_store(f->ram + 0x1e8, 0x7000);
    load_program(f, cs, code, sizeof(code));
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_S390_IRQ, &irq), ==, 0);
    run = run_to_exit(cs, KVM_EXIT_S390_SIEIC);
    g_assert_cmpuint(run->s390_sieic.icptcode, ==, 0x1c);
    g_assert_cmphex(run->psw_addr, ==, 0x7000);
    g_assert_cmphex(be64(f->ram + 0xe8), ==, ed);
    g_assert_cmphex(be64(f->ram + 0xf8), ==, 0x1234);
    g_assert_cmphex(be64(f->ram + 0xf0) & 0xffffffff, ==, 5);
    g_assert_cmphex(be64(f->ram + 0x168), ==, 0x6000);

    /* The reset CR14 (0xc2000000) has no channel-report subclass (bit 35). */
    load_program(f, cs, code, sizeof(code));
    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_S390_INTERRUPT, &crw), ==, 0);
    g_assert_cmpint(run_for(cs, 20), ==, -EINTR);
    g_assert_cmphex(cs->kvm_run->psw_addr, ==, 0x6000);
    g_assert_cmphex(be64(f->ram + 0xe8), ==, ed);
    cs->kvm_run->s.regs.crs[14] |= crw.parm;
    cs->kvm_run->kvm_dirty_regs = KVM_SYNC_CRS;
    run = run_to_exit(cs, KVM_EXIT_S390_SIEIC);
    g_assert_cmphex(run->psw_addr, ==, 0x7000);
    g_assert_cmphex(be64(f->ram + 0xe8), ==, cp);
    g_assert_cmphex(be64(f->ram + 0xf8), ==, 0);
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
    ADD("/uvsim/interpreter-runs-code", test_interpreter_runs_code);
    ADD("/uvsim/intercepts", test_intercepts);
    ADD("/uvsim/guarded-storage", test_guarded_storage);
    ADD("/uvsim/cross-cpu-code-patch", test_cross_cpu_code_patch);
    ADD("/uvsim/stop-interruption", test_stop_interruption);
    ADD("/uvsim/stopped-cpu-drops-pending-stop", test_stopped_cpu_drops_pending_stop);
    ADD("/uvsim/sense-busy-while-stop-pending", test_sense_busy_while_stop_pending);
    ADD("/uvsim/stage3a-intercepts", test_stage3a_intercepts);
    ADD("/uvsim/stage3a-refusals", test_stage3a_refusals);
    ADD("/uvsim/cpu-model-attr", test_cpu_model_attr);
    ADD("/uvsim/tod-attr", test_tod_attr);
    ADD("/uvsim/machine-check-injection", test_machine_check_injection);
    return g_test_run();
}
