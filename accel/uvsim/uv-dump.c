/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uv-dump.c - the dump calls of a protected configuration: KVM_PV_DUMP on
 * the VM (INIT, CONFIG_STOR_STATE, COMPLETE) and KVM_PV_DUMP_CPU on a
 * vCPU, with the kernel's checks in their order, its errno values and its
 * write-back (docs/kvm-pv-interface.md), and the Ultravisor's
 * output in the v1 formats of docs/pv-dump-format.md.
 *
 * DUMP_INIT derives the dump key from the CCK of the SE header and a fresh
 * 64-byte seed; the CPU dumps and the completion data are sealed with it
 * (AES-256-GCM, one IV per sealing).  The completion data give the owner
 * the seed, the export nonce and the configuration's XTS export key, which
 * is all it takes to decrypt the exported pages of the dump (uv-storage.c,
 * docs/decisions.md D10).  Exporting itself does not depend on a dump.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "util/be-access.h"
#include "util/pv-dump-format.h"
#include "uvsim-internal.h"

/* The kernel's bounce buffer for CONFIG_STOR_STATE (flushed in 1 MiB steps). */
#define STOR_STATE_BOUNCE_MAX (1 * MiB)
/* Storage-state bytes the UV writes per 1 MiB: one component per page. */
#define STOR_STATE_PER_1M ((MiB / SE_PAGE_SIZE) * PV_STOR_STATE_SIZE)

/* Largest buffer size the model accepts (zgetdump itself stops at 4096). */
#define DUMP_BUF_LIMIT (64 * KiB)

static bool size_opt(uint64_t *out, uint64_t value, uint64_t def, uint64_t min,
                     uint64_t max, const char *name, GError **errp)
{
    *out = value ? value : def;
    if (*out < min || *out > max) {
        error_setg(errp, "-accel tcg,%s=%" PRIu64 ": must be between %" PRIu64
                   " and %" PRIu64, name, value, min, max);
        return false;
    }
    return true;
}

bool uv_dump_set_sizes(UvState *uv, const AccelConfig *cfg, GError **errp)
{
    AccelConfig none = { 0 };

    cfg = cfg ? cfg : &none;
    return size_opt(&uv->dump_cpu_len, cfg->pv_dump_cpu_len, UV_DUMP_CPU_BUFFER_LEN,
                    PV_CPU_DUMP_V1_SIZE, DUMP_BUF_LIMIT, "pv-dump-cpu-len", errp) &&
           size_opt(&uv->dump_mem_per_1m, cfg->pv_dump_mem_per_1m, UV_DUMP_MEM_PER_1M,
                    STOR_STATE_PER_1M, MiB, "pv-dump-mem-per-1m", errp) &&
           size_opt(&uv->dump_finalize_len, cfg->pv_dump_finalize_len,
                    UV_DUMP_FINALIZE_LEN, PV_COMPL_V1_SIZE, DUMP_BUF_LIMIT,
                    "pv-dump-finalize-len", errp);
}

void uv_dump_destroy(UvState *uv)
{
    pv_crypto_wipe(&uv->dump, sizeof(uv->dump));
}

bool uv_dump_sie_blocked(UvsimVM *vm)
{
    return __atomic_load_n(&vm->sie_blocked, __ATOMIC_ACQUIRE);
}

/* The kernel reads the flag without kvm->lock (DUMP_CPU, KVM_RUN). */
static bool vm_dumping(UvsimVM *vm)
{
    return __atomic_load_n(&vm->dumping, __ATOMIC_ACQUIRE);
}

/* Blocks or unblocks SIE entry; blocking waits until every vCPU has left SIE. */
static void block_sie(UvsimVM *vm, bool block)
{
    __atomic_store_n(&vm->sie_blocked, block, __ATOMIC_RELEASE);
    for (int i = 0; block && i < UVSIM_MAX_VCPUS; i++) {
        if (vm->vcpus[i]) {
            g_mutex_lock(&vm->vcpus[i]->sie_lock);
            g_mutex_unlock(&vm->vcpus[i]->sie_lock);
        }
    }
}

