/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * se-image-builder.c - Secure Execution image assembly (see se-image-builder.h).
 *
 * Layout (file offset = guest address when loaded at 0):
 *
 *   0x0       short PSW -> stage3a entry
 *   0xC000    image metadata block
 *   0x10000   stage3a stub, argument block in its last 24 bytes
 *   ...       SE header, IPIB (one page), then the components kernel,
 *             ramdisk, cmdline, stage3b; each 4 KiB aligned and padded
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "util/be-access.h"
#include "util/pv-crypto.h"
#include "util/se-image.h"
#include "se-image-builder.h"

#define MAX_COMPS 4

typedef struct Component {
    uint16_t type;
    const uint8_t *data;
    size_t size;
    uint64_t addr;
    uint64_t prefix;
} Component;

typedef struct Builder {
    GByteArray *img;
    Component comps[MAX_COMPS];
    int n;
    uint64_t hdr_off, ipib_off;
    uint8_t stage3b[SE_STAGE3B_SIZE];
} Builder;

static uint64_t comp_pages(const Component *c)
{
    return MAX(1, DIV_ROUND_UP(c->size, SE_PAGE_SIZE));
}

static bool add_comp(Builder *b, uint16_t type, const void *data, size_t size,
                     GError **errp)
{
    uint8_t rnd[6];
    Component *c = &b->comps[b->n++];

    if (!pv_random_bytes(rnd, sizeof(rnd), errp)) {
        return false;
    }
    /* Type in the top 16 bits keeps the prefixes strictly increasing. */
    c->prefix = (uint64_t)type << 48;
    for (int i = 0; i < 6; i++) {
        c->prefix |= (uint64_t)rnd[i] << (40 - 8 * i);
    }
    c->type = type;
    c->data = data;
    c->size = size;
    return true;
}

/* Places the components after the IPIB page; returns the end of the image. */
static uint64_t place_comps(Builder *b)
{
    uint64_t addr = b->ipib_off + SE_PAGE_SIZE;

    for (int i = 0; i < b->n; i++) {
        b->comps[i].addr = addr;
        addr += comp_pages(&b->comps[i]) * SE_PAGE_SIZE;
    }
    return addr;
}

static void put_memblob(uint8_t *p, const Component *c)
{
    be64_store(p, c ? c->addr : 0);
    be64_store(p + 8, c ? c->size : 0);
}

/* stage3b's argument block: kernel, cmdline, initrd blobs and the kernel PSW. */
static void fill_stage3b(Builder *b, const Component *kernel,
                         const Component *cmdline, const Component *initrd)
{
    uint8_t *args = b->stage3b + SE_STAGE3B_ARGS_OFF;

    memset(b->stage3b, 0, sizeof(b->stage3b));
    memcpy(b->stage3b, SE_STAGE3B_MAGIC, sizeof(SE_STAGE3B_MAGIC));
    put_memblob(args, kernel);
    put_memblob(args + 16, cmdline);
    put_memblob(args + 32, initrd);
    be64_store(args + 48, SE_STAGE3B_PSW_MASK);
    be64_store(args + 56, SE_KERNEL_ADDR);
}

/* Encrypts every component page into the image and accumulates the digests. */
static bool encrypt_comps(Builder *b, const uint8_t xts_key[64], SeImgDigests *d,
                          GError **errp)
{
    g_autoptr(PvXts) xts = pv_xts_new(xts_key, true, errp);
    uint8_t page[SE_PAGE_SIZE], tweak[16];

    if (!xts) {
        return false;
    }
    for (int i = 0; i < b->n; i++) {
        const Component *c = &b->comps[i];
        for (uint64_t off = 0; off < comp_pages(c) * SE_PAGE_SIZE; off += SE_PAGE_SIZE) {
            uint8_t *dst = b->img->data + c->addr + off;
            size_t chunk = off < c->size ? MIN(SE_PAGE_SIZE, c->size - off) : 0;

            memset(page, 0, sizeof(page));
            memcpy(page, c->data + off, chunk);
            se_image_tweak(c->prefix, off, tweak);
            if (!pv_xts_page(xts, tweak, page, dst, errp)) {
                pv_crypto_wipe(page, sizeof(page));
                return false;
            }
            se_digests_add(d, dst, c->addr + off, tweak);
        }
    }
    pv_crypto_wipe(page, sizeof(page));
    return true;
}

static void write_ipib(Builder *b, uint64_t hdr_size)
{
    uint8_t *ipib = b->img->data + b->ipib_off;

    be32_store(ipib + IPIB_OFF_LEN, IPIB_MAX_LEN);
    ipib[IPIB_OFF_VERSION] = 1;
    be32_store(ipib + IPIB_OFF_BLK0_LEN, IPIB_BLK0_BASE_LEN + IPIB_COMP_SIZE * b->n);
    ipib[IPIB_OFF_PBT] = IPIB_PBT_PV;
    ipib[IPIB_OFF_PV_VERSION] = 1;
    be32_store(ipib + IPIB_OFF_NUM_COMP, b->n);
    be64_store(ipib + IPIB_OFF_PV_HDR_ADDR, b->hdr_off);
    be64_store(ipib + IPIB_OFF_PV_HDR_LEN, hdr_size);
    for (int i = 0; i < b->n; i++) {
        uint8_t *e = ipib + IPIB_OFF_COMPS + i * IPIB_COMP_SIZE;
        be64_store(e, b->comps[i].prefix);
        be64_store(e + 8, b->comps[i].addr);
        be64_store(e + 16, comp_pages(&b->comps[i]) * SE_PAGE_SIZE);
    }
}

