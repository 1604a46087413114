/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dat.c - from a logical address to host memory: dynamic address
 * translation, prefixing and storage protection (Principles of Operation,
 * chapter 3).
 *
 * uv_sys_translate() is what mem.c calls on a TLB miss:
 *   1. low-address protection (CR0 bit 35) on the logical address;
 *   2. DAT when PSW bit 5 is on, through the region-first/second/third,
 *      segment and page tables the address space's ASCE designates, with
 *      EDAT-1 1 MiB and EDAT-2 2 GiB frames, DAT protection and
 *      instruction-execution protection;
 *   3. prefixing (real -> absolute);
 *   4. the machine's hook (absolute -> host);
 *   5. key-controlled protection with the PSW key, and the reference and
 *      change bits of the frame's storage key.
 *
 * The ASCE is CR1 in the primary-space mode, CR7 in the secondary-space
 * and CR13 in the home-space mode.  The access-register mode is translated
 * as primary space (ALET 0 only; ART is not implemented).  Key-controlled
 * protection honours fetch-protection override (CR0 bit 38) and
 * storage-protection override (CR0 bit 39).
 *
 * Table entries are read at absolute addresses with plain host loads; the
 * reference bits DAT sets in real hardware's table entries do not exist in
 * z/Architecture, so walks never write.
 */
#include "internal.h"

/* DAT table-entry bits (bit 0 is the most significant of 64). */
#define TE_FC       0x400ULL   /* 53: format control (large frame) */
#define TE_PROT     0x200ULL   /* 54: DAT protection */
#define TE_NOEXEC   0x100ULL   /* 55: instruction-execution protection */
#define TE_INVALID  0x020ULL   /* 58: region/segment entry invalid */
#define PTE_INVALID 0x400ULL   /* 53 */
#define PTE_ZERO    0x800ULL   /* 52: must be zero */
#define ASCE_REAL   0x020ULL   /* 58: real-space control */

/* TEID bits: fetch/store indication and protection kind (ESOP-2). */
#define TEID_FETCH  0x800ULL
#define TEID_STORE  0x400ULL
#define TEID_KEY    0x080ULL
#define TEID_DAT    0x004ULL

typedef struct DatResult {
    uint64_t raddr;
    bool prot;                 /* DAT protection applies */
    bool noexec;               /* instruction-execution protection applies */
    uint64_t entry_addr;       /* LRA: the entry that stopped the walk */
    bool absolute;             /* a large (EDAT) frame: raddr is absolute,
                                  prefixing does not apply */
} DatResult;

void uv_access_exception(UvCpu *cpu, uint16_t code, uint64_t teid)
{
    cpu->teid = teid;
    uv_program_exception(cpu, code);
}

uint64_t uv_prefix(const UvCpu *cpu, uint64_t raddr)
{
    uint64_t prefix = cpu->r.prefix & 0x7fffe000u;

    if (raddr < 0x2000) {
        return raddr + prefix;
    }
    if (raddr >= prefix && raddr < prefix + 0x2000) {
        return raddr - prefix;
    }
    return raddr;
}

/*
 * Keeps the CPUs' decoded instructions coherent with each other's stores
 * (UvCpuSys.code_map): a frame instructions are fetched from is marked,
 * and every CPU drops its TLB so that its next store there comes here; a
 * store to a marked frame makes every CPU forget what it decoded.  Both
 * take effect at the other CPUs' next slice of instructions.
 */
static void track_code_frame(UvCpu *cpu, uint64_t aaddr, UvCpuAccess acc)
{
    UvCpuSys *sys = cpu->sys;
    uint64_t frame = aaddr >> 12;
    uint8_t *mark;

    if (!sys->code_map || frame >= sys->frames || acc == UVCPU_ACCESS_READ) {
        return;
    }
    mark = &sys->code_map[frame];
    if (acc == UVCPU_ACCESS_FETCH) {
        if (!__atomic_load_n(mark, __ATOMIC_RELAXED) &&
            !__atomic_exchange_n(mark, 1, __ATOMIC_ACQ_REL)) {
            g_atomic_int_inc(&sys->tlb_gen);
        }
    } else if (__atomic_load_n(mark, __ATOMIC_RELAXED) &&
               __atomic_exchange_n(mark, 0, __ATOMIC_ACQ_REL)) {
        uvcpu_sys_code_changed(sys);
    }
}

