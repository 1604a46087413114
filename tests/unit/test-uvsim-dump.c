/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-uvsim-dump.c - the simulator's dump calls follow the kernel's rules
 * (docs/kvm-pv-interface.md): errno values and their order,
 * rc/rrc echo or zeroing, write-back, the gaddr quirk, partial storage
 * state, blocked vCPUs, DISABLE during a dump; and the UV's output opens
 * with the CCK into the vCPU's real registers and the guest's pages.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "sysemu/kvm.h"
#include "hw/core/cpu.h"
#include "target/s390x/cpu.h"
#include "util/be-access.h"
#include "util/pv-dump-format.h"
#include "util/pv-hostkey.h"
#include "accel/uvsim/uvsim-internal.h"
#include "uvsim-pv-host.h"
#include <openssl/evp.h>

#define TEST_RAM   UVSIM_TEST_RAM
#define IMAGE_ADDR 0x100000
#define SECRET     "SECRET-GUEST-PAGE"

typedef struct Fixture {
    UvsimPVHost h;
    UvsimVM *vm;
    uint8_t cck[PV_CCK_SIZE];
} Fixture;

static void fixture_setup(Fixture *f, gconstpointer data)
{
    uvsim_pv_host_setup(&f->h, "uvsim-dump-XXXXXX");
    f->vm = kvm_state->backend;
    for (size_t i = 0; i < sizeof(f->cck); i++) {
        f->cck[i] = 0xC0 + i;
    }
}

static void fixture_teardown(Fixture *f, gconstpointer data)
{
    uvsim_pv_host_teardown(&f->h);
}

static int dump(uint64_t subcmd, void *buf, uint64_t len, uint64_t gaddr,
                struct kvm_pv_cmd *out)
{
    struct kvm_s390_pv_dmp dmp = { .subcmd = subcmd, .buff_addr = (uintptr_t)buf,
                                   .buff_len = len, .gaddr = gaddr };
    int r = uvsim_pv_cmd(KVM_PV_DUMP, &dmp, out);

    /* The structure comes back as passed in, whatever happened. */
    g_assert_cmpuint(dmp.gaddr, ==, gaddr);
    g_assert_cmpuint(dmp.buff_len, ==, len);
    return r;
}

static int dump_cpu(Fixture *f, void *buf, uint64_t len, struct kvm_pv_cmd *c)
{
    struct kvm_s390_pv_dmp dmp = { .subcmd = KVM_PV_DUMP_CPU,
                                   .buff_addr = (uintptr_t)buf, .buff_len = len };

    *c = (struct kvm_pv_cmd) { .cmd = KVM_PV_DUMP, .data = (uintptr_t)&dmp,
                               .rc = 0xAAAA, .rrc = 0xBBBB };
    return kvm_vcpu_ioctl(CPU(&f->h.cpu), KVM_S390_PV_CPU_COMMAND, c);
}

static int run_once(Fixture *f)
{
    CPU(&f->h.cpu)->kvm_run->immediate_exit = 1;
    return kvm_vcpu_ioctl(CPU(&f->h.cpu), KVM_RUN, NULL);
}

