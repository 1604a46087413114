/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dump-reader.c - parse a protected s390x ELF dump (see dump-reader.h).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "util/be-access.h"
#include "util/s390x-notes.h"
#include "dump-reader.h"

/* ELF64 constants and field offsets; the header is read byte by byte. */
#define EHDR_SIZE        64
#define PHDR_SIZE        56
#define SHDR_SIZE        64
#define NHDR_SIZE        12
#define ELFCLASS64       2
#define ELFDATA2MSB      2
#define ET_CORE          4
#define EM_S390          22
#define PT_LOAD          1
#define PT_NOTE          4

#define STATE_BLOCK      4096   /* components read at a time */

/* The header fields the reader uses, in host order. */
typedef struct ElfHeader {
    uint64_t phoff;
    uint64_t shoff;
    uint16_t phnum;
    uint16_t shnum;
    uint16_t shstrndx;
} ElfHeader;

static bool read_ehdr(DumpInput *in, ElfHeader *eh, GError **errp)
{
    const char *name = dump_input_name(in);
    uint8_t b[EHDR_SIZE];

    if (dump_input_size(in) < EHDR_SIZE) {
        error_setg(errp, "%s is not an ELF file: %" PRIu64 " bytes is too "
                   "short for an ELF header", name, dump_input_size(in));
        return false;
    }
    if (!dump_input_read_at(in, 0, b, sizeof(b), "ELF header", errp)) {
        return false;
    }
    if (memcmp(b, "\177ELF", 4)) {
        error_setg(errp, "%s is not an ELF file (no ELF magic at offset 0)", name);
        return false;
    }
    if (b[4] != ELFCLASS64 || b[5] != ELFDATA2MSB || be16_load(b + 18) != EM_S390) {
        error_setg(errp, "%s is not an s390x (64 bit) dump: EI_CLASS %u, "
                   "EI_DATA %u, e_machine %u (expected 2, 2, 22)",
                   name, b[4], b[5], b[5] == ELFDATA2MSB ? be16_load(b + 18)
                                                         : b[18] | b[19] << 8);
        return false;
    }
    if (be16_load(b + 16) != ET_CORE || be32_load(b + 20) != 1) {
        error_setg(errp, "%s is not an ELF core dump: e_type %u, e_version %"
                   PRIu32 " (expected 4, 1)", name, be16_load(b + 16),
                   be32_load(b + 20));
        return false;
    }
    eh->phoff = be64_load(b + 32);
    eh->shoff = be64_load(b + 40);
    eh->phnum = be16_load(b + 56);
    eh->shnum = be16_load(b + 60);
    eh->shstrndx = be16_load(b + 62);
    return true;
}

/* Checks a PT_LOAD and appends it to @loads. */
static bool add_load(GArray *loads, unsigned idx, const uint8_t *ph,
                     uint64_t file_size, GError **errp)
{
    PvDumpLoad l = {
        .phdr_index = idx,
        .offset = be64_load(ph + 8),
        .paddr = be64_load(ph + 24),
        .filesz = be64_load(ph + 32),
        .memsz = be64_load(ph + 40),
    };

    if (l.memsz == 0 || l.filesz > l.memsz) {
        error_setg(errp, "PT_LOAD (program header %u): p_filesz 0x%" PRIx64
                   " / p_memsz 0x%" PRIx64 " out of range", idx, l.filesz, l.memsz);
        return false;
    }
    if (l.offset > UINT64_MAX - l.filesz || l.offset + l.filesz > file_size) {
        error_setg(errp, "PT_LOAD (program header %u): data at 0x%" PRIx64
                   "+0x%" PRIx64 " lies outside the file (size 0x%" PRIx64 ")",
                   idx, l.offset, l.filesz, file_size);
        return false;
    }
    if (l.paddr > UINT64_MAX - l.memsz ||
        !QEMU_IS_ALIGNED(l.paddr | l.filesz, PV_PAGE_SIZE)) {
        error_setg(errp, "PT_LOAD (program header %u): p_paddr 0x%" PRIx64
                   " / p_filesz 0x%" PRIx64 " are not page aligned or wrap",
                   idx, l.paddr, l.filesz);
        return false;
    }
    g_array_append_val(loads, l);
    return true;
}

