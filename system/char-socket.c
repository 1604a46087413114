/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * char-socket.c - listening socket chardevs: path= (unix), host=/port=
 * (tcp) or an inherited listening socket fd=N (libvirt's way).
 *
 * Unlike QEMU, which serves one client at a time, every accepted
 * connection becomes its own CharConn, so any number of clients can talk
 * to the monitor at once.  Only server mode is supported.
 */
#include "qemu/osdep.h"
#include <sys/socket.h>
#include <sys/un.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include "qapi/error.h"
#include "system/char-internal.h"

typedef struct SocketBackend {
    int listen_fd;
    bool wait;            /* wait=on: block until the first client */
    bool is_unix;
    char *path;           /* unix: the socket's path */
    bool owns_path;       /* created (and so unlinked) by us */
    char *host, *port;    /* tcp: the bound address */
    GSource *accept_src;
} SocketBackend;

static bool set_nonblock_cloexec(int fd, GError **errp)
{
    int fl = fcntl(fd, F_GETFL);

    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0 ||
        fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) {
        error_setg_errno(errp, errno, "Failed to set FD nonblocking");
        return false;
    }
    return true;
}

static int unix_listen(const char *path, GError **errp)
{
    struct sockaddr_un un = { .sun_family = AF_UNIX };
    int fd;

    if (strlen(path) >= sizeof(un.sun_path)) {
        error_setg(errp, "UNIX socket path '%s' is too long", path);
        error_prepend(errp, "Path size limit is %zu bytes: ",
                      sizeof(un.sun_path) - 1);
        return -1;
    }
    strcpy(un.sun_path, path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error_setg_errno(errp, errno, "Failed to create Unix socket");
        return -1;
    }
    /* As QEMU: a stale socket file from an earlier run is replaced. */
    if (unlink(path) < 0 && errno != ENOENT) {
        error_setg_errno(errp, errno, "Failed to unlink socket %s", path);
    } else if (bind(fd, (struct sockaddr *)&un, sizeof(un)) < 0) {
        error_setg_errno(errp, errno, "Failed to bind socket to %s", path);
    } else if (listen(fd, SOMAXCONN) < 0) {
        error_setg_errno(errp, errno, "Failed to listen on socket");
    } else {
        return fd;
    }
    close(fd);
    return -1;
}

static int tcp_listen(SocketBackend *s, GError **errp)
{
    struct addrinfo hints = { .ai_flags = AI_PASSIVE,
                              .ai_socktype = SOCK_STREAM };
    struct addrinfo *res;
    int rc = getaddrinfo(s->host[0] ? s->host : NULL, s->port, &hints, &res);
    int fd = -1;

    if (rc) {
        error_setg(errp, "address resolution failed for %s:%s: %s",
                   s->host, s->port, gai_strerror(rc));
        return -1;
    }
    for (struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next) {
        int on = 1;

        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            continue;
        }
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) < 0 ||
            listen(fd, SOMAXCONN) < 0) {
            error_setg_errno(errp, errno, "Failed to bind socket");
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd >= 0) {
        g_clear_error(errp);
    }
    return fd;
}

/* port=0 asks for any free port: record the one we got. */
static void tcp_record_port(SocketBackend *s)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    char port[NI_MAXSERV];

    if (getsockname(s->listen_fd, (struct sockaddr *)&ss, &len) == 0 &&
        getnameinfo((struct sockaddr *)&ss, len, NULL, 0, port, sizeof(port),
                    NI_NUMERICSERV) == 0) {
        g_free(s->port);
        s->port = g_strdup(port);
    }
}

/* fd=N: libvirt hands over a socket it already bound and listens on. */
static bool adopt_listen_fd(SocketBackend *s, const char *fdstr, GError **errp)
{
    struct sockaddr_un un;
    socklen_t len = sizeof(un);
    int listening = 0;
    socklen_t optlen = sizeof(listening);
    gint64 fd;

    if (!g_ascii_string_to_signed(fdstr, 10, 0, INT_MAX, &fd, NULL)) {
        error_setg(errp, "Parameter 'fd' expects a file descriptor number");
        return false;
    }
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &optlen) < 0) {
        error_setg_errno(errp, errno, "Cannot use file descriptor %d",
                         (int)fd);
        return false;
    }
    if (!listening) {
        error_setg(errp, "File descriptor %d is not a listening socket",
                   (int)fd);
        return false;
    }
    if (!set_nonblock_cloexec(fd, errp)) {
        return false;
    }
    s->listen_fd = fd;
    if (getsockname(fd, (struct sockaddr *)&un, &len) == 0 &&
        un.sun_family == AF_UNIX) {
        s->is_unix = true;
        s->path = g_strndup(un.sun_path, sizeof(un.sun_path));
    }
    return true;
}

