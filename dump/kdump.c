/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kdump.c - the kdump-compressed writer (formats kdump-* and kdump-raw-*).
 *
 * makedumpfile's "diskdump" layout (docs/dump.md "kdump layout"), in blocks of
 * one page:
 *
 *   block 0        disk_dump_header
 *   block 1        kdump_sub_header, then the ELF notes
 *   block 1+S      1st bitmap (pages in RAM), then the 2nd (pages dumped)
 *   then           one page descriptor per dumped page, in pfn order
 *   then           the shared zero page, then the stored pages in pfn order
 *
 * The bitmaps are identical unless all-zero pages are excluded (makedumpfile
 * -d 1): then a first pass over the (paused) guest finds them, so that the
 * 2nd bitmap and the number of descriptors are known before anything is
 * written, and the file still streams in order.
 *
 * The descriptors and the page data are produced together, so each goes
 * through its own cache and is flushed as a large write at its offset.
 * Apart from the bitmaps (max_mapnr / 8 bytes each) the memory used is fixed.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memory.h"
#include "dump-internal.h"
#include "kdump-framing.h"
#include "kdump-header.h"
#include "compress.h"
#include "util/zero-pages.h"

#define KDUMP_SIGNATURE         "KDUMP   "
#define KDUMP_HEADER_VERSION    6
#define KDUMP_DUMP_LEVEL        1
#define KDUMP_HEADER_BLOCKS     1

/* Cache sizes: large writes, bounded memory. */
#define DESC_CACHE_SIZE         (1 * MiB)
#define DATA_CACHE_SIZE         (4 * MiB)

typedef struct KdumpLayout {
    uint32_t bs;                /* block size = page size */
    uint32_t sub_hdr_blocks;    /* S */
    uint64_t bitmap_len;        /* L, a multiple of bs */
    uint8_t *in_ram;            /* 1st bitmap: pfns with a byte in a block */
    uint8_t *dumped;            /* 2nd bitmap: pfns with a descriptor */
    uint64_t nr_pages;          /* dumped pages */
    uint64_t bitmap_offset;
    uint64_t desc_offset;
    uint64_t data_offset;
} KdumpLayout;

/* Bytes collected for one region of the file, written when full. */
typedef struct KdumpCache {
    KdumpSink *sink;
    uint8_t *buf;
    size_t size;
    size_t used;
    uint64_t offset;            /* file offset of buf[0] */
    uint64_t pages_buffered;    /* pages done with this region so far */
    uint64_t pages_written;     /* ... of which the file has the entries */
} KdumpCache;

static bool bit_test(const uint8_t *bitmap, uint64_t pfn)
{
    return bitmap[pfn / 8] & (1u << (pfn % 8));
}

static void bit_assign(uint8_t *bitmap, uint64_t pfn, bool on)
{
    if (on) {
        bitmap[pfn / 8] |= 1u << (pfn % 8);
    } else {
        bitmap[pfn / 8] &= ~(1u << (pfn % 8));
    }
}

/* The first pfn of block @b and the pfn after its last. */
static void block_pfns(const DumpMemBlock *b, uint32_t bs, uint64_t *first,
                       uint64_t *end)
{
    *first = b->start / bs;
    *end = DIV_ROUND_UP(b->start + b->size, bs);
}

/*
 * The first pass of an excluding dump: clears the 2nd bitmap's bit of
 * every all-zero page and counts what stays.  Reads the guest as the
 * second pass will, so a paused guest gives both passes the same pages.
 */
