/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-firmware.c - the firmware services user space completes for both
 * backends (STSI 3.2.2, DIAG 288/308/318, the watchdog actions), fed the
 * exits that real KVM and uvsim produce, on a -m 64 -smp 2,maxcpus=8
 * machine on uvsim; the WATCHDOG events read from a QMP monitor.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "chardev/char.h"
#include "exec/memory.h"
#include "hw/boards.h"
#include "hw/qdev-core.h"
#include "hw/s390x/diag308.h"
#include "hw/s390x/diag318.h"
#include "hw/s390x/ipl-reset.h"
#include "hw/s390x/s390-virtio-ccw.h"
#include "hw/s390x/stsi.h"
#include "hw/watchdog/wdt_diag288.h"
#include "monitor/monitor.h"
#include "qemu/main-loop.h"
#include "sysemu/kvm.h"
#include "sysemu/watchdog.h"
#include "target/s390x/cpu.h"
#include "target/s390x/virt-mem.h"
#include "util/be-access.h"
#include <sys/socket.h>
#include <sys/un.h>

#define PSTATE      0x0001000000000000ULL
#define PREFIX      0x40000ULL
#define UUID_TEXT   "0fb84a86-727c-11ea-bc55-0242ac130003"

static MachineConfig cfg = {
    .ram_size = 64 * MiB, .smp = 2, .max_cpus = 8,
    .name = (char *)"kvm-unit-test", .uuid = (char *)UUID_TEXT,
};
/* s390_ccw_machine() finds the s390x state around current_machine. */
static S390CcwMachineState machine = { .parent_obj.cfg = &cfg };
static S390CPU cpus[2];
static CPUState *cpu_ptrs[2];
static int qmp_fd = -1;

static const uint8_t uuid_bytes[16] = {
    0x0f, 0xb8, 0x4a, 0x86, 0x72, 0x7c, 0x11, 0xea,
    0xbc, 0x55, 0x02, 0x42, 0xac, 0x13, 0x00, 0x03,
};
/* "kvm-unit" in EBCDIC, as kvm-unit-tests' stsi.c expects it. */
static const uint8_t name_ebcdic[8] = { 0x92, 0xa5, 0x94, 0x60, 0xa4, 0x95, 0x89, 0xa3 };

static void put(uint64_t addr, const void *buf, size_t len)
{
    g_assert_true(guest_memory_write(addr, buf, len, NULL));
}

static void get(uint64_t addr, void *buf, size_t len)
{
    g_assert_true(guest_memory_read(addr, buf, len, NULL));
}

static void pump(void)
{
    while (g_main_context_iteration(NULL, FALSE)) {
    }
}

/* A DIAG intercept (RS: 83 R1R3 B2D2) handed to the real-KVM exit handler. */
static int diag_exit(CPUState *cs, unsigned r1, unsigned r3, uint16_t code)
{
    struct kvm_run *run = cs->kvm_run;
    int r;

    run->exit_reason = KVM_EXIT_S390_SIEIC;
    run->s390_sieic.icptcode = 0x04;
    run->s390_sieic.ipa = 0x8300 | (r1 << 4) | r3;
    run->s390_sieic.ipb = (uint32_t)code << 16;      /* B2 = 0 */
    bql_lock();
    r = kvm_arch_handle_exit(cs, run);
    bql_unlock();
    return r;
}

/* The level-0 SYSIB 3.2.2 the kernel stores, with one more level below. */
static void kernel_sysib(uint8_t *sysib)
{
    static const uint8_t kvmguest[8] = { 0xd2, 0xe5, 0xd4, 0x87, 0xa4, 0x85, 0xa2, 0xa3 };

    memset(sysib, 0, SYSIB_SIZE);
    sysib[SYSIB322_OFF_COUNT] = 2;
    be16_store(sysib + SYSIB322_OFF_VM + SYSIB322_VM_TOTAL_CPUS, 2);
    be16_store(sysib + SYSIB322_OFF_VM + SYSIB322_VM_CONF_CPUS, 2);
    memcpy(sysib + SYSIB322_OFF_VM + SYSIB322_VM_NAME, kvmguest, 8);
    /* Level 1 (the host's hypervisor) has an extended name. */
    sysib[SYSIB322_OFF_VM + SYSIB322_VM_SIZE + SYSIB322_VM_EXT_ENC] = 2;
    strcpy((char *)sysib + SYSIB322_OFF_EXT_NAMES, "hostlevel");
}

