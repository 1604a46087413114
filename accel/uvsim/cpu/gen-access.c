/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-access.c - the access registers: EXTRACT / SET ACCESS (EAR, SAR),
 * COPY ACCESS, LOAD / STORE ACCESS MULTIPLE, and LOAD ADDRESS EXTENDED,
 * which also sets the access register for the address space the PSW
 * names.  Linux keeps the thread pointer in ARs 0 and 1, so every
 * threaded program reads them with EAR.
 */
#include "internal.h"

UV_HANDLER(ear)  { uv_set_r32(cpu, d->r1, cpu->r.aregs[d->r2]); }
UV_HANDLER(sar)  { cpu->r.aregs[d->r1] = uv_r32(cpu, d->r2); }
UV_HANDLER(cpya) { cpu->r.aregs[d->r1] = cpu->r.aregs[d->r2]; }

/* The word-aligned operand of LAM/STAM: access registers R1 to R3, wrapping. */
static uint64_t am_addr(UvCpu *cpu, const UvInsn *d, unsigned *n)
{
    uint64_t a = uv_a2(cpu, d);

    if (a & 3) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    *n = ((d->r3 - d->r1) & 15) + 1;
    return a;
}

UV_HANDLER(lam)
{
    unsigned i, n;
    uint64_t a = am_addr(cpu, d, &n);
    uint32_t v[16];

    /* Fetch everything first: an access exception changes no register. */
    for (i = 0; i < n; i++) {
        v[i] = uv_ld32(cpu, uv_wrap(cpu, a + 4 * i));
    }
    for (i = 0; i < n; i++) {
        cpu->r.aregs[(d->r1 + i) & 15] = v[i];
    }
}

UV_HANDLER(stam)
{
    unsigned i, n;
    uint64_t a = am_addr(cpu, d, &n);
    uint32_t v;
    UvSpan s;

    uv_span(cpu, &s, a, 4 * n, UVCPU_ACCESS_WRITE);
    for (i = 0; i < 4 * n; i++) {
        v = cpu->r.aregs[(d->r1 + i / 4) & 15];
        *uv_span_ptr(&s, i) = v >> (24 - 8 * (i % 4));
    }
}

/*
 * LOAD ADDRESS EXTENDED: R1 = the address (as LA); AR R1 = the ALET of
 * the PSW's address space: 0 primary, 1 secondary, 2 home, and in the
 * access-register mode AR B2 (0 when B2 is 0).
 */
UV_HANDLER(lae)
{
    static const uint32_t alet[4] = { 0, 0, 1, 2 };
    unsigned as = (cpu->r.psw_mask >> 46) & 3;

    if (cpu->amask == UINT64_MAX) {
        GR(d->r1) = uv_a2(cpu, d);
    } else {
        uv_set_r32(cpu, d->r1, uv_a2(cpu, d));
    }
    cpu->r.aregs[d->r1] = as == 1 ? (d->b2 ? cpu->r.aregs[d->b2] : 0) : alet[as];
}
