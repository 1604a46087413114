/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-cmds-memory.c - commands that read guest memory from the host side.
 */
#include "qemu/osdep.h"
#include "config-host.h"
#include "qapi/error.h"
#include "qapi/qapi-commands.h"
#include "exec/memory.h"
#include "sysemu/kvm.h"
#ifdef CONFIG_FAULT_INJECTION
#include "sysemu/uvsim-test.h"
#endif
#include "util/pv-crypto.h"

/* Copies in bounded chunks, so a huge range needs no huge buffer. */
#define PMEMSAVE_CHUNK (1 * MiB)

static bool write_all(int fd, const void *buf, size_t len)
{
    const uint8_t *p = buf;
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        p += n;
        len -= n;
    }
    return true;
}

void qmp_pmemsave(int64_t val, int64_t size, const char *filename, GError **errp)
{
    int fd;

    if (val < 0 || size < 0) {
        error_setg(errp, "Parameter '%s' expects a non-negative value",
                   val < 0 ? "val" : "size");
        return;
    }
    /* Check the whole range before creating the file. */
    if (!guest_memory_map_read(val, size, errp)) {
        return;
    }
    fd = open(filename, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        error_setg_errno(errp, errno, "Could not open '%s'", filename);
        return;
    }
    for (uint64_t done = 0; done < (uint64_t)size; done += PMEMSAVE_CHUNK) {
        uint64_t len = MIN(PMEMSAVE_CHUNK, (uint64_t)size - done);
        const void *p = guest_memory_map_read(val + done, len, errp);
        if (!p) {
            break;
        }
        if (!write_all(fd, p, len)) {
            error_setg_errno(errp, errno, "An IO error has occurred");
            break;
        }
    }
    if (close(fd) < 0 && errp && !*errp) {
        error_setg_errno(errp, errno, "An IO error has occurred");
    }
}

#ifdef CONFIG_FAULT_INJECTION
/* Test-only (qapi/x-debug.json): the guest's own view, from the simulator. */
void qmp_x_debug_guest_memsave(int64_t val, int64_t size, const char *filename,
                               GError **errp)
{
    g_autofree uint8_t *buf = NULL;
    int fd, r;

    if (val < 0 || size < 0) {
        error_setg(errp, "Parameter '%s' expects a non-negative value",
                   val < 0 ? "val" : "size");
        return;
    }
    buf = g_malloc(MIN((uint64_t)size, PMEMSAVE_CHUNK) + 1);
    r = uvsim_test_guest_read(val, buf, 0);
    if (r < 0) {
        error_setg_errno(errp, -r, "Cannot read the guest's own view of memory");
        return;
    }
    fd = open(filename, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        error_setg_errno(errp, errno, "Could not open '%s'", filename);
        return;
    }
    for (uint64_t done = 0; done < (uint64_t)size; done += PMEMSAVE_CHUNK) {
        uint64_t len = MIN(PMEMSAVE_CHUNK, (uint64_t)size - done);

        r = uvsim_test_guest_read(val + done, buf, len);
        if (r < 0) {
            error_setg_errno(errp, -r, "Cannot read guest memory at 0x%" PRIx64,
                             val + done);
            break;
        }
        if (!write_all(fd, buf, len)) {
            error_setg_errno(errp, errno, "An IO error has occurred");
            break;
        }
    }
    /* The plaintext of secure pages must not linger in freed memory. */
    pv_crypto_wipe(buf, MIN((uint64_t)size, PMEMSAVE_CHUNK));
    close(fd);
}
#endif /* CONFIG_FAULT_INJECTION */
