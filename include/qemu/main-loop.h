/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * main-loop.h - the big lock (BQL) and the GLib main loop of pvdump-vm.
 *
 * The main thread runs a GMainLoop that serves the monitors and the
 * machine's requests (reset, shutdown).  Machine state (run state, vCPU
 * flags, device state) is protected by the BQL.  The main loop callbacks
 * take the BQL themselves; vCPU threads drop it around KVM_RUN.
 */
#ifndef QEMU_MAIN_LOOP_H
#define QEMU_MAIN_LOOP_H

#include "qemu/osdep.h"

void bql_lock(void);
void bql_unlock(void);
/* True if the calling thread holds the BQL. */
bool bql_locked(void);
/* The BQL itself, for g_cond_wait() (caller must hold it). */
GMutex *bql_mutex(void);

/* The main loop's context (the default GMainContext). */
GMainContext *qemu_main_context(void);

/*
 * Runs @fn(@opaque) in the main loop thread soon (thread-safe; callable from
 * vCPU or worker threads).  @fn runs with the BQL held.
 */
void main_loop_schedule(void (*fn)(void *opaque), void *opaque);

/* Runs the main loop until a shutdown is requested. */
void main_loop_run(void);

/* Wakes the main loop (e.g. after a request flag was set). */
void main_loop_wakeup(void);

#endif /* QEMU_MAIN_LOOP_H */
