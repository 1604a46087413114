/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * loader.c - -kernel / -initrd / -append / -device loader (QEMU's s390x IPL
 * of a kernel: an ELF's PT_LOAD segments at their physical addresses, or a
 * raw image at 0; a Linux layout, entered at 0x10000, gets the initrd's
 * address and size at 0x10408 and the command line at 0x10480).
 *
 * A Secure Execution image given with -kernel is loaded whole at address 0,
 * where its file offsets are its guest addresses; its components carry
 * their own command line and initrd.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/loader.h"
#include "exec/memory.h"
#include <elf.h>

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
    const void *p;
    gsize len;

    if (addr >= ram) {
        error_setg(errp, "%s '%s': address 0x%" PRIx64
                   " is outside guest memory", what, path, addr);
        return false;
    }
    if (!load_file(path, ram - addr, &data, errp)) {
        error_prepend(errp, "%s: ", what);
        return false;
    }
    p = g_bytes_get_data(data, &len);
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

/* What loading -kernel gave: where to enter it and how much it occupies. */
typedef struct KernelImage {
    uint64_t entry;
    uint64_t size;        /* what QEMU counts to place the initrd above it */
    bool linux_layout;    /* entered at 0x10000: initrd/cmdline parameters apply */
} KernelImage;

static bool is_s390x_elf(const uint8_t *p, gsize len)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)p;
    return len >= sizeof(*eh) && !memcmp(eh->e_ident, ELFMAG, SELFMAG) &&
           eh->e_ident[EI_CLASS] == ELFCLASS64 &&
           eh->e_ident[EI_DATA] == ELFDATA2MSB &&
           GUINT16_FROM_BE(eh->e_machine) == EM_S390;
}

/* Copies one PT_LOAD segment to its physical address, zeroing its BSS. */
static bool load_elf_segment(const char *path, const uint8_t *p, gsize len,
                             const Elf64_Phdr *ph, GError **errp)
{
    uint64_t off = GUINT64_FROM_BE(ph->p_offset);
    uint64_t addr = GUINT64_FROM_BE(ph->p_paddr);
    uint64_t filesz = GUINT64_FROM_BE(ph->p_filesz);
    uint64_t memsz = GUINT64_FROM_BE(ph->p_memsz);
    uint64_t ram = guest_ram_size();
    g_autofree uint8_t *zeros = NULL;

    if (filesz > memsz || off > len || filesz > len - off) {
        error_setg(errp, "kernel '%s': malformed ELF program header", path);
        return false;
    }
    if (addr > ram || memsz > ram - addr) {
        error_setg(errp, "kernel '%s': ELF segment 0x%" PRIx64 "+0x%" PRIx64
                   " is outside guest memory", path, addr, memsz);
        return false;
    }
    if (!guest_memory_write(addr, p + off, filesz, errp)) {
        return false;
    }
    if (memsz == filesz) {
        return true;
    }
    zeros = g_malloc0(memsz - filesz);
    return guest_memory_write(addr + filesz, zeros, memsz - filesz, errp);
}

/* QEMU's load_elf(): every PT_LOAD at p_paddr, the size is their sum. */
static bool load_elf_kernel(const char *path, const uint8_t *p, gsize len,
                            KernelImage *k, GError **errp)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)p;
    uint64_t phoff = GUINT64_FROM_BE(eh->e_phoff);
    uint16_t phnum = GUINT16_FROM_BE(eh->e_phnum);

    if (GUINT16_FROM_BE(eh->e_phentsize) != sizeof(Elf64_Phdr) || phoff > len ||
        (uint64_t)phnum * sizeof(Elf64_Phdr) > len - phoff) {
        error_setg(errp, "kernel '%s': malformed ELF header", path);
        return false;
    }
    k->entry = GUINT64_FROM_BE(eh->e_entry);
    k->size = 0;
    for (uint16_t i = 0; i < phnum; i++) {
        Elf64_Phdr ph;
        memcpy(&ph, p + phoff + i * sizeof(ph), sizeof(ph));
        if (GUINT32_FROM_BE(ph.p_type) != PT_LOAD) {
            continue;
        }
        if (!load_elf_segment(path, p, len, &ph, errp)) {
            return false;
        }
        k->size += GUINT64_FROM_BE(ph.p_memsz);
    }
    /* Old Linux ELFs say 0x800 (the SALIPL loader); QEMU enters 0x10000. */
    k->linux_layout = k->entry == KERN_IMAGE_START || k->entry == 0x800;
    if (k->linux_layout) {
        k->entry = KERN_IMAGE_START;
    }
    return true;
}

