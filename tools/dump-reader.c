/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dump-reader.c - parse a protected s390x ELF dump (see dump-reader.h).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "util/elf64-be.h"
#include "util/s390x-notes.h"
#include "dump-reader.h"

#define STATE_BLOCK      4096   /* components read at a time */

static bool read_ehdr(DumpInput *in, Elf64_Ehdr *eh, GError **errp)
{
    const char *name = dump_input_name(in);
    uint8_t b[ELF64_EHDR_SIZE];

    if (dump_input_size(in) < ELF64_EHDR_SIZE) {
        error_setg(errp, "%s is not an ELF file: %" PRIu64 " bytes is too "
                   "short for an ELF header", name, dump_input_size(in));
        return false;
    }
    if (!dump_input_read_at(in, 0, b, sizeof(b), "ELF header", errp)) {
        return false;
    }
    elf64_be_get_ehdr(b, eh);
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG)) {
        error_setg(errp, "%s is not an ELF file (no ELF magic at offset 0)", name);
        return false;
    }
    if (eh->e_ident[EI_CLASS] != ELFCLASS64 ||
        eh->e_ident[EI_DATA] != ELFDATA2MSB || eh->e_machine != EM_S390) {
        /* e_machine as the file's own byte order would have it */
        error_setg(errp, "%s is not an s390x (64 bit) dump: EI_CLASS %u, "
                   "EI_DATA %u, e_machine %u (expected 2, 2, 22)",
                   name, eh->e_ident[EI_CLASS], eh->e_ident[EI_DATA],
                   eh->e_ident[EI_DATA] == ELFDATA2MSB ? eh->e_machine
                   : GUINT16_SWAP_LE_BE(eh->e_machine));
        return false;
    }
    if (eh->e_type != ET_CORE || eh->e_version != EV_CURRENT) {
        error_setg(errp, "%s is not an ELF core dump: e_type %u, e_version %"
                   PRIu32 " (expected 4, 1)", name, eh->e_type, eh->e_version);
        return false;
    }
    return true;
}

