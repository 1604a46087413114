/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * progress.h - a one-line progress bar on standard error.
 *
 * Shown only when enabled (by default: when standard error is a terminal),
 * redrawn at most ten times a second so it costs nothing measurable.
 */
#ifndef TOOLS_PROGRESS_H
#define TOOLS_PROGRESS_H

#include "qemu/osdep.h"

typedef struct Progress Progress;

/* Starts a bar for @total bytes labelled @label; disabled bars do nothing. */
Progress *progress_new(const char *label, uint64_t total, bool enabled);

/* Reports that @done of the total bytes are finished. */
void progress_update(Progress *p, uint64_t done);

/* Ends the line (if shown) and frees @p; NULL is ignored. */
void progress_free(Progress *p);

#endif /* TOOLS_PROGRESS_H */
