/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * internal.h - what the interpreter's files share: the CPU state, the
 * instruction table's types, the pre-decoded instruction, and the operand,
 * storage and condition-code helpers every handler is built from.
 */
#ifndef ACCEL_UVSIM_CPU_INTERNAL_H
#define ACCEL_UVSIM_CPU_INTERNAL_H

#include <setjmp.h>
#include "cpu.h"

typedef struct UvInsn UvInsn;
typedef void UvInsnFn(UvCpu *cpu, const UvInsn *d);

/* Instruction formats (Principles of Operation, chapter 5). */
typedef enum UvFormat {
    UV_FMT_E, UV_FMT_I, UV_FMT_RR, UV_FMT_RRE, UV_FMT_RRF_A, UV_FMT_RRF_C,
    UV_FMT_RX, UV_FMT_RXY, UV_FMT_RS, UV_FMT_RS_B, UV_FMT_RSY, UV_FMT_RSY_B,
    UV_FMT_RSI, UV_FMT_RI, UV_FMT_RIL, UV_FMT_RIE_B, UV_FMT_RIE_C,
    UV_FMT_RIE_D, UV_FMT_RIE_E, UV_FMT_RIE_F, UV_FMT_RIE_G, UV_FMT_RIS,
    UV_FMT_RRS, UV_FMT_S, UV_FMT_SI, UV_FMT_SIY, UV_FMT_SIL, UV_FMT_SS_A,
    /* string, decimal, high-word and interlocked families */
    UV_FMT_SS_B, UV_FMT_SS_C, UV_FMT_SS_E, UV_FMT_SS_F, UV_FMT_SSF,
    UV_FMT_RIE_A, UV_FMT_RSL_A, UV_FMT_SMI, UV_FMT_MII,
    /* BFP */
    UV_FMT_RRF_E, UV_FMT_RRD, UV_FMT_RXE, UV_FMT_RXF,
    /* vector facility (E7 opcodes) */
    UV_FMT_VRX, UV_FMT_VRV, UV_FMT_VRS_A, UV_FMT_VRS_B,
    UV_FMT_VRS_C, UV_FMT_VRI_A, UV_FMT_VRI_B, UV_FMT_VRI_C, UV_FMT_VRI_D,
    UV_FMT_VRI_E, UV_FMT_VRR_A, UV_FMT_VRR_B, UV_FMT_VRR_C, UV_FMT_VRR_D,
    UV_FMT_VRR_E, UV_FMT_VRR_F,
} UvFormat;

/* UvInsnDef.flags */
#define UV_INSN_PRIV   0x01    /* privileged: problem state gets PGM 0x02 */
#define UV_INSN_VEC    0x02    /* vector: needs CR0 bits 45 and 46, else
                                  data exception DXC 0xFE */

/* One row of the instruction table (insn-table.def). */
typedef struct UvInsnDef {
    const char *name;
    uint16_t opcode;           /* 0xNN, or 0xNNMM / 0xNNM with the second part */
    uint8_t format;            /* UvFormat */
    uint8_t facility;          /* STFLE bit that must be on; 0 = always */
    uint8_t flags;             /* UV_INSN_* */
    UvInsnFn *fn;
} UvInsnDef;

/*
 * An instruction decoded once: its handler and every operand field, so a
 * handler never looks at instruction bytes.  Field names follow the
 * operand positions of the formats; the second-operand address fields
 * (x2, b2, d2) also hold B4/D4 of RIS and RRS, and m3 holds the mask
 * wherever the format puts it.  Immediates are sign-extended; handlers of
 * unsigned immediates cast them.
 *
 * Vector formats: r1-r4 are the operands V1/R1 ... V4 by operand number,
 * vector registers already extended to 0-31 by the RXB field; m3-m6 the
 * masks by operand number; imm is I2 (I3 of VRI-e), i3 the I3 of VRI-b,
 * i4 the I4 of VRI-d.
 */
