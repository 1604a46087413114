/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * s390-virtio-ccw.h - the s390-ccw-virtio machine's own state (after
 * QEMU's S390CcwMachineState): the generic MachineState plus what only an
 * s390x machine has.
 */
#ifndef HW_S390X_S390_VIRTIO_CCW_H
#define HW_S390X_S390_VIRTIO_CCW_H

#include "qemu/osdep.h"
#include "hw/boards.h"
#include "target/s390x/cpu.h"

typedef struct S390CcwMachineState {
    MachineState parent_obj;     /* current_machine points here */
    S390CPUModel cpu_model;
    char *pv_guest_id;           /* the s390-pv-guest object, if any */
    bool pv;                     /* the guest runs protected (hw/s390x/pv-boot.c) */
} S390CcwMachineState;

/* The s390x machine behind current_machine, or NULL before machine_init(). */
S390CcwMachineState *s390_ccw_machine(void);

/*
 * Creates the CPU with CPU address (core-id) @core_id and starts its
 * thread (hw/s390x/cpu-plug.c); cpu_list must have room.  BQL held.
 */
struct S390CPU *s390_cpu_create(unsigned core_id, GError **errp);

#endif /* HW_S390X_S390_VIRTIO_CCW_H */