/* ENABLE, SET_SEC_PARMS, UNPACK and VERIFY of a one-page image. */
static void boot(Fixture *f, uint64_t pcf)
{
    g_autofree char *doc = uvsim_pv_host_doc(&f->h);
    EVP_PKEY *host = pv_hostkey_load_document(doc, true, NULL);
    SeHdrSecrets sec = { .psw_mask = SE_STAGE3B_PSW_MASK, .psw_addr = IMAGE_ADDR };
    SeHdrPublic pub = { .pcf = pcf, .nep = 1 };
    g_autoptr(SeImgDigests) d = se_digests_new();
    uint8_t plain[4096] = "IMAGE", tweak[16];
    gsize len;
    g_autoptr(PvXts) xts = NULL;
    g_autoptr(GBytes) hdr = NULL;
    struct kvm_s390_pv_sec_parm parm;
    struct kvm_s390_pv_unp unp = { .addr = IMAGE_ADDR, .size = 4096, .tweak = 1 };

    memcpy(sec.cck, f->cck, sizeof(sec.cck));
    for (size_t i = 0; i < sizeof(sec.xts_key); i++) {
        sec.xts_key[i] = i;
    }
    xts = pv_xts_new(sec.xts_key, true, NULL);
    se_image_tweak(1, 0, tweak);
    g_assert_true(pv_xts_page(xts, tweak, plain, f->h.ram + IMAGE_ADDR, NULL));
    se_digests_add(d, f->h.ram + IMAGE_ADDR, IMAGE_ADDR, tweak);
    se_digests_final(d, pub.pld, pub.ald, pub.tld);
    hdr = se_hdr_build(&pub, &sec, &host, 1, NULL);
    EVP_PKEY_free(host);
    parm = (struct kvm_s390_pv_sec_parm) {
        .origin = (uintptr_t)g_bytes_get_data(hdr, &len) };

    parm.length = len;
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_ENABLE, NULL, NULL), ==, 0);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_SET_SEC_PARMS, &parm, NULL), ==, 0);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_UNPACK, &unp, NULL), ==, 0);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_VERIFY, NULL, NULL), ==, 0);
}

static void test_rules_before_init(Fixture *f, gconstpointer data)
{
    uint8_t buf[4096];
    struct kvm_pv_cmd c;

    /* Not protected: every subcmd, INIT included. */
    g_assert_cmpint(dump(KVM_PV_DUMP_INIT, NULL, 0, 0, &c), ==, -EINVAL);
    g_assert_cmpuint(c.rc, ==, 0xAAAA);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_ENABLE, NULL, NULL), ==, 0);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_DUMP, NULL, NULL), ==, -EFAULT);
    g_assert_cmpint(dump(KVM_PV_DUMP_CPU, buf, 4096, 0, &c), ==, -ENOTTY);
    g_assert_cmpint(dump(9, buf, 4096, 0, NULL), ==, -ENOTTY);
    /* Not dumping: rc/rrc echoed, no UVC. */
    g_assert_cmpint(dump(KVM_PV_DUMP_CONFIG_STOR_STATE, buf, 4096, 0, &c), ==, -EINVAL);
    g_assert_cmphex(c.rc, ==, 0xAAAA);
    g_assert_cmphex(c.rrc, ==, 0xBBBB);
    g_assert_cmpint(dump(KVM_PV_DUMP_COMPLETE, buf, 4096, 0, &c), ==, -EINVAL);
    g_assert_cmphex(c.rc, ==, 0xAAAA);
    g_assert_cmpint(dump_cpu(f, buf, 4096, &c), ==, -EINVAL);
    g_assert_cmphex(c.rc, ==, 0xAAAA);
    /* No verified image: the UV refuses, the vCPUs run on. */
    g_assert_cmpint(dump(KVM_PV_DUMP_INIT, NULL, 0, 0, &c), ==, -EINVAL);
    g_assert_cmphex(c.rc, ==, UV_RC_INV_STATE);
    g_assert_cmpint(run_once(f), ==, -EINTR);
}

static void test_init_denied(Fixture *f, gconstpointer data)
{
    struct kvm_pv_cmd c;

    boot(f, SE_PCF_DEFAULT);
    g_assert_cmpint(dump(KVM_PV_DUMP_INIT, NULL, 0, 0, &c), ==, -EINVAL);
    g_assert_cmphex(c.rc, ==, UV_RC_DUMP_DENIED);
    g_assert_cmphex(c.rrc, ==, UV_RRC_DUMP_DENIED);
    g_assert_false(uv_dump_sie_blocked(f->vm));
    g_assert_cmpint(run_once(f), ==, -EINTR);
}

