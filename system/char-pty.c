/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * char-pty.c - the "pty" chardev: a pseudo-terminal whose slave side
 * (/dev/pts/N) is where a user or libvirt connects.
 *
 * The slave stays open in this process so that the master neither reports
 * hang-ups nor fails with EIO while nobody is connected; output then waits
 * in the pty (and is dropped when that fills), like a serial line.
 */
#include "qemu/osdep.h"
#include <pty.h>
#include <termios.h>
#include "qapi/error.h"
#include "system/char-internal.h"

typedef struct PtyBackend {
    int master, slave;
    char *name;           /* /dev/pts/N */
} PtyBackend;

static bool pty_open(Chardev *chr, CharOpts *opts, GError **errp)
{
    PtyBackend *p = g_new0(PtyBackend, 1);
    char name[PATH_MAX];
    struct termios tio;

    if (openpty(&p->master, &p->slave, name, NULL, NULL) < 0) {
        error_setg_errno(errp, errno, "Failed to create PTY");
        g_free(p);
        return false;
    }
    /* Raw mode, as QEMU: the guest's bytes pass unchanged. */
    tcgetattr(p->slave, &tio);
    cfmakeraw(&tio);
    tcsetattr(p->slave, TCSAFLUSH, &tio);
    fcntl(p->master, F_SETFL, fcntl(p->master, F_GETFL) | O_NONBLOCK);
    fcntl(p->master, F_SETFD, FD_CLOEXEC);
    fcntl(p->slave, F_SETFD, FD_CLOEXEC);
    p->name = g_strdup(name);
    chr->be = p;
    fprintf(stderr, "char device redirected to %s (label %s)\n",
            p->name, chr->label);
    return true;
}

static bool pty_start(Chardev *chr, GError **errp)
{
    PtyBackend *p = chr->be;

    char_conn_new(chr, p->master, p->master, false, true);
    return true;
}

static char *pty_filename(Chardev *chr)
{
    PtyBackend *p = chr->be;

    return g_strdup_printf("pty:%s", p->name);
}

static void pty_close(Chardev *chr)
{
    PtyBackend *p = chr->be;

    close(p->master);
    close(p->slave);
    g_free(p->name);
    g_free(p);
    chr->be = NULL;
}

const ChardevClass char_pty_class = {
    .name = "pty",
    .open = pty_open,
    .start = pty_start,
    .filename = pty_filename,
    .close = pty_close,
};
