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

/* Pagemap entry bits (Documentation/admin-guide/mm/pagemap.rst). */
#define PAGEMAP_PRESENT (1ULL << 63)
#define PAGEMAP_SWAPPED (1ULL << 62)
#define PAGEMAP_BATCH   512

/*
 * What the host knows about the pages at @p without touching them: a
 * page of private anonymous memory that is neither present nor swapped
 * was never written and reads as zeros.  Reading it instead would fault
 * it in, which on some hosts allocates it: a terabyte guest's untouched
 * memory must not become resident because it is dumped.
 */
typedef struct PageMapWindow {
    int fd;                     /* /proc/self/pagemap: -2 not yet opened */
    uintptr_t first;            /* host page number of entry[0] */
    size_t n;
    uint64_t entry[PAGEMAP_BATCH];
} PageMapWindow;

static bool page_untouched(PageMapWindow *w, const uint8_t *p, size_t page,
                           size_t left)
{
    uintptr_t pfn = (uintptr_t)p / page;
    ssize_t got;

    if (page != (size_t)sysconf(_SC_PAGESIZE) || (uintptr_t)p % page ||
        left < page) {
        return false;
    }
    if (w->fd == -2) {
        /* Opened per run, not kept: no fd outlives the caller's work. */
        w->fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
    }
    if (w->fd < 0) {
        return false;
    }
    if (pfn < w->first || pfn >= w->first + w->n) {
        w->first = pfn;
        w->n = MIN(left / page, PAGEMAP_BATCH);
        got = pread(w->fd, w->entry, w->n * sizeof(uint64_t),
                    (off_t)(pfn * sizeof(uint64_t)));
        w->n = got > 0 ? got / sizeof(uint64_t) : 0;
        if (!w->n) {
            return false;
        }
    }
    return !(w->entry[pfn - w->first] & (PAGEMAP_PRESENT | PAGEMAP_SWAPPED));
}

size_t zero_pages_run(const uint8_t *p, size_t len, size_t page, bool zero)
{
    PageMapWindow w = { .fd = -2 };
    size_t done = 0;

    while (done < len) {
        size_t n = MIN(page, len - done);
        bool is_zero = page_untouched(&w, p + done, page, len - done) ||
                       buffer_is_zero(p + done, n);

        if (is_zero != zero) {
            break;
        }
        done += n;
    }
    if (w.fd >= 0) {
        close(w.fd);
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
