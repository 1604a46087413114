/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * smp.h - bringing up and stopping the other CPUs, and the per-CPU
 * counters they increment (docs/guest.md).
 */
#ifndef GUEST_SMP_H
#define GUEST_SMP_H

#include <stdint.h>
#include "sclp.h"

/* The counters sit at this absolute address (guest.lds), symbol and all. */
#define PVDUMP_GUEST_COUNTERS_ADDR  0x8000
#define PVDUMP_GUEST_MAGIC          "PVDUMPGU"

struct pvdump_guest_cpu {
    uint64_t address;       /* the CPU address (SIGP, STAP) */
    uint64_t counter;       /* incremented by that CPU, forever */
};

struct pvdump_guest_counters {
    char magic[8];          /* "PVDUMPGU" */
    uint32_t version;       /* 1 */
    uint32_t ncpus;         /* entries of cpu[] in use; cpu[0] is the boot CPU */
    struct pvdump_guest_cpu cpu[GUEST_MAX_CPUS];
};

extern volatile struct pvdump_guest_counters pvdump_guest_counters;

/*
 * Records the CPUs of @info in the counters (the calling CPU first) and
 * starts every other one: SIGP SET PREFIX to a lowcore of its own, then
 * SIGP RESTART into count_forever.  Returns the number of CPUs counting.
 */
unsigned smp_start(const struct sclp_info *info);

/* SIGP STOP to every other CPU; returns when all report being stopped. */
void smp_stop_others(void);

/* The restart path of a secondary CPU (head.S); does not return. */
void smp_secondary_main(void);

/* head.S: increment *slot forever (GR2: the count, GR3: @cpu_address). */
void count_forever(volatile uint64_t *slot, uint64_t cpu_address)
    __attribute__((noreturn));

/* head.S: SIGP STOP to oneself, with GR2 = @counter, GR3 = @cpu_address. */
void stop_self(uint64_t counter, uint64_t cpu_address)
    __attribute__((noreturn));

#endif
