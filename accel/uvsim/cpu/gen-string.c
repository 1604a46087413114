/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-string.c - the string and translation instructions: CLST, SRST,
 * SRSTU, MVST (terminated strings, the end character in GR0), CLCL and
 * CLCLE (compare long with padding), TR, TRT, TRTR (translate), and the
 * byte-shuffling SS instructions MVN, MVZ, MVCIN.
 *
 * Where the architecture lets the CPU stop after a CPU-determined number
 * of bytes with CC 3 (CLST, SRST, MVST, CLCLE) this one stops after
 * UV_STRING_CHUNK bytes, with the registers updated so that re-executing
 * the instruction continues.  Not earlier, at a page boundary: the
 * registers an ending execution leaves "unchanged" (CLST's CC 0, MVST's
 * R2, SRST's CC 2) are those of its start, so the amount per execution
 * shows in the end state, and QEMU (the oracle) only stops after 8 KiB.
 */
#include "internal.h"

/* Bytes one execution of a CC-3 interruptible instruction looks at, at most. */
#define UV_STRING_CHUNK 4096

/* An operand-address register update: bits 32-63 (masked) below 64-bit mode. */
static void set_addr_reg(UvCpu *cpu, unsigned r, uint64_t a)
{
    if (cpu->amask == UINT64_MAX) {
        GR(r) = a;
    } else {
        uv_set_r32(cpu, r, a & cpu->amask);
    }
}

/* The end character of SRST/MVST: bits 32-55 of GR0 must be zero. */
static uint8_t end_char(UvCpu *cpu)
{
    if (GR(0) & 0xffffff00ULL) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    return GR(0);
}

/*
 * COMPARE LOGICAL STRING.  Unlike MVST and SRST it does not check bits
 * 32-55 of GR0 (they are only "reserved, should be zero").
 */
UV_HANDLER(clst)
{
    uint8_t c = GR(0), b1, b2;
    uint64_t a1 = uv_wrap(cpu, GR(d->r1)), a2 = uv_wrap(cpu, GR(d->r2));
    uint64_t i, n = UV_STRING_CHUNK;

    for (i = 0; i < n; i++) {
        b1 = uv_ld8(cpu, uv_wrap(cpu, a1 + i));
        b2 = uv_ld8(cpu, uv_wrap(cpu, a2 + i));
        if (b1 == c && b2 == c) {
            cpu->cc = 0;
            return;
        }
        if (b1 == c || b2 == c || b1 != b2) {
            cpu->cc = (b1 == c || (b2 != c && b1 < b2)) ? 1 : 2;
            set_addr_reg(cpu, d->r1, a1 + i);
            set_addr_reg(cpu, d->r2, a2 + i);
            return;
        }
    }
    set_addr_reg(cpu, d->r1, a1 + n);
    set_addr_reg(cpu, d->r2, a2 + n);
    cpu->cc = 3;
}

/*
 * SEARCH STRING (@size 1) and SEARCH STRING UNICODE (@size 2): from R2
 * up to the end address in R1.
 */
static void search_string(UvCpu *cpu, const UvInsn *d, unsigned size)
{
    uint64_t end = uv_wrap(cpu, GR(d->r1)), a = uv_wrap(cpu, GR(d->r2));
    uint16_t c;
    uint64_t i;

    if (size == 1) {
        c = end_char(cpu);
    } else if (GR(0) & 0xffff0000ULL) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    } else {
        c = GR(0);
    }
    for (i = 0; i < UV_STRING_CHUNK; i += size) {
        if (end - a < size || a == end) {
            cpu->cc = 2;
            return;
        }
        if (uv_ld(cpu, a, size) == c) {
            set_addr_reg(cpu, d->r1, a);
            cpu->cc = 1;
            return;
        }
        a = uv_wrap(cpu, a + size);
    }
    set_addr_reg(cpu, d->r2, a);
    cpu->cc = 3;
}

UV_HANDLER(srst)  { search_string(cpu, d, 1); }
UV_HANDLER(srstu) { search_string(cpu, d, 2); }

/* MOVE STRING: up to and including the end character. */
UV_HANDLER(mvst)
{
    uint8_t c = end_char(cpu), b;
    uint64_t a1 = uv_wrap(cpu, GR(d->r1)), a2 = uv_wrap(cpu, GR(d->r2));
    uint64_t i, n = UV_STRING_CHUNK;

    for (i = 0; i < n; i++) {
        b = uv_ld8(cpu, uv_wrap(cpu, a2 + i));
        uv_st(cpu, uv_wrap(cpu, a1 + i), b, 1);
        if (b == c) {
            set_addr_reg(cpu, d->r1, a1 + i);
            cpu->cc = 1;
            return;
        }
    }
    set_addr_reg(cpu, d->r1, a1 + n);
    set_addr_reg(cpu, d->r2, a2 + n);
    cpu->cc = 3;
}

