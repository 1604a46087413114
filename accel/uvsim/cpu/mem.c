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

/*
 * Translates @addr for the hypervisor with access key @key; false with
 * *@pgm and *@teid set when an access exception is recognised.
 */
static bool access_page(UvCpu *cpu, uint64_t addr, UvCpuAccess acc,
                        unsigned key, uint8_t **host, uint16_t *pgm,
                        uint64_t *teid)
{
    uint64_t psw_addr = cpu->r.psw_addr;

    cpu->ilen = 0;
    if (sigsetjmp(cpu->exit_jmp, 0) == 0) {
        *host = uv_sys_translate_key(cpu, addr, acc, key);
        return true;
    }
    /* The exception was raised for the hypervisor's access, not an instruction. */
    cpu->r.psw_addr = psw_addr;
    *pgm = cpu->exit.pgm_code;
    *teid = cpu->exit.teid;
    return false;
}

uint16_t uvcpu_access_logical_key(UvCpu *cpu, uint64_t addr, void *buf,
                                  size_t len, bool write, unsigned key,
                                  uint64_t *teid)
{
    UvCpuAccess acc = write ? UVCPU_ACCESS_WRITE : UVCPU_ACCESS_READ;
    uint8_t *p = buf, *host;
    uint16_t pgm = 0;
    uint64_t a;
    size_t off, chunk;

    cpu->amask = uv_psw_amask(cpu->r.psw_mask);
    if (!cpu->amask) {
        cpu->amask = UINT64_MAX;
    }
    *teid = 0;
    /* Check every page first: the access happens entirely or not at all. */
    addr &= cpu->amask;
    for (off = 0; off < len; off += chunk) {
        a = (addr + off) & cpu->amask;
        chunk = UVCPU_PAGE_SIZE - (a & ~UVCPU_PAGE_MASK);
        if (!access_page(cpu, a, acc, key, &host, &pgm, teid)) {
            return pgm;
        }
    }
    while (p && len) {
        chunk = MIN(len, UVCPU_PAGE_SIZE - (addr & ~UVCPU_PAGE_MASK));
        access_page(cpu, addr, acc, key, &host, &pgm, teid);
        if (write) {
            memcpy(host, p, chunk);
        } else {
            memcpy(p, host, chunk);
        }
        addr = (addr + chunk) & cpu->amask;
        p += chunk;
        len -= chunk;
    }
    return 0;
}

bool uvcpu_access_logical(UvCpu *cpu, uint64_t addr, void *buf, size_t len,
                          bool write, uint16_t *pgm, uint64_t *teid)
{
    unsigned key = (cpu->r.psw_mask & UVCPU_PSW_MASK_KEY) >> 52;

    *pgm = uvcpu_access_logical_key(cpu, addr, buf, len, write, key, teid);
    return *pgm == 0;
}
