/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * char.c - the chardev registry, -chardev option parsing and the
 * connection I/O every backend shares.
 *
 * Connections read with recvmsg() (collecting SCM_RIGHTS fds) and write
 * through a per-connection buffer drained by a G_IO_OUT watch, so a slow
 * or dead peer never blocks the main loop or other connections.
 */
#include "qemu/osdep.h"
#include <sys/socket.h>
#include <poll.h>
#include "qapi/error.h"
#include "qemu/main-loop.h"
#include "system/char-internal.h"

/* Most fds accepted with one read (libvirt sends one). */
#define CHAR_MAX_FDS 16
/* A peer that lets more output than this pile up is dropped. */
#define CHAR_MAX_OUTPUT (64 * MiB)
/* How long the exit path waits for queued output to drain. */
#define CHAR_FLUSH_TIMEOUT_MS 1000

struct CharConn {
    Chardev *chr;
    int rfd, wfd;
    bool is_socket;
    bool persistent;
    bool dead;                /* closing: no more reads, writes dropped */
    GSource *read_src;
    GSource *write_src;
    GSource *reap_src;        /* deferred destruction after a failure */
    GByteArray *out;
    void *fe_state;
};

struct CharOpts {
    GHashTable *values;       /* key -> value */
    GHashTable *used;         /* keys a backend asked for */
};

static GPtrArray *chardevs;   /* Chardev *, in creation order */

/* ------------------------------------------------------------ options */

const char *char_opt_get(CharOpts *opts, const char *key)
{
    g_hash_table_add(opts->used, g_strdup(key));
    return g_hash_table_lookup(opts->values, key);
}

bool char_opt_bool(CharOpts *opts, const char *key, bool *val, GError **errp)
{
    static const char *const yes[] = { "on", "yes", "true", "y", NULL };
    static const char *const no[] = { "off", "no", "false", "n", NULL };
    const char *v = char_opt_get(opts, key);

    if (!v) {
        return true;
    }
    if (g_strv_contains(yes, v) || g_strv_contains(no, v)) {
        *val = g_strv_contains(yes, v);
        return true;
    }
    error_setg(errp, "Parameter '%s' expects 'on' or 'off'", key);
    return false;
}

/* QEMU 7.2 still accepts "server" for server=on and "nowait" for wait=off. */
static void add_short_form(CharOpts *opts, const char *key)
{
    bool off = g_str_has_prefix(key, "no");
    const char *name = off ? key + 2 : key;

    warn_report("short-form boolean option '%s' deprecated", key);
    fprintf(stderr, "Please use %s=%s instead\n", name, off ? "off" : "on");
    g_hash_table_insert(opts->values, g_strdup(name),
                        g_strdup(off ? "off" : "on"));
}

static CharOpts *char_opts_parse(const char *optarg, char **backend)
{
    g_auto(GStrv) items = g_strsplit(optarg, ",", -1);
    CharOpts *opts = g_new0(CharOpts, 1);

    opts->values = g_hash_table_new_full(g_str_hash, g_str_equal,
                                         g_free, g_free);
    opts->used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    *backend = g_strdup(items[0]);
    for (int i = 1; items[i]; i++) {
        char *eq = strchr(items[i], '=');

        if (eq) {
            g_hash_table_insert(opts->values, g_strndup(items[i],
                                                        eq - items[i]),
                                g_strdup(eq + 1));
        } else if (items[i][0]) {
            add_short_form(opts, items[i]);
        }
    }
    return opts;
}

static void char_opts_free(CharOpts *opts)
{
    g_hash_table_destroy(opts->values);
    g_hash_table_destroy(opts->used);
    g_free(opts);
}

static bool char_opts_check_used(CharOpts *opts, GError **errp)
{
    GHashTableIter it;
    gpointer key;

    g_hash_table_iter_init(&it, opts->values);
    while (g_hash_table_iter_next(&it, &key, NULL)) {
        if (!g_hash_table_contains(opts->used, key)) {
            error_setg(errp, "Invalid parameter '%s'", (char *)key);
            return false;
        }
    }
    return true;
}

