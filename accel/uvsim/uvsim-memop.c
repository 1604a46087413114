/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uvsim-memop.c - the vCPU ioctl KVM_S390_MEM_OP: user space reads or
 * writes guest storage at a logical address as the vCPU would address it
 * (kvm-s390.c kvm_s390_vcpu_mem_op, kvm-s390-intercepts.md section 7).
 *
 * The interpreter translates (uvcpu_access_logical_key): DAT with the
 * vCPU's PSW and control registers, prefixing, low-address, DAT and
 * key-controlled protection.  An access exception is returned as its
 * program-interruption code (> 0) and, with INJECT_EXCEPTION, made
 * pending on the vCPU as the kernel's kvm_s390_inject_prog_irq() does.
 */
#include "qemu/osdep.h"
#include "uvsim-internal.h"
#include "cpu/cpu.h"

#define MEMOP_MAX_SIZE   65536      /* the kernel's MEM_OP_MAX_SIZE */
#define MEMOP_NUM_ACRS   16
#define MEMOP_LOGICAL_FLAGS (KVM_S390_MEMOP_F_CHECK_ONLY | \
                             KVM_S390_MEMOP_F_INJECT_EXCEPTION | \
                             KVM_S390_MEMOP_F_SKEY_PROTECTION)

/*
 * The kernel's mem_op_validate_common() plus the vCPU checks, in its
 * order; on success *@key is the access key (0 without SKEY_PROTECTION).
 */
static int validate_logical(const UvsimVcpu *v,
                            const struct kvm_s390_mem_op *mop, unsigned *key)
{
    if ((mop->flags & ~MEMOP_LOGICAL_FLAGS) || !mop->size) {
        return -EINVAL;
    }
    if (mop->size > MEMOP_MAX_SIZE) {
        return -E2BIG;
    }
    *key = 0;
    if (mop->flags & KVM_S390_MEMOP_F_SKEY_PROTECTION) {
        if (mop->key > 0xf) {
            return -EINVAL;
        }
        *key = mop->key;
    }
    if (mop->ar >= MEMOP_NUM_ACRS || v->secure || !v->cpu) {
        return -EINVAL;     /* a PV vCPU's storage is the UV's */
    }
    return 0;
}

/* Makes access exception @code pending, as kvm_s390_inject_prog_irq(). */
static void inject_access_exception(UvsimVcpu *v, uint16_t code,
                                    uint64_t teid, uint8_t ar)
{
    struct kvm_s390_irq irq = {
        .type = KVM_S390_PROGRAM_INT,
        .u.pgm.code = code,
        .u.pgm.trans_exc_code = teid,
        .u.pgm.exc_access_id = ar,
    };

    uvsim_vcpu_inject_irq(v, &irq);
}

static int logical_op(UvsimVcpu *v, const struct kvm_s390_mem_op *mop)
{
    bool write = mop->op == KVM_S390_MEMOP_LOGICAL_WRITE;
    bool check = mop->flags & KVM_S390_MEMOP_F_CHECK_ONLY;
    void *user = (void *)(uintptr_t)mop->buf;
    g_autofree uint8_t *tmp = NULL;
    uint64_t teid;
    unsigned key;
    uint16_t pgm;
    int r = validate_logical(v, mop, &key);

    if (r < 0) {
        return r;
    }
    if (!check && !user) {
        return -EFAULT;     /* copy_{from,to}_user of the buffer */
    }
    if (!check) {
        tmp = g_malloc(mop->size);
        if (write) {
            memcpy(tmp, user, mop->size);
        }
    }
    /* Between runs the vCPU's state is v->arch (registers set by ioctls). */
    *uvcpu_regs(v->cpu) = v->arch;
    pgm = uvcpu_access_logical_key(v->cpu, mop->gaddr, tmp, mop->size,
                                   write, key, &teid);
    if (pgm) {
        if (mop->flags & KVM_S390_MEMOP_F_INJECT_EXCEPTION) {
            inject_access_exception(v, pgm, teid, mop->ar);
        }
        return pgm;
    }
    if (!check && !write) {
        memcpy(user, tmp, mop->size);
    }
    return 0;
}

int uvsim_vcpu_mem_op(UvsimVcpu *v, const struct kvm_s390_mem_op *mop)
{
    switch (mop->op) {
    case KVM_S390_MEMOP_LOGICAL_READ:
    case KVM_S390_MEMOP_LOGICAL_WRITE:
        return logical_op(v, mop);
    case KVM_S390_MEMOP_SIDA_READ:
    case KVM_S390_MEMOP_SIDA_WRITE:
        /*
         * PV only; uvsim's secure CPUs run a played workload whose
         * intercepts carry no operand, so no SIDA exists to access.
         */
        return -EINVAL;
    default:
        return -EINVAL;
    }
}
