/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * compress-pool.c - compresses kdump pages on all cores.
 *
 * The dump thread submits jobs of consecutive pages into a ring of slots;
 * workers take them in submission order and compress each page
 * independently; the dump thread collects them again in submission order.
 * So the output is in pfn order and identical for any thread count, and
 * the memory used is a fixed number of slots, whatever the guest size.
 */
#include "qemu/osdep.h"
#include "compress.h"
#include "util/zero-pages.h"

/* Pages per job: large enough to amortise the locking, small for latency. */
#define JOB_PAGES 256

typedef enum JobState { JOB_FREE, JOB_QUEUED, JOB_DONE } JobState;

struct CompressJob {
    const uint8_t *src;
    size_t len;
    size_t npages;
    JobState state;
    uint8_t *out;               /* JOB_PAGES compressed pages, bound each */
    uint8_t *pad;               /* a zero-padded copy of a partial page */
    CompressedPage pages[JOB_PAGES];
};

typedef struct CompressWorker {
    CompressPool *pool;
    GThread *thread;
} CompressWorker;

struct CompressPool {
    const DumpCompressor *c;
    size_t page_size;
    size_t bound;
    CompressJob *jobs;
    size_t nr_jobs;
    CompressWorker *workers;
    unsigned nr_workers;

    GMutex lock;
    GCond work_cond;            /* a job was queued, or quit */
    GCond done_cond;            /* a job finished */
    /* Sequence numbers; slot = seq % nr_jobs.  consumed <= taken <= submitted. */
    uint64_t submitted;
    uint64_t taken;
    uint64_t consumed;
    bool quit;
};

static void compress_page(CompressPool *pool, void *ctx, CompressJob *job,
                          size_t i)
{
    CompressedPage *cp = &job->pages[i];
    size_t ps = pool->page_size;
    const uint8_t *in = job->src + i * ps;
    uint8_t *out = job->out + i * pool->bound;
    size_t size = 0;

    if (i == job->npages - 1 && job->len < job->npages * ps) {
        size_t tail = job->len - i * ps;
        memcpy(job->pad, in, tail);
        memset(job->pad + tail, 0, ps - tail);
        in = job->pad;
    }
    *cp = (CompressedPage) { .data = in, .size = ps };
    if (buffer_is_zero(in, ps)) {
        cp->zero = true;
        return;
    }
    if (ctx) {
        size = pool->c->compress(ctx, in, ps, out, pool->bound);
    }
    /* Keep the compressed form only if it saves space (QEMU, makedumpfile). */
    if (size && size < ps) {
        *cp = (CompressedPage) { .data = out, .size = size, .compressed = true };
    }
}

/*
 * The job's pages: runs of zero pages found at once (never-written guest
 * memory without reading it, util/zero-pages.c), the others compressed.
 */
static void compress_job(CompressPool *pool, void *ctx, CompressJob *job)
{
    size_t ps = pool->page_size, full = job->len / ps;

    for (size_t i = 0; i < job->npages; ) {
        size_t zeros = i < full ? zero_pages_run(job->src + i * ps,
                                                 (full - i) * ps, ps, true) / ps
                                : 0;

        for (; zeros; zeros--, i++) {
            job->pages[i] = (CompressedPage) {
                .data = job->src + i * ps, .size = ps, .zero = true,
            };
        }
        if (i < job->npages) {
            compress_page(pool, ctx, job, i++);
        }
    }
}

static gpointer worker_run(gpointer opaque)
{
    CompressWorker *w = opaque;
    CompressPool *pool = w->pool;
    void *ctx = pool->c->ctx_new();

    g_mutex_lock(&pool->lock);
    for (;;) {
        CompressJob *job;

        while (!pool->quit && pool->taken == pool->submitted) {
            g_cond_wait(&pool->work_cond, &pool->lock);
        }
        if (pool->quit) {
            break;
        }
        job = &pool->jobs[pool->taken++ % pool->nr_jobs];
        g_mutex_unlock(&pool->lock);

        compress_job(pool, ctx, job);

        g_mutex_lock(&pool->lock);
        job->state = JOB_DONE;
        g_cond_broadcast(&pool->done_cond);
    }
    g_mutex_unlock(&pool->lock);
    if (ctx) {
        pool->c->ctx_free(ctx);
    }
    return NULL;
}