static void test_stsi_patch(void)
{
    uint8_t sysib[SYSIB_SIZE], want[SYSIB_SIZE];
    S390StsiVMInfo info = { 8, 2, "kvm-unit-test", uuid_bytes };
    uint8_t *vm = want + SYSIB322_OFF_VM;

    kernel_sysib(sysib);
    memcpy(want, sysib, sizeof(want));
    s390_stsi_patch_3_2_2(sysib, &info);
    /* Level 1 got the old level-0 name; level 0 the VM's. */
    memset(want + SYSIB322_OFF_EXT_NAMES, 0, 2 * SYSIB322_EXT_NAME_SIZE);
    strcpy((char *)want + SYSIB322_OFF_EXT_NAMES + SYSIB322_EXT_NAME_SIZE, "hostlevel");
    strcpy((char *)want + SYSIB322_OFF_EXT_NAMES, "kvm-unit-test");
    be16_store(vm + SYSIB322_VM_TOTAL_CPUS, 8);
    be16_store(vm + SYSIB322_VM_CONF_CPUS, 2);
    be16_store(vm + SYSIB322_VM_RESV_CPUS, 6);
    memcpy(vm + SYSIB322_VM_NAME, name_ebcdic, 8);
    vm[SYSIB322_VM_EXT_ENC] = 2;
    memcpy(vm + SYSIB322_VM_UUID, uuid_bytes, 16);
    g_assert_cmpmem(sysib, sizeof(sysib), want, sizeof(want));
    /*
     * The kernel's struct sysinfo_3_2_2 at raw offsets (regression: the
     * encoding and UUID once sat at 39 and 44, inside the cpi field).
     */
    g_assert_cmpint(sysib[32 + 43], ==, 2);
    g_assert_cmpmem(sysib + 32 + 48, 16, uuid_bytes, 16);

    /* No -name: blanks and the default extended name; level 1 stops the stack. */
    kernel_sysib(sysib);
    sysib[SYSIB322_OFF_VM + SYSIB322_VM_SIZE + SYSIB322_VM_EXT_ENC] = 0;
    info.name = NULL;
    info.uuid = NULL;
    s390_stsi_patch_3_2_2(sysib, &info);
    g_assert_cmpmem(sysib + SYSIB322_OFF_VM + SYSIB322_VM_NAME, 8, "\x40\x40\x40\x40\x40\x40\x40\x40", 8);
    g_assert_cmpstr((char *)sysib + SYSIB322_OFF_EXT_NAMES, ==, "KVMguest");
    g_assert_cmpint(sysib[SYSIB322_OFF_EXT_NAMES + SYSIB322_EXT_NAME_SIZE], ==, 0);
}

static void stsi_exit(CPUState *cs, uint64_t addr, uint8_t fc)
{
    struct kvm_run *run = cs->kvm_run;

    run->exit_reason = KVM_EXIT_S390_STSI;
    run->s390_stsi.addr = addr;
    run->s390_stsi.ar = 0;
    run->s390_stsi.fc = fc;
    run->s390_stsi.sel1 = 2;
    run->s390_stsi.sel2 = 2;
    bql_lock();
    g_assert_cmpint(kvm_arch_handle_exit(cs, run), ==, 0);
    bql_unlock();
}

/*
 * Hands @cs's registers (PSW mask, prefix, control registers) to the
 * accelerator, whose KVM_S390_MEM_OP translates with its own copy: one
 * KVM_RUN that ends at once in a disabled wait (the PSW's interruption
 * masks off, the wait bit on).  The CPU state is restored afterwards.
 */
static void vcpu_load(CPUState *cs)
{
    CPUS390XState *env = &S390_CPU(cs)->env;
    struct kvm_mp_state mp, run_mp = { .mp_state = KVM_MP_STATE_OPERATING };
    uint64_t mask = env->psw_mask;

    env->psw_mask = (mask & ~0x0304000000000000ULL) | 0x0002000180000000ULL;
    kvm_arch_put_registers(cs);
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_GET_MP_STATE, &mp), ==, 0);
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_SET_MP_STATE, &run_mp), ==, 0);
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_RUN, NULL), ==, 0);
    g_assert_cmpuint(cs->kvm_run->s390_sieic.icptcode, ==, 0x1c);
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_SET_MP_STATE, &mp), ==, 0);
    env->psw_mask = mask;
}

