/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uv-cpu.c - the secure CPU: "operating with load" and stage3b.
 *
 * KVM_SET_MP_STATE(LOAD) on a secure CPU makes the UV load the PSW from
 * the SE header (docs/pv-boot.md, subcode 10 step 8).  That PSW points at
 * stage3b, which runs inside the secure guest: uvsim has no instruction
 * interpreter, so when a secure CPU starts at a pvdump stage3b stub the
 * model does what stage3b's code does, through guest (secure) accesses:
 * move kernel and command line to their places, record the initrd in the
 * parameter area and load the kernel PSW (docs/se-image.md).
 */
#include "qemu/osdep.h"
#include "util/be-access.h"
#include "uvsim-internal.h"

int uv_cpu_load_psw(UvsimVcpu *v)
{
    UvState *uv = &v->vm->uv;
    int r = -EINVAL;

    g_mutex_lock(&uv->lock);
    /* CPU_SET_STATE "operating with load" needs a verified image. */
    if (v->secure && uv->verified) {
        v->arch.psw_mask = uv->sec.psw_mask;
        v->arch.psw_addr = uv->sec.psw_addr;
        v->entered_image = true;
        r = 0;
    }
    g_mutex_unlock(&uv->lock);
    return r;
}

typedef struct MemBlob {
    uint64_t src, size;
} MemBlob;

static bool blob_ok(const UvsimVM *vm, const MemBlob *b)
{
    return b->src <= vm->mem_size && b->size <= vm->mem_size - b->src;
}

static void move_blob(UvsimVM *vm, const MemBlob *b, uint64_t dst)
{
    g_autofree uint8_t *buf = g_malloc(MAX(b->size, 1));

    uv_guest_read(vm, b->src, buf, b->size);
    uv_guest_write(vm, dst, buf, b->size);
    pv_crypto_wipe(buf, b->size);
}

static void place_components(UvsimVM *vm, const MemBlob *kernel,
                             const MemBlob *cmdline, const MemBlob *initrd)
{
    uint8_t parm[16];
    char zero = 0;

    move_blob(vm, kernel, SE_KERNEL_ADDR);
    move_blob(vm, cmdline, SE_CMDLINE_ADDR);
    uv_guest_write(vm, SE_CMDLINE_ADDR + SE_CMDLINE_MAX - 1, &zero, 1);
    if (initrd->size) {
        be64_store(parm, initrd->src);
        be64_store(parm + 8, initrd->size);
        uv_guest_write(vm, SE_INITRD_PARM_ADDR, parm, sizeof(parm));
    }
}

void uv_stage3b_run(UvsimVcpu *v)
{
    UvsimVM *vm = v->vm;
    uint64_t addr = v->arch.psw_addr;
    char magic[sizeof(SE_STAGE3B_MAGIC)];
    uint8_t args[SE_STAGE3B_ARGS_SIZE];
    MemBlob blob[3];

    v->entered_image = false;
    if (!QEMU_IS_ALIGNED(addr, SE_PAGE_SIZE) || addr > vm->mem_size - SE_STAGE3B_SIZE) {
        return;
    }
    uv_guest_read(vm, addr, magic, sizeof(magic));
    if (memcmp(magic, SE_STAGE3B_MAGIC, sizeof(magic))) {
        return;             /* not pvdump's stage3b: the guest runs on */
    }
    uv_guest_read(vm, addr + SE_STAGE3B_ARGS_OFF, args, sizeof(args));
    for (int i = 0; i < 3; i++) {
        blob[i].src = be64_load(args + 16 * i);
        blob[i].size = be64_load(args + 16 * i + 8);
        if (!blob_ok(vm, &blob[i])) {
            /* stage3b would take a program check; the CPU stops. */
            __atomic_store_n(&v->mp_state, KVM_MP_STATE_CHECK_STOP, __ATOMIC_RELEASE);
            return;
        }
    }
    blob[1].size = MIN(blob[1].size, SE_CMDLINE_MAX);
    place_components(vm, &blob[0], &blob[1], &blob[2]);
    v->arch.psw_mask = be64_load(args + 48);
    v->arch.psw_addr = be64_load(args + 56);
}