static gint load_cmp_offset(gconstpointer a, gconstpointer b)
{
    const PvDumpLoad *x = a, *y = b;
    return x->offset < y->offset ? -1 : x->offset > y->offset;
}

static gint load_cmp_paddr(gconstpointer a, gconstpointer b)
{
    const PvDumpLoad *x = a, *y = b;
    return x->paddr < y->paddr ? -1 : x->paddr > y->paddr;
}

/*
 * Sorts the loads by guest address to reject overlaps and assign their
 * storage-state indexes, then by file offset (the order memory is read).
 */
static bool arrange_loads(PvDump *dump, GError **errp)
{
    PvDumpLoad *l = dump->loads;
    uint64_t base;

    qsort(l, dump->nloads, sizeof(*l), load_cmp_paddr);
    base = l[0].paddr;
    for (unsigned i = 0; i < dump->nloads; i++) {
        if (i && l[i].paddr < l[i - 1].paddr + l[i - 1].memsz) {
            error_setg(errp, "PT_LOAD (program header %u) overlaps PT_LOAD "
                       "(program header %u) in guest memory at 0x%" PRIx64,
                       l[i].phdr_index, l[i - 1].phdr_index, l[i].paddr);
            return false;
        }
        l[i].first_page = (l[i].paddr - base) / PV_PAGE_SIZE;
        dump->pages = MAX(dump->pages, l[i].first_page + l[i].filesz / PV_PAGE_SIZE);
        dump->mem_size += l[i].filesz;
    }
    qsort(l, dump->nloads, sizeof(*l), load_cmp_offset);
    for (unsigned i = 1; i < dump->nloads; i++) {
        if (l[i].offset < l[i - 1].offset + l[i - 1].filesz) {
            error_setg(errp, "PT_LOAD (program header %u) overlaps PT_LOAD "
                       "(program header %u) in the file at 0x%" PRIx64,
                       l[i].phdr_index, l[i - 1].phdr_index, l[i].offset);
            return false;
        }
    }
    return true;
}

/* Records one NT_S390_PV_CPU_DATA note whose descriptor starts at @desc. */
static bool add_cpu_note(GArray *cpus, unsigned idx, uint64_t off,
                         const uint8_t *desc, uint32_t descsz, GError **errp)
{
    PvDumpCpuNote n = { .note_index = idx, .offset = off, .size = descsz };

    if (descsz < PV_CPU_DUMP_V1_SIZE || descsz > PV_DUMP_BUF_MAX) {
        error_setg(errp, "note %u (NT_S390_PV_CPU_DATA at offset 0x%" PRIx64
                   "): descriptor size %" PRIu32 " out of range (%d..%d)",
                   idx, off, descsz, PV_CPU_DUMP_V1_SIZE, PV_DUMP_BUF_MAX);
        return false;
    }
    n.raw = g_memdup2(desc, descsz);
    g_array_append_val(cpus, n);
    return true;
}

static bool known_note_type(uint32_t type)
{
    switch (type) {
    case NT_PRSTATUS: case NT_FPREGSET: case NT_PRPSINFO:
    case NT_S390_TIMER: case NT_S390_TODCMP: case NT_S390_TODPREG:
    case NT_S390_CTRS: case NT_S390_PREFIX: case NT_S390_VXRS_LOW:
    case NT_S390_VXRS_HIGH: case NT_S390_GS_CB:
        return true;
    default:
        return false;
    }
}

