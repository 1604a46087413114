/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-dump-compress.c - the kdump page compressors and their worker pool:
 * zero pages, incompressible pages, a partial last page, round trips, and
 * the same results whatever the number of threads.
 */
#include "qemu/osdep.h"
#include "dump/compress.h"
#include <zlib.h>
#include <lzo/lzo1x.h>
#include <snappy-c.h>
#include <zstd.h>

#define PS 4096
#define NPAGES 1000            /* several jobs, the last one partial */
#define INPUT_LEN (NPAGES * PS - 100)

static uint8_t *make_input(void)
{
    uint8_t *buf = g_malloc0(NPAGES * PS);
    GRand *rnd = g_rand_new_with_seed(7);

    for (size_t pg = 0; pg < NPAGES; pg++) {
        uint8_t *p = buf + pg * PS;
        switch (pg % 3) {
        case 0:                 /* zero */
            break;
        case 1:                 /* text */
            for (size_t i = 0; i < PS; i++) {
                p[i] = "compressible text page "[i % 23];
            }
            break;
        default:                /* random */
            for (size_t i = 0; i < PS; i++) {
                p[i] = g_rand_int(rnd);
            }
        }
    }
    g_rand_free(rnd);
    return buf;
}

static size_t decompress(const DumpCompressor *c, const uint8_t *in,
                         size_t len, uint8_t *out)
{
    size_t zstd_len;

    if (c == &dump_compress_zlib) {
        uLongf n = PS;
        return uncompress(out, &n, in, len) == Z_OK ? n : 0;
    } else if (c == &dump_compress_lzo) {
        lzo_uint n = PS;
        return lzo1x_decompress_safe(in, len, out, &n, NULL) == LZO_E_OK ? n : 0;
    } else if (c == &dump_compress_snappy) {
        size_t n = PS;
        return snappy_uncompress((const char *)in, len, (char *)out, &n) ==
               SNAPPY_OK ? n : 0;
    }
    zstd_len = ZSTD_decompress(out, PS, in, len);
    return ZSTD_isError(zstd_len) ? 0 : zstd_len;
}

/* Runs the pool over the input; returns a digest of every page's result. */
static char *run_pool(const DumpCompressor *c, unsigned threads,
                      const uint8_t *input)
{
    CompressPool *pool = compress_pool_new(c, threads, PS);
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    size_t job = compress_pool_job_bytes(pool), off = 0, pg = 0;
    uint8_t out[PS];
    char *digest;

    while (off < INPUT_LEN || !compress_pool_idle(pool)) {
        CompressJob *j;

        if (off < INPUT_LEN && !compress_pool_full(pool)) {
            size_t len = MIN(job, INPUT_LEN - off);
            compress_pool_submit(pool, input + off, len);
            off += len;
            continue;
        }
        j = compress_pool_wait(pool);
        for (size_t i = 0; i < compress_job_pages(j); i++, pg++) {
            const CompressedPage *cp = compress_job_page(j, i);
            g_assert_cmpint(cp->zero, ==, pg % 3 == 0);
            /* Random pages do not shrink and are stored as they are. */
            g_assert_cmpint(cp->compressed, ==, pg % 3 == 1);
            if (cp->compressed) {
                g_assert_cmpuint(cp->size, <, PS);
                g_assert_cmpuint(decompress(c, cp->data, cp->size, out), ==, PS);
            } else {
                g_assert_cmpuint(cp->size, ==, PS);
                memcpy(out, cp->data, PS);
            }
            if (pg == NPAGES - 1) {
                /* The partial last page comes back zero-padded. */
                g_assert_cmpmem(out, PS - 100, input + pg * PS, PS - 100);
                for (size_t k = PS - 100; k < PS; k++) {
                    g_assert_cmpint(out[k], ==, 0);
                }
            } else {
                g_assert_cmpmem(out, PS, input + pg * PS, PS);
            }
            g_checksum_update(sum, (const guchar *)&cp->size, sizeof(cp->size));
            g_checksum_update(sum, cp->data, cp->size);
        }
        compress_pool_release(pool);
    }
    g_assert_cmpuint(pg, ==, NPAGES);
    compress_pool_free(pool);
    digest = g_strdup(g_checksum_get_string(sum));
    g_checksum_free(sum);
    return digest;
}

static void test_compressor(gconstpointer opaque)
{
    const DumpCompressor *c = opaque;
    g_autofree uint8_t *input = make_input();
    g_autofree char *one = run_pool(c, 1, input);

    for (unsigned threads = 2; threads <= 5; threads += 3) {
        g_autofree char *many = run_pool(c, threads, input);
        g_assert_cmpstr(one, ==, many);
    }
}

/*
 * The zlib pages (libdeflate) are no larger than zlib's own level 1 made
 * them, within 1 %, on real pages: this test binary's code and data.
 */
static void test_zlib_size_matches_zlib(void)
{
    g_autofree char *exe = NULL;
    gsize len, ours = 0, theirs = 0;
    void *ctx = dump_compress_zlib.ctx_new();
    uint8_t out[2 * PS];

    g_assert_true(g_file_get_contents("/proc/self/exe", &exe, &len, NULL));
    for (gsize off = 0; off + PS <= len; off += PS) {
        uLongf n = sizeof(out);
        size_t d = dump_compress_zlib.compress(ctx, (uint8_t *)exe + off, PS,
                                               out, sizeof(out));
        uint8_t back[PS];
        uLongf m = PS;

        g_assert_cmpuint(d, >, 0);
        g_assert_cmpint(uncompress(back, &m, out, d), ==, Z_OK);
        g_assert_cmpmem(back, m, exe + off, PS);
        ours += d;
        g_assert_cmpint(compress2(out, &n, (uint8_t *)exe + off, PS,
                                  Z_BEST_SPEED), ==, Z_OK);
        theirs += n;
    }
    dump_compress_zlib.ctx_free(ctx);
    g_test_message("zlib pages: libdeflate %zu bytes, zlib %zu bytes",
                   (size_t)ours, (size_t)theirs);
    g_assert_cmpuint(ours * 100, <=, theirs * 101);
}

int main(int argc, char **argv)
{
    static const DumpCompressor *const all[] = {
        &dump_compress_zlib, &dump_compress_lzo, &dump_compress_snappy,
        &dump_compress_zstd,
    };

    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/dump/compress/zlib-size", test_zlib_size_matches_zlib);
    for (size_t i = 0; i < G_N_ELEMENTS(all); i++) {
        g_autofree char *path = g_strdup_printf("/dump/compress/%s",
                                                all[i]->name);
        g_test_add_data_func(path, all[i], test_compressor);
    }
    return g_test_run();
}