static bool find_zero_pages(DumpState *s, KdumpLayout *l, GError **errp)
{
    for (size_t i = 0; i < s->nr_blocks; i++) {
        const DumpMemBlock *b = &s->blocks[i];
        uint64_t pfn = b->start / l->bs;

        for (uint64_t done = 0; done < b->size; ) {
            uint64_t len = MIN(DATA_CACHE_SIZE, b->size - done);
            const uint8_t *p = guest_memory_map_read(b->start + done, len, errp);

            if (!p || !dump_check_cancelled(s, errp)) {
                error_prepend(errp, "dump: failed to find zero pages: ");
                return false;
            }
            for (uint64_t off = 0; off < len; ) {
                /* Never-written memory is found without reading it. */
                uint64_t zeros = zero_pages_run(p + off, len - off, l->bs, true);
                uint64_t n = DIV_ROUND_UP(zeros, l->bs);

                for (uint64_t k = 0; k < n; k++) {
                    bit_assign(l->dumped, pfn + k, false);
                }
                l->nr_pages -= n;
                pfn += n;
                off += n * l->bs;
                if (off < len) {    /* a page with data: the next one */
                    pfn++;
                    off += l->bs;
                }
            }
            done += len;
        }
    }
    return true;
}

static bool kdump_layout(DumpState *s, KdumpLayout *l, GError **errp)
{
    uint64_t pfn, end;

    l->bs = s->arch.page_size;
    l->sub_hdr_blocks = DIV_ROUND_UP(KDUMP_SUB_HEADER_SIZE + s->note_size,
                                     l->bs);
    l->bitmap_len = QEMU_ALIGN_UP(DIV_ROUND_UP(s->max_mapnr, 8), l->bs);
    l->in_ram = g_malloc0(l->bitmap_len);
    for (size_t i = 0; i < s->nr_blocks; i++) {
        for (block_pfns(&s->blocks[i], l->bs, &pfn, &end); pfn < end; pfn++) {
            bit_assign(l->in_ram, pfn, true);
            l->nr_pages++;
        }
    }
    l->dumped = g_memdup2(l->in_ram, l->bitmap_len);
    if (s->exclude_zero && !find_zero_pages(s, l, errp)) {
        return false;
    }
    l->bitmap_offset = (uint64_t)(KDUMP_HEADER_BLOCKS + l->sub_hdr_blocks) * l->bs;
    l->desc_offset = l->bitmap_offset + 2 * l->bitmap_len;
    l->data_offset = l->desc_offset + PAGE_DESC_SIZE * l->nr_pages;
    return true;
}

static bool write_disk_dump_header(DumpState *s, KdumpSink *k,
                                   const KdumpLayout *l, GError **errp)
{
    DiskDumpHeader64 dh = {
        .header_version = KDUMP_HEADER_VERSION,
        .status = s->compressor->flag,
        .block_size = l->bs,
        .sub_hdr_size = l->sub_hdr_blocks,
        .bitmap_blocks = 2 * l->bitmap_len / l->bs,
        .max_mapnr = MIN(s->max_mapnr, UINT32_MAX),
        .nr_cpus = s->nr_cpus,
    };
    uint8_t h[DISK_DUMP_HEADER_SIZE];
    int ret;

    memcpy(dh.signature, KDUMP_SIGNATURE, KDUMP_SIG_LEN);
    g_strlcpy(dh.utsname.machine, s->arch.uts_machine, KDUMP_UTS_LEN);
    kdump_put_disk_dump_header(h, &dh);
    ret = kdump_sink_write(k, 0, h, DISK_DUMP_HEADER_SIZE);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "dump: failed to write disk dump header");
        return false;
    }
    return true;
}

/* The sub-header and right behind it the same notes as ELF's PT_NOTE. */
static bool write_sub_header(DumpState *s, KdumpSink *k, const KdumpLayout *l,
                             GError **errp)
{
    size_t len = KDUMP_SUB_HEADER_SIZE + s->note_size;
    g_autofree uint8_t *h = g_malloc0(len);
    KdumpSubHeader64 sh = {
        .phys_base = s->arch.phys_base,
        .dump_level = KDUMP_DUMP_LEVEL,
        .offset_note = (uint64_t)KDUMP_HEADER_BLOCKS * l->bs +
                       KDUMP_SUB_HEADER_SIZE,
        .note_size = s->note_size,
        .max_mapnr_64 = s->max_mapnr,
    };
    int ret;

    kdump_put_sub_header(h, &sh);
    memcpy(h + KDUMP_SUB_HEADER_SIZE, s->notes, s->note_size);
    ret = kdump_sink_write(k, (uint64_t)KDUMP_HEADER_BLOCKS * l->bs, h, len);
    if (ret < 0) {
        error_setg_errno(errp, -ret, "dump: failed to write kdump sub header");
        return false;
    }
    return true;
}

