/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * char.h - character devices: the byte streams monitors talk over.
 *
 * A Chardev is a named backend from -chardev (or the shorthand of -qmp /
 * -monitor / -serial).  Socket chardevs listen (path or inherited fd=N) and
 * serve any number of connections at once: each accepted connection is a
 * CharConn.  stdio and pty chardevs have exactly one connection.
 * Everything runs in the main loop.
 */
#ifndef CHARDEV_CHAR_H
#define CHARDEV_CHAR_H

#include "qemu/osdep.h"

typedef struct Chardev Chardev;
typedef struct CharConn CharConn;

/* What a frontend (QMP or HMP monitor) gets told about a connection. */
typedef struct CharFrontendOps {
    /* A new connection opened; returns the frontend's per-connection state. */
    void *(*conn_open)(Chardev *chr, CharConn *conn, void *opaque);
    /* Bytes arrived (with any fds received via SCM_RIGHTS, ownership passes). */
    void (*conn_read)(void *conn_state, const uint8_t *buf, size_t len,
                      const int *fds, size_t nfds);
    /* The peer went away; free conn_state.  @conn must not be used after. */
    void (*conn_closed)(void *conn_state);
} CharFrontendOps;

/* Parses a -chardev option string ("socket,id=x,path=...,server=on,wait=off"). */
Chardev *qemu_chr_new_from_opts(const char *optarg, GError **errp);

/* Creates a chardev from the -qmp/-monitor shorthand ("unix:PATH,server=on,wait=off", "stdio", "tcp:..."). */
Chardev *qemu_chr_new_shorthand(const char *label, const char *spec, GError **errp);

/* Looks up a chardev by id. */
Chardev *qemu_chr_find(const char *id);

/* Attaches a frontend; starts listening/reading. Only one frontend per chardev. */
bool qemu_chr_attach(Chardev *chr, const CharFrontendOps *ops, void *opaque, GError **errp);

/* Queues bytes for sending to one connection (non-blocking; buffered). */
void char_conn_write(CharConn *conn, const void *buf, size_t len);

/* Closes a connection from the server side (e.g. oversized input). */
void char_conn_close(CharConn *conn);

/* The chardev's label (id). */
const char *qemu_chr_label(Chardev *chr);

/* "pty:/dev/pts/N", "unix:PATH,server=on", "stdio", ... as query-chardev reports. */
char *qemu_chr_filename(Chardev *chr);

/* Visits every chardev in creation order. */
void qemu_chr_foreach(void (*fn)(Chardev *chr, void *opaque), void *opaque);

/* True if a frontend is attached. */
bool qemu_chr_frontend_open(Chardev *chr);

/* Closes every chardev and removes sockets it created (exit path). */
void qemu_chr_cleanup(void);

#endif /* CHARDEV_CHAR_H */
