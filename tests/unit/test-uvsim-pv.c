/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-uvsim-pv.c - the simulator's PV commands follow the kernel's rules
 * (docs/kvm-pv-interface.md): errno values and their order,
 * validity by state, write-back of kvm_pv_cmd, INFO, and a full boot of an
 * image built with util/ (SET_SEC_PARMS, UNPACK, VERIFY, LOAD, stage3b).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "sysemu/kvm.h"
#include "hw/core/cpu.h"
#include "target/s390x/cpu.h"
#include "util/be-access.h"
#include "util/pv-hostkey.h"
#include "accel/uvsim/uvsim-internal.h"
#include "uvsim-pv-host.h"
#include <openssl/evp.h>

#define TEST_RAM UVSIM_TEST_RAM

typedef UvsimPVHost Fixture;

static void fixture_setup(Fixture *f, gconstpointer data)
{
    uvsim_pv_host_setup(f, "uvsim-pv-XXXXXX");
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    uvsim_pv_host_teardown(f);
}

static void test_entry_and_state(Fixture *f, gconstpointer data)
{
    struct kvm_pv_cmd c = { .cmd = KVM_PV_ENABLE, .flags = 1, .rc = 7 };
    struct kvm_s390_pv_sec_parm parm = { 0 };
    struct kvm_s390_pv_unp unp = { .addr = 0, .size = 4096 };

    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_S390_PV_COMMAND, NULL), ==, -EFAULT);
    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_S390_PV_COMMAND, &c), ==, -EINVAL);
    g_assert_cmpuint(c.rc, ==, 7);
    /* Not protected: every command but ENABLE and INFO is -EINVAL, rc/rrc echoed. */
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_DISABLE, NULL, &c), ==, -EINVAL);
    g_assert_cmpuint(c.rc, ==, 0xAAAA);
    g_assert_cmpuint(c.rrc, ==, 0xBBBB);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_SET_SEC_PARMS, &parm, NULL), ==, -EINVAL);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_UNPACK, &unp, NULL), ==, -EINVAL);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_VERIFY, NULL, NULL), ==, -EINVAL);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_PREP_RESET, NULL, NULL), ==, -EINVAL);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_UNSHARE_ALL, NULL, NULL), ==, -EINVAL);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_DUMP, NULL, NULL), ==, -EINVAL);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_ASYNC_CLEANUP_PREPARE, NULL, NULL), ==, -EINVAL);
    g_assert_cmpint(uvsim_pv_cmd(99, NULL, NULL), ==, -ENOTTY);
    /* ENABLE once; again is -EINVAL; memslots are frozen. */
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_ENABLE, NULL, &c), ==, 0);
    g_assert_cmpuint(c.rc, ==, 1);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_ENABLE, NULL, NULL), ==, -EINVAL);
    g_assert_false(kvm_set_user_memory(kvm_state, f->ram, TEST_RAM, NULL));
    /* SET_SEC_PARMS argument rules, in the kernel's order. */
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_SET_SEC_PARMS, NULL, NULL), ==, -EFAULT);
    parm.length = 8193;
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_SET_SEC_PARMS, &parm, NULL), ==, -EINVAL);
    parm.length = 0;
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_SET_SEC_PARMS, &parm, NULL), ==, -ENOMEM);
    parm.length = 640;
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_SET_SEC_PARMS, &parm, NULL), ==, -EFAULT);
    /* UNPACK argument rules: no UVC, rc/rrc echoed. */
    unp.addr = 100;
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_UNPACK, &unp, &c), ==, -EINVAL);
    g_assert_cmpuint(c.rc, ==, 0xAAAA);
    unp.addr = 0;
    unp.size = 0;
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_UNPACK, &unp, NULL), ==, -EINVAL);
    unp.size = 100;
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_UNPACK, &unp, NULL), ==, -EINVAL);
    /* The UV orders the image: UNPACK and VERIFY need SET_SEC_PARMS first. */
    unp.size = 4096;
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_UNPACK, &unp, &c), ==, -EINVAL);
    g_assert_cmpuint(c.rc, ==, UV_RC_INV_STATE);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_VERIFY, NULL, &c), ==, -EINVAL);
    g_assert_cmpuint(c.rc, ==, UV_RC_INV_STATE);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_DISABLE, NULL, &c), ==, 0);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_DISABLE, NULL, NULL), ==, -EINVAL);
}

