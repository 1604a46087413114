/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uv-pv.c - KVM_S390_PV_COMMAND on the VM: entry checks, validity by
 * state, write-back, and the configuration's life (ENABLE ... DISABLE).
 *
 * Rules and their order follow docs/kvm-pv-interface.md: the
 * whole 32-byte kvm_pv_cmd is written back after every dispatched
 * sub-command, rc/rrc come back untouched when no UVC ran, and the UV's
 * values otherwise.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "uvsim-internal.h"

static void set_uv_rc(struct kvm_pv_cmd *cmd, uint16_t rc, uint16_t rrc)
{
    cmd->rc = rc;
    cmd->rrc = rrc;
}

/* Creates or destroys the secure CPUs; ENABLE and DISABLE take every vcpu->mutex. */
static void set_secure_cpus(UvsimVM *vm, bool secure)
{
    for (int i = 0; i < UVSIM_MAX_VCPUS; i++) {
        UvsimVcpu *v = vm->vcpus[i];
        if (v) {
            g_mutex_lock(&v->lock);
            v->secure = secure;
            v->entered_image = false;
            g_mutex_unlock(&v->lock);
        }
    }
}

static int pv_enable(UvsimVM *vm, struct kvm_pv_cmd *cmd)
{
    UvState *uv = &vm->uv;
    GError *err = NULL;

    if (uv->protected) {
        return -EINVAL;
    }
    if (!vm->mem_host || !uv_storage_init(vm, &err)) {
        g_clear_error(&err);
        return -ENOMEM;     /* donated storage could not be set up */
    }
    uv->handle = 0x10000 | (uint64_t)g_random_int_range(1, 0xffff) << 32;
    uv->protected = true;
    set_uv_rc(cmd, UV_RC_OK, 0);        /* CREATE_SEC_CONF */
    set_secure_cpus(vm, true);
    return 0;
}

/* Destroys the configuration: secure CPUs, secure storage, image secrets. */
static void destroy_config(UvsimVM *vm)
{
    UvState *uv = &vm->uv;

    set_secure_cpus(vm, false);
    uv_storage_destroy(vm);
    g_mutex_lock(&uv->lock);
    g_clear_pointer(&uv->digests, se_digests_free);
    g_clear_pointer(&uv->unpack_xts, pv_xts_free);
    pv_crypto_wipe(&uv->sec, sizeof(uv->sec));
    /* The dump context dies with the configuration; vm->dumping stays (D9). */
    uv_dump_destroy(uv);
    memset(&uv->hdr, 0, sizeof(uv->hdr));
    uv->parms_set = uv->verified = uv->protected = false;
    uv->handle = 0;
    g_mutex_unlock(&uv->lock);
}

static int pv_set_sec_parms(UvsimVM *vm, struct kvm_pv_cmd *cmd)
{
    const struct kvm_s390_pv_sec_parm *parm = (void *)(uintptr_t)cmd->data;
    g_autofree uint8_t *hdr = NULL;
    uint64_t len;
    bool ok;

    if (!vm->uv.protected) {
        return -EINVAL;
    }
    if (!parm) {
        return -EFAULT;
    }
    len = parm->length;
    if (len > SE_HDR_MAX_SIZE) {
        return -EINVAL;
    }
    if (len == 0) {
        return -ENOMEM;     /* vmalloc(0) */
    }
    if (!parm->origin) {
        return -EFAULT;
    }
    hdr = g_memdup2((const void *)(uintptr_t)parm->origin, len);
    ok = uv_set_sec_parms(vm, hdr, len, &cmd->rc, &cmd->rrc);
    return ok ? 0 : -EINVAL;
}

static int pv_unpack(UvsimVM *vm, struct kvm_pv_cmd *cmd)
{
    const struct kvm_s390_pv_unp *unp = (void *)(uintptr_t)cmd->data;
    uint64_t addr, size;

    if (!vm->uv.protected) {
        return -EINVAL;
    }
    if (!unp) {
        return -EFAULT;
    }
    addr = unp->addr;
    size = unp->size;
    if (!QEMU_IS_ALIGNED(addr, SE_PAGE_SIZE) || !size ||
        !QEMU_IS_ALIGNED(size, SE_PAGE_SIZE)) {
        return -EINVAL;
    }
    for (uint64_t off = 0; off < size; off += SE_PAGE_SIZE) {
        if (addr + off < addr || addr + off >= vm->mem_size) {
            /* No memslot backs the page: no UVC runs (rc/rrc of an empty UVCB). */
            set_uv_rc(cmd, 0, 0);
            return -EFAULT;
        }
        if (!uv_unpack_page(vm, addr + off, unp->tweak, off, &cmd->rc, &cmd->rrc)) {
            return -EINVAL;
        }
    }
    return 0;
}

/* The no-argument UVCs that only need a configuration. */
static int pv_simple(UvsimVM *vm, struct kvm_pv_cmd *cmd)
{
    if (!vm->uv.protected) {
        return -EINVAL;
    }
    switch (cmd->cmd) {
    case KVM_PV_DISABLE:
        destroy_config(vm);
        set_uv_rc(cmd, UV_RC_OK, 0);
        return 0;
    case KVM_PV_VERIFY:
        return uv_verify(vm, &cmd->rc, &cmd->rrc) ? 0 : -EINVAL;
    case KVM_PV_PREP_RESET:
        set_uv_rc(cmd, UV_RC_OK, 0);
        return 0;
    case KVM_PV_UNSHARE_ALL:
        uv_storage_unshare_all(vm);
        set_uv_rc(cmd, UV_RC_OK, 0);
        return 0;
    default:
        g_assert_not_reached();
    }
}

static int pv_dispatch(UvsimVM *vm, struct kvm_pv_cmd *cmd)
{
    switch (cmd->cmd) {
    case KVM_PV_ENABLE:
        return pv_enable(vm, cmd);
    case KVM_PV_SET_SEC_PARMS:
        return pv_set_sec_parms(vm, cmd);
    case KVM_PV_UNPACK:
        return pv_unpack(vm, cmd);
    case KVM_PV_DISABLE:
    case KVM_PV_VERIFY:
    case KVM_PV_PREP_RESET:
    case KVM_PV_UNSHARE_ALL:
        return pv_simple(vm, cmd);
    case KVM_PV_INFO:
        return uv_info(vm, (void *)(uintptr_t)cmd->data);
    case KVM_PV_DUMP:
        return uv_dump_vm_command(vm, cmd);
    case KVM_PV_ASYNC_CLEANUP_PREPARE:
    case KVM_PV_ASYNC_CLEANUP_PERFORM:
        return -EINVAL;     /* async_destroy is off in the model */
    default:
        return -ENOTTY;
    }
}

int uvsim_pv_command(UvsimVM *vm, struct kvm_pv_cmd *user)
{
    struct kvm_pv_cmd cmd;
    int r;

    /* VM ioctl step 1: switched before anything can fail. */
    vm->user_cpu_state_ctrl = true;
    if (!user) {
        return -EFAULT;
    }
    cmd = *user;
    if (cmd.flags) {
        return -EINVAL;
    }
    r = pv_dispatch(vm, &cmd);
    /* VM ioctl step 6: always the whole structure, even on error. */
    *user = cmd;
    return r;
}

void uvsim_pv_destroy(UvsimVM *vm)
{
    if (vm->uv.protected) {
        destroy_config(vm);
    }
}
