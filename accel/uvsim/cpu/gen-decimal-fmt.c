/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-decimal-fmt.c - conversions between decimal formats: PACK, UNPK and
 * MOVE WITH OFFSET (zoned/packed, right to left byte by byte, so that
 * overlapping operands behave as the architecture's byte-at-a-time
 * definition), PKA/PKU and UNPKA/UNPKU (ASCII and Unicode digits), and
 * EDIT / EDIT AND MARK.
 */
#include "internal.h"

/* Both operands of an SS instruction, translated before anything is stored. */
typedef struct DecOps {
    UvSpan op1, op2;
    unsigned l1, l2;           /* lengths in bytes */
} DecOps;

static void dec_prepare(UvCpu *cpu, const UvInsn *d, DecOps *o, unsigned l1,
                        unsigned l2)
{
    o->l1 = l1;
    o->l2 = l2;
    uv_span(cpu, &o->op2, uv_a2(cpu, d), l2, UVCPU_ACCESS_READ);
    uv_span(cpu, &o->op1, uv_a1(cpu, d), l1, UVCPU_ACCESS_WRITE);
}

#define OP1(o, i) (*uv_span_ptr(&(o)->op1, (i)))
#define OP2(o, i) (*uv_span_ptr(&(o)->op2, (i)))

static inline uint8_t swap_nibbles(uint8_t b)
{
    return (b << 4) | (b >> 4);
}

/* PACK: zoned to packed; digits and sign are not checked. */
UV_HANDLER(pack)
{
    DecOps o;
    int dst, src;
    uint8_t b;

    dec_prepare(cpu, d, &o, d->len + 1, d->len2 + 1);
    dst = o.l1 - 1;
    src = o.l2 - 1;
    OP1(&o, dst) = swap_nibbles(OP2(&o, src));
    src--;
    while (dst-- > 0) {
        b = 0;
        if (src >= 0) {
            b = OP2(&o, src--) & 0xf;
        }
        if (src >= 0) {
            b |= OP2(&o, src--) << 4;
        }
        OP1(&o, dst) = b;
    }
}

/* UNPACK: packed to zoned (zone F); missing digits are zeros. */
UV_HANDLER(unpk)
{
    DecOps o;
    int dst, src;
    bool low = true;           /* next digit: the low nibble of op2[src] */
    uint8_t b;

    dec_prepare(cpu, d, &o, d->len + 1, d->len2 + 1);
    dst = o.l1 - 1;
    src = o.l2 - 1;
    OP1(&o, dst) = swap_nibbles(OP2(&o, src));
    src--;
    while (dst-- > 0) {
        b = src >= 0 ? OP2(&o, src) : 0;
        if (!low) {
            b >>= 4;
            src--;
        }
        low = !low;
        OP1(&o, dst) = 0xf0 | (b & 0xf);
    }
}

/*
 * MOVE WITH OFFSET: the second operand shifted left by a digit behind the
 * first operand's rightmost digit (sign) position, zero-extended on the
 * left, truncated.
 */
UV_HANDLER(mvo)
{
    DecOps o;
    int i;
    uint8_t src, out;

    dec_prepare(cpu, d, &o, d->len + 1, d->len2 + 1);
    src = OP2(&o, o.l2 - 1);
    OP1(&o, o.l1 - 1) = (OP1(&o, o.l1 - 1) & 0x0f) | (src << 4);
    for (i = 1; i < (int)o.l1; i++) {
        out = src >> 4;
        src = (int)o.l2 - 1 - i >= 0 ? OP2(&o, o.l2 - 1 - i) : 0;
        OP1(&o, o.l1 - 1 - i) = out | (src << 4);
    }
}

/* ---- ASCII and Unicode ---- */

/*
 * PKA (@csize 1) and PKU (@csize 2): the low nibbles of the second
 * operand's characters become the digits of a 16-byte packed number with
 * sign C at D1(B1).  The operand holds at most 32 characters; its
 * leftmost character is ignored (the position the 31-digit result has no
 * room for), as QEMU does it.
 */
static void pack_chars(UvCpu *cpu, const UvInsn *d, unsigned csize)
{
    unsigned len = d->len + 1, n = len / csize, i, digit;
    uint8_t buf[16] = { 0 };
    UvSpan s;

    if (len > 32 * csize || len % csize) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    uv_span(cpu, &s, uv_a2(cpu, d), len, UVCPU_ACCESS_READ);
    buf[15] = 0x0c;
    /* digit k from the right sits in byte 15 - (k + 1) / 2 */
    for (i = 0; i + 1 < n; i++) {
        digit = *uv_span_ptr(&s, len - 1 - i * csize) & 0xf;
        if (i % 2 == 0) {
            buf[15 - i / 2] |= digit << 4;
        } else {
            buf[15 - (i + 1) / 2] |= digit;
        }
    }
    uv_span(cpu, &s, uv_a1(cpu, d), 16, UVCPU_ACCESS_WRITE);
    for (i = 0; i < 16; i++) {
        *uv_span_ptr(&s, i) = buf[i];
    }
}

