/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sys-intercept.c - instructions the hypervisor completes.
 *
 * SERVC, DIAGNOSE, SIGP, STSI, STHYI, ESSA and the channel-subsystem
 * instructions end the run with UVCPU_EXIT_INTERCEPT, the PSW past the instruction and
 * ipa/ipb as the SIE intercept block holds them (kvm-s390-intercepts.md
 * section 2): ipa = halfword 0, ipb = bytes 2-5.  The table marks them
 * privileged, so in the problem state they raise a privileged-operation
 * exception instead; not STHYI (unprivileged) and ESSA, whose kernel
 * handler reports a missing CMMA (operation) before the problem state.  Which of them uvsim's kernel model completes itself
 * is decided above this interpreter.
 */
#include "internal.h"

UV_HANDLER(intercept)
{
    cpu->exit = (UvCpuExit) {
        .reason = UVCPU_EXIT_INTERCEPT,
        .ilc = cpu->ilen,
        .ipa = d->raw >> 48,
        .ipb = (uint32_t)(d->raw >> 16),
    };
    uv_exit(cpu);
}