/* Walks the notes of one PT_NOTE segment (@len bytes at file offset @base). */
static bool parse_notes(PvDump *dump, GArray *cpus, const uint8_t *buf,
                        uint64_t len, uint64_t base, GError **errp)
{
    uint64_t pos = 0;

    while (pos < len) {
        unsigned idx = dump->nnotes++;
        uint64_t namesz, descsz, desc;
        uint32_t type;

        if (len - pos < NHDR_SIZE) {
            error_setg(errp, "note %u at offset 0x%" PRIx64 ": header extends "
                       "past the end of its PT_NOTE segment", idx, base + pos);
            return false;
        }
        namesz = be32_load(buf + pos);
        descsz = be32_load(buf + pos + 4);
        type = be32_load(buf + pos + 8);
        desc = pos + NHDR_SIZE + QEMU_ALIGN_UP(namesz, 4);
        if (desc > len || QEMU_ALIGN_UP(descsz, 4) > len - desc) {
            error_setg(errp, "note %u at offset 0x%" PRIx64 " (type 0x%" PRIx32
                       ", namesz %" PRIu64 ", descsz %" PRIu64 ") extends past "
                       "the end of its PT_NOTE segment", idx, base + pos, type,
                       namesz, descsz);
            return false;
        }
        if (type == NT_S390_PV_CPU_DATA) {
            if (!add_cpu_note(cpus, idx, base + desc, buf + desc, descsz, errp)) {
                return false;
            }
        } else if (!known_note_type(type) && !dump->unknown_notes++) {
            dump->first_unknown_type = type;
        }
        pos = desc + QEMU_ALIGN_UP(descsz, 4);
    }
    return true;
}

static bool read_note_segment(PvDump *dump, GArray *cpus, unsigned idx,
                              const uint8_t *ph, GError **errp)
{
    uint64_t off = be64_load(ph + 8), size = be64_load(ph + 32);
    g_autofree char *what = g_strdup_printf("PT_NOTE (program header %u)", idx);
    g_autofree uint8_t *buf = NULL;

    if (size > PV_DUMP_MAX_NOTES_SIZE) {
        error_setg(errp, "%s: size 0x%" PRIx64 " exceeds the limit of %" PRIu64
                   " MiB", what, size, (uint64_t)(PV_DUMP_MAX_NOTES_SIZE / MiB));
        return false;
    }
    buf = g_malloc(size ? size : 1);
    return dump_input_read_at(dump->in, off, buf, size, what, errp) &&
           parse_notes(dump, cpus, buf, size, off, errp);
}

/* Reads the program headers: loads first (for the barrier), then notes. */
static bool read_phdrs(PvDump *dump, const ElfHeader *eh, GError **errp)
{
    g_autoptr(GArray) loads = g_array_new(FALSE, FALSE, sizeof(PvDumpLoad));
    g_autoptr(GArray) cpus = g_array_new(FALSE, FALSE, sizeof(PvDumpCpuNote));
    g_autofree uint8_t *ph = g_malloc((size_t)eh->phnum * PHDR_SIZE + 1);
    uint64_t file_size = dump_input_size(dump->in);
    bool ok = true;

    if (!dump_input_read_at(dump->in, eh->phoff, ph, (size_t)eh->phnum * PHDR_SIZE,
                            "program header table", errp)) {
        return false;
    }
    for (unsigned i = 0; i < eh->phnum && ok; i++) {
        if (be32_load(ph + i * PHDR_SIZE) == PT_LOAD) {
            ok = add_load(loads, i, ph + i * PHDR_SIZE, file_size, errp);
        }
    }
    if (ok && !loads->len) {
        error_setg(errp, "%s has no PT_LOAD segment (no guest memory)",
                   dump_input_name(dump->in));
        ok = false;
    }
    if (ok) {
        dump->nloads = loads->len;
        dump->loads = (PvDumpLoad *)g_array_free(g_steal_pointer(&loads), FALSE);
        ok = arrange_loads(dump, errp);
    }
    if (ok) {
        dump_input_set_barrier(dump->in, dump->loads[0].offset);
    }
    for (unsigned i = 0; i < eh->phnum && ok; i++) {
        if (be32_load(ph + i * PHDR_SIZE) == PT_NOTE) {
            ok = read_note_segment(dump, cpus, i, ph + i * PHDR_SIZE, errp);
        }
    }
    dump->ncpus = cpus->len;
    dump->cpus = (PvDumpCpuNote *)g_array_free(g_steal_pointer(&cpus), FALSE);
    if (ok && !dump->ncpus) {
        error_setg(errp, "%s has no NT_S390_PV_CPU_DATA note (no CPU)",
                   dump_input_name(dump->in));
        ok = false;
    }
    return ok;
}

