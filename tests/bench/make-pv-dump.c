/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * make-pv-dump - writes a synthetic protected dump of any size for
 * benchmarks, built from the format (docs/pv-dump-format.md) with the
 * util/ producer functions, in pvdump's own layout (docs/dump.md "ELF
 * layout", D3/D4/D10): ELF header, section headers, PT_NOTE + one PT_LOAD at
 * GPA 0, notes, memory, pv_mem_meta, pv_compl, .shstrtab.
 *
 *   make-pv-dump SIZE-MIB CCK-OUT DUMP-OUT
 *
 * Pages: every 61st zero, every 97th shared, the rest encrypted.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "util/elf64-be.h"
#include "util/pv-dump-format.h"
#include "util/s390x-notes.h"

#define NCPUS      2
#define CHUNK      (1 * MiB)
#define SHSTRTAB   "\0pv_mem_meta\0pv_compl\0.shstrtab"

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void fill_random(uint8_t *p, size_t len)
{
    for (size_t i = 0; i + 8 <= len; i += 8) {
        uint64_t v = next_random();
        memcpy(p + i, &v, 8);
    }
}

static void put_shdr(uint8_t *b, uint32_t name, uint32_t type, uint64_t off,
                     uint64_t size)
{
    Elf64_Shdr sh = {
        .sh_name = name, .sh_type = type, .sh_offset = off, .sh_size = size,
    };

    elf64_be_put_shdr(b, &sh);
}

static void put_phdr(uint8_t *b, uint32_t type, uint64_t off, uint64_t size)
{
    Elf64_Phdr ph = {
        .p_type = type, .p_offset = off, .p_filesz = size, .p_memsz = size,
    };

    elf64_be_put_phdr(b, &ph);
}

/* Headers and notes: everything before the memory. */
static size_t build_head(uint8_t *h, uint64_t mem, const uint8_t *dump_key,
                         uint64_t *mem_off)
{
    size_t pv_note = elf_note_size(6, PV_CPU_DUMP_V1_SIZE);
    size_t shdrs_off = ELF64_EHDR_SIZE;
    size_t phdrs_off = shdrs_off + 4 * ELF64_SHDR_SIZE;
    size_t notes_off = phdrs_off + 2 * ELF64_PHDR_SIZE;
    size_t notes = NCPUS * (s390x_cpu_notes_size() + pv_note);
    uint64_t meta = notes_off + notes + mem, compl = meta + mem / 4096 * 16;
    Elf64_Ehdr eh;

    elf64_be_core_ehdr(&eh, EM_S390);
    eh.e_phoff = phdrs_off;
    eh.e_shoff = shdrs_off;
    eh.e_phnum = 2;
    eh.e_shnum = 4;
    eh.e_shstrndx = 3;
    elf64_be_put_ehdr(h, &eh);
    /* Sections: [0] null, pv_mem_meta, pv_compl, .shstrtab (SHSTRTAB). */
    put_shdr(h + shdrs_off + ELF64_SHDR_SIZE, 1, SHT_PROGBITS, meta,
             mem / 4096 * 16);
    put_shdr(h + shdrs_off + 2 * ELF64_SHDR_SIZE, 13, SHT_PROGBITS, compl,
             PV_COMPL_V1_SIZE);
    put_shdr(h + shdrs_off + 3 * ELF64_SHDR_SIZE, 22, SHT_STRTAB,
             compl + PV_COMPL_V1_SIZE, sizeof(SHSTRTAB));
    put_phdr(h + phdrs_off, PT_NOTE, notes_off, notes);
    put_phdr(h + phdrs_off + ELF64_PHDR_SIZE, PT_LOAD, notes_off + notes, mem);
    for (int i = 0; i < NCPUS; i++) {
        uint8_t *n = h + notes_off + i * (s390x_cpu_notes_size() + pv_note);
        S390Regs env = { .psw_addr = 0x10000 + i };
        PvCpuDump cpu = { .version = 1, .len = PV_CPU_DUMP_V1_SIZE,
                          .psw_addr = 0x10000 + i };
        uint8_t raw[PV_CPU_DUMP_V1_SIZE];

        s390x_cpu_notes_write(&env, i + 1, n);
        fill_random(cpu.iv, 8);
        g_assert(pv_cpu_dump_seal(&cpu, dump_key, raw, NULL));
        elf_note_write(n + s390x_cpu_notes_size(), "LINUX",
                       NT_S390_PV_CPU_DATA, raw, sizeof(raw));
    }
    *mem_off = notes_off + notes;
    return notes_off + notes;
}

