/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dispatch.c - running chains of decoded instructions.
 *
 * Once an instruction has run, the decoded instruction that followed it
 * in the same page is remembered in it (UvInsn.next for the fall-through,
 * UvInsn.target for the last branch target), so a loop inside a page runs
 * from pointer to pointer without fetching.  The chain ends when control
 * leaves the page, when the budget is used up, or when something made the
 * page's decoded instructions stale (uv_chain_break(): a store into the
 * page, a TLB flush).
 *
 * The hottest instructions (branches, immediates, 64-bit adds, the
 * commonest loads/stores and compares) are executed in the loop itself
 * (UvInsn.fast) rather than through their handler.  Such a fast path
 * never raises an exception: when the instruction could (an overflow, a
 * TLB miss, a 24/31-bit detail), it leaves the instruction to its
 * handler, which does all of it with the PSW, ILC and instruction
 * address set as for any handler.
 */
#include "internal.h"

static const struct {
    UvInsnFn *fn;
    uint8_t fast;
} fast_ops[] = {
    { uv_op_brc, UV_FAST_BRC },
    { uv_op_brct, UV_FAST_BRCT },
    { uv_op_brctg, UV_FAST_BRCTG },
    { uv_op_cgrj, UV_FAST_CGRJ },
    { uv_op_clgrj, UV_FAST_CLGRJ },
    { uv_op_cgij, UV_FAST_CGIJ },
    { uv_op_clgij, UV_FAST_CLGIJ },
    { uv_op_aghi, UV_FAST_AGHI },
    { uv_op_agr, UV_FAST_AGR },
    { uv_op_agrk, UV_FAST_AGRK },
    { uv_op_lgr, UV_FAST_LGR },
    { uv_op_lghi, UV_FAST_LGI },
    { uv_op_lgfi, UV_FAST_LGI },
    { uv_op_la, UV_FAST_LA },
    { uv_op_larl, UV_FAST_LARL },
    { uv_op_lg, UV_FAST_LG },
    { uv_op_stg, UV_FAST_STG },
    { uv_op_cli, UV_FAST_CLI },
    { uv_op_mvi, UV_FAST_MVI },
};

uint8_t uv_fast_op(UvInsnFn *fn)
{
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(fast_ops); i++) {
        if (fast_ops[i].fn == fn) {
            return fast_ops[i].fast;
        }
    }
    return UV_FAST_NONE;
}

/* A 64-bit signed add into R1 with its CC; false on overflow. */
static inline bool fast_add64(UvCpu *cpu, unsigned r1, int64_t a, int64_t b)
{
    int64_t res;

    if (__builtin_add_overflow(a, b, &res)) {
        return false;
    }
    GR(r1) = res;
    cpu->cc = uv_cc_signed(res);
    return true;
}

/* Target of @d's relative operand when it is at @addr. */
static inline uint64_t fast_rel(const UvCpu *cpu, const UvInsn *d,
                                uint64_t addr)
{
    return uv_wrap(cpu, addr + (int64_t)d->ri * 2);
}

/* Compare and branch: M3 selects on the comparison's CC. */
static inline uint64_t fast_cj(const UvCpu *cpu, const UvInsn *d,
                               uint64_t addr, uint64_t next, uint32_t cmp)
{
    return (d->m3 >> (3 - cmp)) & 1 ? fast_rel(cpu, d, addr) : next;
}

/*
 * Runs @d at @addr if it has a fast path that applies, setting *@to to
 * the address of the next instruction; false leaves it to the handler.
 */
