/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cpus.c - one thread per vCPU, and pausing/resuming them (QEMU's model).
 *
 * A vCPU thread holds the BQL except inside kvm_cpu_exec()'s KVM_RUN.  It
 * runs the guest while the machine is running and no stop is pending, and
 * sleeps on its halt condition otherwise.  pause_all_vcpus() sets "stop",
 * kicks every vCPU out of KVM_RUN and waits until each has acknowledged
 * with "stopped"; after that neither registers nor guest memory change.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "qapi/error.h"
#include "sysemu/cpus.h"
#include "sysemu/kvm.h"
#include "sysemu/runstate.h"

static GCond cpu_created_cond;  /* a thread finished (or failed) start-up */
static GCond pause_cond;        /* a thread acknowledged a stop */
static GCond work_cond;         /* a run_on_cpu item completed */

int cpu_count;
CPUState **cpu_list;

CPUState *qemu_get_cpu(int index)
{
    return index >= 0 && index < cpu_count ? cpu_list[index] : NULL;
}

static bool cpu_thread_is_idle(CPUState *cpu)
{
    if (cpu->stop || cpu->work_fn || cpu->unplug) {
        return false;
    }
    return cpu->stopped || cpu->halted || !runstate_is_running();
}

static void process_queued_work(CPUState *cpu)
{
    if (cpu->work_fn) {
        cpu->work_fn(cpu, cpu->work_data);
        cpu->work_fn = NULL;
        cpu->work_done = true;
        g_cond_broadcast(&work_cond);
    }
}

static void wait_io_event(CPUState *cpu)
{
    while (cpu_thread_is_idle(cpu)) {
        g_cond_wait(&cpu->halt_cond, bql_mutex());
    }
    if (cpu->stop) {
        cpu->stop = false;
        cpu->stopped = true;
        g_cond_broadcast(&pause_cond);
    }
    process_queued_work(cpu);
}

static bool cpu_can_run(CPUState *cpu)
{
    return !cpu->stop && !cpu->stopped && !cpu->halted && !cpu->unplug &&
           !cpu->work_fn && runstate_is_running();
}

static void stop_on_internal_error(void *opaque)
{
    vm_stop(RUN_STATE_INTERNAL_ERROR);
}

static gpointer vcpu_thread_fn(gpointer opaque)
{
    CPUState *cpu = opaque;

    bql_lock();
    cpu->thread_id = gettid();
    cpu->thread_handle = pthread_self();
    if (!kvm_init_vcpu(cpu, &cpu->init_error)) {
        g_cond_broadcast(&cpu_created_cond);
        bql_unlock();
        return NULL;
    }
    cpu->created = true;
    g_cond_broadcast(&cpu_created_cond);

    while (!cpu->unplug) {
        if (cpu_can_run(cpu)) {
            int r;

            bql_unlock();
            r = kvm_cpu_exec(cpu);
            bql_lock();
            if (r < 0) {
                warn_report("vCPU %d stopped: %s", cpu->cpu_index,
                            g_strerror(-r));
                cpu->stop = true;
                main_loop_schedule(stop_on_internal_error, NULL);
            }
        }
        wait_io_event(cpu);
    }
    kvm_destroy_vcpu(cpu);
    cpu->created = false;
    bql_unlock();
    return NULL;
}

bool qemu_start_vcpu(CPUState *cpu, GError **errp)
{
    g_autofree char *name = NULL;

    g_assert(bql_locked());
    name = g_strdup_printf("CPU %d/KVM", cpu->cpu_index);

    g_cond_init(&cpu->halt_cond);
    cpu->stopped = true;
    cpu->thread = g_thread_new(name, vcpu_thread_fn, cpu);
    while (!cpu->created && !cpu->init_error) {
        g_cond_wait(&cpu_created_cond, bql_mutex());
    }
    if (cpu->init_error) {
        g_propagate_error(errp, cpu->init_error);
        cpu->init_error = NULL;
        bql_unlock();
        g_thread_join(cpu->thread);
        bql_lock();
        cpu->thread = NULL;
        return false;
    }
    return true;
}

void qemu_cpu_kick(CPUState *cpu)
{
    g_cond_broadcast(&cpu->halt_cond);
    if (cpu->created) {
        kvm_cpu_kick(cpu);
    }
}

bool all_vcpus_paused(void)
{
    CPUState *cpu;
    CPU_FOREACH(cpu) {
        if (!cpu->stopped) {
            return false;
        }
    }
    return true;
}

void pause_all_vcpus(void)
{
    CPUState *cpu;
    g_assert(bql_locked());
    CPU_FOREACH(cpu) {
        if (!cpu->stopped) {
            cpu->stop = true;
            qemu_cpu_kick(cpu);
        }
    }
    while (!all_vcpus_paused()) {
        g_cond_wait(&pause_cond, bql_mutex());
    }
}

void resume_all_vcpus(void)
{
    CPUState *cpu;
    g_assert(bql_locked());
    CPU_FOREACH(cpu) {
        cpu->stop = false;
        cpu->stopped = false;
        qemu_cpu_kick(cpu);
    }
}

void run_on_cpu(CPUState *cpu, void (*fn)(CPUState *cpu, void *data), void *data)
{
    g_assert(bql_locked());
    if (cpu->stopped || !cpu->created || cpu->thread_handle == pthread_self()) {
        /* The thread is parked (or is us): the state cannot change under us. */
        fn(cpu, data);
        return;
    }
    while (cpu->work_fn) {
        g_cond_wait(&work_cond, bql_mutex());
    }
    cpu->work_fn = fn;
    cpu->work_data = data;
    cpu->work_done = false;
    qemu_cpu_kick(cpu);
    while (!cpu->work_done) {
        g_cond_wait(&work_cond, bql_mutex());
    }
}

static void sync_noop(CPUState *cpu, void *data)
{
    /* kvm_cpu_exec() synchronised env when it left KVM_RUN; nothing to do. */
}

void cpu_synchronize_state(CPUState *cpu)
{
    run_on_cpu(cpu, sync_noop, NULL);
}

void stop_all_vcpu_threads(void)
{
    CPUState *cpu;
    g_assert(bql_locked());
    CPU_FOREACH(cpu) {
        cpu->unplug = true;
        qemu_cpu_kick(cpu);
    }
    CPU_FOREACH(cpu) {
        if (cpu->thread) {
            bql_unlock();
            g_thread_join(cpu->thread);
            bql_lock();
            cpu->thread = NULL;
        }
    }
}
