/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * gen-crypto.c - the CPU-assist for cryptographic functions (CPACF,
 * message-security assist: facilities 17, 57, 76, 77, 146), as far as
 * QEMU 7.2's TCG goes: every instruction's query function (function code
 * 0), SHA-512 for KIMD and KLMD (code 3, with OpenSSL's SHA-512 block
 * function on the guest's chaining value) and PRNO's TRNG (code 114,
 * from getrandom()).  Every other function code is a specification
 * exception, as the query result says.
 *
 * GR0 bits 57-63 are the function code, bit 56 the modifier; GR1 holds
 * the parameter block's address.  An operation that has more to do than
 * one slice of UV_CPACF_CHUNK bytes ends with CC 3 and its registers
 * advanced (partial completion), so that interruptions stay deliverable.
 */
/* SHA512_Transform() on a caller's state has no non-deprecated form. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
#include <sys/random.h>
#include "internal.h"

#define UV_CPACF_CHUNK   4096
#define CPACF_MOD        0x80
#define CPACF_FC_MASK    0x7f
#define FC_QUERY         0
#define FC_SHA512        3
#define FC_TRNG          114
#define SHA512_BLOCK     128
#define PCKMO_OPCODE     0xb928
#define KLMD_OPCODE      0xb93f

/* Which register operands must be even and non-zero. */
enum { REGS_NONE, REGS_R2, REGS_R1R2, REGS_R3R1R2, REGS_KMA };

typedef struct CpacfDef {
    uint16_t opcode;
    uint8_t regs;              /* REGS_* */
    bool mod_invalid;          /* the modifier bit is a specification exception */
    uint8_t fc[2];             /* installed function codes besides query */
} CpacfDef;

static const CpacfDef cpacf_defs[] = {
    { 0xb91e, REGS_R2,     true,  { 0, 0 } },              /* KMAC */
    { 0xb92e, REGS_R1R2,   false, { 0, 0 } },              /* KM */
    { 0xb92f, REGS_R1R2,   false, { 0, 0 } },              /* KMC */
    { 0xb93e, REGS_R2,     true,  { FC_SHA512, 0 } },      /* KIMD */
    { KLMD_OPCODE, REGS_R2,     true,  { FC_SHA512, 0 } },      /* KLMD */
    { PCKMO_OPCODE, REGS_NONE,   true,  { 0, 0 } },              /* PCKMO */
    { 0xb92a, REGS_R1R2,   false, { 0, 0 } },              /* KMF */
    { 0xb92b, REGS_R1R2,   false, { 0, 0 } },              /* KMO */
    { 0xb92c, REGS_NONE,   true,  { 0, 0 } },              /* PCC */
    { 0xb92d, REGS_R3R1R2, false, { 0, 0 } },              /* KMCTR */
    { 0xb93c, REGS_R1R2,   false, { FC_TRNG, 0 } },        /* PRNO */
    { 0xb929, REGS_KMA,    false, { 0, 0 } },              /* KMA */
};

static const CpacfDef *cpacf_def(const UvInsn *d)
{
    uint16_t opcode = d->raw >> 48;
    size_t i;

    for (i = 0; i < G_N_ELEMENTS(cpacf_defs); i++) {
        if (cpacf_defs[i].opcode == opcode) {
            return &cpacf_defs[i];
        }
    }
    g_assert_not_reached();
}

static bool bad_pair(unsigned r)
{
    return !r || (r & 1);
}

/* The register-operand specification exceptions, in QEMU's order. */
static void check_regs(UvCpu *cpu, const UvInsn *d, unsigned regs)
{
    bool bad = false;

    switch (regs) {
    case REGS_KMA:
        bad = d->r3 == d->r1 || d->r3 == d->r2;
        /* fall through */
    case REGS_R3R1R2:
        bad |= bad_pair(d->r3);
        /* fall through */
    case REGS_R1R2:
        bad |= bad_pair(d->r1);
        /* fall through */
    case REGS_R2:
        bad |= bad_pair(d->r2);
        break;
    }
    if (bad) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
}

/* The 16-byte query result: bit n (from the left) for function code n. */
static void query_mask(const CpacfDef *def, uint8_t mask[16])
{
    size_t i;

    memset(mask, 0, 16);
    mask[0] = 0x80;
    for (i = 0; i < G_N_ELEMENTS(def->fc); i++) {
        if (def->fc[i]) {
            mask[def->fc[i] / 8] |= 0x80 >> (def->fc[i] % 8);
        }
    }
}

/* Stores @len bytes at logical @addr, all translated before any is stored. */
static void store_bytes(UvCpu *cpu, uint64_t addr, const uint8_t *buf,
                        uint32_t len)
{
    UvSpan s;
    uint32_t i;

    uv_span(cpu, &s, addr, len, UVCPU_ACCESS_WRITE);
    for (i = 0; i < len; i++) {
        *uv_span_ptr(&s, i) = buf[i];
    }
}

static void load_bytes(UvCpu *cpu, uint64_t addr, uint8_t *buf, uint32_t len)
{
    UvSpan s;
    uint32_t i;

    uv_span(cpu, &s, addr, len, UVCPU_ACCESS_READ);
    for (i = 0; i < len; i++) {
        buf[i] = *uv_span_ptr(&s, i);
    }
}

/* The length in GR @r (bits 32-63 outside the 64-bit mode). */
static uint64_t op_len(const UvCpu *cpu, unsigned r)
{
    return cpu->amask == UINT64_MAX ? GR(r) : uv_r32(cpu, r);
}

/* Advances the operand in GR @r / GR @r + 1 by @n bytes. */
static void op_advance(UvCpu *cpu, unsigned r, uint64_t n)
{
    uint64_t addr = uv_wrap(cpu, GR(r) + n);

    if (cpu->amask == UINT64_MAX) {
        GR(r) = addr;
        GR(r + 1) -= n;
    } else {
        uv_set_r32(cpu, r, addr);
        uv_set_r32(cpu, r + 1, uv_r32(cpu, r + 1) - n);
    }
}

/* The SHA-512 chaining value of the parameter block at @pb into @ctx. */
static void sha512_load(UvCpu *cpu, uint64_t pb, SHA512_CTX *ctx)
{
    unsigned i;

    SHA512_Init(ctx);
    for (i = 0; i < 8; i++) {
        ctx->h[i] = uv_ld64(cpu, uv_wrap(cpu, pb + i * 8));
    }
}

static void sha512_store(UvCpu *cpu, uint64_t pb, const SHA512_CTX *ctx)
{
    uint8_t icv[64];
    unsigned i;

    for (i = 0; i < 8; i++) {
        uv_stn_be(icv + i * 8, ctx->h[i], 8);
    }
    store_bytes(cpu, pb, icv, sizeof(icv));
}

/*
 * KIMD/KLMD-SHA-512: the whole 128-byte blocks of the second operand
 * into the chaining value; CC 3 if a slice did not reach the end.
 * Returns true when only a partial block (KLMD's last) is left.
 */
static bool sha512_blocks(UvCpu *cpu, unsigned r2, SHA512_CTX *ctx)
{
    uint8_t block[SHA512_BLOCK];
    uint64_t done;

    for (done = 0; op_len(cpu, r2 + 1) >= SHA512_BLOCK; done += SHA512_BLOCK) {
        if (done == UV_CPACF_CHUNK) {
            cpu->cc = 3;
            return false;
        }
        load_bytes(cpu, GR(r2), block, SHA512_BLOCK);
        SHA512_Transform(ctx, block);
        op_advance(cpu, r2, SHA512_BLOCK);
    }
    return true;
}

/*
 * KLMD's last block: the rest of the message, the 0x80 pad byte, zeros
 * and the 128-bit message bit length from the parameter block (bytes
 * 64-79), in one block or two.
 */
static void sha512_last(UvCpu *cpu, unsigned r2, uint64_t pb, SHA512_CTX *ctx)
{
    uint8_t pad[2 * SHA512_BLOCK] = { 0 };
    uint64_t rest = op_len(cpu, r2 + 1);
    unsigned blocks = rest + 1 + 16 > SHA512_BLOCK ? 2 : 1;

    if (rest) {
        load_bytes(cpu, GR(r2), pad, rest);
    }
    pad[rest] = 0x80;
    load_bytes(cpu, uv_wrap(cpu, pb + 64), pad + blocks * SHA512_BLOCK - 16, 16);
    SHA512_Transform(ctx, pad);
    if (blocks == 2) {
        SHA512_Transform(ctx, pad + SHA512_BLOCK);
    }
    op_advance(cpu, r2, rest);
}

static void sha512(UvCpu *cpu, const UvInsn *d, bool last)
{
    uint64_t pb = uv_wrap(cpu, GR(1));
    SHA512_CTX ctx;

    if (!last && (op_len(cpu, d->r2 + 1) % SHA512_BLOCK)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    sha512_load(cpu, pb, &ctx);
    cpu->cc = 0;
    if (sha512_blocks(cpu, d->r2, &ctx) && last) {
        sha512_last(cpu, d->r2, pb, &ctx);
    }
    sha512_store(cpu, pb, &ctx);
}

/*
 * getrandom() of at most 256 bytes returns them all once the pool is
 * initialised; it can only be interrupted by a signal.  Other errors
 * (ENOSYS, EFAULT) would be a broken host.
 */
static void entropy(uint8_t *buf, size_t len)
{
    ssize_t got;

    while (len) {
        got = getrandom(buf, len, 0);
        if (got < 0) {
            g_assert(errno == EINTR);
            continue;
        }
        buf += got;
        len -= got;
    }
}

/* Fills up to @budget bytes of the operand in GR @r / @r + 1 with entropy. */
static uint64_t trng_fill(UvCpu *cpu, unsigned r, uint64_t budget)
{
    uint8_t buf[256];
    uint64_t n = MIN(op_len(cpu, r + 1), budget);
    uint64_t done = 0;
    size_t chunk;

    while (done < n) {
        chunk = MIN(n - done, sizeof(buf));
        entropy(buf, chunk);
        store_bytes(cpu, GR(r), buf, chunk);
        op_advance(cpu, r, chunk);
        done += chunk;
    }
    return n;
}

/* PRNO-TRNG: entropy into the first and the second operand. */
static void trng(UvCpu *cpu, const UvInsn *d)
{
    uint64_t used = trng_fill(cpu, d->r1, UV_CPACF_CHUNK);

    trng_fill(cpu, d->r2, UV_CPACF_CHUNK - used);
    cpu->cc = op_len(cpu, d->r1 + 1) || op_len(cpu, d->r2 + 1) ? 3 : 0;
}

/* KMAC, KM, KMC, KIMD, KLMD, PCKMO, KMF, KMO, PCC, KMCTR, PRNO, KMA. */
UV_HANDLER(cpacf)
{
    const CpacfDef *def = cpacf_def(d);
    unsigned fc = GR(0) & CPACF_FC_MASK;
    uint8_t mask[16];

    check_regs(cpu, d, def->regs);
    if (def->mod_invalid && (GR(0) & CPACF_MOD)) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    query_mask(def, mask);
    if (!(mask[fc / 8] & (0x80 >> (fc % 8)))) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    switch (fc) {
    case FC_QUERY:
        store_bytes(cpu, uv_wrap(cpu, GR(1)), mask, sizeof(mask));
        if (def->opcode != PCKMO_OPCODE) {      /* PCKMO keeps the CC */
            cpu->cc = 0;
        }
        break;
    case FC_SHA512:
        sha512(cpu, d, def->opcode == KLMD_OPCODE);
        break;
    case FC_TRNG:
        trng(cpu, d);
        break;
    }
}