/* Short PSW, metadata block and the stage3a stub with its argument block. */
static void write_boot_area(Builder *b, uint64_t hdr_size)
{
    uint8_t *img = b->img->data;
    uint8_t *meta = img + SE_IMG_META_OFF;
    uint64_t args = SE_STAGE3A_ADDR + SE_STAGE3A_SIZE - SE_STAGE3A_ARGS_SIZE;

    be64_store(img, SE_SHORT_PSW);
    memcpy(meta, SE_IMG_META_MAGIC, 8);
    be64_store(meta + SE_IMG_META_OFF_HDR, b->hdr_off);
    be32_store(meta + SE_IMG_META_OFF_VERSION, SE_IMG_META_VERSION);
    be64_store(meta + SE_IMG_META_OFF_IPIB, b->ipib_off);
    memcpy(img + SE_STAGE3A_ENTRY, SE_STAGE3A_MAGIC, sizeof(SE_STAGE3A_MAGIC));
    /* Offsets relative to the argument block itself, as stage3a reads them. */
    be64_store(img + args, b->hdr_off - args);
    be64_store(img + args + 8, hdr_size);
    be64_store(img + args + 16, b->ipib_off - args);
}

static bool add_all_comps(Builder *b, const SeImageSpec *spec, GError **errp)
{
    const char *cmdline = spec->cmdline ? spec->cmdline : "";
    size_t cmdline_len = strlen(cmdline) + 1;
    gsize klen, rlen = 0;
    const uint8_t *k = g_bytes_get_data(spec->kernel, &klen);
    const uint8_t *r = spec->ramdisk ? g_bytes_get_data(spec->ramdisk, &rlen) : NULL;

    if (cmdline_len > SE_CMDLINE_MAX) {
        error_setg(errp, "The kernel command line is too long (%zu bytes, at most %d)",
                   cmdline_len - 1, SE_CMDLINE_MAX - 1);
        return false;
    }
    if (!klen) {
        error_setg(errp, "The kernel image is empty");
        return false;
    }
    return add_comp(b, SE_COMP_KERNEL, k, klen, errp) &&
           (!r || add_comp(b, SE_COMP_RAMDISK, r, rlen, errp)) &&
           add_comp(b, SE_COMP_CMDLINE, cmdline, cmdline_len, errp) &&
           add_comp(b, SE_COMP_STAGE3B, b->stage3b, sizeof(b->stage3b), errp);
}

static bool build_header(Builder *b, const SeImageSpec *spec, SeImgDigests *d,
                         const uint8_t xts_key[64], GError **errp)
{
    SeHdrPublic pub = { .nep = se_digests_pages(d), .pcf = spec->pcf };
    SeHdrSecrets sec = {
        .psw_mask = SE_STAGE3B_PSW_MASK,
        .psw_addr = b->comps[b->n - 1].addr,     /* stage3b */
    };
    g_autoptr(GBytes) hdr = NULL;
    const uint8_t *data;
    gsize len;

    se_digests_final(d, pub.pld, pub.ald, pub.tld);
    memcpy(sec.cck, spec->cck, sizeof(sec.cck));
    memcpy(sec.xts_key, xts_key, sizeof(sec.xts_key));
    hdr = se_hdr_build(&pub, &sec, spec->host_keys, spec->n_host_keys, errp);
    pv_crypto_wipe(&sec, sizeof(sec));
    if (!hdr) {
        return false;
    }
    data = g_bytes_get_data(hdr, &len);
    memcpy(b->img->data + b->hdr_off, data, len);
    write_ipib(b, len);
    write_boot_area(b, len);
    return true;
}

GBytes *se_image_build(const SeImageSpec *spec, GError **errp)
{
    Builder b = { 0 };
    g_autoptr(SeImgDigests) d = se_digests_new();
    uint8_t xts_key[64];
    size_t hdr_size = se_hdr_size(spec->n_host_keys, SE_HDR_SEA_MIN);
    bool ok;
    uint64_t end;
    const Component *ramdisk;

    b.hdr_off = SE_STAGE3A_ADDR + SE_STAGE3A_SIZE;
    b.ipib_off = b.hdr_off + QEMU_ALIGN_UP(hdr_size, SE_PAGE_SIZE);
    if (!add_all_comps(&b, spec, errp) ||
        !pv_random_bytes(xts_key, sizeof(xts_key), errp)) {
        return NULL;
    }
    end = place_comps(&b);
    ramdisk = spec->ramdisk ? &b.comps[1] : NULL;
    fill_stage3b(&b, &b.comps[0], &b.comps[b.n - 2], ramdisk);
    b.img = g_byte_array_sized_new(end);
    g_byte_array_set_size(b.img, end);
    memset(b.img->data, 0, end);
    ok = encrypt_comps(&b, xts_key, d, errp) && build_header(&b, spec, d, xts_key, errp);
    pv_crypto_wipe(xts_key, sizeof(xts_key));
    if (!ok) {
        g_byte_array_free(b.img, TRUE);
        return NULL;
    }
    return g_byte_array_free_to_bytes(b.img);
}
