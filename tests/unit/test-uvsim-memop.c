/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-uvsim-memop.c - uvsim's vCPU ioctl KVM_S390_MEM_OP against the
 * kernel's contract (kvm-s390-intercepts.md section 7): logical accesses
 * through a real page table after a guest STSI 3.2.2 with DAT on, access
 * exceptions returned and injected with their TEID, CHECK_ONLY, storage
 * keys with SKEY_PROTECTION, and the errno values.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "sysemu/kvm.h"
#include "hw/core/cpu.h"
#include "target/s390x/cpu.h"
#include "util/be-access.h"
#include <sys/mman.h>

#define TEST_RAM   (4 * MiB)
#define SEG_TABLE  0x30000ULL      /* one 4K segment table: ASCE in CR1 */
#define PAGE_TABLE 0x31000ULL      /* segment 0's page table */
#define PTE_INVALID 0x400ULL       /* page-table entry bit 53 */
#define STE_INVALID 0x20ULL        /* segment-table entry bit 58 */
#define CR0_LAP    0x10000000ULL   /* bit 35: low-address protection */
#define DAT_PSW    0x0400000180000000ULL   /* DAT on, 64-bit */
#define WAIT_PSW   0x0002000180000000ULL   /* disabled wait, 64-bit */
#define TEID_FETCH 0x800ULL
#define TEID_STORE 0x400ULL

/*
 * Logical pages: 0 maps to real 0, 0x20 and 0x21 to real 0x50000/0x51000
 * (the SYSIB and a key-3 frame), 0x23 to the code at real 0x10000; 0x22
 * is invalid.
 */
#define V_SYSIB    0x20000ULL
#define V_KEYED    0x21000ULL
#define V_INVALID  0x22000ULL
#define V_CODE     0x23000ULL
#define R_SYSIB    0x50000ULL
#define R_KEYED    0x51000ULL

typedef struct Fixture {
    uint8_t *ram;
    S390CPU cpu;
} Fixture;

static void fixture_setup(Fixture *f, gconstpointer data)
{
    struct kvm_enable_cap cap = { .cap = KVM_CAP_S390_USER_STSI };
    AccelConfig cfg = { .name = "tcg" };
    CPUState *cs = CPU(&f->cpu);
    GError *err = NULL;

    g_assert_true(kvm_init(&cfg, &err));
    f->ram = mmap(NULL, TEST_RAM, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert_true(f->ram != MAP_FAILED);
    g_assert_true(kvm_set_user_memory(kvm_state, f->ram, TEST_RAM, &err));
    memset(&f->cpu, 0, sizeof(f->cpu));
    g_assert_true(kvm_init_vcpu(cs, &err));
    g_assert_no_error(err);
    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_ENABLE_CAP, &cap), ==, 0);
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    kvm_destroy_vcpu(CPU(&f->cpu));
    kvm_cleanup();
    munmap(f->ram, TEST_RAM);
}

static void map_page(Fixture *f, uint64_t vaddr, uint64_t raddr)
{
    be64_store(f->ram + PAGE_TABLE + ((vaddr >> 12) & 0xff) * 8, raddr);
}

/*
 * The guest sets key 3 on frame R_KEYED (SSKE), turns DAT on (LPSWE) and
 * issues STSI 3.2.2 into V_SYSIB: the kernel stores the SYSIB through DAT
 * and hands the STSI to user space, which then holds a vCPU with DAT on.
 */