/* A GCM IV never used before under the dump key; uv->lock held. */
static void next_iv(UvDump *d, uint8_t iv[PV_GCM_IV_SIZE])
{
    memcpy(iv, d->iv, 8);
    be32_store(iv + 8, ++d->iv_count);
}

/* ---------------------------------------------------------- UV calls */

/* UVC DUMP_INIT: a new seed and IV base, and the key derived from the CCK. */
static bool uvc_dump_init(UvsimVM *vm, uint16_t *rc, uint16_t *rrc)
{
    UvState *uv = &vm->uv;
    UvDump *d = &uv->dump;
    bool ok = false;

    *rc = UV_RC_INV_STATE;
    *rrc = 0;
    g_mutex_lock(&uv->lock);
    if (!uv->verified || d->active) {
        /* no image runs in the configuration (or a dump context exists) */
    } else if (!(uv->hdr.pcf & SE_PCF_DUMP_ALLOWED)) {
        *rc = UV_RC_DUMP_DENIED;
        *rrc = UV_RRC_DUMP_DENIED;
    } else if (pv_random_bytes(d->seed, sizeof(d->seed), NULL) &&
               pv_random_bytes(d->iv, 8, NULL) &&
               pv_dump_derive_key(uv->sec.cck, d->seed, d->key, NULL)) {
        d->iv_count = 0;
        d->active = ok = true;
        *rc = UV_RC_OK;
    } else {
        uv_dump_destroy(uv);        /* no entropy: nothing half-made stays */
    }
    g_mutex_unlock(&uv->lock);
    return ok;
}

/* UVC DUMP_CONF_STOR_STATE of the 1 MiB block at @gaddr into @out. */
static bool uvc_stor_state(UvsimVM *vm, uint64_t gaddr, uint8_t *out,
                           uint16_t *rc, uint16_t *rrc)
{
    UvState *uv = &vm->uv;
    uint64_t per_1m = uv->dump_mem_per_1m;

    *rrc = 0;
    g_mutex_lock(&uv->lock);
    if (!uv->dump.active) {
        *rc = UV_RC_INV_STATE;
    } else if (gaddr >= vm->mem_size || MiB > vm->mem_size - gaddr) {
        *rc = UV_RC_INV_ADDR;
    } else {
        uint8_t comps[STOR_STATE_PER_1M];

        uv_storage_dump_state_locked(vm, gaddr, comps);
        memcpy(out, comps, MIN(per_1m, sizeof(comps)));
        if (per_1m > sizeof(comps)) {
            memset(out + sizeof(comps), 0, per_1m - sizeof(comps));
        }
        *rc = UV_RC_OK;
    }
    g_mutex_unlock(&uv->lock);
    return *rc == UV_RC_OK;
}

/* The architected state of @v as the v1 CPU dump holds it. */
static void cpu_state(const UvsimVcpu *v, PvCpuDump *c)
{
    const S390Regs *a = &v->arch;

    memset(c, 0, sizeof(*c));
    c->version = PV_DUMP_VERSION;
    c->len = PV_CPU_DUMP_V1_SIZE;
    memcpy(c->gprs, a->regs, sizeof(c->gprs));
    c->psw_mask = a->psw_mask;
    c->psw_addr = a->psw_addr;
    c->prefix = a->prefix;
    c->fpc = a->fpc;
    c->todpreg = a->todpr;
    c->timer = a->cputm;
    c->todcmp = a->ckc;
    memcpy(c->acrs, a->aregs, sizeof(c->acrs));
    memcpy(c->ctrs, a->cregs, sizeof(c->ctrs));
    memcpy(c->vrs, a->vregs, sizeof(c->vrs));
    c->gsd = a->gscb[1];
    c->gssm = a->gscb[2];
    c->gs_epl_a = a->gscb[3];
    c->dump_flags = uvsim_workload_in_intercept(v) ? PV_CPU_DUMP_FLAG_OSII : 0;
}