/* Checks a PT_LOAD and appends it to @loads. */
static bool add_load(GArray *loads, unsigned idx, const Elf64_Phdr *ph,
                     uint64_t file_size, GError **errp)
{
    PvDumpLoad l = {
        .phdr_index = idx,
        .offset = ph->p_offset,
        .paddr = ph->p_paddr,
        .filesz = ph->p_filesz,
        .memsz = ph->p_memsz,
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
        Elf64_Nhdr nh;

        if (len - pos < ELF64_NHDR_SIZE) {
            error_setg(errp, "note %u at offset 0x%" PRIx64 ": header extends "
                       "past the end of its PT_NOTE segment", idx, base + pos);
            return false;
        }
        elf64_be_get_nhdr(buf + pos, &nh);
        namesz = nh.n_namesz;
        descsz = nh.n_descsz;
        type = nh.n_type;
        desc = pos + ELF64_NHDR_SIZE + QEMU_ALIGN_UP(namesz, 4);
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
                              const Elf64_Phdr *ph, GError **errp)
{
    uint64_t off = ph->p_offset, size = ph->p_filesz;
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
static bool read_phdrs(PvDump *dump, const Elf64_Ehdr *eh, GError **errp)
{
    g_autoptr(GArray) loads = g_array_new(FALSE, FALSE, sizeof(PvDumpLoad));
    g_autoptr(GArray) cpus = g_array_new(FALSE, FALSE, sizeof(PvDumpCpuNote));
    size_t table_size = (size_t)eh->e_phnum * ELF64_PHDR_SIZE;
    g_autofree uint8_t *raw = g_malloc(table_size + 1);
    g_autofree Elf64_Phdr *ph = g_new(Elf64_Phdr, eh->e_phnum);
    uint64_t file_size = dump_input_size(dump->in);
    bool ok = true;

    if (!dump_input_read_at(dump->in, eh->e_phoff, raw, table_size,
                            "program header table", errp)) {
        return false;
    }
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        elf64_be_get_phdr(raw + i * ELF64_PHDR_SIZE, &ph[i]);
    }
    for (unsigned i = 0; i < eh->e_phnum && ok; i++) {
        if (ph[i].p_type == PT_LOAD) {
            ok = add_load(loads, i, &ph[i], file_size, errp);
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
    for (unsigned i = 0; i < eh->e_phnum && ok; i++) {
        if (ph[i].p_type == PT_NOTE) {
            ok = read_note_segment(dump, cpus, i, &ph[i], errp);
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
    Elf64_Ehdr eh;

    dump->in = in;
    if (!read_ehdr(in, &eh, errp)) {
        return NULL;
    }
    if (eh.e_phnum == 0) {
        error_setg(errp, "%s has no program headers", dump_input_name(in));
        return NULL;
    }
    if (!read_phdrs(dump, &eh, errp)) {
        return NULL;
    }
    dump->shoff = eh.e_shoff;
    dump->shnum = eh.e_shnum;
    dump->shstrndx = eh.e_shstrndx;
    return g_steal_pointer(&dump);
}

static bool read_shstrtab(PvDump *dump, const uint8_t *shdrs, GByteArray *strtab,
                          GError **errp)
{
    Elf64_Shdr sh;

    if (dump->shstrndx == 0 || dump->shstrndx >= dump->shnum) {
        error_setg(errp, "e_shstrndx %u is not a valid section index "
                   "(e_shnum %u)", dump->shstrndx, dump->shnum);
        return false;
    }
    elf64_be_get_shdr(shdrs + dump->shstrndx * ELF64_SHDR_SIZE, &sh);
    if (sh.sh_size > PV_DUMP_MAX_SHSTRTAB_SIZE) {
        error_setg(errp, "section %u (.shstrtab): size 0x%" PRIx64 " exceeds "
                   "the limit of %" PRIu64 " KiB", dump->shstrndx, sh.sh_size,
                   (uint64_t)(PV_DUMP_MAX_SHSTRTAB_SIZE / KiB));
        return false;
    }
    g_byte_array_set_size(strtab, sh.sh_size);
    return dump_input_read_at(dump->in, sh.sh_offset, strtab->data, sh.sh_size,
                              "section header string table", errp);
}

/*
 * Finds the first section named @name; -1 if there is none.  A name
 * offset outside the string table is an error (-2), as it would make the
 * lookup ambiguous.
 */
static int find_section(const PvDump *dump, const uint8_t *shdrs,
                        const GByteArray *strtab, const char *name,
                        Elf64_Shdr *out, GError **errp)
{
    size_t len = strlen(name) + 1;

    for (unsigned i = 1; i < dump->shnum; i++) {
        elf64_be_get_shdr(shdrs + i * ELF64_SHDR_SIZE, out);
        if (out->sh_name >= strtab->len) {
            error_setg(errp, "section %u: name offset 0x%" PRIx32 " lies "
                       "outside the section header string table (size 0x%x)",
                       i, out->sh_name, strtab->len);
            return -2;
        }
        if (strtab->len - out->sh_name >= len &&
            !memcmp(strtab->data + out->sh_name, name, len)) {
            return i;
        }
    }
    return -1;
}

static bool read_compl(PvDump *dump, unsigned idx, const Elf64_Shdr *sh,
                       GError **errp)
{
    if (sh->sh_size < PV_COMPL_V1_SIZE || sh->sh_size > PV_DUMP_BUF_MAX) {
        error_setg(errp, "section %u (pv_compl): size %" PRIu64 " out of range "
                   "(%d..%d)", idx, sh->sh_size, PV_COMPL_V1_SIZE,
                   PV_DUMP_BUF_MAX);
        return false;
    }
    dump->compl_offset = sh->sh_offset;
    dump->compl_size = sh->sh_size;
    return dump_input_read_at(dump->in, sh->sh_offset, dump->compl_raw,
                              sh->sh_size, "section pv_compl", errp);
}

static bool check_mem_meta(PvDump *dump, unsigned idx, const Elf64_Shdr *sh,
                           GError **errp)
{
    uint64_t file_size = dump_input_size(dump->in);

    if (sh->sh_size == 0 || sh->sh_size % PV_STOR_STATE_SIZE) {
        error_setg(errp, "section %u (pv_mem_meta): size %" PRIu64 " is not a "
                   "non-zero multiple of %d", idx, sh->sh_size,
                   PV_STOR_STATE_SIZE);
        return false;
    }
    if (sh->sh_offset > UINT64_MAX - sh->sh_size ||
        sh->sh_offset + sh->sh_size > file_size) {
        error_setg(errp, "section %u (pv_mem_meta) at 0x%" PRIx64 "+0x%" PRIx64
                   " lies outside the file (size 0x%" PRIx64 ")",
                   idx, sh->sh_offset, sh->sh_size, file_size);
        return false;
    }
    dump->meta_offset = sh->sh_offset;
    dump->meta_size = sh->sh_size;
    if (!dump_input_seekable(dump->in)) {
        uint8_t last;
        /* Spools the whole table now, or finds it follows the memory. */
        return dump_input_read_at(dump->in, sh->sh_offset + sh->sh_size - 1,
                                  &last, 1, "section pv_mem_meta", errp);
    }
    return true;
}

bool pv_dump_read_sections(PvDump *dump, GError **errp)
{
    const char *name = dump_input_name(dump->in);
    g_autoptr(GByteArray) strtab = g_byte_array_new();
    g_autofree uint8_t *shdrs = NULL;
    Elf64_Shdr sh;
    int idx;

    if (dump->shnum == 0) {
        error_setg(errp, "%s is not a protected dump: it has no sections "
                   "(no pv_compl)", name);
        return false;
    }
    shdrs = g_malloc((size_t)dump->shnum * ELF64_SHDR_SIZE);
    if (!dump_input_read_at(dump->in, dump->shoff, shdrs,
                            (size_t)dump->shnum * ELF64_SHDR_SIZE,
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
