/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kdump-header.h - the headers of makedumpfile's diskdump file (64 bit).
 *
 * Named as in QEMU's include/sysemu/dump.h.  The structures hold every
 * field in host order; their layout is the file's (naturally aligned, no
 * padding, checked at build time), and the encoders below write them as
 * the big-endian byte image an s390x dump carries.
 */
#ifndef DUMP_KDUMP_HEADER_H
#define DUMP_KDUMP_HEADER_H

#include "qemu/osdep.h"

#define KDUMP_SIG_LEN       8
#define KDUMP_UTS_LEN       65      /* NEW_UTS_LEN + 1 */

typedef struct NewUtsName {
    char sysname[KDUMP_UTS_LEN];
    char nodename[KDUMP_UTS_LEN];
    char release[KDUMP_UTS_LEN];
    char version[KDUMP_UTS_LEN];
    char machine[KDUMP_UTS_LEN];
    char domainname[KDUMP_UTS_LEN];
} NewUtsName;

typedef struct KdumpTimeSpec {
    int64_t tv_sec;
    int64_t tv_nsec;
} KdumpTimeSpec;

/* Block 0 of the file. */
typedef struct DiskDumpHeader64 {
    char signature[KDUMP_SIG_LEN];  /* "KDUMP   " */
    uint32_t header_version;
    NewUtsName utsname;
    char dummy[6];                  /* padding */
    KdumpTimeSpec timestamp;
    uint32_t status;                /* DUMP_DH_COMPRESSED_* of the pages */
    uint32_t block_size;            /* = page size */
    uint32_t sub_hdr_size;          /* in blocks */
    uint32_t bitmap_blocks;         /* both bitmaps, in blocks */
    uint32_t max_mapnr;             /* obsolete 32-bit copy */
    uint32_t total_ram_blocks;
    uint32_t device_blocks;
    uint32_t written_blocks;
    uint32_t current_cpu;
    uint32_t nr_cpus;
} DiskDumpHeader64;

/* Block 1, followed by the ELF notes. */
typedef struct KdumpSubHeader64 {
    uint64_t phys_base;
    uint32_t dump_level;            /* header_version 1 and later */
    uint32_t split;                 /* header_version 2 and later */
    uint64_t start_pfn;             /* header_version 2 and later, obsolete */
    uint64_t end_pfn;               /* header_version 2 and later, obsolete */
    uint64_t offset_vmcoreinfo;     /* header_version 3 and later */
    uint64_t size_vmcoreinfo;       /* header_version 3 and later */
    uint64_t offset_note;           /* header_version 4 and later */
    uint64_t note_size;             /* header_version 4 and later */
    uint64_t offset_eraseinfo;      /* header_version 5 and later */
    uint64_t size_eraseinfo;        /* header_version 5 and later */
    uint64_t start_pfn_64;          /* header_version 6 and later */
    uint64_t end_pfn_64;            /* header_version 6 and later */
    uint64_t max_mapnr_64;          /* header_version 6 and later */
} KdumpSubHeader64;

/* Where one page's data is, after the bitmaps. */
typedef struct PageDescriptor {
    uint64_t offset;                /* file offset of the data */
    uint32_t size;                  /* of the stored data */
    uint32_t flags;                 /* DUMP_DH_COMPRESSED_* or 0 */
    uint64_t page_flags;            /* unused, 0 */
} PageDescriptor;

#define DISK_DUMP_HEADER_SIZE   464
#define KDUMP_SUB_HEADER_SIZE   104
#define PAGE_DESC_SIZE          24

/* Writes @h as DISK_DUMP_HEADER_SIZE big-endian bytes to @out. */
void kdump_put_disk_dump_header(void *out, const DiskDumpHeader64 *h);

/* Writes @h as KDUMP_SUB_HEADER_SIZE big-endian bytes to @out. */
void kdump_put_sub_header(void *out, const KdumpSubHeader64 *h);

/* Writes @d as PAGE_DESC_SIZE big-endian bytes to @out. */
void kdump_put_page_desc(void *out, const PageDescriptor *d);

#endif /* DUMP_KDUMP_HEADER_H */