/* Host address of absolute address @aaddr, or NULL with *@pgm set. */
static uint8_t *abs_host(UvCpu *cpu, uint64_t aaddr, UvCpuAccess acc,
                         uint16_t *pgm)
{
    uint8_t *page;

    track_code_frame(cpu, aaddr, acc);
    *pgm = UVCPU_PGM_ADDRESSING;
    page = cpu->ops->translate(cpu->opaque, aaddr & UVCPU_PAGE_MASK, acc, pgm);
    return page ? page + (aaddr & ~UVCPU_PAGE_MASK) : NULL;
}

uint8_t *uv_real_host(UvCpu *cpu, uint64_t raddr, UvCpuAccess acc)
{
    return uv_abs_host(cpu, uv_prefix(cpu, raddr), acc);
}

uint8_t *uv_abs_host(UvCpu *cpu, uint64_t aaddr, UvCpuAccess acc)
{
    uint16_t pgm;
    uint8_t *p = abs_host(cpu, aaddr, acc, &pgm);

    if (p && acc == UVCPU_ACCESS_WRITE) {
        uv_code_written(cpu, (uint8_t *)((uintptr_t)p & UVCPU_PAGE_MASK));
    }
    return p;
}

/* Loads a table entry at absolute @aaddr; addressing exception if none. */
static uint16_t load_entry(UvCpu *cpu, uint64_t aaddr, uint64_t *entry)
{
    uint16_t pgm;
    uint8_t *p = abs_host(cpu, aaddr, UVCPU_ACCESS_READ, &pgm);

    if (!p) {
        return pgm;
    }
    *entry = uv_ldn_be(p, 8);
    return 0;
}

static const uint16_t level_exception[] = {
    UVCPU_PGM_SEGMENT_TRANS, UVCPU_PGM_REG_THIRD,
    UVCPU_PGM_REG_SECOND, UVCPU_PGM_REG_FIRST,
};

static bool edat1(const UvCpu *cpu)
{
    return (cpu->r.cregs[0] & UV_CR0_EDAT) && uvcpu_has_facility(cpu, 8);
}

static bool iep(const UvCpu *cpu)
{
    return (cpu->r.cregs[0] & UV_CR0_IEP) && uvcpu_has_facility(cpu, 130);
}

/* Collects the protection bits an entry at a level above the page adds. */
static void entry_protection(const UvCpu *cpu, uint64_t entry, DatResult *r,
                             bool region)
{
    if (!region || edat1(cpu)) {
        r->prot |= entry & TE_PROT;
        r->noexec |= (entry & TE_NOEXEC) && iep(cpu);
    }
}

/* The page-table step below segment-table entry @ste. */
static uint16_t walk_page(UvCpu *cpu, uint64_t ste, uint64_t vaddr,
                          DatResult *r)
{
    uint64_t pte;
    uint16_t pgm;

    if (edat1(cpu) && (ste & TE_FC)) {
        r->raddr = (ste & ~0xfffffULL) | (vaddr & 0xfffff);
        r->absolute = true;
        return 0;
    }
    r->entry_addr = (ste & ~0x7ffULL) + ((vaddr >> 12) & 0xff) * 8;
    pgm = load_entry(cpu, r->entry_addr, &pte);
    if (pgm) {
        return pgm;
    }
    if (pte & PTE_INVALID) {
        return UVCPU_PGM_PAGE_TRANS;
    }
    if (pte & PTE_ZERO) {
        return UVCPU_PGM_TRANS_SPEC;
    }
    r->prot |= pte & TE_PROT;
    r->noexec |= (pte & TE_NOEXEC) && iep(cpu);
    r->raddr = (pte & UVCPU_PAGE_MASK) | (vaddr & ~UVCPU_PAGE_MASK);
    return 0;
}

/*
 * Walks the tables from @asce for virtual address @vaddr.  Returns 0 with
 * @r filled, or the program-interruption code of the exception.
 */
