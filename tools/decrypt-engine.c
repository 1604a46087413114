/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * decrypt-engine.c - parallel, ordered, bounded decryption (see decrypt-engine.h).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "decrypt-engine.h"

/*
 * 1 MiB per chunk amortises the queue handoff while keeping a few chunks
 * per worker in flight cheap (2 * threads + 2 chunks).
 */
#define CHUNK_PAGES 256

typedef struct Chunk {
    uint8_t *data;
    uint8_t *comps;
    size_t npages;
    uint64_t first_page;
    uint64_t dst_off;
    bool done;                /* set by the worker, under Engine.lock */
    GError *err;
} Chunk;

typedef struct Engine {
    const DecryptJob *job;
    Chunk *slots;
    unsigned nslots;
    GAsyncQueue *work;        /* Chunk *, or &Engine.stop to end a worker */
    GMutex lock;
    GCond cond;
    Chunk stop;
    /* Position of the next chunk to read. */
    unsigned seg;
    uint64_t seg_off;
} Engine;

typedef struct Worker {
    Engine *engine;
    PvXts *xts;
    GThread *thread;
} Worker;

bool decrypt_pages(PvXts *xts, const uint8_t *nonce, uint8_t *data,
                   const uint8_t *comps, size_t npages, uint64_t first_page,
                   GError **errp)
{
    uint8_t tweak[PV_XTS_TWEAK_SIZE];

    for (size_t i = 0; i < npages; i++) {
        const uint8_t *comp = comps + i * PV_STOR_STATE_SIZE;
        uint8_t *page = data + i * PV_PAGE_SIZE;

        switch (pv_stor_state_classify(comp)) {
        case PV_PAGE_ENCRYPTED:
            pv_stor_state_tweak(comp, nonce, tweak);
            if (!pv_xts_page(xts, tweak, page, page, errp)) {
                error_prepend(errp, "page index 0x%" PRIx64 ": ", first_page + i);
                return false;
            }
            break;
        case PV_PAGE_ZERO:
            /* The file bytes of a zero page are filler, never content. */
            memset(page, 0, PV_PAGE_SIZE);
            break;
        case PV_PAGE_SHARED:
            break;
        default:
            error_setg(errp, "Invalid page state at page index 0x%" PRIx64,
                       first_page + i);
            return false;
        }
    }
    return true;
}

static gpointer worker_main(gpointer opaque)
{
    Worker *w = opaque;
    Engine *e = w->engine;

    for (;;) {
        Chunk *c = g_async_queue_pop(e->work);
        GError *err = NULL;

        if (c == &e->stop) {
            return NULL;
        }
        decrypt_pages(w->xts, e->job->nonce, c->data, c->comps, c->npages,
                      c->first_page, &err);
        g_mutex_lock(&e->lock);
        c->err = err;
        c->done = true;
        g_cond_broadcast(&e->cond);
        g_mutex_unlock(&e->lock);
    }
}

/* Reads the next chunk of the job into @c. */
static bool fill_chunk(Engine *e, Chunk *c, GError **errp)
{
    const DecryptIo *io = &e->job->io;
    const DecryptSegment *s;
    uint64_t src;

    while (e->job->segs[e->seg].len == e->seg_off) {
        e->seg++;
        e->seg_off = 0;
    }
    s = &e->job->segs[e->seg];
    c->npages = MIN(CHUNK_PAGES, (s->len - e->seg_off) / PV_PAGE_SIZE);
    c->first_page = s->first_page + e->seg_off / PV_PAGE_SIZE;
    c->dst_off = s->dst_off + e->seg_off;
    c->done = false;
    src = s->src_off + e->seg_off;
    e->seg_off += c->npages * PV_PAGE_SIZE;
    return io->read_states(io->opaque, c->first_page, c->npages, c->comps, errp) &&
           io->read_mem(io->opaque, src, c->data, c->npages * PV_PAGE_SIZE, errp);
}