/* The operand is a real address: the page at real 0x1000 lives at prefix+0x1000. */
static void test_stsi_exit(void)
{
    CPUS390XState *env = &cpus[1].env;
    uint8_t sysib[SYSIB_SIZE];
    const uint8_t *vm = sysib + SYSIB322_OFF_VM;

    env->prefix = PREFIX;
    env->psw_mask = 0;
    vcpu_load(cpu_ptrs[1]);
    kernel_sysib(sysib);
    put(PREFIX + 0x1000, sysib, sizeof(sysib));
    stsi_exit(cpu_ptrs[1], 0x1000, 3);
    get(PREFIX + 0x1000, sysib, sizeof(sysib));
    g_assert_cmpuint(be16_load(vm + SYSIB322_VM_TOTAL_CPUS), ==, 8);
    g_assert_cmpuint(be16_load(vm + SYSIB322_VM_CONF_CPUS), ==, 2);
    g_assert_cmpuint(be16_load(vm + SYSIB322_VM_STANDBY_CPUS), ==, 0);
    g_assert_cmpuint(be16_load(vm + SYSIB322_VM_RESV_CPUS), ==, 6);
    g_assert_cmpmem(vm + SYSIB322_VM_NAME, 8, name_ebcdic, 8);
    g_assert_cmpmem(vm + SYSIB322_VM_UUID, 16, uuid_bytes, 16);
    g_assert_cmpstr((char *)sysib + SYSIB322_OFF_EXT_NAMES, ==, "kvm-unit-test");

    /* Other function codes leave the kernel's SYSIB alone. */
    kernel_sysib(sysib);
    put(PREFIX + 0x1000, sysib, sizeof(sysib));
    stsi_exit(cpu_ptrs[1], 0x1000, 1);
    get(PREFIX + 0x1000, sysib, sizeof(sysib));
    g_assert_cmpuint(be16_load(vm + SYSIB322_VM_TOTAL_CPUS), ==, 2);
    g_assert_cmpuint(sysib[SYSIB322_OFF_VM + SYSIB322_VM_EXT_ENC], ==, 0);
    env->prefix = 0;
    env->psw_mask = 0;
}

/*
 * A Linux guest issues STSI with DAT on: the operand is translated
 * through the vCPU's page table (KVM_S390_MEM_OP), here logical 0x1000
 * to real 0x5000; the block at real 0x1000 (the prefix area) is untouched.
 */
#define SEG_TABLE  0x30000ULL
#define PAGE_TABLE 0x31000ULL

static void map_dat(uint64_t vaddr, uint64_t raddr)
{
    uint8_t table[4096];

    for (unsigned i = 0; i < 512; i++) {
        be64_store(table + i * 8, 0x20);        /* invalid segment */
    }
    be64_store(table, PAGE_TABLE);
    put(SEG_TABLE, table, sizeof(table));
    for (unsigned i = 0; i < 256; i++) {
        be64_store(table + i * 8, 0x400);       /* invalid page */
    }
    be64_store(table + (vaddr >> 12) * 8, raddr);
    put(PAGE_TABLE, table, 2048);
}

static void test_stsi_exit_dat(void)
{
    CPUS390XState *env = &cpus[1].env;
    uint8_t sysib[SYSIB_SIZE], untouched[SYSIB_SIZE];
    const uint8_t *vm = sysib + SYSIB322_OFF_VM;

    map_dat(0x1000, 0x5000);
    env->prefix = PREFIX;
    env->psw_mask = PSW_MASK_DAT;
    env->cregs[1] = SEG_TABLE;
    vcpu_load(cpu_ptrs[1]);
    kernel_sysib(sysib);
    put(0x5000, sysib, sizeof(sysib));
    put(PREFIX + 0x1000, sysib, sizeof(sysib));
    stsi_exit(cpu_ptrs[1], 0x1000, 3);
    get(PREFIX + 0x1000, untouched, sizeof(untouched));
    g_assert_cmpmem(untouched, sizeof(untouched), sysib, sizeof(sysib));
    get(0x5000, sysib, sizeof(sysib));
    g_assert_cmpuint(be16_load(vm + SYSIB322_VM_TOTAL_CPUS), ==, 8);
    g_assert_cmpuint(be16_load(vm + SYSIB322_VM_RESV_CPUS), ==, 6);
    g_assert_cmpmem(vm + SYSIB322_VM_NAME, 8, name_ebcdic, 8);
    g_assert_cmpmem(vm + SYSIB322_VM_UUID, 16, uuid_bytes, 16);
    g_assert_cmpstr((char *)sysib + SYSIB322_OFF_EXT_NAMES, ==, "kvm-unit-test");
    env->psw_mask = 0;
    env->prefix = 0;
    env->cregs[1] = 0;
    vcpu_load(cpu_ptrs[1]);
}

