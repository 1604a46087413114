/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * event-facility.c - the SCLP event facility, as QEMU's
 * hw/s390x/event-facility.c: Write Event Mask, Write Event Data and Read
 * Event Data over the event sources (consoles) that registered.
 *
 * Everything runs under the BQL: SERVC on a vCPU thread, console input
 * from the main loop.
 */
#include "qemu/osdep.h"
#include "hw/s390x/event-facility.h"
#include "hw/s390x/sclp.h"
#include "util/be-access.h"

static struct {
    GPtrArray *sources;       /* SclpEvent *, in registration order */
    uint64_t receive_mask;    /* the guest's (control program's) receive mask */
    uint16_t mask_length;     /* of the last accepted Write Event Mask */
} ef;

void sclp_event_register(SclpEvent *ev)
{
    if (!ef.sources) {
        ef.sources = g_ptr_array_new();
    }
    g_ptr_array_add(ef.sources, ev);
}

void sclp_event_unregister(SclpEvent *ev)
{
    if (ef.sources) {
        g_ptr_array_remove(ef.sources, ev);
    }
}

static SclpEvent *source(guint i)
{
    return g_ptr_array_index(ef.sources, i);
}

static guint source_count(void)
{
    return ef.sources ? ef.sources->len : 0;
}

static uint64_t host_mask(bool send)
{
    uint64_t mask = 0;

    for (guint i = 0; i < source_count(); i++) {
        mask |= send ? source(i)->cls->send_mask : source(i)->cls->receive_mask;
    }
    return mask;
}

bool sclp_event_facility_pending(void)
{
    for (guint i = 0; i < source_count(); i++) {
        if (source(i)->event_pending &&
            (source(i)->cls->send_mask & ef.receive_mask)) {
            return true;
        }
    }
    return false;
}

/* Masks have the guest's length; pvdump keeps 64 bits (QEMU's copy_mask). */
static uint64_t mask_load(const uint8_t *p, uint16_t len)
{
    uint8_t buf[8] = { 0 };

    memcpy(buf, p, MIN(len, sizeof(buf)));
    return be64_load(buf);
}

static void mask_store(uint8_t *p, uint16_t len, uint64_t mask)
{
    uint8_t buf[8];

    be64_store(buf, mask);
    memset(p, 0, len);
    memcpy(p, buf, MIN(len, sizeof(buf)));
}

/*
 * The four masks follow each other: the guest's receive and send masks,
 * then the SCLP's receive and send masks, which the SCLP fills in.
 */
static void write_event_mask(uint8_t *sccb)
{
    uint16_t len = be16_load(sccb + WEM_OFF_MASK_LENGTH);
    uint8_t *masks = sccb + WEM_OFF_MASKS;

    /* The SCCB copy has a page: four masks of the maximum length fit. */
    if (!len || len > SCLP_EVENT_MASK_LEN_MAX) {
        be16_store(sccb + SCCB_OFF_RESPONSE_CODE, SCLP_RC_INVALID_MASK_LENGTH);
        return;
    }
    ef.receive_mask = mask_load(masks, len);
    mask_store(masks + 2 * len, len, host_mask(false));
    mask_store(masks + 3 * len, len, host_mask(true));
    ef.mask_length = len;
    be16_store(sccb + SCCB_OFF_RESPONSE_CODE, SCLP_RC_NORMAL_COMPLETION);
}

/* The event buffers must tile the data area exactly. */
static uint16_t write_event_length_check(const uint8_t *sccb)
{
    int slen = be16_load(sccb + SCCB_OFF_LENGTH) - SCCB_HDR_LEN;
    const uint8_t *buf = sccb + SCCB_HDR_LEN;
    unsigned elen;

    for (; slen > 0; slen -= elen, buf += elen) {
        elen = be16_load(buf + EVENT_BUF_OFF_LENGTH);
        if (elen < EVENT_BUF_HDR_LEN || elen > (unsigned)slen) {
            return SCLP_RC_EVENT_BUFFER_SYNTAX_ERROR;
        }
    }
    return slen ? SCLP_RC_INCONSISTENT_LENGTHS : SCLP_RC_NORMAL_COMPLETION;
}

static uint16_t write_event_buf(uint8_t *buf, size_t len)
{
    for (guint i = 0; i < source_count(); i++) {
        SclpEvent *ev = source(i);
        if (ev->cls->write_event_data &&
            ev->cls->can_handle_event(buf[EVENT_BUF_OFF_TYPE])) {
            return ev->cls->write_event_data(ev, buf, len);
        }
    }
    return SCLP_RC_INVALID_FUNCTION;
}

