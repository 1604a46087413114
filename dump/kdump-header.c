/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kdump-header.c - big-endian images of the diskdump headers (see
 * kdump-header.h).
 */
#include "qemu/osdep.h"
#include "util/be-fields.h"
#include "kdump-header.h"

/* The host structures must have makedumpfile's 64-bit layout. */
G_STATIC_ASSERT(sizeof(DiskDumpHeader64) == DISK_DUMP_HEADER_SIZE);
G_STATIC_ASSERT(offsetof(DiskDumpHeader64, utsname) == 12);
G_STATIC_ASSERT(offsetof(DiskDumpHeader64, timestamp) == 408);
G_STATIC_ASSERT(offsetof(DiskDumpHeader64, status) == 424);
G_STATIC_ASSERT(offsetof(DiskDumpHeader64, nr_cpus) == 460);
G_STATIC_ASSERT(sizeof(KdumpSubHeader64) == KDUMP_SUB_HEADER_SIZE);
G_STATIC_ASSERT(offsetof(KdumpSubHeader64, max_mapnr_64) == 96);
G_STATIC_ASSERT(sizeof(PageDescriptor) == PAGE_DESC_SIZE);

static const BeField disk_dump_header_fields[] = {
    BE_MEMBER(DiskDumpHeader64, header_version),
    BE_MEMBER(DiskDumpHeader64, timestamp.tv_sec),
    BE_MEMBER(DiskDumpHeader64, timestamp.tv_nsec),
    BE_MEMBER(DiskDumpHeader64, status),
    BE_MEMBER(DiskDumpHeader64, block_size),
    BE_MEMBER(DiskDumpHeader64, sub_hdr_size),
    BE_MEMBER(DiskDumpHeader64, bitmap_blocks),
    BE_MEMBER(DiskDumpHeader64, max_mapnr),
    BE_MEMBER(DiskDumpHeader64, total_ram_blocks),
    BE_MEMBER(DiskDumpHeader64, device_blocks),
    BE_MEMBER(DiskDumpHeader64, written_blocks),
    BE_MEMBER(DiskDumpHeader64, current_cpu),
    BE_MEMBER(DiskDumpHeader64, nr_cpus),
};

static const BeField sub_header_fields[] = {
    BE_MEMBER(KdumpSubHeader64, phys_base),
    BE_MEMBER(KdumpSubHeader64, dump_level),
    BE_MEMBER(KdumpSubHeader64, split),
    BE_MEMBER(KdumpSubHeader64, start_pfn),
    BE_MEMBER(KdumpSubHeader64, end_pfn),
    BE_MEMBER(KdumpSubHeader64, offset_vmcoreinfo),
    BE_MEMBER(KdumpSubHeader64, size_vmcoreinfo),
    BE_MEMBER(KdumpSubHeader64, offset_note),
    BE_MEMBER(KdumpSubHeader64, note_size),
    BE_MEMBER(KdumpSubHeader64, offset_eraseinfo),
    BE_MEMBER(KdumpSubHeader64, size_eraseinfo),
    BE_MEMBER(KdumpSubHeader64, start_pfn_64),
    BE_MEMBER(KdumpSubHeader64, end_pfn_64),
    BE_MEMBER(KdumpSubHeader64, max_mapnr_64),
};

static const BeField page_desc_fields[] = {
    BE_MEMBER(PageDescriptor, offset),
    BE_MEMBER(PageDescriptor, size),
    BE_MEMBER(PageDescriptor, flags),
    BE_MEMBER(PageDescriptor, page_flags),
};

void kdump_put_disk_dump_header(void *out, const DiskDumpHeader64 *h)
{
    /* The character arrays as they are, then the integers big-endian. */
    memcpy(out, h, DISK_DUMP_HEADER_SIZE);
    be_fields_encode(disk_dump_header_fields,
                     G_N_ELEMENTS(disk_dump_header_fields), h, out);
}

void kdump_put_sub_header(void *out, const KdumpSubHeader64 *h)
{
    be_fields_encode(sub_header_fields, G_N_ELEMENTS(sub_header_fields), h,
                     out);
}

void kdump_put_page_desc(void *out, const PageDescriptor *d)
{
    be_fields_encode(page_desc_fields, G_N_ELEMENTS(page_desc_fields), d,
                     out);
}
