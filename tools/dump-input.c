/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dump-input.c - dump files and dump streams (see dump-input.h).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "dump-input.h"

#include <sys/stat.h>

G_DEFINE_QUARK(pvdump-dump-input-error-quark, dump_input_error)

#define STREAM_READ_SIZE (256 * KiB)

/* A run of spooled stream bytes starting at input offset @off. */
typedef struct SpoolExtent {
    uint64_t off;
    GByteArray *data;
} SpoolExtent;

struct DumpInput {
    int fd;
    bool own_fd;
    char *name;
    struct stat st;         /* of the fd, when opened */
    bool seekable;
    uint64_t size;          /* UINT64_MAX: stream end not seen yet */
    /* Stream state. */
    uint64_t pos;           /* bytes consumed so far */
    uint64_t barrier;       /* read_at never spools past this */
    uint64_t spooled;
    uint64_t spool_limit;
    GArray *spool;          /* SpoolExtent, ascending */
};

/* Reads up to @len bytes; returns the count (short only at EOF) or -1. */
static ssize_t read_full(int fd, void *buf, size_t len, off_t off, bool positional)
{
    size_t done = 0;

    while (done < len) {
        ssize_t n = positional ? pread(fd, (uint8_t *)buf + done, len - done,
                                       off + (off_t)done)
                               : read(fd, (uint8_t *)buf + done, len - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return -1;
        }
        if (n == 0) {
            break;
        }
        done += n;
    }
    return done;
}

DumpInput *dump_input_new_fd(int fd, const char *name, uint64_t spool_limit,
                             GError **errp)
{
    struct stat st;
    DumpInput *in;

    if (fstat(fd, &st) < 0) {
        error_setg_errno(errp, errno, "cannot stat '%s'", name);
        return NULL;
    }
    in = g_new0(DumpInput, 1);
    in->fd = fd;
    in->name = g_strdup(name);
    in->st = st;
    in->seekable = S_ISREG(st.st_mode) || S_ISBLK(st.st_mode);
    in->size = UINT64_MAX;
    in->barrier = UINT64_MAX;
    in->spool_limit = spool_limit;
    in->spool = g_array_new(FALSE, FALSE, sizeof(SpoolExtent));
    if (in->seekable) {
        off_t end = lseek(fd, 0, SEEK_END);
        if (end < 0) {
            error_setg_errno(errp, errno, "cannot determine the size of '%s'", name);
            dump_input_free(in);
            return NULL;
        }
        in->size = end;
    }
    return in;
}

DumpInput *dump_input_open(const char *path, uint64_t spool_limit, GError **errp)
{
    DumpInput *in;
    int fd;

    if (!strcmp(path, "-")) {
        return dump_input_new_fd(STDIN_FILENO, "standard input", spool_limit, errp);
    }
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error_setg_errno(errp, errno, "cannot open dump '%s'", path);
        return NULL;
    }
    in = dump_input_new_fd(fd, path, spool_limit, errp);
    if (!in) {
        close(fd);
        return NULL;
    }
    in->own_fd = true;
    return in;
}

void dump_input_free(DumpInput *in)
{
    if (!in) {
        return;
    }
    for (guint i = 0; i < in->spool->len; i++) {
        g_byte_array_unref(g_array_index(in->spool, SpoolExtent, i).data);
    }
    g_array_free(in->spool, TRUE);
    if (in->own_fd) {
        close(in->fd);
    }
    g_free(in->name);
    g_free(in);
}

const char *dump_input_name(const DumpInput *in)
{
    return in->name;
}

const struct stat *dump_input_stat(const DumpInput *in)
{
    return &in->st;
}

bool dump_input_seekable(const DumpInput *in)
{
    return in->seekable;
}

uint64_t dump_input_size(const DumpInput *in)
{
    return in->size;
}

static void set_past_end(DumpInput *in, const char *what, uint64_t off,
                         uint64_t len, GError **errp)
{
    error_setg(errp, "%s (offset 0x%" PRIx64 ", 0x%" PRIx64 " bytes) extends "
               "past the end of the dump (size 0x%" PRIx64 ")",
               what, off, len, in->size);
}

/* Returns the spool extent that ends at the current stream position. */
static GByteArray *spool_tail(DumpInput *in)
{
    SpoolExtent ext;

    if (in->spool->len) {
        SpoolExtent *last = &g_array_index(in->spool, SpoolExtent, in->spool->len - 1);
        if (last->off + last->data->len == in->pos) {
            return last->data;
        }
    }
    ext.off = in->pos;
    ext.data = g_byte_array_new();
    g_array_append_val(in->spool, ext);
    return ext.data;
}

/*
 * Consumes the stream up to @upto (or its end), keeping the bytes in the
 * spool.  Hitting the end only records the size; callers check coverage.
 */
