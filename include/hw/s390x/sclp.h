/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sclp.h - the service-call logical processor (SERVC), as QEMU's
 * hw/s390x/sclp.c: command words, response codes and the layout of the
 * service-call control block (SCCB) the guest hands over.
 *
 * The SCCB is big-endian guest memory; the code works on a private copy
 * through the offsets below and util/be-access.h, never through casts of
 * packed structures (docs/sclp.md).
 */
#ifndef HW_S390X_SCLP_H
#define HW_S390X_SCLP_H

#include "qemu/osdep.h"
#include "hw/core/cpu.h"

/* SCLP command words (the masked part; see SCLP_CMD_CODE_MASK). */
#define SCLP_CMDW_READ_CPU_INFO         0x00010001
#define SCLP_CMDW_READ_SCP_INFO         0x00020001
#define SCLP_CMDW_READ_SCP_INFO_FORCED  0x00120001
#define SCLP_CMDW_CONFIGURE_IOA         0x001a0001
#define SCLP_CMDW_DECONFIGURE_IOA       0x001b0001
#define SCLP_CMD_WRITE_EVENT_DATA       0x00760005
#define SCLP_CMD_READ_EVENT_DATA        0x00770005
#define SCLP_CMD_WRITE_EVENT_MASK       0x00780005
/* Bits 8-15 of the command word carry a resource number, not the command. */
#define SCLP_CMD_CODE_MASK              0xffff00ff

/* SCCB response codes (big-endian at offset 6). */
#define SCLP_RC_NORMAL_READ_COMPLETION      0x0010
#define SCLP_RC_NORMAL_COMPLETION           0x0020
#define SCLP_RC_SCCB_BOUNDARY_VIOLATION     0x0100
#define SCLP_RC_INVALID_SCLP_COMMAND        0x01f0
#define SCLP_RC_INSUFFICIENT_SCCB_LENGTH    0x0300
#define SCLP_RC_CONTAINED_EQUIPMENT_CHECK   0x0340
#define SCLP_RC_ADAPTER_TYPE_NOT_RECOGNIZED 0x09f0
#define SCLP_RC_INVALID_FUNCTION            0x40f0
#define SCLP_RC_NO_EVENT_BUFFERS_STORED     0x60f0
#define SCLP_RC_INVALID_SELECTION_MASK      0x70f0
#define SCLP_RC_INCONSISTENT_LENGTHS        0x72f0
#define SCLP_RC_EVENT_BUFFER_SYNTAX_ERROR   0x73f0
#define SCLP_RC_INVALID_MASK_LENGTH         0x74f0

/* The SCCB header: length, function code, control mask, response code. */
#define SCCB_SIZE                 4096
#define SCCB_HDR_LEN              8
#define SCCB_OFF_LENGTH           0
#define SCCB_OFF_FUNCTION_CODE    2
#define SCCB_OFF_CONTROL_MASK2    5       /* control_mask[2] */
#define SCCB_OFF_RESPONSE_CODE    6
#define SCLP_VARIABLE_LENGTH_RESPONSE 0x80  /* in control_mask[2] */

/* Read SCP Info (QEMU's ReadInfo; offsets as the architecture numbers them). */
#define READ_INFO_OFF_RNMAX          8    /* u16: storage increments */
#define READ_INFO_OFF_RNSIZE         10   /* u8: increment size in MiB */
#define READ_INFO_OFF_ENTRIES_CPU    16   /* u16 */
#define READ_INFO_OFF_OFFSET_CPU     18   /* u16 */
#define READ_INFO_OFF_LOADPARM       24   /* 8 bytes EBCDIC */
#define READ_INFO_OFF_FACILITIES     48   /* u64 */
#define READ_INFO_OFF_IBC            76   /* u32 */
#define READ_INFO_OFF_CONF_CHAR      80   /* 19 bytes */
#define READ_INFO_OFF_MHA_POW        99   /* u8 */
#define READ_INFO_OFF_RNSIZE2        100  /* u32 */
#define READ_INFO_OFF_RNMAX2         104  /* u64 */
#define READ_INFO_OFF_CONF_CHAR_EXT  116  /* 4 bytes */
#define READ_INFO_OFF_HIGHEST_CPU    120  /* u16 */
#define READ_INFO_OFF_HMFAI          124  /* u32 */
#define READ_INFO_LEN                144  /* sizeof(ReadInfo) */
/* Without the extended-length-SCCB feature the CPU entries start here. */
#define READ_INFO_FIXED_CPU_OFFSET   128

/* The facilities word of Read SCP Info (QEMU's SCLP_HAS_*). */
#define SCLP_HAS_CPU_INFO            0x0C00000000000000ULL
#define SCLP_HAS_IOA_RECONFIG        0x0000000040000000ULL

/* One CPU entry (16 bytes): address at 0, features at 2-7, type at 14. */
#define CPU_ENTRY_LEN                16
#define CPU_ENTRY_OFF_ADDRESS        0
#define CPU_ENTRY_OFF_TYPE           14

/* Read CPU Info (QEMU's ReadCpuInfo). */
#define READ_CPU_INFO_OFF_NR_CONFIGURED     8
#define READ_CPU_INFO_OFF_OFFSET_CONFIGURED 10
#define READ_CPU_INFO_OFF_NR_STANDBY        12
#define READ_CPU_INFO_OFF_OFFSET_STANDBY    14
#define READ_CPU_INFO_LEN                   24

/*
 * SERVC from @cs: validates the SCCB address @sccb and the command word
 * @code as QEMU's sclp_service_call() does, executes the command on a
 * private copy of the SCCB, writes the result back and raises the
 * service-signal external interrupt with the SCCB address.  Returns the
 * condition code (0: accepted; the SCLP completes synchronously, so it is
 * never busy) or minus a program interruption code.  Needs the BQL; @cs's
 * registers are current in its env.  The same call serves /dev/kvm's and
 * uvsim's SERVC intercepts.
 */
int sclp_service_call(CPUState *cs, uint64_t sccb, uint32_t code);

/*
 * Raises a service signal for @sccb (0 when only an event became pending):
 * the parameter carries the SCCB address and, in bit 31, whether the event
 * facility has an event for the guest.  Nothing is raised when both are 0.
 * Needs the BQL.
 */
void sclp_service_interrupt(uint32_t sccb);

/* Machine reset: the event facility forgets the guest's event masks. */
void sclp_reset(void);

#endif /* HW_S390X_SCLP_H */