struct UvInsn {
    UvInsnFn *fn;
    const UvInsnDef *def;
    uint64_t raw;              /* instruction bytes, left-aligned */
    int64_t imm;               /* I2 (I of SVC) */
    int32_t ri;                /* relative-immediate operand, in halfwords */
    int32_t d1, d2;
    uint8_t r1, r2, r3, m3, x2, b1, b2;
    uint8_t r4, m4, m5, m6;    /* vector formats; m4 also RRF-e (BFP) */
    uint8_t i3, i4, i5;        /* RIE-f */
    uint8_t len;               /* SS-a length code L; L1 of SS-b/c, L2 of SS-f */
    uint8_t len2;              /* SS-b length code L2 */
    uint8_t ilen;              /* instruction length in bytes */
    uint8_t fast;              /* UvFast: executed in the run loop itself */
    /*
     * Chaining (run.c): the decoded successors in the same page, so the
     * run loop goes from one instruction to the next without a fetch.
     * @next follows when the PSW is past the instruction, @target when
     * it is at offset @target_off of the instruction's logical page.
     * uv_decode() clears them; only instructions of a UvCodePage get them.
     */
    uint16_t target_off;
    const UvInsn *next;
    const UvInsn *target;
};

/*
 * The instructions dispatch.c executes inline (UvInsn.fast), by handler;
 * UV_FAST_NONE calls the handler.
 */
typedef enum UvFast {
    UV_FAST_NONE,
    UV_FAST_BRC, UV_FAST_BRCT, UV_FAST_BRCTG,
    UV_FAST_CGRJ, UV_FAST_CLGRJ, UV_FAST_CGIJ, UV_FAST_CLGIJ,
    UV_FAST_AGHI, UV_FAST_AGR, UV_FAST_AGRK,
    UV_FAST_LGR, UV_FAST_LGI, UV_FAST_LA, UV_FAST_LARL,
    UV_FAST_LG, UV_FAST_STG, UV_FAST_CLI, UV_FAST_MVI,
} UvFast;

/* Every handler is declared from the table. */
#define UV_HANDLER(fn) void uv_op_##fn(UvCpu *cpu, const UvInsn *d)
#define INSN(name, opc, fmt, fn, fac, flags) UV_HANDLER(fn);
#include "insn-table.def"
#undef INSN

/* A direct-mapped cache of page translations, one per access type. */
#define UV_TLB_SIZE 1024
typedef struct UvTlbEntry {
    uint64_t page;             /* logical page address; 1 = empty */
    uint8_t *host;
} UvTlbEntry;

/*
 * The decoded instructions of one 4 KiB guest page, keyed by its host
 * address (what it holds does not depend on where it is mapped: relative
 * operands are resolved at execution time).
 */
#define UV_SLOT_UNCACHED 0xffff
#define UV_CHUNK_INSNS 64
typedef struct UvCodePage {
    uint8_t *host;             /* the page's first byte */
    uint16_t slot[UVCPU_PAGE_SIZE / 2];  /* per halfword: insn index + 1,
                                            0 = not decoded yet,
                                            UV_SLOT_UNCACHED = decode each time */
    /*
     * The decoded instructions, in chunks that never move, so that the
     * chaining pointers between them (UvInsn.next/target) stay valid
     * until the page is written.
     */
    UvInsn *chunk[UVCPU_PAGE_SIZE / 2 / UV_CHUNK_INSNS];
    uint32_t n;
} UvCodePage;

/* Decoded instruction @i of @page. */
static inline UvInsn *uv_code_insn(const UvCodePage *page, unsigned i)
{
    return &page->chunk[i / UV_CHUNK_INSNS][i % UV_CHUNK_INSNS];
}