static void write_event_data(uint8_t *sccb)
{
    uint16_t rc;
    int slen = be16_load(sccb + SCCB_OFF_LENGTH) - SCCB_HDR_LEN;
    uint8_t *buf = sccb + SCCB_HDR_LEN;
    unsigned elen;

    if (sccb[SCCB_OFF_FUNCTION_CODE] != SCLP_FC_NORMAL_WRITE) {
        be16_store(sccb + SCCB_OFF_RESPONSE_CODE, SCLP_RC_INVALID_FUNCTION);
        return;
    }
    rc = write_event_length_check(sccb);
    if (rc != SCLP_RC_NORMAL_COMPLETION) {
        be16_store(sccb + SCCB_OFF_RESPONSE_CODE, rc);
        return;
    }
    for (; rc == SCLP_RC_NORMAL_COMPLETION && slen > 0; slen -= elen, buf += elen) {
        elen = be16_load(buf + EVENT_BUF_OFF_LENGTH);
        rc = write_event_buf(buf, elen);
    }
    /* After an error the remaining buffers are marked not accepted. */
    for (; slen > 0; slen -= elen, buf += elen) {
        elen = be16_load(buf + EVENT_BUF_OFF_LENGTH);
        buf[EVENT_BUF_OFF_FLAGS] &= ~SCLP_EVENT_BUFFER_ACCEPTED;
    }
    be16_store(sccb + SCCB_OFF_RESPONSE_CODE, rc);
}

static uint16_t read_events(uint8_t *sccb, uint64_t mask)
{
    size_t avail = SCCB_SIZE - SCCB_HDR_LEN;
    uint8_t *buf = sccb + SCCB_HDR_LEN;
    uint16_t rc = SCLP_RC_NO_EVENT_BUFFERS_STORED;

    be16_store(buf + EVENT_BUF_OFF_LENGTH, 0);
    for (guint i = 0; i < source_count(); i++) {
        SclpEvent *ev = source(i);
        if ((mask & ev->cls->send_mask) &&
            ev->cls->read_event_data(ev, buf, &avail)) {
            buf += be16_load(buf + EVENT_BUF_OFF_LENGTH);
            rc = SCLP_RC_NORMAL_COMPLETION;
        }
    }
    if (sccb[SCCB_OFF_CONTROL_MASK2] & SCLP_VARIABLE_LENGTH_RESPONSE) {
        /* The architecture suggests resetting the bit with the new length. */
        sccb[SCCB_OFF_CONTROL_MASK2] &= ~SCLP_VARIABLE_LENGTH_RESPONSE;
        be16_store(sccb + SCCB_OFF_LENGTH, SCCB_SIZE - avail);
    }
    return rc;
}

static void read_event_data(uint8_t *sccb)
{
    uint16_t rc;
    uint64_t sel;

    if (be16_load(sccb + SCCB_OFF_LENGTH) != SCCB_SIZE) {
        rc = SCLP_RC_INSUFFICIENT_SCCB_LENGTH;
    } else if (sccb[SCCB_OFF_FUNCTION_CODE] == SCLP_UNCONDITIONAL_READ) {
        rc = read_events(sccb, ef.receive_mask);
    } else if (sccb[SCCB_OFF_FUNCTION_CODE] == SCLP_SELECTIVE_READ) {
        sel = mask_load(sccb + SCCB_HDR_LEN, ef.mask_length);
        rc = !ef.receive_mask || (sel & ~ef.receive_mask)
             ? SCLP_RC_INVALID_SELECTION_MASK : read_events(sccb, sel);
    } else {
        rc = SCLP_RC_INVALID_FUNCTION;
    }
    be16_store(sccb + SCCB_OFF_RESPONSE_CODE, rc);
}

void sclp_event_facility_command(uint8_t *sccb, uint32_t code)
{
    switch (code & SCLP_CMD_CODE_MASK) {
    case SCLP_CMD_READ_EVENT_DATA:
        read_event_data(sccb);
        break;
    case SCLP_CMD_WRITE_EVENT_DATA:
        write_event_data(sccb);
        break;
    case SCLP_CMD_WRITE_EVENT_MASK:
        write_event_mask(sccb);
        break;
    default:
        be16_store(sccb + SCCB_OFF_RESPONSE_CODE, SCLP_RC_INVALID_SCLP_COMMAND);
        break;
    }
}

void sclp_event_facility_reset(void)
{
    ef.receive_mask = 0;
    ef.mask_length = 0;
    for (guint i = 0; i < source_count(); i++) {
        if (source(i)->cls->reset) {
            source(i)->cls->reset(source(i));
        }
    }
}
