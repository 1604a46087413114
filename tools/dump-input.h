/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dump-input.h - random access to a dump file or a dump read from a pipe.
 *
 * A regular file (or block device) is read with pread().  A stream (pipe,
 * socket, terminal) can only be read once, front to back, so the input
 * keeps every byte that is *not* guest memory ("metadata": headers, notes,
 * sections, the storage-state table) in RAM as it passes by, and hands
 * guest memory straight to its consumer without keeping it.  Metadata
 * reads then work the same way for both kinds of input.
 *
 * On a stream, dump_input_read_at() reads ahead (spooling) up to the
 * "barrier", the first byte of guest memory; a range beyond it that has
 * not gone past yet fails with DUMP_INPUT_ERROR_NOT_YET, which tells the
 * caller that the dump's metadata follows its memory.
 */
#ifndef TOOLS_DUMP_INPUT_H
#define TOOLS_DUMP_INPUT_H

#include "qemu/osdep.h"
#include <sys/stat.h>

#define DUMP_INPUT_ERROR (dump_input_error_quark())
GQuark dump_input_error_quark(void);

typedef enum DumpInputError {
    DUMP_INPUT_ERROR_FAILED,   /* I/O error, truncation, bad range */
    DUMP_INPUT_ERROR_NOT_YET,  /* stream: the range lies beyond the barrier */
} DumpInputError;

typedef struct DumpInput DumpInput;

/*
 * Opens @path ("-" for standard input).  @spool_limit bounds the bytes of
 * metadata a stream may keep in RAM.
 */
DumpInput *dump_input_open(const char *path, uint64_t spool_limit, GError **errp);

/* Wraps an open descriptor (not closed by dump_input_free()). */
DumpInput *dump_input_new_fd(int fd, const char *name, uint64_t spool_limit,
                             GError **errp);

/* Closes and frees @in; NULL is ignored. */
void dump_input_free(DumpInput *in);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(DumpInput, dump_input_free)

/* The name used in messages (the path, or "standard input"). */
const char *dump_input_name(const DumpInput *in);

/* The file the input reads (fstat() when it was opened). */
const struct stat *dump_input_stat(const DumpInput *in);

/* True for regular files and block devices (pread works). */
bool dump_input_seekable(const DumpInput *in);

/*
 * The size of the input: exact for seekable inputs and for streams read to
 * the end, UINT64_MAX for a stream whose end has not been seen yet.
 */
uint64_t dump_input_size(const DumpInput *in);

/*
 * Reads @len bytes at @off into @buf.  @what names the object for
 * messages ("section headers", "note 3", ...).  Reading past the end fails
 * with a message naming the object, its range and the input size.
 */
bool dump_input_read_at(DumpInput *in, uint64_t off, void *buf, size_t len,
                        const char *what, GError **errp);

/* Stream only: never spool beyond @barrier (the first byte of memory). */
void dump_input_set_barrier(DumpInput *in, uint64_t barrier);

/*
 * Reads guest memory: @len bytes at @off into @buf.  On a stream, @off
 * must not lie behind the bytes already consumed; bytes skipped on the way
 * are spooled as metadata, the memory itself is not.
 */
bool dump_input_read_memory(DumpInput *in, uint64_t off, void *buf, size_t len,
                            GError **errp);

/* Stream only: spools everything up to the end of the input. */
bool dump_input_spool_rest(DumpInput *in, GError **errp);

#endif /* TOOLS_DUMP_INPUT_H */
