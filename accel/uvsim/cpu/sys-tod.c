/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys-tod.c - the TOD clock, the clock comparator and the CPU timer:
 * STCK, STCKE, STCKF, SCK, SCKPF, SCKC, STCKC, SPT, STPT.  KVM completes
 * SCK and SCKPF in the kernel and lets SIE interpret the others
 * (kvm-s390-intercepts.md 4.1), so none reaches user space.
 *
 * The guest's TOD clock is the host's real-time clock in TOD units
 * (bit 51 = 1 microsecond, counted from 1900) plus the machine's epoch,
 * which SCK sets.  The CPU timer counts down in host monotonic time
 * while uvcpu_run() runs; S390Regs.cputm holds its value whenever the
 * caller can see the registers.
 */
#include "internal.h"

/* The TOD clock's value at the Unix epoch (1970-01-01 00:00 UTC). */
#define TOD_UNIX_EPOCH 0x7d91048bca000000ULL

/* Nanoseconds to TOD units: 4096 units per microsecond. */
static int64_t ns_to_tod(int64_t ns)
{
    return ns / 125 * 512 + ns % 125 * 512 / 125;
}

int64_t uv_host_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static uint64_t host_tod(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return TOD_UNIX_EPOCH + ns_to_tod(ts.tv_sec * 1000000000LL + ts.tv_nsec);
}

uint64_t uvcpu_sys_tod(UvCpuSys *sys)
{
    return host_tod() + __atomic_load_n(&sys->tod_epoch, __ATOMIC_RELAXED);
}

void uvcpu_sys_set_tod(UvCpuSys *sys, uint64_t tod)
{
    __atomic_store_n(&sys->tod_epoch, (int64_t)(tod - host_tod()),
                     __ATOMIC_RELAXED);
}

uint64_t uvcpu_tod(UvCpu *cpu)
{
    return uvcpu_sys_tod(cpu->sys);
}

int64_t uv_cputm_now(UvCpu *cpu)
{
    return cpu->r.cputm - ns_to_tod(uv_host_ns() - cpu->cputm_since_ns);
}

/*
 * The CPU timer runs while the CPU runs and while it waits.  A CPU that
 * left with a wait PSW and comes back with the timer as it left it was
 * waiting all the time in between: that time counts.
 */
void uv_cputm_enter(UvCpu *cpu)
{
    if ((cpu->r.psw_mask & UVCPU_PSW_MASK_WAIT) && cpu->cputm_left_ns &&
        (int64_t)cpu->r.cputm == cpu->cputm_left) {
        cpu->cputm_since_ns = cpu->cputm_left_ns;
    } else {
        cpu->cputm_since_ns = uv_host_ns();
    }
}

void uv_cputm_leave(UvCpu *cpu)
{
    cpu->r.cputm = uv_cputm_now(cpu);
    cpu->cputm_left = cpu->r.cputm;
    cpu->cputm_left_ns = uv_host_ns();
}

int64_t uvcpu_timer_wait_ns(UvCpu *cpu)
{
    uint64_t cr0 = cpu->r.cregs[0], tod;
    int64_t best = -1, tm, ns;

    if (!(cpu->r.psw_mask & UVCPU_PSW_MASK_EXT)) {
        return -1;
    }
    if (cr0 & UV_CR0_CKC_SC) {
        tod = uvcpu_tod(cpu);
        if (tod > cpu->r.ckc) {
            return 0;
        }
        best = (int64_t)MIN((cpu->r.ckc - tod) / 512 * 125 + 1,
                            (uint64_t)INT64_MAX);
    }
    if (cr0 & UV_CR0_CPUTM_SC) {
        tm = cpu->r.cputm - ns_to_tod(uv_host_ns() - cpu->cputm_left_ns);
        if (tm < 0) {
            return 0;
        }
        ns = tm / 512 * 125 + 1;
        best = best < 0 ? ns : MIN(best, ns);
    }
    return best;
}

/* A TOD value this CPU has not returned before (STCK, STCKE). */
static uint64_t unique_tod(UvCpu *cpu)
{
    uint64_t tod = uvcpu_tod(cpu);

    if (tod <= cpu->last_tod) {
        tod = cpu->last_tod + 1;
    }
    cpu->last_tod = tod;
    return tod;
}

UV_HANDLER(stck)
{
    uv_st(cpu, uv_a2(cpu, d), unique_tod(cpu), 8);
    cpu->cc = 0;
}

UV_HANDLER(stckf)
{
    uv_st(cpu, uv_a2(cpu, d), uvcpu_tod(cpu), 8);
    cpu->cc = 0;
}

/*
 * STCKE: epoch index 0, the 64 TOD bits, 40 zero bits below them (the
 * uniqueness is in the TOD value itself) and the TOD programmable field.
 */
UV_HANDLER(stcke)
{
    uint64_t a = uv_a2(cpu, d), tod = unique_tod(cpu);
    uint8_t buf[16] = { 0 };
    UvSpan s;
    unsigned i;

    uv_stn_be(buf + 1, tod, 8);
    uv_stn_be(buf + 14, cpu->r.todpr, 2);
    uv_span(cpu, &s, a, 16, UVCPU_ACCESS_WRITE);
    for (i = 0; i < 16; i++) {
        *uv_span_ptr(&s, i) = buf[i];
    }
    cpu->cc = 0;
}

/* SET CLOCK: the whole machine's TOD clock, through its epoch. */
UV_HANDLER(sck)
{
    uint64_t a = uv_a2(cpu, d), tod;

    if (a & 7) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    tod = uv_ld64(cpu, a);
    uvcpu_sys_set_tod(cpu->sys, tod);
    cpu->last_tod = 0;
    cpu->cc = 0;
    uv_irq_recheck(cpu);
}

/* SET CLOCK PROGRAMMABLE FIELD from GR0 bits 48-63; bits 32-47 must be 0. */
UV_HANDLER(sckpf)
{
    if (GR(0) & 0xffff0000ULL) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    cpu->r.todpr = GR(0) & 0xffff;
}

static uint64_t aligned8(UvCpu *cpu, const UvInsn *d)
{
    uint64_t a = uv_a2(cpu, d);

    if (a & 7) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    return a;
}

UV_HANDLER(sckc)
{
    cpu->r.ckc = uv_ld64(cpu, aligned8(cpu, d));
    uv_irq_recheck(cpu);
}

UV_HANDLER(stckc)
{
    uv_st(cpu, aligned8(cpu, d), cpu->r.ckc, 8);
}

UV_HANDLER(spt)
{
    cpu->r.cputm = uv_ld64(cpu, aligned8(cpu, d));
    cpu->cputm_since_ns = uv_host_ns();
    uv_irq_recheck(cpu);
}

UV_HANDLER(stpt)
{
    uv_st(cpu, aligned8(cpu, d), uv_cputm_now(cpu), 8);
}