static void run_to_stsi_with_dat(Fixture *f)
{
    static const uint8_t code[] = {
        0xa7, 0x19, 0x00, 0x30,                 /* 10000 lghi %r1,0x30 */
        0xc0, 0x2f, 0x00, 0x05, 0x10, 0x00,     /* 10004 llilf %r2,0x51000 */
        0xb2, 0x2b, 0x00, 0x12,                 /* 1000a sske %r1,%r2 */
        0xb2, 0xb2, 0x04, 0x00,                 /* 1000e lpswe 0x400 */
    };
    static const uint8_t stsi[] = {
        0xc0, 0x0f, 0x30, 0x00, 0x00, 0x02,     /* 23100 llilf %r0,0x30000002 */
        0xa7, 0x19, 0x00, 0x02,                 /* 23106 lghi %r1,2 */
        0xc0, 0x6f, 0x00, 0x02, 0x00, 0x00,     /* 2310a llilf %r6,0x20000 */
        0xb2, 0x7d, 0x60, 0x00,                 /* 23110 stsi 0(%r6) */
        0xb2, 0xb2, 0x04, 0x10,                 /* 23114 lpswe 0x410 */
    };
    struct kvm_mp_state mp = { .mp_state = KVM_MP_STATE_OPERATING };
    CPUState *cs = CPU(&f->cpu);
    struct kvm_run *run = cs->kvm_run;

    for (int i = 0; i < 512; i++) {
        be64_store(f->ram + SEG_TABLE + i * 8, STE_INVALID);
    }
    be64_store(f->ram + SEG_TABLE, PAGE_TABLE);
    for (int i = 0; i < 256; i++) {
        be64_store(f->ram + PAGE_TABLE + i * 8, PTE_INVALID);
    }
    map_page(f, V_SYSIB, R_SYSIB);
    map_page(f, V_KEYED, R_KEYED);
    map_page(f, V_CODE, 0x10000);
    map_page(f, 0, 0);
    memcpy(f->ram + 0x10000, code, sizeof(code));
    memcpy(f->ram + 0x10100, stsi, sizeof(stsi));
    be64_store(f->ram + 0x400, DAT_PSW);
    be64_store(f->ram + 0x408, V_CODE + 0x100);
    be64_store(f->ram + 0x410, WAIT_PSW);      /* the end: a disabled wait */
    be64_store(f->ram + 0x418, 0xddd);
    /* The program new PSW: a disabled wait at 0xeee. */
    be64_store(f->ram + 0x1d0, WAIT_PSW);
    be64_store(f->ram + 0x1d8, 0xeee);
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_SET_MP_STATE, &mp), ==, 0);
    run->psw_mask = 0x0000000180000000ULL;
    run->psw_addr = 0x10000;
    run->s.regs.crs[0] |= CR0_LAP;
    run->s.regs.crs[1] = SEG_TABLE;             /* DT 0: a segment table */
    run->kvm_dirty_regs = KVM_SYNC_CRS;
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_RUN, NULL), ==, 0);
    g_assert_cmpuint(run->exit_reason, ==, KVM_EXIT_S390_STSI);
    g_assert_cmphex(run->s390_stsi.addr, ==, V_SYSIB);
    g_assert_cmpuint(run->s390_stsi.ar, ==, 6);
    g_assert_cmphex(run->psw_addr, ==, V_CODE + 0x114);
    g_assert_cmphex(run->psw_mask & DAT_PSW, ==, DAT_PSW);
}

static int mem_op(Fixture *f, uint32_t op, uint64_t flags, uint64_t gaddr,
                  void *buf, uint32_t size, uint8_t ar, uint8_t key)
{
    struct kvm_s390_mem_op m = {
        .gaddr = gaddr, .flags = flags, .size = size, .op = op,
        .buf = (uintptr_t)buf, .ar = ar, .key = key,
    };

    return kvm_vcpu_ioctl(CPU(&f->cpu), KVM_S390_MEM_OP, &m);
}

/* Runs the vCPU on to the disabled wait of the program new PSW. */
static void run_to_program_check(Fixture *f)
{
    struct kvm_run *run = CPU(&f->cpu)->kvm_run;

    g_assert_cmpint(kvm_vcpu_ioctl(CPU(&f->cpu), KVM_RUN, NULL), ==, 0);
    g_assert_cmpuint(run->exit_reason, ==, KVM_EXIT_S390_SIEIC);
    g_assert_cmpuint(run->s390_sieic.icptcode, ==, 0x1c);
    g_assert_cmphex(run->psw_addr, ==, 0xeee);
}

static void test_capabilities(Fixture *f, gconstpointer data)
{
    g_assert_cmpint(kvm_check_extension(kvm_state, KVM_CAP_S390_MEM_OP), ==, 65536);
    g_assert_cmpint(kvm_check_extension(kvm_state, KVM_CAP_S390_MEM_OP_EXTENSION), ==, 1);
}

