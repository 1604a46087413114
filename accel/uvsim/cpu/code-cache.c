/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * code-cache.c - the decode cache: every instruction is decoded once.
 *
 * Decoded instructions are kept per guest page (UvCodePage), in the order
 * they were first executed, with a per-halfword index into them.  The run
 * loop's fast path is: same logical page as the previous instruction ->
 * index -> handler.
 *
 * Coherence with stores: a page that holds decoded instructions never has
 * an entry in the write TLB, so every store to it goes through
 * uv_translate(), which calls uv_code_written() and so drops the page's
 * decoded instructions before the store lands.  Decoding the first
 * instruction of a page removes the page from the write TLB again.  This
 * makes self-modifying code, including a store into the instruction
 * stream just ahead, behave as the architecture requires.  An instruction
 * that crosses a page boundary, and the target of EXECUTE, are decoded
 * each time they run instead of being cached.
 */
#include "internal.h"

void uv_code_init(UvCpu *cpu)
{
    cpu->code_pages = g_hash_table_new(g_direct_hash, g_direct_equal);
    cpu->cur_page = NULL;
    cpu->cur_vpage = 1;
}

static void code_page_free(gpointer p)
{
    UvCodePage *page = p;
    unsigned i;

    for (i = 0; i < G_N_ELEMENTS(page->chunk); i++) {
        g_free(page->chunk[i]);
    }
    g_free(page);
}

void uv_code_flush(UvCpu *cpu)
{
    GHashTableIter it;
    gpointer page;

    g_hash_table_iter_init(&it, cpu->code_pages);
    while (g_hash_table_iter_next(&it, NULL, &page)) {
        code_page_free(page);
    }
    g_hash_table_remove_all(cpu->code_pages);
    cpu->cur_page = NULL;
    cpu->cur_vpage = 1;
}

void uv_code_free(UvCpu *cpu)
{
    uv_code_flush(cpu);
    g_hash_table_destroy(cpu->code_pages);
}

void uv_code_written(UvCpu *cpu, uint8_t *host)
{
    UvCodePage *page = g_hash_table_lookup(cpu->code_pages, host);

    if (page && page->n) {
        memset(page->slot, 0, sizeof(page->slot));
        page->n = 0;
        if (page == cpu->cur_page) {
            /* The run loop must not follow the page's chaining pointers. */
            uv_chain_break(cpu);
        }
    }
}

/* A page now has decoded code: later stores to it must take the slow path. */
static void drop_write_tlb(UvCpu *cpu, const uint8_t *host)
{
    unsigned i;

    for (i = 0; i < UV_TLB_SIZE; i++) {
        if (cpu->tlb[UVCPU_ACCESS_WRITE][i].host == host) {
            cpu->tlb[UVCPU_ACCESS_WRITE][i].page = 1;
        }
    }
}

static UvCodePage *code_page_get(UvCpu *cpu, uint8_t *host)
{
    UvCodePage *page = g_hash_table_lookup(cpu->code_pages, host);

    if (!page) {
        page = g_new0(UvCodePage, 1);
        page->host = host;
        g_hash_table_insert(cpu->code_pages, host, page);
    }
    return page;
}

/* Appends a decoded instruction to @page. */
static UvInsn *code_page_add(UvCpu *cpu, UvCodePage *page, unsigned off,
                             uint64_t raw)
{
    UvInsn **chunk = &page->chunk[page->n / UV_CHUNK_INSNS];
    UvInsn *d;

    if (page->n == 0) {
        drop_write_tlb(cpu, page->host);
    }
    if (!*chunk) {
        *chunk = g_new(UvInsn, UV_CHUNK_INSNS);
    }
    d = uv_code_insn(page, page->n++);
    uv_decode(cpu, raw, d);
    page->slot[off / 2] = page->n;
    return d;
}

const UvInsn *uv_fetch_slow(UvCpu *cpu, uint64_t addr)
{
    unsigned off = addr & ~UVCPU_PAGE_MASK;
    uint8_t *host;
    UvCodePage *page;
    uint16_t slot;
    unsigned len;
    uint64_t raw;

    if (addr & 1) {
        uv_program_exception(cpu, UVCPU_PGM_SPECIFICATION);
    }
    host = uv_translate(cpu, addr, UVCPU_ACCESS_FETCH);
    page = code_page_get(cpu, host);
    cpu->cur_page = page;
    cpu->cur_vpage = addr & UVCPU_PAGE_MASK;
    slot = page->slot[off / 2];
    if (slot && slot != UV_SLOT_UNCACHED) {
        return uv_code_insn(page, slot - 1);
    }
    len = uv_insn_len(host[off]);
    if (off + len > UVCPU_PAGE_SIZE) {
        page->slot[off / 2] = UV_SLOT_UNCACHED;
        raw = uv_ld_slow(cpu, addr, len, UVCPU_ACCESS_FETCH) << (64 - 8 * len);
        uv_decode(cpu, raw, &cpu->scratch);
        return &cpu->scratch;
    }
    raw = 0;
    memcpy(&raw, host + off, len);
    return code_page_add(cpu, page, off, GUINT64_FROM_BE(raw));
}

void uvcpu_invalidate_code(UvCpu *cpu, const void *host, size_t len)
{
    uintptr_t p = (uintptr_t)host & UVCPU_PAGE_MASK;
    uintptr_t end = (uintptr_t)host + len;

    for (; p < end; p += UVCPU_PAGE_SIZE) {
        uv_code_written(cpu, (uint8_t *)p);
    }
}