static void test_cpu_command(Fixture *f, gconstpointer data)
{
    UvsimVcpu *v = f->vm->vcpus[0];
    g_autofree uint8_t *buf = g_malloc0(4096);
    uint8_t compl[4096], key[PV_DUMP_KEY_SIZE];
    PvComplData cd;
    PvCpuDump cpu;
    struct kvm_pv_cmd c = { .cmd = KVM_PV_DUMP, .flags = 1, .rc = 7 };

    boot(f, SE_PCF_DEFAULT | SE_PCF_DUMP_ALLOWED);
    g_assert_cmpint(dump(KVM_PV_DUMP_INIT, NULL, 0, 0, &c), ==, 0);
    g_assert_cmphex(c.rc, ==, UV_RC_OK);
    g_assert_cmpint(dump(KVM_PV_DUMP_INIT, NULL, 0, 0, &c), ==, -EINVAL);
    g_assert_cmphex(c.rc, ==, 0xAAAA);
    g_assert_cmpint(run_once(f), ==, -EINVAL);
    /* Entry checks write nothing back; cmd != DUMP is -EINVAL here. */
    c = (struct kvm_pv_cmd) { .cmd = KVM_PV_DUMP, .flags = 1, .rc = 7 };
    g_assert_cmpint(kvm_vcpu_ioctl(CPU(&f->h.cpu), KVM_S390_PV_CPU_COMMAND, NULL), ==, -EFAULT);
    g_assert_cmpint(kvm_vcpu_ioctl(CPU(&f->h.cpu), KVM_S390_PV_CPU_COMMAND, &c), ==, -EINVAL);
    c = (struct kvm_pv_cmd) { .cmd = KVM_PV_INFO, .rc = 7 };
    g_assert_cmpint(kvm_vcpu_ioctl(CPU(&f->h.cpu), KVM_S390_PV_CPU_COMMAND, &c), ==, -EINVAL);
    g_assert_cmpuint(c.rc, ==, 7);
    /* Handler checks: rc/rrc echoed; length must be exact. */
    g_assert_cmpint(dump_cpu(f, buf, 4095, &c), ==, -EINVAL);
    g_assert_cmphex(c.rc, ==, 0xAAAA);
    g_assert_cmpint(dump_cpu(f, buf, 4097, &c), ==, -EINVAL);
    g_assert_cmpint(dump_cpu(f, NULL, 4096, &c), ==, -EFAULT);
    g_assert_cmphex(c.rc, ==, UV_RC_OK);
    /* The real registers, any number of times. */
    v->arch.regs[7] = 0x0123456789abcdefULL;
    v->arch.vregs[31][1] = 0x5555;
    v->arch.gscb[3] = 0x77;
    v->workload_step = 32;
    v->mp_state = KVM_MP_STATE_OPERATING;
    g_assert_cmpint(dump_cpu(f, buf, 4096, &c), ==, 0);
    g_assert_cmpint(dump_cpu(f, buf, 4096, &c), ==, 0);
    g_assert_cmphex(c.rc, ==, UV_RC_OK);
    for (size_t i = PV_CPU_DUMP_V1_SIZE; i < 4096; i++) {
        g_assert_cmpuint(buf[i], ==, 0);       /* D8: zero padding */
    }
    g_assert_cmpint(dump(KVM_PV_DUMP_COMPLETE, compl, 4096, 0, &c), ==, 0);
    g_assert_true(pv_compl_open(compl, 4096, f->cck, &cd, key, NULL));
    g_assert_true(pv_cpu_dump_open(buf, 4096, key, &cpu, NULL));
    g_assert_cmphex(cpu.gprs[7], ==, 0x0123456789abcdefULL);
    g_assert_cmphex(cpu.vrs[31][1], ==, 0x5555);
    g_assert_cmphex(cpu.gs_epl_a, ==, 0x77);
    g_assert_cmphex(cpu.ctrs[0], ==, v->arch.cregs[0]);
    g_assert_cmphex(cpu.dump_flags, ==, PV_CPU_DUMP_FLAG_OSII);
    /* After the step, no instruction is pending; a plain CPU cannot be dumped. */
    v->workload_step = 33;
    g_assert_cmpint(dump(KVM_PV_DUMP_INIT, NULL, 0, 0, NULL), ==, 0);
    g_assert_cmpint(dump_cpu(f, buf, 4096, &c), ==, 0);
    v->secure = false;
    g_assert_cmpint(dump_cpu(f, buf, 4096, &c), ==, -EINVAL);
    g_assert_cmphex(c.rc, ==, UV_RC_INV_CPU_HANDLE);
    v->secure = true;
    g_assert_cmpint(dump(KVM_PV_DUMP_COMPLETE, compl, 4096, 0, NULL), ==, 0);
    g_assert_true(pv_compl_open(compl, 4096, f->cck, &cd, key, NULL));
    g_assert_true(pv_cpu_dump_open(buf, 4096, key, &cpu, NULL));
    g_assert_cmphex(cpu.dump_flags, ==, 0);
    pv_crypto_wipe(key, sizeof(key));
}

