/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pv-decrypt.c - protected dump to plain ELF core (see pv-decrypt.h).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "decrypt-engine.h"
#include "elf-core-writer.h"
#include "output-file.h"
#include "progress.h"
#include "pv-decrypt.h"

#define COPY_CHUNK (1 * MiB)

typedef struct DecryptRun {
    PvDump *dump;
    OutputFile *out;
    bool in_place;            /* memory is read back from the output */
    ElfCoreLayout lay;
    ElfCoreLoad *oloads;      /* output PT_LOADs, parallel to dump->loads */
    DecryptSegment *segs;
    Progress *progress;
} DecryptRun;

static bool io_read_mem(void *opaque, uint64_t off, void *buf, size_t len,
                        GError **errp)
{
    DecryptRun *r = opaque;

    return r->in_place ? output_file_read(r->out, off, buf, len, errp)
                       : dump_input_read_memory(r->dump->in, off, buf, len, errp);
}

static bool io_read_states(void *opaque, uint64_t first, uint64_t count,
                           uint8_t *buf, GError **errp)
{
    DecryptRun *r = opaque;

    return pv_dump_read_states(r->dump, first, count, buf, errp);
}

static bool io_write(void *opaque, uint64_t off, const void *buf, size_t len,
                     GError **errp)
{
    DecryptRun *r = opaque;

    return output_file_write(r->out, off, buf, len, errp);
}

static void io_progress(void *opaque, uint64_t done)
{
    DecryptRun *r = opaque;

    progress_update(r->progress, done);
}

/* Lays out the output and maps every PT_LOAD to a decryption segment. */
static void plan_output(DecryptRun *r)
{
    const PvDump *d = r->dump;

    r->oloads = g_new0(ElfCoreLoad, d->nloads);
    r->segs = g_new0(DecryptSegment, d->nloads);
    for (unsigned i = 0; i < d->nloads; i++) {
        r->oloads[i].paddr = d->loads[i].paddr;
        r->oloads[i].filesz = d->loads[i].filesz;
        r->oloads[i].memsz = d->loads[i].memsz;
    }
    elf_core_layout(&r->lay, d->ncpus, r->oloads, d->nloads);
    for (unsigned i = 0; i < d->nloads; i++) {
        r->segs[i] = (DecryptSegment) {
            .src_off = r->in_place ? r->oloads[i].offset : d->loads[i].offset,
            .dst_off = r->oloads[i].offset,
            .len = d->loads[i].filesz,
            .first_page = d->loads[i].first_page,
        };
    }
}

/*
 * Checks the storage states and authenticates the dump; on success @envs
 * holds the decrypted registers and @compl the memory keys.
 */
static bool unlock_dump(PvDump *dump, const uint8_t cck[PV_CCK_SIZE],
                        PvComplData *compl, S390Regs *envs, GError **errp)
{
    g_autofree PvCpuDump *cpus = g_new0(PvCpuDump, dump->ncpus);
    uint64_t counts[PV_PAGE_STATE__MAX];
    bool ok;

    ok = pv_dump_check_coverage(dump, errp) &&
         pv_dump_count_states(dump, counts, true, errp) &&
         pv_dump_authenticate(dump, cck, compl, cpus, errp);
    for (unsigned i = 0; ok && i < dump->ncpus; i++) {
        pv_cpu_dump_to_env(&cpus[i], &envs[i]);
    }
    pv_crypto_wipe(cpus, sizeof(*cpus) * dump->ncpus);
    return ok;
}

/* Stream whose sections follow memory: copy the ciphertext to the output. */
static bool copy_memory_to_output(DecryptRun *r, GError **errp)
{
    g_autofree uint8_t *buf = g_malloc(COPY_CHUNK);
    uint64_t done = 0;

    for (unsigned i = 0; i < r->dump->nloads; i++) {
        const PvDumpLoad *l = &r->dump->loads[i];
        for (uint64_t off = 0; off < l->filesz; off += COPY_CHUNK) {
            size_t n = MIN(COPY_CHUNK, l->filesz - off);
            if (!dump_input_read_memory(r->dump->in, l->offset + off, buf, n, errp) ||
                !output_file_write(r->out, r->oloads[i].offset + off, buf, n, errp)) {
                return false;
            }
            done += n;
            progress_update(r->progress, done);
        }
    }
    return dump_input_spool_rest(r->dump->in, errp) &&
           pv_dump_read_sections(r->dump, errp);
}

