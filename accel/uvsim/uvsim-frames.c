/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uvsim-frames.c - per-frame byte arrays (storage keys, code marks, CMMA
 * states) of a guest that may be far larger than the host's memory: one
 * byte per 4 KiB frame is 256 MiB per TiB of guest, so the arrays are
 * unbacked anonymous memory until a frame's byte is written, and clearing
 * one gives its memory back instead of touching every byte.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "uvsim-internal.h"
#include <sys/mman.h>

static size_t frames_bytes(uint64_t frames)
{
    return QEMU_ALIGN_UP(MAX(frames, 1), (size_t)sysconf(_SC_PAGESIZE));
}

uint8_t *uvsim_frames_new(uint64_t frames)
{
    void *p = mmap(NULL, frames_bytes(frames), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

    if (p == MAP_FAILED) {
        error_report("uvsim: cannot map %" PRIu64 " frame states: %s",
                     frames, strerror(errno));
        abort();
    }
    return p;
}

void uvsim_frames_clear(uint8_t *p, uint64_t frames)
{
    /* Private anonymous pages read as zeros again after MADV_DONTNEED. */
    if (p && madvise(p, frames_bytes(frames), MADV_DONTNEED) < 0) {
        memset(p, 0, frames);
    }
}

void uvsim_frames_free(uint8_t *p, uint64_t frames)
{
    if (p) {
        munmap(p, frames_bytes(frames));
    }
}