/* Decrypts page @pfn of the host mapping with the storage state @comps. */
static void open_page(Fixture *f, const PvComplData *cd, const uint8_t *comps,
                      uint64_t pfn, uint8_t *out)
{
    const uint8_t *comp = comps + pfn * PV_STOR_STATE_SIZE;
    g_autoptr(PvXts) xts = pv_xts_new(cd->xts_key, false, NULL);
    uint8_t tweak[16];

    switch (pv_stor_state_classify(comp)) {
    case PV_PAGE_ENCRYPTED:
        pv_stor_state_tweak(comp, cd->nonce, tweak);
        g_assert_true(pv_xts_page(xts, tweak, f->h.ram + pfn * 4096, out, NULL));
        break;
    case PV_PAGE_ZERO:
        memset(out, 0, 4096);
        break;
    case PV_PAGE_SHARED:
        memcpy(out, f->h.ram + pfn * 4096, 4096);
        break;
    default:
        g_assert_not_reached();
    }
}

static void test_memory(Fixture *f, gconstpointer data)
{
    const uint64_t secret = 0x200000, shared = 0x300000, dirty = 0x3ff000;
    uint8_t comps[4 * 4096], compl[4096], page[4096], key[PV_DUMP_KEY_SIZE];
    struct kvm_pv_cmd c;
    PvComplData cd;

    boot(f, SE_PCF_DEFAULT | SE_PCF_DUMP_ALLOWED);
    uv_guest_write(f->vm, secret, SECRET, sizeof(SECRET));
    uv_guest_write(f->vm, shared, "SHARED", 6);
    uv_storage_share(f->vm, shared);
    memset(f->h.ram + dirty, 0x5A, 4096);     /* never secure, not zero */
    /* A page exported before the dump is read as it is. */
    g_assert_cmpint(kvm_prepare_host_access(IMAGE_ADDR, 4096), ==, 0);
    g_assert_cmpint(dump(KVM_PV_DUMP_INIT, NULL, 0, 0, NULL), ==, 0);
    g_assert_cmpint(kvm_prepare_host_access(0, TEST_RAM), ==, 0);
    g_assert_null(memmem(f->h.ram, TEST_RAM, SECRET, sizeof(SECRET)));
    /* Early validation failures zero rc/rrc. */
    g_assert_cmpint(dump(KVM_PV_DUMP_CONFIG_STOR_STATE, comps, 4096, 4096, &c), ==, -EINVAL);
    g_assert_cmphex(c.rc, ==, 0);
    g_assert_cmphex(c.rrc, ==, 0);
    g_assert_cmpint(dump(KVM_PV_DUMP_CONFIG_STOR_STATE, comps, 0, 0, &c), ==, -EINVAL);
    g_assert_cmphex(c.rc | c.rrc, ==, 0);
    g_assert_cmpint(dump(KVM_PV_DUMP_CONFIG_STOR_STATE, comps, 4095, 0, &c), ==, -EINVAL);
    g_assert_cmphex(c.rc | c.rrc, ==, 0);
    g_assert_cmpint(dump(KVM_PV_DUMP_CONFIG_STOR_STATE, comps, 4096, TEST_RAM, &c), ==, -EINVAL);
    g_assert_cmphex(c.rc, ==, UV_RC_INV_ADDR);
    g_assert_cmpint(dump(KVM_PV_DUMP_CONFIG_STOR_STATE, NULL, 4096, 0, &c), ==, -EFAULT);
    /* Two calls, as a caller with two blocks would; gaddr comes back as given. */
    g_assert_cmpint(dump(KVM_PV_DUMP_CONFIG_STOR_STATE, comps, 4096, 0, &c), ==, 0);
    g_assert_cmphex(c.rc, ==, UV_RC_OK);
    g_assert_cmpint(dump(KVM_PV_DUMP_CONFIG_STOR_STATE, comps + 4096, 3 * 4096,
                         MiB, NULL), ==, 0);
    g_assert_cmpint(dump(KVM_PV_DUMP_COMPLETE, compl, 4095, 0, &c), ==, -EINVAL);
    g_assert_cmphex(c.rc, ==, 0xAAAA);
    g_assert_cmpint(dump(KVM_PV_DUMP_COMPLETE, compl, 4096, 0, NULL), ==, 0);
    g_assert_true(pv_compl_open(compl, 4096, f->cck, &cd, key, NULL));
    g_assert_cmpmem(cd.nonce + 8, 8, "\0\0\0\0\0\0\0\0", 8);      /* D10 */
    for (uint64_t pfn = 0; pfn < TEST_RAM / 4096; pfn++) {
        uint8_t truth[4096];

        open_page(f, &cd, comps, pfn, page);
        g_assert_cmpint(uv_storage_peek(f->vm, pfn * 4096, truth, 4096), ==, 0);
        g_assert_cmpmem(page, 4096, truth, 4096);
    }
    g_assert_cmpint(pv_stor_state_classify(comps + 0x300 * 16), ==, PV_PAGE_SHARED);
    g_assert_cmpint(pv_stor_state_classify(comps + 0x3ff * 16), ==, PV_PAGE_SHARED);
    g_assert_cmpint(pv_stor_state_classify(comps + 0x3fe * 16), ==, PV_PAGE_ZERO);
    g_assert_cmphex(be32_load(comps + 0x200 * 16 + 12), ==, 0x200);   /* pfn */
    g_assert_cmphex(be32_load(comps + 0x200 * 16 + 8), ==, 1);        /* generation */
    open_page(f, &cd, comps, 0x200, page);
    g_assert_cmpmem(page, sizeof(SECRET), SECRET, sizeof(SECRET));
    /* The guest runs again and a new dump may start. */
    g_assert_cmpint(run_once(f), ==, -EINTR);
    g_assert_cmpint(dump(KVM_PV_DUMP_INIT, NULL, 0, 0, NULL), ==, 0);
    /* A failing copy-out loses the data but ends the dump. */
    g_assert_cmpint(dump(KVM_PV_DUMP_COMPLETE, NULL, 4096, 0, NULL), ==, -EFAULT);
    g_assert_cmpint(run_once(f), ==, -EINTR);
    /*
     * What tells pvdump so after the EFAULT: a repeated COMPLETE is
     * refused before any UVC, rc/rrc as the caller passed them.
     */
    g_assert_cmpint(dump(KVM_PV_DUMP_COMPLETE, compl, 4096, 0, &c), ==, -EINVAL);
    g_assert_cmphex(c.rc, ==, 0xAAAA);
    g_assert_cmphex(c.rrc, ==, 0xBBBB);
    pv_crypto_wipe(key, sizeof(key));
}

