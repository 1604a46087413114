/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * main-loop.c - the BQL and the GLib main loop (see qemu/main-loop.h).
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "sysemu/runstate.h"

static GMutex bql;
static GPrivate bql_held;      /* per-thread: does this thread hold the BQL? */
static GMainLoop *main_loop;

void bql_lock(void)
{
    g_assert(!bql_locked());
    g_mutex_lock(&bql);
    g_private_set(&bql_held, GINT_TO_POINTER(1));
}

void bql_unlock(void)
{
    g_assert(bql_locked());
    g_private_set(&bql_held, NULL);
    g_mutex_unlock(&bql);
}

bool bql_locked(void)
{
    return g_private_get(&bql_held) != NULL;
}

GMutex *bql_mutex(void)
{
    return &bql;
}

GMainContext *qemu_main_context(void)
{
    return g_main_context_default();
}

typedef struct ScheduledCall {
    void (*fn)(void *opaque);
    void *opaque;
} ScheduledCall;

static gboolean run_scheduled(gpointer data)
{
    ScheduledCall *call = data;
    bql_lock();
    call->fn(call->opaque);
    bql_unlock();
    g_free(call);
    return G_SOURCE_REMOVE;
}

void main_loop_schedule(void (*fn)(void *opaque), void *opaque)
{
    ScheduledCall *call = g_new(ScheduledCall, 1);
    GSource *src;

    call->fn = fn;
    call->opaque = opaque;
    /*
     * Always deferred (never g_main_context_invoke, which runs at once in
     * the main thread): callers may hold the BQL, e.g. a QMP "quit".
     */
    src = g_idle_source_new();
    g_source_set_priority(src, G_PRIORITY_DEFAULT);
    g_source_set_callback(src, run_scheduled, call, NULL);
    g_source_attach(src, qemu_main_context());
    g_source_unref(src);
}

void main_loop_wakeup(void)
{
    g_main_context_wakeup(qemu_main_context());
}

static gboolean check_shutdown(gpointer data)
{
    /* Requests are flags set under the BQL; poll them cheaply. */
    bool quit;
    bql_lock();
    quit = qemu_shutdown_requested();
    bql_unlock();
    if (quit) {
        g_main_loop_quit(main_loop);
        return G_SOURCE_REMOVE;
    }
    return G_SOURCE_CONTINUE;
}

void main_loop_run(void)
{
    GSource *src;

    main_loop = g_main_loop_new(qemu_main_context(), FALSE);
    src = g_timeout_source_new(50);
    g_source_set_callback(src, check_shutdown, NULL, NULL);
    g_source_attach(src, qemu_main_context());
    g_source_unref(src);
    if (!check_shutdown(NULL)) {
        g_main_loop_unref(main_loop);
        main_loop = NULL;
        return;
    }
    g_main_loop_run(main_loop);
    g_main_loop_unref(main_loop);
    main_loop = NULL;
}