struct UvCpu {
    S390Regs r;
    uint32_t cc;               /* condition code while running */
    uint64_t amask;            /* effective-address mask of the addressing mode */
    uint64_t iaddr;            /* address of the instruction being executed */
    uint8_t ilen;              /* its ILC in bytes (EXECUTE's, for a target) */
    bool in_execute;           /* executing the target of EX/EXRL */
    int exit_request;          /* uvcpu_exit_request(): atomic */
    uint64_t icount;
    const UvCpuMemOps *ops;
    void *opaque;
    UvTlbEntry tlb[3][UV_TLB_SIZE];
    /* decode cache (decode.c) */
    GHashTable *code_pages;    /* host page -> UvCodePage */
    UvCodePage *cur_page;      /* page of the last fetch ... */
    uint64_t cur_vpage;        /* ... at this logical page (1 = none: also
                                  how a write to the page or a TLB flush
                                  ends the run loop's chaining) */
    UvInsn scratch;            /* an instruction that is not cached */
    uint64_t fac[4];           /* installed facilities, STFLE bit order */
    sigjmp_buf exit_jmp;
    UvCpuExit exit;
    /* supervisor state (sys-*.c, interrupt.c) */
    UvCpuSys *sys;             /* shared with the machine's other CPUs */
    UvCpuSys own_sys;          /* sys until uvcpu_attach_sys() */
    uint32_t tlb_gen;          /* sys->tlb_gen when the TLB was last flushed */
    uint32_t code_gen;         /* sys->code_gen when decoded code was last flushed */
    uint64_t teid;             /* TEID of the access exception being raised */
    uint8_t dxc;               /* DXC of the data exception being raised */
    uint16_t oai;              /* UV_OAI_VALID | MVPG's R1 and R2 fields
                                  while it translates its operands, else 0 */
    uint16_t cpu_addr;
    uint64_t cpuid;
    uint64_t last_tod;         /* STCK uniqueness */
    int64_t cputm_since_ns;    /* host monotonic time r.cputm was valid at */
    int64_t cputm_left;        /* r.cputm at the last return from run ... */
    int64_t cputm_left_ns;     /* ... and when that was */
    bool deliver;              /* architected interruption delivery */
    GMutex irq_lock;           /* guards the pending external state below */
    uint32_t ext_pending;      /* UV_EXT_* bits */
    uint32_t service_param;
    uint16_t extcall_addr;
    uint64_t emergency_from[4];    /* bit per source CPU address */
    bool restart_pending;
    /* machine checks (interrupt.c), under irq_lock as the kernel keeps them */
    UvCpuMchk mchk_local;      /* CPU-local: exigent or repressible */
    uint64_t mchk_float_cr14;  /* floating repressible conditions taken */
    uint64_t mchk_float_mcic;  /* ... from the VM (uvcpu_set_mchk_pending) */
    bool mchk_ex, mchk_rep, mchk_float;
    bool pgm_injected;         /* uvcpu_inject_program(), not yet delivered */
    UvCpuExit pgm_inject;
    uint8_t bfp_trap;          /* DXC of a completed BFP operation's trap */
};

/* UvCpu.oai: the operand-access id is set. */
#define UV_OAI_VALID 0x100

/* Internal exit: interruptions may have become deliverable; look again. */
#define UV_EXIT_RECHECK ((UvCpuExitReason)0x100)

/* ---- exits (run.c) ---------------------------------------------------- */

/* Leaves uvcpu_run() with cpu->exit filled in. */
G_NORETURN void uv_exit(UvCpu *cpu);

/* Raises program interruption @code for the current instruction. */
G_NORETURN void uv_program_exception(UvCpu *cpu, uint16_t code);

/*
 * Raises a data exception (program interruption 7) with data-exception
 * code @dxc: stored in the lowcore word at 0x90 on delivery, and in byte 2 of
 * the FPC when the AFP-register control (CR0 bit 45) is on.
 */
G_NORETURN void uv_data_exception(UvCpu *cpu, uint8_t dxc);

/* The effective-address mask of PSW mask @mask's addressing mode, 0 if invalid. */
uint64_t uv_psw_amask(uint64_t mask);

/* The PSW mask with the current condition code folded in. */
uint64_t uv_psw_mask(const UvCpu *cpu);

