/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * output-file.c - all-or-nothing output files (see output-file.h).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "util/fault-inject.h"
#include "util/zero-pages.h"
#include "output-file.h"

#include <signal.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

/* What the output path names, which decides how it is written. */
typedef enum OutputKind {
    OUTPUT_STDOUT,            /* "-" */
    OUTPUT_NEW,               /* nothing yet: temporary file, renamed */
    OUTPUT_REPLACE,           /* a regular file (--force): likewise */
    OUTPUT_DIRECT,            /* a device or FIFO: written where it is */
} OutputKind;

struct OutputFile {
    int fd;
    OutputKind kind;
    char *path;               /* as given; NULL for standard output */
    char *target;             /* the file renamed over (symlinks followed) */
    char *tmp_path;
    bool seekable;            /* pwrite()/pread(), else sequential writes */
    bool holes;               /* a new file: zero pages may stay holes */
    uint64_t end;             /* the furthest offset written or skipped */
    bool committed;
    uint64_t pos;             /* sequential outputs: bytes written */
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

static bool refuse_terminal(int fd, const char *path, GError **errp)
{
    if (isatty(fd)) {
        error_setg(errp, "refusing to write a dump to a terminal (%s)",
                   path ? path : "redirect standard output or use -o FILE");
        return false;
    }
    return true;
}

static bool is_input(const struct stat *st, const struct stat *input,
                     const char *path, GError **errp)
{
    if (input && st->st_dev == input->st_dev && st->st_ino == input->st_ino) {
        error_setg(errp, "output '%s' is the input dump: refusing to "
                   "overwrite it", path);
        return true;
    }
    return false;
}

/*
 * Classifies @path (see output-file.h for the rules).  A symbolic link is
 * followed: what it points to is classified, and @target is set to that
 * file's real path.
 */
static bool classify(const char *path, bool force, const struct stat *input,
                     OutputKind *kind, char **target, GError **errp)
{
    struct stat lst = { 0 }, st;

    if (!strcmp(path, "-")) {
        *kind = OUTPUT_STDOUT;
        return fstat(STDOUT_FILENO, &st) < 0 ||
               !is_input(&st, input, "standard output", errp);
    }
    if (lstat(path, &lst) < 0 && errno == ENOENT) {
        *kind = OUTPUT_NEW;
        *target = g_strdup(path);
        return true;
    }
    if (stat(path, &st) < 0) {
        error_setg_errno(errp, errno, "cannot use output '%s'%s", path,
                         S_ISLNK(lst.st_mode) ? " (a symbolic link)" : "");
        return false;
    }
    if (is_input(&st, input, path, errp)) {
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        error_setg(errp, "output '%s' is a directory", path);
        return false;
    }
    /* A block device holds data, as a regular file does. */
    if (!force && (S_ISREG(st.st_mode) || S_ISBLK(st.st_mode))) {
        error_setg(errp, "output file '%s' exists (use --force to overwrite "
                   "it)", path);
        return false;
    }
    *kind = S_ISREG(st.st_mode) ? OUTPUT_REPLACE : OUTPUT_DIRECT;
    *target = S_ISLNK(lst.st_mode) && *kind == OUTPUT_REPLACE
              ? realpath(path, NULL) : g_strdup(path);
    if (!*target) {
        error_setg_errno(errp, errno, "cannot resolve output '%s'", path);
        return false;
    }
    return true;
}

bool output_file_check(const char *path, bool force, const struct stat *input,
                       GError **errp)
{
    g_autofree char *target = NULL;
    OutputKind kind;

    return classify(path, force, input, &kind, &target, errp);
}

/* Standard output, or a device or FIFO: opened as it is, no temporary. */
static bool open_in_place(OutputFile *out, GError **errp)
{
    struct stat st;

    if (out->kind == OUTPUT_STDOUT) {
        out->fd = STDOUT_FILENO;
        return refuse_terminal(out->fd, NULL, errp);
    }
    out->fd = open(out->target, O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (out->fd < 0) {
        error_setg_errno(errp, errno, "cannot open '%s'", out->path);
        return false;
    }
    out->seekable = fstat(out->fd, &st) == 0 && S_ISBLK(st.st_mode);
    return refuse_terminal(out->fd, out->path, errp);
}

/* The hidden temporary file next to the file it becomes. */
static bool open_temporary(OutputFile *out, GError **errp)
{
    g_autofree char *dir = g_path_get_dirname(out->target);
    g_autofree char *base = g_path_get_basename(out->target);

    out->seekable = true;
    out->holes = true;
    out->tmp_path = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
    out->fd = g_mkstemp_full(out->tmp_path, O_RDWR | O_CLOEXEC, 0600);
    if (out->fd < 0) {
        error_setg_errno(errp, errno, "cannot create a file in '%s' for '%s'",
                         dir, out->path);
        g_clear_pointer(&out->tmp_path, g_free);
        return false;
    }
    install_cleanup(out->tmp_path);
    return true;
}

OutputFile *output_file_create(const char *path, bool force,
                               const struct stat *input, GError **errp)
{
    OutputFile *out = g_new0(OutputFile, 1);
    bool ok;

    out->fd = -1;
    ok = classify(path, force, input, &out->kind, &out->target, errp);
    if (ok && out->kind != OUTPUT_STDOUT) {
        out->path = g_strdup(path);
    }
    if (ok) {
        ok = out->kind == OUTPUT_NEW || out->kind == OUTPUT_REPLACE
             ? open_temporary(out, errp) : open_in_place(out, errp);
    }
    if (!ok) {
        output_file_free(out);
        return NULL;
    }
    return out;
}

bool output_file_is_stream(const char *path)
{
    struct stat st;

    return !strcmp(path, "-") ||
           (stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
            !S_ISBLK(st.st_mode) && !S_ISDIR(st.st_mode));
}

bool output_file_seekable(const OutputFile *out)
{
    return out->seekable;
}

/* Writes all of @buf at @off (sequential outputs: at the end). */
static bool write_span(OutputFile *out, uint64_t off, const uint8_t *p,
                       size_t len, GError **errp)
{
    while (len) {
        ssize_t n = fault_inject_syscall(FAULT_OUTPUT_WRITE) ?:
                    (out->seekable ? pwrite(out->fd, p, len, (off_t)off)
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

/* The unit of holes: a dump's page, a file system's block. */
#define OUTPUT_HOLE_PAGE 4096

bool output_file_write(OutputFile *out, uint64_t off, const void *buf,
                       size_t len, GError **errp)
{
    const uint8_t *p = buf;

    if (!out->seekable && off != out->pos) {
        error_setg(errp, "internal error: out-of-order write to %s",
                   out->path ? out->path : "standard output");
        return false;
    }
    while (len) {
        /*
         * Zero pages that nothing was written to yet stay holes of a new
         * file; below out->end they may cover data written before.
         */
        bool fresh = out->holes && off >= out->end;
        size_t n = fresh ? zero_pages_run(p, len, OUTPUT_HOLE_PAGE, true) : 0;

        if (!n) {
            n = !out->holes ? len
                : fresh ? zero_pages_run(p, len, OUTPUT_HOLE_PAGE, false)
                : MIN(len, out->end - off);
            if (!write_span(out, off, p, n, errp)) {
                return false;
            }
        }
        p += n;
        off += n;
        len -= n;
        out->end = MAX(out->end, off);
    }
    return true;
}

bool output_file_read(OutputFile *out, uint64_t off, void *buf, size_t len,
                      GError **errp)
{
    uint8_t *p = buf;

    g_assert(out->seekable);
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

/*
 * Standard output, a device or a FIFO: written where it is, so only a
 * regular file (redirected stdout) or a block device has anything to sync.
 */
static bool commit_in_place(OutputFile *out, GError **errp)
{
    struct stat st;
    int r;

    if (fstat(out->fd, &st) == 0 &&
        (S_ISREG(st.st_mode) || S_ISBLK(st.st_mode))) {
        r = sync_fd(out->fd);
        if (r < 0) {
            error_setg_errno(errp, -r, "cannot write to %s",
                             out->path ? out->path : "standard output");
            return false;
        }
    }
    out->committed = true;
    return true;
}

/* The data reaches the disk before the name: no renamed-but-empty file. */
/* A file that ends in skipped zero pages gets its full size. */
static bool extend_over_holes(OutputFile *out, GError **errp)
{
    struct stat st;

    if (fstat(out->fd, &st) < 0 ||
        ((uint64_t)st.st_size < out->end && ftruncate(out->fd, out->end) < 0)) {
        error_setg_errno(errp, errno, "cannot write '%s'", out->path);
        return false;
    }
    return true;
}

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

/*
 * --force replaces only a regular file: if something else took the
 * target's place since output_file_create(), the rename must not go over it.
 */
static bool still_regular(const OutputFile *out, GError **errp)
{
    struct stat st;

    if (lstat(out->target, &st) == 0 && !S_ISREG(st.st_mode)) {
        error_setg(errp, "'%s' is no longer a regular file: not replacing "
                   "it", out->target);
        return false;
    }
    return true;
}

bool output_file_commit(OutputFile *out, GError **errp)
{
    int r;

    if (out->kind == OUTPUT_STDOUT || out->kind == OUTPUT_DIRECT) {
        return commit_in_place(out, errp);
    }
    if (!extend_over_holes(out, errp) || !close_synced(out, errp)) {
        return false;
    }
    if (out->kind == OUTPUT_REPLACE && !still_regular(out, errp)) {
        return false;
    }
    r = out->kind == OUTPUT_REPLACE ? rename(out->tmp_path, out->target)
                                    : rename_noreplace(out->tmp_path,
                                                       out->target);
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
    r = sync_parent_dir(out->target);
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
    if (out->kind != OUTPUT_STDOUT && out->fd >= 0) {
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
    g_free(out->target);
    g_free(out);
}