/*
 * The operand's page is invalid: KVM_S390_MEM_OP injects the page
 * translation exception (the guest's to handle) and user space leaves
 * the instruction alone: no warning, nothing stored.
 */
static void test_stsi_exit_page_fault(void)
{
    CPUState *cs = cpu_ptrs[1];
    CPUS390XState *env = &cpus[1].env;
    uint8_t lc[0x200], pgm_new[16] = { 0 };

    map_dat(0x1000, 0x5000);
    env->prefix = PREFIX;
    env->psw_mask = PSW_MASK_DAT;
    env->cregs[1] = SEG_TABLE;
    vcpu_load(cs);
    stsi_exit(cs, 0x2000, 3);
    /* The vCPU takes it on its next run: program new PSW = disabled wait. */
    be64_store(pgm_new, 0x0002000180000000ULL);
    be64_store(pgm_new + 8, 0xeee);
    put(PREFIX + 0x1d0, pgm_new, sizeof(pgm_new));
    vcpu_load(cs);
    g_assert_cmphex(cs->kvm_run->psw_addr, ==, 0xeee);
    get(PREFIX, lc, sizeof(lc));
    g_assert_cmphex(be16_load(lc + 0x8e), ==, 0x11);
    g_assert_cmphex(be64_load(lc + 0xa8), ==, 0x2000 | 0x800);
    env->psw_mask = 0;
    env->prefix = 0;
    env->cregs[1] = 0;
    vcpu_load(cs);
}

#define IPLB_ADDR   0x20000ULL
#define STORE_ADDR  0x22000ULL

static void put_iplb(uint32_t len, uint8_t pbt)
{
    uint8_t iplb[4096] = { 0 };

    be32_store(iplb, len);
    iplb[12] = pbt;
    for (uint32_t i = 16; i < MIN(len, sizeof(iplb)); i++) {
        iplb[i] = i & 0xff;     /* recognisable contents */
    }
    put(IPLB_ADDR, iplb, sizeof(iplb));
}

/* DIAG 308 with R1 = 2 (address), R1+1 = 3 (response), R3 = 4 (subcode). */
static uint64_t diag308(uint64_t subcode, uint64_t addr)
{
    CPUS390XState *env = &cpus[0].env;

    env->regs[2] = addr;
    env->regs[3] = 0xdead;
    env->regs[4] = subcode;
    g_assert_cmpint(diag_exit(cpu_ptrs[0], 2, 4, 0x308), ==, 0);
    return env->regs[3];
}

static void test_diag308_iplb(void)
{
    uint8_t want[4096], got[4096];

    /* Nothing set yet: subcode 6 answers "no configuration". */
    g_assert_cmphex(diag308(6, STORE_ADDR), ==, 0x0102);
    /* Too short for its type, too long, of a type subcode 5 refuses. */
    put_iplb(199, 2);
    g_assert_cmphex(diag308(5, IPLB_ADDR), ==, 0x0402);
    put_iplb(383, 0);
    g_assert_cmphex(diag308(5, IPLB_ADDR), ==, 0x0402);
    put_iplb(4097, 2);
    g_assert_cmphex(diag308(5, IPLB_ADDR), ==, 0x0402);
    put_iplb(200, 5);
    g_assert_cmphex(diag308(5, IPLB_ADDR), ==, 0x0402);
    g_assert_cmphex(diag308(6, STORE_ADDR), ==, 0x0102);
    /* A CCW block, then an FCP one: subcode 6 gives back the last. */
    put_iplb(200, 2);
    g_assert_cmphex(diag308(5, IPLB_ADDR), ==, 0x0001);
    put_iplb(384, 0);
    g_assert_cmphex(diag308(5, IPLB_ADDR), ==, 0x0001);
    memset(got, 0xee, sizeof(got));
    put(STORE_ADDR, got, sizeof(got));
    g_assert_cmphex(diag308(6, STORE_ADDR), ==, 0x0001);
    get(IPLB_ADDR, want, 384);
    memset(want + 384, 0xee, sizeof(want) - 384);
    get(STORE_ADDR, got, sizeof(got));
    g_assert_cmpmem(got, sizeof(got), want, sizeof(want));
}