/* The SYSIB the kernel stored through DAT, read and written back logically. */
static void test_logical_read_write(Fixture *f, gconstpointer data)
{
    g_autofree uint8_t *sysib = g_malloc(4096);
    uint8_t cross[16], back[16];

    run_to_stsi_with_dat(f);
    g_assert_cmpint(f->ram[R_SYSIB + 31] & 0xf, ==, 1);   /* count: one VM level */
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_READ, 0, V_SYSIB, sysib,
                           4096, 6, 0), ==, 0);
    g_assert_cmpmem(sysib, 4096, f->ram + R_SYSIB, 4096);
    sysib[56] = 0x42;
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_WRITE,
                           KVM_S390_MEMOP_F_INJECT_EXCEPTION, V_SYSIB, sysib,
                           4096, 6, 0), ==, 0);
    g_assert_cmpint(f->ram[R_SYSIB + 56], ==, 0x42);
    /* Across a page boundary: two frames that are not adjacent logically. */
    memcpy(cross, "0123456789abcdef", 16);
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_WRITE, 0, V_KEYED - 8,
                           cross, 16, 0, 0), ==, 0);
    g_assert_cmpmem(f->ram + R_SYSIB + 0xff8, 8, "01234567", 8);
    g_assert_cmpmem(f->ram + R_KEYED, 8, "89abcdef", 8);
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_READ, 0, V_KEYED - 8,
                           back, 16, 0, 0), ==, 0);
    g_assert_cmpmem(back, 16, cross, 16);
    /* Nothing was injected: the guest goes on after its STSI. */
    g_assert_cmpint(kvm_vcpu_ioctl(CPU(&f->cpu), KVM_RUN, NULL), ==, 0);
    g_assert_cmpuint(CPU(&f->cpu)->kvm_run->s390_sieic.icptcode, ==, 0x1c);
    g_assert_cmphex(CPU(&f->cpu)->kvm_run->psw_addr, ==, 0xddd);
}

/*
 * A page-translation exception: returned; with INJECT_EXCEPTION pending
 * on the vCPU and delivered as the kernel's __deliver_prog does (ILC of
 * the STSI, the PSW rewound to it, TEID and access id in the lowcore);
 * an access that fails on its second page changes nothing.
 */
static void test_translation_exception(Fixture *f, gconstpointer data)
{
    CPUState *cs = CPU(&f->cpu);
    uint8_t buf[16];

    run_to_stsi_with_dat(f);
    memset(f->ram + 0x80, 0xff, 0x40);
    memset(buf, 0x77, sizeof(buf));
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_WRITE, 0, V_KEYED + 0xff8,
                           buf, 16, 6, 0), ==, 0x11);
    g_assert_cmphex(be64_load(f->ram + R_KEYED + 0xff8), ==, 0);  /* nothing stored */
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_READ,
                           KVM_S390_MEMOP_F_INJECT_EXCEPTION, V_INVALID + 0x10,
                           buf, 16, 6, 0), ==, 0x11);
    run_to_program_check(f);
    g_assert_cmphex(be16_load(f->ram + 0x8c), ==, 4);        /* ILC */
    g_assert_cmphex(be16_load(f->ram + 0x8e), ==, 0x11);
    g_assert_cmphex(f->ram[0xa0], ==, 6);                    /* access id */
    g_assert_cmphex(be64_load(f->ram + 0xa8), ==, V_INVALID | TEID_FETCH);
    g_assert_cmphex(be64_load(f->ram + 0x150) & DAT_PSW, ==, DAT_PSW);
    g_assert_cmphex(be64_load(f->ram + 0x158), ==, V_CODE + 0x110);
    g_assert_cmphex(cs->kvm_run->psw_mask, ==, WAIT_PSW);
}

/* CHECK_ONLY: the checks, no transfer, and no injection without the flag. */
static void test_check_only(Fixture *f, gconstpointer data)
{
    run_to_stsi_with_dat(f);
    memset(f->ram + 0x80, 0xff, 0x40);
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_WRITE,
                           KVM_S390_MEMOP_F_CHECK_ONLY, V_KEYED, NULL, 64, 0, 0),
                    ==, 0);
    g_assert_cmphex(be64_load(f->ram + R_KEYED), ==, 0);
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_READ,
                           KVM_S390_MEMOP_F_CHECK_ONLY, V_KEYED + 0xff0, NULL,
                           0x20, 0, 0), ==, 0x11);
    /* Low-address protection is checked on the logical address first. */
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_WRITE,
                           KVM_S390_MEMOP_F_CHECK_ONLY, 0x100, NULL, 8, 0, 0),
                    ==, 0x04);
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_READ,
                           KVM_S390_MEMOP_F_CHECK_ONLY |
                           KVM_S390_MEMOP_F_INJECT_EXCEPTION, V_INVALID, NULL,
                           8, 2, 0), ==, 0x11);
    run_to_program_check(f);
    g_assert_cmphex(be16_load(f->ram + 0x8e), ==, 0x11);
    g_assert_cmphex(f->ram[0xa0], ==, 2);
}

