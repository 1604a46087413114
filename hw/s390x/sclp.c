/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sclp.c - SERVC: the service-call logical processor's entry point and its
 * configuration commands (Read SCP Info, Read CPU Info), as QEMU's
 * hw/s390x/sclp.c.  Event commands go to event-facility.c.
 *
 * pvdump's CPU models have no extended-length-SCCB feature, so the CPU
 * entries of Read SCP Info sit at the fixed offset 128 and no SCCB may
 * cross a page boundary (docs/sclp.md).
 */
#include "qemu/osdep.h"
#include "exec/memory.h"
#include "hw/boards.h"
#include "hw/s390x/diag308.h"
#include "hw/s390x/event-facility.h"
#include "hw/s390x/sclp.h"
#include "target/s390x/cpu.h"
#include "target/s390x/kvm/kvm_s390x.h"
#include "util/be-access.h"

#define PSW_MASK_PSTATE     0x0001000000000000ULL
#define PGM_PROTECTION      0x0004
#define EBCDIC_BLANK        0x40

/* The storage increment is 1 MiB (QEMU's increment_size 20 since 4.2). */
#define SCLP_INCREMENT_SHIFT 20

static bool sclp_command_code_valid(uint32_t code)
{
    switch (code & SCLP_CMD_CODE_MASK) {
    case SCLP_CMDW_READ_SCP_INFO:
    case SCLP_CMDW_READ_SCP_INFO_FORCED:
    case SCLP_CMDW_READ_CPU_INFO:
    case SCLP_CMDW_CONFIGURE_IOA:
    case SCLP_CMDW_DECONFIGURE_IOA:
    case SCLP_CMD_READ_EVENT_DATA:
    case SCLP_CMD_WRITE_EVENT_DATA:
    case SCLP_CMD_WRITE_EVENT_MASK:
        return true;
    }
    return false;
}

/* Every SCCB must end in the page it starts in (no extended-length SCCB). */
static bool sccb_within_page(uint64_t sccb, uint16_t len)
{
    return sccb + len - 1 < (sccb & ~(TARGET_PAGE_SIZE - 1)) + TARGET_PAGE_SIZE;
}

static void sccb_set_rc(uint8_t *sccb, uint16_t rc)
{
    be16_store(sccb + SCCB_OFF_RESPONSE_CODE, rc);
}

static int machine_max_cpus(void)
{
    return current_machine ? MAX(current_machine->cfg->max_cpus, cpu_count)
                           : cpu_count;
}

/*
 * A CPU entry per existing CPU, addressed by its core id;
 * the CPU's SCLP features are none of those pvdump models.
 */
static int store_cpu_entries(uint8_t *entries)
{
    CPUState *cs;
    int n = 0;

    CPU_FOREACH(cs) {
        uint8_t *e = entries + n * CPU_ENTRY_LEN;
        memset(e, 0, CPU_ENTRY_LEN);
        e[CPU_ENTRY_OFF_ADDRESS] = cs->vcpu_id;
        e[CPU_ENTRY_OFF_TYPE] = 0;          /* a CP */
        n++;
    }
    return n;
}

/* Too short for every possible CPU: QEMU answers before storing anything. */
static bool sccb_has_room(uint8_t *sccb, unsigned fixed_len)
{
    unsigned required = fixed_len + machine_max_cpus() * CPU_ENTRY_LEN;

    if (be16_load(sccb + SCCB_OFF_LENGTH) < required) {
        sccb_set_rc(sccb, SCLP_RC_INSUFFICIENT_SCCB_LENGTH);
        return false;
    }
    return true;
}

/*
 * The model's SCLP characteristics (QEMU's S390_FEAT_TYPE_SCLP_* blocks):
 * bit n of a block is bit n, MSB first, of the bytes from @off.
 */
static void store_sclp_features(uint8_t *sccb, S390FeatType type, unsigned off)
{
    for (size_t i = 0; i < s390_feat_count; i++) {
        const S390FeatDef *f = &s390_feat_defs[i];

        if (f->type == type && s390_has_feat(&s390_cpu_model, f->id)) {
            sccb[off + f->bit / 8] |= 0x80 >> (f->bit % 8);
        }
    }
}

static void read_scp_info(uint8_t *sccb)
{
    uint64_t ram = current_machine ? current_machine->cfg->ram_size
                                   : guest_ram_size();
    uint64_t rnmax = ram >> SCLP_INCREMENT_SHIFT;
    int n;

    if (!sccb_has_room(sccb, READ_INFO_LEN)) {
        return;
    }
    n = store_cpu_entries(sccb + READ_INFO_FIXED_CPU_OFFSET);
    be16_store(sccb + READ_INFO_OFF_ENTRIES_CPU, n);
    be16_store(sccb + READ_INFO_OFF_OFFSET_CPU, READ_INFO_FIXED_CPU_OFFSET);
    be16_store(sccb + READ_INFO_OFF_HIGHEST_CPU, machine_max_cpus() - 1);
    be64_store(sccb + READ_INFO_OFF_FACILITIES,
               SCLP_HAS_CPU_INFO | SCLP_HAS_IOA_RECONFIG);
    store_sclp_features(sccb, S390_FEAT_TYPE_SCLP_CONF_CHAR, READ_INFO_OFF_CONF_CHAR);
    store_sclp_features(sccb, S390_FEAT_TYPE_SCLP_CONF_CHAR_EXT,
                        READ_INFO_OFF_CONF_CHAR_EXT);
    sccb[READ_INFO_OFF_RNSIZE] = 1;
    if (rnmax < 0x10000) {
        be16_store(sccb + READ_INFO_OFF_RNMAX, rnmax);
    } else {
        /* Beyond 64K increments the 64-bit field takes over. */
        be16_store(sccb + READ_INFO_OFF_RNMAX, 0);
        be64_store(sccb + READ_INFO_OFF_RNMAX2, rnmax);
    }
    /* No -machine loadparm: eight EBCDIC blanks, as QEMU's default. */
    memset(sccb + READ_INFO_OFF_LOADPARM, EBCDIC_BLANK, 8);
    sccb_set_rc(sccb, SCLP_RC_NORMAL_READ_COMPLETION);
}