static void test_info(Fixture *f, gconstpointer data)
{
    struct kvm_s390_pv_info info = { .header = { .id = KVM_PV_INFO_VM, .len_max = 79 } };
    struct kvm_pv_cmd c;

    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_INFO, NULL, NULL), ==, -EFAULT);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_INFO, &info, NULL), ==, -EINVAL);
    info.header.len_max = 80;
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_INFO, &info, &c), ==, 0);
    g_assert_cmpuint(c.rc, ==, 0xAAAA);     /* INFO leaves rc/rrc alone */
    g_assert_cmpuint(info.header.len_written, ==, 80);
    g_assert_cmpuint(info.vm.max_cpus, ==, 248);
    g_assert_true(info.vm.inst_calls_list[0] & (1ULL << 63));      /* QUI */
    for (int bit = 24; bit <= 27; bit++) {      /* the four dump calls */
        g_assert_true(info.vm.inst_calls_list[0] & (1ULL << (63 - bit)));
    }
    memset(&info, 0, sizeof(info));
    info.header.id = KVM_PV_INFO_DUMP;
    info.header.len_max = 39;
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_INFO, &info, NULL), ==, -EINVAL);
    info.header.len_max = 40;
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_INFO, &info, NULL), ==, 0);
    g_assert_cmpuint(info.header.len_written, ==, 40);
    g_assert_cmpuint(info.dump.dump_cpu_buffer_len, ==, 4096);
    g_assert_cmpuint(info.dump.dump_config_mem_buffer_per_1m, ==, 4096);
    g_assert_cmpuint(info.dump.dump_config_finalize_len, ==, 4096);
    info.header.id = 2;
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_INFO, &info, NULL), ==, -EINVAL);
    info.header.id = KVM_PV_INFO_VM;
    info.header.len_max = 8;
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_INFO, &info, NULL), ==, -EINVAL);
}

/* A one-component image at @gaddr whose plaintext page is @plain. */
static GBytes *build_header(Fixture *f, uint64_t gaddr, uint64_t prefix,
                            const uint8_t *plain)
{
    g_autofree char *doc = uvsim_pv_host_doc(f);
    EVP_PKEY *host = pv_hostkey_load_document(doc, true, NULL);
    SeHdrSecrets sec = { .psw_mask = SE_STAGE3B_PSW_MASK, .psw_addr = gaddr };
    SeHdrPublic pub = { .pcf = SE_PCF_DEFAULT, .nep = 1 };
    g_autoptr(SeImgDigests) d = se_digests_new();
    uint8_t tweak[16];
    GBytes *hdr;
    g_autoptr(PvXts) xts = NULL;

    for (size_t i = 0; i < sizeof(sec.xts_key); i++) {
        sec.xts_key[i] = i;     /* key1 != key2, as XTS requires */
    }
    xts = pv_xts_new(sec.xts_key, true, NULL);
    se_image_tweak(prefix, 0, tweak);
    g_assert_true(pv_xts_page(xts, tweak, plain, f->ram + gaddr, NULL));
    se_digests_add(d, f->ram + gaddr, gaddr, tweak);
    se_digests_final(d, pub.pld, pub.ald, pub.tld);
    hdr = se_hdr_build(&pub, &sec, &host, 1, NULL);
    EVP_PKEY_free(host);
    return hdr;
}