static void test_diag308_program_checks(void)
{
    CPUS390XState *env = &cpus[0].env;

    env->regs[2] = IPLB_ADDR + 8;       /* not page aligned */
    env->regs[4] = 5;
    bql_lock();
    g_assert_cmpint(handle_diag_308(cpu_ptrs[0], 2, 4), ==, PGM_SPECIFICATION);
    env->regs[3] = IPLB_ADDR;           /* odd R1 */
    g_assert_cmpint(handle_diag_308(cpu_ptrs[0], 3, 4), ==, PGM_SPECIFICATION);
    env->regs[2] = cfg.ram_size;        /* outside RAM */
    g_assert_cmpint(handle_diag_308(cpu_ptrs[0], 2, 4), ==, PGM_ADDRESSING);
    env->regs[4] = 2;                   /* no such subcode */
    g_assert_cmpint(handle_diag_308(cpu_ptrs[0], 2, 4), ==, PGM_SPECIFICATION);
    env->regs[4] = 0x10005;             /* bits beyond the 16-bit subcode */
    g_assert_cmpint(handle_diag_308(cpu_ptrs[0], 2, 4), ==, PGM_SPECIFICATION);
    env->psw_mask = PSTATE;
    env->regs[4] = 6;
    g_assert_cmpint(handle_diag_308(cpu_ptrs[0], 2, 4), ==, PGM_PRIVILEGED);
    env->psw_mask = 0;
    bql_unlock();
}

static void test_diag318(void)
{
    const uint64_t code = 0x0400000000001234ULL;
    S390CPUModel saved = s390_cpu_model;
    uint64_t kvm_valid = cpu_ptrs[1]->kvm_run->kvm_valid_regs;
    int r;

    cpus[0].env.regs[5] = code;
    bql_lock();
    g_assert_false(s390_has_feat(&s390_cpu_model, S390_FEAT_DIAG318));
    g_assert_cmpint(handle_diag_318(cpu_ptrs[0], 5), ==, PGM_SPECIFICATION);
    g_assert_cmphex(s390_diag318_info(), ==, 0);
    bql_unlock();
    /* With the feature; vCPU 1's run area syncs the field as real KVM's does. */
    s390_set_feat(&s390_cpu_model, S390_FEAT_DIAG318, true);
    cpu_ptrs[1]->kvm_run->kvm_valid_regs |= KVM_SYNC_DIAG318;
    cpu_ptrs[1]->kvm_run->kvm_dirty_regs = 0;
    r = diag_exit(cpu_ptrs[0], 5, 0, 0x318);
    g_assert_cmpint(r, ==, 0);
    g_assert_cmphex(s390_diag318_info(), ==, code);
    g_assert_cmphex(cpu_ptrs[1]->kvm_run->s.regs.diag318, ==, code);
    g_assert_cmphex(cpu_ptrs[1]->kvm_run->kvm_dirty_regs, ==, KVM_SYNC_DIAG318);
    /* uvsim does not sync it: its run area is left alone. */
    g_assert_false(cpu_ptrs[0]->kvm_run->kvm_dirty_regs & KVM_SYNC_DIAG318);
    cpu_ptrs[1]->kvm_run->kvm_valid_regs = kvm_valid;
    cpu_ptrs[1]->kvm_run->kvm_dirty_regs = 0;
    s390_diag318_reset();
    g_assert_cmphex(s390_diag318_info(), ==, 0);
    s390_cpu_model = saved;
}

/* DIAG 288 with R1 = 2 (function), R1+1 = 3 (interval), R3 = 4 (action). */
static int diag288(uint64_t func, uint64_t seconds, uint64_t action)
{
    CPUS390XState *env = &cpus[0].env;
    int r;

    env->regs[2] = func;
    env->regs[3] = seconds;
    env->regs[4] = action;
    bql_lock();
    r = handle_diag_288(cpu_ptrs[0], 2, 4);
    bql_unlock();
    return r;
}

