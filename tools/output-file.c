/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * output-file.c - all-or-nothing output files (see output-file.h).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "util/fault-inject.h"
#include "output-file.h"

#include <signal.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

struct OutputFile {
    int fd;
    char *path;               /* NULL for standard output */
    char *tmp_path;
    bool force;
    bool committed;
    uint64_t pos;             /* standard output: bytes written */
};

/*
 * The temporary file a fatal signal has to remove.  One output per
 * process, so a single slot is enough; the handler only calls unlink().
 */
static char *volatile cleanup_path;

static void cleanup_on_signal(int sig)
{
    char *p = cleanup_path;

    if (p) {
        unlink(p);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_cleanup(char *tmp_path)
{
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
    struct sigaction sa = { .sa_handler = cleanup_on_signal };

    cleanup_path = tmp_path;
    for (size_t i = 0; i < ARRAY_SIZE(sigs); i++) {
        sigaction(sigs[i], &sa, NULL);
    }
}

static OutputFile *create_stdout(GError **errp)
{
    OutputFile *out;

    if (isatty(STDOUT_FILENO)) {
        error_setg(errp, "refusing to write a dump to a terminal "
                   "(redirect standard output or use -o FILE)");
        return NULL;
    }
    out = g_new0(OutputFile, 1);
    out->fd = STDOUT_FILENO;
    return out;
}

OutputFile *output_file_create(const char *path, bool force, GError **errp)
{
    g_autofree char *dir = NULL, *base = NULL;
    OutputFile *out;
    struct stat st;

    if (!strcmp(path, "-")) {
        return create_stdout(errp);
    }
    if (!force && lstat(path, &st) == 0) {
        error_setg(errp, "output file '%s' exists (use --force to overwrite it)",
                   path);
        return NULL;
    }
    dir = g_path_get_dirname(path);
    base = g_path_get_basename(path);
    out = g_new0(OutputFile, 1);
    out->path = g_strdup(path);
    out->force = force;
    out->tmp_path = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
    out->fd = g_mkstemp_full(out->tmp_path, O_RDWR | O_CLOEXEC, 0600);
    if (out->fd < 0) {
        error_setg_errno(errp, errno, "cannot create a file in '%s' for '%s'",
                         dir, path);
        g_free(out->tmp_path);
        out->tmp_path = NULL;
        output_file_free(out);
        return NULL;
    }
    install_cleanup(out->tmp_path);
    return out;
}

bool output_file_seekable(const OutputFile *out)
{
    return out->path != NULL;
}

bool output_file_write(OutputFile *out, uint64_t off, const void *buf,
                       size_t len, GError **errp)
{
    const uint8_t *p = buf;

    if (!out->path && off != out->pos) {
        error_setg(errp, "internal error: out-of-order write to standard output");
        return false;
    }
    while (len) {
        ssize_t n = fault_inject_syscall(FAULT_OUTPUT_WRITE) ?:
                    (out->path ? pwrite(out->fd, p, len, (off_t)off)
                               : write(out->fd, p, len));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            error_setg_errno(errp, n < 0 ? errno : ENOSPC, "cannot write to %s "
                             "at offset 0x%" PRIx64,
                             out->path ? out->path : "standard output", off);
            return false;
        }
        p += n;
        off += n;
        len -= n;
        out->pos = off;
    }
    return true;
}

bool output_file_read(OutputFile *out, uint64_t off, void *buf, size_t len,
                      GError **errp)
{
    uint8_t *p = buf;

    g_assert(out->path);
    while (len) {
        ssize_t n = pread(out->fd, p, len, (off_t)off);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            error_setg_errno(errp, n < 0 ? errno : EIO, "cannot read back %s "
                             "at offset 0x%" PRIx64, out->path, off);
            return false;
        }
        p += n;
        off += n;
        len -= n;
    }
    return true;
}

/* Renames without replacing; falls back to link() where unsupported. */
static int rename_noreplace(const char *from, const char *to)
{
    if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0) {
        return 0;
    }
    if (errno != EINVAL && errno != ENOSYS) {
        return -1;
    }
    if (link(from, to) < 0) {
        return -1;
    }
    unlink(from);
    return 0;
}

/*
 * fsync() of @fd: 0 or a negative errno.  EINTR is retried; EINVAL and
 * ENOTSUP mean the file (a pipe, a special file) or file system offers no
 * sync, so there is nothing more to make durable.  An EIO is not retried:
 * the kernel may drop the failed pages and report success next time.
 */
static int sync_fd(int fd)
{
    int r;

    do {
        r = fault_inject_syscall(FAULT_OUTPUT_FSYNC) ?: fsync(fd);
    } while (r < 0 && errno == EINTR);
    if (r < 0 && errno != EINVAL && errno != ENOTSUP) {
        return -errno;
    }
    return 0;
}

/*
 * Makes the rename into @path's directory durable.  A directory that
 * cannot be opened for reading (mode -wx) cannot be synced: skipped.
 */
static int sync_parent_dir(const char *path)
{
    g_autofree char *dir = g_path_get_dirname(path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int r;

    if (fd < 0) {
        return errno == EACCES ? 0 : -errno;
    }
    r = sync_fd(fd);
    close(fd);
    return r;
}

/* Standard output: only a regular file has anything to sync. */
static bool commit_stdout(OutputFile *out, GError **errp)
{
    struct stat st;
    int r;

    if (fstat(out->fd, &st) == 0 && S_ISREG(st.st_mode)) {
        r = sync_fd(out->fd);
        if (r < 0) {
            error_setg_errno(errp, -r, "cannot write to standard output");
            return false;
        }
    }
    out->committed = true;
    return true;
}

/* The data reaches the disk before the name: no renamed-but-empty file. */
static bool close_synced(OutputFile *out, GError **errp)
{
    int r = sync_fd(out->fd);

    if (close(out->fd) < 0 && !r) {
        r = -errno;
    }
    out->fd = -1;
    if (r < 0) {
        error_setg_errno(errp, -r, "cannot write '%s'", out->path);
        return false;
    }
    return true;
}

bool output_file_commit(OutputFile *out, GError **errp)
{
    int r;

    if (!out->path) {
        return commit_stdout(out, errp);
    }
    if (!close_synced(out, errp)) {
        return false;
    }
    r = out->force ? rename(out->tmp_path, out->path)
                   : rename_noreplace(out->tmp_path, out->path);
    if (r < 0) {
        if (errno == EEXIST) {
            error_setg(errp, "output file '%s' exists (use --force to "
                       "overwrite it)", out->path);
        } else {
            error_setg_errno(errp, errno, "cannot create '%s'", out->path);
        }
        return false;
    }
    out->committed = true;
    /*
     * The file is complete and in place; only its name may not survive a
     * crash.  That is still an error (exit status 1), so that nobody
     * deletes the encrypted dump trusting this copy; the file stays,
     * since removing it would be one more unsynced directory change and,
     * with --force, could not bring back the file it replaced.
     */
    r = sync_parent_dir(out->path);
    if (r < 0) {
        error_setg_errno(errp, -r, "'%s' is complete, but may not survive "
                         "a crash: cannot sync its directory", out->path);
        return false;
    }
    return true;
}

void output_file_free(OutputFile *out)
{
    if (!out) {
        return;
    }
    if (out->path && out->fd >= 0) {
        close(out->fd);
    }
    if (out->tmp_path) {
        if (!out->committed) {
            unlink(out->tmp_path);
        }
        if (cleanup_path == out->tmp_path) {
            cleanup_path = NULL;
        }
        g_free(out->tmp_path);
    }
    g_free(out->path);
    g_free(out);
}
