/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * compress.c - the four page compressors of the kdump formats.
 *
 * Flags and algorithms are makedumpfile's: zlib at level 1 (the level of
 * QEMU's compress2(Z_BEST_SPEED)), LZO1X-1, snappy, and zstd (flag 0x20,
 * D5).  Contexts are reused across pages instead of set up per call as
 * QEMU does.  The zlib pages come from libdeflate: standard zlib streams
 * that zlib's uncompress() (makedumpfile, crash, libkdumpfile) reads, of
 * about zlib's size, several times faster than zlib's deflate.
 */
#include "qemu/osdep.h"
#include "compress.h"
#include <libdeflate.h>
#include <lzo/lzo1x.h>
#include <snappy-c.h>
#include <zstd.h>

#define DUMP_DH_COMPRESSED_ZLIB    0x1
#define DUMP_DH_COMPRESSED_LZO     0x2
#define DUMP_DH_COMPRESSED_SNAPPY  0x4
#define DUMP_DH_COMPRESSED_ZSTD    0x20

/* zstd level: best ratio that still outruns zlib level 1 several times. */
#define DUMP_ZSTD_LEVEL 2

/* zlib's Z_BEST_SPEED, which QEMU's kdump-zlib uses. */
#define DUMP_ZLIB_LEVEL 1

/* ---- zlib format from libdeflate: one compressor per thread */

static size_t zlib_bound(size_t len)
{
    /* Without a compressor: libdeflate's bound for any level. */
    return libdeflate_zlib_compress_bound(NULL, len);
}

static void *zlib_ctx_new(void)
{
    return libdeflate_alloc_compressor(DUMP_ZLIB_LEVEL);
}

static void zlib_ctx_free(void *ctx)
{
    libdeflate_free_compressor(ctx);
}

static size_t zlib_compress(void *ctx, const uint8_t *in, size_t len,
                            uint8_t *out, size_t out_size)
{
    /* 0 when the stream does not fit: the page is then stored as it is. */
    return libdeflate_zlib_compress(ctx, in, len, out, out_size);
}

const DumpCompressor dump_compress_zlib = {
    .name = "zlib",
    .flag = DUMP_DH_COMPRESSED_ZLIB,
    .bound = zlib_bound,
    .ctx_new = zlib_ctx_new,
    .ctx_free = zlib_ctx_free,
    .compress = zlib_compress,
};

/* ---- LZO1X-1: the context is its work memory */

static size_t lzo_bound(size_t len)
{
    /* LZO's documented worst case, as QEMU sizes it. */
    return len + len / 16 + 64 + 3;
}

static void *lzo_ctx_new(void)
{
    static gsize initialised;

    if (g_once_init_enter(&initialised)) {
        g_once_init_leave(&initialised, lzo_init() == LZO_E_OK ? 1 : 2);
    }
    return initialised == 1 ? g_malloc(LZO1X_1_MEM_COMPRESS) : NULL;
}

static size_t lzo_compress(void *ctx, const uint8_t *in, size_t len,
                           uint8_t *out, size_t out_size)
{
    lzo_uint out_len = out_size;

    return lzo1x_1_compress(in, len, out, &out_len, ctx) == LZO_E_OK
           ? out_len : 0;
}

const DumpCompressor dump_compress_lzo = {
    .name = "lzo",
    .flag = DUMP_DH_COMPRESSED_LZO,
    .bound = lzo_bound,
    .ctx_new = lzo_ctx_new,
    .ctx_free = g_free,
    .compress = lzo_compress,
};

/* ---- snappy: stateless */

static size_t snappy_bound(size_t len)
{
    return snappy_max_compressed_length(len);
}

static void *snappy_ctx_new(void)
{
    /* Any non-NULL value: NULL means failure to the pool. */
    return (void *)&dump_compress_snappy;
}

static void snappy_ctx_free(void *ctx)
{
}

static size_t snappy_do_compress(void *ctx, const uint8_t *in, size_t len,
                                 uint8_t *out, size_t out_size)
{
    size_t out_len = out_size;

    return snappy_compress((const char *)in, len, (char *)out,
                           &out_len) == SNAPPY_OK ? out_len : 0;
}

const DumpCompressor dump_compress_snappy = {
    .name = "snappy",
    .flag = DUMP_DH_COMPRESSED_SNAPPY,
    .bound = snappy_bound,
    .ctx_new = snappy_ctx_new,
    .ctx_free = snappy_ctx_free,
    .compress = snappy_do_compress,
};

/* ---- zstd: one compression context per worker */

static size_t zstd_bound(size_t len)
{
    return ZSTD_compressBound(len);
}

static void *zstd_ctx_new(void)
{
    return ZSTD_createCCtx();
}

static void zstd_ctx_free(void *ctx)
{
    ZSTD_freeCCtx(ctx);
}

static size_t zstd_compress(void *ctx, const uint8_t *in, size_t len,
                            uint8_t *out, size_t out_size)
{
    size_t ret = ZSTD_compressCCtx(ctx, out, out_size, in, len,
                                   DUMP_ZSTD_LEVEL);

    return ZSTD_isError(ret) ? 0 : ret;
}

const DumpCompressor dump_compress_zstd = {
    .name = "zstd",
    .flag = DUMP_DH_COMPRESSED_ZSTD,
    .bound = zstd_bound,
    .ctx_new = zstd_ctx_new,
    .ctx_free = zstd_ctx_free,
    .compress = zstd_compress,
};
