/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * stage3a.c - the SE image's boot loader, played by the machine.
 *
 * On real KVM the IPL CPU executes stage3a and its DIAG 308 calls arrive
 * as intercepts.  uvsim executes no instructions, so the machine does what
 * stage3a does (docs/se-image.md): find the SE header and the
 * IPIB, patch the header's address and size into the IPIB, check the
 * unpack facility, then DIAG 308 subcode 8 and subcode 10 through the same
 * handler a real guest reaches.  A failure ends like stage3a's: a message
 * and a stopped CPU (stage3a loads a disabled-wait PSW).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memory.h"
#include "hw/boards.h"
#include "hw/s390x/diag308.h"
#include "hw/s390x/ipl.h"
#include "hw/s390x/pv-boot.h"
#include "hw/s390x/stage3a.h"
#include "target/s390x/cpu.h"
#include "util/be-access.h"
#include "util/se-image.h"

/* The registers stage3a's DIAG 308 uses: an even/odd pair and the subcode. */
#define S3A_R1 2
#define S3A_R3 4

static void disabled_wait(CPUState *cs)
{
    struct kvm_mp_state mp = { .mp_state = KVM_MP_STATE_STOPPED };

    if (kvm_vcpu_ioctl(cs, KVM_SET_MP_STATE, &mp) == 0) {
        S390_CPU(cs)->mp_state = mp.mp_state;
    }
}

/* DIAG 308 @subcode as stage3a issues it; the response code, or 0 on a program check. */
static uint64_t diag308(CPUState *cs, uint64_t subcode, uint64_t addr)
{
    CPUS390XState *env = &S390_CPU(cs)->env;
    int pgm;

    env->regs[S3A_R1] = addr;
    env->regs[S3A_R3] = subcode;
    cs->vcpu_dirty = true;
    pgm = handle_diag_308(cs, S3A_R1, S3A_R3);
    if (pgm) {
        warn_report("SE image boot: DIAG 308 subcode %" PRIu64 " raised program "
                    "exception 0x%x", subcode, pgm);
        return 0;
    }
    return env->regs[S3A_R1 + 1];
}

static bool patch_ipib(const SeImageLayout *l)
{
    uint8_t hdr[8];

    be64_store(hdr, l->hdr_off);
    if (!guest_memory_write(l->ipib_off + IPIB_OFF_PV_HDR_ADDR, hdr, 8, NULL)) {
        return false;
    }
    be64_store(hdr, l->hdr_size);
    return guest_memory_write(l->ipib_off + IPIB_OFF_PV_HDR_LEN, hdr, 8, NULL);
}

void s390_stage3a_play(CPUState *cs, const SeImageLayout *layout)
{
    uint64_t rc;

    if (!s390_has_feat(&s390_cpu_model, S390_FEAT_UNPACK)) {
        warn_report("SE image boot: Secure Execution is not available: the CPU "
                    "model lacks the unpack facility (161)");
        disabled_wait(cs);
        return;
    }
    if (!patch_ipib(layout)) {
        warn_report("SE image boot: the IPL parameter block lies outside guest memory");
        disabled_wait(cs);
        return;
    }
    rc = diag308(cs, 8, layout->ipib_off);
    if (rc != DIAG_308_RC_OK) {
        if (rc) {
            warn_report("SE image boot: the IPL parameter block was refused "
                        "(DIAG 308 response 0x%04" PRIx64 ")", rc);
        }
        disabled_wait(cs);
        return;
    }
    rc = diag308(cs, 10, layout->ipib_off);
    if (!s390_is_pv()) {
        /* pv-boot.c logged the Ultravisor's reason; stage3a stops here. */
        if ((rc & 0xffff) != DIAG_308_RC_INVAL_FOR_PV) {
            warn_report("SE image boot: DIAG 308 subcode 10 failed (response "
                        "0x%04" PRIx64 ")", rc & 0xffff);
        }
        disabled_wait(cs);
    }
}
