/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uvsim-pv-host.c - the uvsim PV host of the unit tests.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "util/pv-hostkey.h"
#include "uvsim-pv-host.h"
#include <sys/mman.h>

static char *host_file(const UvsimPVHost *h, const char *name)
{
    return g_build_filename(h->dir, name, NULL);
}

char *uvsim_pv_host_doc(const UvsimPVHost *h)
{
    return host_file(h, "host.crt");
}

void uvsim_pv_host_setup(UvsimPVHost *h, const char *dir_template)
{
    GError *err = NULL;
    g_autofree char *key = NULL;
    g_autofree char *doc = NULL;
    AccelConfig cfg;

    h->dir = g_dir_make_tmp(dir_template, NULL);
    key = host_file(h, "host.pem");
    doc = uvsim_pv_host_doc(h);
    g_assert_true(pv_hostkey_create(key, doc, 1, false, &err));
    cfg = (AccelConfig) { .name = "tcg", .host_key = key };
    g_assert_true(kvm_init(&cfg, &err));
    g_assert_no_error(err);
    h->ram = mmap(NULL, UVSIM_TEST_RAM, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert_true(h->ram != MAP_FAILED);
    g_assert_true(kvm_set_user_memory(kvm_state, h->ram, UVSIM_TEST_RAM, &err));
    memset(&h->cpu, 0, sizeof(h->cpu));
    g_assert_true(kvm_init_vcpu(CPU(&h->cpu), &err));
}

void uvsim_pv_host_teardown(UvsimPVHost *h)
{
    g_autofree char *key = host_file(h, "host.pem");
    g_autofree char *doc = uvsim_pv_host_doc(h);

    kvm_destroy_vcpu(CPU(&h->cpu));
    kvm_cleanup();
    munmap(h->ram, UVSIM_TEST_RAM);
    unlink(key);
    unlink(doc);
    rmdir(h->dir);
    g_free(h->dir);
}

int uvsim_pv_cmd(uint32_t cmd, void *data, struct kvm_pv_cmd *out)
{
    struct kvm_pv_cmd c = { .cmd = cmd, .data = (uintptr_t)data,
                            .rc = 0xAAAA, .rrc = 0xBBBB };
    int r = kvm_vm_ioctl(kvm_state, KVM_S390_PV_COMMAND, &c);

    if (out) {
        *out = c;
    }
    return r;
}
