/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * arch_dump.c - s390x hooks of the dump engine (seam 3).
 *
 * An ordinary guest needs only the ten per-CPU notes QEMU writes (the
 * encoder is shared with pvdump-decrypt in util/s390x-notes.c).  A
 * protected guest gets its own DumpArchOps (arch_dump_pv.c), adding the
 * NT_S390_PV_CPU_DATA note, the pv_mem_meta/pv_compl sections and the
 * Ultravisor dump calls in begin/finish/abort.
 */
#include "qemu/osdep.h"
#include "sysemu/dump-arch.h"
#include "sysemu/cpus.h"
#include "exec/memory.h"
#include "hw/s390x/pv-boot.h"
#include "target/s390x/arch_dump_pv.h"
#include "target/s390x/cpu.h"
#include "util/s390x-notes.h"
#include <elf.h>

static size_t s390x_notes_size(DumpArch *arch)
{
    return s390x_cpu_notes_size();
}

static bool s390x_notes_write(DumpArch *arch, CPUState *cs, uint8_t *out,
                              GError **errp)
{
    /* The registers in env are exact once the accelerator synced them. */
    cpu_synchronize_state(cs);
    /* QEMU numbers the CPUs from 1 in NT_PRSTATUS's pid. */
    s390x_cpu_notes_write(&S390_CPU(cs)->env, cs->cpu_index + 1, out);
    return true;
}

static const DumpArchOps s390x_dump_ops = {
    .cpu_notes_size = s390x_notes_size,
    .cpu_notes_write = s390x_notes_write,
};

bool dump_arch_check_request(bool elf, bool filtered, GError **errp)
{
    if (s390_is_pv()) {
        return s390x_pv_dump_check_request(elf, filtered, errp);
    }
    /* Every format and filter works for an ordinary guest. */
    return true;
}

bool dump_arch_init(DumpArch *arch, GError **errp)
{
    *arch = (DumpArch) {
        .elf_machine = EM_S390,
        .elf_class = ELFCLASS64,
        .elf_data = ELFDATA2MSB,
        .page_size = TARGET_PAGE_SIZE,
        .phys_base = 0,
        /* QEMU's ELF_MACHINE_UNAME; crash and libkdumpfile key on it. */
        .uts_machine = "s390x",
        .ops = s390_is_pv() ? &s390x_pv_dump_ops : &s390x_dump_ops,
    };
    return true;
}
