/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * decrypt-engine.h - decrypt guest memory on all cores, in order, bounded.
 *
 * The calling thread reads memory and storage-state components chunk by
 * chunk and writes finished chunks in order; worker threads (each with
 * its own XTS context) decrypt the pages of a chunk according to their
 * states: encrypted -> AES-256-XTS, shared -> kept, zero -> zeros.  At
 * most a fixed number of chunks is in flight, so memory use does not grow
 * with the dump.
 */
#ifndef TOOLS_DECRYPT_ENGINE_H
#define TOOLS_DECRYPT_ENGINE_H

#include "qemu/osdep.h"
#include "util/pv-dump-format.h"

/* A run of guest memory: @len bytes at @src_off going to @dst_off. */
typedef struct DecryptSegment {
    uint64_t src_off;
    uint64_t dst_off;
    uint64_t len;             /* a multiple of PV_PAGE_SIZE */
    uint64_t first_page;      /* storage-state index of its first page */
} DecryptSegment;

/* Where the engine gets its bytes and puts its results. */
typedef struct DecryptIo {
    /* Reads @len bytes of memory at input offset @off. */
    bool (*read_mem)(void *opaque, uint64_t off, void *buf, size_t len,
                     GError **errp);
    /* Reads @count components starting at storage-state index @first. */
    bool (*read_states)(void *opaque, uint64_t first, uint64_t count,
                        uint8_t *buf, GError **errp);
    /* Writes @len decrypted bytes at output offset @off (ascending). */
    bool (*write)(void *opaque, uint64_t off, const void *buf, size_t len,
                  GError **errp);
    /* Reports @done bytes finished so far (may be NULL). */
    void (*progress)(void *opaque, uint64_t done);
    void *opaque;
} DecryptIo;

typedef struct DecryptJob {
    const DecryptSegment *segs;
    unsigned nsegs;
    const uint8_t *xts_key;   /* PV_XTS_KEY_SIZE bytes */
    const uint8_t *nonce;     /* PV_TWEAK_NONCE_SIZE bytes */
    unsigned threads;         /* worker threads, >= 1 */
    DecryptIo io;
} DecryptJob;

/* Decrypts all segments of @job; the first error stops everything. */
bool decrypt_engine_run(const DecryptJob *job, GError **errp);

/*
 * Decrypts the @npages pages at @data in place according to their
 * storage-state components @comps (tweaks from @nonce); @first_page, the
 * index of the first page, is only used in messages.
 */
bool decrypt_pages(PvXts *xts, const uint8_t *nonce, uint8_t *data,
                   const uint8_t *comps, size_t npages, uint64_t first_page,
                   GError **errp);

#endif /* TOOLS_DECRYPT_ENGINE_H */
