/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * zero-pages.h - finding all-zero pages in a buffer, and whether an
 * output file may get holes for them (sparse dumps and decrypted dumps).
 */
#ifndef UTIL_ZERO_PAGES_H
#define UTIL_ZERO_PAGES_H

#include "qemu/osdep.h"

/* Whether the @len bytes at @p are all zero (@len may be 0). */
bool buffer_is_zero(const void *p, size_t len);

/*
 * The length of the run of pages at the start of @p[0..@len) that are all
 * zero (@zero true) or that each hold a non-zero byte (@zero false),
 * looked at in pieces of @page bytes (the last one may be shorter).
 * Returns a multiple of @page or @len.  Host pages of anonymous memory
 * that were never written (/proc/self/pagemap) count as zero without
 * being read, so that they do not become resident.
 */
size_t zero_pages_run(const uint8_t *p, size_t len, size_t page, bool zero);

/*
 * Whether a writer may leave holes in @fd instead of writing zeros: @fd
 * is a regular file, not in append mode, and holds nothing at or beyond
 * its current offset (so what it skips reads back as zeros).  A pipe, a
 * device, or a file with old contents ahead gets real zeros.
 */
bool zero_pages_fd_may_skip(int fd);

/*
 * After a writer skipped zeros at the end of @fd: extends the file to
 * its current offset.  Returns 0 or -errno.
 */
int zero_pages_fd_finish(int fd);

#endif /* UTIL_ZERO_PAGES_H */
