/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * smp.c - the secondary CPUs: a lowcore and a stack each, SIGP to start
 * and stop them.
 */
#include "arch.h"
#include "console.h"
#include "lib.h"
#include "smp.h"

#define SECONDARY_STACK     4096
#define SIGP_STATUS_STOPPED 0x40

volatile struct pvdump_guest_counters pvdump_guest_counters
    __attribute__((section(".counters"), used)) = {
    .magic = PVDUMP_GUEST_MAGIC,
    .version = 1,
};

static uint8_t lowcores[GUEST_MAX_CPUS][LC_SIZE] __attribute__((aligned(LC_SIZE)));
static uint8_t stacks[GUEST_MAX_CPUS][SECONDARY_STACK] __attribute__((aligned(8)));

extern char secondary_entry[];

/* A lowcore with the boot CPU's new PSWs, restarting into secondary_entry. */
static void prepare_lowcore(unsigned idx)
{
    uint8_t *lc = lowcores[idx];
    struct psw *restart = (struct psw *)(lc + LC_RESTART_NEW_PSW);

    memcpy(lc + LC_RESTART_NEW_PSW, (void *)LC_RESTART_NEW_PSW, 6 * 16);
    restart->mask = PSW_MASK_64;
    restart->addr = (uintptr_t)secondary_entry;
    *(uint64_t *)(lc + LC_STACK) = (uintptr_t)(stacks[idx] + SECONDARY_STACK);
    *(uint64_t *)(lc + LC_CPU_INDEX) = idx;
}

static bool start_cpu(unsigned idx, uint16_t addr)
{
    uint32_t status = 0;
    int cc;

    prepare_lowcore(idx);
    cc = sigp_retry(addr, SIGP_SET_PREFIX, (uintptr_t)lowcores[idx], &status);
    if (cc == 0) {
        cc = sigp_retry(addr, SIGP_RESTART, 0, &status);
    }
    if (cc != 0) {
        console_printf("pvdump guest: CPU %u does not start: cc %d status 0x%x\n",
                       addr, cc, status);
    }
    return cc == 0;
}

unsigned smp_start(const struct sclp_info *info)
{
    volatile struct pvdump_guest_counters *c = &pvdump_guest_counters;
    uint16_t self = stap();
    unsigned i, n = 1;

    c->cpu[0].address = self;
    c->cpu[0].counter = 0;
    c->ncpus = 1;
    for (i = 0; i < info->ncpus; i++) {
        if (info->cpu_address[i] == self) {
            continue;
        }
        c->cpu[n].address = info->cpu_address[i];
        c->cpu[n].counter = 0;
        if (start_cpu(n, info->cpu_address[i])) {
            c->ncpus = ++n;
        }
    }
    return n;
}

void smp_stop_others(void)
{
    volatile struct pvdump_guest_counters *c = &pvdump_guest_counters;
    uint32_t status;
    unsigned i;

    for (i = 1; i < c->ncpus; i++) {
        sigp_retry(c->cpu[i].address, SIGP_STOP, 0, NULL);
    }
    for (i = 1; i < c->ncpus; i++) {
        do {
            status = 0;
        } while (sigp_retry(c->cpu[i].address, SIGP_SENSE, 0, &status) != 1 ||
                 !(status & SIGP_STATUS_STOPPED));
    }
}

void smp_secondary_main(void)
{
    uint64_t idx = LC_U64(LC_CPU_INDEX);
    count_forever(&pvdump_guest_counters.cpu[idx].counter, stap());
}
