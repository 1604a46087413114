/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * output-file.h - an output file that appears only when it is complete.
 *
 * The data goes to a hidden temporary file (mode 0600: a decrypted dump is
 * as secret as the guest) next to the destination, which is renamed into
 * place by output_file_commit().  Failing, being freed uncommitted or
 * being killed by SIGINT/SIGTERM/SIGHUP removes the temporary file, so no
 * partial output is ever left behind.  "-" is standard output, written
 * sequentially.
 */
#ifndef TOOLS_OUTPUT_FILE_H
#define TOOLS_OUTPUT_FILE_H

#include "qemu/osdep.h"

typedef struct OutputFile OutputFile;

/*
 * Creates the temporary file for @path ("-": standard output, which must
 * not be a terminal).  Without @force an existing @path is an error, both
 * now and at commit time.
 */
OutputFile *output_file_create(const char *path, bool force, GError **errp);

/* True if the output allows positioned reads and writes (not stdout). */
bool output_file_seekable(const OutputFile *out);

/*
 * Writes @len bytes at @off.  Standard output only allows @off equal to
 * the bytes written so far.
 */
bool output_file_write(OutputFile *out, uint64_t off, const void *buf,
                       size_t len, GError **errp);

/* Reads back @len bytes at @off (seekable outputs only). */
bool output_file_read(OutputFile *out, uint64_t off, void *buf, size_t len,
                      GError **errp);

/*
 * Moves the finished file into place: fsync()s it (a failure removes it),
 * renames it, then fsync()s its directory.  A failure of that last step
 * is an error too, but the complete file stays in place.  Standard output
 * is fsync()ed if it is a regular file.
 */
bool output_file_commit(OutputFile *out, GError **errp);

/* Closes @out, removing the temporary file unless committed; NULL is ignored. */
void output_file_free(OutputFile *out);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(OutputFile, output_file_free)

#endif /* TOOLS_OUTPUT_FILE_H */
