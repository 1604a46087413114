/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pv.c - protected virtualization ioctl wrappers (see pv.h).
 *
 * As in QEMU, the calls that cannot fail on a sane host (DISABLE,
 * PREP_RESET, UNSHARE_ALL) end the process when they do, because the
 * guest's state is then unknown; the boot calls report the Ultravisor's
 * rc/rrc so the guest can be told why it did not become protected.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "sysemu/kvm.h"
#include "target/s390x/kvm/pv.h"
#include "util/fault-inject.h"
#include "target/s390x/kvm/kvm_s390x.h"

#define PV_RC_HDR_KEY 0x108   /* image not encrypted for this host's key */

static S390PVInfo pv_info;

static const char *pv_cmd_name(uint32_t cmd)
{
    static const char *const names[] = {
        [KVM_PV_ENABLE] = "KVM_PV_ENABLE",
        [KVM_PV_DISABLE] = "KVM_PV_DISABLE",
        [KVM_PV_SET_SEC_PARMS] = "KVM_PV_SET_SEC_PARMS",
        [KVM_PV_UNPACK] = "KVM_PV_UNPACK",
        [KVM_PV_VERIFY] = "KVM_PV_VERIFY",
        [KVM_PV_PREP_RESET] = "KVM_PV_PREP_RESET",
        [KVM_PV_UNSHARE_ALL] = "KVM_PV_UNSHARE_ALL",
        [KVM_PV_INFO] = "KVM_PV_INFO",
        [KVM_PV_DUMP] = "KVM_PV_DUMP",
    };
    return cmd < G_N_ELEMENTS(names) && names[cmd] ? names[cmd] : "KVM_PV_?";
}

/*
 * KVM_S390_PV_CPU_COMMAND on @cs, or KVM_S390_PV_COMMAND on the VM when
 * @cs is NULL.  Every PV call of the machine passes here, and so does the
 * test-only fault hook (a no-op unless built with fault injection).
 */
static int pv_ioctl(CPUState *cs, struct kvm_pv_cmd *pv)
{
    int fault = fault_inject_check(FAULT_PV_IOCTL);

    if (fault) {
        return fault;
    }
    return cs ? kvm_vcpu_ioctl(cs, KVM_S390_PV_CPU_COMMAND, pv)
              : kvm_vm_ioctl(kvm_state, KVM_S390_PV_COMMAND, pv);
}

/* One KVM_S390_PV_COMMAND, retried on -EINTR as QEMU does. */
static int pv_cmd(uint32_t cmd, void *data, S390PVResponse *resp)
{
    struct kvm_pv_cmd pv = { .cmd = cmd, .data = (uintptr_t)data };
    int r;

    do {
        r = pv_ioctl(NULL, &pv);
    } while (r == -EINTR);
    if (resp) {
        resp->cmd = cmd;
        resp->rc = pv.rc;
        resp->rrc = pv.rrc;
    }
    return r;
}

static bool pv_cmd_checked(uint32_t cmd, void *data, S390PVResponse *resp,
                           GError **errp)
{
    S390PVResponse local;
    int r = pv_cmd(cmd, data, resp ? resp : &local);

    if (r < 0) {
        S390PVResponse *res = resp ? resp : &local;
        error_setg(errp, "%s failed: %s (UV rc 0x%x rrc 0x%x)%s", pv_cmd_name(cmd),
                   g_strerror(-r), res->rc, res->rrc,
                   res->rc == PV_RC_HDR_KEY ?
                   "; the image was not encrypted for this host's key" : "");
        return false;
    }
    return true;
}

static void pv_cmd_or_exit(uint32_t cmd)
{
    GError *err = NULL;

    if (!pv_cmd_checked(cmd, NULL, NULL, &err)) {
        error_report_err(err);
        exit(1);
    }
}

bool s390_pv_vm_enable(GError **errp)
{
    memset(&pv_info, 0, sizeof(pv_info));
    return pv_cmd_checked(KVM_PV_ENABLE, NULL, NULL, errp);
}

void s390_pv_vm_disable(void)
{
    pv_cmd_or_exit(KVM_PV_DISABLE);
}

static bool query_info(uint32_t id, uint32_t len, struct kvm_s390_pv_info *info,
                       GError **errp)
{
    memset(info, 0, sizeof(*info));
    info->header.id = id;
    info->header.len_max = len;
    return pv_cmd_checked(KVM_PV_INFO, info, NULL, errp);
}

bool s390_pv_query_info(GError **errp)
{
    struct kvm_s390_pv_info info;

    if (!kvm_s390_get_protected_dump()) {
        return true;    /* not vital: only dumps need it */
    }
    if (!query_info(KVM_PV_INFO_VM, 16 + sizeof(info.vm), &info, errp) ||
        !query_info(KVM_PV_INFO_DUMP, 16 + sizeof(info.dump), &info, errp)) {
        return false;
    }
    pv_info.have_dump_info = true;
    pv_info.dump_cpu_buffer_len = info.dump.dump_cpu_buffer_len;
    pv_info.dump_mem_buffer_per_1m = info.dump.dump_config_mem_buffer_per_1m;
    pv_info.dump_finalize_len = info.dump.dump_config_finalize_len;
    return true;
}

const S390PVInfo *s390_pv_info(void)
{
    return &pv_info;
}

bool s390_pv_query_dump_info(S390PVInfo *out, GError **errp)
{
    struct kvm_s390_pv_info info;

    if (!query_info(KVM_PV_INFO_DUMP, 16 + sizeof(info.dump), &info, errp)) {
        return false;
    }
    out->have_dump_info = true;
    out->dump_cpu_buffer_len = info.dump.dump_cpu_buffer_len;
    out->dump_mem_buffer_per_1m = info.dump.dump_config_mem_buffer_per_1m;
    out->dump_finalize_len = info.dump.dump_config_finalize_len;
    return true;
}

