/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dump-internal.h - shared by the dump engine and its writers.
 *
 * The engine (dump.c) pauses the VM, collects the memory list and the notes,
 * and runs one writer (seam 4).  Writers see only DumpState: the layout
 * inputs, the output fd, and helpers for progress and cancellation.  They
 * write strictly front to back on flattened/ELF outputs, so a pipe works.
 */
#ifndef DUMP_INTERNAL_H
#define DUMP_INTERNAL_H

#include "qemu/osdep.h"
#include "sysemu/dump.h"
#include "sysemu/dump-arch.h"
#include "qapi/error.h"
#include "util/elf64-be.h"
#include <sys/uio.h>

typedef struct DumpState DumpState;
typedef struct DumpCompressor DumpCompressor;

/* An output format: ELF, or kdump with a framing and a compressor. */
typedef struct DumpWriter {
    const char *name;
    /* Writes the whole dump of @s to s->fd. */
    bool (*write)(DumpState *s, GError **errp);
} DumpWriter;

struct DumpState {
    /* What to write */
    const DumpWriter *writer;
    const DumpCompressor *compressor;  /* kdump only */
    bool raw;                   /* kdump-raw-*: seekable random-access file */
    bool exclude_zero;          /* kdump: all-zero pages left out */
    unsigned threads;           /* compression workers */
    int fd;
    bool sparse;                /* zero pages may become holes (ELF to a file) */

    /* What the guest looks like */
    DumpArch arch;
    DumpMemBlock *blocks;       /* ascending, filtered */
    size_t nr_blocks;
    uint64_t total;             /* guest bytes to dump */
    uint64_t max_mapnr;         /* pfn of the end of the last block */
    uint8_t *notes;             /* every CPU's notes, built while paused */
    size_t note_size;
    int nr_cpus;
    bool arch_begun;            /* arch begin() succeeded: finish or abort */

    /* Progress, read by query-dump from other threads (atomics) */
    uint64_t completed;
    int cancelled;
};

extern const DumpWriter dump_elf_writer;
extern const DumpWriter dump_kdump_writer;

/*
 * The writers produce 64-bit big-endian files (util/elf64-be.h,
 * kdump-header.h): fails for a target with any other ELF identity.
 */
static inline bool dump_check_elf64_be(const DumpState *s, GError **errp)
{
    if (s->arch.elf_class != ELFCLASS64 || s->arch.elf_data != ELFDATA2MSB) {
        error_setg(errp, "dumping guest memory is not supported on this "
                   "target");
        return false;
    }
    return true;
}

/* Adds @bytes of guest memory to the progress counter. */
void dump_progress_add(DumpState *s, uint64_t bytes);

/* Fails with "dump cancelled" if dump-cancel was requested. */
bool dump_check_cancelled(DumpState *s, GError **errp);

/* Makes s->fd non-blocking, so that writes can notice dump-cancel. */
void dump_fd_setup(DumpState *s);

/*
 * Writes @len bytes to s->fd completely (retrying short writes, EINTR and
 * a full pipe).  Returns 0 or a negative errno (-ECANCELED on dump-cancel).
 */
int dump_write_full(DumpState *s, const void *buf, size_t len);

/*
 * Like dump_write_full() for @len bytes of guest memory: what each
 * write(2) gets into the fd is added to the progress counter, so progress
 * counts what reached the file even if the dump fails halfway.
 */
int dump_write_guest(DumpState *s, const void *buf, size_t len);

/*
 * Like dump_write_guest(), but the all-zero pages are not read from the
 * guest: with s->sparse they are skipped with lseek() and become holes of
 * the file (the caller ends it with dump_finish_sparse()), otherwise
 * zeros of our own are written in their place.
 */
int dump_write_guest_sparse(DumpState *s, const void *buf, size_t len);

/* Makes a file that ends in skipped zeros as long as its offset says. */
int dump_finish_sparse(DumpState *s);

/* Like dump_write_full() for a gather list; @iov is consumed. */
int dump_writev_full(DumpState *s, struct iovec *iov, int iovcnt);

/* pwrite() of @len bytes at @offset, complete.  0 or a negative errno. */
int dump_pwrite_full(DumpState *s, const void *buf, size_t len,
                     uint64_t offset);

#endif /* DUMP_INTERNAL_H */