/*
 * Ends the run loop's current chain of instructions after the running
 * one: the next instruction is fetched, not taken from a chaining
 * pointer.  Needed whenever the page's decoded instructions or the
 * translation of the instruction address may have changed.
 */
static inline void uv_chain_break(UvCpu *cpu)
{
    cpu->cur_vpage = 1;
}

/* ---- running (dispatch.c) --------------------------------------------- */

/* The UvFast of handler @fn (UV_FAST_NONE for most). */
uint8_t uv_fast_op(UvInsnFn *fn);

/*
 * Runs @d, fetched at @addr, and the instructions that follow it in the
 * same page until control leaves the page, the chain breaks or
 * cpu->icount reaches @end.  Leaves the PSW at the next instruction.
 */
void uv_run_chain(UvCpu *cpu, const UvInsn *d, uint64_t addr, uint64_t end);

/* ---- decoding (decode.c) ---------------------------------------------- */

/* The table row for the instruction whose first bytes are @raw, or NULL. */
const UvInsnDef *uv_lookup(uint64_t raw);

/* Length in bytes of the instruction whose first byte is @op. */
static inline unsigned uv_insn_len(uint8_t op)
{
    return op < 0x40 ? 2 : op < 0xc0 ? 4 : 6;
}

/* Decodes @raw (left-aligned) into @d for @cpu's facilities. */
void uv_decode(const UvCpu *cpu, uint64_t raw, UvInsn *d);

/* The decoded instruction at @addr, from the cache or decoded now. */
const UvInsn *uv_fetch_slow(UvCpu *cpu, uint64_t addr);

/*
 * uv_fetch_slow() with the fast path in front: the same page as the last
 * fetch, already decoded.  Sets the instruction address and a zero ILC
 * (a fetch exception has no instruction yet).
 */
static inline const UvInsn *uv_fetch(UvCpu *cpu, uint64_t addr)
{
    uint16_t slot;

    cpu->iaddr = addr;
    cpu->ilen = 0;
    if (G_LIKELY((addr & UVCPU_PAGE_MASK) == cpu->cur_vpage)) {
        slot = cpu->cur_page->slot[(addr & ~UVCPU_PAGE_MASK) / 2];
        if (G_LIKELY((uint16_t)(slot - 1) < UV_SLOT_UNCACHED - 1)) {
            return uv_code_insn(cpu->cur_page, slot - 1);
        }
    }
    return uv_fetch_slow(cpu, addr);
}

/*
 * Host page @host is about to be written: forget the instructions decoded
 * from it.  The UvInsn the running handler uses stays readable until the
 * next decode.
 */
void uv_code_written(UvCpu *cpu, uint8_t *host);

void uv_code_init(UvCpu *cpu);
void uv_code_free(UvCpu *cpu);
void uv_code_flush(UvCpu *cpu);

/* ---- storage (mem.c) -------------------------------------------------- */

/* Host address of the page holding @addr for @acc, or raises the exception. */
uint8_t *uv_translate(UvCpu *cpu, uint64_t addr, UvCpuAccess acc);

uint64_t uv_ld_slow(UvCpu *cpu, uint64_t addr, unsigned len, UvCpuAccess acc);
void uv_st_slow(UvCpu *cpu, uint64_t addr, uint64_t val, unsigned len);

static inline uint64_t uv_ldn_be(const uint8_t *p, unsigned len)
{
    uint16_t v16;
    uint32_t v32;
    uint64_t v64;

    switch (len) {
    case 1:
        return *p;
    case 2:
        memcpy(&v16, p, 2);
        return GUINT16_FROM_BE(v16);
    case 4:
        memcpy(&v32, p, 4);
        return GUINT32_FROM_BE(v32);
    default:
        memcpy(&v64, p, 8);
        return GUINT64_FROM_BE(v64);
    }
}