/* ------------------------------------------------------------ registry */

static const ChardevClass *char_class_find(const char *name)
{
    static const ChardevClass *const classes[] = {
        &char_socket_class, &char_stdio_class, &char_pty_class,
    };

    for (size_t i = 0; i < ARRAY_SIZE(classes); i++) {
        if (!strcmp(classes[i]->name, name)) {
            return classes[i];
        }
    }
    return NULL;
}

static Chardev *char_create(const char *backend, const char *id,
                            CharOpts *opts, GError **errp)
{
    const ChardevClass *cls = char_class_find(backend);
    Chardev *chr;

    if (!cls) {
        error_setg(errp, "'%s' is not a valid char driver name", backend);
        return NULL;
    }
    if (!id) {
        error_setg(errp, "Parameter 'id' is missing");
        return NULL;
    }
    if (qemu_chr_find(id)) {
        error_setg(errp, "Duplicate ID '%s' for chardev", id);
        return NULL;
    }
    chr = g_new0(Chardev, 1);
    chr->label = g_strdup(id);
    chr->cls = cls;
    if (!cls->open(chr, opts, errp) || !char_opts_check_used(opts, errp)) {
        if (chr->be) {
            cls->close(chr);
        }
        g_free(chr->label);
        g_free(chr);
        return NULL;
    }
    if (!chardevs) {
        chardevs = g_ptr_array_new();
    }
    g_ptr_array_add(chardevs, chr);
    return chr;
}

Chardev *qemu_chr_new_from_opts(const char *optarg, GError **errp)
{
    g_autofree char *backend = NULL;
    CharOpts *opts = char_opts_parse(optarg, &backend);
    Chardev *chr = char_create(backend, char_opt_get(opts, "id"), opts, errp);

    char_opts_free(opts);
    return chr;
}

Chardev *qemu_chr_new_shorthand(const char *label, const char *spec,
                                GError **errp)
{
    g_autofree char *optarg = NULL;

    /* Rewrite QEMU's legacy syntax into -chardev options. */
    if (g_str_has_prefix(spec, "unix:")) {
        optarg = g_strdup_printf("socket,id=%s,path=%s", label, spec + 5);
    } else if (g_str_has_prefix(spec, "tcp:")) {
        const char *hostport = spec + 4;
        const char *opts = strchr(hostport, ',');
        g_autofree char *addr = g_strndup(hostport, opts ? (size_t)(opts - hostport)
                                                         : strlen(hostport));
        char *colon = strrchr(addr, ':');

        if (!colon) {
            error_setg(errp, "host and/or port not specified");
            return NULL;
        }
        *colon = '\0';
        optarg = g_strdup_printf("socket,id=%s,host=%s,port=%s%s", label,
                                 addr, colon + 1, opts ? opts : "");
    } else if (!strcmp(spec, "stdio") || !strcmp(spec, "pty")) {
        optarg = g_strdup_printf("%s,id=%s", spec, label);
    } else {
        error_setg(errp, "'%s' is not a valid char driver", spec);
        return NULL;
    }
    return qemu_chr_new_from_opts(optarg, errp);
}

Chardev *qemu_chr_find(const char *id)
{
    for (guint i = 0; chardevs && i < chardevs->len; i++) {
        Chardev *chr = g_ptr_array_index(chardevs, i);
        if (!strcmp(chr->label, id)) {
            return chr;
        }
    }
    return NULL;
}

bool qemu_chr_attach(Chardev *chr, const CharFrontendOps *ops, void *opaque,
                     GError **errp)
{
    if (chr->fe_ops) {
        error_setg(errp, "Device '%s' is in use", chr->label);
        return false;
    }
    chr->fe_ops = ops;
    chr->fe_opaque = opaque;
    return chr->cls->start(chr, errp);
}

const char *qemu_chr_label(Chardev *chr)
{
    return chr->label;
}