/* Output reaches the caller in bounce-buffer steps even when a block fails. */
static void test_partial_stor_state(Fixture *f, gconstpointer data)
{
    const uint64_t per_1m = MiB;       /* one block fills the bounce buffer */
    g_autofree uint8_t *buf = g_malloc(5 * per_1m);
    struct kvm_pv_cmd c;

    f->vm->uv.dump_mem_per_1m = per_1m;
    boot(f, SE_PCF_DEFAULT | SE_PCF_DUMP_ALLOWED);
    g_assert_cmpint(dump(KVM_PV_DUMP_INIT, NULL, 0, 0, NULL), ==, 0);
    memset(buf, 0xEE, 5 * per_1m);
    g_assert_cmpint(dump(KVM_PV_DUMP_CONFIG_STOR_STATE, buf, 5 * per_1m, 0, &c), ==, -EINVAL);
    g_assert_cmphex(c.rc, ==, UV_RC_INV_ADDR);
    g_assert_cmphex(buf[3 * per_1m], ==, 0xFF);         /* block 3 was flushed */
    g_assert_cmphex(buf[3 * per_1m + 4096], ==, 0);     /* zero padding */
    g_assert_cmphex(buf[4 * per_1m], ==, 0xEE);         /* block 4 failed */
}

/*
 * pv_mem_meta as the dump engine streams it, one CONFIG_STOR_STATE per
 * MiB (arch_dump_pv.c), is byte for byte what one call for all of RAM
 * returns.
 */
