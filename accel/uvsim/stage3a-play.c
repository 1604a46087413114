/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * stage3a-play.c - an SE image's stage3a, played by the simulated CPU.
 *
 * On a real machine the IPL CPU executes stage3a: it patches the SE
 * header's address and size into the PV IPL parameter block, checks the
 * unpack facility, then issues DIAG 308 subcode 8 (set the block) and
 * subcode 10 (unpack and start).  Each DIAG leaves SIE as an instruction
 * intercept that user space completes, with the response code in R1+1.
 *
 * uvsim executes no instructions, so a non-secure vCPU that enters KVM_RUN
 * at the entry of pvdump's stage3a stub does those steps here, and each
 * DIAG 308 leaves KVM_RUN exactly as the kernel reports it
 * (KVM_EXIT_S390_SIEIC, instruction intercept, ipa 0x83 R1 R3, ipb with
 * the code 0x308), the PSW already past the instruction.  The next KVM_RUN
 * continues stage3a with the response user space left in R1+1.  A
 * successful subcode 10 never returns: the CPU comes back secure, at the
 * image's PSW (stage3b, see uv-cpu.c).  A failure ends like stage3a's: a
 * message and a CPU that stops.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "util/be-access.h"
#include "util/se-image.h"
#include "uvsim-internal.h"

/* The registers stage3a's DIAG 308 uses: the even/odd pair R1, R1+1 and R3. */
#define S3A_R1             2
#define S3A_R3             4

#define ICPT_INSTRUCTION   0x04
#define DIAG_ILEN          4
#define DIAG_IPA(r1, r3)   (0x8300 | (r1) << 4 | (r3))
#define DIAG_308_IPB       (0x308u << 16)     /* B2 = 0, D2 = 0x308 */

#define DIAG308_PV_SET     8
#define DIAG308_PV_START   10

/* DIAG 308 response codes in R1+1 that stage3a tells apart. */
#define DIAG308_RC_OK            0x0001
#define DIAG308_RC_INVAL_FOR_PV  0x0A02

#define FAC_UNPACK         161

/* Guest registers as stage3a sees them. */
static uint64_t *gpr(UvsimVcpu *v, int n)
{
    return &v->arch.regs[n];
}

static bool at_stage3a_entry(UvsimVcpu *v)
{
    UvsimVM *vm = v->vm;
    char magic[sizeof(SE_STAGE3A_MAGIC)];

    if (__atomic_load_n(&v->mp_state, __ATOMIC_ACQUIRE) != KVM_MP_STATE_OPERATING ||
        v->arch.psw_addr != SE_STAGE3A_ENTRY ||
        vm->mem_size < SE_STAGE3A_ENTRY + sizeof(magic)) {
        return false;
    }
    uv_guest_read(vm, SE_STAGE3A_ENTRY, magic, sizeof(magic));
    return !memcmp(magic, SE_STAGE3A_MAGIC, sizeof(magic));
}

/* Like stage3a's disabled-wait PSW: the CPU executes nothing more. */
static bool stage3a_stop(UvsimVcpu *v)
{
    v->stage3a = UVSIM_STAGE3A_IDLE;
    __atomic_store_n(&v->mp_state, KVM_MP_STATE_STOPPED, __ATOMIC_RELEASE);
    return false;
}

/* DIAG 308 @subcode with the IPIB in R1: the intercept user space sees. */
static bool diag308_exit(UvsimVcpu *v, uint64_t subcode, UvsimStage3aStep next)
{
    struct kvm_run *run = v->run;

    *gpr(v, S3A_R1) = v->stage3a_ipib;
    *gpr(v, S3A_R3) = subcode;
    v->arch.psw_addr += DIAG_ILEN;
    v->stage3a = next;
    run->exit_reason = KVM_EXIT_S390_SIEIC;
    run->s390_sieic.icptcode = ICPT_INSTRUCTION;
    run->s390_sieic.ipa = DIAG_IPA(S3A_R1, S3A_R3);
    run->s390_sieic.ipb = DIAG_308_IPB;
    return true;
}

static bool patch_ipib(UvsimVM *vm, const SeImageLayout *l)
{
    uint8_t field[8];

    if (l->ipib_off > vm->mem_size ||
        vm->mem_size - l->ipib_off < IPIB_OFF_PV_HDR_LEN + sizeof(field)) {
        return false;
    }
    be64_store(field, l->hdr_off);
    uv_guest_write(vm, l->ipib_off + IPIB_OFF_PV_HDR_ADDR, field, sizeof(field));
    be64_store(field, l->hdr_size);
    uv_guest_write(vm, l->ipib_off + IPIB_OFF_PV_HDR_LEN, field, sizeof(field));
    return true;
}

static bool stage3a_begin(UvsimVcpu *v)
{
    UvsimVM *vm = v->vm;
    SeImageLayout layout;

    if (!uvsim_has_facility(vm, FAC_UNPACK)) {
        warn_report("SE image boot: Secure Execution is not available: the CPU "
                    "model lacks the unpack facility (161)");
        return stage3a_stop(v);
    }
    if (!se_image_locate(vm->mem_host, vm->mem_size, &layout)) {
        return false;       /* no SE header: not an image stage3a can start */
    }
    if (!patch_ipib(vm, &layout)) {
        warn_report("SE image boot: the IPL parameter block lies outside guest memory");
        return stage3a_stop(v);
    }
    v->stage3a_ipib = layout.ipib_off;
    return diag308_exit(v, DIAG308_PV_SET, UVSIM_STAGE3A_SET_ISSUED);
}

static bool after_pv_set(UvsimVcpu *v)
{
    uint64_t rc = *gpr(v, S3A_R1 + 1);

    if (rc != DIAG308_RC_OK) {
        warn_report("SE image boot: the IPL parameter block was refused "
                    "(DIAG 308 response 0x%04" PRIx64 ")", rc);
        return stage3a_stop(v);
    }
    return diag308_exit(v, DIAG308_PV_START, UVSIM_STAGE3A_START_ISSUED);
}

static bool after_pv_start(UvsimVcpu *v)
{
    uint64_t rc = *gpr(v, S3A_R1 + 1) & 0xffff;

    /* Back here, still not secure: subcode 10 failed. */
    if (rc != DIAG308_RC_INVAL_FOR_PV) {
        /* (0x0A02: the machine already logged the Ultravisor's reason.) */
        warn_report("SE image boot: DIAG 308 subcode 10 failed (response "
                    "0x%04" PRIx64 ")", rc);
    }
    return stage3a_stop(v);
}

bool uvsim_stage3a_run(UvsimVcpu *v)
{
    uint16_t pgm = v->pgm_pending;

    v->pgm_pending = 0;
    if (v->secure) {
        v->stage3a = UVSIM_STAGE3A_IDLE;
        return false;
    }
    if (v->stage3a != UVSIM_STAGE3A_IDLE && pgm) {
        warn_report("SE image boot: DIAG 308 subcode %d raised program "
                    "exception 0x%x",
                    v->stage3a == UVSIM_STAGE3A_SET_ISSUED ? DIAG308_PV_SET
                                                           : DIAG308_PV_START,
                    pgm);
        return stage3a_stop(v);
    }
    switch (v->stage3a) {
    case UVSIM_STAGE3A_SET_ISSUED:
        return after_pv_set(v);
    case UVSIM_STAGE3A_START_ISSUED:
        return after_pv_start(v);
    default:
        return at_stage3a_entry(v) && stage3a_begin(v);
    }
}