static uint16_t dat_walk(UvCpu *cpu, uint64_t asce, uint64_t vaddr,
                         DatResult *r)
{
    int level = (asce >> 2) & 3;   /* 3 region-first ... 0 segment */
    uint64_t origin = asce & UVCPU_PAGE_MASK;
    unsigned tf = 0, tl = asce & 3, idx;
    uint64_t entry;
    uint16_t pgm;

    memset(r, 0, sizeof(*r));
    if (asce & ASCE_REAL) {
        r->raddr = vaddr;
        return 0;
    }
    if (level < 3 && (vaddr >> (31 + 11 * level))) {
        return UVCPU_PGM_ASCE_TYPE;
    }
    for (;; level--) {
        idx = (vaddr >> (20 + 11 * level)) & 0x7ff;
        if ((idx >> 9) < tf || (idx >> 9) > tl) {
            return level_exception[level];
        }
        r->entry_addr = origin + idx * 8;
        pgm = load_entry(cpu, r->entry_addr, &entry);
        if (pgm) {
            return pgm;
        }
        if (entry & TE_INVALID) {
            return level_exception[level];
        }
        if (((entry >> 2) & 3) != (uint64_t)level) {
            return UVCPU_PGM_TRANS_SPEC;
        }
        entry_protection(cpu, entry, r, level > 0);
        if (level == 0) {
            return walk_page(cpu, entry, vaddr, r);
        }
        /*
         * A region-third entry maps a 2 GiB frame only where EDAT-2
         * applies; otherwise its FC bit is ignored, as in QEMU and
         * kvm-unit-tests' edat test.
         */
        if (level == 1 && (entry & TE_FC) && edat1(cpu) &&
            uvcpu_has_facility(cpu, 78)) {
            r->raddr = (entry & ~0x7fffffffULL) | (vaddr & 0x7fffffff);
            r->absolute = true;
            return 0;
        }
        origin = entry & UVCPU_PAGE_MASK;
        tf = (entry >> 6) & 3;
        tl = entry & 3;
    }
}

/* The ASCE of the PSW's address-space mode (AR mode: primary, ALET 0). */
static uint64_t current_asce(const UvCpu *cpu, UvCpuAccess acc)
{
    switch ((cpu->r.psw_mask & UVCPU_PSW_MASK_AS) >> 46) {
    case 2:                    /* secondary space; instructions: primary */
        return acc == UVCPU_ACCESS_FETCH ? cpu->r.cregs[1] : cpu->r.cregs[7];
    case 3:
        return cpu->r.cregs[13];
    default:
        return cpu->r.cregs[1];
    }
}

static uint64_t teid_of(const UvCpu *cpu, uint64_t addr, UvCpuAccess acc)
{
    return (addr & UVCPU_PAGE_MASK) |
           (acc == UVCPU_ACCESS_WRITE ? TEID_STORE : TEID_FETCH) |
           ((cpu->r.psw_mask & UVCPU_PSW_MASK_AS) >> 46);
}

/* The PSW key, the access key of most accesses. */
static unsigned psw_key(const UvCpu *cpu)
{
    return (cpu->r.psw_mask & UVCPU_PSW_MASK_KEY) >> 52;
}

#define CR0_FETCH_PROT_OVERRIDE   (1ULL << (63 - 38))
#define CR0_STORE_PROT_OVERRIDE   (1ULL << (63 - 39))

/*
 * Whether key-controlled protection lets access key @pkey @acc the frame
 * of storage key @skey at logical @addr: key 0 or a matching key always;
 * otherwise storage-protection override opens frames of key 9, and a
 * fetch is allowed from a frame without fetch protection or, under
 * fetch-protection override, from logical addresses 0-2047.
 */
static bool key_permits(UvCpu *cpu, uint64_t addr, uint8_t skey,
                        UvCpuAccess acc, unsigned pkey)
{
    uint64_t cr0 = cpu->r.cregs[0];

    if (!pkey || pkey == skey >> 4) {
        return true;
    }
    if ((cr0 & CR0_STORE_PROT_OVERRIDE) && skey >> 4 == 9) {
        return true;
    }
    if (acc == UVCPU_ACCESS_WRITE) {
        return false;
    }
    return !(skey & 0x08) ||
           ((cr0 & CR0_FETCH_PROT_OVERRIDE) && addr < 2048);
}

