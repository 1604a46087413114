/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * se-image.h - the layout of a Secure Execution boot image and the
 * component digests (docs/se-image.md).
 *
 * An SE image is laid out so that its file offset equals the guest absolute
 * address when it is loaded at 0: a short PSW at 0, the image metadata
 * block at 0xC000, the stage3a loader at 0x10000 (its last 24 bytes are
 * its argument block), then the SE header, the PV IPL parameter block and
 * the encrypted components, each 4 KiB aligned.  The last component is
 * stage3b, which runs inside the secure guest and moves kernel, command
 * line and initrd to their final places.
 *
 * pvdump's stage3a and stage3b are stubs: the blobs carry the argument
 * blocks of the real loaders but no s390x code, and uvsim's CPU plays
 * them (accel/uvsim/stage3a-play.c, uv-cpu.c).  The stubs' magic strings
 * are part of the image format and stay as they are.
 */
#ifndef UTIL_SE_IMAGE_H
#define UTIL_SE_IMAGE_H

#include "qemu/osdep.h"

#define SE_PAGE_SIZE             4096u

/* Image metadata block (28 bytes, big-endian). */
#define SE_IMG_META_OFF          0xC000
#define SE_IMG_META_MAGIC        "SeImgLnx"
#define SE_IMG_META_SIZE         28
#define SE_IMG_META_OFF_HDR      8
#define SE_IMG_META_OFF_VERSION  16
#define SE_IMG_META_OFF_IPIB     20
#define SE_IMG_META_VERSION      1

/* stage3a: plain loader at 0x10000, entered at +0x1000. */
#define SE_STAGE3A_ADDR          0x10000ULL
#define SE_STAGE3A_ENTRY         0x11000ULL
#define SE_STAGE3A_SIZE          0x2000u
#define SE_STAGE3A_ARGS_SIZE     24       /* hdr_offs, hdr_size, ipib_offs */
#define SE_STAGE3A_MAGIC         "pvdump stage3a stub (played by the machine)"

/* stage3b: the last component; its arguments fill its last 64 bytes. */
#define SE_STAGE3B_SIZE          SE_PAGE_SIZE
#define SE_STAGE3B_MAGIC         "pvdump stage3b stub (played by uvsim)"
#define SE_STAGE3B_ARGS_SIZE     64       /* 3 x {src, size} + PSW */
#define SE_STAGE3B_ARGS_OFF      (SE_STAGE3B_SIZE - SE_STAGE3B_ARGS_SIZE)
#define SE_STAGE3B_PSW_MASK      0x0000000180000000ULL  /* EA | BA */

/* Where stage3b places the components (as the non-PV raw-kernel loader). */
#define SE_KERNEL_ADDR           0x10000ULL
#define SE_INITRD_PARM_ADDR      0x10408ULL
#define SE_CMDLINE_ADDR          0x10480ULL
#define SE_CMDLINE_MAX           896      /* including the NUL */

/* The short PSW at address 0 (ESA/390 format): IPL enters stage3a. */
#define SE_SHORT_PSW             (0x0008000080000000ULL | SE_STAGE3A_ENTRY)

/* IPL parameter block of type 5 (PV), big-endian. */
#define IPIB_OFF_LEN             0x00
#define IPIB_OFF_VERSION         0x07
#define IPIB_OFF_BLK0_LEN        0x08
#define IPIB_OFF_PBT             0x0C
#define IPIB_OFF_PV_VERSION      0x6F
#define IPIB_OFF_NUM_COMP        0x74
#define IPIB_OFF_PV_HDR_ADDR     0x78
#define IPIB_OFF_PV_HDR_LEN      0x80
#define IPIB_OFF_COMPS           0x88
#define IPIB_COMP_SIZE           24       /* tweak prefix, address, length */
#define IPIB_PBT_PV              5
#define IPIB_MIN_LEN             148
#define IPIB_MAX_LEN             4096
#define IPIB_BLK0_BASE_LEN       0x80     /* block 0 from 0x08 without components */

/* Component types of the tweak prefix (Rust pvimg numbering). */
#define SE_COMP_KERNEL           40
#define SE_COMP_RAMDISK          50
#define SE_COMP_CMDLINE          60
#define SE_COMP_STAGE3B          70

/* Where an image keeps its SE header and IPIB (absolute offsets). */
typedef struct SeImageLayout {
    uint64_t hdr_off;
    uint64_t hdr_size;     /* 0 when only the metadata block was found */
    uint64_t ipib_off;
} SeImageLayout;

/*
 * Finds the SE header and the IPIB in the @len bytes of an image file:
 * from the metadata block, else by looking for the header magic at 4 KiB
 * boundaries (older builders) with the IPIB on the next page.  False if
 * @img is not an SE image.
 */
bool se_image_locate(const uint8_t *img, size_t len, SeImageLayout *out);

/* The XTS tweak of a component page: prefix || byte offset, big-endian. */
void se_image_tweak(uint64_t prefix, uint64_t offset, uint8_t tweak[16]);

/*
 * PLD/ALD/TLD accumulator: SHA-512 over the pages in unpack order of the
 * stored page contents, the guest addresses and the tweaks.
 */
typedef struct SeImgDigests SeImgDigests;

/* A fresh accumulator with no pages. */
SeImgDigests *se_digests_new(void);

/* Adds one 4 KiB page as stored in the image (ciphertext). */
void se_digests_add(SeImgDigests *d, const uint8_t *page, uint64_t gaddr,
                    const uint8_t tweak[16]);

/* Number of pages added so far (the header's nep). */
uint64_t se_digests_pages(const SeImgDigests *d);

/* Finishes the digests into 64-byte buffers; @d can only be freed then. */
void se_digests_final(SeImgDigests *d, uint8_t pld[64], uint8_t ald[64],
                      uint8_t tld[64]);

/* Frees @d (NULL is ignored). */
void se_digests_free(SeImgDigests *d);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(SeImgDigests, se_digests_free)

#endif /* UTIL_SE_IMAGE_H */
