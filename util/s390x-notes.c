/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * s390x-notes.c - ordinary s390x ELF core notes (see util/s390x-notes.h).
 */
#include "qemu/osdep.h"
#include "util/be-access.h"
#include "util/s390x-notes.h"

/* Payload sizes, as in the kernel's s390x regsets. */
#define PRSTATUS_SIZE     336
#define PRSTATUS_PID      32
#define PRSTATUS_PSW      112
#define PRSTATUS_GPRS     128
#define PRSTATUS_ACRS     256
#define FPREGSET_SIZE     136
#define PRPSINFO_SIZE     136
#define PRPSINFO_FNAME    40
#define PRPSINFO_FNAME_LEN 16
#define PRPSINFO_PSARGS   56
#define PRPSINFO_PSARGS_LEN 80

static void store_be64_array(uint8_t *out, const uint64_t *v, int n)
{
    for (int i = 0; i < n; i++) {
        be64_store(out + 8 * i, v[i]);
    }
}

static size_t note_prstatus(uint8_t *out, const S390Regs *env, uint32_t pid)
{
    uint8_t d[PRSTATUS_SIZE] = { 0 };

    be32_store(d + PRSTATUS_PID, pid);
    be64_store(d + PRSTATUS_PSW, env->psw_mask);
    be64_store(d + PRSTATUS_PSW + 8, env->psw_addr);
    store_be64_array(d + PRSTATUS_GPRS, env->regs, 16);
    for (int i = 0; i < 16; i++) {
        be32_store(d + PRSTATUS_ACRS + 4 * i, env->aregs[i]);
    }
    return elf_note_write(out, "CORE", NT_PRSTATUS, d, sizeof(d));
}

static size_t note_fpregset(uint8_t *out, const S390Regs *env)
{
    uint8_t d[FPREGSET_SIZE] = { 0 };

    be32_store(d, env->fpc);
    for (int i = 0; i < 16; i++) {
        be64_store(d + 8 + 8 * i, env->vregs[i][0]);
    }
    return elf_note_write(out, "CORE", NT_FPREGSET, d, sizeof(d));
}

/* One LINUX note holding @n big-endian doublewords. */
static size_t note_linux_u64s(uint8_t *out, uint32_t type, const uint64_t *v, int n)
{
    uint8_t d[256];

    store_be64_array(d, v, n);
    return elf_note_write(out, "LINUX", type, d, 8 * n);
}

static size_t note_linux_u32(uint8_t *out, uint32_t type, uint32_t v)
{
    uint8_t d[4];

    be32_store(d, v);
    return elf_note_write(out, "LINUX", type, d, sizeof(d));
}

static size_t note_vxrs_low(uint8_t *out, const S390Regs *env)
{
    uint64_t low[16];

    for (int i = 0; i < 16; i++) {
        low[i] = env->vregs[i][1];
    }
    return note_linux_u64s(out, NT_S390_VXRS_LOW, low, 16);
}

size_t s390x_cpu_notes_size(void)
{
    return elf_note_size(5, PRSTATUS_SIZE) + elf_note_size(5, FPREGSET_SIZE) +
           elf_note_size(6, 4) +        /* PREFIX */
           elf_note_size(6, 128) +      /* CTRS */
           elf_note_size(6, 8) * 2 +    /* TIMER, TODCMP */
           elf_note_size(6, 4) +        /* TODPREG */
           elf_note_size(6, 128) +      /* VXRS_LOW */
           elf_note_size(6, 256) +      /* VXRS_HIGH */
           elf_note_size(6, 32);        /* GS_CB */
}

void s390x_cpu_notes_write(const S390Regs *env, uint32_t pid, uint8_t *out)
{
    uint8_t *p = out;

    p += note_prstatus(p, env, pid);
    p += note_fpregset(p, env);
    p += note_linux_u32(p, NT_S390_PREFIX, env->prefix);
    p += note_linux_u64s(p, NT_S390_CTRS, env->cregs, 16);
    p += note_linux_u64s(p, NT_S390_TIMER, &env->cputm, 1);
    p += note_linux_u64s(p, NT_S390_TODCMP, &env->ckc, 1);
    p += note_linux_u32(p, NT_S390_TODPREG, env->todpr);
    p += note_vxrs_low(p, env);
    p += note_linux_u64s(p, NT_S390_VXRS_HIGH, &env->vregs[16][0], 32);
    p += note_linux_u64s(p, NT_S390_GS_CB, env->gscb, 4);
    g_assert((size_t)(p - out) == s390x_cpu_notes_size());
}

size_t s390x_prpsinfo_note_size(void)
{
    return elf_note_size(5, PRPSINFO_SIZE);
}

void s390x_prpsinfo_note_write(const char *fname, uint8_t *out)
{
    uint8_t d[PRPSINFO_SIZE] = { 0 };

    d[0] = 0;      /* pr_state: running */
    d[1] = 'R';    /* pr_sname */
    strncpy((char *)d + PRPSINFO_FNAME, fname, PRPSINFO_FNAME_LEN - 1);
    strncpy((char *)d + PRPSINFO_PSARGS, fname, PRPSINFO_PSARGS_LEN - 1);
    elf_note_write(out, "CORE", NT_PRPSINFO, d, sizeof(d));
}