static bool stream_spool(DumpInput *in, uint64_t upto, GError **errp)
{
    while (in->pos < upto && in->size == UINT64_MAX) {
        size_t want = MIN(upto - in->pos, STREAM_READ_SIZE);
        GByteArray *tail;
        guint old;
        ssize_t n;

        if (in->spooled + want > in->spool_limit) {
            error_setg(errp, "the metadata of %s exceeds %" PRIu64 " MiB "
                       "(at offset 0x%" PRIx64 "); it is too large to read from "
                       "a stream", in->name, (uint64_t)(in->spool_limit / MiB), in->pos);
            return false;
        }
        tail = spool_tail(in);
        old = tail->len;
        g_byte_array_set_size(tail, old + want);
        n = read_full(in->fd, tail->data + old, want, 0, false);
        if (n < 0) {
            error_setg_errno(errp, errno, "cannot read %s at offset 0x%" PRIx64,
                             in->name, in->pos);
            return false;
        }
        g_byte_array_set_size(tail, old + n);
        in->pos += n;
        in->spooled += n;
        if ((size_t)n < want) {
            in->size = in->pos;
        }
    }
    return true;
}

static bool stream_read_at(DumpInput *in, uint64_t off, void *buf, size_t len,
                           const char *what, GError **errp)
{
    uint64_t end = off + len;

    if (end > in->pos) {
        if (end > in->barrier && in->size == UINT64_MAX) {
            g_set_error(errp, DUMP_INPUT_ERROR, DUMP_INPUT_ERROR_NOT_YET,
                        "%s (offset 0x%" PRIx64 ") follows guest memory in a "
                        "stream", what, off);
            return false;
        }
        if (!stream_spool(in, end, errp)) {
            return false;
        }
        if (end > in->size) {
            set_past_end(in, what, off, len, errp);
            return false;
        }
    }
    for (guint i = 0; i < in->spool->len; i++) {
        SpoolExtent *ext = &g_array_index(in->spool, SpoolExtent, i);
        if (off >= ext->off && end <= ext->off + ext->data->len) {
            memcpy(buf, ext->data->data + (off - ext->off), len);
            return true;
        }
    }
    error_setg(errp, "%s (offset 0x%" PRIx64 ", 0x%zx bytes) overlaps guest "
               "memory", what, off, len);
    return false;
}

bool dump_input_read_at(DumpInput *in, uint64_t off, void *buf, size_t len,
                        const char *what, GError **errp)
{
    ssize_t n;

    if (off > UINT64_MAX - len || off + len > in->size ||
        (in->seekable && off + len > (uint64_t)INT64_MAX)) {
        set_past_end(in, what, off, len, errp);
        return false;
    }
    if (!in->seekable) {
        return stream_read_at(in, off, buf, len, what, errp);
    }
    n = read_full(in->fd, buf, len, (off_t)off, true);
    if (n < 0) {
        error_setg_errno(errp, errno, "cannot read %s at offset 0x%" PRIx64
                         " of %s", what, off, in->name);
        return false;
    }
    if ((size_t)n < len) {
        error_setg(errp, "%s (offset 0x%" PRIx64 ") is truncated: %s ended "
                   "while reading it", what, off, in->name);
        return false;
    }
    return true;
}

void dump_input_set_barrier(DumpInput *in, uint64_t barrier)
{
    in->barrier = barrier;
}

bool dump_input_read_memory(DumpInput *in, uint64_t off, void *buf, size_t len,
                            GError **errp)
{
    ssize_t n;

    if (in->seekable) {
        return dump_input_read_at(in, off, buf, len, "guest memory", errp);
    }
    if (off < in->pos) {
        error_setg(errp, "guest memory at offset 0x%" PRIx64 " lies behind "
                   "what was already read from %s (0x%" PRIx64 ")",
                   off, in->name, in->pos);
        return false;
    }
    if (!stream_spool(in, off, errp)) {
        return false;
    }
    n = in->size == UINT64_MAX ? read_full(in->fd, buf, len, 0, false) : 0;
    if (n < 0) {
        error_setg_errno(errp, errno, "cannot read %s at offset 0x%" PRIx64,
                         in->name, in->pos);
        return false;
    }
    in->pos += n;
    if ((size_t)n < len) {
        in->size = in->pos;
        error_setg(errp, "%s ends at offset 0x%" PRIx64 ", inside guest memory "
                   "(expected data up to 0x%" PRIx64 ")",
                   in->name, in->pos, off + len);
        return false;
    }
    return true;
}

bool dump_input_spool_rest(DumpInput *in, GError **errp)
{
    in->barrier = UINT64_MAX;
    return in->seekable || stream_spool(in, UINT64_MAX, errp);
}