static bool write_head(DecryptRun *r, const S390Regs *envs, GError **errp)
{
    g_autofree uint8_t *head = g_malloc(r->lay.head_size);

    elf_core_write_head(&r->lay, r->oloads, envs, head);
    return output_file_write(r->out, 0, head, r->lay.head_size, errp);
}

static bool run_decrypt(DecryptRun *r, const uint8_t cck[PV_CCK_SIZE],
                        const PvDecryptOptions *opts, GError **errp)
{
    g_autofree S390Regs *envs = g_new0(S390Regs, r->dump->ncpus);
    PvComplData compl;
    DecryptJob job = {
        .segs = r->segs, .nsegs = r->dump->nloads, .threads = opts->threads,
        .xts_key = compl.xts_key, .nonce = compl.nonce,
        .io = { io_read_mem, io_read_states, io_write, io_progress, r },
    };
    bool ok;

    if (r->in_place) {
        r->progress = progress_new("reading   ", r->dump->mem_size, opts->progress);
        ok = copy_memory_to_output(r, errp);
        progress_free(g_steal_pointer(&r->progress));
        if (!ok) {
            return false;
        }
    }
    ok = unlock_dump(r->dump, cck, &compl, envs, errp);
    if (ok) {
        r->progress = progress_new("decrypting", r->dump->mem_size, opts->progress);
        ok = write_head(r, envs, errp) && decrypt_engine_run(&job, errp);
        progress_free(g_steal_pointer(&r->progress));
    }
    /* Also after a failure: the completion data may have opened. */
    pv_crypto_wipe(&compl, sizeof(compl));
    pv_crypto_wipe(envs, sizeof(*envs) * r->dump->ncpus);
    return ok;
}

bool pv_decrypt_dump(PvDump *dump, const uint8_t cck[PV_CCK_SIZE],
                     const PvDecryptOptions *opts, GError **errp)
{
    DecryptRun r = { .dump = dump, .in_place = !dump->have_sections };
    bool ok;

    if (dump->nloads > ELF_CORE_MAX_LOADS) {
        error_setg(errp, "%s has %u PT_LOAD segments; at most %u fit in the "
                   "output", dump_input_name(dump->in), dump->nloads,
                   ELF_CORE_MAX_LOADS);
        return false;
    }
    if (r.in_place && output_file_is_stream(opts->output)) {
        error_setg(errp, "the sections of %s follow its memory: decrypting it "
                   "from a stream needs a seekable output (-o FILE, not -o -)",
                   dump_input_name(dump->in));
        return false;
    }
    r.out = output_file_create(opts->output, opts->force,
                               dump_input_stat(dump->in), errp);
    if (!r.out) {
        return false;
    }
    plan_output(&r);
    ok = run_decrypt(&r, cck, opts, errp) && output_file_commit(r.out, errp);
    output_file_free(r.out);
    g_free(r.oloads);
    g_free(r.segs);
    return ok;
}

bool pv_dump_skip_to_sections(PvDump *dump, GError **errp)
{
    g_autofree uint8_t *buf = g_malloc(COPY_CHUNK);

    for (unsigned i = 0; i < dump->nloads; i++) {
        const PvDumpLoad *l = &dump->loads[i];
        for (uint64_t off = 0; off < l->filesz; off += COPY_CHUNK) {
            size_t n = MIN(COPY_CHUNK, l->filesz - off);
            if (!dump_input_read_memory(dump->in, l->offset + off, buf, n, errp)) {
                return false;
            }
        }
    }
    return dump_input_spool_rest(dump->in, errp) &&
           pv_dump_read_sections(dump, errp);
}
