/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pv-boot.c - the machine side of a protected boot (after QEMU's
 * s390_machine_protect() and the S390_RESET_PV reset;
 * docs/pv-boot.md "Subcode 10 step by step").
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/s390x/ipl.h"
#include "hw/s390x/pv-boot.h"
#include "hw/s390x/pv-dump.h"
#include "hw/s390x/s390-virtio-ccw.h"
#include "sysemu/cpus.h"
#include "sysemu/kvm.h"
#include "sysemu/runstate.h"
#include "target/s390x/cpu.h"

static struct {
    bool valid;
    S390PVResponse resp;
    char *message;
} last_failure;

bool s390_is_pv(void)
{
    S390CcwMachineState *ms = s390_ccw_machine();

    return ms && ms->pv;
}

const char *s390_pv_rc_str(uint16_t rc, uint16_t rrc)
{
    static const struct {
        uint16_t rc, rrc;
        const char *text;
    } codes[] = {
        { 0x0102, 0x1A, "address list digest mismatch" },
        { 0x0102, 0x1B, "page list digest mismatch: a component was modified" },
        { 0x0102, 0x1C, "tweak list digest mismatch" },
        { 0x0102, 0x1D, "number of encrypted pages mismatch" },
        { 0x0104, 0x01, "SE header version mismatch" },
        { 0x0106, 0x30, "unsupported plaintext control flags" },
        { 0x0108, 0x05, "the image was not encrypted for this host's key" },
        { 0x0108, 0x06, "a key slot failed authentication" },
        { 0x0108, 0x07, "the SE header failed authentication" },
        { 0x0108, 0x0B, "invalid customer ECDH key" },
        { 0x0109, 0x00, "unsupported secret control flags" },
        { 0x010A, 0x31, "SE header length mismatch" },
        { 0x010A, 0x39, "invalid encrypted-area size" },
        { 0x010A, 0x40, "the SE header has no key slots" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(codes); i++) {
        if (codes[i].rc == rc && codes[i].rrc == rrc) {
            return codes[i].text;
        }
    }
    return "Ultravisor error";
}

static void record_failure(const S390PVResponse *resp, GError *err)
{
    g_free(last_failure.message);
    last_failure.valid = true;
    last_failure.resp = *resp;
    last_failure.message = g_strdup(err->message);
    /* The one line the user sees for a failed protected boot. */
    warn_report("protected boot failed: %s (%s)", err->message,
                s390_pv_rc_str(resp->rc, resp->rrc));
}

bool s390_pv_last_failure(S390PVResponse *resp, const char **message)
{
    if (last_failure.valid) {
        *resp = last_failure.resp;
        *message = last_failure.message;
    }
    return last_failure.valid;
}

void s390_machine_unprotect(void)
{
    if (!s390_is_pv()) {
        return;
    }
    /*
     * DISABLE does not end a UV dump: the kernel would keep the VM
     * "dumping", unable to run for good (docs/kvm-pv-interface.md).
     */
    s390_pv_dump_settle_or_warn("protection ends with the dump open: the "
                                "VM cannot run again");
    /* pvdump has no asynchronous teardown: always the synchronous DISABLE. */
    s390_pv_vm_disable();
    s390_ccw_machine()->pv = false;
}

static bool machine_protect(S390PVResponse *resp, GError **errp)
{
    if (!s390_pv_vm_enable(errp)) {
        resp->cmd = KVM_PV_ENABLE;
        return false;
    }
    s390_ccw_machine()->pv = true;
    if (!s390_pv_query_info(errp) ||
        !s390_ipl_prepare_pv_header(resp, errp) ||
        !s390_ipl_pv_unpack(resp, errp) ||
        !s390_pv_verify(resp, errp)) {
        s390_machine_unprotect();
        return false;
    }
    return true;
}

static void cpu_ioctl(CPUState *cs, void *data)
{
    unsigned long req = (uintptr_t)data;
    if (kvm_vcpu_ioctl(cs, req, NULL) < 0) {
        s390_cpu_initial_reset(S390_CPU(cs));
    }
    kvm_arch_get_registers(cs);
}

static void set_mp_state(CPUState *cs, uint32_t state)
{
    s390_cpu_set_state(state, S390_CPU(cs));
}

static void load_normal(CPUState *cs, void *data)
{
    /* The UV loads the PSW from the SE header ("operating with load"). */
    set_mp_state(cs, KVM_MP_STATE_LOAD);
    set_mp_state(cs, KVM_MP_STATE_OPERATING);
    kvm_arch_get_registers(cs);
    cs->vcpu_dirty = false;
}

/* Clear reset for every other CPU, normal reset for the IPL CPU. */
static void reset_cpus(CPUState *ipl_cpu, unsigned long ipl_reset)
{
    CPUState *cs;

    CPU_FOREACH(cs) {
        unsigned long req = cs == ipl_cpu ? ipl_reset : KVM_S390_CLEAR_RESET;
        run_on_cpu(cs, cpu_ioctl, (void *)(uintptr_t)req);
        if (cs != ipl_cpu) {
            set_mp_state(cs, KVM_MP_STATE_STOPPED);
        }
    }
}

typedef struct PVStart {
    CPUState *cs;
    unsigned r1;
} PVStart;

static void pv_start(CPUState *cs, unsigned r1)
{
    S390PVResponse resp = { 0 };
    GError *err = NULL;

    reset_cpus(cs, KVM_S390_NORMAL_RESET);
    if (!machine_protect(&resp, &err)) {
        CPUS390XState *env = &S390_CPU(cs)->env;
        record_failure(&resp, err);
        g_error_free(err);
        /* The guest goes on after the DIAG, told why (docs/pv-boot.md). */
        env->regs[r1 + 1] = (uint64_t)resp.cmd << 48 | (uint64_t)resp.rrc << 32 |
                            (uint64_t)resp.rc << 16 | DIAG_308_RC_INVAL_FOR_PV;
        cs->vcpu_dirty = true;
        set_mp_state(cs, KVM_MP_STATE_OPERATING);
        return;
    }
    last_failure.valid = false;
    run_on_cpu(cs, load_normal, NULL);
}

/* Main-loop callbacks (BQL held) run with every vCPU paused around them. */
static void pv_start_bh(void *opaque)
{
    PVStart *req = opaque;
    bool was_running = runstate_is_running();

    pause_all_vcpus();
    pv_start(req->cs, req->r1);
    if (was_running) {
        resume_all_vcpus();
    }
    g_free(req);
}

void s390_pv_start_request(CPUState *cs, unsigned r1)
{
    PVStart *req;

    if (all_vcpus_paused()) {
        pv_start(cs, r1);
        return;
    }
    /*
     * A vCPU thread cannot wait for itself: finish on the main loop, and
     * not under a dump (the run state holds it until the dump is over).
     * Until then the CPU stays out of KVM_RUN (QEMU's cpu_stop_current()):
     * the guest must not run on past the DIAG before it has an answer.
     */
    cs->stop = true;
    qemu_cpu_kick(cs);
    req = g_new0(PVStart, 1);
    req->cs = cs;
    req->r1 = r1;
    qemu_system_guest_reset_request(pv_start_bh, req);
}

static void pv_reboot_bh(void *opaque)
{
    CPUState *ipl_cpu = qemu_get_cpu(0);
    bool was_running = runstate_is_running();

    pause_all_vcpus();
    s390_pv_unshare();
    s390_pv_prep_reset();
    reset_cpus(ipl_cpu, KVM_S390_INITIAL_RESET);
    run_on_cpu(ipl_cpu, load_normal, NULL);
    if (was_running) {
        resume_all_vcpus();
    }
}

void s390_pv_reboot(void)
{
    /* Held while a dump runs: the UV dump needs the configuration intact. */
    qemu_system_guest_reset_request(pv_reboot_bh, NULL);
}
