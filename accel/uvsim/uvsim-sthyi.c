/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uvsim-sthyi.c - STORE HYPERVISOR INFORMATION as the s390x kernel answers it.
 *
 * STHYI (0xB256, RRE, not privileged) is the kernel's: intercept.c's
 * handle_sthyi checks the operands and arch/s390/kernel/sthyi.c builds
 * the response of function code 0 (CP and IFL capacity).  On a host that
 * is an LPAR the kernel does not ask a hypervisor: it fills a header, a
 * machine section and a partition section from STSI 1.1.1 and 2.2.2 and
 * from DIAG 0x204 (the LPAR's CPU counts, weights and caps).  uvsim's
 * simulated host is the LPAR uvsim-stsi.c describes: LPAR 1 "LP01" of a
 * z15 with UVSIM_HOST_CPUS dedicated CPs, the only partition, allowed to
 * see global performance data, not capped and in no capacity group.  So
 * the sections hold exactly what those SYSIBs say; there are no
 * hypervisor or guest sections (those come from z/VM).
 */
#include "qemu/osdep.h"
#include "uvsim-internal.h"
#include "cpu/cpu.h"
#include "util/be-access.h"

#define STHYI_FACILITY 74
#define PAGE_SIZE_4K 4096

/* Section layouts (the kernel's struct hdr_sctn, mac_sctn, par_sctn). */
#define HDR_LEN 48
#define MAC_LEN 64
#define PAR_LEN 56
#define MAC_OFF HDR_LEN
#define PAR_OFF (MAC_OFF + MAC_LEN)

/* Header fields. */
#define HDR_TOTL 8
#define HDR_DLN  10
#define HDR_MOFF 12
#define HDR_MLEN 14
#define HDR_POFF 16
#define HDR_PLEN 18

/* Machine section: validity byte, CPU counts, identification. */
#define MAC_VAL1 2
#define MAC_DCPS 6              /* dedicated CPs (shared CPs at 4) */
#define MAC_TYPE 20
#define MAC_MANU 24
#define MAC_SEQ  40
#define MAC_PMAN 56
#define MAC_CNT_VLD 0x80
#define MAC_ID_VLD  0x40

/* Partition section. */
#define PAR_VAL1 2
#define PAR_PNUM 4
#define PAR_SCPS 6
#define PAR_DCPS 8
#define PAR_PNAM 16
#define PAR_PCNT_VLD 0x80
#define PAR_WGHT_VLD 0x40
#define PAR_ABS_VLD  0x20
#define PAR_ID_VLD   0x10
#define PAR_GRP_VLD  0x08

/* Where the SYSIBs keep what STHYI reports (the kernel's struct sysinfo_*). */
#define S111_MANUFACTURER 32
#define S111_TYPE         48
#define S111_SEQUENCE     80
#define S111_PLANT        96
#define S122_CONFIGURED   38
#define S222_LPAR_NUMBER  32
#define S222_CHARACTER    35
#define S222_CONFIGURED   38
#define S222_NAME         44
#define S222_DEDICATED    0x80

/* Return codes in R2+1. */
#define STHYI_RC_UNSUPPORTED_FC 4

static void fill_hdr(uint8_t *p)
{
    be16_store(p + HDR_DLN, HDR_LEN);
    be16_store(p + HDR_MOFF, MAC_OFF);
    be16_store(p + HDR_MLEN, MAC_LEN);
    be16_store(p + HDR_POFF, PAR_OFF);
    be16_store(p + HDR_PLEN, PAR_LEN);
    be16_store(p + HDR_TOTL, PAR_OFF + PAR_LEN);
}

/* Machine identification from 1.1.1 (the CPC name stays empty: no OCF name). */
static void fill_machine_id(const UvsimVcpu *v, uint8_t *mac, uint8_t *sysib)
{
    memset(sysib, 0, PAGE_SIZE_4K);
    if (!uvsim_build_sysib(v, 1, 1, 1, sysib)) {
        return;
    }
    memcpy(mac + MAC_TYPE, sysib + S111_TYPE, 4);
    memcpy(mac + MAC_MANU, sysib + S111_MANUFACTURER, 16);
    memcpy(mac + MAC_PMAN, sysib + S111_PLANT, 4);
    memcpy(mac + MAC_SEQ, sysib + S111_SEQUENCE, 16);
    mac[MAC_VAL1] |= MAC_ID_VLD;
}

/*
 * The partition from 2.2.2 and what DIAG 0x204 shows of it: its CPUs
 * are CPs, dedicated or shared as 2.2.2's characteristics say; no cap,
 * no weight (dedicated), no group.  The physical CPs of the machine
 * (1.2.2's configured count) are all this partition's.
 */
static void fill_partition(const UvsimVcpu *v, uint8_t *mac, uint8_t *par,
                           uint8_t *sysib)
{
    unsigned cpus;
    bool dedicated;

    memset(sysib, 0, PAGE_SIZE_4K);
    if (!uvsim_build_sysib(v, 2, 2, 2, sysib)) {
        return;
    }
    be16_store(par + PAR_PNUM, be16_load(sysib + S222_LPAR_NUMBER));
    memcpy(par + PAR_PNAM, sysib + S222_NAME, 8);
    par[PAR_VAL1] |= PAR_ID_VLD;

    cpus = be16_load(sysib + S222_CONFIGURED);
    dedicated = sysib[S222_CHARACTER] & S222_DEDICATED;
    be16_store(par + (dedicated ? PAR_DCPS : PAR_SCPS), cpus);
    par[PAR_VAL1] |= PAR_GRP_VLD | PAR_PCNT_VLD | PAR_ABS_VLD | PAR_WGHT_VLD;

    memset(sysib, 0, PAGE_SIZE_4K);
    if (uvsim_build_sysib(v, 1, 2, 2, sysib)) {
        be16_store(mac + MAC_DCPS, be16_load(sysib + S122_CONFIGURED));
        mac[MAC_VAL1] |= MAC_CNT_VLD;
    }
}

void uvsim_sthyi_fill(const UvsimVcpu *v, uint8_t *p)
{
    g_autofree uint8_t *sysib = g_malloc(PAGE_SIZE_4K);

    fill_hdr(p);
    fill_machine_id(v, p + MAC_OFF, sysib);
    fill_partition(v, p + MAC_OFF, p + PAR_OFF, sysib);
}

bool uvsim_handle_sthyi(UvsimVcpu *v, uint32_t ipb)
{
    S390Regs *r = uvcpu_regs(v->cpu);
    unsigned r1 = (ipb >> 20) & 0xf, r2 = (ipb >> 16) & 0xf;
    g_autofree uint8_t *page = NULL;
    uint64_t code, addr, teid;
    uint16_t pgm;

    if (!uvsim_has_facility(v->vm, STHYI_FACILITY)) {
        uvsim_program_interrupt(v, UVCPU_PGM_OPERATION);
        return true;
    }
    code = r->regs[r1];
    addr = r->regs[r2];
    if (r1 == r2 || (r1 & 1) || (r2 & 1)) {
        uvsim_program_interrupt(v, UVCPU_PGM_SPECIFICATION);
        return true;
    }
    if (code & 0xffff) {
        r->regs[r2 + 1] = STHYI_RC_UNSUPPORTED_FC;
        uvsim_set_cc(v, 3);
        return true;
    }
    if (addr & (PAGE_SIZE_4K - 1)) {
        uvsim_program_interrupt(v, UVCPU_PGM_SPECIFICATION);
        return true;
    }
    page = g_malloc0(PAGE_SIZE_4K);
    uvsim_sthyi_fill(v, page);
    if (!uvcpu_access_logical(v->cpu, addr, page, PAGE_SIZE_4K, true, &pgm, &teid)) {
        uvcpu_inject_program(v->cpu, pgm, v->last_ilc, teid);
        return true;
    }
    r->regs[r2 + 1] = 0;
    uvsim_set_cc(v, 0);
    return true;
}
