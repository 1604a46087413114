/*
 * dump-io.c - complete writes to the dump fd.
 *
 * Pipes (libvirt's relay) take partial writes; a reader that went away
 * gives EPIPE (SIGPIPE is ignored by pvdump-vm), a full disk ENOSPC.
 */
#include "qemu/osdep.h"
#include "dump-internal.h"

int dump_writev_full(int fd, struct iovec *iov, int iovcnt)
{
    while (iovcnt) {
        ssize_t n = writev(fd, iov, MIN(iovcnt, IOV_MAX));

        if (n < 0 && errno == EINTR) {
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

int dump_write_full(int fd, const void *buf, size_t len)
{
    struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };

    return dump_writev_full(fd, &iov, 1);
}

int dump_pwrite_full(int fd, const void *buf, size_t len, uint64_t offset)
{
    const uint8_t *p = buf;

    while (len) {
        ssize_t n = pwrite(fd, p, len, offset);

        if (n < 0 && errno == EINTR) {
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
