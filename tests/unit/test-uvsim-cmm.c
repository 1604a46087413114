/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-uvsim-cmm.c - the kernel-side STHYI and ESSA of uvsim: guest code
 * runs through KVM_RUN and the test checks registers, condition codes,
 * program interruptions and the STHYI block byte by byte; the CMMA
 * controls (KVM_S390_VM_MEM_CTRL) keep the kernel's errno contract.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "sysemu/kvm.h"
#include "hw/core/cpu.h"
#include "target/s390x/cpu.h"
#include "util/be-access.h"
#include <sys/mman.h>

#define TEST_RAM (4 * MiB)
#define CODE     0x10000
#define WAIT_OK  0x800        /* disabled-wait address: the program ended */
#define WAIT_PGM 0xd00        /* disabled-wait address: program interruption */

typedef struct Fixture {
    uint8_t *ram;
    S390CPU cpu;
    bool cmma;
} Fixture;

static int cmma_attr(unsigned long request, uint64_t which)
{
    struct kvm_device_attr attr = { .group = KVM_S390_VM_MEM_CTRL, .attr = which };

    return kvm_vm_ioctl(kvm_state, request, &attr);
}

static void fixture_setup(Fixture *f, gconstpointer data)
{
    GError *err = NULL;
    AccelConfig cfg = { .name = "tcg" };
    CPUState *cs = CPU(&f->cpu);

    f->cmma = data != NULL;
    g_assert_true(kvm_init(&cfg, &err));
    f->ram = mmap(NULL, TEST_RAM, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert_true(f->ram != MAP_FAILED);
    g_assert_true(kvm_set_user_memory(kvm_state, f->ram, TEST_RAM, &err));
    if (f->cmma) {
        g_assert_cmpint(cmma_attr(KVM_SET_DEVICE_ATTR, KVM_S390_VM_MEM_ENABLE_CMMA), ==, 0);
    }
    memset(&f->cpu, 0, sizeof(f->cpu));
    g_assert_true(kvm_init_vcpu(cs, &err));
    g_assert_no_error(err);
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    kvm_destroy_vcpu(CPU(&f->cpu));
    kvm_cleanup();
    munmap(f->ram, TEST_RAM);
}

/*
 * Runs @code (ending in lpswe of the PSW at 0x400) until the disabled
 * wait; a program interruption ends in the wait at WAIT_PGM instead.
 * Returns the wait address.  Each program of a test goes to a page of
 * its own: the CPU keeps decoded code that the test writes behind its
 * back.
 */
static uint64_t run_program(Fixture *f, const uint8_t *code, size_t len)
{
    static unsigned next_page;
    uint64_t addr = CODE + (next_page++ % 16) * 0x1000;

    struct kvm_mp_state mp = { .mp_state = KVM_MP_STATE_OPERATING };
    CPUState *cs = CPU(&f->cpu);

    be64_store(f->ram + 0x400, 0x0002000180000000ULL);
    be64_store(f->ram + 0x408, WAIT_OK);
    be64_store(f->ram + 0x1d0, 0x0002000180000000ULL);    /* program new PSW */
    be64_store(f->ram + 0x1d8, WAIT_PGM);
    memcpy(f->ram + addr, code, len);
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_SET_MP_STATE, &mp), ==, 0);
    cs->kvm_run->psw_mask = 0x0000000180000000ULL;
    cs->kvm_run->psw_addr = addr;
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_RUN, NULL), ==, 0);
    g_assert_cmpuint(cs->kvm_run->exit_reason, ==, KVM_EXIT_S390_SIEIC);
    g_assert_cmpuint(cs->kvm_run->s390_sieic.icptcode, ==, 0x1c);
    return cs->kvm_run->psw_addr;
}

static uint64_t gpr(Fixture *f, int r)
{
    return CPU(&f->cpu)->kvm_run->s.regs.gprs[r];
}

/* The program-interruption code stored in the lowcore. */
static uint16_t pgm_code(Fixture *f)
{
    return be16_load(f->ram + 0x8e);
}

