/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dump-reader.h - parse a protected s390x ELF dump (hostile input).
 *
 * Every header field is read big-endian and every offset, size and count is
 * checked against the file before use; errors name the object (program
 * header, note, section, page) and where it is.  The reader accepts what
 * zgetdump accepts (docs/pv-dump-format.md) and more: several PT_LOAD
 * segments, unaligned sections, dumps read from a pipe.
 *
 * Storage-state index of a page: (GPA - base) / 4096, with base the lowest
 * PT_LOAD p_paddr.  For a single PT_LOAD that is zgetdump's rule;
 * for QEMU's and pvdump's layout (memory from GPA 0) it is the GPA rule
 * QEMU fills the table by.
 */
#ifndef TOOLS_DUMP_READER_H
#define TOOLS_DUMP_READER_H

#include "qemu/osdep.h"
#include "util/pv-dump-format.h"
#include "dump-input.h"

/* Largest PT_NOTE segment and .shstrtab the reader loads. */
#define PV_DUMP_MAX_NOTES_SIZE    (64 * MiB)
#define PV_DUMP_MAX_SHSTRTAB_SIZE (1 * MiB)

typedef struct PvDumpLoad {
    unsigned phdr_index;      /* for messages */
    uint64_t offset;          /* p_offset */
    uint64_t paddr;
    uint64_t filesz;
    uint64_t memsz;
    uint64_t first_page;      /* storage-state index of the first page */
} PvDumpLoad;

typedef struct PvDumpCpuNote {
    unsigned note_index;      /* 0-based over all notes, for messages */
    uint64_t offset;          /* file offset of the descriptor */
    uint32_t size;
    uint8_t *raw;             /* the descriptor */
} PvDumpCpuNote;

typedef struct PvDump {
    DumpInput *in;            /* borrowed */
    PvDumpLoad *loads;        /* sorted by file offset */
    unsigned nloads;
    uint64_t mem_size;        /* sum of p_filesz */
    uint64_t pages;           /* storage-state entries the loads need */
    PvDumpCpuNote *cpus;      /* one per NT_S390_PV_CPU_DATA, file order */
    unsigned ncpus;
    unsigned nnotes;
    unsigned unknown_notes;   /* note types the reader does not know */
    uint32_t first_unknown_type;
    uint64_t shoff;           /* section header table, from the ELF header */
    uint16_t shnum;
    uint16_t shstrndx;
    bool have_sections;       /* pv_dump_read_sections() succeeded */
    uint64_t compl_offset;
    uint32_t compl_size;
    uint8_t compl_raw[PV_DUMP_BUF_MAX];
    uint64_t meta_offset;     /* pv_mem_meta */
    uint64_t meta_size;
} PvDump;

/*
 * Reads and checks the ELF header, the program headers and the notes of
 * @in.  On a stream it also sets the spool barrier to the first byte of
 * guest memory.
 */
PvDump *pv_dump_read_layout(DumpInput *in, GError **errp);

/*
 * Reads the section headers and finds pv_compl and pv_mem_meta.  On a
 * stream whose sections follow the memory, fails with
 * DUMP_INPUT_ERROR_NOT_YET; call again once the input was read to its end.
 */
bool pv_dump_read_sections(PvDump *dump, GError **errp);

/* Checks that pv_mem_meta has an entry for every page of every PT_LOAD. */
bool pv_dump_check_coverage(const PvDump *dump, GError **errp);

/* Reads @count storage-state components from index @first into @buf. */
bool pv_dump_read_states(PvDump *dump, uint64_t first, uint64_t count,
                         uint8_t *buf, GError **errp);

/*
 * Classifies every page of every PT_LOAD into @counts (indexed by
 * PvPageState).  With @fail_invalid, the first invalid state is an error
 * naming the page index and guest address.
 */
bool pv_dump_count_states(PvDump *dump, uint64_t counts[PV_PAGE_STATE__MAX],
                          bool fail_invalid, GError **errp);

/*
 * Authenticates the completion data with @cck and every CPU note with the
 * derived dump key.  Fills @compl and @cpus (dump->ncpus entries); the
 * caller wipes both when done.
 */
bool pv_dump_authenticate(const PvDump *dump, const uint8_t cck[PV_CCK_SIZE],
                          PvComplData *compl, PvCpuDump *cpus, GError **errp);

/* Frees @dump (not its input); NULL is ignored. */
void pv_dump_free(PvDump *dump);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PvDump, pv_dump_free)

#endif /* TOOLS_DUMP_READER_H */
