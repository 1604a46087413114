/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cpus.h - vCPU threads and pausing/resuming them.
 *
 * Each vCPU runs on its own thread (system/cpus.c), looping on
 * kvm_cpu_exec() while the machine is running and sleeping on its halt
 * condition otherwise.  All functions need the BQL.
 */
#ifndef SYSEMU_CPUS_H
#define SYSEMU_CPUS_H

#include "qemu/osdep.h"
#include "hw/core/cpu.h"

/* Starts the thread of @cpu (which creates its vCPU fd); waits until it runs. */
bool qemu_start_vcpu(CPUState *cpu, GError **errp);

/* Asks every vCPU to stop and waits until all have stopped. */
void pause_all_vcpus(void);

/* Lets every vCPU run again. */
void resume_all_vcpus(void);

/* True if every vCPU thread is stopped. */
bool all_vcpus_paused(void);

/* Makes @cpu leave KVM_RUN so it sees its flags (stop, unplug, work). */
void qemu_cpu_kick(CPUState *cpu);

/*
 * Runs @fn(@cpu, @data) on @cpu's thread and waits for it (BQL held
 * throughout, as QEMU's run_on_cpu); used to read or change registers
 * consistently.  When the vCPU is stopped it may run in the caller.
 */
void run_on_cpu(CPUState *cpu, void (*fn)(CPUState *cpu, void *data), void *data);

/* Synchronises @cpu's register state from the accelerator into env. */
void cpu_synchronize_state(CPUState *cpu);

/* Stops and joins every vCPU thread (machine teardown). */
void stop_all_vcpu_threads(void);

#endif /* SYSEMU_CPUS_H */