static inline void uv_stn_be(uint8_t *p, uint64_t val, unsigned len)
{
    uint16_t v16;
    uint32_t v32;
    uint64_t v64;

    switch (len) {
    case 1:
        *p = val;
        break;
    case 2:
        v16 = GUINT16_TO_BE(val);
        memcpy(p, &v16, 2);
        break;
    case 4:
        v32 = GUINT32_TO_BE(val);
        memcpy(p, &v32, 4);
        break;
    default:
        v64 = GUINT64_TO_BE(val);
        memcpy(p, &v64, 8);
        break;
    }
}

/* The TLB entry that maps @addr, if it is there and holds all @len bytes. */
static inline uint8_t *uv_tlb_hit(UvCpu *cpu, uint64_t addr, unsigned len,
                                  UvCpuAccess acc)
{
    UvTlbEntry *e = &cpu->tlb[acc][(addr >> 12) & (UV_TLB_SIZE - 1)];

    if (G_LIKELY(e->page == (addr & UVCPU_PAGE_MASK) &&
                 (addr & ~UVCPU_PAGE_MASK) + len <= UVCPU_PAGE_SIZE)) {
        return e->host + (addr & ~UVCPU_PAGE_MASK);
    }
    return NULL;
}

/* Loads @len (1, 2, 4, 8) bytes at logical address @addr, big-endian. */
static inline uint64_t uv_ld(UvCpu *cpu, uint64_t addr, unsigned len)
{
    uint8_t *p = uv_tlb_hit(cpu, addr, len, UVCPU_ACCESS_READ);

    return p ? uv_ldn_be(p, len) : uv_ld_slow(cpu, addr, len,
                                              UVCPU_ACCESS_READ);
}

/* Stores the low @len bytes of @val at logical address @addr. */
static inline void uv_st(UvCpu *cpu, uint64_t addr, uint64_t val,
                         unsigned len)
{
    uint8_t *p = uv_tlb_hit(cpu, addr, len, UVCPU_ACCESS_WRITE);

    if (p) {
        uv_stn_be(p, val, len);
    } else {
        uv_st_slow(cpu, addr, val, len);
    }
}

#define uv_ld8(c, a)  ((uint8_t)uv_ld(c, a, 1))
#define uv_ld16(c, a) ((uint16_t)uv_ld(c, a, 2))
#define uv_ld32(c, a) ((uint32_t)uv_ld(c, a, 4))
#define uv_ld64(c, a) uv_ld(c, a, 8)

/*
 * A storage operand of up to 4 KiB, translated once before an instruction
 * changes anything, so that it either completes or faults without partial
 * results: at most two host ranges (it may cross one page boundary).
 */
typedef struct UvSpan {
    uint8_t *p[2];
    uint32_t len0;             /* bytes in p[0]; the rest are in p[1] */
} UvSpan;

/* Translates [@addr, @addr + @len) for @acc; 1 <= @len <= 4096. */
void uv_span(UvCpu *cpu, UvSpan *s, uint64_t addr, uint32_t len,
             UvCpuAccess acc);

static inline uint8_t *uv_span_ptr(const UvSpan *s, uint32_t i)
{
    return i < s->len0 ? s->p[0] + i : s->p[1] + (i - s->len0);
}

/* ---- operands --------------------------------------------------------- */

#define GR(n)  (cpu->r.regs[n])

static inline uint32_t uv_r32(const UvCpu *cpu, unsigned r)
{
    return (uint32_t)cpu->r.regs[r];
}

/* Sets bits 32-63 of GR @r, keeping bits 0-31. */
static inline void uv_set_r32(UvCpu *cpu, unsigned r, uint32_t v)
{
    cpu->r.regs[r] = (cpu->r.regs[r] & 0xffffffff00000000ULL) | v;
}

static inline uint64_t uv_wrap(const UvCpu *cpu, uint64_t a)
{
    return a & cpu->amask;
}

/* The address B(D) or D(X,B): register 0 stands for zero. */
static inline uint64_t uv_addr_bd(const UvCpu *cpu, unsigned x, unsigned b,
                                  int64_t disp)
{
    uint64_t a = disp;

    if (x) {
        a += cpu->r.regs[x];
    }
    if (b) {
        a += cpu->r.regs[b];
    }
    return uv_wrap(cpu, a);
}

