/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * char-internal.h - what chardev backends (socket, stdio, pty) share
 * with the generic layer in char.c.
 *
 * A backend opens its resources from the parsed options, starts serving
 * when a frontend attaches (a listening socket starts accepting) and
 * turns every byte stream it gets into a CharConn with char_conn_new();
 * char.c then does all reading, buffered writing and closing.
 */
#ifndef SYSTEM_CHAR_INTERNAL_H
#define SYSTEM_CHAR_INTERNAL_H

#include "qemu/osdep.h"
#include "chardev/char.h"
#include <glib-unix.h>

/* The key=value options of one -chardev, with use tracking. */
typedef struct CharOpts CharOpts;

/*
 * The value of option @key (NULL if not given); marks it as used, so that
 * qemu_chr_new_from_opts() can reject the options no backend consumed.
 */
const char *char_opt_get(CharOpts *opts, const char *key);

/*
 * Reads boolean option @key ("on"/"off" and QEMU's synonyms) into *val,
 * leaving it unchanged if absent.  Fails on anything else.
 */
bool char_opt_bool(CharOpts *opts, const char *key, bool *val, GError **errp);

typedef struct ChardevClass {
    const char *name;
    /* Creates the backend state (chr->be) from @opts. */
    bool (*open)(Chardev *chr, CharOpts *opts, GError **errp);
    /* A frontend attached: create connections or start accepting. */
    bool (*start)(Chardev *chr, GError **errp);
    /* The query-chardev filename (newly allocated). */
    char *(*filename)(Chardev *chr);
    /* Releases the backend state (exit path); connections are gone. */
    void (*close)(Chardev *chr);
} ChardevClass;

extern const ChardevClass char_socket_class;
extern const ChardevClass char_stdio_class;
extern const ChardevClass char_pty_class;

struct Chardev {
    char *label;
    const ChardevClass *cls;
    void *be;                       /* backend state */
    const CharFrontendOps *fe_ops;  /* NULL until a frontend attaches */
    void *fe_opaque;
    GList *conns;                   /* CharConn *, oldest first */
};

/*
 * Creates a connection reading @rfd and writing @wfd (the same fd for
 * sockets and ptys), tells the frontend and starts reading.  @is_socket
 * selects recvmsg()/send() so that SCM_RIGHTS fds are received and a dead
 * peer gives EPIPE instead of SIGPIPE.  A @persistent connection is the
 * device itself (stdio, pty): output that cannot be delivered is dropped
 * instead of closing it, and its fds are not closed by char.c.
 */
CharConn *char_conn_new(Chardev *chr, int rfd, int wfd, bool is_socket,
                        bool persistent);

/* Attaches a watch for @fd to the main loop context; returns its source. */
GSource *char_fd_watch(int fd, GIOCondition cond, GUnixFDSourceFunc fn,
                       void *opaque);

#endif /* SYSTEM_CHAR_INTERNAL_H */
