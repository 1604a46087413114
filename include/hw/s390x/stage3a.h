/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * stage3a.h - playing an SE image's stage3a on a machine that cannot
 * execute it (uvsim).
 */
#ifndef HW_S390X_STAGE3A_H
#define HW_S390X_STAGE3A_H

#include "qemu/osdep.h"
#include "hw/core/cpu.h"
#include "util/se-image.h"

/*
 * Does what stage3a does on the IPL CPU @cs for the image whose parts are
 * at @layout (loaded at 0): patch the IPIB, DIAG 308 subcodes 8 and 10.
 * On failure the CPU is stopped and one line is logged.  BQL held, vCPUs
 * paused.
 */
void s390_stage3a_play(CPUState *cs, const SeImageLayout *layout);

#endif /* HW_S390X_STAGE3A_H */
