/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-cmds-job.c - query-jobs.  pvdump has no QEMU jobs (qapi/job.json).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qapi-commands.h"

JobInfoList *qmp_query_jobs(GError **errp)
{
    return NULL;                /* the empty list */
}