/* Bit n (LSB first) of the 1st bitmap: pfn n has a byte in some block. */
static bool write_bitmaps(DumpState *s, KdumpSink *k, const KdumpLayout *l,
                          GError **errp)
{
    const uint8_t *bitmaps[] = { l->in_ram, l->dumped };
    int ret;

    for (int i = 0; i < 2; i++) {
        ret = kdump_sink_write(k, l->bitmap_offset + i * l->bitmap_len,
                               bitmaps[i], l->bitmap_len);
        if (ret < 0) {
            error_setg_errno(errp, -ret, "dump: failed to set dump_bitmap");
            return false;
        }
    }
    return true;
}

static int cache_flush(KdumpCache *c)
{
    int ret = c->used ? kdump_sink_write(c->sink, c->offset, c->buf, c->used)
                      : 0;

    c->offset += c->used;
    c->used = 0;
    if (ret == 0) {
        c->pages_written = c->pages_buffered;
    }
    return ret;
}

static int cache_put(KdumpCache *c, const void *p, size_t len)
{
    if (c->used + len > c->size) {
        int ret = cache_flush(c);
        if (ret < 0) {
            return ret;
        }
    }
    memcpy(c->buf + c->used, p, len);
    c->used += len;
    return 0;
}

typedef struct KdumpPages {
    DumpState *s;
    const KdumpLayout *l;
    size_t next_block;          /* pfn cursor: the page emitted next */
    uint64_t pfn, pfn_end;
    KdumpCache desc;
    KdumpCache data;
    uint64_t next_data;         /* file offset of the next stored page */
    uint64_t pages_reported;    /* pages counted as progress */
    uint8_t zero_desc[PAGE_DESC_SIZE];
} KdumpPages;

/*
 * Progress counts the pages whose data the file holds: the data cache
 * flushes every few MiB, the descriptors (24 bytes a page) far less often,
 * and a zero page, which has no data of its own, counts with the data
 * written after it.
 */
static void report_pages(KdumpPages *kp)
{
    uint64_t done = kp->data.pages_written;

    dump_progress_add(kp->s,
                      (done - kp->pages_reported) * kp->s->arch.page_size);
    kp->pages_reported = done;
}

static void put_desc(uint8_t *d, uint64_t offset, uint32_t size, uint32_t flags)
{
    PageDescriptor pd = { .offset = offset, .size = size, .flags = flags };

    kdump_put_page_desc(d, &pd);
}

/* The pfn of the page emitted next: the pool gets the blocks in order. */
static uint64_t next_pfn(KdumpPages *kp)
{
    while (kp->pfn == kp->pfn_end) {
        block_pfns(&kp->s->blocks[kp->next_block++], kp->l->bs, &kp->pfn,
                   &kp->pfn_end);
    }
    return kp->pfn++;
}

/* Appends the descriptors and data of one compressed job. */
static bool emit_job(KdumpPages *kp, const CompressJob *job, GError **errp)
{
    DumpState *s = kp->s;

    for (size_t i = 0; i < compress_job_pages(job); i++) {
        const CompressedPage *cp = compress_job_page(job, i);
        uint8_t desc[PAGE_DESC_SIZE];
        int ret;

        /* The 2nd bitmap decides, so the file is consistent in any case. */
        if (!bit_test(kp->l->dumped, next_pfn(kp))) {
            kp->data.pages_buffered++;
            report_pages(kp);
            continue;
        }
        if (cp->zero) {
            memcpy(desc, kp->zero_desc, sizeof(desc));
        } else {
            put_desc(desc, kp->next_data, cp->size,
                     cp->compressed ? s->compressor->flag : 0);
            kp->next_data += cp->size;
            ret = cache_put(&kp->data, cp->data, cp->size);
            if (ret < 0) {
                error_setg_errno(errp, -ret, "dump: failed to write page data");
                return false;
            }
        }
        kp->data.pages_buffered++;
        ret = cache_put(&kp->desc, desc, sizeof(desc));
        if (ret < 0) {
            error_setg_errno(errp, -ret, "dump: failed to write page desc");
            return false;
        }
        report_pages(kp);
    }
    return true;
}

