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

/*
 * The fast paths use the addressing-mode mask from a local variable
 * (@amask, cpu->amask as of the last handler): only handlers change it.
 */

/* Target of @d's relative operand when it is at @addr. */
static inline uint64_t fast_rel(const UvInsn *d, uint64_t addr, uint64_t amask)
{
    return (addr + (int64_t)d->ri * 2) & amask;
}

/* The address D(X,B) of uv_addr_bd(). */
static inline uint64_t fast_bd(const UvCpu *cpu, unsigned x, unsigned b,
                               int64_t disp, uint64_t amask)
{
    uint64_t a = disp;

    if (x) {
        a += cpu->r.regs[x];
    }
    if (b) {
        a += cpu->r.regs[b];
    }
    return a & amask;
}

/* Compare and branch: M3 selects on the comparison's CC. */
static inline uint64_t fast_cj(const UvInsn *d, uint64_t addr, uint64_t next,
                               uint64_t amask, uint32_t cmp)
{
    return (d->m3 >> (3 - cmp)) & 1 ? fast_rel(d, addr, amask) : next;
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

/*
 * Threaded dispatch (GCC's computed goto): every instruction ends with its
 * own jump to the next one, so each indirect jump is predicted from its
 * own history.  d is the instruction, addr its address, next the address
 * after it.
 */
#define DISPATCH()                                                      \
    do {                                                                \
        icount++;                                                       \
        next = (addr + d->ilen) & amask;                                \
        goto *dispatch[d->fast];                                        \
    } while (0)

/* Goes on with the instruction after d. */
#define NEXT()                                                          \
    do {                                                                \
        if (G_UNLIKELY(icount >= end || !d->next)) {                    \
            addr = next;                                                \
            goto slow;                                                  \
        }                                                               \
        addr = next;                                                    \
        d = d->next;                                                    \
        DISPATCH();                                                     \
    } while (0)

/* Goes on at address @t; a loop also ends on uvcpu_exit_request(). */
#define JUMP(t)                                                         \
    do {                                                                \
        addr = (t);                                                     \
        if (G_UNLIKELY(icount >= end || addr != vpage + d->target_off || \
                       !d->target ||                                    \
                       g_atomic_int_get(&cpu->exit_request))) {         \
            goto slow;                                                  \
        }                                                               \
        d = d->target;                                                  \
        DISPATCH();                                                     \
    } while (0)

/* Branches to the relative target when @cond holds. */
#define BRANCH_REL_IF(cond)                                             \
    do {                                                                \
        if (cond) {                                                     \
            JUMP(fast_rel(d, addr, amask));                             \
        }                                                               \
        NEXT();                                                         \
    } while (0)

/* Compare and branch: M3 selects on the comparison's CC @cmp. */
#define CMP_BRANCH(cmp) BRANCH_REL_IF((d->m3 >> (3 - (cmp))) & 1)

/* The fast path applies only if @cond holds; the handler does it otherwise. */
#define FAST_IF(cond)                                                   \
    do {                                                                \
        if (!(cond)) {                                                  \
            goto handler;                                               \
        }                                                               \
    } while (0)

#define A1() fast_bd(cpu, 0, d->b1, d->d1, amask)
#define A2() fast_bd(cpu, d->x2, d->b2, d->d2, amask)

void uv_run_chain(UvCpu *cpu, const UvInsn *d, uint64_t addr, uint64_t end)
{
    static const void *const dispatch[] = {
        [UV_FAST_NONE] = &&handler,
        [UV_FAST_BRC] = &&brc, [UV_FAST_BRCT] = &&brct,
        [UV_FAST_BRCTG] = &&brctg, [UV_FAST_CGRJ] = &&cgrj,
        [UV_FAST_CLGRJ] = &&clgrj, [UV_FAST_CGIJ] = &&cgij,
        [UV_FAST_CLGIJ] = &&clgij, [UV_FAST_AGHI] = &&aghi,
        [UV_FAST_AGR] = &&agr, [UV_FAST_AGRK] = &&agrk, [UV_FAST_LGR] = &&lgr,
        [UV_FAST_LGI] = &&lgi, [UV_FAST_LA] = &&la, [UV_FAST_LARL] = &&larl,
        [UV_FAST_LG] = &&lg, [UV_FAST_STG] = &&stg, [UV_FAST_CLI] = &&cli,
        [UV_FAST_MVI] = &&mvi,
    };
    uint64_t vpage = cpu->cur_vpage;
    uint64_t icount = cpu->icount;
    uint64_t amask = cpu->amask;
    uint64_t next;
    uint8_t *p;

    DISPATCH();
brc:   BRANCH_REL_IF(uv_cc_match(cpu, d->r1));
brct:  uv_set_r32(cpu, d->r1, (uint32_t)GR(d->r1) - 1);
       BRANCH_REL_IF((uint32_t)GR(d->r1));
brctg: BRANCH_REL_IF(--GR(d->r1));
cgrj:  CMP_BRANCH(uv_cc_cmp_s(GR(d->r1), GR(d->r2)));
clgrj: CMP_BRANCH(uv_cc_cmp_u(GR(d->r1), GR(d->r2)));
cgij:  CMP_BRANCH(uv_cc_cmp_s(GR(d->r1), d->imm));
clgij: CMP_BRANCH(uv_cc_cmp_u(GR(d->r1), (uint8_t)d->imm));
aghi:  FAST_IF(fast_add64(cpu, d->r1, GR(d->r1), d->imm));
       NEXT();
agr:   FAST_IF(fast_add64(cpu, d->r1, GR(d->r1), GR(d->r2)));
       NEXT();
agrk:  FAST_IF(fast_add64(cpu, d->r1, GR(d->r2), GR(d->r3)));
       NEXT();
lgr:   GR(d->r1) = GR(d->r2);
       NEXT();
lgi:   GR(d->r1) = d->imm;
       NEXT();
la:    GR(d->r1) = A2() | (GR(d->r1) & ~amask & ~0xffffffffULL);
       NEXT();
larl:  GR(d->r1) = fast_rel(d, addr, amask) |
                   (GR(d->r1) & ~amask & ~0xffffffffULL);
       NEXT();
lg:    FAST_IF(p = uv_tlb_hit(cpu, A2(), 8, UVCPU_ACCESS_READ));
       GR(d->r1) = uv_ldn_be(p, 8);
       NEXT();
stg:   FAST_IF(p = uv_tlb_hit(cpu, A2(), 8, UVCPU_ACCESS_WRITE));
       uv_stn_be(p, GR(d->r1), 8);
       NEXT();
cli:   FAST_IF(p = uv_tlb_hit(cpu, A1(), 1, UVCPU_ACCESS_READ));
       cpu->cc = uv_cc_cmp_u(*p, (uint8_t)d->imm);
       NEXT();
       /* A page with decoded code has no write-TLB entry: no fast path. */
mvi:   FAST_IF(p = uv_tlb_hit(cpu, A1(), 1, UVCPU_ACCESS_WRITE));
       *p = d->imm;
       NEXT();

handler:
    cpu->iaddr = addr;
    cpu->ilen = d->ilen;
    cpu->r.psw_addr = next;
    cpu->icount = icount;
    d->fn(cpu, d);
    amask = cpu->amask;
    if (G_UNLIKELY(cpu->cur_vpage != vpage)) {
        addr = cpu->r.psw_addr;
        goto out;
    }
    if (cpu->r.psw_addr == next) {
        NEXT();
    }
    JUMP(cpu->r.psw_addr);

slow:
    /* addr is where control goes after d. */
    if (icount >= end || g_atomic_int_get(&cpu->exit_request)) {
        goto out;
    }
    cpu->r.psw_addr = addr;
    cpu->icount = icount;
    /* The chaining pointers are written here, in a cached UvInsn. */
    d = chain(cpu, (UvInsn *)d, addr, next, vpage);
    if (d) {
        DISPATCH();
    }
    return;
out:
    cpu->r.psw_addr = addr;
    cpu->icount = icount;
}
