/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fault-inject.h - test-only fault injection (meson -Dfault_injection).
 *
 * A hook site asks fault_inject_check() before its system call; the call
 * returns 0 (go ahead) or the negative errno the test armed for this hit.
 * Arming: PVDUMP_FAULT=SITE:N:ERRNO[,SITE:N:ERRNO...] at start, or the QMP
 * command x-debug-fault-inject; SITE is a name of fault_site_name(), N counts
 * that site's hits from the moment of arming (1 = the next one), ERRNO is
 * a name (ENOSPC, EIO, ...) or a number.  Each arming fails one hit; up
 * to 16 hits per site may be armed at once (several specs for one site in
 * one string all count from the same moment), and N = 0 disarms them all.
 * With PVDUMP_FAULT set, the program's sites' counters are printed to
 * stderr at exit.  Without CONFIG_FAULT_INJECTION the hooks compile to
 * nothing.
 */
#ifndef UTIL_FAULT_INJECT_H
#define UTIL_FAULT_INJECT_H

#include "config-host.h"

typedef enum FaultSite {
    FAULT_DUMP_WRITE,   /* every write(v)/pwrite to a dump fd (dump-io.c) */
    FAULT_PV_IOCTL,     /* KVM_S390_PV_COMMAND / KVM_S390_PV_CPU_COMMAND */
    FAULT_OUTPUT_WRITE, /* every write/pwrite of tools/output-file.c */
    FAULT_OUTPUT_FSYNC, /* every fsync of tools/output-file.c */
    FAULT_SITE__MAX
} FaultSite;

#ifdef CONFIG_FAULT_INJECTION
int fault_inject_check(FaultSite site);
/* Like fault_inject_check() for a syscall: -1 with errno set, or 0. */
int fault_inject_syscall(FaultSite site);
/* Parses "SITE:N:ERRNO[,...]"; false with *errp set on a bad spec. */
bool fault_inject_arm(const char *spec, GError **errp);
/* @site's hits since start, and how many faults were injected in all. */
uint64_t fault_inject_hits(FaultSite site);
uint64_t fault_inject_injected(void);
const char *fault_site_name(FaultSite site);
#else
static inline int fault_inject_check(FaultSite site) { return 0; }
static inline int fault_inject_syscall(FaultSite site) { return 0; }
#endif

#endif
