/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * zero-pages.c - all-zero pages and holes (see zero-pages.h).
 */
#include "qemu/osdep.h"
#include "util/zero-pages.h"
#include <sys/stat.h>

bool buffer_is_zero(const void *p, size_t len)
{
    const uint8_t *b = p;

    /*
     * The first byte cheaply, then the buffer against itself shifted by
     * one: memcmp() runs at memory speed, no byte loop.
     */
    return len == 0 || (b[0] == 0 && !memcmp(b, b + 1, len - 1));
}

size_t zero_pages_run(const uint8_t *p, size_t len, size_t page, bool zero)
{
    size_t done = 0;

    while (done < len) {
        size_t n = MIN(page, len - done);

        if (buffer_is_zero(p + done, n) != zero) {
            break;
        }
        done += n;
    }
    return done;
}

bool zero_pages_fd_may_skip(int fd)
{
    struct stat st;
    int flags = fcntl(fd, F_GETFL);
    off_t pos;

    if (flags < 0 || (flags & O_APPEND) || fstat(fd, &st) < 0 ||
        !S_ISREG(st.st_mode)) {
        return false;
    }
    pos = lseek(fd, 0, SEEK_CUR);
    return pos >= 0 && pos >= st.st_size;
}

int zero_pages_fd_finish(int fd)
{
    struct stat st;
    off_t pos = lseek(fd, 0, SEEK_CUR);

    if (pos < 0 || fstat(fd, &st) < 0) {
        return -errno;
    }
    if (pos > st.st_size && ftruncate(fd, pos) < 0) {
        return -errno;
    }
    return 0;
}