PvDump *pv_dump_read_layout(DumpInput *in, GError **errp)
{
    g_autoptr(PvDump) dump = g_new0(PvDump, 1);
    ElfHeader eh;

    dump->in = in;
    if (!read_ehdr(in, &eh, errp)) {
        return NULL;
    }
    if (eh.phnum == 0) {
        error_setg(errp, "%s has no program headers", dump_input_name(in));
        return NULL;
    }
    if (!read_phdrs(dump, &eh, errp)) {
        return NULL;
    }
    dump->shoff = eh.shoff;
    dump->shnum = eh.shnum;
    dump->shstrndx = eh.shstrndx;
    return g_steal_pointer(&dump);
}

/* Section header fields the reader uses. */
typedef struct SectionHeader {
    uint32_t name;
    uint64_t offset;
    uint64_t size;
} SectionHeader;

static void decode_shdr(const uint8_t *b, SectionHeader *sh)
{
    sh->name = be32_load(b);
    sh->offset = be64_load(b + 24);
    sh->size = be64_load(b + 32);
}

static bool read_shstrtab(PvDump *dump, const uint8_t *shdrs, GByteArray *strtab,
                          GError **errp)
{
    SectionHeader sh;

    if (dump->shstrndx == 0 || dump->shstrndx >= dump->shnum) {
        error_setg(errp, "e_shstrndx %u is not a valid section index "
                   "(e_shnum %u)", dump->shstrndx, dump->shnum);
        return false;
    }
    decode_shdr(shdrs + dump->shstrndx * SHDR_SIZE, &sh);
    if (sh.size > PV_DUMP_MAX_SHSTRTAB_SIZE) {
        error_setg(errp, "section %u (.shstrtab): size 0x%" PRIx64 " exceeds "
                   "the limit of %" PRIu64 " KiB", dump->shstrndx, sh.size,
                   (uint64_t)(PV_DUMP_MAX_SHSTRTAB_SIZE / KiB));
        return false;
    }
    g_byte_array_set_size(strtab, sh.size);
    return dump_input_read_at(dump->in, sh.offset, strtab->data, sh.size,
                              "section header string table", errp);
}

/*
 * Finds the first section named @name; -1 if there is none.  A name
 * offset outside the string table is an error (-2), as it would make the
 * lookup ambiguous.
 */
static int find_section(const PvDump *dump, const uint8_t *shdrs,
                        const GByteArray *strtab, const char *name,
                        SectionHeader *out, GError **errp)
{
    size_t len = strlen(name) + 1;

    for (unsigned i = 1; i < dump->shnum; i++) {
        decode_shdr(shdrs + i * SHDR_SIZE, out);
        if (out->name >= strtab->len) {
            error_setg(errp, "section %u: name offset 0x%" PRIx32 " lies "
                       "outside the section header string table (size 0x%x)",
                       i, out->name, strtab->len);
            return -2;
        }
        if (strtab->len - out->name >= len &&
            !memcmp(strtab->data + out->name, name, len)) {
            return i;
        }
    }
    return -1;
}