/*
 * Key-controlled protection of absolute frame @aaddr for access key
 * @pkey, and the frame's R/C bits.
 */
static void check_key(UvCpu *cpu, uint64_t addr, uint64_t aaddr,
                      UvCpuAccess acc, unsigned pkey)
{
    UvCpuSys *sys = cpu->sys;
    uint64_t frame = aaddr >> 12;
    uint8_t key, rc;

    if (!sys->skeys || frame >= sys->frames) {
        return;
    }
    key = __atomic_load_n(&sys->skeys[frame], __ATOMIC_RELAXED);
    if (!key_permits(cpu, addr, key, acc, pkey)) {
        uv_access_exception(cpu, UVCPU_PGM_PROTECTION,
                            teid_of(cpu, addr, acc) | TEID_KEY);
    }
    rc = acc == UVCPU_ACCESS_WRITE ? 0x06 : 0x04;
    if ((key & rc) != rc) {
        __atomic_fetch_or(&sys->skeys[frame], rc, __ATOMIC_RELAXED);
    }
}

/* Whether low-address protection covers a store to @addr (CR0 bit 35). */
static bool low_protected(const UvCpu *cpu, uint64_t addr)
{
    return (cpu->r.cregs[0] & UV_CR0_LAP) && (addr & ~0x11ffULL) == 0;
}

/*
 * Logical (@dat) or real address @addr to host, with every check; @key is
 * the access key.
 */
static uint8_t *translate(UvCpu *cpu, uint64_t addr, UvCpuAccess acc,
                          bool dat, unsigned key)
{
    uint64_t raddr = addr, aaddr;
    bool absolute = false;
    DatResult r;
    uint16_t pgm;
    uint8_t *host;

    if (acc == UVCPU_ACCESS_WRITE && low_protected(cpu, addr)) {
        uv_access_exception(cpu, UVCPU_PGM_PROTECTION,
                            teid_of(cpu, addr, acc));
    }
    if (dat) {
        pgm = dat_walk(cpu, current_asce(cpu, acc), addr, &r);
        if (pgm) {
            uv_access_exception(cpu, pgm, pgm == UVCPU_PGM_ADDRESSING ||
                                pgm == UVCPU_PGM_TRANS_SPEC ?
                                0 : teid_of(cpu, addr, acc));
        }
        if ((r.prot && acc == UVCPU_ACCESS_WRITE) ||
            (r.noexec && acc == UVCPU_ACCESS_FETCH)) {
            uv_access_exception(cpu, UVCPU_PGM_PROTECTION,
                                teid_of(cpu, addr, acc) | TEID_DAT |
                                (r.noexec ? TEID_KEY : 0));
        }
        raddr = r.raddr;
        absolute = r.absolute;
    }
    /* Large frames map absolute storage: no prefixing (kvm-unit-tests edat). */
    aaddr = absolute ? raddr & UVCPU_PAGE_MASK : uv_prefix(cpu, raddr & UVCPU_PAGE_MASK);
    host = abs_host(cpu, aaddr, acc, &pgm);
    if (!host) {
        uv_program_exception(cpu, pgm);
    }
    check_key(cpu, addr, aaddr, acc, key);
    return host + (raddr & ~UVCPU_PAGE_MASK);
}

uint8_t *uv_sys_translate(UvCpu *cpu, uint64_t addr, UvCpuAccess acc)
{
    return translate(cpu, addr, acc, cpu->r.psw_mask & UVCPU_PSW_MASK_DAT,
                     psw_key(cpu)) - (addr & ~UVCPU_PAGE_MASK);
}

uint8_t *uv_sys_translate_key(UvCpu *cpu, uint64_t addr, UvCpuAccess acc,
                              unsigned key)
{
    uint8_t *p = translate(cpu, addr, acc,
                           cpu->r.psw_mask & UVCPU_PSW_MASK_DAT, key);

    if (acc == UVCPU_ACCESS_WRITE) {
        uv_code_written(cpu, (uint8_t *)((uintptr_t)p & UVCPU_PAGE_MASK));
    }
    return p;
}

