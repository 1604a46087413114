/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * arch_dump_pv.h - the dump hooks of a protected s390x guest
 * (arch_dump_pv.c), chosen by arch_dump.c while the machine is protected.
 */
#ifndef TARGET_S390X_ARCH_DUMP_PV_H
#define TARGET_S390X_ARCH_DUMP_PV_H

#include "qemu/osdep.h"
#include "sysemu/dump-arch.h"

/* The hooks: DUMP_INIT, PV CPU notes, pv_mem_meta/pv_compl, completion. */
extern const DumpArchOps s390x_pv_dump_ops;

/*
 * D1: a protected guest is dumped whole and as ELF only; fails with the
 * message the user gets otherwise.
 */
bool s390x_pv_dump_check_request(bool elf, bool filtered, GError **errp);

#endif /* TARGET_S390X_ARCH_DUMP_PV_H */
