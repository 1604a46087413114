/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * progress.c - progress bar (see progress.h).
 */
#include "qemu/osdep.h"
#include "progress.h"

#define BAR_WIDTH        30
#define REDRAW_INTERVAL  (G_USEC_PER_SEC / 10)

struct Progress {
    char *label;
    uint64_t total;
    bool enabled;
    bool shown;
    gint64 start;
    gint64 last_draw;
};

Progress *progress_new(const char *label, uint64_t total, bool enabled)
{
    Progress *p = g_new0(Progress, 1);

    p->label = g_strdup(label);
    p->total = total;
    p->enabled = enabled;
    p->start = g_get_monotonic_time();
    return p;
}

static void draw(Progress *p, uint64_t done)
{
    double frac = p->total ? (double)done / p->total : 1.0;
    double secs = (g_get_monotonic_time() - p->start) / (double)G_USEC_PER_SEC;
    int fill = (int)(frac * BAR_WIDTH);
    char bar[BAR_WIDTH + 1];

    memset(bar, '#', fill);
    memset(bar + fill, ' ', BAR_WIDTH - fill);
    bar[BAR_WIDTH] = '\0';
    fprintf(stderr, "\r%s [%s] %3d%% %8.1f MiB %7.1f MiB/s", p->label, bar,
            (int)(frac * 100), done / (double)MiB,
            secs > 0 ? done / (double)MiB / secs : 0.0);
    fflush(stderr);
    p->shown = true;
}

void progress_update(Progress *p, uint64_t done)
{
    gint64 now;

    if (!p->enabled) {
        return;
    }
    now = g_get_monotonic_time();
    if (now - p->last_draw >= REDRAW_INTERVAL || done == p->total) {
        p->last_draw = now;
        draw(p, done);
    }
}

void progress_free(Progress *p)
{
    if (!p) {
        return;
    }
    if (p->shown) {
        fputc('\n', stderr);
    }
    g_free(p->label);
    g_free(p);
}
