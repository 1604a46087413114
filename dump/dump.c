/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dump.c - the dump-guest-memory engine.
 *
 * Format-independent: validates the request in QEMU's order, pauses the
 * VM (run state save-vm), collects the memory list and every CPU's notes
 * through the arch hooks, then runs one writer on the caller's thread or,
 * detached, on a thread of its own that works without the BQL.  At the end
 * it reports status and DUMP_COMPLETED, lets the arch finish or abort, and
 * resumes the VM if it was running (docs/dump.md).
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "qapi/error.h"
#include "exec/memory.h"
#include "hw/boards.h"
#include "qapi/qapi-events.h"
#include "sysemu/cpus.h"
#include "sysemu/runstate.h"
#include "dump-internal.h"
#include "compress.h"

typedef struct DumpFormatInfo {
    DumpGuestMemoryFormat format;
    const DumpWriter *writer;
    const DumpCompressor *compressor;
    bool raw;
} DumpFormatInfo;

/* In QEMU's query-dump-guest-memory-capability order. */
static const DumpFormatInfo dump_formats[] = {
    { DUMP_GUEST_MEMORY_FORMAT_ELF, &dump_elf_writer, NULL, false },
    { DUMP_GUEST_MEMORY_FORMAT_KDUMP_ZLIB, &dump_kdump_writer,
      &dump_compress_zlib, false },
    { DUMP_GUEST_MEMORY_FORMAT_KDUMP_RAW_ZLIB, &dump_kdump_writer,
      &dump_compress_zlib, true },
    { DUMP_GUEST_MEMORY_FORMAT_KDUMP_LZO, &dump_kdump_writer,
      &dump_compress_lzo, false },
    { DUMP_GUEST_MEMORY_FORMAT_KDUMP_RAW_LZO, &dump_kdump_writer,
      &dump_compress_lzo, true },
    { DUMP_GUEST_MEMORY_FORMAT_KDUMP_SNAPPY, &dump_kdump_writer,
      &dump_compress_snappy, false },
    { DUMP_GUEST_MEMORY_FORMAT_KDUMP_RAW_SNAPPY, &dump_kdump_writer,
      &dump_compress_snappy, true },
    { DUMP_GUEST_MEMORY_FORMAT_KDUMP_ZSTD, &dump_kdump_writer,
      &dump_compress_zstd, false },
    { DUMP_GUEST_MEMORY_FORMAT_KDUMP_RAW_ZSTD, &dump_kdump_writer,
      &dump_compress_zstd, true },
};

/*
 * The one dump at a time.  @active and the fields used for cleanup are
 * protected by the BQL; the progress (status, completed, total) is read
 * lock-free by query-dump.
 */
static DumpState dump_state;
static bool dump_active;
/* While a dump runs the VM keeps still: no stop, cont or reset (QEMU). */
static RunStateBlocker dump_blocker = {
    .blocks = RUNSTATE_BLOCK_STOP | RUNSTATE_BLOCK_START | RUNSTATE_BLOCK_RESET,
    .reason = DUMP_IN_PROGRESS_MSG,
};
static bool dump_resume;            /* the VM ran before the dump */
static bool dump_exiting;           /* machine teardown: do not resume */
static GThread *dump_thread;
static int dump_status = DUMP_STATUS_NONE;
static uint64_t dump_total;

static const DumpFormatInfo *format_info(DumpGuestMemoryFormat format)
{
    for (size_t i = 0; i < G_N_ELEMENTS(dump_formats); i++) {
        if (dump_formats[i].format == format) {
            return &dump_formats[i];
        }
    }
    return NULL;
}

size_t dump_supported_formats(const DumpGuestMemoryFormat **formats)
{
    static DumpGuestMemoryFormat list[G_N_ELEMENTS(dump_formats)];

    for (size_t i = 0; i < G_N_ELEMENTS(dump_formats); i++) {
        list[i] = dump_formats[i].format;
    }
    *formats = list;
    return G_N_ELEMENTS(dump_formats);
}

bool dump_in_progress(void)
{
    return dump_active;
}

void dump_query(DumpQueryResult *result)
{
    /* Pairs with the release store in set_status(). */
    result->status = __atomic_load_n(&dump_status, __ATOMIC_ACQUIRE);
    result->completed = __atomic_load_n(&dump_state.completed,
                                        __ATOMIC_RELAXED);
    result->total = __atomic_load_n(&dump_total, __ATOMIC_RELAXED);
}

/* The counters are stored before the status, as QEMU does. */
static void set_status(DumpStatus status)
{
    __atomic_store_n(&dump_status, status, __ATOMIC_RELEASE);
}

void dump_progress_add(DumpState *s, uint64_t bytes)
{
    __atomic_fetch_add(&s->completed, bytes, __ATOMIC_RELAXED);
}

bool dump_check_cancelled(DumpState *s, GError **errp)
{
    if (__atomic_load_n(&s->cancelled, __ATOMIC_ACQUIRE)) {
        error_setg(errp, "dump cancelled");
        return false;
    }
    return true;
}

