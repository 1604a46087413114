/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dump-io.c - complete writes to the dump fd.
 *
 * Pipes (libvirt's relay) take partial writes; a reader that went away
 * gives EPIPE (SIGPIPE is ignored by pvdump-vm), a full disk ENOSPC.  The
 * fd is non-blocking, so that a reader that stalls cannot keep dump-cancel
 * or the machine's exit waiting forever.
 */
#include "qemu/osdep.h"
#include "dump-internal.h"
#include "util/fault-inject.h"
#include "util/zero-pages.h"
#include <poll.h>

/* How often a blocked write looks for dump-cancel. */
#define DUMP_CANCEL_POLL_MS 100

void dump_fd_setup(DumpState *s)
{
    int flags = fcntl(s->fd, F_GETFL);

    if (flags >= 0) {
        fcntl(s->fd, F_SETFL, flags | O_NONBLOCK);
    }
}

static bool cancelled(DumpState *s)
{
    return __atomic_load_n(&s->cancelled, __ATOMIC_ACQUIRE);
}

/* Waits until @fd takes data again; -ECANCELED if the dump was cancelled. */
static int wait_writable(DumpState *s)
{
    struct pollfd pfd = { .fd = s->fd, .events = POLLOUT };

    while (!cancelled(s)) {
        if (poll(&pfd, 1, DUMP_CANCEL_POLL_MS) != 0) {
            return 0;       /* ready, error or EINTR: let write() tell */
        }
    }
    return -ECANCELED;
}

/*
 * What one write(2)-like call returned @n means: 0 = @n bytes went out,
 * 1 = try again (interrupted, or the fd is writable again), <0 = -errno.
 */
static int write_outcome(DumpState *s, ssize_t n)
{
    if (n > 0) {
        return 0;
    }
    if (n == 0) {
        return -EIO;
    }
    if (errno == EINTR) {
        return 1;
    }
    if (errno == EAGAIN) {
        int ret = wait_writable(s);
        return ret < 0 ? ret : 1;
    }
    return -errno;
}

/*
 * Writes the gather list completely.  With @guest_bytes, every byte that
 * reaches the fd is guest memory and counts as progress at once, so that
 * a dump failing halfway (ENOSPC) reports what the file holds.
 */
static int writev_all(DumpState *s, struct iovec *iov, int iovcnt,
                      bool guest_bytes)
{
    while (iovcnt) {
        ssize_t n;
        int ret;

        /*
         * Checked before every syscall, not only when the fd is full: a
         * reader that keeps up with a multi-MiB write (kdump's caches)
         * never lets it see EAGAIN, and a cancel accepted while output is
         * still pending must fail the dump, not let it complete.
         */
        if (cancelled(s)) {
            return -ECANCELED;
        }
        n = fault_inject_syscall(FAULT_DUMP_WRITE) ?:
            writev(s->fd, iov, MIN(iovcnt, IOV_MAX));
        ret = write_outcome(s, n);

        if (ret) {
            if (ret < 0) {
                return ret;
            }
            continue;
        }
        if (guest_bytes) {
            dump_progress_add(s, n);
        }
        /* Skip what went out, possibly in the middle of an element. */
        while (iovcnt && (size_t)n >= iov->iov_len) {
            n -= iov->iov_len;
            iov++;
            iovcnt--;
        }
        if (iovcnt) {
            iov->iov_base = (uint8_t *)iov->iov_base + n;
            iov->iov_len -= n;
        }
    }
    return 0;
}

int dump_writev_full(DumpState *s, struct iovec *iov, int iovcnt)
{
    return writev_all(s, iov, iovcnt, false);
}

int dump_write_full(DumpState *s, const void *buf, size_t len)
{
    struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };

    return writev_all(s, &iov, 1, false);
}

int dump_write_guest(DumpState *s, const void *buf, size_t len)
{
    struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };

    return writev_all(s, &iov, 1, true);
}

/* The unit of holes: the guest's page, a file system's block. */
#define DUMP_SPARSE_PAGE 4096

/*
 * A hole of @n bytes at the offset: the file is extended over it at once,
 * so that its size always covers the guest bytes counted as progress
 * (a dump that fails later leaves a file that holds what it reports).
 */
static int skip_zeros(DumpState *s, size_t n)
{
    off_t pos = lseek(s->fd, 0, SEEK_CUR);

    if (pos < 0 || ftruncate(s->fd, pos + n) < 0 ||
        lseek(s->fd, n, SEEK_CUR) < 0) {
        return -errno;
    }
    return 0;
}

/*
 * @n zero bytes for a pipe or a file with old contents, from a buffer of
 * our own rather than from guest memory that was never written: reading
 * that would make it resident on hosts without a shared zero page.
 */
static int write_zeros(DumpState *s, size_t n)
{
    static const uint8_t zeros[64 * KiB];
    struct iovec iov[64];
    int ret = 0;

    while (n && ret == 0) {
        int cnt = 0;

        for (; n && cnt < (int)ARRAY_SIZE(iov); cnt++) {
            iov[cnt].iov_base = (void *)zeros;
            iov[cnt].iov_len = MIN(n, sizeof(zeros));
            n -= iov[cnt].iov_len;
        }
        ret = writev_all(s, iov, cnt, true);
    }
    return ret;
}

int dump_write_guest_sparse(DumpState *s, const void *buf, size_t len)
{
    const uint8_t *p = buf;

    while (len) {
        size_t n = zero_pages_run(p, len, DUMP_SPARSE_PAGE, true);
        int ret = 0;

        if (n && s->sparse) {
            ret = skip_zeros(s, n);
            if (ret < 0) {
                return ret;
            }
            dump_progress_add(s, n);
        } else if (n) {
            ret = write_zeros(s, n);
        } else {
            n = zero_pages_run(p, len, DUMP_SPARSE_PAGE, false);
            ret = dump_write_guest(s, p, n);
        }
        if (ret < 0) {
            return ret;
        }
        p += n;
        len -= n;
    }
    return 0;
}

int dump_finish_sparse(DumpState *s)
{
    return s->sparse ? zero_pages_fd_finish(s->fd) : 0;
}

int dump_pwrite_full(DumpState *s, const void *buf, size_t len,
                     uint64_t offset)
{
    const uint8_t *p = buf;

    while (len) {
        ssize_t n;
        int ret;

        if (cancelled(s)) {         /* as in dump_writev_full() */
            return -ECANCELED;
        }
        n = fault_inject_syscall(FAULT_DUMP_WRITE) ?:
            pwrite(s->fd, p, len, offset);
        ret = write_outcome(s, n);

        if (ret) {
            if (ret < 0) {
                return ret;
            }
            continue;
        }
        p += n;
        len -= n;
        offset += n;
    }
    return 0;
}