/* ---- COMPARE LOGICAL LONG ---- */

typedef struct CompareLong {
    uint64_t a1, a2, l1, l2;
    uint16_t pad;
    unsigned unit;             /* 1, or 2 for CLCLU */
} CompareLong;

/*
 * Compares at most @limit units of @c, the shorter operand padded;
 * returns the CC when an inequality or the end was found, else -1 with
 * @c advanced.
 */
static int compare_long(UvCpu *cpu, CompareLong *c, uint64_t limit)
{
    unsigned u = c->unit;
    uint16_t b1, b2;
    uint64_t i;

    for (i = 0; i < limit; i++) {
        if (!c->l1 && !c->l2) {
            return 0;
        }
        b1 = c->l1 ? uv_ld(cpu, c->a1, u) : c->pad;
        b2 = c->l2 ? uv_ld(cpu, c->a2, u) : c->pad;
        if (b1 != b2) {
            return b1 < b2 ? 1 : 2;
        }
        if (c->l1) {
            c->a1 = uv_wrap(cpu, c->a1 + u);
            c->l1 -= u;
        }
        if (c->l2) {
            c->a2 = uv_wrap(cpu, c->a2 + u);
            c->l2 -= u;
        }
    }
    return c->l1 || c->l2 ? -1 : 0;
}

/* CLCL: 24-bit lengths, the pad in bits 32-39 of R2 + 1; always completes. */
UV_HANDLER(clcl)
{
    CompareLong c;
    unsigned r1 = d->r1, r2 = d->r2;
    int cc;

    uv_check_even(cpu, r1);
    uv_check_even(cpu, r2);
    c.a1 = uv_wrap(cpu, GR(r1));
    c.a2 = uv_wrap(cpu, GR(r2));
    c.l1 = GR(r1 + 1) & 0xffffff;
    c.l2 = GR(r2 + 1) & 0xffffff;
    c.pad = (uint8_t)(GR(r2 + 1) >> 24);
    c.unit = 1;
    cc = compare_long(cpu, &c, UINT64_MAX);
    set_addr_reg(cpu, r1, c.a1);
    set_addr_reg(cpu, r2, c.a2);
    uv_set_r32(cpu, r1 + 1, (uv_r32(cpu, r1 + 1) & 0xff000000) | c.l1);
    uv_set_r32(cpu, r2 + 1, (uv_r32(cpu, r2 + 1) & 0xff000000) | c.l2);
    cpu->cc = cc;
}

static uint64_t get_len(const UvCpu *cpu, unsigned r)
{
    return cpu->amask == UINT64_MAX ? GR(r) : (uint32_t)GR(r);
}

static void set_len(UvCpu *cpu, unsigned r, uint64_t len)
{
    if (cpu->amask == UINT64_MAX) {
        GR(r) = len;
    } else {
        uv_set_r32(cpu, r, len);
    }
}

/*
 * CLCLE (@unit 1, 8-bit pad) and CLCLU (@unit 2, 16-bit pad, even
 * lengths): full-width lengths, the pad from the address; CC 3 to go on.
 */