/* Second-operand address D2(X2,B2) (also D4(B4) of RIS/RRS). */
static inline uint64_t uv_a2(const UvCpu *cpu, const UvInsn *d)
{
    return uv_addr_bd(cpu, d->x2, d->b2, d->d2);
}

/* First-operand address D1(B1). */
static inline uint64_t uv_a1(const UvCpu *cpu, const UvInsn *d)
{
    return uv_addr_bd(cpu, 0, d->b1, d->d1);
}

/* Target of a relative operand: the instruction's address + 2 * RI. */
static inline uint64_t uv_rel(const UvCpu *cpu, const UvInsn *d)
{
    return uv_wrap(cpu, cpu->iaddr + (int64_t)d->ri * 2);
}

/* Raises a specification exception unless @r is even (register pairs). */
static inline void uv_check_even(UvCpu *cpu, unsigned r)
{
    if (r & 1) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
}

/* ---- supervisor state (sys-*.c, interrupt.c) ------------------------- */

/* CR0 bits (bit 0 is the most significant of 64). */
/* PSW bit 21: the decimal-overflow mask of the program mask. */
#define UV_PSW_MASK_DO      0x0000040000000000ULL

#define UV_CR0_LAP          0x0000000010000000ULL  /* 35: low-address protection */
#define UV_CR0_EXTRACT_AUTH 0x0000000008000000ULL  /* 36: extraction authority */
#define UV_CR0_EDAT         0x0000000000800000ULL  /* 40 */
#define UV_CR0_IEP          0x0000000000100000ULL  /* 43 */
#define UV_CR0_AFP          0x0000000000040000ULL  /* 45: AFP registers */
#define UV_CR0_VECTOR       0x0000000000020000ULL  /* 46: vector enablement */
#define UV_CR0_EMERGENCY_SC 0x0000000000004000ULL  /* 49 */
#define UV_CR0_EXTCALL_SC   0x0000000000002000ULL  /* 50 */
#define UV_CR0_CKC_SC       0x0000000000000800ULL  /* 52 */
#define UV_CR0_CPUTM_SC     0x0000000000000400ULL  /* 53 */
#define UV_CR0_SERVICE_SC   0x0000000000000200ULL  /* 54 */

/* Host address of the byte at real address @raddr for @acc, or NULL. */
uint8_t *uv_real_host(UvCpu *cpu, uint64_t raddr, UvCpuAccess acc);

/*
 * Host address of the byte at absolute address @aaddr for @acc, or NULL
 * (no storage there).  A write forgets the instructions decoded from the
 * page.
 */
uint8_t *uv_abs_host(UvCpu *cpu, uint64_t aaddr, UvCpuAccess acc);

/* The absolute address of real address @raddr (prefixing). */
uint64_t uv_prefix(const UvCpu *cpu, uint64_t raddr);

/*
 * Translates logical page @addr for @acc under the current PSW and CRs
 * (DAT, prefixing, protection, storage keys); raises the access exception.
 */
uint8_t *uv_sys_translate(UvCpu *cpu, uint64_t addr, UvCpuAccess acc);

/*
 * uv_sys_translate() with access key @key instead of the PSW key (MVPG):
 * the host address of the byte at @addr.  A write forgets the
 * instructions decoded from the page.
 */
uint8_t *uv_sys_translate_key(UvCpu *cpu, uint64_t addr, UvCpuAccess acc,
                              unsigned key);

/*
 * The program-interruption code DAT would raise translating @addr for
 * @acc (0 if it translates, or DAT is off); raises nothing.  Protection
 * and storage are not looked at.
 */
uint16_t uv_dat_probe(UvCpu *cpu, uint64_t addr, UvCpuAccess acc);

