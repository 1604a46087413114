/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-cmds-block.c - block device queries.  pvdump has no block devices
 * (qapi/block.json), so both lists are empty; libvirt needs the commands
 * to exist at domain start.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qapi-commands.h"

BlockDeviceInfoList *qmp_query_named_block_nodes(bool has_flat, bool flat,
                                                 GError **errp)
{
    return NULL;                /* the empty list */
}

BlockInfoList *qmp_query_block(GError **errp)
{
    return NULL;
}