/* STHYI fc 0 into 0x3000: header, machine and partition sections of the simulated LPAR. */
static void test_sthyi_fc0(Fixture *f, gconstpointer data)
{
    static const uint8_t prog[] = {
        0xa7, 0x09, 0x00, 0x00,                 /* lghi %r0,0 */
        0xa7, 0x29, 0x30, 0x00,                 /* lghi %r2,0x3000 */
        0xa7, 0x39, 0x77, 0x77,                 /* lghi %r3,0x7777 */
        0xb2, 0x56, 0x00, 0x02,                 /* sthyi %r0,%r2 */
        0xb2, 0x22, 0x00, 0x50,                 /* ipm %r5 */
        0xb2, 0xb2, 0x04, 0x00,                 /* lpswe 0x400 */
    };
    static const uint8_t hdr[20] = {
        [8] = 0x00, 0xa8, 0x00, 0x30, 0x00, 0x30, 0x00, 0x40, 0x00, 0x70, 0x00, 0x38,
    };
    static const uint8_t mac[64] = {
        [2] = 0xc0, [6] = 0x00, 0x10,                       /* ID + counts; 16 dedicated CPs */
        [20] = 0xf8, 0xf5, 0xf6, 0xf1,                      /* type "8561" */
        [24] = 0xc9, 0xc2, 0xd4, 0x40, 0x40, 0x40, 0x40, 0x40,
        0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40,     /* "IBM" */
        [40] = 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0, 0xf0,
        0xf0, 0xf0, 0xf0, 0xc1, 0xf1, 0xc2, 0xf2, 0xc3,     /* "00000000000A1B2C" */
        [56] = 0xf0, 0xf2, 0x40, 0x40,                      /* plant "02" */
    };
    static const uint8_t par[56] = {
        [2] = 0xf8, [4] = 0x00, 0x01, [8] = 0x00, 0x10,     /* LPAR 1, 16 dedicated CPs */
        [16] = 0xd3, 0xd7, 0xf0, 0xf1, 0x40, 0x40, 0x40, 0x40,  /* "LP01" */
    };
    static const uint8_t zero[4096 - 168];

    memset(f->ram + 0x3000, 0xee, 4096);
    g_assert_cmphex(run_program(f, prog, sizeof(prog)), ==, WAIT_OK);
    g_assert_cmphex((gpr(f, 5) >> 28) & 3, ==, 0);
    g_assert_cmphex(gpr(f, 3), ==, 0);
    g_assert_cmpmem(f->ram + 0x3000, 20, hdr, 20);
    g_assert_cmpmem(f->ram + 0x3014, 48 - 20, zero, 48 - 20);
    g_assert_cmpmem(f->ram + 0x3030, 64, mac, 64);
    g_assert_cmpmem(f->ram + 0x3070, 56, par, 56);
    g_assert_cmpmem(f->ram + 0x30a8, sizeof(zero), zero, sizeof(zero));
}

/* An unsupported function code: cc 3, return code 4, nothing stored. */
static void test_sthyi_bad_fc(Fixture *f, gconstpointer data)
{
    static const uint8_t prog[] = {
        0xa7, 0x09, 0x00, 0x2a,                 /* lghi %r0,42 */
        0xa7, 0x29, 0x30, 0x00,                 /* lghi %r2,0x3000 */
        0xb2, 0x56, 0x00, 0x02,                 /* sthyi %r0,%r2 */
        0xb2, 0x22, 0x00, 0x50,                 /* ipm %r5 */
        0xb2, 0xb2, 0x04, 0x00,                 /* lpswe 0x400 */
    };

    memset(f->ram + 0x3000, 0xee, 16);
    g_assert_cmphex(run_program(f, prog, sizeof(prog)), ==, WAIT_OK);
    g_assert_cmphex((gpr(f, 5) >> 28) & 3, ==, 3);
    g_assert_cmphex(gpr(f, 3), ==, 4);
    g_assert_cmphex(f->ram[0x3000], ==, 0xee);
}

