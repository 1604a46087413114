/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sclp.c - SERVC and Read SCP Info (layouts as QEMU's include/hw/s390x/sclp.h).
 */
#include "arch.h"
#include "lib.h"
#include "sclp.h"

/* the SCCB whose completion sclp_call() waits for; 0 when idle */
static volatile uint32_t sclp_inflight;
static volatile int sclp_busy;
static volatile int sclp_attention;
static int sclp_lock;

static uint8_t info_sccb[SCCB_SIZE] __attribute__((aligned(4096)));

struct read_info {
    struct sccb_header h;
    uint16_t rnmax;                 /* 8: number of storage increments */
    uint8_t rnsize;                 /* 10: increment size in MiB */
    uint8_t reserved1[5];
    uint16_t entries_cpu;           /* 16 */
    uint16_t offset_cpu;            /* 18 */
    uint8_t reserved2[80];
    uint32_t rnsize2;               /* 100: when rnsize is 0 */
    uint64_t rnmax2;                /* 104: when rnmax is 0 */
} __attribute__((packed));

struct cpu_entry {
    uint8_t address;
    uint8_t reserved0;
    uint8_t features[6];
    uint8_t reserved1[6];
    uint8_t type;
    uint8_t reserved2;
} __attribute__((packed));

void sclp_setup_int(void)
{
    lctlg0(stctg0() | CR0_SERVICE_SIGNAL);
}

static int servc(uint32_t cmd, struct sccb_header *sccb)
{
    int cc;
    asm volatile(".insn rre,0xb2200000,%[cmd],%[sccb]\n ipm %[cc]\n srl %[cc],28"
                 : [cc] "=d"(cc)
                 : [cmd] "d"((uint64_t)cmd), [sccb] "a"(sccb)
                 : "cc", "memory");
    return cc;
}

uint16_t sclp_call(uint32_t cmd, struct sccb_header *sccb)
{
    uint8_t mask;
    int cc;

    spin_lock(&sclp_lock);
    sclp_inflight = (uint32_t)(uintptr_t)sccb;
    sclp_busy = 1;
    do {
        cc = servc(cmd, sccb);      /* cc 2: the SCLP is busy */
    } while (cc == 2);
    if (cc == 0) {
        /* Enabled for the service signal only while it is awaited here. */
        asm volatile("stosm %0,0x01" : "=Q"(mask) : : "memory");
        while (sclp_busy) {
            barrier();
        }
        asm volatile("ssm %0" : : "Q"(mask) : "memory");
    }
    sclp_inflight = 0;
    sclp_busy = 0;
    spin_unlock(&sclp_lock);
    return cc == 0 ? sccb->response_code : SCLP_RC_NOT_OPERATIONAL;
}

void sclp_handle_service_signal(uint32_t param)
{
    uint32_t sccb = param & ~7u;

    if (sccb && sccb == sclp_inflight) {
        sclp_busy = 0;
    }
    if (param & 3) {
        sclp_attention = 1;
    }
}

bool sclp_take_attention(void)
{
    return __atomic_exchange_n(&sclp_attention, 0, __ATOMIC_ACQ_REL);
}

static uint16_t read_info_cmd(uint32_t cmd)
{
    struct read_info *ri = (struct read_info *)info_sccb;

    memset(info_sccb, 0, sizeof(info_sccb));
    ri->h.length = SCCB_SIZE;
    return sclp_call(cmd, &ri->h);
}

bool sclp_read_info(struct sclp_info *info)
{
    struct read_info *ri = (struct read_info *)info_sccb;
    const struct cpu_entry *e;
    uint64_t incr_mib, incrs;
    uint16_t rc;
    unsigned i;

    rc = read_info_cmd(SCLP_CMD_READ_SCP_INFO);
    if (rc != SCLP_RC_NORMAL_READ_COMPLETION) {
        rc = read_info_cmd(SCLP_CMD_READ_SCP_INFO_FORCED);
    }
    if (rc != SCLP_RC_NORMAL_READ_COMPLETION) {
        return false;
    }
    incr_mib = ri->rnsize ? ri->rnsize : ri->rnsize2;
    incrs = ri->rnmax ? ri->rnmax : ri->rnmax2;
    info->mem_mib = incr_mib * incrs;
    info->ncpus = ri->entries_cpu < GUEST_MAX_CPUS ? ri->entries_cpu
                                                   : GUEST_MAX_CPUS;
    e = (const struct cpu_entry *)(info_sccb + ri->offset_cpu);
    for (i = 0; i < info->ncpus; i++) {
        info->cpu_address[i] = e[i].address;
    }
    return true;
}
