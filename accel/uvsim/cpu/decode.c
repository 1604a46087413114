/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * decode.c - from instruction bytes to a UvInsn.
 *
 * The table in insn-table.def is turned once into a lookup array indexed
 * by the (first opcode byte, second opcode part) key; where the second
 * part sits depends only on the first byte, as in the architecture's
 * opcode map.  Decoding an instruction then costs one array access plus
 * the field extraction of its format, and happens once per instruction
 * thanks to the decode cache (code-cache.c).
 */
#include "internal.h"

static const UvInsnDef insn_table[] = {
#define INSN(name, opc, fmt, fn, fac, flags) \
    { #name, opc, UV_FMT_##fmt, fac, flags, uv_op_##fn },
#include "insn-table.def"
#undef INSN
};

/* insn_table index + 1 per opcode key; 0 = no such instruction. */
static uint16_t insn_lookup[1 << 16];

/* Where the second part of the opcode is, by first byte. */
typedef enum {
    OP2_NONE,
    OP2_BYTE1,                 /* bits 8-15 (B2, B9 ...) */
    OP2_NIBBLE1,               /* bits 12-15 (A7, C0 ...) */
    OP2_BYTE5,                 /* bits 40-47 (E3, E6, E7, EB ...) */
} UvOp2Kind;

static UvOp2Kind op2_kind(uint8_t op1)
{
    switch (op1) {
    case 0x01: case 0xb2: case 0xb3: case 0xb9: case 0xe5:
        return OP2_BYTE1;
    case 0xa5: case 0xa7: case 0xc0: case 0xc2: case 0xc4: case 0xc6:
    case 0xc8: case 0xcc:
        return OP2_NIBBLE1;
    case 0xe3: case 0xe6: case 0xe7: case 0xeb: case 0xec: case 0xed:
        return OP2_BYTE5;
    default:
        return OP2_NONE;
    }
}

/* The lookup key of a table opcode (0xNN, 0xNNM or 0xNNMM). */
static uint16_t table_key(uint16_t opc)
{
    if (opc <= 0xff) {
        return opc << 8;
    }
    if (op2_kind(opc >> 4) == OP2_NIBBLE1 && opc <= 0xfff) {
        return ((opc >> 4) << 8) | (opc & 0xf);
    }
    return opc;
}

static gpointer build_lookup(gpointer unused)
{
    size_t i;
    uint16_t key;

    for (i = 0; i < ARRAY_SIZE(insn_table); i++) {
        key = table_key(insn_table[i].opcode);
        g_assert(insn_lookup[key] == 0);      /* a row twice in the table */
        insn_lookup[key] = i + 1;
    }
    return NULL;
}

const UvInsnDef *uv_lookup(uint64_t raw)
{
    static GOnce once = G_ONCE_INIT;
    uint8_t op1 = raw >> 56;
    uint16_t key = op1 << 8;
    uint16_t idx;

    g_once(&once, build_lookup, NULL);
    switch (op2_kind(op1)) {
    case OP2_BYTE1:
        key |= (raw >> 48) & 0xff;
        break;
    case OP2_NIBBLE1:
        key |= (raw >> 48) & 0xf;
        break;
    case OP2_BYTE5:
        key |= (raw >> 16) & 0xff;
        break;
    case OP2_NONE:
        break;
    }
    idx = insn_lookup[key];
    return idx ? &insn_table[idx - 1] : NULL;
}

/* Bits [@pos, @pos + @len) of the instruction, counted from its start. */
static inline uint32_t field(uint64_t raw, unsigned pos, unsigned len)
{
    return (raw >> (64 - pos - len)) & ((1ULL << len) - 1);
}

static inline int64_t sfield(uint64_t raw, unsigned pos, unsigned len)
{
    return ((int64_t)(raw << pos)) >> (64 - len);
}

/* The 20-bit signed displacement DH:DL of the long-displacement formats. */
static int32_t disp20(uint64_t raw)
{
    int32_t dl = field(raw, 20, 12);
    int32_t dh = (int8_t)field(raw, 32, 8);

    return dh * 4096 + dl;
}

/* D(X,B) at bit 12 (X) / 16 (B) / 20 (D), the RX layout. */
static void decode_xbd(uint64_t raw, UvInsn *d)
{
    d->x2 = field(raw, 12, 4);
    d->b2 = field(raw, 16, 4);
    d->d2 = field(raw, 20, 12);
}

/*
 * The formats of the string, decimal and interlocked families: SS-b/c/f
 * and SS-e and SSF put their second address at bit 32 as SS-a does; SSF
 * has R3 in bits 8-11.  SMI and MII (branch prediction) are hints without operands.
 */
static void decode_fields_ext(uint64_t raw, UvFormat fmt, UvInsn *d)
{
    d->b1 = field(raw, 16, 4);
    d->d1 = field(raw, 20, 12);
    d->b2 = field(raw, 32, 4);
    d->d2 = field(raw, 36, 12);
    switch (fmt) {
    case UV_FMT_SS_B:
        d->len = field(raw, 8, 4);
        d->len2 = field(raw, 12, 4);
        break;
    case UV_FMT_SS_C:
        d->len = field(raw, 8, 4);
        d->i3 = field(raw, 12, 4);
        break;
    case UV_FMT_SS_E:
        d->r3 = field(raw, 12, 4);
        break;
    case UV_FMT_SSF:
        d->r3 = field(raw, 8, 4);
        break;
    case UV_FMT_SS_F:
        d->len = field(raw, 8, 8);
        break;
    case UV_FMT_RIE_A:
        d->imm = sfield(raw, 16, 16);
        d->m3 = field(raw, 32, 4);
        d->b1 = d->d1 = d->b2 = d->d2 = 0;
        break;
    case UV_FMT_RSL_A:
        d->len = field(raw, 8, 4);
        d->b2 = d->d2 = 0;
        break;
    default:                   /* SMI, MII */
        break;
    }
}

/*
 * Vector register field at bit @pos, extended to 0-31 by its RXB bit
 * (bit 36 extends the field at bit 8, 37 at 12, 38 at 16, 39 at 32).
 */
static uint8_t vreg(uint64_t raw, unsigned pos)
{
    unsigned rxb_bit = pos == 32 ? 39 : 36 + (pos - 8) / 4;

    return field(raw, pos, 4) | (field(raw, rxb_bit, 1) << 4);
}

/* The register-only E7 formats VRR-a ... VRR-f. */
static void decode_vrr(uint64_t raw, UvFormat fmt, UvInsn *d)
{
    d->b2 = 0;
    d->d2 = 0;
    d->r2 = vreg(raw, 12);
    d->r3 = vreg(raw, 16);
    switch (fmt) {
    case UV_FMT_VRR_A:
        d->m5 = field(raw, 24, 4);
        d->m4 = field(raw, 28, 4);
        d->m3 = field(raw, 32, 4);
        break;
    case UV_FMT_VRR_B:
        d->m5 = field(raw, 24, 4);
        d->m4 = field(raw, 32, 4);
        break;
    case UV_FMT_VRR_C:
        d->m6 = field(raw, 24, 4);
        d->m5 = field(raw, 28, 4);
        d->m4 = field(raw, 32, 4);
        break;
    case UV_FMT_VRR_D:
        d->m5 = field(raw, 20, 4);
        d->m6 = field(raw, 24, 4);
        d->r4 = vreg(raw, 32);
        break;
    case UV_FMT_VRR_E:
        d->m6 = field(raw, 20, 4);
        d->m5 = field(raw, 28, 4);
        d->r4 = vreg(raw, 32);
        break;
    default:                   /* VRR-f: general registers R2, R3 */
        d->r2 = field(raw, 12, 4);
        d->r3 = field(raw, 16, 4);
        break;
    }
}

/* The E7 formats; the fields by operand number (see UvInsn). */
static void decode_vector(uint64_t raw, UvFormat fmt, UvInsn *d)
{
    d->r1 = vreg(raw, 8);
    d->b2 = field(raw, 16, 4);
    d->d2 = field(raw, 20, 12);
    switch (fmt) {
    case UV_FMT_VRX:
        d->x2 = field(raw, 12, 4);
        d->m3 = field(raw, 32, 4);
        break;
    case UV_FMT_VRV:
        d->r2 = vreg(raw, 12);
        d->m3 = field(raw, 32, 4);
        break;
    case UV_FMT_VRS_A:
    case UV_FMT_VRS_B:
    case UV_FMT_VRS_C:
        d->r3 = fmt == UV_FMT_VRS_B ? field(raw, 12, 4) : vreg(raw, 12);
        d->r1 = fmt == UV_FMT_VRS_C ? field(raw, 8, 4) : d->r1;
        d->m4 = field(raw, 32, 4);
        break;
    case UV_FMT_VRI_A:
        d->imm = sfield(raw, 16, 16);
        d->m3 = field(raw, 32, 4);
        break;
    case UV_FMT_VRI_B:
        d->imm = field(raw, 16, 8);
        d->i3 = field(raw, 24, 8);
        d->m4 = field(raw, 32, 4);
        break;
    case UV_FMT_VRI_C:
        d->r3 = vreg(raw, 12);
        d->imm = field(raw, 16, 16);
        d->m4 = field(raw, 32, 4);
        break;
    case UV_FMT_VRI_D:
        d->r2 = vreg(raw, 12);
        d->r3 = vreg(raw, 16);
        d->i4 = field(raw, 24, 8);
        d->m5 = field(raw, 32, 4);
        break;
    case UV_FMT_VRI_E:
        d->r2 = vreg(raw, 12);
        d->imm = field(raw, 16, 12);
        d->m5 = field(raw, 28, 4);
        d->m4 = field(raw, 32, 4);
        break;
    default:
        decode_vrr(raw, fmt, d);
        break;
    }
}

static void decode_fields(uint64_t raw, UvFormat fmt, UvInsn *d)
{
    d->r1 = field(raw, 8, 4);
    switch (fmt) {
    case UV_FMT_E:
        break;
    case UV_FMT_I:
        d->imm = field(raw, 8, 8);
        break;
    case UV_FMT_RR:
        d->r2 = field(raw, 12, 4);
        break;
    case UV_FMT_RRE:
        d->r1 = field(raw, 24, 4);
        d->r2 = field(raw, 28, 4);
        break;
    case UV_FMT_RRF_A:
    case UV_FMT_RRF_C:
        d->r3 = d->m3 = field(raw, 16, 4);
        d->r1 = field(raw, 24, 4);
        d->r2 = field(raw, 28, 4);
        break;
    case UV_FMT_RRF_E:         /* also RRF-b: R3 in the M3 position */
        d->r3 = d->m3 = field(raw, 16, 4);
        d->m4 = field(raw, 20, 4);
        d->r1 = field(raw, 24, 4);
        d->r2 = field(raw, 28, 4);
        break;
    case UV_FMT_RRD:
        d->r1 = field(raw, 16, 4);
        d->r3 = field(raw, 24, 4);
        d->r2 = field(raw, 28, 4);
        break;
    case UV_FMT_RXE:
        decode_xbd(raw, d);
        d->m3 = field(raw, 32, 4);
        break;
    case UV_FMT_RXF:
        decode_xbd(raw, d);
        d->r3 = field(raw, 8, 4);
        d->r1 = field(raw, 32, 4);
        break;
    case UV_FMT_RX:
        decode_xbd(raw, d);
        break;
    case UV_FMT_RXY:
        decode_xbd(raw, d);
        d->d2 = disp20(raw);
        break;
    case UV_FMT_RS:
    case UV_FMT_RS_B:
    case UV_FMT_RSY:
    case UV_FMT_RSY_B:
        d->r3 = d->m3 = field(raw, 12, 4);
        d->b2 = field(raw, 16, 4);
        d->d2 = (fmt == UV_FMT_RSY || fmt == UV_FMT_RSY_B) ?
                disp20(raw) : (int32_t)field(raw, 20, 12);
        break;
    case UV_FMT_RSI:
    case UV_FMT_RIE_E:
        d->r3 = field(raw, 12, 4);
        d->ri = sfield(raw, 16, 16);
        break;
    case UV_FMT_RI:
        d->ri = d->imm = sfield(raw, 16, 16);
        break;
    case UV_FMT_RIL:
        d->ri = d->imm = sfield(raw, 16, 32);
        break;
    case UV_FMT_RIE_B:
        d->r2 = field(raw, 12, 4);
        d->ri = sfield(raw, 16, 16);
        d->m3 = field(raw, 32, 4);
        break;
    case UV_FMT_RIE_C:
        d->m3 = field(raw, 12, 4);
        d->ri = sfield(raw, 16, 16);
        d->imm = sfield(raw, 32, 8);
        break;
    case UV_FMT_RIE_D:
        d->r3 = field(raw, 12, 4);
        d->imm = sfield(raw, 16, 16);
        break;
    case UV_FMT_RIE_F:
        d->r2 = field(raw, 12, 4);
        d->i3 = field(raw, 16, 8);
        d->i4 = field(raw, 24, 8);
        d->i5 = field(raw, 32, 8);
        break;
    case UV_FMT_RIE_G:
        d->m3 = field(raw, 12, 4);
        d->imm = sfield(raw, 16, 16);
        break;
    case UV_FMT_RIS:
        d->m3 = field(raw, 12, 4);
        d->b2 = field(raw, 16, 4);
        d->d2 = field(raw, 20, 12);
        d->imm = sfield(raw, 32, 8);
        break;
    case UV_FMT_RRS:
        d->r2 = field(raw, 12, 4);
        d->b2 = field(raw, 16, 4);
        d->d2 = field(raw, 20, 12);
        d->m3 = field(raw, 32, 4);
        break;
    case UV_FMT_S:
        d->b2 = field(raw, 16, 4);
        d->d2 = field(raw, 20, 12);
        break;
    case UV_FMT_SI:
    case UV_FMT_SIY:
        d->imm = sfield(raw, 8, 8);
        d->b1 = field(raw, 16, 4);
        d->d1 = fmt == UV_FMT_SIY ? disp20(raw) : (int32_t)field(raw, 20, 12);
        break;
    case UV_FMT_SIL:
        d->b1 = field(raw, 16, 4);
        d->d1 = field(raw, 20, 12);
        d->imm = sfield(raw, 32, 16);
        break;
    case UV_FMT_SS_A:
        d->len = field(raw, 8, 8);
        d->b1 = field(raw, 16, 4);
        d->d1 = field(raw, 20, 12);
        d->b2 = field(raw, 32, 4);
        d->d2 = field(raw, 36, 12);
        break;
    default:
        if (fmt >= UV_FMT_VRX) {
            decode_vector(raw, fmt, d);
        } else {
            decode_fields_ext(raw, fmt, d);
        }
        break;
    }
}

/* An opcode the CPU does not have, or one of a facility that is off. */
static void op_invalid(UvCpu *cpu, const UvInsn *d)
{
    uv_program_exception(cpu, UVCPU_PGM_OPERATION);
}

/* A privileged instruction: runs only in the supervisor state. */
static void op_privileged(UvCpu *cpu, const UvInsn *d)
{
    if (cpu->r.psw_mask & UVCPU_PSW_MASK_PSTATE) {
        uv_program_exception(cpu, UVCPU_PGM_PRIVILEGED);
    }
    d->def->fn(cpu, d);
}

/*
 * A vector instruction: runs only with the AFP-register and vector
 * enablement controls on (CR0 bits 45, 46), as the operating system
 * enables the vector registers lazily on this data exception.
 */
static void op_vector(UvCpu *cpu, const UvInsn *d)
{
    if ((cpu->r.cregs[0] & (UV_CR0_AFP | UV_CR0_VECTOR)) !=
        (UV_CR0_AFP | UV_CR0_VECTOR)) {
        uv_data_exception(cpu, 0xfe);
    }
    d->def->fn(cpu, d);
}

void uv_decode(const UvCpu *cpu, uint64_t raw, UvInsn *d)
{
    const UvInsnDef *def = uv_lookup(raw);

    memset(d, 0, sizeof(*d));
    d->raw = raw;
    d->ilen = uv_insn_len(raw >> 56);
    if (!def || (def->facility && !uvcpu_has_facility(cpu, def->facility))) {
        d->fn = op_invalid;
        return;
    }
    d->def = def;
    decode_fields(raw, def->format, d);
    d->fn = (def->flags & UV_INSN_PRIV) ? op_privileged :
            (def->flags & UV_INSN_VEC) ? op_vector : def->fn;
    d->fast = uv_fast_op(d->fn);
}