/*
 * Feeds the blocks to the pool chunk by chunk and emits the jobs in order
 * as they complete.  Stops early on errors, leaving the pool to be freed.
 */
static bool compress_all(KdumpPages *kp, CompressPool *pool, GError **errp)
{
    DumpState *s = kp->s;
    size_t chunk = compress_pool_job_bytes(pool);
    size_t bi = 0;
    uint64_t done = 0;

    while (bi < s->nr_blocks || !compress_pool_idle(pool)) {
        if (bi < s->nr_blocks && !compress_pool_full(pool)) {
            const DumpMemBlock *b = &s->blocks[bi];
            uint64_t len = MIN(chunk, b->size - done);
            const uint8_t *p = guest_memory_map_read(b->start + done, len, errp);

            if (!p) {
                error_prepend(errp, "dump: failed to write page data: ");
                return false;
            }
            compress_pool_submit(pool, p, len);
            done += len;
            if (done == b->size) {
                bi++;
                done = 0;
            }
            continue;
        }
        if (!dump_check_cancelled(s, errp) ||
            !emit_job(kp, compress_pool_wait(pool), errp)) {
            return false;
        }
        compress_pool_release(pool);
    }
    return true;
}

static bool write_pages(DumpState *s, KdumpSink *k, const KdumpLayout *l,
                        GError **errp)
{
    KdumpPages kp = {
        .s = s,
        .l = l,
        .desc = { k, g_malloc(DESC_CACHE_SIZE), DESC_CACHE_SIZE, 0, l->desc_offset },
        .data = { k, g_malloc(DATA_CACHE_SIZE), DATA_CACHE_SIZE, 0, l->data_offset },
        .next_data = l->data_offset + l->bs,
    };
    CompressPool *pool = compress_pool_new(s->compressor, s->threads, l->bs);
    bool ok = false;
    int ret;

    /* Every all-zero page points at one stored zero page, the first. */
    put_desc(kp.zero_desc, l->data_offset, l->bs, 0);
    memset(kp.data.buf, 0, l->bs);
    kp.data.used = l->bs;

    if (compress_all(&kp, pool, errp)) {
        if ((ret = cache_flush(&kp.desc)) < 0) {
            error_setg_errno(errp, -ret, "dump: failed to sync cache for page_desc");
        } else if ((ret = cache_flush(&kp.data)) < 0) {
            error_setg_errno(errp, -ret, "dump: failed to sync cache for page_data");
        } else {
            report_pages(&kp);
            ok = true;
        }
    }
    compress_pool_free(pool);
    g_free(kp.desc.buf);
    g_free(kp.data.buf);
    return ok;
}

static bool kdump_write(DumpState *s, GError **errp)
{
    KdumpSink sink = { .s = s, .flat = !s->raw };
    KdumpLayout l = { 0 };
    bool ok;

    ok = dump_check_elf64_be(s, errp) &&
         kdump_layout(s, &l, errp) &&
         kdump_sink_begin(&sink, errp) &&
         write_disk_dump_header(s, &sink, &l, errp) &&
         write_sub_header(s, &sink, &l, errp) &&
         write_bitmaps(s, &sink, &l, errp) &&
         write_pages(s, &sink, &l, errp) &&
         kdump_sink_end(&sink, errp);
    g_free(l.in_ram);
    g_free(l.dumped);
    return ok;
}

const DumpWriter dump_kdump_writer = {
    .name = "kdump",
    .write = kdump_write,
};