/* A raw image goes to 0 and is entered at 0x10000 (Linux's layout). */
static bool load_raw_kernel(const uint8_t *p, gsize len, KernelImage *k,
                            GError **errp)
{
    if (!guest_memory_write(0, p, len, errp)) {
        return false;
    }
    k->entry = KERN_IMAGE_START;
    k->size = len;
    /* Not a Linux image: nothing tells it where initrd and cmdline are. */
    k->linux_layout = kernel_has_parm_area();
    return true;
}

/* QEMU puts the initrd at 8 MiB, or higher to keep 1 MiB above the kernel. */
static bool load_initrd(const MachineConfig *cfg, const KernelImage *k,
                        GError **errp)
{
    uint64_t addr = INITRD_START, size;
    uint8_t parm[16];

    while (k->size + 0x100000 > addr) {
        addr += 0x100000;
    }
    if (!load_at("initrd", cfg->initrd, addr, &size, errp)) {
        return false;
    }
    if (!k->linux_layout) {
        return true;
    }
    put_be64(parm, addr);
    put_be64(parm + 8, size);
    return guest_memory_write(INITRD_PARM_START, parm, sizeof(parm), errp);
}

/* QEMU copies the command line (even an empty one) for a Linux layout. */
static bool write_cmdline(const MachineConfig *cfg, GError **errp)
{
    const char *cmdline = cfg->append ? cfg->append : "";
    size_t len = strlen(cmdline) + 1;

    if (len > KERN_PARM_AREA_SIZE) {
        error_setg(errp, "kernel command line is too long (%zu bytes, "
                   "at most %d)", len - 1, KERN_PARM_AREA_SIZE - 1);
        return false;
    }
    return guest_memory_write(KERN_PARM_AREA, cmdline, len, errp);
}

/* Loads @data (-kernel) at 0 if it is an SE image; false in ipl->se_image otherwise. */
static bool load_se_image(const MachineConfig *cfg, GBytes *data, IplInfo *ipl,
                          GError **errp)
{
    gsize len;
    const uint8_t *p = g_bytes_get_data(data, &len);

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

/* Loads a non-SE -kernel (ELF or raw, from @data), its initrd and cmdline. */
static bool load_kernel(const MachineConfig *cfg, GBytes *data, IplInfo *ipl,
                        GError **errp)
{
    KernelImage k = { 0 };
    gsize len;
    const uint8_t *p = g_bytes_get_data(data, &len);

    if (is_s390x_elf(p, len) ? !load_elf_kernel(cfg->kernel, p, len, &k, errp)
                             : !load_raw_kernel(p, len, &k, errp)) {
        return false;
    }
    ipl->entry = k.entry;
    if (cfg->initrd && !load_initrd(cfg, &k, errp)) {
        return false;
    }
    return !k.linux_layout || write_cmdline(cfg, errp);
}

bool machine_load_images(const MachineConfig *cfg, IplInfo *ipl, GError **errp)
{
    memset(ipl, 0, sizeof(*ipl));
    if (cfg->kernel) {
        g_autoptr(GBytes) data = NULL;
        if (!load_file(cfg->kernel, guest_ram_size(), &data, errp)) {
            error_prepend(errp, "kernel: ");
            return false;
        }
        if (!load_se_image(cfg, data, ipl, errp) ||
            (!ipl->se_image && !load_kernel(cfg, data, ipl, errp))) {
            return false;
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