static void test_stor_state_in_pieces(Fixture *f, gconstpointer data)
{
    const uint64_t per_1m = 4096, size = TEST_RAM / MiB * per_1m;
    g_autofree uint8_t *whole = g_malloc0(size);
    g_autofree uint8_t *pieces = g_malloc0(size);

    boot(f, SE_PCF_DEFAULT | SE_PCF_DUMP_ALLOWED);
    uv_guest_write(f->vm, IMAGE_ADDR + 0x3000, SECRET, sizeof(SECRET));
    g_assert_cmpint(dump(KVM_PV_DUMP_INIT, NULL, 0, 0, NULL), ==, 0);
    g_assert_cmpint(dump(KVM_PV_DUMP_CONFIG_STOR_STATE, whole, size, 0, NULL),
                    ==, 0);
    for (uint64_t off = 0; off < size; off += per_1m) {
        g_assert_cmpint(dump(KVM_PV_DUMP_CONFIG_STOR_STATE, pieces + off,
                             per_1m, off / per_1m * MiB, NULL), ==, 0);
    }
    g_assert_cmpmem(pieces, size, whole, size);
    /* Not trivially equal: secure, zero and shared pages all occur. */
    g_assert_cmpint(pv_stor_state_classify(whole + (IMAGE_ADDR + 0x3000) /
                                           4096 * 16), ==, PV_PAGE_ENCRYPTED);
    g_assert_cmpint(dump(KVM_PV_DUMP_COMPLETE, whole, 4096, 0, NULL), ==, 0);
}

/* D9: DISABLE is accepted during a dump and leaves the VM unable to run. */
static void test_disable_while_dumping(Fixture *f, gconstpointer data)
{
    uint8_t buf[4096];
    struct kvm_pv_cmd c;

    boot(f, SE_PCF_DEFAULT | SE_PCF_DUMP_ALLOWED);
    g_assert_cmpint(dump(KVM_PV_DUMP_INIT, NULL, 0, 0, NULL), ==, 0);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_DISABLE, NULL, NULL), ==, 0);
    g_assert_cmpint(run_once(f), ==, -EINVAL);
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_ENABLE, NULL, NULL), ==, 0);
    g_assert_cmpint(dump(KVM_PV_DUMP_INIT, NULL, 0, 0, &c), ==, -EINVAL);
    g_assert_cmphex(c.rc, ==, 0xAAAA);
    g_assert_cmpint(dump(KVM_PV_DUMP_COMPLETE, buf, 4096, 0, &c), ==, -EINVAL);
    g_assert_cmphex(c.rc, ==, UV_RC_INV_STATE);
    g_assert_cmpint(run_once(f), ==, -EINVAL);
}

static gpointer run_thread(gpointer opaque)
{
    Fixture *f = opaque;

    return GINT_TO_POINTER(kvm_vcpu_ioctl(CPU(&f->h.cpu), KVM_RUN, NULL));
}

static uint64_t steps(UvsimVcpu *v)
{
    return __atomic_load_n(&v->workload_step, __ATOMIC_RELAXED);
}

static void wait_steps(UvsimVcpu *v, uint64_t above)
{
    for (int i = 0; i < 5000 && steps(v) <= above; i++) {
        g_usleep(1000);
    }
    g_assert_cmpuint(steps(v), >, above);
}