/*
 * The PSW was replaced (LPSW, SSM, an interruption ...): take over the CC
 * and addressing mode of @cpu->r.psw_mask and flush the TLB if @old_mask
 * translated differently.  Returns false if the new PSW is invalid.
 */
bool uv_psw_loaded(UvCpu *cpu, uint64_t old_mask);

/*
 * Host address of the byte at real address @raddr for an instruction that
 * addresses real storage (LURA, STURA, ISKE ...): low-address and key
 * protection apply, DAT does not; raises the access exception.
 */
uint8_t *uv_real_translate(UvCpu *cpu, uint64_t raddr, UvCpuAccess acc);

/* LOAD REAL ADDRESS of @vaddr: the CC, and R1's new value in *@r1val. */
unsigned uv_dat_lra(UvCpu *cpu, uint64_t vaddr, uint64_t *r1val);

/* TEST PROTECTION of @addr with access key @key: the CC. */
unsigned uv_dat_tprot(UvCpu *cpu, uint64_t addr, unsigned key);

/*
 * Ends the instruction stream after the current instruction so that
 * pending interruptions (and a wait PSW) are looked at; returns only when
 * neither delivery nor a wait can follow.
 */
void uv_irq_recheck(UvCpu *cpu);

/*
 * Raises a data exception with data-exception code @dxc: into the FPC's
 * DXC byte when CR0's AFP-register control is on, and the lowcore
 * word at 0x90 (zero-extended) when the interruption is delivered.
 */
G_NORETURN void uv_data_exception(UvCpu *cpu, uint8_t dxc);

/*
 * Raises a vector-processing exception (program interruption 0x1B) with
 * vector-exception code @vxc (element index << 4 | IEEE class): stored like
 * a DXC, in the FPC's DXC byte and the lowcore word at 0x90.
 */
G_NORETURN void uv_vector_exception(UvCpu *cpu, uint8_t vxc);

/* Raises access exception @code with translation-exception id @teid. */
G_NORETURN void uv_access_exception(UvCpu *cpu, uint16_t code, uint64_t teid);

/* The CPU timer now (sys-tod.c). */
int64_t uv_cputm_now(UvCpu *cpu);

/* The CPU timer starts / stops counting with uvcpu_run(). */
void uv_cputm_enter(UvCpu *cpu);
void uv_cputm_leave(UvCpu *cpu);

/* Host monotonic clock in nanoseconds. */
int64_t uv_host_ns(void);

/* Before the first and after every slice of instructions (interrupt.c). */
bool uv_irq_check(UvCpu *cpu);

/* After a slice ended with @cpu->exit: whether to run another slice. */
bool uv_irq_after_exit(UvCpu *cpu, uint64_t end);

/* Instructions per slice in delivery mode: bounds interruption latency. */
#define UV_SLICE 4096

/* ---- condition codes -------------------------------------------------- */

static inline uint32_t uv_cc_signed(int64_t v)
{
    return v == 0 ? 0 : v < 0 ? 1 : 2;
}

static inline uint32_t uv_cc_cmp_s(int64_t a, int64_t b)
{
    return a == b ? 0 : a < b ? 1 : 2;
}

static inline uint32_t uv_cc_cmp_u(uint64_t a, uint64_t b)
{
    return a == b ? 0 : a < b ? 1 : 2;
}

/* Whether mask @m (BC style, 8 = CC 0) selects the current CC. */
static inline bool uv_cc_match(const UvCpu *cpu, unsigned m)
{
    return (m >> (3 - cpu->cc)) & 1;
}

/*
 * CC 3 for a fixed-point overflow, and the interruption when the PSW's
 * program mask enables it (after the result is stored: the operation
 * completes).
 */
static inline void uv_fixpt_overflow(UvCpu *cpu)
{
    cpu->cc = 3;
    if (cpu->r.psw_mask & UVCPU_PSW_MASK_FPO) {
        uv_program_exception(cpu, UVCPU_PGM_FIXPT_OVERFLOW);
    }
}

#endif /* ACCEL_UVSIM_CPU_INTERNAL_H */
