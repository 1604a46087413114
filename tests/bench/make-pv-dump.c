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
#include "util/be-access.h"
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
    be32_store(b, name);
    be32_store(b + 4, type);
    be64_store(b + 24, off);
    be64_store(b + 32, size);
}

static void put_phdr(uint8_t *b, uint32_t type, uint64_t off, uint64_t size)
{
    be32_store(b, type);
    be64_store(b + 8, off);
    be64_store(b + 32, size);
    be64_store(b + 40, size);
}

/* Headers and notes: everything before the memory. */
static size_t build_head(uint8_t *h, uint64_t mem, const uint8_t *dump_key,
                         uint64_t *mem_off)
{
    size_t pv_note = elf_note_size(6, PV_CPU_DUMP_V1_SIZE);
    size_t notes_off = 64 + 4 * 64 + 2 * 56;
    size_t notes = NCPUS * (s390x_cpu_notes_size() + pv_note);
    uint64_t meta = notes_off + notes + mem, compl = meta + mem / 4096 * 16;
    static const uint8_t ident[] = { 0x7f, 'E', 'L', 'F', 2, 2, 1 };

    memcpy(h, ident, sizeof(ident));
    be16_store(h + 16, 4);
    be16_store(h + 18, 22);
    be32_store(h + 20, 1);
    be64_store(h + 32, 64 + 4 * 64);
    be64_store(h + 40, 64);
    be16_store(h + 52, 64);
    be16_store(h + 54, 56);
    be16_store(h + 56, 2);
    be16_store(h + 58, 64);
    be16_store(h + 60, 4);
    be16_store(h + 62, 3);
    put_shdr(h + 64 + 64, 1, 1, meta, mem / 4096 * 16);
    put_shdr(h + 64 + 128, 13, 1, compl, PV_COMPL_V1_SIZE);
    put_shdr(h + 64 + 192, 22, 3, compl + PV_COMPL_V1_SIZE, sizeof(SHSTRTAB));
    put_phdr(h + 320, 4, notes_off, notes);
    put_phdr(h + 376, 1, notes_off + notes, mem);
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
