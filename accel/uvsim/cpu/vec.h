/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vec.h - what the vector-facility files (gen-vec-*.c) share: 128-bit
 * register values, element access by size, and vector storage access.
 *
 * A vector register is S390Regs.vregs[n]: [0] is bytes 0-7 (the
 * architecture's leftmost doubleword, which FPR n overlays), [1] bytes
 * 8-15.  Handlers read their operands into UvVec copies and write the
 * result last, so a result register may be any of the operands.
 */
#ifndef ACCEL_UVSIM_CPU_VEC_H
#define ACCEL_UVSIM_CPU_VEC_H

#include "internal.h"

typedef struct UvVec {
    uint64_t d[2];             /* d[0] = bytes 0-7, d[1] = bytes 8-15 */
} UvVec;

/* Element sizes: the M field value ES is an element of 1 << ES bytes. */
#define UV_ES_B 0
#define UV_ES_H 1
#define UV_ES_F 2
#define UV_ES_G 3
#define UV_ES_Q 4

static inline UvVec uv_vr(const UvCpu *cpu, unsigned v)
{
    return (UvVec) { { cpu->r.vregs[v][0], cpu->r.vregs[v][1] } };
}

static inline void uv_set_vr(UvCpu *cpu, unsigned v, UvVec x)
{
    cpu->r.vregs[v][0] = x.d[0];
    cpu->r.vregs[v][1] = x.d[1];
}

/* Number of elements of size @es (0-3) in a vector. */
static inline unsigned uv_vec_nelem(unsigned es)
{
    return 16 >> es;
}

/* Element @i of size @es (0-3), zero-extended. */
static inline uint64_t uv_vec_get(const UvVec *x, unsigned es, unsigned i)
{
    unsigned per = 8 >> es, bits = 8 << es;
    unsigned shift = (per - 1 - i % per) * bits;
    uint64_t m = bits == 64 ? UINT64_MAX : (1ULL << bits) - 1;

    return (x->d[i / per] >> shift) & m;
}

/* Element @i of size @es, sign-extended. */
static inline int64_t uv_vec_sget(const UvVec *x, unsigned es, unsigned i)
{
    unsigned bits = 8 << es;

    return (int64_t)(uv_vec_get(x, es, i) << (64 - bits)) >> (64 - bits);
}

static inline void uv_vec_set(UvVec *x, unsigned es, unsigned i, uint64_t v)
{
    unsigned per = 8 >> es, bits = 8 << es;
    unsigned shift = (per - 1 - i % per) * bits;
    uint64_t m = bits == 64 ? UINT64_MAX : (1ULL << bits) - 1;

    x->d[i / per] = (x->d[i / per] & ~(m << shift)) | ((v & m) << shift);
}

/* Byte @i (0-15) of @x. */
static inline uint8_t uv_vec_byte(const UvVec *x, unsigned i)
{
    return uv_vec_get(x, UV_ES_B, i);
}

/* The whole vector as a 128-bit integer and back. */
static inline unsigned __int128 uv_vec_u128(const UvVec *x)
{
    return ((unsigned __int128)x->d[0] << 64) | x->d[1];
}

static inline UvVec uv_vec_from_u128(unsigned __int128 v)
{
    return (UvVec) { { (uint64_t)(v >> 64), (uint64_t)v } };
}

/* Raises a specification exception unless @es <= @max. */
static inline void uv_vec_check_es(UvCpu *cpu, unsigned es, unsigned max)
{
    if (es > max) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
}

/*
 * Reads @len (1-4096) bytes at @addr into @buf / writes them from @buf.
 * Both operand pages are translated before anything is stored, so an
 * access exception leaves storage unchanged.
 */
void uv_vec_read(UvCpu *cpu, uint64_t addr, void *buf, uint32_t len);
void uv_vec_write(UvCpu *cpu, uint64_t addr, const void *buf, uint32_t len);

/* Reads / writes a whole vector (16 bytes) at @addr. */
UvVec uv_vec_load(UvCpu *cpu, uint64_t addr);
void uv_vec_store(UvCpu *cpu, uint64_t addr, const UvVec *x);

#endif /* ACCEL_UVSIM_CPU_VEC_H */