/* UVC DUMP_CPU: @v's state sealed under the dump key into @out. */
static bool uvc_dump_cpu(UvsimVcpu *v, uint8_t *out, uint16_t *rc, uint16_t *rrc)
{
    UvState *uv = &v->vm->uv;
    PvCpuDump c;

    *rrc = 0;
    *rc = UV_RC_INV_STATE;
    g_mutex_lock(&uv->lock);
    if (!v->secure) {
        *rc = UV_RC_INV_CPU_HANDLE;
    } else if (uv->dump.active) {
        cpu_state(v, &c);
        next_iv(&uv->dump, c.iv);
        if (pv_cpu_dump_seal(&c, uv->dump.key, out, NULL)) {
            *rc = UV_RC_OK;
        }
        pv_crypto_wipe(&c, sizeof(c));
    }
    g_mutex_unlock(&uv->lock);
    return *rc == UV_RC_OK;
}

/* UVC DUMP_COMPLETE: the completion data into @out; the dump context ends. */
static bool uvc_dump_complete(UvsimVM *vm, uint8_t *out, uint16_t *rc, uint16_t *rrc)
{
    UvState *uv = &vm->uv;
    PvComplData c = { .version = PV_DUMP_VERSION, .len = PV_COMPL_V1_SIZE };

    *rrc = 0;
    *rc = UV_RC_INV_STATE;
    g_mutex_lock(&uv->lock);
    if (uv->dump.active) {
        memcpy(c.seed, uv->dump.seed, sizeof(c.seed));
        next_iv(&uv->dump, c.iv);
        memcpy(c.nonce, uv->export_nonce, sizeof(c.nonce));
        memcpy(c.xts_key, uv->export_key, sizeof(c.xts_key));
        if (pv_compl_seal(&c, uv->sec.cck, out, NULL)) {
            uv_dump_destroy(uv);
            *rc = UV_RC_OK;
        }
        pv_crypto_wipe(&c, sizeof(c));
    }
    g_mutex_unlock(&uv->lock);
    return *rc == UV_RC_OK;
}

/* ------------------------------------------------------ KVM_PV_DUMP */

static int dump_init(UvsimVM *vm, struct kvm_pv_cmd *cmd)
{
    if (vm_dumping(vm)) {
        return -EINVAL;
    }
    /* The vCPUs leave SIE before the UV is asked. */
    block_sie(vm, true);
    if (!uvc_dump_init(vm, &cmd->rc, &cmd->rrc)) {
        block_sie(vm, false);
        return -EINVAL;
    }
    __atomic_store_n(&vm->dumping, true, __ATOMIC_RELEASE);
    return 0;
}

/*
 * CONFIG_STOR_STATE.  @dmp is taken by value as in the kernel: the gaddr
 * it advances never reaches the caller (the "gaddr quirk").  Output goes
 * through a bounce buffer flushed whenever it is full or the caller's
 * buffer is complete, so an error can leave partial output behind.
 */
static int dump_stor_state(UvsimVM *vm, struct kvm_pv_cmd *cmd,
                           struct kvm_s390_pv_dmp dmp)
{
    uint64_t per_1m = vm->uv.dump_mem_per_1m;
    uint8_t *user = (void *)(uintptr_t)dmp.buff_addr;
    g_autofree uint8_t *bounce = NULL;
    uint64_t bounce_len, fill = 0, done = 0;

    if (!vm_dumping(vm)) {
        return -EINVAL;
    }
    if (!QEMU_IS_ALIGNED(dmp.gaddr, MiB) || !dmp.buff_len || dmp.buff_len % per_1m) {
        cmd->rc = cmd->rrc = 0;
        return -EINVAL;
    }
    bounce_len = MAX(MIN(dmp.buff_len, STOR_STATE_BOUNCE_MAX), per_1m);
    bounce = g_malloc(bounce_len);
    while (done < dmp.buff_len) {
        if (!uvc_stor_state(vm, dmp.gaddr, bounce + fill, &cmd->rc, &cmd->rrc)) {
            return -EINVAL;         /* unflushed output is lost */
        }
        dmp.gaddr += MiB;
        fill += per_1m;
        done += per_1m;
        if (fill + per_1m > bounce_len || done == dmp.buff_len) {
            if (!user) {
                return -EFAULT;
            }
            memcpy(user + done - fill, bounce, fill);
            fill = 0;
        }
    }
    return 0;
}