static inline bool fast_exec(UvCpu *cpu, const UvInsn *d, uint64_t addr,
                             uint64_t next, uint64_t *to)
{
    uint8_t *p;

    *to = next;
    switch (d->fast) {
    case UV_FAST_BRC:
        if (uv_cc_match(cpu, d->r1)) {
            *to = fast_rel(cpu, d, addr);
        }
        return true;
    case UV_FAST_BRCT:
        uv_set_r32(cpu, d->r1, (uint32_t)GR(d->r1) - 1);
        if ((uint32_t)GR(d->r1)) {
            *to = fast_rel(cpu, d, addr);
        }
        return true;
    case UV_FAST_BRCTG:
        if (--GR(d->r1)) {
            *to = fast_rel(cpu, d, addr);
        }
        return true;
    case UV_FAST_CGRJ:
        *to = fast_cj(cpu, d, addr, next,
                      uv_cc_cmp_s(GR(d->r1), GR(d->r2)));
        return true;
    case UV_FAST_CLGRJ:
        *to = fast_cj(cpu, d, addr, next, uv_cc_cmp_u(GR(d->r1), GR(d->r2)));
        return true;
    case UV_FAST_CGIJ:
        *to = fast_cj(cpu, d, addr, next, uv_cc_cmp_s(GR(d->r1), d->imm));
        return true;
    case UV_FAST_CLGIJ:
        *to = fast_cj(cpu, d, addr, next,
                      uv_cc_cmp_u(GR(d->r1), (uint8_t)d->imm));
        return true;
    case UV_FAST_AGHI:
        return fast_add64(cpu, d->r1, GR(d->r1), d->imm);
    case UV_FAST_AGR:
        return fast_add64(cpu, d->r1, GR(d->r1), GR(d->r2));
    case UV_FAST_AGRK:
        return fast_add64(cpu, d->r1, GR(d->r2), GR(d->r3));
    case UV_FAST_LGR:
        GR(d->r1) = GR(d->r2);
        return true;
    case UV_FAST_LGI:
        GR(d->r1) = d->imm;
        return true;
    case UV_FAST_LA:
        GR(d->r1) = uv_a2(cpu, d) | (GR(d->r1) & ~cpu->amask & ~0xffffffffULL);
        return true;
    case UV_FAST_LARL:
        GR(d->r1) = fast_rel(cpu, d, addr) |
                    (GR(d->r1) & ~cpu->amask & ~0xffffffffULL);
        return true;
    case UV_FAST_LG:
        p = uv_tlb_hit(cpu, uv_a2(cpu, d), 8, UVCPU_ACCESS_READ);
        if (p) {
            GR(d->r1) = uv_ldn_be(p, 8);
        }
        return p;
    case UV_FAST_STG:
        p = uv_tlb_hit(cpu, uv_a2(cpu, d), 8, UVCPU_ACCESS_WRITE);
        if (p) {
            uv_stn_be(p, GR(d->r1), 8);
        }
        return p;
    case UV_FAST_CLI:
        p = uv_tlb_hit(cpu, uv_a1(cpu, d), 1, UVCPU_ACCESS_READ);
        if (p) {
            cpu->cc = uv_cc_cmp_u(*p, (uint8_t)d->imm);
        }
        return p;
    case UV_FAST_MVI:
        /* A page with decoded code has no write-TLB entry: no fast path. */
        p = uv_tlb_hit(cpu, uv_a1(cpu, d), 1, UVCPU_ACCESS_WRITE);
        if (p) {
            *p = d->imm;
        }
        return p;
    default:
        return false;
    }
}

/*
 * The instruction at @addr, to which @d of logical page @vpage has just
 * passed control, fetched and remembered in @d when both are in the same
 * cached page; NULL when @addr is on another page.
 */
static const UvInsn *chain(UvCpu *cpu, UvInsn *d, uint64_t addr,
                           uint64_t next, uint64_t vpage)
{
    const UvInsn *nd;

    if ((addr & UVCPU_PAGE_MASK) != vpage) {
        return NULL;
    }
    nd = uv_fetch(cpu, addr);
    if (d != &cpu->scratch && nd != &cpu->scratch) {
        if (addr == next) {
            d->next = nd;
        } else {
            d->target = nd;
            d->target_off = addr & ~UVCPU_PAGE_MASK;
        }
    }
    return nd;
}

void uv_run_chain(UvCpu *cpu, const UvInsn *d, uint64_t addr, uint64_t end)
{
    uint64_t vpage = cpu->cur_vpage;
    uint64_t icount = cpu->icount;
    const UvInsn *nd;
    uint64_t next, to;

    for (;;) {
        icount++;
        next = uv_wrap(cpu, addr + d->ilen);
        if (fast_exec(cpu, d, addr, next, &to)) {
            addr = to;
        } else {
            cpu->iaddr = addr;
            cpu->ilen = d->ilen;
            cpu->r.psw_addr = next;
            cpu->icount = icount;
            d->fn(cpu, d);
            addr = cpu->r.psw_addr;
            if (G_UNLIKELY(cpu->cur_vpage != vpage)) {
                break;
            }
        }
        if (G_UNLIKELY(icount >= end)) {
            break;
        }
        if (addr == next) {
            nd = d->next;
        } else if (addr == vpage + d->target_off) {
            nd = d->target;
        } else {
            nd = NULL;
        }
        if (G_UNLIKELY(!nd)) {
            cpu->r.psw_addr = addr;
            cpu->icount = icount;
            /* The chaining pointers are written here, in a cached UvInsn. */
            nd = chain(cpu, (UvInsn *)d, addr, next, vpage);
            if (!nd) {
                return;
            }
        }
        d = nd;
    }
    cpu->r.psw_addr = addr;
    cpu->icount = icount;
}