static void test_boot_stage3b(Fixture *f, gconstpointer data)
{
    const uint64_t s3b = 0x100000, kernel = 0x200000, prefix = 0x46ULL << 48;
    UvsimVM *vm = kvm_state->backend;
    uint8_t page[4096] = { 0 }, got[32];
    struct kvm_pv_cmd c;
    g_autoptr(GBytes) hdr = NULL;
    gsize len;
    struct kvm_s390_pv_sec_parm parm;
    struct kvm_s390_pv_unp unp = { .addr = s3b, .size = 4096, .tweak = prefix };
    struct kvm_mp_state mp = { .mp_state = KVM_MP_STATE_LOAD };
    struct kvm_regs regs;
    uint64_t timer;
    struct kvm_one_reg one = { .id = KVM_REG_S390_CPU_TIMER, .addr = (uintptr_t)&timer };

    /* stage3b's argument block: kernel blob, empty cmdline, no initrd. */
    memcpy(page, SE_STAGE3B_MAGIC, sizeof(SE_STAGE3B_MAGIC));
    be64_store(page + SE_STAGE3B_ARGS_OFF, kernel);
    be64_store(page + SE_STAGE3B_ARGS_OFF + 8, 16);
    be64_store(page + SE_STAGE3B_ARGS_OFF + 48, SE_STAGE3B_PSW_MASK);
    be64_store(page + SE_STAGE3B_ARGS_OFF + 56, SE_KERNEL_ADDR);
    memcpy(f->ram + kernel, "SECRET-KERNEL-16", 16);
    hdr = build_header(f, s3b, prefix, page);
    parm = (struct kvm_s390_pv_sec_parm) {
        .origin = (uintptr_t)g_bytes_get_data(hdr, &len),
    };
    parm.length = len;

    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_ENABLE, NULL, NULL), ==, 0);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_SET_SEC_PARMS, &parm, &c), ==, 0);
    g_assert_cmpuint(c.rc, ==, 1);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_SET_SEC_PARMS, &parm, &c), ==, -EINVAL);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_UNPACK, &unp, &c), ==, 0);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_UNPACK, &unp, &c), ==, -EINVAL);     /* once */
    g_assert_cmpuint(c.rc, ==, UV_RC_INV_STATE);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_VERIFY, NULL, &c), ==, 0);
    /* Secure pages hold no plaintext in the host mapping. */
    g_assert_null(memmem(f->ram, TEST_RAM, SE_STAGE3B_MAGIC, 16));
    g_assert_cmpint(kvm_vcpu_ioctl(CPU(&f->cpu), KVM_SET_MP_STATE, &mp), ==, 0);
    g_assert_cmpuint(vm->vcpus[0]->arch.psw_addr, ==, s3b);
    uv_stage3b_run(vm->vcpus[0]);
    g_assert_cmpuint(vm->vcpus[0]->arch.psw_addr, ==, SE_KERNEL_ADDR);
    /* Regression: the run area showed a secure CPU's registers to the host. */
    g_assert_cmpint(kvm_vcpu_ioctl(CPU(&f->cpu), KVM_GET_REGS, &regs), ==, 0);
    for (int i = 0; i < 16; i++) {
        g_assert_cmphex(regs.gprs[i], ==, 0);
    }
    g_assert_cmpint(kvm_vcpu_ioctl(CPU(&f->cpu), KVM_GET_ONE_REG, &one), ==, -EINVAL);
    g_assert_cmphex(CPU(&f->cpu)->kvm_run->psw_addr, ==, 0);
    for (int i = 0; i < 16; i++) {
        g_assert_cmphex(CPU(&f->cpu)->kvm_run->s.regs.gprs[i], ==, 0);
    }
    uv_guest_read(vm, SE_KERNEL_ADDR, got, 16);
    g_assert_cmpmem(got, 16, "SECRET-KERNEL-16", 16);
    /* A host read exports: ciphertext, and the guest still sees its data. */
    g_assert_cmpint(kvm_prepare_host_access(SE_KERNEL_ADDR, 16), ==, 0);
    g_assert_true(memcmp(f->ram + SE_KERNEL_ADDR, "SECRET-KERNEL-16", 16));
    uv_guest_read(vm, SE_KERNEL_ADDR, got, 16);
    g_assert_cmpmem(got, 16, "SECRET-KERNEL-16", 16);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_PREP_RESET, NULL, &c), ==, 0);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_UNSHARE_ALL, NULL, &c), ==, 0);
}

static void test_verify_mismatch(Fixture *f, gconstpointer data)
{
    uint8_t page[4096] = { 1 };
    g_autoptr(GBytes) hdr = build_header(f, 0x1000, 1, page);
    gsize len;
    struct kvm_s390_pv_sec_parm parm = { .origin = (uintptr_t)g_bytes_get_data(hdr, &len) };
    struct kvm_s390_pv_unp unp = { .addr = 0x1000, .size = 4096, .tweak = 1 };
    struct kvm_pv_cmd c;
    struct kvm_mp_state mp = { .mp_state = KVM_MP_STATE_LOAD };

    parm.length = len;
    f->ram[0x1000] ^= 1;        /* the stored page differs from the image */
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_ENABLE, NULL, NULL), ==, 0);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_SET_SEC_PARMS, &parm, NULL), ==, 0);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_UNPACK, &unp, NULL), ==, 0);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_VERIFY, NULL, &c), ==, -EINVAL);
    g_assert_cmpuint(c.rc, ==, 0x0102);
    g_assert_cmpuint(c.rrc, ==, 0x1B);
    /* Unpacking beyond guest memory: no UVC, -EFAULT. */
    unp.addr = TEST_RAM;
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_UNPACK, &unp, &c), ==, -EFAULT);
    /* LOAD without a verified image fails. */
    g_assert_cmpint(kvm_vcpu_ioctl(CPU(&f->cpu), KVM_SET_MP_STATE, &mp), ==, -EINVAL);
}