/* Odd R1, equal registers and an unaligned address: specification exceptions. */
static void test_sthyi_specification(Fixture *f, gconstpointer data)
{
    static const uint8_t odd[] = { 0xb2, 0x56, 0x00, 0x12 };        /* sthyi %r1,%r2 */
    static const uint8_t same[] = { 0xb2, 0x56, 0x00, 0x22 };       /* sthyi %r2,%r2 */
    static const uint8_t unaligned[] = {
        0xa7, 0x09, 0x00, 0x00,                 /* lghi %r0,0 */
        0xa7, 0x29, 0x30, 0x08,                 /* lghi %r2,0x3008 */
        0xb2, 0x56, 0x00, 0x02,                 /* sthyi %r0,%r2 */
    };

    g_assert_cmphex(run_program(f, odd, sizeof(odd)), ==, WAIT_PGM);
    g_assert_cmphex(pgm_code(f), ==, 0x06);
    g_assert_cmphex(run_program(f, same, sizeof(same)), ==, WAIT_PGM);
    g_assert_cmphex(pgm_code(f), ==, 0x06);
    g_assert_cmphex(run_program(f, unaligned, sizeof(unaligned)), ==, WAIT_PGM);
    g_assert_cmphex(pgm_code(f), ==, 0x06);
}

/*
 * Page states at 0x5000: stable -> unused -> stable with no-DAT ->
 * stable; each ESSA returns the state before (usage << 2, 0x20 no-DAT).
 */
static void test_essa_states(Fixture *f, gconstpointer data)
{
    static const uint8_t prog[] = {
        0xa7, 0x29, 0x50, 0x00,                 /* lghi %r2,0x5000 */
        0xb9, 0xab, 0x20, 0x42,                 /* essa %r4,%r2,2 (unused) */
        0xb9, 0xab, 0x00, 0x52,                 /* essa %r5,%r2,0 (get) */
        0xb9, 0xab, 0x40, 0x62,                 /* essa %r6,%r2,4 (pot. volatile) */
        0xb9, 0xab, 0x30, 0x72,                 /* essa %r7,%r2,3 (volatile) */
        0xb9, 0xab, 0x70, 0x82,                 /* essa %r8,%r2,7 (stable, no-DAT) */
        0xb9, 0xab, 0x20, 0x92,                 /* essa %r9,%r2,2 (unused) */
        0xb9, 0xab, 0x10, 0xa2,                 /* essa %r10,%r2,1 (stable) */
        0xb9, 0xab, 0x00, 0xb2,                 /* essa %r11,%r2,0 (get) */
        0xb2, 0xb2, 0x04, 0x00,                 /* lpswe 0x400 */
    };

    memset(f->ram + 0x5000, 0x5a, 4096);
    g_assert_cmphex(run_program(f, prog, sizeof(prog)), ==, WAIT_OK);
    g_assert_cmphex(gpr(f, 4), ==, 0x00);
    g_assert_cmphex(gpr(f, 5), ==, 0x04);
    g_assert_cmphex(gpr(f, 6), ==, 0x04);
    g_assert_cmphex(gpr(f, 7), ==, 0x08);
    g_assert_cmphex(gpr(f, 8), ==, 0x0c);
    g_assert_cmphex(gpr(f, 9), ==, 0x20);
    g_assert_cmphex(gpr(f, 10), ==, 0x24);
    g_assert_cmphex(gpr(f, 11), ==, 0x00);
    /* Resident pages keep their content whatever their usage state. */
    g_assert_cmphex(f->ram[0x5000], ==, 0x5a);
}

/* KVM_S390_VM_MEM_CLR_CMMA makes the page stable and clears no-DAT. */
static void test_essa_reset(Fixture *f, gconstpointer data)
{
    static const uint8_t set[] = {
        0xa7, 0x29, 0x50, 0x00,                 /* lghi %r2,0x5000 */
        0xb9, 0xab, 0x70, 0x42,                 /* essa %r4,%r2,7 */
        0xb9, 0xab, 0x00, 0x52,                 /* essa %r5,%r2,0 */
        0xb2, 0xb2, 0x04, 0x00,                 /* lpswe 0x400 */
    };
    static const uint8_t get[] = {
        0xb9, 0xab, 0x00, 0x52,                 /* essa %r5,%r2,0 */
        0xb2, 0xb2, 0x04, 0x00,                 /* lpswe 0x400 */
    };

    g_assert_cmphex(run_program(f, set, sizeof(set)), ==, WAIT_OK);
    g_assert_cmphex(gpr(f, 5), ==, 0x20);
    g_assert_cmpint(cmma_attr(KVM_SET_DEVICE_ATTR, KVM_S390_VM_MEM_CLR_CMMA), ==, 0);
    g_assert_cmphex(run_program(f, get, sizeof(get)), ==, WAIT_OK);
    g_assert_cmphex(gpr(f, 5), ==, 0x00);
}