/* SKEY_PROTECTION: the access key against the frame's key 3. */
static void test_key_protection(Fixture *f, gconstpointer data)
{
    const uint64_t skey = KVM_S390_MEMOP_F_SKEY_PROTECTION;
    uint8_t buf[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

    run_to_stsi_with_dat(f);
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_WRITE, skey, V_KEYED,
                           buf, 8, 0, 4), ==, 0x04);
    g_assert_cmphex(be64_load(f->ram + R_KEYED), ==, 0);
    /* Not fetch-protected: key 4 may read. */
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_READ, skey, V_KEYED,
                           buf, 8, 0, 4), ==, 0);
    memcpy(buf, "keyed!!!", 8);
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_WRITE, skey, V_KEYED,
                           buf, 8, 0, 3), ==, 0);
    g_assert_cmpmem(f->ram + R_KEYED, 8, "keyed!!!", 8);
    /* Key 0, and any key without the flag, pass. */
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_WRITE, skey, V_KEYED,
                           buf, 8, 0, 0), ==, 0);
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_WRITE, 0, V_KEYED,
                           buf, 8, 0, 4), ==, 0);
    /* Injected: code 4, the TEID names the page and a store. */
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_WRITE,
                           skey | KVM_S390_MEMOP_F_INJECT_EXCEPTION,
                           V_KEYED + 0x10, buf, 8, 1, 5), ==, 0x04);
    run_to_program_check(f);
    g_assert_cmphex(be16_load(f->ram + 0x8e), ==, 0x04);
    g_assert_cmphex(be64_load(f->ram + 0xa8) & ~0xfffULL, ==, V_KEYED);
    g_assert_cmphex(be64_load(f->ram + 0xa8) & 0xc03, ==, TEID_STORE);
    g_assert_cmphex(f->ram[0xa0], ==, 1);
    /* Protection suppresses: the PSW stays past the STSI. */
    g_assert_cmphex(be64_load(f->ram + 0x158), ==, V_CODE + 0x114);
}

/* The errno values, in the kernel's order of checks. */
static void test_errno(Fixture *f, gconstpointer data)
{
    g_autofree uint8_t *big = g_malloc0(65537);

    g_assert_cmpint(kvm_vcpu_ioctl(CPU(&f->cpu), KVM_S390_MEM_OP, NULL), ==, -EFAULT);
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_READ, 0, 0, big, 0, 0, 0),
                    ==, -EINVAL);
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_READ, 8, 0, big, 8, 0, 0),
                    ==, -EINVAL);
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_READ, 0, 0, big, 65537, 0, 0),
                    ==, -E2BIG);
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_READ,
                           KVM_S390_MEMOP_F_SKEY_PROTECTION, 0, big, 8, 0, 16),
                    ==, -EINVAL);
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_READ, 0, 0, big, 8, 16, 0),
                    ==, -EINVAL);
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_READ, 0, 0, NULL, 8, 0, 0),
                    ==, -EFAULT);
    /* SIDA accesses are for PV vCPUs; absolute ones are VM ioctls. */
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_SIDA_READ, 0, 0, big, 8, 0, 0),
                    ==, -EINVAL);
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_ABSOLUTE_READ, 0, 0, big, 8, 0, 0),
                    ==, -EINVAL);
    /* The maximum size works; past the end of RAM is an addressing exception. */
    f->ram[0x2000] = 0x5a;
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_READ, 0, 0, big, 65536, 0, 0),
                    ==, 0);
    g_assert_cmpint(big[0x2000], ==, 0x5a);
    g_assert_cmpint(mem_op(f, KVM_S390_MEMOP_LOGICAL_READ, 0, TEST_RAM - 8, big,
                           16, 0, 0), ==, 0x05);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
#define ADD(path, fn) g_test_add(path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
    ADD("/uvsim-memop/capabilities", test_capabilities);
    ADD("/uvsim-memop/logical-read-write", test_logical_read_write);
    ADD("/uvsim-memop/translation-exception", test_translation_exception);
    ADD("/uvsim-memop/check-only", test_check_only);
    ADD("/uvsim-memop/key-protection", test_key_protection);
    ADD("/uvsim-memop/errno", test_errno);
    return g_test_run();
}