static void test_header_rc(Fixture *f, gconstpointer data)
{
    uint8_t page[4096] = { 0 };
    g_autoptr(GBytes) good = build_header(f, 0x1000, 1, page);
    gsize len;
    const uint8_t *g = g_bytes_get_data(good, &len);
    struct kvm_s390_pv_sec_parm truncated = {
        .origin = (uintptr_t)g, .length = len - 16
    };
    struct kvm_pv_cmd c;
    static const struct {
        size_t off;
        uint8_t xor;
        uint16_t rc, rrc;
    } cases[] = {
        { 0x00, 0x01, 0x0104, 0x01 },     /* magic */
        { 0x0B, 0x01, 0x0104, 0x01 },     /* version */
        { 0x0F, 0x10, 0x010A, 0x31 },     /* phs */
        { 0x3F, 0x01, 0x0106, 0x30 },     /* PCF bit 63 */
        { 0x1A0, 0x01, 0x0108, 0x05 },    /* key slot hash */
        { 0x1D0, 0x01, 0x0108, 0x06 },    /* wrapped key tag */
        { 0x41, 0x01, 0x0108, 0x0B },     /* customer key padding */
        { 0x200, 0x01, 0x0108, 0x07 },    /* encrypted area */
    };

    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_ENABLE, NULL, NULL), ==, 0);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree uint8_t *bad = g_memdup2(g, len);
        struct kvm_s390_pv_sec_parm parm = { .origin = (uintptr_t)bad, .length = len };

        bad[cases[i].off] ^= cases[i].xor;
        g_assert_cmpint(uvsim_pv_cmd(KVM_PV_SET_SEC_PARMS, &parm, &c), ==, -EINVAL);
        g_assert_cmphex(c.rc, ==, cases[i].rc);
        g_assert_cmphex(c.rrc, ==, cases[i].rrc);
    }
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_SET_SEC_PARMS, &truncated, &c), ==,
                    -EINVAL);
    g_assert_cmphex(c.rc, ==, 0x010A);
    g_assert_cmphex(c.rrc, ==, 0x31);
}

/* KVM_S390_MEM_OP: logical accesses of a PV vCPU are -EINVAL (the UV's storage). */
static void test_mem_op_refused(Fixture *f, gconstpointer data)
{
    uint8_t buf[8];
    struct kvm_s390_mem_op m = {
        .op = KVM_S390_MEMOP_LOGICAL_READ, .size = sizeof(buf),
        .buf = (uintptr_t)buf,
    };
    CPUState *cs = CPU(&f->cpu);

    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_S390_MEM_OP, &m), ==, 0);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_ENABLE, NULL, NULL), ==, 0);
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_S390_MEM_OP, &m), ==, -EINVAL);
    m.flags = KVM_S390_MEMOP_F_CHECK_ONLY;
    m.op = KVM_S390_MEMOP_LOGICAL_WRITE;
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_S390_MEM_OP, &m), ==, -EINVAL);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_DISABLE, NULL, NULL), ==, 0);
    g_assert_cmpint(kvm_vcpu_ioctl(cs, KVM_S390_MEM_OP, &m), ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
#define ADD(path, fn) g_test_add(path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
    ADD("/uvsim-pv/entry-and-state", test_entry_and_state);
    ADD("/uvsim-pv/info", test_info);
    ADD("/uvsim-pv/boot-stage3b", test_boot_stage3b);
    ADD("/uvsim-pv/verify-mismatch", test_verify_mismatch);
    ADD("/uvsim-pv/header-rc", test_header_rc);
    ADD("/uvsim-pv/mem-op-refused", test_mem_op_refused);
    return g_test_run();
}
