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

/* Waits until @fd takes data again; -ECANCELED if the dump was cancelled. */
static int wait_writable(DumpState *s)
{
    struct pollfd pfd = { .fd = s->fd, .events = POLLOUT };

    while (!__atomic_load_n(&s->cancelled, __ATOMIC_ACQUIRE)) {
        if (poll(&pfd, 1, DUMP_CANCEL_POLL_MS) != 0) {
            return 0;       /* ready, error or EINTR: let write() tell */
        }
    }
    return -ECANCELED;
}

int dump_writev_full(DumpState *s, struct iovec *iov, int iovcnt)
{
    while (iovcnt) {
        ssize_t n = writev(s->fd, iov, MIN(iovcnt, IOV_MAX));

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && errno == EAGAIN) {
            int ret = wait_writable(s);
            if (ret < 0) {
                return ret;
            }
            continue;
        }
        if (n < 0) {
            return -errno;
        }
        if (n == 0) {
            return -EIO;
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

int dump_write_full(DumpState *s, const void *buf, size_t len)
{
    struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };

    return dump_writev_full(s, &iov, 1);
}

int dump_pwrite_full(DumpState *s, const void *buf, size_t len,
                     uint64_t offset)
{
    const uint8_t *p = buf;

    while (len) {
        ssize_t n = pwrite(s->fd, p, len, offset);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && errno == EAGAIN) {
            int ret = wait_writable(s);
            if (ret < 0) {
                return ret;
            }
            continue;
        }
        if (n < 0) {
            return -errno;
        }
        if (n == 0) {
            return -EIO;
        }
        p += n;
        len -= n;
        offset += n;
    }
    return 0;
}
