/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mem.c - storage access: the TLB in front of the translation hook, and
 * the slow paths for accesses that miss it or cross a page boundary.
 *
 * Every access is translated before anything is stored, so an access
 * exception leaves storage untouched (the operation is suppressed), and
 * a store to a page with decoded instructions invalidates them first.
 */
#include "internal.h"

uint8_t *uv_translate(UvCpu *cpu, uint64_t addr, UvCpuAccess acc)
{
    uint64_t page = addr & UVCPU_PAGE_MASK;
    UvTlbEntry *e = &cpu->tlb[acc][(addr >> 12) & (UV_TLB_SIZE - 1)];
    uint8_t *host;

    if (e->page == page) {
        return e->host;
    }
    /* DAT, prefixing, protection and keys (dat.c) */
    host = uv_sys_translate(cpu, addr, acc);
    if (acc == UVCPU_ACCESS_WRITE) {
        uv_code_written(cpu, host);
        /*
         * Low-address protection covers only the first 512 bytes of pages
         * 0 and 1: stores there are checked one by one, never cached.
         */
        if (page <= UVCPU_PAGE_SIZE && (cpu->r.cregs[0] & UV_CR0_LAP)) {
            return host;
        }
    }
    e->page = page;
    e->host = host;
    return host;
}

void uvcpu_tlb_flush(UvCpu *cpu)
{
    unsigned acc, i;

    for (acc = 0; acc < 3; acc++) {
        for (i = 0; i < UV_TLB_SIZE; i++) {
            cpu->tlb[acc][i].page = 1;
            cpu->tlb[acc][i].host = NULL;
        }
    }
    /* The next instruction is fetched through the new translation. */
    uv_chain_break(cpu);
    /* The fetch fast path caches a logical page too. */
    cpu->cur_vpage = 1;
    cpu->tlb_gen = g_atomic_int_get(&cpu->sys->tlb_gen);
}

uint64_t uv_ld_slow(UvCpu *cpu, uint64_t addr, unsigned len, UvCpuAccess acc)
{
    uint64_t val = 0;
    uint64_t a;
    unsigned i;

    for (i = 0; i < len; i++) {
        a = uv_wrap(cpu, addr + i);
        val = (val << 8) | uv_translate(cpu, a, acc)[a & ~UVCPU_PAGE_MASK];
    }
    return val;
}

void uv_st_slow(UvCpu *cpu, uint64_t addr, uint64_t val, unsigned len)
{
    UvSpan s;
    unsigned i;

    uv_span(cpu, &s, addr, len, UVCPU_ACCESS_WRITE);
    for (i = 0; i < len; i++) {
        *uv_span_ptr(&s, i) = val >> (8 * (len - 1 - i));
    }
}

void uv_span(UvCpu *cpu, UvSpan *s, uint64_t addr, uint32_t len,
             UvCpuAccess acc)
{
    uint32_t off;

    addr = uv_wrap(cpu, addr);
    off = addr & ~UVCPU_PAGE_MASK;
    s->len0 = MIN(len, UVCPU_PAGE_SIZE - off);
    s->p[0] = uv_translate(cpu, addr, acc) + off;
    s->p[1] = NULL;
    if (len > s->len0) {
        s->p[1] = uv_translate(cpu, uv_wrap(cpu, addr + s->len0), acc);
    }
}

/* Translates one page's worth of @addr; false with *@pgm set on an exception. */
static bool access_page(UvCpu *cpu, uint64_t addr, UvCpuAccess acc,
                        uint8_t **host, uint16_t *pgm, uint64_t *teid)
{
    uint64_t psw_addr = cpu->r.psw_addr;

    cpu->ilen = 0;
    if (sigsetjmp(cpu->exit_jmp, 0) == 0) {
        *host = uv_translate(cpu, addr, acc);
        return true;
    }
    /* The exception was raised for the hypervisor's access, not an instruction. */
    cpu->r.psw_addr = psw_addr;
    *pgm = cpu->exit.pgm_code;
    *teid = cpu->exit.teid;
    return false;
}

bool uvcpu_access_logical(UvCpu *cpu, uint64_t addr, void *buf, size_t len,
                          bool write, uint16_t *pgm, uint64_t *teid)
{
    UvCpuAccess acc = write ? UVCPU_ACCESS_WRITE : UVCPU_ACCESS_READ;
    uint8_t *p = buf, *host;
    size_t chunk;

    cpu->amask = uv_psw_amask(cpu->r.psw_mask);
    if (!cpu->amask) {
        cpu->amask = UINT64_MAX;
    }
    /* Check every page first: the access happens entirely or not at all. */
    for (uint64_t a = addr & UVCPU_PAGE_MASK; a < addr + len; a += UVCPU_PAGE_SIZE) {
        if (!access_page(cpu, a < addr ? addr : a, acc, &host, pgm, teid)) {
            return false;
        }
    }
    while (len) {
        addr &= cpu->amask;
        chunk = MIN(len, UVCPU_PAGE_SIZE - (addr & ~UVCPU_PAGE_MASK));
        access_page(cpu, addr, acc, &host, pgm, teid);
        host += addr & ~UVCPU_PAGE_MASK;
        if (write) {
            uv_code_written(cpu, host - (addr & ~UVCPU_PAGE_MASK));
            memcpy(host, p, chunk);
        } else {
            memcpy(p, host, chunk);
        }
        addr += chunk;
        p += chunk;
        len -= chunk;
    }
    return true;
}
