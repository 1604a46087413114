/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sclp-console-lm.c - "sclplmconsole", the SCLP line-mode console, as
 * QEMU's hw/char/sclpconsole-lm.c.
 *
 * Output: message events (type 0x02) whose message data block (MDB) holds
 * message-text objects (MTO) in EBCDIC; each becomes a new line on the
 * chardev.  Input: a line typed by the user becomes an operations-command
 * event (type 0x01) whose GDS vectors (MDS message unit > control-program
 * message unit > text command > self-defining text message > text message)
 * carry the line in EBCDIC, as the Linux sclp tty driver parses it.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/qdev-core.h"
#include "util/ebcdic.h"
#include "hw/s390x/event-facility.h"
#include "hw/s390x/sclp.h"
#include "hw/s390x/sclp-console-chr.h"
#include "util/be-access.h"

/* Message event: the MDB header follows the event buffer header. */
#define MDB_OFF                 EVENT_BUF_HDR_LEN
#define MDB_HDR_LEN             12          /* length, type, tag, revision */
#define MDBO_HDR_LEN            4           /* length, type */
#define MDBO_TYPE_MESSAGE_TEXT  0x0004
#define MTO_OFF_TEXT            10          /* after line type, alarm, reserved */

/* Operations command: GDS vectors (u16 length, u16 id) and subvectors. */
#define GDS_ID_MDSMU            0x1310
#define GDS_ID_CPMSU            0x1212
#define GDS_ID_TEXTCMD          0x1320
#define GDS_KEY_SELFDEFTEXTMSG  0x31
#define GDS_KEY_TEXTMSG         0x30
#define OC_OFF_MDSMU            EVENT_BUF_HDR_LEN
#define OC_OFF_CPMSU            (OC_OFF_MDSMU + 4)
#define OC_OFF_TEXTCMD          (OC_OFF_CPMSU + 4)
#define OC_OFF_SELFDEF          (OC_OFF_TEXTCMD + 4)
#define OC_OFF_TEXTMSG          (OC_OFF_SELFDEF + 2)
#define OC_LEN                  (OC_OFF_TEXTMSG + 2)
/* A subvector's length is one byte and covers the self-defining message. */
#define LM_MAX_LINE             (255 - 4)
#define LM_MAX_BACKLOG          (64 * 1024)

typedef struct SclpLineMode {
    SclpEvent event;           /* must stay first */
    SclpConsoleChr chr;
    bool echo;                 /* echo typed characters (QEMU's default) */
    uint8_t line[LM_MAX_LINE]; /* the line being typed or waiting (BQL) */
    size_t length;
    GByteArray *backlog;       /* typed while a line waits for the guest */
} SclpLineMode;

static SclpLineMode lm;        /* QEMU allows one line-mode console */
static bool console_exists;

static bool lm_can_handle_event(uint8_t type)
{
    return type == SCLP_EVENT_MESSAGE || type == SCLP_EVENT_PMSGCMD;
}

/* The MDB's objects must tile it, within the event buffer. */
static bool mdb_consistent(const uint8_t *mdb, size_t mdb_len)
{
    size_t off = MDB_HDR_LEN;

    while (off < mdb_len) {
        size_t olen = mdb_len - off < MDBO_HDR_LEN ? 0 : be16_load(mdb + off);
        if (olen < MDBO_HDR_LEN || olen > mdb_len - off) {
            return false;
        }
        off += olen;
    }
    return true;
}

static void lm_write_text(SclpLineMode *con, const uint8_t *mto, size_t olen)
{
    uint8_t text[SCCB_SIZE];
    size_t n = olen > MTO_OFF_TEXT ? olen - MTO_OFF_TEXT : 0;

    ebcdic_to_ascii(text, mto + MTO_OFF_TEXT, n);
    /* QEMU starts every message line with a newline. */
    sclp_console_chr_write(&con->chr, "\n", 1);
    sclp_console_chr_write(&con->chr, text, n);
}

static uint16_t lm_write_event_data(SclpEvent *ev, uint8_t *buf, size_t len)
{
    SclpLineMode *con = (SclpLineMode *)ev;
    const uint8_t *mdb = buf + MDB_OFF;
    size_t mdb_len = len >= MDB_OFF + 2 ? be16_load(mdb) : 0;

    if (mdb_len < MDB_HDR_LEN || mdb_len > len - MDB_OFF ||
        !mdb_consistent(mdb, mdb_len)) {
        return SCLP_RC_INCONSISTENT_LENGTHS;
    }
    for (size_t off = MDB_HDR_LEN; off < mdb_len; off += be16_load(mdb + off)) {
        if (be16_load(mdb + off + 2) == MDBO_TYPE_MESSAGE_TEXT) {
            lm_write_text(con, mdb + off, be16_load(mdb + off));
        }
    }
    buf[EVENT_BUF_OFF_FLAGS] = SCLP_EVENT_BUFFER_ACCEPTED;
    return SCLP_RC_NORMAL_COMPLETION;
}