char *qemu_chr_filename(Chardev *chr)
{
    return chr->cls->filename(chr);
}

void qemu_chr_foreach(void (*fn)(Chardev *chr, void *opaque), void *opaque)
{
    for (guint i = 0; chardevs && i < chardevs->len; i++) {
        fn(g_ptr_array_index(chardevs, i), opaque);
    }
}

bool qemu_chr_frontend_open(Chardev *chr)
{
    return chr->fe_ops != NULL;
}

/* ------------------------------------------------------------ connections */

GSource *char_fd_watch(int fd, GIOCondition cond, GUnixFDSourceFunc fn,
                       void *opaque)
{
    GSource *src = g_unix_fd_source_new(fd, cond);

    g_source_set_callback(src, G_SOURCE_FUNC(fn), opaque, NULL);
    g_source_attach(src, qemu_main_context());
    return src;
}

static void source_drop(GSource **src)
{
    if (*src) {
        g_source_destroy(*src);
        g_source_unref(*src);
        *src = NULL;
    }
}

static void conn_destroy(CharConn *conn)
{
    Chardev *chr = conn->chr;

    source_drop(&conn->read_src);
    source_drop(&conn->write_src);
    source_drop(&conn->reap_src);
    chr->conns = g_list_remove(chr->conns, conn);
    chr->fe_ops->conn_closed(conn->fe_state);
    if (!conn->persistent) {
        close(conn->rfd);
    }
    g_byte_array_free(conn->out, TRUE);
    g_free(conn);
}

static gboolean conn_reap(void *opaque)
{
    CharConn *conn = opaque;

    /* conn_destroy drops reap_src, which is this very source. */
    conn_destroy(conn);
    return G_SOURCE_REMOVE;
}

/*
 * The peer is gone or misbehaved.  The connection may be in use further
 * up the stack (e.g. a broadcast iterating the frontend's connections),
 * so it only goes dead now and is destroyed from the main loop later.
 */
static void conn_fail(CharConn *conn)
{
    if (conn->persistent) {
        g_byte_array_set_size(conn->out, 0);
        source_drop(&conn->write_src);
        return;
    }
    if (conn->dead) {
        return;
    }
    conn->dead = true;
    source_drop(&conn->read_src);
    source_drop(&conn->write_src);
    conn->reap_src = g_idle_source_new();
    g_source_set_callback(conn->reap_src, conn_reap, conn, NULL);
    g_source_attach(conn->reap_src, qemu_main_context());
}

/* Writes what it can without blocking; false if the peer is gone. */
static bool conn_drain(CharConn *conn)
{
    while (conn->out->len) {
        ssize_t n = conn->is_socket
            ? send(conn->wfd, conn->out->data, conn->out->len, MSG_NOSIGNAL)
            : write(conn->wfd, conn->out->data, conn->out->len);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            return true;
        }
        if (n <= 0) {
            return false;
        }
        g_byte_array_remove_range(conn->out, 0, n);
    }
    return true;
}

static gboolean conn_writable(int fd, GIOCondition cond, void *opaque)
{
    CharConn *conn = opaque;

    if (!conn_drain(conn)) {
        conn_fail(conn);
        return G_SOURCE_CONTINUE;   /* conn_fail destroyed this source */
    }
    if (!conn->out->len) {
        g_source_unref(conn->write_src);
        conn->write_src = NULL;
        return G_SOURCE_REMOVE;
    }
    return G_SOURCE_CONTINUE;
}

void char_conn_write(CharConn *conn, const void *buf, size_t len)
{
    if (conn->dead) {
        return;
    }
    if (conn->out->len + len > CHAR_MAX_OUTPUT) {
        warn_report("chardev '%s': peer does not read its output, dropping it",
                    conn->chr->label);
        conn_fail(conn);
        return;
    }
    g_byte_array_append(conn->out, buf, len);
    if (conn->write_src) {
        return;                      /* the watch will send it in order */
    }
    if (!conn_drain(conn)) {
        conn_fail(conn);
    } else if (conn->out->len) {
        conn->write_src = char_fd_watch(conn->wfd, G_IO_OUT, conn_writable,
                                        conn);
    }
}

