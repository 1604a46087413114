/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-trap.c - instructions that trap: COMPARE AND TRAP in its register,
 * immediate and storage forms (facility 34; CLT/CLGT 49), and the
 * load-and-trap instructions (facility 49).  A trap is a data exception
 * with DXC 0xFF; the instruction completes first (the load is done, the
 * CC is unchanged).
 */
#include "internal.h"

#define DXC_TRAP 0xff

/* Traps when mask @m (8 equal, 4 low, 2 high) selects comparison @cmp. */
static void trap_if(UvCpu *cpu, unsigned m, uint32_t cmp)
{
    if ((m >> (3 - cmp)) & 1) {
        uv_data_exception(cpu, DXC_TRAP);
    }
}

UV_HANDLER(crt)   { trap_if(cpu, d->m3, uv_cc_cmp_s((int32_t)GR(d->r1), (int32_t)GR(d->r2))); }
UV_HANDLER(cgrt)  { trap_if(cpu, d->m3, uv_cc_cmp_s(GR(d->r1), GR(d->r2))); }
UV_HANDLER(clrt)  { trap_if(cpu, d->m3, uv_cc_cmp_u(uv_r32(cpu, d->r1), uv_r32(cpu, d->r2))); }
UV_HANDLER(clgrt) { trap_if(cpu, d->m3, uv_cc_cmp_u(GR(d->r1), GR(d->r2))); }
UV_HANDLER(cit)   { trap_if(cpu, d->m3, uv_cc_cmp_s((int32_t)GR(d->r1), d->imm)); }
UV_HANDLER(cgit)  { trap_if(cpu, d->m3, uv_cc_cmp_s(GR(d->r1), d->imm)); }
UV_HANDLER(clfit) { trap_if(cpu, d->m3, uv_cc_cmp_u(uv_r32(cpu, d->r1), (uint16_t)d->imm)); }
UV_HANDLER(clgit) { trap_if(cpu, d->m3, uv_cc_cmp_u(GR(d->r1), (uint16_t)d->imm)); }

UV_HANDLER(clt)
{
    trap_if(cpu, d->m3, uv_cc_cmp_u(uv_r32(cpu, d->r1), uv_ld32(cpu, uv_a2(cpu, d))));
}

UV_HANDLER(clgt)
{
    trap_if(cpu, d->m3, uv_cc_cmp_u(GR(d->r1), uv_ld64(cpu, uv_a2(cpu, d))));
}

/* ---- load and trap: the trap comes after the load, on a zero value ---- */

static void trap_if_zero(UvCpu *cpu, uint64_t v)
{
    if (!v) {
        uv_data_exception(cpu, DXC_TRAP);
    }
}

UV_HANDLER(lat)
{
    uint32_t v = uv_ld32(cpu, uv_a2(cpu, d));

    uv_set_r32(cpu, d->r1, v);
    trap_if_zero(cpu, v);
}

UV_HANDLER(lgat)
{
    uint64_t v = uv_ld64(cpu, uv_a2(cpu, d));

    GR(d->r1) = v;
    trap_if_zero(cpu, v);
}

UV_HANDLER(lfhat)
{
    uint32_t v = uv_ld32(cpu, uv_a2(cpu, d));

    GR(d->r1) = ((uint64_t)v << 32) | uv_r32(cpu, d->r1);
    trap_if_zero(cpu, v);
}

UV_HANDLER(llgfat)
{
    uint64_t v = uv_ld32(cpu, uv_a2(cpu, d));

    GR(d->r1) = v;
    trap_if_zero(cpu, v);
}

UV_HANDLER(llgtat)
{
    uint64_t v = uv_ld32(cpu, uv_a2(cpu, d)) & 0x7fffffff;

    GR(d->r1) = v;
    trap_if_zero(cpu, v);
}
