/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * arch_dump_pv.c - the dump engine's hooks for a protected (Secure
 * Execution) guest (seam 3; docs/pv-dump.md; Dn: docs/decisions.md).
 *
 * begin:    D1 checks, KVM_PV_DUMP_INIT (D2: refused -> the command fails)
 *           and the two sections pv_mem_meta and pv_compl;
 * notes:    per CPU the ten ordinary notes (the hypervisor's view) and
 *           NT_S390_PV_CPU_DATA from KVM_PV_DUMP_CPU;
 * memory:   written by the engine through seam 2, which exports secure
 *           pages: the PT_LOAD holds their ciphertext;
 * sections: CONFIG_STOR_STATE for the single RAM block, then
 *           DUMP_COMPLETE, which lets the vCPUs run again;
 * abort:    whatever failed after DUMP_INIT, DUMP_COMPLETE into a scratch
 *           buffer so the guest can run and the next dump can start (D6, D9);
 *           if that fails too, the protected-dump session keeps the UV
 *           dump as pending (hw/s390x/pv-dump.c) and completes it before
 *           the vCPUs run again, a reset or the next DUMP_INIT, and the
 *           dump's error says so.
 *
 * Everything is produced in file order, so the dump streams into a pipe.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "sysemu/cpus.h"
#include "hw/s390x/pv-dump.h"
#include "target/s390x/arch_dump_pv.h"
#include "target/s390x/cpu.h"
#include "target/s390x/kvm/pv.h"
#include "util/pv-dump-format.h"
#include "util/s390x-notes.h"

#define PV_NOTE_NAME "LINUX"

enum { SECTION_MEM_META, SECTION_COMPL, SECTION_NR };

/*
 * What one protected dump needs between its hooks (the engine's side; the
 * UV dump itself is the session's, hw/s390x/pv-dump.c).
 */
typedef struct PvArchDump {
    S390PVInfo info;
    bool initialised;          /* DUMP_INIT done, DUMP_COMPLETE not yet */
    DumpMemBlock block;        /* the one RAM block, from GPA 0 (D4) */
    DumpArchSection sections[SECTION_NR];
} PvArchDump;

bool s390x_pv_dump_check_request(bool elf, bool filtered, GError **errp)
{
    if (!elf) {
        error_setg(errp, "dump of a protected guest requires format 'elf'");
        return false;
    }
    if (filtered) {
        error_setg(errp, "dump of a protected guest cannot be filtered");
        return false;
    }
    return true;
}

/* The layout the UV calls need: one block at 0, whole MiBs (D4). */
static bool check_memory(const DumpArchParams *params, GError **errp)
{
    const DumpMemBlock *b = params->blocks;

    if (params->nr_blocks != 1 || b->start != 0 || !b->size ||
        !QEMU_IS_ALIGNED(b->size, MiB)) {
        error_setg(errp, "dump of a protected guest needs its memory as one "
                   "block from address 0 in whole MiB");
        return false;
    }
    return true;
}

static bool pv_begin(DumpArch *arch, const DumpArchParams *params,
                     GError **errp)
{
    g_autofree PvArchDump *pv = g_new0(PvArchDump, 1);

    if (!s390x_pv_dump_check_request(params->elf, params->filtered, errp) ||
        !check_memory(params, errp) || !s390_pv_dump_begin(errp)) {
        return false;
    }
    pv->info = *s390_pv_info();
    pv->initialised = true;
    pv->block = params->blocks[0];
    pv->sections[SECTION_MEM_META] = (DumpArchSection) {
        .name = PV_SECTION_MEM_META,
        .size = pv->block.size / MiB * pv->info.dump_mem_buffer_per_1m,
        .name_size = 12,       /* QEMU's fixed, NUL-padded name slots */
        .granule = pv->info.dump_mem_buffer_per_1m,   /* per MiB of guest */
    };
    pv->sections[SECTION_COMPL] = (DumpArchSection) {
        .name = PV_SECTION_COMPL,
        .size = pv->info.dump_finalize_len,
        .name_size = 12,
    };
    arch->sections = pv->sections;
    arch->nr_sections = SECTION_NR;
    arch->opaque = g_steal_pointer(&pv);
    return true;
}

static size_t pv_notes_size(DumpArch *arch)
{
    const PvArchDump *pv = arch->opaque;

    return s390x_cpu_notes_size() +
           elf_note_size(sizeof(PV_NOTE_NAME), pv->info.dump_cpu_buffer_len);
}

/* The ordinary notes carry the hypervisor's (unencrypted) view of @cs. */
static bool pv_notes_write(DumpArch *arch, CPUState *cs, uint8_t *out,
                           GError **errp)
{
    const PvArchDump *pv = arch->opaque;
    uint64_t len = pv->info.dump_cpu_buffer_len;
    g_autofree uint8_t *data = g_malloc0(len);

    cpu_synchronize_state(cs);
    s390x_cpu_notes_write(&S390_CPU(cs)->env, cs->cpu_index + 1, out);
    if (!s390_pv_dump_cpu(cs, data, len, errp)) {
        return false;
    }
    elf_note_write(out + s390x_cpu_notes_size(), PV_NOTE_NAME,
                   NT_S390_PV_CPU_DATA, data, len);
    return true;
}

/*
 * pv_mem_meta bytes [@offset, @offset + @len): the storage state of the
 * guest's MiB @offset / per_1m onwards, as QEMU places it at
 * (gaddr / 1 MiB) * per_1m.  One CONFIG_STOR_STATE per piece: the dump
 * engine's buffer, not the guest's size, bounds the memory it takes.
 */
static bool mem_meta(PvArchDump *pv, uint64_t offset, uint8_t *buf,
                     uint64_t len, GError **errp)
{
    uint64_t per_1m = pv->info.dump_mem_buffer_per_1m;

    g_assert(offset % per_1m == 0 && len % per_1m == 0);
    return s390_pv_dump_stor_state(pv->block.start + offset / per_1m * MiB,
                                   buf, len, errp);
}

static bool pv_section_data(DumpArch *arch, size_t index, uint64_t offset,
                            uint8_t *buf, uint64_t len, GError **errp)
{
    PvArchDump *pv = arch->opaque;
    S390PVDumpEnd end;

    switch (index) {
    case SECTION_MEM_META:
        return mem_meta(pv, offset, buf, len, errp);
    case SECTION_COMPL:
        end = s390_pv_dump_end(buf, len, errp);
        /* Still open: pv_end() abandons it to the session. */
        pv->initialised = end == S390_PV_DUMP_OPEN;
        return end == S390_PV_DUMP_COMPLETED;
    default:
        g_assert_not_reached();
    }
}

/*
 * Ends the UV dump if it is still open, discarding the completion data,
 * so that the guest can run again and a new dump can start.  Fails if the
 * UV dump stays open (then pending in the session).
 */
static bool pv_end(DumpArch *arch, GError **errp)
{
    g_autofree PvArchDump *pv = arch->opaque;

    arch->opaque = NULL;
    arch->sections = NULL;
    arch->nr_sections = 0;
    if (pv && pv->initialised) {
        s390_pv_dump_abandon();
    }
    return s390_pv_dump_settle(errp);
}

const DumpArchOps s390x_pv_dump_ops = {
    .begin = pv_begin,
    .cpu_notes_size = pv_notes_size,
    .cpu_notes_write = pv_notes_write,
    .section_data = pv_section_data,
    .finish = pv_end,
    .abort = pv_end,
};