bool s390_pv_set_sec_parms(const void *hdr, uint64_t length,
                           S390PVResponse *resp, GError **errp)
{
    struct kvm_s390_pv_sec_parm parm = {
        .origin = (uintptr_t)hdr,
        .length = length,
    };
    return pv_cmd_checked(KVM_PV_SET_SEC_PARMS, &parm, resp, errp);
}

bool s390_pv_unpack(uint64_t addr, uint64_t size, uint64_t tweak,
                    S390PVResponse *resp, GError **errp)
{
    struct kvm_s390_pv_unp unp = { .addr = addr, .size = size, .tweak = tweak };

    if (!pv_cmd_checked(KVM_PV_UNPACK, &unp, resp, errp)) {
        error_prepend(errp, "unpacking the component at 0x%" PRIx64 ": ", addr);
        return false;
    }
    return true;
}

bool s390_pv_verify(S390PVResponse *resp, GError **errp)
{
    return pv_cmd_checked(KVM_PV_VERIFY, NULL, resp, errp);
}

void s390_pv_prep_reset(void)
{
    pv_cmd_or_exit(KVM_PV_PREP_RESET);
}

void s390_pv_unshare(void)
{
    pv_cmd_or_exit(KVM_PV_UNSHARE_ALL);
}

/* ------------------------------------------------------------ dump */

static const char *pv_dump_subcmd_name(uint64_t subcmd)
{
    static const char *const names[] = {
        [KVM_PV_DUMP_INIT] = "DUMP_INIT",
        [KVM_PV_DUMP_CONFIG_STOR_STATE] = "DUMP_CONFIG_STOR_STATE",
        [KVM_PV_DUMP_COMPLETE] = "DUMP_COMPLETE",
        [KVM_PV_DUMP_CPU] = "DUMP_CPU",
    };
    return subcmd < G_N_ELEMENTS(names) ? names[subcmd] : "DUMP_?";
}

static void dump_error(GError **errp, const struct kvm_s390_pv_dmp *dmp, int r,
                       const struct kvm_pv_cmd *pv)
{
    error_setg(errp, "KVM_PV_DUMP %s failed: %s (UV rc 0x%x rrc 0x%x)",
               pv_dump_subcmd_name(dmp->subcmd), g_strerror(-r), pv->rc, pv->rrc);
}

/*
 * One KVM_PV_DUMP sub-command on the VM (or on @cs for DUMP_CPU), retried
 * on -EINTR; returns 0 or the -errno, with the UV's rc/rrc in *@pv.
 */
static int pv_dump_ioctl(CPUState *cs, struct kvm_s390_pv_dmp *dmp,
                         struct kvm_pv_cmd *pv)
{
    int r;

    *pv = (struct kvm_pv_cmd) { .cmd = KVM_PV_DUMP, .data = (uintptr_t)dmp };
    do {
        r = pv_ioctl(cs, pv);
    } while (r == -EINTR);
    return r;
}

static bool pv_dump_cmd(CPUState *cs, struct kvm_s390_pv_dmp *dmp,
                        S390PVResponse *resp, GError **errp)
{
    struct kvm_pv_cmd pv;
    int r = pv_dump_ioctl(cs, dmp, &pv);

    if (resp) {
        *resp = (S390PVResponse) { .cmd = KVM_PV_DUMP, .rc = pv.rc, .rrc = pv.rrc };
    }
    if (r < 0) {
        dump_error(errp, dmp, r, &pv);
        return false;
    }
    return true;
}

bool s390_pv_dump_supported(void)
{
    return kvm_state && kvm_s390_get_protected_dump() && pv_info.have_dump_info;
}

bool s390_pv_dump_init(S390PVResponse *resp, GError **errp)
{
    struct kvm_s390_pv_dmp dmp = { .subcmd = KVM_PV_DUMP_INIT };

    return pv_dump_cmd(NULL, &dmp, resp, errp);
}

bool s390_pv_dump_cpu(CPUState *cs, void *buf, uint64_t len, GError **errp)
{
    struct kvm_s390_pv_dmp dmp = {
        .subcmd = KVM_PV_DUMP_CPU, .buff_addr = (uintptr_t)buf, .buff_len = len,
    };

    return pv_dump_cmd(cs, &dmp, NULL, errp);
}

bool s390_pv_dump_stor_state(uint64_t gaddr, void *buf, uint64_t len,
                             GError **errp)
{
    /* gaddr comes back unchanged (docs/kvm-pv-interface.md): keep count. */
    struct kvm_s390_pv_dmp dmp = {
        .subcmd = KVM_PV_DUMP_CONFIG_STOR_STATE, .buff_addr = (uintptr_t)buf,
        .buff_len = len, .gaddr = gaddr,
    };

    return pv_dump_cmd(NULL, &dmp, NULL, errp);
}

int s390_pv_dump_complete(void *buf, uint64_t len, S390PVResponse *resp,
                          GError **errp)
{
    struct kvm_s390_pv_dmp dmp = {
        .subcmd = KVM_PV_DUMP_COMPLETE, .buff_addr = (uintptr_t)buf, .buff_len = len,
    };
    struct kvm_pv_cmd pv;
    int r = pv_dump_ioctl(NULL, &dmp, &pv);

    *resp = (S390PVResponse) { .cmd = KVM_PV_DUMP, .rc = pv.rc, .rrc = pv.rrc };
    if (r < 0) {
        dump_error(errp, &dmp, r, &pv);
    }
    return r;
}