static bool read_compl(PvDump *dump, unsigned idx, const SectionHeader *sh,
                       GError **errp)
{
    if (sh->size < PV_COMPL_V1_SIZE || sh->size > PV_DUMP_BUF_MAX) {
        error_setg(errp, "section %u (pv_compl): size %" PRIu64 " out of range "
                   "(%d..%d)", idx, sh->size, PV_COMPL_V1_SIZE, PV_DUMP_BUF_MAX);
        return false;
    }
    dump->compl_offset = sh->offset;
    dump->compl_size = sh->size;
    return dump_input_read_at(dump->in, sh->offset, dump->compl_raw, sh->size,
                              "section pv_compl", errp);
}

static bool check_mem_meta(PvDump *dump, unsigned idx, const SectionHeader *sh,
                           GError **errp)
{
    uint64_t file_size = dump_input_size(dump->in);

    if (sh->size == 0 || sh->size % PV_STOR_STATE_SIZE) {
        error_setg(errp, "section %u (pv_mem_meta): size %" PRIu64 " is not a "
                   "non-zero multiple of %d", idx, sh->size, PV_STOR_STATE_SIZE);
        return false;
    }
    if (sh->offset > UINT64_MAX - sh->size || sh->offset + sh->size > file_size) {
        error_setg(errp, "section %u (pv_mem_meta) at 0x%" PRIx64 "+0x%" PRIx64
                   " lies outside the file (size 0x%" PRIx64 ")",
                   idx, sh->offset, sh->size, file_size);
        return false;
    }
    dump->meta_offset = sh->offset;
    dump->meta_size = sh->size;
    if (!dump_input_seekable(dump->in)) {
        uint8_t last;
        /* Spools the whole table now, or finds it follows the memory. */
        return dump_input_read_at(dump->in, sh->offset + sh->size - 1, &last, 1,
                                  "section pv_mem_meta", errp);
    }
    return true;
}

bool pv_dump_read_sections(PvDump *dump, GError **errp)
{
    const char *name = dump_input_name(dump->in);
    g_autoptr(GByteArray) strtab = g_byte_array_new();
    g_autofree uint8_t *shdrs = NULL;
    SectionHeader sh;
    int idx;

    if (dump->shnum == 0) {
        error_setg(errp, "%s is not a protected dump: it has no sections "
                   "(no pv_compl)", name);
        return false;
    }
    shdrs = g_malloc((size_t)dump->shnum * SHDR_SIZE);
    if (!dump_input_read_at(dump->in, dump->shoff, shdrs,
                            (size_t)dump->shnum * SHDR_SIZE,
                            "section header table", errp) ||
        !read_shstrtab(dump, shdrs, strtab, errp)) {
        return false;
    }
    idx = find_section(dump, shdrs, strtab, PV_SECTION_COMPL, &sh, errp);
    if (idx == -1) {
        error_setg(errp, "%s is not a protected dump: it has no pv_compl "
                   "section", name);
    }
    if (idx < 0 || !read_compl(dump, idx, &sh, errp)) {
        return false;
    }
    idx = find_section(dump, shdrs, strtab, PV_SECTION_MEM_META, &sh, errp);
    if (idx == -1) {
        error_setg(errp, "%s has no pv_mem_meta section: the dump cannot be "
                   "processed (it is not complete)", name);
    }
    if (idx < 0 || !check_mem_meta(dump, idx, &sh, errp)) {
        return false;
    }
    dump->have_sections = true;
    return true;
}

bool pv_dump_check_coverage(const PvDump *dump, GError **errp)
{
    uint64_t entries = dump->meta_size / PV_STOR_STATE_SIZE;

    for (unsigned i = 0; i < dump->nloads; i++) {
        const PvDumpLoad *l = &dump->loads[i];
        uint64_t end = l->first_page + l->filesz / PV_PAGE_SIZE;

        if (end > entries) {
            error_setg(errp, "pv_mem_meta is too short: it has %" PRIu64
                       " storage-state entries, PT_LOAD (program header %u, "
                       "GPA 0x%" PRIx64 ") needs entries up to index %" PRIu64
                       " (no state for GPA 0x%" PRIx64 ")", entries,
                       l->phdr_index, l->paddr, end - 1,
                       l->paddr + (entries > l->first_page ?
                                   (entries - l->first_page) * PV_PAGE_SIZE : 0));
            return false;
        }
    }
    return true;
}