/* Waits for @c, then writes it; returns false on its or the write's error. */
static bool finish_chunk(Engine *e, Chunk *c, GError **errp)
{
    const DecryptIo *io = &e->job->io;

    g_mutex_lock(&e->lock);
    while (!c->done) {
        g_cond_wait(&e->cond, &e->lock);
    }
    g_mutex_unlock(&e->lock);
    if (c->err) {
        g_propagate_error(errp, g_steal_pointer(&c->err));
        return false;
    }
    return io->write(io->opaque, c->dst_off, c->data, c->npages * PV_PAGE_SIZE,
                     errp);
}

/* The reader/writer loop of the calling thread. */
static bool engine_pump(Engine *e, uint64_t nchunks, GError **errp)
{
    const DecryptIo *io = &e->job->io;
    uint64_t issued = 0, written = 0, bytes = 0;
    bool ok = true;

    while (ok && written < nchunks) {
        Chunk *c;

        if (issued < nchunks && issued - written < e->nslots) {
            c = &e->slots[issued % e->nslots];
            ok = fill_chunk(e, c, errp);
            if (ok) {
                g_async_queue_push(e->work, c);
                issued++;
            }
            continue;
        }
        c = &e->slots[written % e->nslots];
        ok = finish_chunk(e, c, errp);
        written++;
        bytes += c->npages * PV_PAGE_SIZE;
        if (ok && io->progress) {
            io->progress(io->opaque, bytes);
        }
    }
    /* On error, let the workers finish what they hold before buffers go. */
    for (; written < issued; written++) {
        Chunk *c = &e->slots[written % e->nslots];
        g_mutex_lock(&e->lock);
        while (!c->done) {
            g_cond_wait(&e->cond, &e->lock);
        }
        g_mutex_unlock(&e->lock);
        g_clear_error(&c->err);
    }
    return ok;
}

static uint64_t count_chunks(const DecryptJob *job)
{
    uint64_t n = 0;

    for (unsigned i = 0; i < job->nsegs; i++) {
        n += DIV_ROUND_UP(job->segs[i].len, CHUNK_PAGES * PV_PAGE_SIZE);
    }
    return n;
}

bool decrypt_engine_run(const DecryptJob *job, GError **errp)
{
    unsigned nthreads = MAX(job->threads, 1);
    g_autofree Worker *workers = g_new0(Worker, nthreads);
    Engine e = { .job = job, .nslots = 2 * nthreads + 2 };
    bool ok = true;

    g_mutex_init(&e.lock);
    g_cond_init(&e.cond);
    e.work = g_async_queue_new();
    e.slots = g_new0(Chunk, e.nslots);
    for (unsigned i = 0; i < e.nslots; i++) {
        e.slots[i].data = g_malloc(CHUNK_PAGES * PV_PAGE_SIZE);
        e.slots[i].comps = g_malloc(CHUNK_PAGES * PV_STOR_STATE_SIZE);
    }
    for (unsigned i = 0; i < nthreads && ok; i++) {
        workers[i].engine = &e;
        workers[i].xts = pv_xts_new(job->xts_key, false, errp);
        ok = workers[i].xts != NULL;
    }
    for (unsigned i = 0; i < nthreads && ok; i++) {
        workers[i].thread = g_thread_new("pv-decrypt", worker_main, &workers[i]);
    }
    if (ok) {
        ok = engine_pump(&e, count_chunks(job), errp);
    }
    for (unsigned i = 0; i < nthreads; i++) {
        if (workers[i].thread) {
            g_async_queue_push(e.work, &e.stop);
        }
    }
    for (unsigned i = 0; i < nthreads; i++) {
        if (workers[i].thread) {
            g_thread_join(workers[i].thread);
        }
        pv_xts_free(workers[i].xts);
    }
    for (unsigned i = 0; i < e.nslots; i++) {
        /* Decrypted guest memory is as sensitive as the key. */
        pv_crypto_wipe(e.slots[i].data, CHUNK_PAGES * PV_PAGE_SIZE);
        g_free(e.slots[i].data);
        g_free(e.slots[i].comps);
    }
    g_free(e.slots);
    g_async_queue_unref(e.work);
    g_mutex_clear(&e.lock);
    g_cond_clear(&e.cond);
    return ok;
}
