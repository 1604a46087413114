/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * loader.c - -kernel / -initrd / -append / -device loader (QEMU's raw s390x IPL).
 *
 * A Secure Execution image given with -kernel is loaded whole at address 0,
 * where its file offsets are its guest addresses; its components carry
 * their own command line and initrd.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/loader.h"
#include "exec/memory.h"

bool load_file(const char *path, uint64_t max, GBytes **out, GError **errp)
{
    g_autoptr(GMappedFile) mf = NULL;
    GError *local = NULL;
    mf = g_mapped_file_new(path, FALSE, &local);
    if (!mf) {
        error_setg(errp, "could not load '%s': %s", path, local->message);
        g_error_free(local);
        return false;
    }
    if (g_mapped_file_get_length(mf) > max) {
        error_setg(errp, "'%s' (%zu bytes) does not fit into guest memory",
                   path, g_mapped_file_get_length(mf));
        return false;
    }
    *out = g_mapped_file_get_bytes(mf);
    return true;
}

static bool load_at(const char *what, const char *path, uint64_t addr,
                    uint64_t *size, GError **errp)
{
    uint64_t ram = guest_ram_size();
    g_autoptr(GBytes) data = NULL;
    if (addr >= ram) {
        error_setg(errp, "%s '%s': address 0x%" PRIx64
                   " is outside guest memory", what, path, addr);
        return false;
    }
    if (!load_file(path, ram - addr, &data, errp)) {
        error_prepend(errp, "%s: ", what);
        return false;
    }
    gsize len;
    const void *p = g_bytes_get_data(data, &len);
    *size = len;
    return guest_memory_write(addr, p, len, errp);
}

static void put_be64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--, v >>= 8) {
        p[i] = v & 0xff;
    }
}

static bool kernel_has_parm_area(void)
{
    uint8_t magic[6];
    return guest_memory_read(KERN_IMAGE_MAGIC_OFF, magic, sizeof(magic), NULL) &&
           !memcmp(magic, "S390EP", 6);
}

/* Loads @cfg->kernel at 0 if it is an SE image; false in *is_se otherwise. */
static bool load_se_image(const MachineConfig *cfg, IplInfo *ipl, GError **errp)
{
    g_autoptr(GBytes) data = NULL;
    const uint8_t *p;
    gsize len;

    if (!load_file(cfg->kernel, guest_ram_size(), &data, errp)) {
        error_prepend(errp, "kernel: ");
        return false;
    }
    p = g_bytes_get_data(data, &len);
    ipl->se_image = se_image_locate(p, len, &ipl->se);
    if (!ipl->se_image) {
        return true;
    }
    if (cfg->initrd || cfg->append) {
        warn_report("-kernel '%s' is a Secure Execution image: -initrd and "
                    "-append are ignored (the image carries its own)", cfg->kernel);
    }
    ipl->entry = SE_STAGE3A_ENTRY;
    return guest_memory_write(0, p, len, errp);
}

static bool load_kernel(const MachineConfig *cfg, GError **errp)
{
    uint64_t size, initrd_size = 0;
    /* QEMU loads a raw image at 0 and enters it at 0x10000 (Linux's layout). */
    if (!load_at("kernel", cfg->kernel, 0, &size, errp)) {
        return false;
    }
    if (cfg->initrd &&
        !load_at("initrd", cfg->initrd, INITRD_START, &initrd_size, errp)) {
        return false;
    }
    if (!kernel_has_parm_area()) {
        /* Not a Linux image: nothing tells it where initrd and cmdline are. */
        return true;
    }
    if (cfg->initrd) {
        uint8_t parm[16];
        put_be64(parm, INITRD_START);
        put_be64(parm + 8, initrd_size);
        if (!guest_memory_write(INITRD_PARM_START, parm, sizeof(parm), errp)) {
            return false;
        }
    }
    if (cfg->append) {
        size_t len = strlen(cfg->append) + 1;
        if (len > KERN_PARM_AREA_SIZE) {
            error_setg(errp, "kernel command line is too long (%zu bytes, "
                       "at most %d)", len - 1, KERN_PARM_AREA_SIZE - 1);
            return false;
        }
        return guest_memory_write(KERN_PARM_AREA, cfg->append, len, errp);
    }
    return true;
}

bool machine_load_images(const MachineConfig *cfg, IplInfo *ipl, GError **errp)
{
    memset(ipl, 0, sizeof(*ipl));
    if (cfg->kernel) {
        if (!load_se_image(cfg, ipl, errp)) {
            return false;
        }
        if (!ipl->se_image) {
            if (!load_kernel(cfg, errp)) {
                return false;
            }
            ipl->entry = KERN_IMAGE_START;
        }
    } else if (cfg->initrd || cfg->append) {
        error_setg(errp, "-%s only allowed with -kernel option",
                   cfg->initrd ? "initrd" : "append");
        return false;
    }
    for (guint i = 0; cfg->loaders && i < cfg->loaders->len; i++) {
        const LoaderImage *img = g_ptr_array_index(cfg->loaders, i);
        uint64_t size;
        if (!load_at("loader", img->file, img->addr, &size, errp)) {
            return false;
        }
    }
    return true;
}