static bool socket_open_listener(SocketBackend *s, CharOpts *opts,
                                 GError **errp)
{
    const char *path = char_opt_get(opts, "path");
    const char *fd = char_opt_get(opts, "fd");
    const char *host = char_opt_get(opts, "host");
    const char *port = char_opt_get(opts, "port");

    if (!!path + !!fd + !!(host || port) != 1) {
        error_setg(errp, "chardev: socket: exactly one of path=, fd= or "
                   "host=/port= is required");
        return false;
    }
    if (fd) {
        return adopt_listen_fd(s, fd, errp);
    }
    if (path) {
        s->is_unix = true;
        s->path = g_strdup(path);
        s->listen_fd = unix_listen(path, errp);
        s->owns_path = s->listen_fd >= 0;
    } else {
        if (!port) {
            error_setg(errp, "chardev: socket: no port given");
            return false;
        }
        s->host = g_strdup(host ? host : "");
        s->port = g_strdup(port);
        s->listen_fd = tcp_listen(s, errp);
        if (s->listen_fd >= 0) {
            tcp_record_port(s);
        }
    }
    return s->listen_fd >= 0 && set_nonblock_cloexec(s->listen_fd, errp);
}

static bool socket_open(Chardev *chr, CharOpts *opts, GError **errp)
{
    SocketBackend *s = g_new0(SocketBackend, 1);
    /* delay=off (TCP_NODELAY) is accepted; monitors do not need it. */
    bool server = false, delay = true;

    s->listen_fd = -1;
    s->wait = true;               /* QEMU's default for server=on */
    chr->be = s;
    if (!char_opt_bool(opts, "server", &server, errp) ||
        !char_opt_bool(opts, "wait", &s->wait, errp) ||
        !char_opt_bool(opts, "delay", &delay, errp)) {
        return false;
    }
    if (!server) {
        error_setg(errp, "chardev: socket: only server=on is supported");
        return false;
    }
    return socket_open_listener(s, opts, errp);
}

static int socket_accept(Chardev *chr)
{
    SocketBackend *s = chr->be;
    int fd;

    do {
        fd = accept4(s->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd >= 0) {
        char_conn_new(chr, fd, fd, true, false);
    }
    return fd;
}

static gboolean socket_acceptable(int fd, GIOCondition cond, void *opaque)
{
    socket_accept(opaque);
    return G_SOURCE_CONTINUE;
}

static char *socket_filename(Chardev *chr)
{
    SocketBackend *s = chr->be;

    if (s->is_unix) {
        return g_strdup_printf("unix:%s,server=on", s->path ? s->path : "");
    }
    return g_strdup_printf("tcp:%s:%s,server=on", s->host ? s->host : "",
                           s->port ? s->port : "");
}

/* wait=on: as QEMU, block start-up until the first client connects. */
static bool socket_wait_first(Chardev *chr, GError **errp)
{
    SocketBackend *s = chr->be;
    g_autofree char *name = socket_filename(chr);
    int fl = fcntl(s->listen_fd, F_GETFL);
    int fd;

    fprintf(stderr, "QEMU waiting for connection on: disconnected:%s\n",
            name);
    fcntl(s->listen_fd, F_SETFL, fl & ~O_NONBLOCK);
    fd = socket_accept(chr);
    fcntl(s->listen_fd, F_SETFL, fl);
    if (fd < 0) {
        error_setg_errno(errp, errno, "Failed to accept socket");
        return false;
    }
    return true;
}

static bool socket_start(Chardev *chr, GError **errp)
{
    SocketBackend *s = chr->be;

    if (s->wait && !socket_wait_first(chr, errp)) {
        return false;
    }
    s->accept_src = char_fd_watch(s->listen_fd, G_IO_IN, socket_acceptable,
                                  chr);
    return true;
}

static void socket_close(Chardev *chr)
{
    SocketBackend *s = chr->be;

    if (s->accept_src) {
        g_source_destroy(s->accept_src);
        g_source_unref(s->accept_src);
    }
    if (s->listen_fd >= 0) {
        close(s->listen_fd);
    }
    if (s->owns_path) {
        unlink(s->path);
    }
    g_free(s->path);
    g_free(s->host);
    g_free(s->port);
    g_free(s);
    chr->be = NULL;
}

const ChardevClass char_socket_class = {
    .name = "socket",
    .open = socket_open,
    .start = socket_start,
    .filename = socket_filename,
    .close = socket_close,
};