static void assert_deadline_in(int64_t seconds)
{
    int64_t left = diag288_deadline_ms() - g_get_monotonic_time() / 1000;

    g_assert_cmpint(left, <=, seconds * 1000);
    g_assert_cmpint(left, >, seconds * 1000 - 5000);
}

static void test_diag288(void)
{
    GError *err = NULL;

    /* No -device diag288: every function is a specification exception. */
    g_assert_cmpint(diag288(WDT_DIAG288_INIT, 30, 0), ==, PGM_SPECIFICATION);
    g_assert_true(qdev_device_add("diag288,id=watchdog0", &err));
    g_assert_no_error(err);
    g_assert_false(qdev_device_add("diag288,id=watchdog1", &err));
    g_assert_cmpstr(err->message, ==, "Multiple diag288 watchdogs are not supported");
    g_clear_error(&err);
    g_assert_cmpint(diag288_deadline_ms(), ==, -1);
    /* Change and cancel need an armed watchdog; init needs 15 s at least. */
    g_assert_cmpint(diag288(WDT_DIAG288_CHANGE, 30, 0), ==, PGM_SPECIFICATION);
    g_assert_cmpint(diag288(WDT_DIAG288_CANCEL, 0, 0), ==, PGM_SPECIFICATION);
    g_assert_cmpint(diag288(WDT_DIAG288_INIT, 14, 0), ==, PGM_SPECIFICATION);
    g_assert_cmpint(diag288(WDT_DIAG288_INIT, 30, 1), ==, PGM_SPECIFICATION);
    g_assert_cmpint(diag288(3, 30, 0), ==, PGM_SPECIFICATION);
    bql_lock();
    g_assert_cmpint(handle_diag_288(cpu_ptrs[0], 3, 4), ==, PGM_SPECIFICATION);
    bql_unlock();
    g_assert_cmpint(diag288_deadline_ms(), ==, -1);
    /* Through the exit handler: init arms, change re-arms, cancel disarms. */
    cpus[0].env.regs[2] = WDT_DIAG288_INIT;
    cpus[0].env.regs[3] = 30;
    cpus[0].env.regs[4] = 0;
    g_assert_cmpint(diag_exit(cpu_ptrs[0], 2, 4, 0x288), ==, 0);
    assert_deadline_in(30);
    g_assert_cmpint(diag288(WDT_DIAG288_CHANGE, 600, 0), ==, 0);
    assert_deadline_in(600);
    g_assert_cmpint(diag288(WDT_DIAG288_CHANGE, 14, 0), ==, PGM_SPECIFICATION);
    assert_deadline_in(600);
    g_assert_cmpint(diag288(WDT_DIAG288_CANCEL, 0, 0), ==, 0);
    g_assert_cmpint(diag288_deadline_ms(), ==, -1);
    g_assert_cmpint(diag288(WDT_DIAG288_CANCEL, 0, 0), ==, PGM_SPECIFICATION);
}