bool dump_check_request(const DumpRequest *req, GError **errp)
{
    if (runstate_get() == RUN_STATE_INMIGRATE) {
        error_setg(errp, "Dump not allowed during incoming migration.");
        return false;
    }
    if (dump_in_progress()) {
        error_setg(errp, DUMP_IN_PROGRESS_MSG);
        return false;
    }
    if (req->format != DUMP_GUEST_MEMORY_FORMAT_ELF &&
        (req->paging || req->has_begin || req->has_length)) {
        error_setg(errp, "kdump-compressed format doesn't support paging or "
                   "filter");
        return false;
    }
    if (req->has_begin && !req->has_length) {
        error_setg(errp, "Parameter 'length' is missing");
        return false;
    }
    if (req->has_length && !req->has_begin) {
        error_setg(errp, "Parameter 'begin' is missing");
        return false;
    }
    if (req->format == DUMP_GUEST_MEMORY_FORMAT_WIN_DMP) {
        error_setg(errp, "x86-64 Windows guest dump not built-in");
        return false;
    }
    /* ELF has no way to say a page was left out (nor has a protected dump). */
    if (req->exclude_zero && req->format == DUMP_GUEST_MEMORY_FORMAT_ELF) {
        error_setg(errp, "parameter 'exclude-zero-pages' needs a "
                   "kdump-compressed format");
        return false;
    }
    return dump_arch_check_request(req->format == DUMP_GUEST_MEMORY_FORMAT_ELF,
                                   req->has_begin, errp);
}

/* ---------------------------------------------------------------- init */

/*
 * The RAM blocks, cut to the begin/length filter.  Negative values select
 * nothing (QEMU leaves them unchecked and ends up with no memory).
 */
static bool collect_memory(DumpState *s, const DumpRequest *req, GError **errp)
{
    const RAMBlock *ram = guest_ram_block();
    uint64_t start = 0, end = ram ? ram->size : 0;

    if (req->has_length && req->length == 0) {
        error_setg(errp, "parameter 'length' expects a non-zero size");
        return false;
    }
    if (req->has_begin) {
        bool valid = req->begin >= 0 && req->length > 0;
        uint64_t fend = valid ? (uint64_t)req->begin + req->length : 0;

        start = valid ? MAX(start, (uint64_t)req->begin) : end;
        end = MIN(end, MAX(fend, start));
    }
    if (end <= start) {
        error_setg(errp, "dump: no guest memory to dump");
        return false;
    }
    /* One RAM block from guest address 0: one PT_LOAD (D4). */
    s->blocks = g_new(DumpMemBlock, 1);
    s->blocks[0] = (DumpMemBlock) { .start = start, .size = end - start };
    s->nr_blocks = 1;
    s->total = end - start;
    s->max_mapnr = DIV_ROUND_UP(end, s->arch.page_size);
    return true;
}

static bool collect_notes(DumpState *s, GError **errp)
{
    const DumpArchOps *ops = s->arch.ops;
    size_t per_cpu = ops->cpu_notes_size(&s->arch);
    CPUState *cpu;

    s->nr_cpus = cpu_count;
    s->note_size = per_cpu * cpu_count;
    s->notes = g_malloc0(s->note_size);
    CPU_FOREACH(cpu) {
        if (!ops->cpu_notes_write(&s->arch, cpu,
                                  s->notes + per_cpu * cpu->cpu_index, errp)) {
            error_prepend(errp, "dump: failed to write elf notes: ");
            return false;
        }
    }
    return true;
}

static unsigned default_threads(void)
{
    unsigned n = current_machine ? current_machine->cfg->dump_threads : 0;

    return n ? n : g_get_num_processors();
}

/* Everything up to the first byte written; the VM is paused after it. */
static bool dump_init(DumpState *s, const DumpRequest *req,
                      const DumpFormatInfo *fi, GError **errp)
{
    DumpArchParams params;

    s->writer = fi->writer;
    s->compressor = fi->compressor;
    s->raw = fi->raw;
    s->threads = req->threads ? req->threads : default_threads();
    s->exclude_zero = req->exclude_zero;
    if (!dump_arch_init(&s->arch, errp) || !collect_memory(s, req, errp)) {
        return false;
    }
    __atomic_store_n(&dump_total, s->total, __ATOMIC_RELAXED);
    params = (DumpArchParams) {
        .elf = fi->writer == &dump_elf_writer,
        .filtered = req->has_begin,
        .blocks = s->blocks,
        .nr_blocks = s->nr_blocks,
        .total = s->total,
    };
    if (s->arch.ops->begin && !s->arch.ops->begin(&s->arch, &params, errp)) {
        return false;
    }
    s->arch_begun = true;
    return collect_notes(s, errp);
}

/* ------------------------------------------------------------- cleanup */

/*
 * Lets the arch finish (*@errp NULL) or abort the dump; if the machine
 * cannot run afterwards, that is added to the dump's error *@errp.
 * Returns false in that case.
 */
