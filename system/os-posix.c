/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * os-posix.c - -daemonize and -pidfile with QEMU's semantics.
 *
 * libvirt's probe starts "pvdump-vm ... -daemonize -pidfile F" and waits
 * for the foreground process to exit 0; only then does it read the
 * pidfile and connect.  So the parent must not exit before the child's
 * monitors listen, and must report the child's failure as its own.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "sysemu/sysemu.h"
#include <sys/stat.h>
#include <sys/wait.h>

static int daemon_pipe = -1;    /* child -> parent: one status byte */
static char *pidfile_path;
static int pidfile_fd = -1;

bool os_daemonize(GError **errp)
{
    int fds[2];
    pid_t pid;

    if (pipe2(fds, O_CLOEXEC) < 0) {
        error_setg_errno(errp, errno, "-daemonize: cannot create a pipe");
        return false;
    }
    pid = fork();
    if (pid < 0) {
        error_setg_errno(errp, errno, "-daemonize: fork failed");
        return false;
    }
    if (pid > 0) {
        uint8_t status = 1;
        ssize_t n;

        /* Parent: wait for the child's verdict, then leave with it. */
        close(fds[1]);
        do {
            n = read(fds[0], &status, 1);
        } while (n < 0 && errno == EINTR);
        _exit(n == 1 ? status : 1);
    }
    close(fds[0]);
    daemon_pipe = fds[1];
    setsid();
    return true;
}

void os_setup_post(int status)
{
    uint8_t byte = status;
    ssize_t n;

    if (daemon_pipe < 0) {
        return;
    }
    if (status == 0) {
        int null = open("/dev/null", O_RDWR);
        if (null >= 0) {
            dup2(null, STDIN_FILENO);
            dup2(null, STDOUT_FILENO);
            dup2(null, STDERR_FILENO);
            if (null > STDERR_FILENO) {
                close(null);
            }
        }
        if (chdir("/") < 0) {
            /* not fatal: QEMU ignores it too */
        }
    }
    do {
        n = write(daemon_pipe, &byte, 1);
    } while (n < 0 && errno == EINTR);
    close(daemon_pipe);
    daemon_pipe = -1;
}

bool os_write_pidfile(const char *path, GError **errp)
{
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    g_autofree char *pid = NULL;

    if (fd < 0) {
        error_setg_errno(errp, errno, "Cannot open pid file");
        return false;
    }
    if (lockf(fd, F_TLOCK, 0) < 0) {
        error_setg_errno(errp, errno, "Cannot lock pid file");
        close(fd);
        return false;
    }
    pid = g_strdup_printf("%d\n", getpid());
    if (ftruncate(fd, 0) < 0 || write(fd, pid, strlen(pid)) != (ssize_t)strlen(pid)) {
        error_setg_errno(errp, errno, "Failed to write pid file");
        close(fd);
        return false;
    }
    pidfile_fd = fd;
    pidfile_path = g_strdup(path);
    return true;
}

void os_remove_pidfile(void)
{
    if (pidfile_path) {
        unlink(pidfile_path);
        close(pidfile_fd);
        g_clear_pointer(&pidfile_path, g_free);
        pidfile_fd = -1;
    }
}
