/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * stsi.c - user space's share of STSI: SYSIB 3.2.2 (after QEMU's
 * insert_stsi_3_2_2).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/boards.h"
#include "util/ebcdic.h"
#include "hw/s390x/stsi.h"
#include "sysemu/kvm.h"
#include "target/s390x/virt-mem.h"
#include "util/be-access.h"

#define EBCDIC_BLANK 0x40

static uint8_t *vm_entry(uint8_t *sysib, unsigned level)
{
    return sysib + SYSIB322_OFF_VM + level * SYSIB322_VM_SIZE;
}

static uint8_t *ext_name(uint8_t *sysib, unsigned level)
{
    return sysib + SYSIB322_OFF_EXT_NAMES + level * SYSIB322_EXT_NAME_SIZE;
}

/*
 * Level 0 gets this VM's extended name: the levels below move down one
 * slot.  The first level that has no extended name ends the stack, as it
 * cannot be trusted to manage the names of the levels under it.
 */
static void shift_ext_names(uint8_t *sysib)
{
    unsigned count = MIN(sysib[SYSIB322_OFF_COUNT], SYSIB322_VM_MAX);
    unsigned del;

    if (count < 2) {
        return;
    }
    memmove(ext_name(sysib, 1), ext_name(sysib, 0),
            SYSIB322_EXT_NAME_SIZE * (count - 1));
    for (del = 1; del < count; del++) {
        if (!vm_entry(sysib, del)[SYSIB322_VM_EXT_ENC] || !ext_name(sysib, del)[0]) {
            break;
        }
    }
    if (del < count) {
        memset(ext_name(sysib, del), 0, SYSIB322_EXT_NAME_SIZE * (count - del));
    }
}

void s390_stsi_patch_3_2_2(uint8_t *sysib, const S390StsiVMInfo *info)
{
    uint8_t *vm = vm_entry(sysib, 0);
    const char *ext = info->name ? info->name : "KVMguest";
    size_t name_len = info->name ? MIN(strlen(info->name), 8) : 0;

    shift_ext_names(sysib);
    be16_store(vm + SYSIB322_VM_TOTAL_CPUS, info->total_cpus);
    be16_store(vm + SYSIB322_VM_CONF_CPUS, info->conf_cpus);
    be16_store(vm + SYSIB322_VM_RESV_CPUS, info->total_cpus - info->conf_cpus);
    memset(vm + SYSIB322_VM_NAME, EBCDIC_BLANK, 8);
    ascii_to_ebcdic(vm + SYSIB322_VM_NAME, (const uint8_t *)info->name, name_len);
    /* Zero padded; a full-length name needs no terminator. */
    memset(ext_name(sysib, 0), 0, SYSIB322_EXT_NAME_SIZE);
    memcpy(ext_name(sysib, 0), ext, MIN(strlen(ext), SYSIB322_EXT_NAME_SIZE));
    vm[SYSIB322_VM_EXT_ENC] = SYSIB322_EXT_ENC_UTF8;
    memset(vm + SYSIB322_VM_UUID, 0, 16);
    if (info->uuid) {
        memcpy(vm + SYSIB322_VM_UUID, info->uuid, 16);
    }
}

/* "-uuid" text (already checked by the command line) to its 16 bytes. */
static bool parse_uuid(const char *text, uint8_t *uuid)
{
    unsigned n = 0;

    for (const char *p = text; *p && n < 32; p++) {
        if (*p == '-') {
            continue;
        }
        if (!g_ascii_isxdigit(*p)) {
            return false;
        }
        uuid[n / 2] = (uuid[n / 2] << 4) | g_ascii_xdigit_value(*p);
        n++;
    }
    return n == 32;
}

/*
 * Reads or writes the SYSIB of the STSI exit (QEMU's insert_stsi_3_2_2):
 * false when the block stays as the kernel stored it.  An access
 * exception has been injected by the accelerator and is the guest's to
 * handle; only a failed access is worth a warning.
 */
static bool stsi_sysib_rw(CPUState *cs, const struct kvm_run *run,
                          uint8_t *sysib, bool is_write)
{
    GError *err = NULL;
    int r = s390_cpu_virt_mem_rw(S390_CPU(cs), run->s390_stsi.addr,
                                 run->s390_stsi.ar, sysib, SYSIB_SIZE,
                                 is_write, &err);

    if (r < 0) {
        warn_report("vCPU %d: STSI 3.2.2 left unpatched: %s", cs->cpu_index,
                    err->message);
        g_error_free(err);
    }
    return r == 0;
}

void s390_handle_stsi(CPUState *cs, const struct kvm_run *run)
{
    const MachineConfig *cfg = current_machine ? current_machine->cfg : NULL;
    uint8_t sysib[SYSIB_SIZE];
    uint8_t uuid[16] = { 0 };
    S390StsiVMInfo info = { .conf_cpus = cpu_count };

    if (run->s390_stsi.fc != 3 || run->s390_stsi.sel1 != 2 || run->s390_stsi.sel2 != 2) {
        return;
    }
    if (cfg) {
        info.total_cpus = MAX(cfg->max_cpus, cpu_count);
        info.name = cfg->name;
        info.uuid = cfg->uuid && parse_uuid(cfg->uuid, uuid) ? uuid : NULL;
    } else {
        info.total_cpus = cpu_count;
    }
    if (!stsi_sysib_rw(cs, run, sysib, false)) {
        return;
    }
    s390_stsi_patch_3_2_2(sysib, &info);
    stsi_sysib_rw(cs, run, sysib, true);
}
