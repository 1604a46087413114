/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uvsim-cmma.c - collaborative memory management: ESSA and the CMMA attributes.
 *
 * With KVM_S390_VM_MEM_ENABLE_CMMA set (before any vCPU exists) the
 * guest may run EXTRACT AND SET STORAGE ATTRIBUTES (0xB9AB).  The kernel
 * keeps each guest page's usage state (stable, unused, potentially
 * volatile, volatile) and the no-DAT flag in the page's PGSTE;
 * pgste_perform_essa (arch/s390/mm/pgtable.c) sets them for the
 * operation request code (ORC) and hands back the old state, which
 * handle_essa (kvm/priv.c) puts in R1: usage state << 2, 0x20 for no-DAT
 * and, in bits 0-1, the block-content state (0 resident, 2 preserved,
 * 3 zero).  uvsim's host never pages guest memory out, so every page is
 * resident; a page set unused or volatile keeps its content, as the
 * kernel keeps a resident one (only swapped-out pages get discarded).
 * KVM_S390_VM_MEM_CLR_CMMA (QEMU's machine reset) makes every page
 * stable again and clears the no-DAT flags (s390_reset_cmma).
 */
#include "qemu/osdep.h"
#include "uvsim-internal.h"
#include "cpu/cpu.h"

/* The per-page state byte: the PGSTE's usage bits and no-DAT flag. */
#define CMMA_USAGE_MASK 0x03
#define CMMA_NODAT      0x04

enum {
    USAGE_STABLE = 0,
    USAGE_UNUSED = 1,
    USAGE_POT_VOLATILE = 2,
    USAGE_VOLATILE = 3,
};

/* ESSA operation request codes (M3). */
enum {
    ESSA_GET_STATE = 0,
    ESSA_SET_STABLE = 1,
    ESSA_SET_UNUSED = 2,
    ESSA_SET_VOLATILE = 3,
    ESSA_SET_POT_VOLATILE = 4,
    ESSA_SET_STABLE_RESIDENT = 5,
    ESSA_SET_STABLE_IF_RESIDENT = 6,
    ESSA_SET_STABLE_NODAT = 7,
};

/* The CMM no-translate (ESSA enhancement) facility allows ORC 7. */
#define FAC_CMM_NO_TRANSLATE 147

#define ESSA_RESULT_NODAT 0x20

/* The state @orc gives a resident page whose state is @old. */
static uint8_t essa_new_state(uint8_t old, unsigned orc)
{
    uint8_t keep_nodat = old & CMMA_NODAT;

    switch (orc) {
    case ESSA_SET_STABLE:
        return USAGE_STABLE;
    case ESSA_SET_UNUSED:
        return keep_nodat | USAGE_UNUSED;
    case ESSA_SET_VOLATILE:
        return keep_nodat | USAGE_VOLATILE;
    case ESSA_SET_POT_VOLATILE:
        return keep_nodat | USAGE_POT_VOLATILE;
    case ESSA_SET_STABLE_RESIDENT:
    case ESSA_SET_STABLE_IF_RESIDENT:
        return keep_nodat | USAGE_STABLE;
    case ESSA_SET_STABLE_NODAT:
        return CMMA_NODAT | USAGE_STABLE;
    default:                /* ESSA_GET_STATE */
        return old;
    }
}

uint64_t uvsim_cmma_essa(UvsimVM *vm, uint64_t frame, unsigned orc)
{
    uint8_t *state = &vm->cmma[frame];
    uint8_t old = __atomic_load_n(state, __ATOMIC_RELAXED);

    /* Another CPU's ESSA on the same page is serialised as the PGSTE lock does. */
    while (!__atomic_compare_exchange_n(state, &old, essa_new_state(old, orc),
                                        false, __ATOMIC_SEQ_CST,
                                        __ATOMIC_RELAXED)) {
        /* @old now holds the current state: try again */
    }
    return ((uint64_t)(old & CMMA_USAGE_MASK) << 2) |
           ((old & CMMA_NODAT) ? ESSA_RESULT_NODAT : 0);
}

void uvsim_cmma_reset(UvsimVM *vm)
{
    /* All stable (0) again, and a large guest's array unbacked again. */
    uvsim_frames_clear(vm->cmma, vm->mem_size / UVCPU_PAGE_SIZE);
}

bool uvsim_handle_essa(UvsimVcpu *v, uint32_t ipb)
{
    S390Regs *r = uvcpu_regs(v->cpu);
    unsigned orc = ipb >> 28, r1 = (ipb >> 20) & 0xf, r2 = (ipb >> 16) & 0xf;
    unsigned max_orc = uvsim_has_facility(v->vm, FAC_CMM_NO_TRANSLATE) ?
                       ESSA_SET_STABLE_NODAT : ESSA_SET_STABLE_IF_RESIDENT;
    uint64_t frame;

    if (!v->vm->use_cmma) {
        uvsim_program_interrupt(v, UVCPU_PGM_OPERATION);
        return true;
    }
    if (r->psw_mask & UVCPU_PSW_MASK_PSTATE) {
        uvsim_program_interrupt(v, UVCPU_PGM_PRIVILEGED);
        return true;
    }
    if (orc > max_orc) {
        uvsim_program_interrupt(v, UVCPU_PGM_SPECIFICATION);
        return true;
    }
    /* The second operand is a guest absolute address (gfn_to_hva). */
    frame = r->regs[r2] / UVCPU_PAGE_SIZE;
    if (frame >= v->vm->mem_size / UVCPU_PAGE_SIZE) {
        uvsim_program_interrupt(v, UVCPU_PGM_ADDRESSING);
        return true;
    }
    r->regs[r1] = uvsim_cmma_essa(v->vm, frame, orc);
    return true;
}

int uvsim_cmma_attr(UvsimVM *vm, unsigned long request,
                    const struct kvm_device_attr *attr, bool vcpus_exist)
{
    if (attr->attr != KVM_S390_VM_MEM_ENABLE_CMMA &&
        attr->attr != KVM_S390_VM_MEM_CLR_CMMA) {
        return -ENXIO;
    }
    if (request == KVM_HAS_DEVICE_ATTR) {
        return 0;
    }
    if (request != KVM_SET_DEVICE_ATTR) {
        return -ENXIO;          /* the kernel reads back only the memory limit */
    }
    if (attr->attr == KVM_S390_VM_MEM_ENABLE_CMMA) {
        if (vcpus_exist) {
            return -EBUSY;
        }
        vm->use_cmma = true;
        return 0;
    }
    if (!vm->use_cmma) {
        return -EINVAL;
    }
    uvsim_cmma_reset(vm);
    return 0;
}
