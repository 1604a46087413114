/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sclp.h - the service-call logical processor: SERVC, its service-signal
 * completion interruption and Read SCP Info.
 */
#ifndef GUEST_SCLP_H
#define GUEST_SCLP_H

#include <stdbool.h>
#include <stdint.h>

#define SCCB_SIZE                       4096
#define GUEST_MAX_CPUS                  248     /* QEMU's s390-ccw maximum */

#define SCLP_CMD_READ_SCP_INFO          0x00020001
#define SCLP_CMD_READ_SCP_INFO_FORCED   0x00120001
#define SCLP_CMD_READ_EVENT_DATA        0x00770005
#define SCLP_CMD_WRITE_EVENT_DATA       0x00760005
#define SCLP_CMD_WRITE_EVENT_MASK       0x00780005

#define SCLP_RC_NORMAL_READ_COMPLETION  0x0010
#define SCLP_RC_NORMAL_COMPLETION       0x0020
#define SCLP_RC_INVALID_COMMAND         0x01f0
#define SCLP_RC_NO_EVENT_BUFFERS        0x60f0
#define SCLP_RC_NOT_OPERATIONAL         0xffff  /* SERVC cc 3: no SCLP */

/* bit 0x80 of control_mask[2]: the SCLP may shorten the SCCB */
#define SCLP_VARIABLE_LENGTH_RESPONSE   0x80

struct sccb_header {
    uint16_t length;
    uint8_t function_code;
    uint8_t control_mask[3];
    uint16_t response_code;
} __attribute__((packed));

struct sclp_info {
    uint64_t mem_mib;
    unsigned ncpus;
    uint16_t cpu_address[GUEST_MAX_CPUS];
};

/*
 * Enables the service-signal subclass in CR0 of the calling CPU.  Every
 * CPU that calls sclp_call() must have called it once.
 */
void sclp_setup_int(void);

/*
 * Issues SERVC @cmd on @sccb (below 2 GiB, within one page) and waits,
 * with external interruptions enabled, until the service-signal
 * interruption reports its completion (as kvm-unit-tests' sclp_wait_busy).
 * Serialised across CPUs.  Returns the SCCB's response code, or
 * SCLP_RC_NOT_OPERATIONAL when SERVC gives condition code 3.
 */
uint16_t sclp_call(uint32_t cmd, struct sccb_header *sccb);

/*
 * The service-signal part of the external-interruption handler: ends the
 * wait of sclp_call() and notes that the SCLP has events pending.
 */
void sclp_handle_service_signal(uint32_t param);

/* Whether an unsolicited "events pending" signal came since the last call. */
bool sclp_take_attention(void);

/* Read SCP Info: memory size and the CPU entries.  False if unavailable. */
bool sclp_read_info(struct sclp_info *info);

#endif