static void read_cpu_info(uint8_t *sccb)
{
    int n;

    if (!sccb_has_room(sccb, READ_CPU_INFO_LEN)) {
        return;
    }
    n = store_cpu_entries(sccb + READ_CPU_INFO_LEN);
    be16_store(sccb + READ_CPU_INFO_OFF_NR_CONFIGURED, n);
    be16_store(sccb + READ_CPU_INFO_OFF_OFFSET_CONFIGURED, READ_CPU_INFO_LEN);
    be16_store(sccb + READ_CPU_INFO_OFF_NR_STANDBY, 0);
    be16_store(sccb + READ_CPU_INFO_OFF_OFFSET_STANDBY,
               READ_CPU_INFO_LEN + n * CPU_ENTRY_LEN);
    sccb_set_rc(sccb, SCLP_RC_NORMAL_READ_COMPLETION);
}

/* pvdump has no zPCI: every adapter type is unknown, as QEMU without it. */
static void configure_io_adapter(uint8_t *sccb)
{
    sccb_set_rc(sccb, be16_load(sccb + SCCB_OFF_LENGTH) < 16
                      ? SCLP_RC_INSUFFICIENT_SCCB_LENGTH
                      : SCLP_RC_ADAPTER_TYPE_NOT_RECOGNIZED);
}

static void sclp_execute(uint8_t *sccb, uint32_t code)
{
    switch (code & SCLP_CMD_CODE_MASK) {
    case SCLP_CMDW_READ_SCP_INFO:
    case SCLP_CMDW_READ_SCP_INFO_FORCED:
        read_scp_info(sccb);
        break;
    case SCLP_CMDW_READ_CPU_INFO:
        read_cpu_info(sccb);
        break;
    case SCLP_CMDW_CONFIGURE_IOA:
    case SCLP_CMDW_DECONFIGURE_IOA:
        configure_io_adapter(sccb);
        break;
    default:
        sclp_event_facility_command(sccb, code);
        break;
    }
}

/*
 * The program checks of SERVC itself: privileged; the SCCB must be in
 * storage, doubleword aligned, below 2 GiB and outside both the lowcore at
 * absolute 0 and the CPU's prefix area.
 */
static int sccb_address_check(const CPUS390XState *env, uint64_t sccb)
{
    if (env->psw_mask & PSW_MASK_PSTATE) {
        return PGM_PRIVILEGED;
    }
    if (sccb >= guest_ram_size()) {
        return PGM_ADDRESSING;
    }
    if ((sccb & ~0x1fffULL) == 0 || (sccb & ~0x1fffULL) == env->prefix ||
        (sccb & ~0x7ffffff8ULL) != 0) {
        return PGM_SPECIFICATION;
    }
    return 0;
}

int sclp_service_call(CPUState *cs, uint64_t sccb, uint32_t code)
{
    const CPUS390XState *env = &S390_CPU(cs)->env;
    g_autofree uint8_t *work = NULL;
    uint8_t hdr[SCCB_HDR_LEN];
    uint16_t len;
    int pgm = sccb_address_check(env, sccb);

    if (pgm) {
        return -pgm;
    }
    if (!guest_memory_read(sccb, hdr, sizeof(hdr), NULL)) {
        return -PGM_ADDRESSING;
    }
    len = be16_load(hdr + SCCB_OFF_LENGTH);
    if (len < SCCB_HDR_LEN) {
        return -PGM_SPECIFICATION;
    }
    /*
     * A private copy, so that the guest cannot change what was checked;
     * at least a page, so the commands need no length checks of their own.
     */
    work = g_malloc0(MAX(len, SCCB_SIZE));
    if (!guest_memory_read(sccb, work, len, NULL)) {
        return -PGM_ADDRESSING;
    }
    if (!sclp_command_code_valid(code)) {
        sccb_set_rc(work, SCLP_RC_INVALID_SCLP_COMMAND);
    } else if (!sccb_within_page(sccb, len)) {
        sccb_set_rc(work, SCLP_RC_SCCB_BOUNDARY_VIOLATION);
    } else {
        sclp_execute(work, code);
    }
    /* The header's length, as QEMU: a command may change the field. */
    if (!guest_memory_write(sccb, work, len, NULL)) {
        return -PGM_PROTECTION;
    }
    sclp_service_interrupt(sccb);
    return 0;
}

void sclp_service_interrupt(uint32_t sccb)
{
    uint32_t param = sccb & ~3u;

    if (sclp_event_facility_pending()) {
        param |= 1;
    }
    if (param) {
        kvm_s390_service_interrupt(param);
    }
}

void sclp_reset(void)
{
    sclp_event_facility_reset();
}
