/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sclp-quiesce.c - the SCLP signal-quiesce event (type 0x1d), QEMU's
 * hw/s390x/sclpquiesce.c: system_powerdown makes it pending and raises a
 * service signal; the guest reads it with Read Event Data and shuts down
 * (Linux: ctrl_alt_del).  Every s390-ccw machine has this source.
 */
#include "qemu/osdep.h"
#include "hw/s390x/event-facility.h"
#include "hw/s390x/sclp.h"
#include "hw/s390x/sclp-quiesce.h"
#include "sysemu/runstate.h"
#include "util/be-access.h"

/* The event buffer: header, timeout (u16, seconds) and its unit (u8). */
#define SIGNAL_QUIESCE_LEN      (EVENT_BUF_HDR_LEN + 3)

static SclpEvent quiesce;

static bool quiesce_read_event_data(SclpEvent *ev, uint8_t *buf, size_t *avail)
{
    if (!ev->event_pending || *avail < SIGNAL_QUIESCE_LEN) {
        return false;
    }
    memset(buf + EVENT_BUF_HDR_LEN, 0, SIGNAL_QUIESCE_LEN - EVENT_BUF_HDR_LEN);
    be16_store(buf + EVENT_BUF_OFF_LENGTH, SIGNAL_QUIESCE_LEN);
    buf[EVENT_BUF_OFF_TYPE] = SCLP_EVENT_SIGNAL_QUIESCE;
    buf[EVENT_BUF_OFF_FLAGS] |= SCLP_EVENT_BUFFER_ACCEPTED;
    *avail -= SIGNAL_QUIESCE_LEN;
    ev->event_pending = false;
    return true;
}

static void quiesce_reset(SclpEvent *ev)
{
    ev->event_pending = false;
}

static const SclpEventClass quiesce_class = {
    .name = "sclpquiesce",
    .send_mask = SCLP_EVMASK(SCLP_EVENT_SIGNAL_QUIESCE),
    .receive_mask = 0,
    .read_event_data = quiesce_read_event_data,
    .reset = quiesce_reset,
};

static void quiesce_powerdown(void)
{
    quiesce.event_pending = true;
    sclp_service_interrupt(0);
}

void sclp_quiesce_init(void)
{
    quiesce.cls = &quiesce_class;
    quiesce.event_pending = false;
    sclp_event_register(&quiesce);
    qemu_register_powerdown_handler(quiesce_powerdown);
}

void sclp_quiesce_cleanup(void)
{
    if (!quiesce.cls) {
        return;         /* a machine without CPUs or RAM ("none") */
    }
    quiesce.cls = NULL;
    qemu_register_powerdown_handler(NULL);
    sclp_event_unregister(&quiesce);
}
