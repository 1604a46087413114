/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uvsim-irq.c - the VM's floating interrupts, as the kernel keeps them
 * (kvm->arch.float_int, interrupt.c): user space injects them with the VM
 * ioctl KVM_S390_INTERRUPT; the CPU takes them in priority order.
 *
 * Service signals are not queued but merged, as __inject_service() does:
 * the first SCCB address stays until delivery, event-pending bits
 * accumulate.  Other floating interrupts wait in arrival order.
 */
#include "qemu/osdep.h"
#include "uvsim-internal.h"

/* The parameter's parts (the kernel's SCCB_MASK and SCCB_EVENT_PENDING). */
#define SCCB_ADDR_MASK     0xfffffff8u
#define SCCB_EVENT_PENDING 0x3u

void uvsim_irq_init(UvsimFloatIrqs *fi)
{
    g_mutex_init(&fi->lock);
    g_queue_init(&fi->queue);
}

void uvsim_irq_clear(UvsimFloatIrqs *fi)
{
    g_mutex_lock(&fi->lock);
    g_queue_clear_full(&fi->queue, g_free);
    fi->service_pending = false;
    fi->service_params = 0;
    g_mutex_unlock(&fi->lock);
}

void uvsim_irq_destroy(UvsimFloatIrqs *fi)
{
    uvsim_irq_clear(fi);
    g_mutex_clear(&fi->lock);
}

static bool is_io(uint32_t type)
{
    return type <= KVM_S390_INT_IO_MAX;
}

int uvsim_irq_inject_floating(UvsimFloatIrqs *fi, const struct kvm_s390_irq *irq)
{
    if (irq->type != KVM_S390_INT_SERVICE && irq->type != KVM_S390_INT_VIRTIO &&
        irq->type != KVM_S390_INT_PFAULT_DONE && irq->type != KVM_S390_MCHK &&
        !is_io(irq->type)) {
        return -EINVAL;
    }
    g_mutex_lock(&fi->lock);
    if (irq->type == KVM_S390_INT_SERVICE) {
        fi->service_params |= irq->u.ext.ext_params & SCCB_EVENT_PENDING;
        if (!(fi->service_params & SCCB_ADDR_MASK)) {
            fi->service_params |= irq->u.ext.ext_params & SCCB_ADDR_MASK;
        }
        fi->service_pending = true;
    } else {
        g_queue_push_tail(&fi->queue, g_memdup2(irq, sizeof(*irq)));
    }
    g_mutex_unlock(&fi->lock);
    return 0;
}

/* Delivery priority (lower first), the order of the kernel's IRQ_PEND_*. */
static int irq_rank(uint32_t type)
{
    switch (type) {
    case KVM_S390_MCHK:
        return 0;
    case KVM_S390_INT_SERVICE:
        return 1;
    case KVM_S390_INT_PFAULT_DONE:
        return 2;
    case KVM_S390_INT_VIRTIO:
        return 3;
    default:
        return 4;               /* I/O */
    }
}

/* The next deliverable interrupt; NULL list link for the service signal. */
static bool irq_next(UvsimFloatIrqs *fi, UvsimIrqFilter ok, void *opaque,
                     struct kvm_s390_irq *out, GList **link)
{
    struct kvm_s390_irq srv = {
        .type = KVM_S390_INT_SERVICE,
        .u.ext.ext_params = fi->service_params,
    };
    bool found = fi->service_pending && (!ok || ok(&srv, opaque));

    *link = NULL;
    if (found) {
        *out = srv;
    }
    for (GList *l = fi->queue.head; l; l = l->next) {
        const struct kvm_s390_irq *irq = l->data;
        if ((!found || irq_rank(irq->type) < irq_rank(out->type)) &&
            (!ok || ok(irq, opaque))) {
            *out = *irq;
            *link = l;
            found = true;
        }
    }
    return found;
}

bool uvsim_irq_peek_floating(UvsimFloatIrqs *fi, UvsimIrqFilter ok,
                             void *opaque, struct kvm_s390_irq *out)
{
    GList *link;
    bool found;

    g_mutex_lock(&fi->lock);
    found = irq_next(fi, ok, opaque, out, &link);
    g_mutex_unlock(&fi->lock);
    return found;
}

bool uvsim_irq_dequeue_floating(UvsimFloatIrqs *fi, UvsimIrqFilter ok,
                                void *opaque, struct kvm_s390_irq *out)
{
    GList *link;
    bool found;

    g_mutex_lock(&fi->lock);
    found = irq_next(fi, ok, opaque, out, &link);
    if (found && link) {
        g_free(link->data);
        g_queue_delete_link(&fi->queue, link);
    } else if (found) {
        fi->service_pending = false;
        fi->service_params = 0;
    }
    g_mutex_unlock(&fi->lock);
    return found;
}

int uvsim_irq_vm_interrupt(UvsimFloatIrqs *fi, const struct kvm_s390_interrupt *s)
{
    struct kvm_s390_irq irq = { .type = s->type };

    /* The fields kvm_s390_inject_vm() takes from the legacy structure. */
    switch (s->type) {
    case KVM_S390_INT_SERVICE:
        irq.u.ext.ext_params = s->parm;
        break;
    case KVM_S390_INT_VIRTIO:
        irq.u.ext.ext_params = s->parm;
        irq.u.ext.ext_params2 = s->parm64;
        break;
    case KVM_S390_INT_PFAULT_DONE:
        irq.u.ext.ext_params2 = s->parm64;
        break;
    case KVM_S390_MCHK:
        irq.u.mchk.cr14 = s->parm;
        irq.u.mchk.mcic = s->parm64;
        break;
    default:
        if (!is_io(s->type)) {
            return -EINVAL;
        }
        irq.u.io.subchannel_id = s->parm >> 16;
        irq.u.io.subchannel_nr = s->parm & 0xffff;
        irq.u.io.io_int_parm = s->parm64 >> 32;
        irq.u.io.io_int_word = s->parm64 & 0xffffffff;
        break;
    }
    return uvsim_irq_inject_floating(fi, &irq);
}
