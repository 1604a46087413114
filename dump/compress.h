/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * compress.h - page compressors of the kdump formats, and the worker pool
 * that runs them on all cores.
 *
 * Each compressor works on one page at a time with a per-thread context, so
 * a page's compressed bytes depend only on the page: the output is the same
 * for any number of threads.
 */
#ifndef DUMP_COMPRESS_H
#define DUMP_COMPRESS_H

#include "qemu/osdep.h"

struct DumpCompressor {
    const char *name;
    uint32_t flag;              /* kdump header status and page flags */
    /* Worst-case output size for @len input bytes. */
    size_t (*bound)(size_t len);
    void *(*ctx_new)(void);
    void (*ctx_free)(void *ctx);
    /*
     * Compresses @len bytes of @in into @out (@out_size bytes).  Returns
     * the compressed size, or 0 if compression failed.
     */
    size_t (*compress)(void *ctx, const uint8_t *in, size_t len,
                       uint8_t *out, size_t out_size);
};

typedef struct DumpCompressor DumpCompressor;

extern const DumpCompressor dump_compress_zlib;
extern const DumpCompressor dump_compress_lzo;
extern const DumpCompressor dump_compress_snappy;
extern const DumpCompressor dump_compress_zstd;

/* How one page of a job ended up. */
typedef struct CompressedPage {
    const uint8_t *data;        /* what to store (compressed or plain) */
    uint32_t size;              /* bytes at @data */
    bool zero;                  /* all zero: use the shared zero page */
    bool compressed;            /* @data is compressor output */
} CompressedPage;

typedef struct CompressPool CompressPool;
typedef struct CompressJob CompressJob;

/* Starts @threads workers for @c on pages of @page_size bytes. */
CompressPool *compress_pool_new(const DumpCompressor *c, unsigned threads,
                                size_t page_size);

/* Stops the workers (waiting for running jobs) and frees the pool. */
void compress_pool_free(CompressPool *pool);

/* The most input bytes one job takes. */
size_t compress_pool_job_bytes(const CompressPool *pool);

/* True if no job slot is free: compress_pool_wait() one first. */
bool compress_pool_full(const CompressPool *pool);

/* True if no job is submitted and not yet released. */
bool compress_pool_idle(const CompressPool *pool);

/*
 * Queues @len bytes at @src (at most compress_pool_job_bytes(); a partial
 * last page is zero-padded).  @src must stay valid until the job is
 * released.  The pool must not be full.
 */
void compress_pool_submit(CompressPool *pool, const uint8_t *src, size_t len);

/* Waits for the oldest submitted job; jobs come back in submission order. */
CompressJob *compress_pool_wait(CompressPool *pool);

/* Pages of @job and their results. */
size_t compress_job_pages(const CompressJob *job);
const CompressedPage *compress_job_page(const CompressJob *job, size_t i);

/* Hands the oldest job's slot back (after compress_pool_wait()). */
void compress_pool_release(CompressPool *pool);

#endif /* DUMP_COMPRESS_H */
