/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * event-facility.h - the SCLP event facility (after QEMU's
 * hw/s390x/event-facility.c): event masks, Write Event Data and Read Event
 * Data, and the event sources (consoles) that register with it.
 */
#ifndef HW_S390X_EVENT_FACILITY_H
#define HW_S390X_EVENT_FACILITY_H

#include "qemu/osdep.h"

/* Event types. */
#define SCLP_EVENT_OPRTNS_COMMAND       0x01
#define SCLP_EVENT_MESSAGE              0x02
#define SCLP_EVENT_PMSGCMD              0x09
#define SCLP_EVENT_ASCII_CONSOLE_DATA   0x1a
#define SCLP_EVENT_SIGNAL_QUIESCE       0x1d

/* Event masks are 64 bits wide, event type T is bit T (MSB-0, from 1). */
#define SCLP_EVMASK(T)                  (1ULL << (64 - (T)))

/* The event buffer header: length (u16), type, flags, 2 reserved bytes. */
#define EVENT_BUF_HDR_LEN               6
#define EVENT_BUF_OFF_LENGTH            0
#define EVENT_BUF_OFF_TYPE              2
#define EVENT_BUF_OFF_FLAGS             3
#define SCLP_EVENT_BUFFER_ACCEPTED      0x80

/* Write Event Mask: mask length at 10, then four masks of that length. */
#define WEM_OFF_MASK_LENGTH             10
#define WEM_OFF_MASKS                   12
#define SCLP_EVENT_MASK_LEN_MAX         1021

/* Function codes of Write/Read Event Data. */
#define SCLP_FC_NORMAL_WRITE            0
#define SCLP_UNCONDITIONAL_READ         0x00
#define SCLP_SELECTIVE_READ             0x01

typedef struct SclpEvent SclpEvent;

/* What an event source (a console) does; one per source type. */
typedef struct SclpEventClass {
    const char *name;
    uint64_t send_mask;      /* events the source gives the guest (read) */
    uint64_t receive_mask;   /* events the source takes from the guest (write) */
    /* True if Write Event Data buffers of @type go to this source. */
    bool (*can_handle_event)(uint8_t type);
    /*
     * Consumes the event buffer @buf of @len bytes (header included; the
     * caller checked the length) and sets its accepted flag.  Returns an
     * SCLP response code.
     */
    uint16_t (*write_event_data)(SclpEvent *ev, uint8_t *buf, size_t len);
    /*
     * Stores one pending event into @buf, which has *@avail bytes; lowers
     * *@avail by the bytes used.  Returns false if nothing was stored.
     */
    bool (*read_event_data)(SclpEvent *ev, uint8_t *buf, size_t *avail);
    /* Machine reset: drops buffered data. */
    void (*reset)(SclpEvent *ev);
} SclpEventClass;

struct SclpEvent {
    const SclpEventClass *cls;
    bool event_pending;      /* has data for Read Event Data (BQL) */
};

/* Adds @ev to the facility (device realize); sources are kept in order. */
void sclp_event_register(SclpEvent *ev);

/* Removes @ev (device unrealize). */
void sclp_event_unregister(SclpEvent *ev);

/*
 * Executes the event-facility command @code on the SCCB copy @sccb of
 * SCCB_SIZE bytes (its length field is the guest's), setting the response
 * code.  Needs the BQL.
 */
void sclp_event_facility_command(uint8_t *sccb, uint32_t code);

/* True if a source has an event the guest's receive mask accepts. */
bool sclp_event_facility_pending(void);

/* Machine reset: forgets the guest's receive mask, resets the sources. */
void sclp_event_facility_reset(void);

#endif /* HW_S390X_EVENT_FACILITY_H */