/* Reads once; returns bytes read, 0 on EOF, -1 with errno. */
static ssize_t conn_recv(CharConn *conn, uint8_t *buf, size_t size,
                         int *fds, size_t *nfds)
{
    char control[CMSG_SPACE(sizeof(int) * CHAR_MAX_FDS)];
    struct iovec iov = { .iov_base = buf, .iov_len = size };
    struct msghdr msg = {
        .msg_iov = &iov, .msg_iovlen = 1,
        .msg_control = control, .msg_controllen = sizeof(control),
    };
    ssize_t n;

    *nfds = 0;
    if (!conn->is_socket) {
        return read(conn->rfd, buf, size);
    }
    n = recvmsg(conn->rfd, &msg, MSG_CMSG_CLOEXEC);
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); n >= 0 && c;
         c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            size_t k = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
            memcpy(fds + *nfds, CMSG_DATA(c), k * sizeof(int));
            *nfds += k;
        }
    }
    return n;
}

static gboolean conn_readable(int fd, GIOCondition cond, void *opaque)
{
    CharConn *conn = opaque;
    uint8_t buf[4096];
    int fds[CHAR_MAX_FDS];
    size_t nfds;
    ssize_t n = conn_recv(conn, buf, sizeof(buf), fds, &nfds);

    if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
        return G_SOURCE_CONTINUE;
    }
    if (n <= 0) {
        if (conn->persistent) {
            /* stdin closed: keep the device for output, stop reading. */
            g_source_unref(conn->read_src);
            conn->read_src = NULL;
            return G_SOURCE_REMOVE;
        }
        conn_fail(conn);
        return G_SOURCE_CONTINUE;   /* conn_fail destroyed this source */
    }
    conn->chr->fe_ops->conn_read(conn->fe_state, buf, n, fds, nfds);
    return G_SOURCE_CONTINUE;
}

CharConn *char_conn_new(Chardev *chr, int rfd, int wfd, bool is_socket,
                        bool persistent)
{
    CharConn *conn = g_new0(CharConn, 1);

    conn->chr = chr;
    conn->rfd = rfd;
    conn->wfd = wfd;
    conn->is_socket = is_socket;
    conn->persistent = persistent;
    conn->out = g_byte_array_new();
    chr->conns = g_list_append(chr->conns, conn);
    conn->fe_state = chr->fe_ops->conn_open(chr, conn, chr->fe_opaque);
    conn->read_src = char_fd_watch(rfd, G_IO_IN, conn_readable, conn);
    return conn;
}

/* Waits (boundedly) until the queued output of @conn is sent. */
static void conn_flush(CharConn *conn, gint64 deadline)
{
    while (!conn->dead && conn->out->len && conn_drain(conn) &&
           conn->out->len) {
        gint64 left = deadline - g_get_monotonic_time();
        struct pollfd pfd = { .fd = conn->wfd, .events = POLLOUT };

        if (left <= 0 || poll(&pfd, 1, left / 1000 + 1) <= 0) {
            return;
        }
    }
}

void char_conn_close(CharConn *conn)
{
    conn_flush(conn, g_get_monotonic_time() +
               CHAR_FLUSH_TIMEOUT_MS * 1000);
    conn_destroy(conn);
}

void qemu_chr_cleanup(void)
{
    gint64 deadline = g_get_monotonic_time() + CHAR_FLUSH_TIMEOUT_MS * 1000;

    for (guint i = 0; chardevs && i < chardevs->len; i++) {
        Chardev *chr = g_ptr_array_index(chardevs, i);

        while (chr->conns) {
            CharConn *conn = chr->conns->data;
            conn_flush(conn, deadline);
            conn_destroy(conn);
        }
        chr->cls->close(chr);
        g_free(chr->label);
        g_free(chr);
    }
    g_clear_pointer(&chardevs, g_ptr_array_unref);
}
