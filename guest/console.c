/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * console.c - the SCLP VT220 console: Write Event Mask, Write Event Data
 * and Read Event Data (layouts as QEMU's include/hw/s390x/event-facility.h).
 */
#include <stdarg.h>
#include "arch.h"
#include "console.h"
#include "lib.h"
#include "sclp.h"

#define WRITE_CHUNK 1024        /* output bytes per Write Event Data */

struct event_header {
    uint16_t length;
    uint8_t type;
    uint8_t flags;
    uint16_t reserved;
} __attribute__((packed));

struct write_event_mask {
    struct sccb_header h;
    uint16_t reserved;
    uint16_t mask_length;
    uint32_t cp_receive_mask;       /* events the guest takes */
    uint32_t cp_send_mask;          /* events the guest gives */
    uint32_t send_mask;             /* events the SCLP gives */
    uint32_t receive_mask;          /* events the SCLP takes */
} __attribute__((packed));

struct write_event_data {
    struct sccb_header h;
    struct event_header ev;
    char data[];
} __attribute__((packed));

static uint8_t console_sccb[SCCB_SIZE] __attribute__((aligned(4096)));
static int console_lock;
static bool console_ok;      /* the SCLP takes ASCII console events */
static bool events_ok;       /* the event mask is set: signal quiesce arrives
                                even on a machine without a console */

bool console_init(void)
{
    struct write_event_mask *m = (struct write_event_mask *)console_sccb;
    uint32_t ascii = EVENT_MASK(EVENT_TYPE_ASCII_CONSOLE);

    spin_lock(&console_lock);
    memset(m, 0, sizeof(*m));
    m->h.length = sizeof(*m);
    m->mask_length = sizeof(uint32_t);
    m->cp_receive_mask = ascii | EVENT_MASK(EVENT_TYPE_SIGNAL_QUIESCE);
    m->cp_send_mask = ascii;
    events_ok = sclp_call(SCLP_CMD_WRITE_EVENT_MASK, &m->h) ==
                SCLP_RC_NORMAL_COMPLETION;
    console_ok = events_ok && (m->receive_mask & ascii);
    spin_unlock(&console_lock);
    return console_ok;
}

static void write_chunk(const char *s, size_t len)
{
    struct write_event_data *w = (struct write_event_data *)console_sccb;

    memset(w, 0, sizeof(*w));
    w->h.length = sizeof(*w) + len;
    w->ev.length = sizeof(w->ev) + len;
    w->ev.type = EVENT_TYPE_ASCII_CONSOLE;
    memcpy(w->data, s, len);
    sclp_call(SCLP_CMD_WRITE_EVENT_DATA, &w->h);
}

void console_write(const char *s, size_t len)
{
    static char buf[WRITE_CHUNK + 1];
    size_t n = 0;

    if (!console_ok) {
        return;
    }
    spin_lock(&console_lock);
    for (; len; s++, len--) {
        if (*s == '\n') {
            buf[n++] = '\r';
        }
        buf[n++] = *s;
        if (n >= WRITE_CHUNK) {
            write_chunk(buf, n);
            n = 0;
        }
    }
    if (n) {
        write_chunk(buf, n);
    }
    spin_unlock(&console_lock);
}

void console_printf(const char *fmt, ...)
{
    static char line[8192];
    static int line_lock;
    va_list ap;
    size_t n;

    spin_lock(&line_lock);
    va_start(ap, fmt);
    n = fmt_vformat(line, sizeof(line), fmt, ap);
    va_end(ap);
    console_write(line, n);
    spin_unlock(&line_lock);
}

/* Takes the events of one Read Event Data SCCB into @in. */
static void take_events(const uint8_t *sccb, struct console_input *in)
{
    const struct sccb_header *h = (const struct sccb_header *)sccb;
    size_t off = sizeof(*h), end = h->length, n, data;
    const struct event_header *ev;
    const uint8_t *chars;

    while (off + sizeof(*ev) <= end && end <= SCCB_SIZE) {
        ev = (const struct event_header *)(sccb + off);
        if (ev->length < sizeof(*ev) || off + ev->length > end) {
            return;
        }
        data = ev->length - sizeof(*ev);
        chars = (const uint8_t *)(ev + 1);
        /* VT220 input: a 0 byte says an ASCII string follows (Linux's
         * sclp_vt220.c); other leading bytes are break/control, ignored. */
        if (ev->type == EVENT_TYPE_ASCII_CONSOLE && data && chars[0] == 0) {
            data--;
            n = data < sizeof(in->chars) - in->len ? data
                                                   : sizeof(in->chars) - in->len;
            memcpy(in->chars + in->len, chars + 1, n);
            in->len += n;
        } else if (ev->type == EVENT_TYPE_SIGNAL_QUIESCE) {
            in->quiesce = true;
        }
        off += ev->length;
    }
}

void console_poll(struct console_input *in)
{
    struct sccb_header *h = (struct sccb_header *)console_sccb;
    uint16_t rc;

    in->len = 0;
    in->quiesce = false;
    if (!events_ok) {
        return;
    }
    spin_lock(&console_lock);
    do {
        memset(console_sccb, 0, SCCB_SIZE);
        h->length = SCCB_SIZE;  /* QEMU wants a whole page for reads */
        rc = sclp_call(SCLP_CMD_READ_EVENT_DATA, h);
        if (rc == SCLP_RC_NORMAL_COMPLETION) {
            take_events(console_sccb, in);
        }
    } while (rc == SCLP_RC_NORMAL_COMPLETION && in->len < sizeof(in->chars));
    spin_unlock(&console_lock);
}
