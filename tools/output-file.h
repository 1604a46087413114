/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * output-file.h - where pvdump-decrypt's plain dump goes.
 *
 * The output path decides how it is written:
 *
 *  - "-" (standard output), a character device or a FIFO is written where
 *    it is, front to back: no temporary file, no rename, no --force needed
 *    (nothing is replaced).  A terminal is refused.
 *  - A path that does not exist: the data goes to a hidden temporary file
 *    (mode 0600: a decrypted dump is as secret as the guest) next to it,
 *    renamed into place by output_file_commit() only when complete.
 *    Failing, being freed uncommitted or being killed by SIGINT/SIGTERM/
 *    SIGHUP removes the temporary file, so no partial output is left.
 *  - An existing regular file is replaced the same way, with --force only.
 *  - An existing block device is written in place, with --force only.
 *  - A symbolic link is followed: what it points to decides, by the rules
 *    above, and a regular file it points to is replaced in its own
 *    directory, so the link stays a link.  A dangling link is refused.
 *  - Never the input dump itself (the same file by device and inode,
 *    whatever the name), with or without --force; nor a directory.
 */
#ifndef TOOLS_OUTPUT_FILE_H
#define TOOLS_OUTPUT_FILE_H

#include "qemu/osdep.h"
#include <sys/stat.h>

typedef struct OutputFile OutputFile;

/*
 * Checks that @path may be written under the rules above, without
 * creating anything; @input is the input dump's stat (NULL: unknown).
 */
bool output_file_check(const char *path, bool force, const struct stat *input,
                       GError **errp);

/*
 * Opens the output for @path under the rules above: the temporary file,
 * or the device, FIFO or standard output itself.  @input is the input
 * dump's stat (NULL: unknown); an output that is the same file is refused.
 */
OutputFile *output_file_create(const char *path, bool force,
                               const struct stat *input, GError **errp);

/*
 * True if @path ("-" included) names an output written front to back (a
 * FIFO, a character device or standard output), not a file or block device.
 */
bool output_file_is_stream(const char *path);

/* True if the output allows positioned reads and writes. */
bool output_file_seekable(const OutputFile *out);

/*
 * Writes @len bytes at @off.  A sequential output (standard output, a
 * character device, a FIFO) only allows @off equal to the bytes written
 * so far.
 */
bool output_file_write(OutputFile *out, uint64_t off, const void *buf,
                       size_t len, GError **errp);

/* Reads back @len bytes at @off (seekable outputs only). */
bool output_file_read(OutputFile *out, uint64_t off, void *buf, size_t len,
                      GError **errp);

/*
 * Moves the finished file into place: fsync()s it (a failure removes it),
 * renames it, then fsync()s its directory.  A failure of that last step
 * is an error too, but the complete file stays in place.  An output
 * written in place is fsync()ed if it is a regular file or block device.
 */
bool output_file_commit(OutputFile *out, GError **errp);

/* Closes @out, removing the temporary file unless committed; NULL is ignored. */
void output_file_free(OutputFile *out);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(OutputFile, output_file_free)

#endif /* TOOLS_OUTPUT_FILE_H */