UV_HANDLER(pka) { pack_chars(cpu, d, 1); }
UV_HANDLER(pku) { pack_chars(cpu, d, 2); }

/*
 * UNPKA (@csize 1) and UNPKU (@csize 2): the 31 digits of the 16-byte
 * packed second operand as characters 0x30 | digit, right-aligned in
 * the first operand (at most 32 characters), zero characters on the
 * left.  CC 0 plus, 1 minus, 3 invalid sign; digits are not checked.
 */
static void unpack_chars(UvCpu *cpu, const UvInsn *d, unsigned csize)
{
    unsigned len = d->len + 1, n = len / csize, i, digit, sign;
    uint8_t src[16];
    UvSpan s;

    if (len > 32 * csize || len % csize) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    uv_span(cpu, &s, uv_a2(cpu, d), 16, UVCPU_ACCESS_READ);
    for (i = 0; i < 16; i++) {
        src[i] = *uv_span_ptr(&s, i);
    }
    uv_span(cpu, &s, uv_a1(cpu, d), len, UVCPU_ACCESS_WRITE);
    for (i = 0; i < n; i++) {
        digit = i >= 31 ? 0 : (i % 2 == 0) ? src[15 - i / 2] >> 4
                                          : src[15 - (i + 1) / 2] & 0xf;
        if (csize == 2) {
            *uv_span_ptr(&s, len - 2 - 2 * i) = 0;
        }
        *uv_span_ptr(&s, len - 1 - i * csize) = 0x30 | digit;
    }
    sign = src[15] & 0xf;
    cpu->cc = sign < 0xa ? 3 : (sign == 0xb || sign == 0xd) ? 1 : 0;
}

UV_HANDLER(unpka) { unpack_chars(cpu, d, 1); }
UV_HANDLER(unpku) { unpack_chars(cpu, d, 2); }

/* ---- EDIT ---- */

enum { ED_DIGIT = 0x20, ED_START = 0x21, ED_SEPARATOR = 0x22 };

/*
 * The next source digit of EDIT: the right nibble of *@byte if
 * *@have_low, else the left nibble of the next byte at *@a2 (a data
 * exception if it is not a digit); the right nibble then follows as a
 * digit, or is the sign.
 */
static uint8_t edit_digit(UvCpu *cpu, uint64_t *a2, uint8_t *byte,
                          bool *have_low)
{
    if (*have_low) {
        *have_low = false;
        return *byte & 0xf;
    }
    *byte = uv_ld8(cpu, *a2);
    *a2 = uv_wrap(cpu, *a2 + 1);
    if ((*byte >> 4) > 9) {
        uv_data_exception(cpu, 0);
    }
    *have_low = (*byte & 0xf) <= 9;
    return *byte >> 4;
}

/*
 * EDIT (@mark false) and EDIT AND MARK: the pattern in the first operand
 * is replaced by the edited digits of the packed second operand.  The
 * result is built in a buffer and stored at the end, so a data exception
 * (an invalid digit) leaves storage unchanged.
 */
static void edit(UvCpu *cpu, const UvInsn *d, bool mark)
{
    unsigned len = d->len + 1, i;
    uint64_t a1 = uv_a1(cpu, d), a2 = uv_a2(cpu, d), mark_addr = 0;
    uint8_t buf[256], fill, pat, byte = 0, digit;
    bool sig = false, nonzero = false, have_low = false, marked = false;
    UvSpan s;

    uv_span(cpu, &s, a1, len, UVCPU_ACCESS_WRITE);
    for (i = 0; i < len; i++) {
        buf[i] = *uv_span_ptr(&s, i);
    }
    fill = buf[0];
    for (i = 0; i < len; i++) {
        pat = buf[i];
        if (pat == ED_SEPARATOR) {
            buf[i] = fill;
            sig = false;
            nonzero = false;
            continue;
        }
        if (pat != ED_DIGIT && pat != ED_START) {
            buf[i] = sig ? pat : fill;
            continue;
        }
        digit = edit_digit(cpu, &a2, &byte, &have_low);
        /* EDMK: where significance starts on a nonzero digit (the last time) */
        if (mark && !sig && digit) {
            mark_addr = uv_wrap(cpu, a1 + i);
            marked = true;
        }
        nonzero |= digit != 0;
        buf[i] = (sig || digit) ? 0xf0 | digit : fill;
        sig |= digit != 0 || pat == ED_START;
        if (!have_low && (byte & 0xf) > 9) {
            /* the sign: plus ends the significance, minus keeps it */
            if ((byte & 0xf) != 0xb && (byte & 0xf) != 0xd) {
                sig = false;
            }
        }
    }
    for (i = 0; i < len; i++) {
        *uv_span_ptr(&s, i) = buf[i];
    }
    cpu->cc = !nonzero ? 0 : sig ? 1 : 2;
    if (marked) {
        if (cpu->amask == UINT64_MAX) {
            GR(1) = mark_addr;
        } else {
            GR(1) = (GR(1) & ~cpu->amask) | mark_addr;
        }
    }
}

UV_HANDLER(ed)   { edit(cpu, d, false); }
UV_HANDLER(edmk) { edit(cpu, d, true); }