static void compare_long_ext(UvCpu *cpu, const UvInsn *d, unsigned unit)
{
    CompareLong c;
    unsigned r1 = d->r1, r3 = d->r3;
    int cc;

    uv_check_even(cpu, r1);
    uv_check_even(cpu, r3);
    c.a1 = uv_wrap(cpu, GR(r1));
    c.a2 = uv_wrap(cpu, GR(r3));
    c.l1 = get_len(cpu, r1 + 1);
    c.l2 = get_len(cpu, r3 + 1);
    if ((c.l1 | c.l2) & (unit - 1)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    c.pad = unit == 1 ? (uint8_t)uv_a2(cpu, d) : (uint16_t)uv_a2(cpu, d);
    c.unit = unit;
    cc = compare_long(cpu, &c, UV_STRING_CHUNK / unit);
    set_addr_reg(cpu, r1, c.a1);
    set_addr_reg(cpu, r3, c.a2);
    set_len(cpu, r1 + 1, c.l1);
    set_len(cpu, r3 + 1, c.l2);
    cpu->cc = cc < 0 ? 3 : cc;
}

UV_HANDLER(clcle) { compare_long_ext(cpu, d, 1); }
UV_HANDLER(clclu) { compare_long_ext(cpu, d, 2); }

/*
 * MOVE LONG UNICODE: MVCLE in 2-byte units with a 2-byte pad (the low 16
 * bits of the address); both lengths even.
 */
UV_HANDLER(mvclu)
{
    unsigned r1 = d->r1, r3 = d->r3, i;
    uint64_t dst, src, dlen, slen;
    uint16_t pad = uv_a2(cpu, d);

    uv_check_even(cpu, r1);
    uv_check_even(cpu, r3);
    dst = uv_wrap(cpu, GR(r1));
    src = uv_wrap(cpu, GR(r3));
    dlen = get_len(cpu, r1 + 1);
    slen = get_len(cpu, r3 + 1);
    if ((dlen | slen) & 1) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    cpu->cc = dlen == slen ? 0 : dlen < slen ? 1 : 2;
    for (i = 0; i < UV_STRING_CHUNK / 2 && dlen; i++) {
        if (slen) {
            uv_st(cpu, dst, uv_ld16(cpu, src), 2);
            src = uv_wrap(cpu, src + 2);
            slen -= 2;
        } else {
            uv_st(cpu, dst, pad, 2);
        }
        dst = uv_wrap(cpu, dst + 2);
        dlen -= 2;
    }
    set_addr_reg(cpu, r1, dst);
    set_addr_reg(cpu, r3, src);
    set_len(cpu, r1 + 1, dlen);
    set_len(cpu, r3 + 1, slen);
    if (dlen) {
        cpu->cc = 3;
    }
}

/*
 * CHECKSUM: the words of the second operand (R2, length R2 + 1; a last
 * partial word padded with zeros) added to bits 32-63 of R1 with the
 * carries wrapped around; CC 3 after a CPU-determined amount, CC 0 done.
 */
UV_HANDLER(cksm)
{
    uint64_t a = uv_wrap(cpu, GR(d->r2)), len = get_len(cpu, d->r2 + 1);
    uint64_t sum = uv_r32(cpu, d->r1), w;
    unsigned i, n;

    uv_check_even(cpu, d->r2);
    for (i = 0; i < UV_STRING_CHUNK / 4 && len; i++) {
        n = MIN(len, 4);
        w = n == 4 ? uv_ld32(cpu, a) : uv_ld_slow(cpu, a, n, UVCPU_ACCESS_READ)
                                       << (8 * (4 - n));
        sum += w;
        sum = (sum & 0xffffffff) + (sum >> 32);
        a = uv_wrap(cpu, a + n);
        len -= n;
    }
    /* R1 last: when it is R2 + 1 (unpredictable), the sum wins, as in QEMU. */
    set_addr_reg(cpu, d->r2, a);
    set_len(cpu, d->r2 + 1, len);
    uv_set_r32(cpu, d->r1, sum);
    cpu->cc = len ? 3 : 0;
}

/* ---- translation ---- */

/* TRANSLATE: every byte of the first operand replaced by its table entry. */
UV_HANDLER(tr)
{
    uint32_t i, len = d->len + 1;
    uint64_t tab = uv_a2(cpu, d);
    UvSpan op1;
    uint8_t *p;

    uv_span(cpu, &op1, uv_a1(cpu, d), len, UVCPU_ACCESS_WRITE);
    for (i = 0; i < len; i++) {
        p = uv_span_ptr(&op1, i);
        *p = uv_ld8(cpu, uv_wrap(cpu, tab + *p));
    }
}

/*
 * TRANSLATE EXTENDED: the first operand (R1, length R1 + 1) translated in
 * place through the 256-byte table at R2 until a byte equals the test
 * byte in GR0 (CC 1, R1 at it); CC 0 done, CC 3 after a CPU-determined
 * amount.
 */
UV_HANDLER(tre)
{
    uint64_t a, len, tab = uv_wrap(cpu, GR(d->r2));
    uint8_t test = GR(0), b;
    unsigned i;

    uv_check_even(cpu, d->r1);
    a = uv_wrap(cpu, GR(d->r1));
    len = get_len(cpu, d->r1 + 1);
    cpu->cc = 0;
    for (i = 0; len; i++) {
        if (i == UV_STRING_CHUNK) {
            cpu->cc = 3;
            break;
        }
        b = uv_ld8(cpu, a);
        if (b == test) {
            cpu->cc = 1;
            break;
        }
        uv_st(cpu, a, uv_ld8(cpu, uv_wrap(cpu, tab + b)), 1);
        a = uv_wrap(cpu, a + 1);
        len--;
    }
    set_addr_reg(cpu, d->r1, a);
    set_len(cpu, d->r1 + 1, len);
}

/*
 * TRANSLATE AND TEST (@step 1) and TRANSLATE AND TEST REVERSE (@step -1,
 * the first-operand address names the rightmost byte): the first nonzero
 * function byte goes to bits 56-63 of GR2 and its argument's address to
 * GR1; CC 1 if bytes remain, 2 if it was the last, 0 if none was found.
 */
static void translate_and_test(UvCpu *cpu, const UvInsn *d, int step)
{
    uint32_t i, len = d->len + 1;
    uint64_t a = uv_a1(cpu, d), tab = uv_a2(cpu, d), at;
    uint8_t fn;

    for (i = 0; i < len; i++) {
        at = uv_wrap(cpu, a + (int64_t)step * i);
        fn = uv_ld8(cpu, uv_wrap(cpu, tab + uv_ld8(cpu, at)));
        if (fn) {
            if (cpu->amask == UINT64_MAX) {
                GR(1) = at;
            } else {
                /* 24-bit: bits 40-63; 31-bit: bits 33-63. */
                GR(1) = (GR(1) & ~cpu->amask) | at;
            }
            GR(2) = (GR(2) & ~0xffULL) | fn;
            cpu->cc = i == len - 1 ? 2 : 1;
            return;
        }
    }
    cpu->cc = 0;
}

UV_HANDLER(trt)  { translate_and_test(cpu, d, 1); }
UV_HANDLER(trtr) { translate_and_test(cpu, d, -1); }

/* ---- byte shuffling ---- */

/* MVN (@keep 0xf0) and MVZ (@keep 0x0f), left to right byte by byte. */
static void move_nibbles(UvCpu *cpu, const UvInsn *d, uint8_t keep)
{
    uint32_t i, len = d->len + 1;
    UvSpan op1, op2;
    uint8_t *p;

    uv_span(cpu, &op2, uv_a2(cpu, d), len, UVCPU_ACCESS_READ);
    uv_span(cpu, &op1, uv_a1(cpu, d), len, UVCPU_ACCESS_WRITE);
    for (i = 0; i < len; i++) {
        p = uv_span_ptr(&op1, i);
        *p = (*p & keep) | (*uv_span_ptr(&op2, i) & ~keep);
    }
}

UV_HANDLER(mvn) { move_nibbles(cpu, d, 0xf0); }
UV_HANDLER(mvz) { move_nibbles(cpu, d, 0x0f); }

/* MOVE INVERSE: the second operand's address names its rightmost byte. */
UV_HANDLER(mvcin)
{
    uint32_t i, len = d->len + 1;
    UvSpan op1, op2;

    uv_span(cpu, &op2, uv_a2(cpu, d) - (len - 1), len, UVCPU_ACCESS_READ);
    uv_span(cpu, &op1, uv_a1(cpu, d), len, UVCPU_ACCESS_WRITE);
    for (i = 0; i < len; i++) {
        *uv_span_ptr(&op1, i) = *uv_span_ptr(&op2, len - 1 - i);
    }
}

/*
 * TRANSLATE ONE TO ONE / ONE TO TWO / TWO TO ONE / TWO TO TWO
 * (extended-translation facility 2): the @ssize-byte characters of the
 * second operand (R2; its length in bytes in R1 + 1) are replaced by
 * their @dsize-byte entries of the table at GR1 (8-byte aligned for one-
 * byte arguments, 4 KiB aligned for two-byte ones) and stored at R1.  A
 * result equal to the test character in GR0 stops it with CC 1 (unless
 * bit 3 of M3 says not to compare, with facility 22); CC 0 done, CC 3
 * after a CPU-determined amount.
 */
static void translate_xx(UvCpu *cpu, const UvInsn *d, unsigned ssize,
                         unsigned dsize)
{
    uint64_t dst, src, len, tab;
    uint16_t test = dsize == 1 ? (uint8_t)GR(0) : (uint16_t)GR(0);
    bool compare = !((d->m3 & 1) && uvcpu_has_facility(cpu, 22));
    uint32_t ch, res;
    unsigned i;

    uv_check_even(cpu, d->r1);
    dst = uv_wrap(cpu, GR(d->r1));
    src = uv_wrap(cpu, GR(d->r2));
    len = get_len(cpu, d->r1 + 1);
    if (len & (ssize - 1)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    tab = uv_wrap(cpu, GR(1) & (ssize == 1 ? ~7ULL : ~0xfffULL));
    cpu->cc = 0;
    for (i = 0; len; i++) {
        if (i == UV_STRING_CHUNK / 2) {
            cpu->cc = 3;
            break;
        }
        ch = uv_ld(cpu, src, ssize);
        res = uv_ld(cpu, uv_wrap(cpu, tab + ch * dsize), dsize);
        if (compare && res == test) {
            cpu->cc = 1;
            break;
        }
        uv_st(cpu, dst, res, dsize);
        dst = uv_wrap(cpu, dst + dsize);
        src = uv_wrap(cpu, src + ssize);
        len -= ssize;
    }
    set_addr_reg(cpu, d->r1, dst);
    set_addr_reg(cpu, d->r2, src);
    set_len(cpu, d->r1 + 1, len);
}

UV_HANDLER(troo) { translate_xx(cpu, d, 1, 1); }
UV_HANDLER(trot) { translate_xx(cpu, d, 1, 2); }
UV_HANDLER(trto) { translate_xx(cpu, d, 2, 1); }
UV_HANDLER(trtt) { translate_xx(cpu, d, 2, 2); }