/* A vCPU inside KVM_RUN at DUMP_INIT executes nothing until COMPLETE. */
static void test_running_vcpu_blocked(Fixture *f, gconstpointer data)
{
    UvsimVcpu *v = f->vm->vcpus[0];
    uint8_t compl[4096];
    uint64_t frozen;
    GThread *t;

    boot(f, SE_PCF_DEFAULT | SE_PCF_DUMP_ALLOWED);
    __atomic_store_n(&v->mp_state, KVM_MP_STATE_OPERATING, __ATOMIC_RELEASE);
    CPU(&f->h.cpu)->kvm_run->immediate_exit = 0;
    t = g_thread_new("vcpu", run_thread, f);
    wait_steps(v, 0);
    g_assert_cmpint(dump(KVM_PV_DUMP_INIT, NULL, 0, 0, NULL), ==, 0);
    frozen = steps(v);
    g_usleep(20000);
    g_assert_cmpuint(steps(v), ==, frozen);
    g_assert_cmpint(dump(KVM_PV_DUMP_COMPLETE, compl, sizeof(compl), 0, NULL), ==, 0);
    wait_steps(v, frozen);
    __atomic_store_n(&CPU(&f->h.cpu)->kvm_run->immediate_exit, 1, __ATOMIC_SEQ_CST);
    uvsim_vcpu_kick(v);
    g_assert_cmpint(GPOINTER_TO_INT(g_thread_join(t)), ==, -EINTR);
}

/* D8: the exact v1 sizes work too and INFO reports them. */
static void test_exact_sizes(Fixture *f, gconstpointer data)
{
    struct kvm_s390_pv_info info = { .header = { .id = KVM_PV_INFO_DUMP, .len_max = 40 } };
    uint8_t cpu[PV_CPU_DUMP_V1_SIZE], compl[PV_COMPL_V1_SIZE], key[PV_DUMP_KEY_SIZE];
    PvComplData cd;
    PvCpuDump dec;
    struct kvm_pv_cmd c;

    f->vm->uv.dump_cpu_len = PV_CPU_DUMP_V1_SIZE;
    f->vm->uv.dump_finalize_len = PV_COMPL_V1_SIZE;
    g_assert_cmpint(uvsim_pv_cmd(KVM_PV_INFO, &info, NULL), ==, 0);
    g_assert_cmpuint(info.dump.dump_cpu_buffer_len, ==, 1568);
    g_assert_cmpuint(info.dump.dump_config_finalize_len, ==, 288);
    boot(f, SE_PCF_DEFAULT | SE_PCF_DUMP_ALLOWED);
    g_assert_cmpint(dump(KVM_PV_DUMP_INIT, NULL, 0, 0, NULL), ==, 0);
    g_assert_cmpint(dump_cpu(f, cpu, 4096, &c), ==, -EINVAL);
    g_assert_cmpint(dump_cpu(f, cpu, sizeof(cpu), &c), ==, 0);
    g_assert_cmpint(dump(KVM_PV_DUMP_COMPLETE, compl, sizeof(compl), 0, NULL), ==, 0);
    g_assert_true(pv_compl_open(compl, sizeof(compl), f->cck, &cd, key, NULL));
    g_assert_true(pv_cpu_dump_open(cpu, sizeof(cpu), key, &dec, NULL));
    pv_crypto_wipe(key, sizeof(key));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
#define ADD(path, fn) g_test_add(path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
    ADD("/uvsim-dump/rules-before-init", test_rules_before_init);
    ADD("/uvsim-dump/init-denied", test_init_denied);
    ADD("/uvsim-dump/cpu-command", test_cpu_command);
    ADD("/uvsim-dump/memory", test_memory);
    ADD("/uvsim-dump/partial-stor-state", test_partial_stor_state);
    ADD("/uvsim-dump/stor-state-in-pieces", test_stor_state_in_pieces);
    ADD("/uvsim-dump/disable-while-dumping", test_disable_while_dumping);
    ADD("/uvsim-dump/running-vcpu-blocked", test_running_vcpu_blocked);
    ADD("/uvsim-dump/exact-sizes", test_exact_sizes);
    return g_test_run();
}