/* Encrypts and writes the memory; fills the storage-state @table. */
static void write_memory(FILE *f, uint64_t mem, const PvComplData *c,
                         uint8_t *table)
{
    g_autoptr(PvXts) xts = pv_xts_new(c->xts_key, true, NULL);
    g_autofree uint8_t *buf = g_malloc(CHUNK);
    uint8_t tweak[16];

    for (uint64_t off = 0; off < mem; off += CHUNK) {
        fill_random(buf, CHUNK);
        for (size_t p = 0; p < CHUNK / 4096; p++) {
            uint64_t pfn = off / 4096 + p;
            uint8_t *comp = table + pfn * 16, *page = buf + p * 4096;

            if (pfn % 61 == 7) {
                pv_stor_state_encode_special(PV_STOR_FLAG_ZERO, comp);
                memset(page, 0xaa, 4096);
            } else if (pfn % 97 == 11) {
                pv_stor_state_encode_special(PV_STOR_FLAG_SHARED, comp);
            } else {
                pv_stor_state_encode_encrypted(1, pfn, comp);
                pv_stor_state_tweak(comp, c->nonce, tweak);
                g_assert(pv_xts_page(xts, tweak, page, page, NULL));
            }
        }
        g_assert(fwrite(buf, CHUNK, 1, f) == 1);
    }
}

int main(int argc, char **argv)
{
    uint64_t mem = argc == 4 ? g_ascii_strtoull(argv[1], NULL, 0) * MiB : 0;
    PvComplData c = { .version = 1, .len = PV_COMPL_V1_SIZE };
    uint8_t cck[PV_CCK_SIZE], key[PV_DUMP_KEY_SIZE], compl[PV_COMPL_V1_SIZE];
    g_autofree uint8_t *head = NULL, *table = NULL;
    uint64_t mem_off;
    FILE *f;

    if (!mem) {
        fprintf(stderr, "usage: make-pv-dump SIZE-MIB CCK-OUT DUMP-OUT\n");
        return 2;
    }
    fill_random(cck, sizeof(cck));
    fill_random(c.seed, sizeof(c.seed));
    fill_random(c.iv, 8);
    fill_random(c.nonce, 8);          /* D10: 8 random bytes, 8 zero */
    fill_random(c.xts_key, sizeof(c.xts_key));
    g_assert(g_file_set_contents(argv[2], (char *)cck, sizeof(cck), NULL));
    g_assert(pv_compl_seal(&c, cck, compl, NULL));
    g_assert(pv_dump_derive_key(cck, c.seed, key, NULL));
    head = g_malloc0(64 * KiB);
    table = g_malloc(mem / 4096 * 16);
    f = fopen(argv[3], "wb");
    g_assert(f);
    g_assert(fwrite(head, build_head(head, mem, key, &mem_off), 1, f) == 1);
    write_memory(f, mem, &c, table);
    g_assert(fwrite(table, mem / 4096 * 16, 1, f) == 1);
    g_assert(fwrite(compl, sizeof(compl), 1, f) == 1);
    g_assert(fwrite(SHSTRTAB, sizeof(SHSTRTAB), 1, f) == 1);
    g_assert(fclose(f) == 0);
    return 0;
}