static bool dump_arch_end(DumpState *s, GError **errp)
{
    const DumpArchOps *ops = s->arch.ops;
    bool (*end)(DumpArch *, GError **) = *errp ? ops->abort : ops->finish;
    GError *err = NULL, *dump_err = *errp;

    if (!s->arch_begun || !end || end(&s->arch, &err)) {
        return true;
    }
    if (dump_err) {
        *errp = NULL;
        error_setg(errp, "%s; %s", dump_err->message, err->message);
        g_error_free(dump_err);
        g_error_free(err);
    } else {
        g_propagate_error(errp, err);
    }
    return false;
}

/* Releases everything of @s and resumes the VM if it @can_run.  BQL held. */
static void dump_cleanup(DumpState *s, bool can_run)
{
    if (s->fd >= 0) {
        close(s->fd);
        s->fd = -1;
    }
    g_free(s->blocks);
    g_free(s->notes);
    dump_active = false;
    runstate_del_blocker(&dump_blocker);
    if (dump_resume && !dump_exiting && (!can_run || !vm_start(NULL))) {
        /* The STOP event was sent when the dump paused the VM. */
        runstate_set(RUN_STATE_PAUSED);
    }
}

/*
 * Ends a dump that got past init: arch end, status, event, cleanup; *@errp
 * is the dump's error, extended if the machine cannot run.  BQL held.
 */
static void dump_complete(DumpState *s, GError **errp)
{
    bool can_run = dump_arch_end(s, errp);
    const GError *err = *errp;
    DumpQueryResult result;

    set_status(err ? DUMP_STATUS_FAILED : DUMP_STATUS_COMPLETED);
    dump_query(&result);
    qapi_event_send_dump_completed(&result, err != NULL,
                                   err ? err->message : NULL);
    dump_cleanup(s, can_run);
}

/* ---------------------------------------------------------------- run */

/* Runs the writer; a failure after dump-cancel is reported as the cancel. */
static void dump_write(DumpState *s, GError **errp)
{
    GError *err = NULL;

    if (!s->writer->write(s, &err) &&
        __atomic_load_n(&s->cancelled, __ATOMIC_ACQUIRE)) {
        g_clear_error(&err);
        error_setg(&err, "dump cancelled");
    }
    if (err) {
        g_propagate_error(errp, err);
    }
}

static gpointer dump_thread_run(gpointer opaque)
{
    DumpState *s = opaque;
    GError *err = NULL;

    dump_write(s, &err);
    /*
     * Cleanup under the BQL, so a "cont" or a new dump sent right after the
     * event sees the dump finished and the VM resumed.
     */
    bql_lock();
    dump_complete(s, &err);
    bql_unlock();
    g_clear_error(&err);
    return NULL;
}

static void dump_reset(DumpState *s, int fd)
{
    memset(s, 0, sizeof(*s));
    s->fd = fd;
    __atomic_store_n(&dump_total, 0, __ATOMIC_RELAXED);
    set_status(DUMP_STATUS_ACTIVE);
}

bool dump_start(const DumpRequest *req, int fd, GError **errp)
{
    const DumpFormatInfo *fi = format_info(req->format);
    DumpState *s = &dump_state;
    GError *err = NULL;

    g_assert(fi && bql_locked() && !dump_active);
    if (fi->raw && lseek(fd, 0, SEEK_CUR) < 0) {
        close(fd);
        error_setg(errp, "kdump-raw formats require a seekable file");
        return false;
    }
    if (dump_thread) {
        /* The previous detached dump has finished; reap its thread. */
        g_thread_join(dump_thread);
        dump_thread = NULL;
    }
    dump_reset(s, fd);
    dump_active = true;
    dump_resume = runstate_is_running();
    runstate_add_blocker(&dump_blocker);
    if (dump_resume) {
        vm_stop(RUN_STATE_SAVE_VM);
    }
    if (!dump_init(s, req, fi, &err)) {
        set_status(DUMP_STATUS_FAILED);
        dump_cleanup(s, dump_arch_end(s, &err));
        g_propagate_error(errp, err);
        return false;
    }
    dump_fd_setup(s);
    if (req->detach) {
        dump_thread = g_thread_new("dump", dump_thread_run, s);
        return true;
    }
    dump_write(s, &err);
    dump_complete(s, &err);
    if (err) {
        g_propagate_error(errp, err);
        return false;
    }
    return true;
}

bool dump_cancel(GError **errp)
{
    if (!dump_active) {
        error_setg(errp, "There is no dump in progress");
        return false;
    }
    __atomic_store_n(&dump_state.cancelled, 1, __ATOMIC_RELEASE);
    return true;
}

void dump_shutdown(void)
{
    if (!dump_thread) {
        return;
    }
    bql_lock();
    dump_exiting = true;
    __atomic_store_n(&dump_state.cancelled, 1, __ATOMIC_RELEASE);
    bql_unlock();
    g_thread_join(dump_thread);
    dump_thread = NULL;
}