/* ORC 8, an address beyond memory, the problem state: exceptions 6, 5, 2. */
static void test_essa_exceptions(Fixture *f, gconstpointer data)
{
    static const uint8_t orc8[] = { 0xb9, 0xab, 0x80, 0x42 };       /* essa %r4,%r2,8 */
    static const uint8_t beyond[] = {
        0xa5, 0x2d, 0x00, 0x40,                 /* llilh %r2,0x40 (4 MiB) */
        0xb9, 0xab, 0x00, 0x42,                 /* essa %r4,%r2,0 */
    };
    static const uint8_t pstate[] = {
        0xa7, 0x29, 0x50, 0x00,                 /* lghi %r2,0x5000 */
        0x0a, 0x00,                             /* svc 0: its new PSW is problem state */
    };

    g_assert_cmphex(run_program(f, orc8, sizeof(orc8)), ==, WAIT_PGM);
    g_assert_cmphex(pgm_code(f), ==, 0x06);
    g_assert_cmphex(run_program(f, beyond, sizeof(beyond)), ==, WAIT_PGM);
    g_assert_cmphex(pgm_code(f), ==, 0x05);
    /* SVC new PSW: 64-bit problem state at 0x20000, which runs ESSA. */
    be64_store(f->ram + 0x1c0, 0x0001000180000000ULL);
    be64_store(f->ram + 0x1c8, 0x20000);
    memcpy(f->ram + 0x20000, orc8 + 0, 2);
    f->ram[0x20002] = 0x00;
    f->ram[0x20003] = 0x42;                     /* essa %r4,%r2,0 */
    g_assert_cmphex(run_program(f, pstate, sizeof(pstate)), ==, WAIT_PGM);
    g_assert_cmphex(pgm_code(f), ==, 0x02);
}

/* Without CMMA, ESSA is an operation exception; the controls keep the kernel's errnos. */
static void test_essa_without_cmma(Fixture *f, gconstpointer data)
{
    static const uint8_t prog[] = { 0xb9, 0xab, 0x00, 0x42 };       /* essa %r4,%r2,0 */

    g_assert_cmphex(run_program(f, prog, sizeof(prog)), ==, WAIT_PGM);
    g_assert_cmphex(pgm_code(f), ==, 0x01);
    g_assert_cmpint(cmma_attr(KVM_HAS_DEVICE_ATTR, KVM_S390_VM_MEM_ENABLE_CMMA), ==, 0);
    g_assert_cmpint(cmma_attr(KVM_HAS_DEVICE_ATTR, KVM_S390_VM_MEM_CLR_CMMA), ==, 0);
    g_assert_cmpint(cmma_attr(KVM_SET_DEVICE_ATTR, KVM_S390_VM_MEM_CLR_CMMA), ==, -EINVAL);
    g_assert_cmpint(cmma_attr(KVM_SET_DEVICE_ATTR, KVM_S390_VM_MEM_ENABLE_CMMA), ==, -EBUSY);
    g_assert_cmpint(cmma_attr(KVM_HAS_DEVICE_ATTR, KVM_S390_VM_MEM_LIMIT_SIZE), ==, -ENXIO);
}

int main(int argc, char **argv)
{
    static const int with_cmma = 1;

    g_test_init(&argc, &argv, NULL);
#define ADD(path, cmma, fn) \
    g_test_add(path, Fixture, cmma, fixture_setup, fn, fixture_teardown)
    ADD("/uvsim-cmm/sthyi-fc0", NULL, test_sthyi_fc0);
    ADD("/uvsim-cmm/sthyi-bad-fc", NULL, test_sthyi_bad_fc);
    ADD("/uvsim-cmm/sthyi-specification", NULL, test_sthyi_specification);
    ADD("/uvsim-cmm/essa-states", &with_cmma, test_essa_states);
    ADD("/uvsim-cmm/essa-reset", &with_cmma, test_essa_reset);
    ADD("/uvsim-cmm/essa-exceptions", &with_cmma, test_essa_exceptions);
    ADD("/uvsim-cmm/essa-without-cmma", NULL, test_essa_without_cmma);
    return g_test_run();
}