CompressPool *compress_pool_new(const DumpCompressor *c, unsigned threads,
                                size_t page_size)
{
    CompressPool *pool = g_new0(CompressPool, 1);

    pool->c = c;
    pool->page_size = page_size;
    pool->bound = c->bound(page_size);
    pool->nr_workers = MAX(threads, 1);
    /* Two slots per worker: one being compressed, one waiting or written. */
    pool->nr_jobs = 2 * pool->nr_workers;
    pool->jobs = g_new0(CompressJob, pool->nr_jobs);
    for (size_t i = 0; i < pool->nr_jobs; i++) {
        pool->jobs[i].out = g_malloc(JOB_PAGES * pool->bound);
        pool->jobs[i].pad = g_malloc(page_size);
    }
    g_mutex_init(&pool->lock);
    g_cond_init(&pool->work_cond);
    g_cond_init(&pool->done_cond);
    pool->workers = g_new0(CompressWorker, pool->nr_workers);
    for (unsigned i = 0; i < pool->nr_workers; i++) {
        pool->workers[i].pool = pool;
        pool->workers[i].thread = g_thread_new("dump-compress", worker_run,
                                               &pool->workers[i]);
    }
    return pool;
}

void compress_pool_free(CompressPool *pool)
{
    g_mutex_lock(&pool->lock);
    pool->quit = true;
    g_cond_broadcast(&pool->work_cond);
    g_mutex_unlock(&pool->lock);
    for (unsigned i = 0; i < pool->nr_workers; i++) {
        g_thread_join(pool->workers[i].thread);
    }
    for (size_t i = 0; i < pool->nr_jobs; i++) {
        g_free(pool->jobs[i].out);
        g_free(pool->jobs[i].pad);
    }
    g_mutex_clear(&pool->lock);
    g_cond_clear(&pool->work_cond);
    g_cond_clear(&pool->done_cond);
    g_free(pool->workers);
    g_free(pool->jobs);
    g_free(pool);
}

size_t compress_pool_job_bytes(const CompressPool *pool)
{
    return JOB_PAGES * pool->page_size;
}

/* submitted and consumed change only in the dump thread: no lock needed. */
bool compress_pool_full(const CompressPool *pool)
{
    return pool->submitted - pool->consumed == pool->nr_jobs;
}

bool compress_pool_idle(const CompressPool *pool)
{
    return pool->submitted == pool->consumed;
}

void compress_pool_submit(CompressPool *pool, const uint8_t *src, size_t len)
{
    CompressJob *job;

    g_assert(!compress_pool_full(pool) && len &&
             len <= compress_pool_job_bytes(pool));

    g_mutex_lock(&pool->lock);
    job = &pool->jobs[pool->submitted % pool->nr_jobs];
    job->src = src;
    job->len = len;
    job->npages = DIV_ROUND_UP(len, pool->page_size);
    job->state = JOB_QUEUED;
    pool->submitted++;
    g_cond_signal(&pool->work_cond);
    g_mutex_unlock(&pool->lock);
}

CompressJob *compress_pool_wait(CompressPool *pool)
{
    CompressJob *job;

    g_assert(!compress_pool_idle(pool));

    job = &pool->jobs[pool->consumed % pool->nr_jobs];
    g_mutex_lock(&pool->lock);
    while (job->state != JOB_DONE) {
        g_cond_wait(&pool->done_cond, &pool->lock);
    }
    g_mutex_unlock(&pool->lock);
    return job;
}

void compress_pool_release(CompressPool *pool)
{
    g_mutex_lock(&pool->lock);
    pool->jobs[pool->consumed % pool->nr_jobs].state = JOB_FREE;
    pool->consumed++;
    g_mutex_unlock(&pool->lock);
}

size_t compress_job_pages(const CompressJob *job)
{
    return job->npages;
}

const CompressedPage *compress_job_page(const CompressJob *job, size_t i)
{
    return &job->pages[i];
}
