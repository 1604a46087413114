/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sclp-console.c - "sclpconsole", the SCLP VT220 console of an s390x
 * guest, bound to a chardev (libvirt's <console type='pty'/>), as QEMU's
 * hw/char/sclpconsole.c.
 *
 * The guest writes ASCII console events (type 0x1a) with Write Event Data;
 * their bytes go to the chardev.  What the user types is kept until the
 * guest reads it with Read Event Data, announced by a service signal with
 * the event-pending bit.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/qdev-core.h"
#include "hw/s390x/event-facility.h"
#include "hw/s390x/sclp.h"
#include "hw/s390x/sclp-console-chr.h"
#include "util/be-access.h"

/* Typed input beyond this, unread by the guest, is dropped. */
#define VT220_MAX_INPUT (64 * 1024)

typedef struct SclpVt220 {
    SclpEvent event;           /* must stay first */
    SclpConsoleChr chr;
    GByteArray *input;         /* typed, not yet read by the guest (BQL) */
} SclpVt220;

static SclpVt220 vt220;       /* QEMU allows one VT220 console */
static bool console_exists;

static bool vt220_can_handle_event(uint8_t type)
{
    return type == SCLP_EVENT_ASCII_CONSOLE_DATA;
}

static uint16_t vt220_write_event_data(SclpEvent *ev, uint8_t *buf, size_t len)
{
    SclpVt220 *con = (SclpVt220 *)ev;

    sclp_console_chr_write(&con->chr, buf + EVENT_BUF_HDR_LEN,
                           len - EVENT_BUF_HDR_LEN);
    buf[EVENT_BUF_OFF_FLAGS] |= SCLP_EVENT_BUFFER_ACCEPTED;
    return SCLP_RC_NORMAL_COMPLETION;
}

/*
 * One ASCII console event: a 0 byte ("an ASCII string follows"), then as
 * much of the input as fits; the rest stays pending.
 */
static bool vt220_read_event_data(SclpEvent *ev, uint8_t *buf, size_t *avail)
{
    SclpVt220 *con = (SclpVt220 *)ev;
    size_t room, n;

    if (!ev->event_pending || *avail < EVENT_BUF_HDR_LEN + 1) {
        return false;
    }
    room = *avail - EVENT_BUF_HDR_LEN - 1;
    n = MIN(room, con->input->len);
    buf[EVENT_BUF_HDR_LEN] = 0;
    memcpy(buf + EVENT_BUF_HDR_LEN + 1, con->input->data, n);
    g_byte_array_remove_range(con->input, 0, n);
    be16_store(buf + EVENT_BUF_OFF_LENGTH, EVENT_BUF_HDR_LEN + 1 + n);
    buf[EVENT_BUF_OFF_TYPE] = SCLP_EVENT_ASCII_CONSOLE_DATA;
    buf[EVENT_BUF_OFF_FLAGS] |= SCLP_EVENT_BUFFER_ACCEPTED;
    *avail -= EVENT_BUF_HDR_LEN + 1 + n;
    ev->event_pending = con->input->len > 0;
    return true;
}

static void vt220_reset(SclpEvent *ev)
{
    SclpVt220 *con = (SclpVt220 *)ev;

    g_byte_array_set_size(con->input, 0);
    ev->event_pending = false;
}

static const SclpEventClass vt220_class = {
    .name = "sclpconsole",
    .send_mask = SCLP_EVMASK(SCLP_EVENT_ASCII_CONSOLE_DATA),
    .receive_mask = SCLP_EVMASK(SCLP_EVENT_ASCII_CONSOLE_DATA),
    .can_handle_event = vt220_can_handle_event,
    .write_event_data = vt220_write_event_data,
    .read_event_data = vt220_read_event_data,
    .reset = vt220_reset,
};

static void vt220_input(void *opaque, const uint8_t *buf, size_t len)
{
    SclpVt220 *con = opaque;

    if (!con->input) {
        return;             /* the device is gone; its chardev is not yet */
    }
    len = MIN(len, VT220_MAX_INPUT - con->input->len);
    if (!len) {
        return;
    }
    g_byte_array_append(con->input, buf, len);
    con->event.event_pending = true;
    sclp_service_interrupt(0);
}

static bool sclp_console_realize(DeviceState *dev, QemuOpts *opts,
                                 GError **errp)
{
    if (console_exists) {
        error_setg(errp, "Multiple VT220 operator consoles are not supported");
        return false;
    }
    memset(&vt220, 0, sizeof(vt220));
    vt220.event.cls = &vt220_class;
    vt220.chr.type = "sclpconsole";
    vt220.chr.input = vt220_input;
    vt220.chr.opaque = &vt220;
    if (!sclp_console_chr_attach(&vt220.chr, opts, errp)) {
        sclp_console_chr_detach(&vt220.chr);
        return false;
    }
    vt220.input = g_byte_array_new();
    sclp_event_register(&vt220.event);
    dev->opaque = &vt220;
    console_exists = true;
    return true;
}

static void sclp_console_unrealize(DeviceState *dev)
{
    sclp_event_unregister(&vt220.event);
    sclp_console_chr_detach(&vt220.chr);
    g_clear_pointer(&vt220.input, g_byte_array_unref);
    vt220.event.event_pending = false;
    console_exists = false;
}

static const QomPropertyInfo sclp_console_props[] = {
    { "chardev", "str", "ID of a chardev to use as a backend" },
    { NULL },
};

const DeviceTypeInfo sclp_console_type = {
    .name = "sclpconsole",
    .parent = "sclp-event",
    .props = sclp_console_props,
    .realize = sclp_console_realize,
    .unrealize = sclp_console_unrealize,
};