bool pv_dump_read_states(PvDump *dump, uint64_t first, uint64_t count,
                         uint8_t *buf, GError **errp)
{
    return dump_input_read_at(dump->in,
                              dump->meta_offset + first * PV_STOR_STATE_SIZE,
                              buf, count * PV_STOR_STATE_SIZE,
                              "storage-state table (pv_mem_meta)", errp);
}

static void set_invalid_state(GError **errp, const PvDumpLoad *l, uint64_t page,
                              const uint8_t *comp)
{
    g_autofree char *hex = g_malloc(2 * PV_STOR_STATE_SIZE + 1);

    for (int i = 0; i < PV_STOR_STATE_SIZE; i++) {
        sprintf(hex + 2 * i, "%02x", comp[i]);
    }
    error_setg(errp, "Invalid page state at page index 0x%" PRIx64 " (GPA 0x%"
               PRIx64 ", PT_LOAD program header %u): component %s", page,
               l->paddr + (page - l->first_page) * PV_PAGE_SIZE, l->phdr_index, hex);
}

bool pv_dump_count_states(PvDump *dump, uint64_t counts[PV_PAGE_STATE__MAX],
                          bool fail_invalid, GError **errp)
{
    g_autofree uint8_t *buf = g_malloc(STATE_BLOCK * PV_STOR_STATE_SIZE);

    memset(counts, 0, sizeof(uint64_t) * PV_PAGE_STATE__MAX);
    for (unsigned i = 0; i < dump->nloads; i++) {
        const PvDumpLoad *l = &dump->loads[i];
        uint64_t end = l->first_page + l->filesz / PV_PAGE_SIZE;

        for (uint64_t p = l->first_page; p < end; p += STATE_BLOCK) {
            uint64_t n = MIN(STATE_BLOCK, end - p);

            if (!pv_dump_read_states(dump, p, n, buf, errp)) {
                return false;
            }
            for (uint64_t k = 0; k < n; k++) {
                const uint8_t *comp = buf + k * PV_STOR_STATE_SIZE;
                PvPageState st = pv_stor_state_classify(comp);
                if (st == PV_PAGE_INVALID && fail_invalid) {
                    set_invalid_state(errp, l, p + k, comp);
                    return false;
                }
                counts[st]++;
            }
        }
    }
    return true;
}

bool pv_dump_authenticate(const PvDump *dump, const uint8_t cck[PV_CCK_SIZE],
                          PvComplData *compl, PvCpuDump *cpus, GError **errp)
{
    uint8_t key[PV_DUMP_KEY_SIZE];
    bool ok = pv_compl_open(dump->compl_raw, dump->compl_size, cck, compl,
                            key, errp);

    if (!ok) {
        error_prepend(errp, "pv_compl (offset 0x%" PRIx64 "): ", dump->compl_offset);
        return false;
    }
    for (unsigned i = 0; i < dump->ncpus && ok; i++) {
        const PvDumpCpuNote *n = &dump->cpus[i];
        ok = pv_cpu_dump_open(n->raw, n->size, key, &cpus[i], errp);
        if (!ok) {
            error_prepend(errp, "CPU %u (note %u, descriptor at offset 0x%"
                          PRIx64 "): ", i + 1, n->note_index, n->offset);
        }
    }
    pv_crypto_wipe(key, sizeof(key));
    return ok;
}

void pv_dump_free(PvDump *dump)
{
    if (!dump) {
        return;
    }
    for (unsigned i = 0; i < dump->ncpus; i++) {
        g_free(dump->cpus[i].raw);
    }
    g_free(dump->cpus);
    g_free(dump->loads);
    g_free(dump);
}
