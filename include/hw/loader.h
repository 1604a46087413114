/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * loader.h - placing files into guest memory (-kernel, -initrd, -append,
 * -device loader) the way QEMU's s390x IPL code does for a raw kernel.
 */
#ifndef HW_LOADER_H
#define HW_LOADER_H

#include "qemu/osdep.h"
#include "hw/boards.h"
#include "util/se-image.h"

/* Where a raw s390x kernel image (loaded at 0, as QEMU does) is entered. */
#define KERN_IMAGE_START   0x10000ULL
/* Linux's "S390EP" marker: the image has the parameter area below. */
#define KERN_IMAGE_MAGIC_OFF 0x10008ULL
#define INITRD_PARM_START  0x10408ULL
#define INITRD_PARM_SIZE   0x10410ULL
#define KERN_PARM_AREA     0x10480ULL
#define KERN_PARM_AREA_SIZE 896
#define INITRD_START       0x800000ULL

/* What the loaded images mean for the IPL. */
typedef struct IplInfo {
    uint64_t entry;          /* IPL PSW address */
    bool se_image;           /* -kernel is a Secure Execution image (loaded at 0) */
    SeImageLayout se;        /* where its SE header and IPIB are */
} IplInfo;

/*
 * Loads every image of @cfg into guest memory and fills @ipl: the entry is
 * KERN_IMAGE_START for a raw kernel (loaded at 0) or a Linux-layout ELF
 * (entry 0x10000 or 0x800), the ELF entry for another s390x ELF (its PT_LOAD
 * segments at their physical addresses), stage3a's entry for an SE image
 * (which is loaded at 0, its -initrd and -append ignored), else 0.  Like
 * QEMU, only a Linux layout gets the initrd's address/size (INITRD_PARM_*)
 * and the command line (KERN_PARM_AREA, "" without -append).
 */
bool machine_load_images(const MachineConfig *cfg, IplInfo *ipl, GError **errp);

/* Reads a whole file for loading, bounded by @max bytes. */
bool load_file(const char *path, uint64_t max, GBytes **out, GError **errp);

#endif /* HW_LOADER_H */
