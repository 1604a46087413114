/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * se-image-builder.h - builds Secure Execution boot images (v1 format)
 * for pvdump-mkimage.
 */
#ifndef TOOLS_SE_IMAGE_BUILDER_H
#define TOOLS_SE_IMAGE_BUILDER_H

#include "qemu/osdep.h"
#include <openssl/types.h>
#include "util/se-header.h"

/* What goes into an image. */
typedef struct SeImageSpec {
    GBytes *kernel;                 /* raw kernel image (entered at 0x10000) */
    GBytes *ramdisk;                /* NULL: no initrd */
    const char *cmdline;            /* NULL: empty command line */
    EVP_PKEY *const *host_keys;     /* public keys to encrypt the header for */
    size_t n_host_keys;
    uint8_t cck[SE_HDR_CCK_SIZE];   /* customer communication key */
    uint64_t pcf;                   /* plaintext control flags */
} SeImageSpec;

/*
 * Builds the whole image: stub stage3a and stage3b with their argument
 * blocks, encrypted components, IPIB, SE header, metadata block.  The
 * image XTS key is random and wiped before returning.
 */
GBytes *se_image_build(const SeImageSpec *spec, GError **errp);

#endif /* TOOLS_SE_IMAGE_BUILDER_H */