static int connect_socket(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    g_assert_cmpint(fd, >=, 0);
    g_strlcpy(sa.sun_path, path, sizeof(sa.sun_path));
    g_assert_cmpint(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    g_assert_cmpint(fcntl(fd, F_SETFL, O_NONBLOCK), ==, 0);
    return fd;
}

/* The next line the QMP monitor sends (within 5 s), without its CR LF. */
static char *qmp_line(void)
{
    static GString *buf;
    gint64 deadline = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;
    char *nl;

    if (!buf) {
        buf = g_string_new(NULL);
    }
    while (!(nl = strchr(buf->str, '\n'))) {
        char chunk[4096];
        ssize_t n;

        pump();
        n = read(qmp_fd, chunk, sizeof(chunk));
        if (n > 0) {
            g_string_append_len(buf, chunk, n);
        } else {
            g_assert_cmpint(g_get_monotonic_time(), <, deadline);
            g_usleep(1000);
        }
    }
    {
        size_t len = nl - buf->str;
        char *line = g_strndup(buf->str, len && nl[-1] == '\r' ? len - 1 : len);

        g_string_erase(buf, 0, nl - buf->str + 1);
        return line;
    }
}

/* The next WATCHDOG event's data ({"action": ...}), as JSON text. */
static char *next_watchdog_event(void)
{
    for (;;) {
        g_autofree char *line = qmp_line();
        char *data = strstr(line, "\"event\": \"WATCHDOG\"");

        if (data) {
            data = strstr(line, "\"data\": ");
            g_assert_nonnull(data);
            return g_strndup(data + 8, strrchr(line, '}') - data - 8);
        }
    }
}

static void expire_with(const char *action, bool stays_armed)
{
    WatchdogAction a;
    g_autofree char *want = g_strdup_printf("{\"action\": \"%s\"}", action);
    g_autofree char *got = NULL;

    g_assert_true(watchdog_action_parse(action, &a, NULL));
    set_watchdog_action(a);
    g_assert_cmpint(diag288(WDT_DIAG288_INIT, 60, 0), ==, 0);
    bql_lock();
    diag288_timer_expired();
    bql_unlock();
    got = next_watchdog_event();
    g_assert_cmpstr(got, ==, want);
    /* The timer fired either way; only some actions keep it enabled. */
    g_assert_cmpint(diag288_deadline_ms(), ==, -1);
    g_assert_cmpint(diag288(WDT_DIAG288_CHANGE, 60, 0), ==,
                    stays_armed ? 0 : PGM_SPECIFICATION);
    if (stays_armed) {
        g_assert_cmpint(diag288(WDT_DIAG288_CANCEL, 0, 0), ==, 0);
    }
}

static void test_watchdog_actions(void)
{
    g_autofree char *reply = NULL;
    WatchdogAction a;
    GError *err = NULL;

    g_assert_cmpint(get_watchdog_action(), ==, WATCHDOG_ACTION_RESET);
    g_assert_false(watchdog_action_parse("explode", &a, &err));
    g_assert_cmpstr(err->message, ==, "Parameter 'action' does not accept value 'explode'");
    g_clear_error(&err);
    g_free(qmp_line());                     /* the greeting */
    g_assert_cmpint(write(qmp_fd, "{\"execute\": \"qmp_capabilities\"}\n", 33), ==, 33);
    reply = qmp_line();
    g_assert_cmpstr(reply, ==, "{\"return\": {}}");
    expire_with("none", true);
    expire_with("debug", true);
    expire_with("pause", true);             /* the VM is not running: no stop */
    expire_with("inject-nmi", false);
    set_watchdog_action(WATCHDOG_ACTION_RESET);
}

/* The IPL PSW kvm-unit-tests' diag308_load_reset stores: short, 64-bit. */
#define SHORT_PSW 0x0008000180012340ULL

static void test_ipl_reset(gconstpointer data)
{
    bool clear = GPOINTER_TO_INT(data);
    uint8_t spsw[8];

    be64_store(spsw, SHORT_PSW);
    put(0, spsw, sizeof(spsw));
    /* State the accelerator holds (the classic ioctls reach it at once). */
    for (int i = 0; i < 2; i++) {
        struct kvm_regs regs = { .gprs[7] = 0x77 };
        struct kvm_sregs sregs = { .crs[0] = 0x12345 };

        g_assert_cmpint(kvm_vcpu_ioctl(cpu_ptrs[i], KVM_SET_REGS, &regs), ==, 0);
        g_assert_cmpint(kvm_vcpu_ioctl(cpu_ptrs[i], KVM_SET_SREGS, &sregs), ==, 0);
    }
    bql_lock();
    s390_ipl_reset_request(cpu_ptrs[1], clear);
    g_assert_true(cpu_ptrs[1]->stop);       /* it must not run past the DIAG */
    bql_unlock();
    pump();
    cpu_ptrs[1]->stop = false;
    /* The issuing CPU starts at the IPL PSW; the other one is stopped. */
    g_assert_cmphex(cpus[1].env.psw_mask, ==, 0x0000000180000000ULL);
    g_assert_cmphex(cpus[1].env.psw_addr, ==, 0x12340);
    g_assert_cmpuint(cpus[1].mp_state, ==, KVM_MP_STATE_OPERATING);
    g_assert_cmpuint(cpus[0].mp_state, ==, KVM_MP_STATE_STOPPED);
    /*
     * Clear resets clear everything; load normal gives the issuing CPU an
     * initial reset (control registers, not GPRs) and the other a CPU
     * reset, which keeps both.
     */
    g_assert_cmphex(cpus[1].env.cregs[0], ==, 0xe0);
    g_assert_cmphex(cpus[1].env.regs[7], ==, clear ? 0 : 0x77);
    g_assert_cmphex(cpus[0].env.cregs[0], ==, clear ? 0xe0 : 0x12345);
    g_assert_cmphex(cpus[0].env.regs[7], ==, clear ? 0 : 0x77);
    /* Memory is kept: the PSW the guest stored is still there. */
    get(0, spsw, sizeof(spsw));
    g_assert_cmphex(be64_load(spsw), ==, SHORT_PSW);
}

static void test_short_psw(void)
{
    uint64_t mask, addr;

    s390_psw_from_short(SHORT_PSW, &mask, &addr);
    g_assert_cmphex(mask, ==, 0x0000000180000000ULL);
    g_assert_cmphex(addr, ==, 0x12340);
    /* Without bit 12 the PSW gets it: the CPU then takes a specification exception. */
    s390_psw_from_short(0x0000000080001000ULL, &mask, &addr);
    g_assert_cmphex(mask, ==, 0x0008000080000000ULL);
    g_assert_cmphex(addr, ==, 0x1000);
}

static void machine_setup(const char *dir)
{
    GError *err = NULL;
    AccelConfig accel = { .name = "tcg" };
    g_autofree char *path = g_build_filename(dir, "qmp", NULL);
    g_autofree char *spec = g_strdup_printf("socket,id=qmp,path=%s,server=on,wait=off", path);
    const RAMBlock *rb;

    g_assert_true(kvm_init(&accel, &err));
    g_assert_true(guest_ram_init(cfg.ram_size, &err));
    rb = guest_ram_block();
    g_assert_true(kvm_set_user_memory(kvm_state, rb->host, rb->size, &err));
    for (int i = 0; i < 2; i++) {
        cpu_ptrs[i] = CPU(&cpus[i]);
        cpu_ptrs[i]->cpu_index = i;
        cpu_ptrs[i]->vcpu_id = i;
        g_assert_true(kvm_init_vcpu(cpu_ptrs[i], &err));
    }
    g_assert_no_error(err);
    cpu_list = cpu_ptrs;
    cpu_count = 2;
    current_machine = &machine.parent_obj;
    g_assert_true(s390_cpu_model_parse("qemu", &s390_cpu_model, &err));
    g_assert_true(monitor_init_qmp(qemu_chr_new_from_opts(spec, &err), &err));
    g_assert_no_error(err);
    qmp_fd = connect_socket(path);
}

static void machine_teardown(void)
{
    close(qmp_fd);
    monitor_cleanup();
    qemu_chr_cleanup();
    qdev_cleanup();
    for (int i = 0; i < 2; i++) {
        kvm_destroy_vcpu(cpu_ptrs[i]);
    }
    kvm_cleanup();
    guest_ram_cleanup();
    cpu_list = NULL;
    cpu_count = 0;
    current_machine = NULL;
}

int main(int argc, char **argv)
{
    g_autofree char *dir = g_dir_make_tmp("test-firmware-XXXXXX", NULL);
    int r;

    g_test_init(&argc, &argv, NULL);
    machine_setup(dir);
    g_test_add_func("/firmware/stsi-3.2.2-patch", test_stsi_patch);
    g_test_add_func("/firmware/stsi-exit", test_stsi_exit);
    g_test_add_func("/firmware/stsi-exit-dat", test_stsi_exit_dat);
    g_test_add_func("/firmware/stsi-exit-page-fault", test_stsi_exit_page_fault);
    g_test_add_func("/firmware/diag308-iplb", test_diag308_iplb);
    g_test_add_func("/firmware/diag308-program-checks", test_diag308_program_checks);
    g_test_add_func("/firmware/diag318", test_diag318);
    g_test_add_func("/firmware/diag288", test_diag288);
    g_test_add_func("/firmware/watchdog-actions", test_watchdog_actions);
    g_test_add_func("/firmware/short-psw", test_short_psw);
    g_test_add_data_func("/firmware/ipl-reset/load-normal", GINT_TO_POINTER(0), test_ipl_reset);
    g_test_add_data_func("/firmware/ipl-reset/modified-clear", GINT_TO_POINTER(1), test_ipl_reset);
    r = g_test_run();
    machine_teardown();
    rmdir(dir);
    return r;
}