static int dump_complete(UvsimVM *vm, struct kvm_pv_cmd *cmd,
                         const struct kvm_s390_pv_dmp *dmp)
{
    uint64_t len = vm->uv.dump_finalize_len;
    g_autofree uint8_t *buf = NULL;

    if (!vm_dumping(vm)) {
        return -EINVAL;
    }
    if (dmp->buff_len < len) {
        return -EINVAL;
    }
    buf = g_malloc0(len);
    if (!uvc_dump_complete(vm, buf, &cmd->rc, &cmd->rrc)) {
        return -EINVAL;             /* still dumping, vCPUs still blocked */
    }
    __atomic_store_n(&vm->dumping, false, __ATOMIC_RELEASE);
    block_sie(vm, false);
    /* A failing copy loses the data, but the dump is over all the same. */
    if (!dmp->buff_addr) {
        return -EFAULT;
    }
    memcpy((void *)(uintptr_t)dmp->buff_addr, buf, len);
    return 0;
}

int uv_dump_vm_command(UvsimVM *vm, struct kvm_pv_cmd *cmd)
{
    struct kvm_s390_pv_dmp *user = (void *)(uintptr_t)cmd->data;
    struct kvm_s390_pv_dmp dmp;
    int r;

    if (!vm->uv.protected) {
        return -EINVAL;
    }
    if (!user) {
        return -EFAULT;
    }
    dmp = *user;
    switch (dmp.subcmd) {
    case KVM_PV_DUMP_INIT:
        r = dump_init(vm, cmd);
        break;
    case KVM_PV_DUMP_CONFIG_STOR_STATE:
        r = dump_stor_state(vm, cmd, dmp);
        break;
    case KVM_PV_DUMP_COMPLETE:
        r = dump_complete(vm, cmd, &dmp);
        break;
    default:
        return -ENOTTY;             /* KVM_PV_DUMP_CPU belongs on the vCPU */
    }
    if (r == 0) {
        *user = dmp;                /* the caller's own structure, unchanged */
    }
    return r;
}

/* ---------------------------------------------- KVM_PV_DUMP_CPU (vCPU) */

static int dump_cpu(UvsimVcpu *v, struct kvm_pv_cmd *cmd)
{
    const struct kvm_s390_pv_dmp *dmp = (void *)(uintptr_t)cmd->data;
    uint64_t len = v->vm->uv.dump_cpu_len;
    g_autofree uint8_t *buf = NULL;

    if (!vm_dumping(v->vm)) {
        return -EINVAL;
    }
    if (!dmp) {
        return -EFAULT;
    }
    if (dmp->subcmd != KVM_PV_DUMP_CPU || dmp->buff_len != len) {
        return -EINVAL;
    }
    buf = g_malloc0(len);
    if (!uvc_dump_cpu(v, buf, &cmd->rc, &cmd->rrc)) {
        return -EINVAL;
    }
    if (!dmp->buff_addr) {
        return -EFAULT;
    }
    memcpy((void *)(uintptr_t)dmp->buff_addr, buf, len);
    return 0;
}

int uv_dump_cpu_command(UvsimVcpu *v, struct kvm_pv_cmd *user)
{
    struct kvm_pv_cmd cmd;
    int r;

    /* DUMP_CPU step 1 (not a PV host) cannot happen: uvsim always is one. */
    if (!user) {
        return -EFAULT;
    }
    cmd = *user;
    if (cmd.flags || cmd.cmd != KVM_PV_DUMP) {
        return -EINVAL;
    }
    r = dump_cpu(v, &cmd);
    /* DUMP_CPU step 6: only rc and rrc go back, whatever happened. */
    user->rc = cmd.rc;
    user->rrc = cmd.rrc;
    return r;
}