uint16_t uv_dat_probe(UvCpu *cpu, uint64_t addr, UvCpuAccess acc)
{
    DatResult r;

    if (!(cpu->r.psw_mask & UVCPU_PSW_MASK_DAT)) {
        return 0;
    }
    return dat_walk(cpu, current_asce(cpu, acc), addr, &r);
}

uint8_t *uv_real_translate(UvCpu *cpu, uint64_t raddr, UvCpuAccess acc)
{
    uint8_t *p = translate(cpu, raddr, acc, false, psw_key(cpu));

    if (acc == UVCPU_ACCESS_WRITE) {
        uv_code_written(cpu, (uint8_t *)((uintptr_t)p & UVCPU_PAGE_MASK));
    }
    return p;
}

/*
 * LOAD REAL ADDRESS: translates @vaddr with the current ASCE whatever
 * PSW bit 5 says.  Returns the CC, with @r1val the real address (CC 0),
 * the address of the invalid entry (CC 1: region or segment, CC 2: page)
 * or bit 32 plus the exception code (CC 3).
 */
unsigned uv_dat_lra(UvCpu *cpu, uint64_t vaddr, uint64_t *r1val)
{
    DatResult r;
    uint16_t pgm = dat_walk(cpu, current_asce(cpu, UVCPU_ACCESS_READ),
                            vaddr, &r);

    switch (pgm) {
    case 0:
        *r1val = r.raddr;
        return 0;
    case UVCPU_PGM_ADDRESSING:
    case UVCPU_PGM_TRANS_SPEC:
        uv_program_exception(cpu, pgm);
    case UVCPU_PGM_PAGE_TRANS:
        *r1val = r.entry_addr;
        return 2;
    case UVCPU_PGM_ASCE_TYPE:
        break;
    default:
        if (r.entry_addr) {
            /* a region or segment entry with its invalid bit on */
            uint64_t entry = 0;

            if (!load_entry(cpu, r.entry_addr, &entry) &&
                (entry & TE_INVALID)) {
                *r1val = r.entry_addr;
                return 1;
            }
        }
        break;
    }
    *r1val = 0x80000000ULL | pgm;
    return 3;
}

/*
 * TEST PROTECTION of logical @addr with access key @key: CC 0 fetch and
 * store permitted, 1 fetch only, 2 neither, 3 translation not available.
 * Key-controlled, DAT and low-address protection count (as in KVM, whose
 * TPROT checks a store to the address, and QEMU).
 */
unsigned uv_dat_tprot(UvCpu *cpu, uint64_t addr, unsigned key)
{
    uint64_t raddr = addr, aaddr, frame;
    DatResult r = { 0 };
    uint16_t pgm;
    uint8_t skey;

    if (cpu->r.psw_mask & UVCPU_PSW_MASK_DAT) {
        pgm = dat_walk(cpu, current_asce(cpu, UVCPU_ACCESS_READ), addr, &r);
        if (pgm == UVCPU_PGM_ADDRESSING || pgm == UVCPU_PGM_TRANS_SPEC) {
            uv_program_exception(cpu, pgm);
        } else if (pgm) {
            return 3;
        }
        raddr = r.raddr;
    }
    aaddr = uv_prefix(cpu, raddr);
    if (!abs_host(cpu, aaddr, UVCPU_ACCESS_READ, &pgm)) {
        uv_program_exception(cpu, pgm);
    }
    frame = aaddr >> 12;
    skey = cpu->sys->skeys && frame < cpu->sys->frames ?
           cpu->sys->skeys[frame] : 0;
    if (!key_permits(cpu, addr, skey, UVCPU_ACCESS_READ, key)) {
        return 2;
    }
    if (!key_permits(cpu, addr, skey, UVCPU_ACCESS_WRITE, key)) {
        return 1;
    }
    return r.prot || low_protected(cpu, addr) ? 1 : 0;
}