/* Moves typed bytes into the line until a line end makes it pending. */
static void lm_consume_backlog(SclpLineMode *con)
{
    guint i;

    for (i = 0; i < con->backlog->len && !con->event.event_pending; i++) {
        uint8_t c = con->backlog->data[i];
        if (c == '\r' || c == '\n') {
            con->event.event_pending = true;
        } else if (con->length < LM_MAX_LINE) {
            /* Characters beyond the maximum line are eaten, as QEMU. */
            con->line[con->length++] = c;
            if (con->echo) {
                sclp_console_chr_write(&con->chr, &c, 1);
            }
        }
    }
    g_byte_array_remove_range(con->backlog, 0, i);
}

static bool lm_read_event_data(SclpEvent *ev, uint8_t *buf, size_t *avail)
{
    SclpLineMode *con = (SclpLineMode *)ev;
    size_t n = con->length;

    if (!ev->event_pending || *avail < OC_LEN + n) {
        return false;
    }
    be16_store(buf + OC_OFF_MDSMU, OC_LEN - OC_OFF_MDSMU + n);
    be16_store(buf + OC_OFF_MDSMU + 2, GDS_ID_MDSMU);
    be16_store(buf + OC_OFF_CPMSU, OC_LEN - OC_OFF_CPMSU + n);
    be16_store(buf + OC_OFF_CPMSU + 2, GDS_ID_CPMSU);
    be16_store(buf + OC_OFF_TEXTCMD, OC_LEN - OC_OFF_TEXTCMD + n);
    be16_store(buf + OC_OFF_TEXTCMD + 2, GDS_ID_TEXTCMD);
    buf[OC_OFF_SELFDEF] = OC_LEN - OC_OFF_SELFDEF + n;
    buf[OC_OFF_SELFDEF + 1] = GDS_KEY_SELFDEFTEXTMSG;
    buf[OC_OFF_TEXTMSG] = OC_LEN - OC_OFF_TEXTMSG + n;
    buf[OC_OFF_TEXTMSG + 1] = GDS_KEY_TEXTMSG;
    ascii_to_ebcdic(buf + OC_LEN, con->line, n);
    be16_store(buf + EVENT_BUF_OFF_LENGTH, OC_LEN + n);
    buf[EVENT_BUF_OFF_TYPE] = SCLP_EVENT_OPRTNS_COMMAND;
    *avail -= OC_LEN + n;
    con->length = 0;
    ev->event_pending = false;
    /* The next line may already be typed; the service signal says so. */
    lm_consume_backlog(con);
    return true;
}

static void lm_reset(SclpEvent *ev)
{
    SclpLineMode *con = (SclpLineMode *)ev;

    con->length = 0;
    g_byte_array_set_size(con->backlog, 0);
    ev->event_pending = false;
}

static const SclpEventClass lm_class = {
    .name = "sclplmconsole",
    .send_mask = SCLP_EVMASK(SCLP_EVENT_OPRTNS_COMMAND) |
                 SCLP_EVMASK(SCLP_EVENT_PMSGCMD),
    .receive_mask = SCLP_EVMASK(SCLP_EVENT_MESSAGE) |
                    SCLP_EVMASK(SCLP_EVENT_PMSGCMD),
    .can_handle_event = lm_can_handle_event,
    .write_event_data = lm_write_event_data,
    .read_event_data = lm_read_event_data,
    .reset = lm_reset,
};

static void lm_input(void *opaque, const uint8_t *buf, size_t len)
{
    SclpLineMode *con = opaque;
    bool was_pending = con->event.event_pending;

    if (!con->backlog) {
        return;             /* the device is gone; its chardev is not yet */
    }
    len = MIN(len, LM_MAX_BACKLOG - con->backlog->len);
    g_byte_array_append(con->backlog, buf, len);
    lm_consume_backlog(con);
    if (!was_pending && con->event.event_pending) {
        sclp_service_interrupt(0);
    }
}

static bool sclp_lm_console_realize(DeviceState *dev, QemuOpts *opts,
                                    GError **errp)
{
    bool echo;

    if (console_exists) {
        error_setg(errp, "Multiple line-mode operator consoles are not supported");
        return false;
    }
    if (!qemu_opt_get_bool(opts, "echo", true, &echo, errp)) {
        return false;
    }
    memset(&lm, 0, sizeof(lm));
    lm.event.cls = &lm_class;
    lm.echo = echo;
    lm.chr.type = "sclplmconsole";
    lm.chr.input = lm_input;
    lm.chr.opaque = &lm;
    if (!sclp_console_chr_attach(&lm.chr, opts, errp)) {
        sclp_console_chr_detach(&lm.chr);
        return false;
    }
    lm.backlog = g_byte_array_new();
    sclp_event_register(&lm.event);
    dev->opaque = &lm;
    console_exists = true;
    return true;
}

static void sclp_lm_console_unrealize(DeviceState *dev)
{
    sclp_event_unregister(&lm.event);
    sclp_console_chr_detach(&lm.chr);
    g_clear_pointer(&lm.backlog, g_byte_array_unref);
    lm.event.event_pending = false;
    console_exists = false;
}

static const QomPropertyInfo sclp_lm_console_props[] = {
    { "chardev", "str", "ID of a chardev to use as a backend" },
    { "echo", "bool", "echo typed characters (default on)" },
    { NULL },
};

const DeviceTypeInfo sclp_lm_console_type = {
    .name = "sclplmconsole",
    .parent = "sclp-event",
    .props = sclp_lm_console_props,
    .realize = sclp_lm_console_realize,
    .unrealize = sclp_lm_console_unrealize,
};
