/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uvsim-stsi.c - STORE SYSTEM INFORMATION as the s390x kernel answers it.
 *
 * The kernel (priv.c handle_stsi) checks the operands, asks the host
 * machine for the SYSIBs of levels 1 and 2 (basic machine, LPAR) and
 * builds level 3.2.2 by putting the VM in front of whatever hypervisors
 * the host runs under.  uvsim's simulated host is an LPAR of a z15 that
 * runs under no other hypervisor.  With KVM_CAP_S390_USER_STSI the
 * kernel then leaves KVM_RUN with KVM_EXIT_S390_STSI so that user space
 * can patch the data in (QEMU: the 3.2.2 name, UUID and CPU counts).
 * The layouts are the kernel's struct sysinfo_* (asm/sysinfo.h).
 */
#include "qemu/osdep.h"
#include "uvsim-internal.h"
#include "cpu/cpu.h"
#include "util/be-access.h"
#include "util/ebcdic.h"

#define SYSIB_SIZE 4096
#define HOST_CPUS  UVSIM_HOST_CPUS

/* Stores @text in EBCDIC, blank-padded to @len bytes. */
static void put_ebcdic(uint8_t *dst, const char *text, size_t len)
{
    memset(dst, ' ', len);
    memcpy(dst, text, MIN(strlen(text), len));
    ascii_to_ebcdic(dst, dst, len);
}

static void sysib_1_1_1(uint8_t *p)
{
    put_ebcdic(p + 32, "IBM", 16);          /* manufacturer */
    put_ebcdic(p + 48, "8561", 4);          /* type */
    put_ebcdic(p + 64, "T01", 16);          /* model capacity identifier */
    put_ebcdic(p + 80, "00000000000A1B2C", 16);  /* sequence code */
    put_ebcdic(p + 96, "02", 4);            /* plant */
    put_ebcdic(p + 100, "T01", 16);         /* model */
}

static void sysib_1_2_1(const UvsimVcpu *v, uint8_t *p)
{
    put_ebcdic(p + 80, "00000000000A1B2C", 16);
    put_ebcdic(p + 96, "02", 4);
    be16_store(p + 102, v->id);             /* CPU address */
}

static void sysib_1_2_2(uint8_t *p)
{
    p[0] = 0;                               /* format */
    be32_store(p + 32, 1000);               /* capability */
    be16_store(p + 36, HOST_CPUS);          /* total */
    be16_store(p + 38, HOST_CPUS);          /* configured */
}

static void sysib_2_2_1(const UvsimVcpu *v, uint8_t *p)
{
    put_ebcdic(p + 80, "00000000000A1B2C", 16);
    put_ebcdic(p + 96, "02", 4);
    be16_store(p + 100, v->id);             /* logical CPU identifier */
    be16_store(p + 102, v->id);             /* CPU address */
}

static void sysib_2_2_2(uint8_t *p)
{
    be16_store(p + 32, 1);                  /* LPAR number */
    p[35] = 0x80;                           /* characteristics: dedicated */
    be16_store(p + 36, HOST_CPUS);
    be16_store(p + 38, HOST_CPUS);
    put_ebcdic(p + 44, "LP01", 8);          /* LPAR name */
    be32_store(p + 52, 1000);               /* capability adjustment factor */
}

static unsigned online_vcpus(const UvsimVM *vm)
{
    unsigned n = 0;

    for (int i = 0; i < UVSIM_MAX_VCPUS; i++) {
        n += vm->vcpus[i] != NULL;
    }
    return n;
}

/* The kernel's handle_stsi_3_2_2 with no hypervisor above the LPAR. */
static void sysib_3_2_2(const UvsimVcpu *v, uint8_t *p)
{
    uint8_t *vm0 = p + 32;
    unsigned cpus = online_vcpus(v->vm);

    p[31] = 1;                              /* count of VM levels */
    be16_store(vm0 + 4, cpus);              /* total */
    be16_store(vm0 + 6, cpus);              /* configured */
    put_ebcdic(vm0 + 12, "KVMguest", 8);    /* name */
    be32_store(vm0 + 20, 1000);             /* caf */
    put_ebcdic(vm0 + 24, "KVM/Linux", 16);  /* control-program identifier */
}

bool uvsim_build_sysib(const UvsimVcpu *v, unsigned fc, unsigned sel1,
                       unsigned sel2, uint8_t *p)
{
    switch (fc << 8 | sel1 << 4 | sel2) {
    case 0x111:
        sysib_1_1_1(p);
        return true;
    case 0x121:
        sysib_1_2_1(v, p);
        return true;
    case 0x122:
        sysib_1_2_2(p);
        return true;
    case 0x221:
        sysib_2_2_1(v, p);
        return true;
    case 0x222:
        sysib_2_2_2(p);
        return true;
    case 0x322:
        sysib_3_2_2(v, p);
        return true;
    default:
        return false;
    }
}

/* Hands the completed STSI to user space (KVM_CAP_S390_USER_STSI). */
static void exit_stsi(UvsimVcpu *v, uint64_t addr, unsigned fc,
                      unsigned sel1, unsigned sel2, uint32_t ipb)
{
    v->run->exit_reason = KVM_EXIT_S390_STSI;
    v->run->s390_stsi.addr = addr;
    v->run->s390_stsi.ar = (ipb >> 28) & 0xf;
    v->run->s390_stsi.fc = fc;
    v->run->s390_stsi.sel1 = sel1;
    v->run->s390_stsi.sel2 = sel2;
}

bool uvsim_handle_stsi(UvsimVcpu *v, uint32_t ipb)
{
    S390Regs *r = uvcpu_regs(v->cpu);
    unsigned fc = r->regs[0] >> 28 & 0xf, sel1 = r->regs[0] & 0xff;
    unsigned sel2 = r->regs[1] & 0xffff;
    g_autofree uint8_t *page = NULL;
    uint64_t addr, teid;
    uint16_t pgm;

    if (fc > 3) {
        /* fc 15 needs the configuration-topology facility, not offered. */
        uvsim_set_cc(v, 3);
        return true;
    }
    if ((r->regs[0] & 0x0fffff00) || (r->regs[1] & 0xffff0000)) {
        uvsim_program_interrupt(v, UVCPU_PGM_SPECIFICATION);
        return true;
    }
    if (fc == 0) {
        r->regs[0] = 3u << 28;      /* the current configuration level */
        uvsim_set_cc(v, 0);
        return true;
    }
    addr = uvsim_base_disp(v, ipb);
    if (addr & 0xfff) {
        uvsim_program_interrupt(v, UVCPU_PGM_SPECIFICATION);
        return true;
    }
    page = g_malloc0(SYSIB_SIZE);
    if (!uvsim_build_sysib(v, fc, sel1, sel2, page)) {
        uvsim_set_cc(v, 3);
        return true;
    }
    if (!uvcpu_access_logical(v->cpu, addr, page, SYSIB_SIZE, true, &pgm, &teid)) {
        uvcpu_inject_program(v->cpu, pgm, v->last_ilc, teid);
        return true;
    }
    uvsim_set_cc(v, 0);
    r->regs[0] = 0;
    if (v->vm->user_stsi) {
        exit_stsi(v, addr, fc, sel1, sel2, ipb);
        return false;
    }
    return true;
}
